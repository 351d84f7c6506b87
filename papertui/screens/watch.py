"""The watch dialog: add a watch from a paper (one of its authors, its organization, one of
its AI keywords) or a typed term, and edit or remove the watches already kept.

Saving a watch finds its papers across the whole store, so it runs in a thread worker.
Dismisses with True when the watch list changed (the caller refreshes its marks and the
Watched count), False otherwise.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from papertui.core.models import StoredPaper
from papertui.core.store import Store
from papertui.core.watch import (
    KIND_LABELS, WATCH_KINDS, Watch, WatchError, WatchKind, add_watch, list_watches, remove_watch,
    update_watch,
)


class WatchList(OptionList):
    """The watches kept: `e` edits the highlighted one, `d` removes it."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="watch.edit",
                tooltip="Edit the highlighted watch's term"),
        Binding("d,delete", "remove", "Remove", id="watch.remove",
                tooltip="Stop watching the highlighted watch"),
    ]

    def action_edit(self) -> None:
        if isinstance(self.screen, WatchDialog):
            self.screen.start_edit()

    def action_remove(self) -> None:
        if isinstance(self.screen, WatchDialog):
            self.screen.remove_highlighted()


class WatchDialog(ModalScreen[bool]):
    """Add, edit and remove watches; `paper` offers its authors, organization, keywords."""

    DEFAULT_CSS = """
    WatchDialog { align: center middle; }
    WatchDialog > #watch-dialog {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    WatchDialog .watch-caption { color: $text-muted; margin-top: 1; }
    WatchDialog #watch-choices { height: auto; max-height: 10; }
    WatchDialog #watch-list { height: auto; max-height: 10; }
    WatchDialog #watch-kind { layout: horizontal; height: auto; }
    WatchDialog #watch-kind > RadioButton { width: auto; margin-right: 1; }
    WatchDialog #watch-error { color: $text-error; height: auto; }
    WatchDialog #watch-error.-ok { color: $text-success; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="watch.close",
                tooltip="Close the dialog (changes are already saved)"),
    ]

    def __init__(self, store: Store, paper: StoredPaper | None = None) -> None:
        super().__init__()
        self.store = store
        self.paper = paper
        self.changed = False
        self.editing: Watch | None = None
        self.watches: list[Watch] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="watch-dialog"):
            yield Label(Content.styled("Watch list", "bold"))
            if self.paper is not None:
                yield Label(Content.assemble("Watch from ",
                                             Content.styled(self.paper.paper.title, "italic"),
                                             " (enter adds):"), classes="watch-caption")
                yield OptionList(*self._paper_choices(), id="watch-choices")
            yield Label(Content("Or type a term (keyword: words, \"a phrase\", -word to "
                                "exclude):"), classes="watch-caption")
            with RadioSet(id="watch-kind"):
                for kind in WATCH_KINDS:
                    yield RadioButton(KIND_LABELS[kind], value=kind == "keyword",
                                      id=f"kind-{kind}")
            yield Input(placeholder="e.g. diffusion -video", id="watch-term")
            yield Label(Content(""), id="watch-error")
            yield Label(Content("Watching (e edit · d remove):"), classes="watch-caption")
            yield WatchList(id="watch-list")
            yield Label(Content("enter add/save · esc close"), classes="hint")

    def _paper_choices(self) -> list[Option]:
        """The paper's organization, authors and AI keywords as ready-made watches."""
        assert self.paper is not None
        paper = self.paper.paper
        choices: list[tuple[WatchKind, str]] = []
        if paper.organization:
            choices.append(("org", paper.organization))
        choices += [("author", name) for name in paper.authors[:30]]
        choices += [("keyword", keyword) for keyword in paper.ai_keywords[:30]]
        if paper.submitter:
            choices.append(("submitter", paper.submitter))
        return [Option(Content.assemble(Content.styled(f"{KIND_LABELS[kind]}: ", "dim"),
                                        Content(term)), id=f"{kind}\n{term}")
                for kind, term in choices]

    def on_mount(self) -> None:
        focus = self.query("#watch-choices").first() if self.paper else None
        (focus or self.query_one("#watch-term", Input)).focus()
        self.reload()

    # -- the store, in workers --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch-read", exit_on_error=False)
    def reload(self) -> list[Watch]:
        return list_watches(self.store)

    @work(thread=True, exclusive=True, group="watch-write", exit_on_error=False)
    def save(self, kind: str, term: str, editing: Watch | None) -> str:
        if editing is not None:
            watch = update_watch(self.store, editing.id, term)
            return f"now watching {watch.label}"
        return f"watching {add_watch(self.store, kind, term).label}"

    @work(thread=True, exclusive=True, group="watch-write", exit_on_error=False)
    def drop_watch(self, watch: Watch) -> str:
        return f"stopped watching {remove_watch(self.store, watch.id).label}"

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            if worker.group == "watch-read":
                self._show_watches(worker.result or [])
            elif worker.group == "watch-write":
                self.changed = True
                self.editing = None
                self.query_one("#watch-term", Input).value = ""
                self._message(str(worker.result), ok=True)
                self.reload()
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, WatchError):
                self._message(f"Not saved: {error}.")
            else:
                self._message(str(error) or type(error).__name__)

    # -- what the user does -----------------------------------------------------------------

    def _message(self, text: str, *, ok: bool = False) -> None:
        label = self.query_one("#watch-error", Label)
        label.set_class(ok, "-ok")
        label.update(Content(text))

    def _show_watches(self, watches: list[Watch]) -> None:
        self.watches = watches
        options = self.query_one("#watch-list", WatchList)
        options.clear_options()
        if not watches:
            options.add_option(Option(Content("(nothing watched yet)"), disabled=True))
        options.add_options([Option(Content.assemble(
            Content.styled(f"{KIND_LABELS[w.kind]}: ", "dim"), Content(w.term)), id=str(w.id))
            for w in watches])

    @property
    def kind(self) -> str:
        pressed = self.query_one("#watch-kind", RadioSet).pressed_button
        return (pressed.id or "kind-keyword").removeprefix("kind-") if pressed else "keyword"

    @on(OptionList.OptionSelected, "#watch-choices")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, term = (event.option.id or "").partition("\n")
        self.save(kind, term, None)

    @on(Input.Submitted, "#watch-term")
    def _term_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save(self.kind, event.value, self.editing)

    def highlighted(self) -> Watch | None:
        """The watch under the cursor in the list of watches."""
        options = self.query_one("#watch-list", WatchList)
        index = options.highlighted
        if index is None:
            return None
        option_id = options.get_option_at_index(index).id
        return next((w for w in self.watches if str(w.id) == option_id), None)

    def start_edit(self) -> None:
        """Put the highlighted watch's term in the box; Enter saves it."""
        watch = self.highlighted()
        if watch is None:
            return
        self.editing = watch
        self.query_one(f"#kind-{watch.kind}", RadioButton).value = True
        term = self.query_one("#watch-term", Input)
        term.value = watch.term
        term.focus()
        self._message(f"Editing {watch.label}: enter saves, esc closes.", ok=True)

    def remove_highlighted(self) -> None:
        watch = self.highlighted()
        if watch is not None:
            self.drop_watch(watch)

    def action_close(self) -> None:
        self.dismiss(self.changed)
