"""The main screen: filters, the paper list and the paper detail.

What is listed is one `Listing` (core/listing.py), a plain value the screen replaces as the
user acts; the screen renders it into the panes and asks the store for its papers in
workers. The panes keep no copy of it: they only report what the user did.

Parts of this screen live in files of their own, one concern each: search and filters
(filtering.py), the paper's context and related papers (context.py), the watch list
(watching.py), acting on papers (paper_actions.py), fetching (refresh.py) and the layout and
focus of the panes (panes.py).
`MainScreenParts` (parts.py) says what they use of it. The keys of all of them are declared
here, in one list, in the order help shows them.
"""

from __future__ import annotations

import datetime as dt
from array import array
from functools import partial
from pathlib import Path
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input
from textual.worker import Worker, WorkerState, get_current_worker

from papertui.core.config import Config
from papertui.core.fetch import ClientOptions
from papertui.core.listing import Listing, recall, remember
from papertui.core.models import StoredPaper, View
from papertui.core.query import RANK_SMALL_MATCHES, FilterSpec
from papertui.core.store import Store
from papertui.core.wording import plural, short_date
from papertui.screens.context import RELATED_LISTED, PaperContext
from papertui.screens.filtering import Filtering
from papertui.screens.paper_actions import PaperActions
from papertui.screens.panes import READING_WIDTH, Panes
from papertui.screens.refresh import Refreshing
from papertui.screens.watching import Watching
from papertui.widgets.filter_pane import FilterPane
from papertui.widgets.key_bar import KeyBar
from papertui.widgets.paper_context import PaperContextView
from papertui.widgets.paper_detail import PaperDetail
from papertui.widgets.paper_list import PaperList
from papertui.widgets.status_bar import StatusBar

FIRST_PAGE = 120  # keys read before the first paint; the rest follow in a worker
FEW_MATCHES = 5  # a search with fewer matches in its period offers to search everything
COUNTS_DELAY = 0.2  # seconds of quiet typing before the per-filter counts are recounted


# Where the cursor goes in a new list: "top", "keep" (the paper it is on, if still listed,
# else the same row), or the store key of a paper to stay on.
Cursor = Literal["top", "keep"] | int


