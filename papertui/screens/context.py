"""The paper's context and the papers like it: the context tabs shown and fetched as the
cursor rests or a paper is opened, the related papers in the detail, `L` listing them, and
the full-text reader. A part of MainScreen (its methods take `self: MainScreenParts`); the
context view's messages are handled by name, as in filtering.py.

The modules behind them load on first use: most starts never need them."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer
from textual.worker import get_current_worker

from papertui.core.listing import Listing
from papertui.core.models import StoredPaper
from papertui.core.safety import clean_line
from papertui.screens.parts import MainScreenParts
from papertui.widgets.paper_context import PaperContextView

if TYPE_CHECKING:
    from papertui.core.for_you import ForYou

RELATED_LISTED = 50  # how many related papers L lists
RELATED_SHOWN = 5  # and the detail shows
RELATED_DELAY = 0.15  # seconds the cursor rests before they are looked for


class PaperContext:
    """Context tabs, related papers and the reader."""

    _for_you: ForYou | None = None
    before_related: tuple[Listing, int] | None = None  # where L was pressed
    _related_timer: Timer | None = None

    def action_list_related(self: MainScreenParts) -> None:
        paper = self.require_paper()
        if paper is None:
            return
        if self.listing.period != "related":
            self.before_related = (self.listing, paper.rowid)
        self.filters.set_search_text("")
        self.show_listing(self.listing.related(paper.rowid, clean_line(paper.paper.title)),
                          cursor="top")

    @property
    def for_you(self: MainScreenParts) -> ForYou:
        """The for-you order and related papers' shared word statistics, made when first
        needed: its module is not worth importing at every start."""
        if self._for_you is None:
            from papertui.core.for_you import ForYou

            self._for_you = ForYou(self.store)
        return self._for_you

    def schedule_related(self: MainScreenParts, paper: StoredPaper | None) -> None:
        """Find the related papers, and show the stored context, once the cursor rests:
        holding j costs no ranking and no tab relabelling."""
        if self._related_timer is not None:
            self._related_timer.stop()
        if paper is not None:
            self._related_timer = self.set_timer(RELATED_DELAY, partial(self._rested, paper))

    def _rested(self: MainScreenParts, paper: StoredPaper) -> None:
        self.load_related(paper)
        if self.context.paper_id != paper.paper.id:
            self.show_context(paper, fetch=False)

    def show_context(self: MainScreenParts,
                     paper: StoredPaper, *, fetch: bool, force: bool = False) -> None:
        """Show what the store knows of the paper's context; with `fetch`, fetch it when it
        is missing or stale (and online), then show it again."""
        from papertui.core.context_store import load_context, needs_context

        paper_id = paper.paper.id
        stale = force or needs_context(self.store, paper_id,
                                       refresh_hours=self.config.context_refresh_hours)
        fetching = fetch and stale and not self.offline
        self.context.show(paper_id, load_context(self.store, paper_id), fetching=fetching,
                          offline=self.offline)
        if fetching:
            self.fetch_context(paper_id, force)

    @work(exclusive=True, group="context", exit_on_error=False)
    async def fetch_context(self: MainScreenParts, paper_id: str, force: bool) -> None:
        from papertui.core.context_fetch import fetch_context
        from papertui.core.context_store import load_context

        summary = await fetch_context(
            self.store, [paper_id], base_url=self.base_url, client_options=self.client_options,
            refresh_hours=self.config.context_refresh_hours, force=force, full_text=False)
        stored = self.store.get(paper_id)
        if stored is not None:
            self.paper_list.forget(stored.rowid)  # its row's badge: its models are known now
            self.schedule_counts()  # and Has models may count it
        if self.context.paper_id == paper_id:
            self.context.show(paper_id, load_context(self.store, paper_id),
                              error=summary.errors.get(paper_id, ""))

    def on_paper_context_view_refresh_requested(self: MainScreenParts,
                                                event: PaperContextView.RefreshRequested) -> None:
        paper = self.paper_list.highlighted
        if self.offline:
            self.notify("papertui is offline (--offline): the stored context is shown.",
                        markup=False)
        elif paper is not None and paper.paper.id == event.paper_id:
            self.show_context(paper, fetch=True, force=True)

    def on_paper_context_view_read_requested(self: MainScreenParts,
                                             event: PaperContextView.ReadRequested) -> None:
        from papertui.screens.reader import ReaderScreen

        paper = self.paper_list.highlighted
        if paper is None or paper.paper.id != event.paper_id:
            return
        self.app.push_screen(ReaderScreen(
            self.store, paper.paper.id, title=clean_line(paper.paper.title),
            pdf_url=paper.paper.pdf_url, base_url=None if self.offline else self.base_url,
            client_options=self.client_options,
            refresh_hours=self.config.context_refresh_hours))

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def load_related(self: MainScreenParts, paper: StoredPaper) -> None:
        from papertui.core.related import related_papers

        worker = get_current_worker()
        related = related_papers(self.store, paper.rowid, limit=RELATED_SHOWN,
                                 corpus=self.for_you.corpus)
        why = self.for_you.reason(paper.rowid) if self.listing.sort == "for-you" else ""
        from papertui.core.watch import matching_watches

        watching = [watch.label for watch in matching_watches(self.store, paper)]
        if not worker.is_cancelled:
            self.app.call_from_thread(self.detail.show_related, paper.paper.id, related, why,
                                      watching)
