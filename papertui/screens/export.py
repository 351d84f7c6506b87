"""The export dialog: what to export, in which format, to which file.

The file's full path is shown (and editable) before anything is written; writing runs in a
worker so a large export never freezes the app; an existing file is only replaced after the
user says so, inside the dialog. Dismisses with a one-line report for the app to show, or
None when the user cancels.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal, get_args

import platformdirs
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState, get_current_worker

from papertui.core.config import Config
from papertui.core.context_store import context_summaries
from papertui.core.export import SUFFIXES, render
from papertui.core.files import resolve_in, safe_filename, write_file
from papertui.core.models import EXPORT_FORMATS, ExportFormat, StoredPaper
from papertui.core.query import FilterSpec
from papertui.core.safety import clean_line
from papertui.core.store import Store
from papertui.core.wording import plural
from papertui.core.watch import watches_json

Scope = Literal["bookmarks", "visible", "selected"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
FORMAT_LABELS: dict[ExportFormat, str] = {
    "md": "Markdown", "bibtex": "BibTeX", "json": "JSON (backup)", "csv": "CSV"}
# The radio buttons' ids, back to what they choose.
_SCOPE_IDS: dict[str, Scope] = {f"scope-{scope}": scope for scope in SCOPES}
_FORMAT_IDS: dict[str, ExportFormat] = {f"format-{fmt}": fmt for fmt in EXPORT_FORMATS}


class NothingToExport(Exception):
    """The chosen scope holds no papers."""


def default_folder(config: Config) -> Path:
    """Where exports go unless the user says otherwise: the configured folder, else the
    user's documents folder when it exists, else the current folder."""
    if config.export_dir.strip():
        return Path(config.export_dir).expanduser()
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.cwd()


