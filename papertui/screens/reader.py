"""The full-text reader: a paper's Markdown on the whole screen, with a table of contents,
find in text, and the reading position remembered per paper.

Push `ReaderScreen(store, paper_id, title=..., pdf_url=..., base_url=...)`: it reads the
stored text in a worker, fetches it first when it is missing and a `base_url` is given
(None: offline), and saves where the user was when it closes.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from papertui.core.fetch import ClientOptions
from papertui.core.models import ARXIV_PDF
from papertui.core.store import Store
from papertui.widgets.full_text import FullTextView
from papertui.widgets.reader_keys import READER_BINDINGS

if TYPE_CHECKING:  # the parsers load when a reader opens: the app imports this for its keys
    from papertui.core.context import FullText


class ReaderScreen(Screen):
    """One paper's full text. Esc goes back."""

    BINDINGS = READER_BINDINGS
    DEFAULT_CSS = """
    ReaderScreen { layout: vertical; }
    ReaderScreen > #reader-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ReaderScreen > Horizontal { height: 1fr; }
    ReaderScreen #reader-toc { width: 36; height: 1fr; border-right: vkey $panel-lighten-2; }
    ReaderScreen #reader-toc.hidden { display: none; }
    ReaderScreen FullTextView { width: 1fr; height: 1fr; }
    ReaderScreen #reader-find { dock: bottom; display: none; }
    ReaderScreen #reader-find.open { display: block; }
    ReaderScreen > #reader-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, store: Store, paper_id: str, *, title: str = "", pdf_url: str = "",
                 base_url: str | None = None, client_options: ClientOptions | None = None,
                 refresh_hours: float = 24.0) -> None:
        super().__init__()
        self.store = store
        self.paper_id = paper_id
        self.title_text = title or paper_id
        self.pdf_url = pdf_url or ARXIV_PDF.format(id=paper_id)
        self.base_url = base_url
        self.client_options = client_options
        self.refresh_hours = refresh_hours
        self.full_text: FullText | None = None
        self._loaded_line = -1

    def compose(self) -> ComposeResult:
        yield Static(Content(self.title_text), id="reader-title")
        with Horizontal():
            yield OptionList(id="reader-toc", classes="hidden")
            yield FullTextView(id="reader-text")
        yield Input(placeholder="Find in the text (Enter: next, Esc: close)", id="reader-find")
        yield Static(Content("Loading the full text…"), id="reader-status")

    @property
    def text_view(self) -> FullTextView:
        return self.query_one(FullTextView)

    def on_mount(self) -> None:
        self.text_view.focus()
        self.watch(self.text_view, "scroll_y", self._scrolled, init=False)
        self._load()

    @work(thread=True, exclusive=True, group="reader-load", exit_on_error=False)
    def _load(self) -> None:
        from papertui.core.context_store import load_full_text, reading_position

        text = load_full_text(self.store, self.paper_id)
        line = reading_position(self.store, self.paper_id)
        self.app.call_from_thread(self._loaded, text, line)

    def _loaded(self, text: FullText | None, line: int) -> None:
        if text is None and self.base_url is not None:
            self._status("Fetching the full text from Hugging Face…")
            self._fetch()
            return
        self.full_text = text
        if text is None or not text.available:
            why = text.problem if text else "The full text is not cached yet; papertui is offline."
            self._status(f"{why}  Press p to open the PDF.")
            return
        self._loaded_line = line
        self.text_view.set_text(text.markdown, line)
        toc = self.query_one("#reader-toc", OptionList)
        toc.clear_options()
        toc.add_options([Option(Content("  " * (h.level - 1) + h.title), id=f"h{h.line}")
                         for h in self.text_view.headings])
        self._update_status()

    @work(exclusive=True, group="reader-fetch", exit_on_error=False)
    async def _fetch(self) -> None:
        from papertui.core.context_fetch import fetch_context

        summary = await fetch_context(self.store, [self.paper_id], base_url=self.base_url or "",
                                      client_options=self.client_options,
                                      refresh_hours=self.refresh_hours)
        self.base_url = None  # one attempt: what it got (or why not) is shown next
        if summary.errors:
            self.notify(next(iter(summary.errors.values())), severity="warning", markup=False)
        self._load()

    # -- status --------------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self.query_one("#reader-status", Static).update(Content(text))

    def _update_status(self) -> None:
        view = self.text_view
        if not view.lines:
            return
        line = view.top_line
        # How much has been on screen: 100% once the end is, however short the text.
        seen = min(len(view.rows), int(view.scroll_y) + view.scrollable_content_region.height)
        percent = 100 * seen // max(1, len(view.rows))
        parts = [f"line {line + 1:,} of {len(view.lines):,} ({percent}%)"]
        if view.matches:
            parts.append(f"match {view.match_index + 1:,} of {len(view.matches):,}")
        parts.append("/ find · t contents · l links · p PDF · Esc back")
        self._status(" · ".join(parts))

    def _scrolled(self, _y: float) -> None:
        self._update_status()

    # -- find ---------------------------------------------------------------------------------

    def action_find(self) -> None:
        find = self.query_one("#reader-find", Input)
        find.add_class("open")
        find.focus()

    @on(Input.Submitted, "#reader-find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        view = self.text_view
        if view.matches and getattr(self, "_last_query", None) == event.value:
            view.next_match()
        else:
            self._last_query = event.value
            if view.find(event.value) == 0 and event.value:
                self.notify(f"Not found: {event.value[:60]}", markup=False)
        self._update_status()

    def action_next_match(self) -> None:
        self.text_view.next_match(1)
        self._update_status()

    def action_previous_match(self) -> None:
        self.text_view.next_match(-1)
        self._update_status()

    # -- contents, PDF, back -----------------------------------------------------------------

    def action_contents(self) -> None:
        toc = self.query_one("#reader-toc", OptionList)
        if toc.has_class("hidden") or not toc.has_focus:
            toc.remove_class("hidden")
            toc.focus()
        else:
            toc.add_class("hidden")
            self.text_view.focus()

    @on(OptionList.OptionSelected, "#reader-toc")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        line = int((event.option.id or "h0")[1:])
        self.text_view.scroll_to_line(line)
        self.text_view.focus()
        self._update_status()

    def action_pdf(self) -> None:
        self.app.open_url(self.pdf_url)

    def action_back(self) -> None:
        find = self.query_one("#reader-find", Input)
        if find.has_focus or find.has_class("open"):
            find.remove_class("open")
            self.text_view.focus()
            return
        self.save_position()
        self.dismiss()

    def save_position(self) -> None:
        """Remember the line at the top, in a worker that outlives the screen."""
        if not self.text_view.lines:
            return
        line = self.text_view.top_line
        if line != self._loaded_line:
            from papertui.core.context_store import save_reading_position

            self._loaded_line = line
            self.app.run_worker(partial(save_reading_position, self.store, self.paper_id, line),
                                thread=True, group="reader-position", exit_on_error=False)