class MainScreen(Filtering, PaperContext, Watching, PaperActions, Refreshing, Panes,
                 Screen[None]):
    """Filters, the paper list and the paper detail."""

    BINDINGS = [
        Binding("tab", "cycle_panes", "Next pane", show=False, id="cycle_panes",
                tooltip="Move to the next pane: filters, list, detail"),
        Binding("shift+tab", "cycle_panes(-1)", "Previous pane", show=False,
                id="cycle_panes_back", tooltip="Move to the previous pane"),
        # A priority binding runs as the key arrives, before the keys typed after it are
        # handed to the focused widget: "/robotics" typed fast (or pasted, or sent by tmux in
        # one write) lands in the search box instead of reaching the list as r, o, b...
        Binding("slash", "focus_search", "Search", id="focus_search", priority=True,
                tooltip="Type to search the cached papers"),
        # Enter and Esc in the search box, as priority bindings for the reason "/" is one: the
        # keys typed after them go to the list. Elsewhere they fall through to the usual keys.
        Binding("enter", "submit_search", "Rank by relevance", show=False, priority=True),
        Binding("escape", "leave_search", "Clear search", show=False, priority=True),
        Binding("escape", "escape", "Clear search", show=False, id="clear_search",
                tooltip="Clear the search, or go back to the list"),
        Binding("o", "open_link('hf')", "HF page", show=False, id="open_hf",
                tooltip="Open the paper's Hugging Face page"),
        Binding("a", "open_link('arxiv')", "arXiv", show=False, id="open_arxiv",
                tooltip="Open the paper on arXiv"),
        Binding("p", "open_link('pdf')", "PDF", show=False, id="open_pdf",
                tooltip="Open the paper's PDF"),
        Binding("c", "open_link('code')", "Code", id="open_code",
                tooltip="Open the paper's GitHub repository"),
        Binding("w", "open_link('project')", "Project page", show=False, id="open_project",
                tooltip="Open the paper's project page"),
        Binding("b", "toggle_bookmark", "Bookmark", id="toggle_bookmark",
                tooltip="Bookmark the paper, or remove the bookmark"),
        Binding("r", "toggle_read", "Read", id="toggle_read",
                tooltip="Mark the paper read or unread"),
        Binding("R", "mark_all_read", "All read", show=False, id="mark_all_read",
                tooltip="Mark every paper in the list read (asks first)"),
        Binding("h", "toggle_hide_read", "Hide read", id="toggle_hide_read",
                tooltip="Hide or show read papers"),
        Binding("left_square_bracket", "step_day(-1)", "Previous day", show=False,
                id="previous_day", tooltip="Show the previous day"),
        Binding("right_square_bracket", "step_day(1)", "Next day", show=False,
                id="next_day", tooltip="Show the next day"),
        Binding("f", "refresh", "Refresh", id="refresh",
                tooltip="Fetch the current view from Hugging Face again"),
        Binding("e", "export", "Export", show=False, id="export",
                tooltip="Export bookmarks (Markdown, BibTeX, JSON)"),
        Binding("n", "edit_note", "Note", show=False, id="edit_note",
                tooltip="Write a note on the paper"),
        Binding("t", "edit_tags", "Tags", show=False, id="edit_tags",
                tooltip="Edit the paper's tags"),
        Binding("y", "copy_link", "Copy link", show=False, id="copy_link",
                tooltip="Copy the paper's Hugging Face link"),
        Binding("J", "step_paper(1)", "Next paper", show=False, id="next_paper",
                tooltip="Next paper, from the list or while reading"),
        Binding("K", "step_paper(-1)", "Previous paper", show=False, id="previous_paper",
                tooltip="Previous paper, from the list or while reading"),
        Binding("N", "next_unread", "Next unread", show=False, id="next_unread",
                tooltip="Move to the next unread paper in the list"),
        Binding("u", "undo", "Undo", show=False, id="undo",
                tooltip="Undo the last bookmark or read mark (R included)"),
        Binding("s", "cycle_sort", "Sort", show=False, id="cycle_sort",
                tooltip="Sort by the next order: upvotes, date, GitHub stars"),
        Binding("B", "toggle_filter('bookmarked')", "Bookmarked only", show=False,
                id="toggle_bookmarked_only", tooltip="List only bookmarked papers, or all"),
        Binding("C", "toggle_filter('has_code')", "Has code", show=False, id="toggle_has_code",
                tooltip="List only papers with code, or all"),
        Binding("M", "toggle_filter('has_models')", "Has models", show=False,
                id="toggle_has_models", tooltip="List only papers with linked models, or all"),
        Binding("m", "minimum_upvotes", "Minimum upvotes", show=False, id="minimum_upvotes",
                tooltip="Set the minimum of upvotes (in the filter pane)"),
        Binding("exclamation_mark", "toggle_filter('watched')", "Watched only", show=False,
                id="toggle_watched", tooltip="List only papers your watch list matches, or all"),
        Binding("W", "watch", "Watch", show=False, id="watch",
                tooltip="Watch this paper's author, organization or keyword; edit the watches"),
        Binding("ctrl+n", "list_new_watched", "New watched", show=False,
                id="list_new_watched",
                tooltip="List the watched papers new since the last start"),
        Binding("L", "list_related", "Related", show=False, id="list_related",
                tooltip="List the papers most like this one (Esc comes back)"),
        Binding("x", "toggle_not_interested", "Not interested", show=False,
                id="toggle_not_interested",
                tooltip="Not interested: left out of the for-you order (x again takes it back)"),
        Binding("T", "trends", "Trends", show=False, id="trends",
                tooltip="Charts of papers, upvotes, code and rising keywords"),
        Binding("number_sign", "filter_by_tag", "Filter by tag", show=False,
                id="filter_by_tag", tooltip="List only papers with one of your tags"),
        Binding("0", "reset_filters", "Reset filters", show=False, id="reset_filters",
                tooltip="Clear every filter and the search"),
        Binding("d", "go_to_date", "Go to date", show=False, id="go_to_date",
                tooltip="List the papers of a date you type"),
        # Priority, so that it works from the search box, where it is most wanted.
        Binding("ctrl+g", "search_everything", "Search all", show=False, priority=True,
                id="search_everything",
                tooltip="Search every cached paper, not only the period listed"),
        Binding("f2", "toggle_pane('filters')", "Filters", show=False, id="toggle_filters",
                tooltip="Show or hide the filter pane"),
        Binding("f3", "toggle_pane('detail')", "Detail", show=False, id="toggle_detail",
                tooltip="Show or hide the detail pane"),
    ]

    class FirstPaint(Message):
        """The list's first rows are on the terminal."""

    def __init__(self, store: Store, config: Config, *, offline: bool, base_url: str,
                 today: dt.date, client_options: ClientOptions | None = None,
                 data_dir: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.offline = offline
        self.base_url = base_url
        self.client_options: ClientOptions = client_options or {}
        listing = Listing.start(today=today, start_view=config.start_view, sort=config.sort)
        if config.remember_view and data_dir is not None:
            listing = recall(listing, data_dir)
        self.listing = listing.anchored(store.newest_day(listing.view))
        self.data_dir = data_dir
        self.order: str = self.listing.sort  # what the list on screen is ordered by
        self.fetch_error = ""
        self._one_day: tuple[View | None, bool] = (None, False)  # lists_one_day's answer
        self._read_timer: Timer | None = None
        self._counts_timer: Timer | None = None

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.lay_out(self.app.size.width)
        yield Header(icon="≡")
        with Horizontal(id="body"):
            yield FilterPane(id="filters")
            with Container(id="papers"):
                yield PaperList(self.store.papers_by_key, id="list")
                # The detail is the first tab of the paper's context.
                yield PaperContextView(overview=PaperDetail(id="detail"), id="context")
        yield StatusBar(id="status")
        yield KeyBar(id="keys")

    @property
    def paper_list(self) -> PaperList:
        return self.query_one("#list", PaperList)

    @property
    def detail(self) -> PaperDetail:
        return self.query_one("#detail", PaperDetail)

    @property
    def context(self) -> PaperContextView:
        return self.query_one("#context", PaperContextView)

    @property
    def filters(self) -> FilterPane:
        return self.query_one("#filters", FilterPane)

    @property
    def status(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    @property
    def selected(self) -> StoredPaper | None:
        """The paper the detail pane shows."""
        return self.detail.paper

    def on_mount(self) -> None:
        # The first paint needs only the first screenful; the whole list follows.
        first = self.store.select_keys(self.listing.spec, FIRST_PAGE)
        newest = self.store.newest_day()
        if not first and self.listing.period != "all" and newest:
            # Nothing in the start view (say the latest batch was never fetched, only days
            # by `papertui fetch`): open on the newest cached day rather than on nothing.
            self.listing = self.listing.on_day(newest)
            first = self.store.select_keys(self.listing.spec, FIRST_PAGE)
        self.show_keys(self.listing.question, first, partial=True)
        self.set_focus(self.paper_list)
        self.show_filter_state()
        self.filters.show_tags(self.store.tags())
        self.call_after_refresh(self.post_message, self.FirstPaint())
        self.load_keys()
        if self.offline:
            self.status.set_message(self.offline_message())
        else:
            self.call_after_refresh(self.refresh_views, False)
        self.call_after_refresh(self.begin_visit)

    def on_unmount(self) -> None:
        if self.config.remember_view and self.data_dir is not None:
            remember(self.listing, self.data_dir)

    # -- the listing -----------------------------------------------------------------------

    def show_listing(self, listing: Listing, *, cursor: Cursor | None = None) -> None:
        """List `listing`: the panes show it, and the list is re-read off the UI thread if
        it asks the store something new (or `cursor` says where the cursor goes in it:
        "top", or the store key of a paper to stay on)."""
        old, self.listing = self.listing, listing
        self.show_filter_state()
        if listing.question == old.question and cursor is None:
            return
        self.stop_counts()  # counts for the old listing would only slow the new query down
        if cursor is None:
            # A new search (or ranking) shows its best match under the cursor; clearing the
            # search keeps the paper the user found.
            new_search = listing.query != old.query or (
                listing.ranked_by_relevance and not old.ranked_by_relevance)
            cursor = "top" if new_search and listing.query.strip() else "keep"
        self.load_keys(cursor)

    def show_filter_state(self) -> None:
        listing = self.listing
        self.filters.show_listing(listing)
        self.sub_title = listing.title
        self.paper_list.show_day = not self.lists_one_day()  # each row would repeat it

    def lists_one_day(self) -> bool:
        """Whether every paper listed is of one day: a day, or a batch of one day. Asked of
        the store once per view, not per search keystroke."""
        view = self.listing.view
        if view is None or view.is_dated:
            return view is not None and view.kind == "day"
        if self._one_day[0] != view:
            oldest, newest = self.store.day_span(view)
            self._one_day = (view, oldest == newest)
        return self._one_day[1]

    @work(thread=True, exclusive=True, group="keys", exit_on_error=False)
    def load_keys(self, cursor: Cursor = "keep") -> None:
        """Read the keys of every listed paper, then show them.

        A search reads its first matches before all of them, so the list repaints as the
        user types. Reading one more than RANK_SMALL_MATCHES also tells whether the matches
        are few enough to rank by relevance; then the first reading is not shown, so the list
        never reorders. Related papers and the for-you order are ranked here, off the UI
        thread."""
        listing = self.listing
        question, spec = listing.question, listing.spec
        worker = get_current_worker()
        show = partial(self.app.call_from_thread, self.show_keys, question)
        if listing.period == "related":
            from papertui.core.related import related_papers

            related = related_papers(self.store, listing.related_to, limit=RELATED_LISTED,
                                     corpus=self.for_you.corpus)
            if not worker.is_cancelled:
                show(array("q", [paper.key for paper in related]), order="likeness",
                     cursor=cursor)
            return
        if spec.sort == "for-you":
            # Learning the profile (first time) or ranking all papers takes a moment.
            self.app.call_from_thread(self.status.set_message, "ranking for you…")
            ranking = self.for_you.rank(self.store.select_keys(spec))
            if not worker.is_cancelled:
                show(ranking.keys, order="for you", cursor=cursor, note=ranking.status)
            return
        relevance = spec.sort == "relevance" and bool(spec.query)
        if spec.query and not relevance:
            first = self.store.select_keys(spec, RANK_SMALL_MATCHES + 1)
            if len(first) <= RANK_SMALL_MATCHES:
                relevance = True
            elif not worker.is_cancelled:
                show(first, partial=True, cursor=cursor)
        if worker.is_cancelled:
            return
        keys = self.store.select_keys(spec.with_(sort="relevance") if relevance else spec)
        if not worker.is_cancelled:
            show(keys, order="relevance" if relevance else spec.sort, cursor=cursor)

    def show_keys(self, question: tuple[FilterSpec, int], keys: array, *, order: str = "",
                  partial: bool = False, cursor: Cursor = "keep", note: str = "") -> None:
        if question != self.listing.question:
            return  # the user has asked for something else since
        paper_list = self.paper_list
        current = paper_list.highlighted if paper_list.row_count else self.selected
        keep = current.rowid if current is not None else None
        if cursor == "top":
            keep = keys[0] if keys else None
        elif not isinstance(cursor, str):
            keep = cursor
        # The empty-list message counts the whole store: only worth it for an empty list,
        # not on every keystroke.
        paper_list.set_keys(keys, keep=keep, empty_message="" if keys else self.empty_message(),
                            partial=partial)
        if not keys:
            self.show_paper(None)
        if not partial:
            self.order = order
            self.show_count()
            if note:
                self.status.set_message(note)
            self.schedule_counts()
            listing = self.listing
            if keys and len(keys) < FEW_MATCHES and listing.query and listing.period != "all":
                where = listing.view.label if listing.view else "the cache"
                self.status.set_message(f"{plural(len(keys), 'match', 'matches')} in {where} · ctrl+g "
                                        "searches every cached paper")

    def show_count(self) -> None:
        """The status line's count: where the cursor is, of how many papers, in what order.
        Not while only the first keys of a list are in: their number is not the count."""
        paper_list = self.paper_list
        if paper_list.partial:
            return
        count = paper_list.row_count
        where = f"{paper_list.cursor + 1:,} of " if count else ""
        kept = len(self.listing.spec.keep)
        kept_text = f" · {kept:,} read kept" if kept else ""
        self.status.set_count(f"{where}{plural(count, 'paper')} · by {self.order}{kept_text}")

    def empty_message(self) -> str:
        """Why the list is empty, and what would fill it."""
        store = self.store
        if store.paper_count() == 0:
            if self.offline:
                return ("No papers are cached yet and papertui is offline (--offline). "
                        "Start papertui without --offline, then press f to fetch.")
            if self.fetch_error:
                return (f"Could not fetch the latest papers: {self.fetch_error} "
                        "Check the connection, then press f to retry.")
            return "Fetching the latest papers from Hugging Face…"
        listing = self.listing
        where = listing.view.label if listing.view is not None else "the cache"
        if listing.query:
            everywhere = store.count(listing.choose("all").spec)
            if listing.period != "all" and everywhere:
                return (f'No paper of {where} matches "{listing.query}"; ctrl+g searches every '
                        f"cached paper ({plural(everywhere, 'match', 'matches')}), ctrl+r searches "
                        "Hugging Face.")
            return (f'No cached paper matches "{listing.query}" (of '
                    f"{plural(store.paper_count(), 'paper')}); ctrl+r searches Hugging Face.")
        if self.fetching:
            return "Fetching…"
        if listing.watched:
            from papertui.core.watch import list_watches

            if not list_watches(store):
                return ("You watch nothing yet: W on a paper watches its author, organization "
                        "or a keyword; ! shows every paper again.")
        unfiltered = store.count(listing.unfiltered().spec)
        if unfiltered:
            return (f"None of the {plural(unfiltered, 'paper')} of {where} match these "
                    "filters; 0 clears them.")
        view = listing.view
        if view is None:
            return "No papers are cached."
        logged = store.fetch_log(view)
        if logged is not None and logged.complete:
            return (f"Hugging Face lists no papers for {view.label} "
                    f"(fetched {short_date(logged.fetched_at)}).")
        if self.offline:
            return f"{view.label} is not cached, and papertui is offline (--offline)."
        return f"{view.label} is not cached yet: press f to fetch it."

    # -- the per-filter counts -------------------------------------------------------------

    def schedule_counts(self) -> None:
        if self._counts_timer is not None:
            self._counts_timer.stop()
        self._counts_timer = self.set_timer(COUNTS_DELAY, self.start_counts)

    def stop_counts(self) -> None:
        """Stop the per-filter counts: pending, or running for an older listing."""
        if self._counts_timer is not None:
            self._counts_timer.stop()
            self._counts_timer = None
        self.store.interrupt_counts()

    def start_counts(self) -> None:
        self.stop_counts()
        self.load_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def load_counts(self) -> None:
        """How many papers each filter choice would list, for the filter pane."""
        worker = get_current_worker()
        counts = self.store.count_choices(self.listing.count_choices(),
                                          lambda: worker.is_cancelled)
        if counts is not None and not worker.is_cancelled:
            self.app.call_from_thread(self.filters.show_counts, counts)

    # -- workers ---------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """This screen's workers' failures, each as one sentence (StoreError and FetchError
        messages already are)."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        message = str(error) or type(error).__name__
        if event.worker.group == "fetch":
            self.fetch_failed(message)
        else:
            self.notify(message, title="Something went wrong", severity="error", markup=False)

    # -- the selected paper ----------------------------------------------------------------

    @on(PaperList.Highlighted)
    def _highlighted(self, event: PaperList.Highlighted) -> None:
        # The message may be older than the list (keys come in bursts): show what is under
        # the cursor now, as the store has it now.
        paper = self.paper_list.highlighted
        self.show_paper(paper)
        self.schedule_related(paper)
        self.show_count()
        seconds = self.config.mark_read_after_seconds
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        if seconds > 0 and paper is not None and not paper.state.read:
            self._read_timer = self.set_timer(
                seconds, partial(self._read_after_delay, paper.paper.id))

    def _read_after_delay(self, paper_id: str) -> None:
        selected = self.selected
        if selected is not None and selected.paper.id == paper_id and not selected.state.read:
            self.set_read(selected, True)

    @on(PaperList.Selected)
    def _selected(self, event: PaperList.Selected) -> None:
        self.remove_class("-hide-detail")
        self.show_context(event.paper, fetch=True)
        if self.size.width < READING_WIDTH:
            # The side pane is a preview: reading takes the whole screen, key bar kept.
            self.start_reading()
        self.set_focus(self.detail)

    def action_step_paper(self, step: int) -> None:
        """The next or previous paper, wherever the focus is: reading goes on with it."""
        self.paper_list.cursor += step

    def action_next_unread(self) -> None:
        paper_list = self.paper_list
        found = self.store.next_unread(paper_list.keys, paper_list.cursor + 1)
        if found is None:
            self.notify("No unread paper below this one.", markup=False)
        else:
            paper_list.cursor = found

    def show_paper(self, paper: StoredPaper | None) -> None:
        self.detail.show(paper, "" if paper else "No paper selected.")

    def reload_selected(self) -> None:
        """Re-read the selected paper after the user changed it."""
        selected = self.selected
        if selected is None:
            return
        self.paper_list.forget(selected.rowid)
        self.show_paper(self.paper_list.highlighted)
        self.schedule_counts()

    def require_paper(self) -> StoredPaper | None:
        """The paper under the cursor now. Read from the list, not from the last Highlighted
        message: keys typed quickly can arrive before that message does."""
        paper = self.paper_list.highlighted
        selected = self.selected
        if paper is None:
            self.notify("No paper is selected.", markup=False)
        elif selected is None or paper.rowid != selected.rowid:
            self.show_paper(paper)
        return paper

    # -- keys that depend on where the focus is ------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search" and isinstance(self.focused, Input):
            return False  # "/" in a text box is a slash: "w/o", "3/4"
        if action in ("submit_search", "leave_search"):
            return self.focused is self.filters.search_box
        return True

    def action_escape(self) -> None:
        if self.reading:
            self.stop_reading()
            return
        if self.listing.period == "related" and self.before_related is not None:
            listing, key = self.before_related
            self.before_related = None
            self.show_listing(listing, cursor=key)  # back where L was pressed
            self.set_focus(self.paper_list)
            return
        self.clear_search()
        self.set_focus(self.paper_list)