class ExportScreen(ModalScreen[str | None]):
    """Export bookmarks, the visible papers or the selected paper to a file."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen > #export-dialog {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        overflow-y: auto;  /* a short terminal scrolls the dialog rather than cutting it */
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ExportScreen #export-title {
        text-style: bold;
        width: 100%;
        content-align: center middle;
    }
    ExportScreen .export-caption {
        color: $text-muted;
        margin-top: 1;
    }
    ExportScreen #export-format {
        layout: horizontal;
    }
    ExportScreen #export-format > RadioButton {
        width: auto;
        margin-right: 2;
    }
    ExportScreen #export-target {
        color: $text-muted;
    }
    ExportScreen #export-status {
        color: $text-error;
        height: auto;
    }
    ExportScreen #export-confirm {
        display: none;
        height: auto;
        border: tall $warning;
        padding: 0 1;
    }
    ExportScreen #export-confirm.-visible {
        display: block;
    }
    ExportScreen #export-confirm Horizontal, ExportScreen #export-buttons {
        height: auto;
        align-horizontal: right;
    }
    ExportScreen Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel",
                tooltip="Close the dialog without writing anything"),
        Binding("ctrl+s", "export", "Export", id="export.write",
                tooltip="Write the file shown under the path"),
    ]

    def __init__(self, *, store: Store, visible: FilterSpec, selected_id: str | None,
                 config: Config) -> None:
        super().__init__()
        self.store = store
        self.visible_spec = visible  # not `visible`: a widget attribute already
        self.selected_id = selected_id
        self.config = config
        self.folder = default_folder(config)
        self.scope: Scope = "bookmarks"
        self.fmt: ExportFormat = "md"
        self._selected_title = ""
        self._default_path = ""
        self._pending: Path | None = None  # the file waiting for an overwrite answer

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label("Export papers", id="export-title")
            yield Label("What", classes="export-caption")
            with RadioSet(id="export-scope"):
                yield RadioButton("Bookmarks", value=True, id="scope-bookmarks")
                yield RadioButton("What is visible now", id="scope-visible")
                yield RadioButton("The selected paper", id="scope-selected",
                                  disabled=self.selected_id is None)
            yield Label("Format", classes="export-caption")
            with RadioSet(id="export-format"):
                for fmt, label in FORMAT_LABELS.items():
                    yield RadioButton(label, value=fmt == "md", id=f"format-{fmt}")
            yield Label("File (Enter to export)", classes="export-caption")
            yield Input(id="export-path", select_on_focus=False)
            yield Static(id="export-target", markup=False)
            yield Static(id="export-status", markup=False)
            with Vertical(id="export-confirm"):
                yield Static(id="export-confirm-text", markup=False)
                with Horizontal():
                    yield Button("Overwrite", id="export-overwrite", variant="warning")
                    yield Button("Keep it", id="export-keep")
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._set_default_path()
        self.query_one("#export-scope", RadioSet).focus()
        self._load_counts()

    # -- what is shown --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="export-counts", exit_on_error=False)
    def _load_counts(self) -> None:
        """Count each scope's papers (SQL stays off the UI thread)."""
        bookmarks = self.store.count(FilterSpec(bookmarked=True))
        visible = self.store.count(self.visible_spec)
        selected = self.store.get(self.selected_id) if self.selected_id else None
        self.app.call_from_thread(self._show_counts, bookmarks, visible, selected)

    def _show_counts(self, bookmarks: int, visible: int, selected: StoredPaper | None) -> None:
        if not self.is_attached:  # the user closed the dialog before the counts came
            return
        self.query_one("#scope-bookmarks", RadioButton).label = f"Bookmarks ({bookmarks:,})"
        self.query_one("#scope-visible", RadioButton).label = f"What is visible now ({visible:,})"
        if selected is not None:
            self._selected_title = selected.paper.title
            # Remote text: a Content is never parsed as markup.
            self.query_one("#scope-selected", RadioButton).label = Content(
                f"The selected paper: {clean_line(selected.paper.title) or selected.paper.id}")
            if self.scope == "selected":
                self._set_default_path()

    def _default_name(self) -> str:
        suffix = SUFFIXES[self.fmt]
        if self.scope == "selected" and self.selected_id:
            title = " ".join(self._selected_title.split()[:10])
            return safe_filename(f"{title} {self.selected_id}".strip(), suffix)
        return f"papertui-{self.scope}-{dt.date.today().isoformat()}{suffix}"

    def _set_default_path(self) -> None:
        """Put the default path in the input, unless the user has typed their own."""
        path_input = self.query_one("#export-path", Input)
        if path_input.value and path_input.value != self._default_path:
            return
        try:
            target = resolve_in(self.folder, self._default_name())
        except ValueError:
            target = resolve_in(self.folder, f"papertui-export{SUFFIXES[self.fmt]}")
        self._default_path = str(target)
        path_input.value = self._default_path
        path_input.cursor_position = len(self._default_path)
        self._show_target()

    def target(self) -> Path | None:
        """The file the input names, made absolute (a bare name goes in the default folder)."""
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            return None
        path = Path(value).expanduser()
        return path if path.is_absolute() else (self.folder / path).absolute()

    def _show_target(self) -> None:
        path = self.target()
        text = f"Will write {path}" if path else "Type the file to write."
        self.query_one("#export-target", Static).update(text)

    def _status(self, text: str) -> None:
        # One clean line: it can quote an error (the Static is made with markup=False).
        self.query_one("#export-status", Static).update(clean_line(text))

    def _confirm(self, path: Path | None) -> None:
        self._pending = path
        box = self.query_one("#export-confirm")
        box.set_class(path is not None, "-visible")
        if path is not None:
            self.query_one("#export-confirm-text", Static).update(
                f"{path} already exists. Overwrite it?")
            button = self.query_one("#export-overwrite", Button)
            button.focus()
            # The question was hidden until now: scroll to it once it has been laid out.
            self.call_after_refresh(box.scroll_visible, animate=False)

    # -- the user's choices ---------------------------------------------------------------

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        self.scope = _SCOPE_IDS.get(event.pressed.id or "", "bookmarks")
        self._confirm(None)
        self._status("")
        self._set_default_path()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = _FORMAT_IDS.get(event.pressed.id or "", "md")
        self._confirm(None)
        self._status("")
        self._set_default_path()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm(None)
        self._status("")
        self._show_target()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#export-overwrite")
    def _overwrite_pressed(self) -> None:
        if self._pending is not None:
            self._start(self._pending, force=True)

    @on(Button.Pressed, "#export-keep")
    def _keep_pressed(self) -> None:
        self._confirm(None)
        self._status("Nothing written: choose another file name.")
        self.query_one("#export-path", Input).focus()

    def action_cancel(self) -> None:
        """Close without writing; while asking about overwriting, just stop asking."""
        if self._pending is not None:
            self._keep_pressed()
            return
        self.workers.cancel_group(self, "export-write")
        self.dismiss(None)

    def action_export(self) -> None:
        """Write the chosen papers to the file shown."""
        path = self.target()
        if path is None:
            self._status("Type the file to write.")
            self.query_one("#export-path", Input).focus()
            return
        self._start(path, force=False)

    # -- writing --------------------------------------------------------------------------

    def _start(self, path: Path, *, force: bool) -> None:
        self._confirm(None)
        self._status("")
        self.query_one("#export-go", Button).disabled = True
        self.query_one("#export-target", Static).update(f"Writing {path}…")
        self._write(self.scope, self.fmt, path, force)

    @work(thread=True, exclusive=True, group="export-write", exit_on_error=False)
    def _write(self, scope: Scope, fmt: ExportFormat, path: Path, force: bool) -> tuple[int, Path] | None:
        papers = self._papers(scope)
        if not papers:
            raise NothingToExport({
                "bookmarks": "There are no bookmarked papers to export.",
                "visible": "No papers are visible now: nothing to export.",
                "selected": "No paper is selected: nothing to export.",
            }[scope])
        watches = watches_json(self.store) if fmt == "json" else None  # a backup keeps them
        contexts = context_summaries(self.store, [stored.paper.id for stored in papers])
        text = render(papers, fmt, summary=self.config.export_summary, watches=watches,
                      contexts=contexts)
        if get_current_worker().is_cancelled:  # Esc while rendering: write nothing
            return None
        write_file(path, text, force=force)
        return len(papers), path

    def _papers(self, scope: Scope) -> list[StoredPaper]:
        if scope == "visible":
            return self.store.select(self.visible_spec)
        if scope == "selected":
            stored = self.store.get(self.selected_id) if self.selected_id else None
            return [stored] if stored else []
        return self.store.select(FilterSpec(bookmarked=True, sort="date"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place for the writer's outcome: report, ask to overwrite, or say what failed."""
        worker = event.worker
        if worker.group == "export-counts" and event.state == WorkerState.ERROR:
            error = worker.error
            self._status(f"Could not count the papers to export: {error or type(error).__name__}")
            return
        if worker.group != "export-write" or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.query_one("#export-go", Button).disabled = False
        self._show_target()
        if event.state == WorkerState.SUCCESS:
            if worker.result is not None:  # None: cancelled, and the dialog is gone
                count, path = worker.result
                self.dismiss(f"exported {plural(count, 'paper')} to {path}")
            return
        error = worker.error
        if isinstance(error, FileExistsError):
            self._confirm(Path(error.filename) if error.filename else self.target())
        elif isinstance(error, NothingToExport):
            self._status(str(error))
        elif isinstance(error, OSError):
            where = error.filename or self.target()
            self._status(f"Cannot write {where}: {error.strerror or error}")
            self.query_one("#export-path", Input).focus()
        else:
            self._status(f"Export failed: {error}")
