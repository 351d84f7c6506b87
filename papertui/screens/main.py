"""The main screen. It owns the state - the FilterSpec, the matching keys, the selected
paper - and feeds the panes; the panes only report what the user did."""

from __future__ import annotations

import datetime as dt
import sqlite3
from array import array
from functools import partial

from textual import on, work
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input
from textual.worker import Worker, get_current_worker

from papertui.core.config import Config
from papertui.core.fetch import ClientOptions
from papertui.core.models import StoredPaper, View, iso_week
from papertui.core.query import RANK_SMALL_MATCHES, FilterSpec
from papertui.core.safety import clean_line
from papertui.core.store import Store
from papertui.screens.paper_actions import PaperActions
from papertui.screens.refresh import Refreshing
from papertui.widgets.filter_pane import PERIOD_NAMES, PERIODS, FilterPane
from papertui.widgets.key_bar import KeyBar
from papertui.widgets.paper_detail import PaperDetail
from papertui.widgets.paper_list import PaperList
from papertui.widgets.status_bar import StatusBar

NARROW_WIDTH = 100  # below this many columns the detail goes under the list
FIRST_PAGE = 120  # keys read before the first paint; the rest follow in a worker
COUNTS_DELAY = 0.2  # seconds of quiet typing before the per-filter counts are recounted

class MainScreen(PaperActions, Refreshing, Screen):
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
        Binding("f2", "toggle_pane('filters')", "Filters", show=False, id="toggle_filters",
                tooltip="Show or hide the filter pane"),
        Binding("f3", "toggle_pane('detail')", "Detail", show=False, id="toggle_detail",
                tooltip="Show or hide the detail pane"),
    ]

    def __init__(self, store: Store, config: Config, *, offline: bool, base_url: str,
                 today: dt.date, client_options: ClientOptions | None = None) -> None:
        super().__init__()
        self.client_options: ClientOptions = client_options or {}
        self.store = store
        self.config = config
        self.offline = offline
        self.base_url = base_url
        self.today = today
        self.period = {"today": "day", "all": "all"}.get(config.start_view, "latest")
        self.day = today
        self.search_view: View | None = None
        self.spec = FilterSpec(sort=config.sort if config.sort != "relevance" else "upvotes")
        self.rank_by_relevance = False
        self.cursor_to_top = False  # the next list puts the cursor on its first paper
        self.order = self.spec.sort  # what the list is ordered by, for the status line
        self.keys = array("q")
        self.selected: StoredPaper | None = None
        self.session_read: set[str] = set()
        self.fetching = False
        self.fetch_error = ""
        self._narrow: bool | None = None
        self._read_timer: Timer | None = None
        self._counts_timer: Timer | None = None
        self._counts_db: sqlite3.Connection | None = None

    # -- layout ----------------------------------------------------------------------------

    def compose(self):
        yield Header(icon="≡")
        with Horizontal(id="body"):
            yield FilterPane(id="filters")
            with Container(id="papers"):
                yield PaperList(self.store.papers_by_key, id="list")
                yield PaperDetail(id="detail")
        yield StatusBar(id="status")
        yield KeyBar(id="keys")

    @property
    def paper_list(self) -> PaperList:
        return self.query_one("#list", PaperList)

    @property
    def detail(self) -> PaperDetail:
        return self.query_one("#detail", PaperDetail)

    @property
    def filters(self) -> FilterPane:
        return self.query_one("#filters", FilterPane)

    @property
    def status(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    def on_mount(self) -> None:
        self.adopt_newest_day()
        self.spec = self.spec.with_(view=self.period_view(self.period))
        # The first paint needs only the first screenful; the whole list follows.
        first = self.store.select_keys(self.spec, FIRST_PAGE)
        if not first and self.period != "all" and self.store.newest_day():
            # Nothing in the start view (say the latest batch was never fetched, only days
            # by `papertui fetch`): open on the newest cached day rather than on nothing.
            self.period = "day"
            self.day = min(dt.date.fromisoformat(self.store.newest_day()), self.today)
            self.spec = self.spec.with_(view=self.period_view("day"))
            first = self.store.select_keys(self.spec, FIRST_PAGE)
        self.show_keys(self.spec, first, partial=True)
        self.set_focus(self.paper_list)
        self.show_filter_state()
        self.call_after_refresh(self.app.first_paint_done)
        self.load_keys()
        if self.offline:
            self.status.set_message(self.offline_message())
        else:
            self.call_after_refresh(self.refresh_views, False)

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        if narrow != self._narrow:
            self._narrow = narrow
            self.set_class(narrow, "-narrow")
            # A narrow terminal has no room for the filters; F2 or / brings them back.
            self.set_class(narrow, "-hide-filters")

    def adopt_newest_day(self) -> None:
        """Day, week and month start from the newest cached day (today for start_view
        "today"), so [ and ] step from what the user has just been reading."""
        newest = self.store.newest_day()
        if newest and self.period != "day":
            self.day = min(dt.date.fromisoformat(newest), self.today)

    # -- the state -------------------------------------------------------------------------

    def period_view(self, period: str) -> View | None:
        """The service view a period choice lists."""
        if period == "day":
            return View.day(self.day)
        if period == "week":
            return View.week(iso_week(self.day))
        if period == "month":
            return View.month(self.day.strftime("%Y-%m"))
        if period == "search" and self.search_view is not None:
            return self.search_view
        if period in ("latest", "trending"):
            return View(period)
        return None

    def period_labels(self) -> dict[str, str]:
        return {
            "day": f"Day: {self.day.strftime('%a %d %b')}",
            "week": f"Week: {iso_week(self.day)}",
            "month": f"Month: {self.day.strftime('%b %Y')}",
        }

    def set_spec(self, spec: FilterSpec) -> None:
        """Change what is listed: the list is re-queried off the UI thread."""
        if spec.query != self.spec.query:
            self.rank_by_relevance = False
            # A new search shows its best match under the cursor; clearing the search keeps
            # the paper the user found.
            self.cursor_to_top = bool(spec.query)
        self.spec = spec
        self.stop_counts()  # counts for the old spec would only slow the new query down
        self.show_filter_state()
        self.load_keys()

    def show_filter_state(self) -> None:
        spec = self.spec
        self.filters.show_state(
            period=self.period, period_labels=self.period_labels(), unread=spec.unread,
            bookmarked=spec.bookmarked, has_code=spec.has_code,
            min_upvotes=spec.min_upvotes, sort=spec.sort)
        view = spec.view.label if spec.view is not None else PERIOD_NAMES["all"].lower()
        # The search text is left out: it shows in the search box, and a new sub-title
        # repaints the whole screen (7-12 ms) on every keystroke.
        extra = []
        if spec.unread:
            extra.append("unread")
        if spec.bookmarked:
            extra.append("bookmarked")
        if spec.has_code:
            extra.append("with code")
        self.sub_title = " · ".join([view, *extra])

    @work(thread=True, exclusive=True, group="keys", exit_on_error=False)
    def load_keys(self) -> None:
        """Read the keys of every matching paper, then show them.

        A search reads its first matches before all of them (~6 ms against ~30 ms for a
        common word at 100,000 papers), so the list repaints as the user types. Reading one
        more than RANK_SMALL_MATCHES also tells whether the matches are few enough to rank
        by relevance; then the first reading is not shown, so the list never reorders."""
        spec = self.spec
        worker = get_current_worker()
        relevance = bool(spec.query) and self.rank_by_relevance
        if spec.query and not relevance:
            first = self.store.select_keys(spec, RANK_SMALL_MATCHES + 1)
            if len(first) <= RANK_SMALL_MATCHES:
                relevance = True
            elif not worker.is_cancelled:
                self.app.call_from_thread(self.show_keys, spec, first, partial=True)
        if worker.is_cancelled:
            return
        keys = self.store.select_keys(spec.with_(sort="relevance") if relevance else spec)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_keys, spec, keys, relevance=relevance)

    def show_keys(self, spec: FilterSpec, keys: array, *, partial: bool = False,
                  relevance: bool = False) -> None:
        if spec != self.spec:
            return  # the user has asked for something else since
        self.keys = keys
        current = self.paper_list.highlighted if self.paper_list.row_count else self.selected
        keep = current.rowid if current is not None else None
        if self.cursor_to_top:
            keep = keys[0] if keys else None
            self.cursor_to_top = partial  # the rest of this list keeps the cursor where it is
        # The empty-list message counts the whole store: only worth it for an empty list,
        # not on every keystroke.
        self.paper_list.set_keys(keys, keep=keep,
                                 empty_message="" if keys else self.empty_message(),
                                 partial=partial)
        if not keys:
            self.show_paper(None)
        if not partial:
            self.order = "relevance" if relevance else spec.sort
            self.show_count()
            self.schedule_counts()

    def show_count(self) -> None:
        """The status line's count: where the cursor is, of how many papers, in what order.
        Not while only the first keys of a list are in: their number is not the count."""
        if self.paper_list.partial:
            return
        where = f"{self.paper_list.cursor + 1:,} of " if self.keys else ""
        self.status.set_count(f"{where}{len(self.keys):,} papers · by {self.order}")

    def empty_message(self) -> str:
        if self.store.paper_count() == 0:
            if self.offline:
                return ("No papers are cached yet and papertui is offline (--offline). "
                        "Start papertui without --offline, then press f to fetch.")
            if self.fetch_error:
                return (f"Could not fetch the latest papers: {self.fetch_error} "
                        "Check the connection, then press f to retry.")
            return "Fetching the latest papers from Hugging Face…"
        if self.spec.query:
            return f'No cached paper matches "{self.spec.query}" here. ctrl+r searches Hugging Face.'
        if self.fetching:
            return "Fetching…"
        return "No papers match these filters. Press f to fetch this view, or change the filters."

    def schedule_counts(self) -> None:
        if self._counts_timer is not None:
            self._counts_timer.stop()
        self._counts_timer = self.set_timer(COUNTS_DELAY, self.start_counts)

    def stop_counts(self) -> None:
        """Stop the per-filter counts: pending, or running for an older spec."""
        if self._counts_timer is not None:
            self._counts_timer.stop()
            self._counts_timer = None
        running = self._counts_db
        if running is not None:
            running.interrupt()

    def start_counts(self) -> None:
        self.stop_counts()
        self.load_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def load_counts(self) -> None:
        """How many papers each filter choice would list, for the filter pane."""
        spec = self.spec
        worker = get_current_worker()
        db = self.store.db
        self._counts_db = db
        counts: dict[str, int | None] = {}
        choices = [(period, spec.with_(view=self.period_view(period))) for period in PERIODS]
        choices += [(name, spec.with_(**{name: True}))
                    for name in ("unread", "bookmarked", "has_code")]
        try:
            for name, choice in choices:
                if worker.is_cancelled:
                    return
                counts[name] = self.store.count(choice)
        except sqlite3.OperationalError:
            return  # interrupted: a newer count has started
        finally:
            if self._counts_db is db:
                self._counts_db = None
        if not worker.is_cancelled:
            self.app.call_from_thread(self.filters.show_counts, counts)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "report_worker_failure", None)
        if report is not None:
            report(event)

    # -- the selected paper ----------------------------------------------------------------

    @on(PaperList.Highlighted)
    def _highlighted(self, event: PaperList.Highlighted) -> None:
        # The message may be older than the list (keys come in bursts): show what is under
        # the cursor now, as the store has it now.
        paper = self.paper_list.highlighted
        self.show_paper(paper)
        self.show_count()
        seconds = self.config.mark_read_after_seconds
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        if seconds > 0 and paper is not None and not paper.state.read:
            self._read_timer = self.set_timer(
                seconds, partial(self._read_after_delay, paper.paper.id))

    def _read_after_delay(self, paper_id: str) -> None:
        if self.selected is not None and self.selected.paper.id == paper_id \
                and not self.selected.state.read:
            self.set_read(self.selected, True)

    @on(PaperList.Selected)
    def _selected(self, event: PaperList.Selected) -> None:
        self.remove_class("-hide-detail")
        if self.has_class("-narrow"):
            self.maximize(self.detail, container=False)
        self.set_focus(self.detail)

    def show_paper(self, paper: StoredPaper | None) -> None:
        self.selected = paper
        self.detail.show(paper, "" if paper else "No paper selected.")

    def reload_selected(self) -> None:
        """Re-read the selected paper after the user changed it."""
        if self.selected is None:
            return
        self.paper_list.forget(self.selected.rowid)
        self.show_paper(self.paper_list.highlighted)
        self.schedule_counts()

    def require_paper(self) -> StoredPaper | None:
        """The paper under the cursor now. Read from the list, not from the last Highlighted
        message: keys typed quickly can arrive before that message does."""
        paper = self.paper_list.highlighted
        if paper is None:
            self.notify("No paper is selected.", markup=False)
        elif self.selected is None or paper.rowid != self.selected.rowid:
            self.show_paper(paper)
        return paper

    # -- filters -------------------------------------------------------------------------

    @on(FilterPane.SearchChanged)
    def _search_changed(self, event: FilterPane.SearchChanged) -> None:
        if event.text != self.filters.search_text:
            return  # stale: the box has changed since, and that change is (or will be) applied
        if event.submitted:
            self.rank_by_relevance = self.cursor_to_top = bool(event.text.strip())
            self.load_keys()  # the focus moved on when Enter was pressed
            return
        if self.period == "search":
            self.period = "all"
            self.spec = self.spec.with_(view=None)
        # Typed or pasted: a pasted escape sequence must not reach the header or status line.
        self.set_spec(self.spec.with_(query=clean_line(event.text)))

    @on(FilterPane.Changed)
    def _filters_changed(self, event: FilterPane.Changed) -> None:
        changes = dict(event.changes)
        if changes.get("unread"):
            changes["keep"] = frozenset(self.session_read)
        spec = self.spec.with_(**changes)
        if spec != self.spec:  # controls echo values the screen set: nothing to re-query
            self.set_spec(spec)

    @on(FilterPane.PeriodChosen)
    def _period_chosen(self, event: FilterPane.PeriodChosen) -> None:
        self.choose_period(event.period)

    @on(FilterPane.RemoteSearch)
    def _remote_search(self, event: FilterPane.RemoteSearch) -> None:
        if self.offline:
            self.notify("papertui is offline (--offline): only the cache is searched.",
                        markup=False)
            return
        self.search_view = View("search", clean_line(event.text))
        self.period = "search"
        self.filters.set_search_text("")
        self.set_spec(self.spec.with_(view=self.search_view, query=""))
        self.refresh_views(True)

    def choose_period(self, period: str) -> None:
        self.period = period
        self.set_spec(self.spec.with_(view=self.period_view(period)))
        if not self.offline and self.spec.view is not None:
            self.refresh_views(False)

    def action_step_day(self, step: int) -> None:
        """Previous/next day: days with cached papers first, else the calendar day."""
        if self.period != "day":
            self.period = "day"
        found = self.store.adjacent_day(self.day.isoformat(), step)
        day = dt.date.fromisoformat(found) if found else self.day + dt.timedelta(days=step)
        if day > self.today:
            self.notify("There are no papers after today yet.", markup=False)
            return
        self.day = day
        self.choose_period("day")

    def action_toggle_hide_read(self) -> None:
        unread = not self.spec.unread
        self.set_spec(self.spec.with_(unread=unread, keep=frozenset(self.session_read)))
        self.notify("Hiding read papers." if unread else "Showing read papers.", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search" and isinstance(self.focused, Input):
            return False  # "/" in a text box is a slash: "w/o", "3/4"
        if action in ("submit_search", "leave_search"):
            return self.focused is self.filters.search_box
        return True

    def action_submit_search(self) -> None:
        """Enter in the search box: on to the list at once; the search box submits (and the
        list is ranked by relevance) once it has taken the keys typed before Enter."""
        search = self.filters.search_box
        self.set_focus(self.paper_list)
        search.call_later(search.action_submit)

    def action_leave_search(self) -> None:
        """Esc in the search box: on to the list at once; the search is cleared once the
        search box has taken the keys typed before Esc."""
        self.set_focus(self.paper_list)
        self.filters.search_box.call_later(self.clear_search)

    def action_focus_search(self) -> None:
        self.remove_class("-hide-filters")
        # set_focus, not widget.focus(), which waits its turn in the message queue while the
        # keys typed after "/" are handed to the old focus. Every focus change on this screen
        # is made at once for the same reason.
        self.set_focus(self.filters.search_box)

    def action_escape(self) -> None:
        self.clear_search()
        self.set_focus(self.paper_list)

    def clear_search(self) -> None:
        if self.filters.search_text or self.spec.query:
            self.filters.set_search_text("")
            self.set_spec(self.spec.with_(query=""))

    # -- panes -----------------------------------------------------------------------------

    def visible_panes(self) -> list[str]:
        panes = []
        if not self.has_class("-hide-filters"):
            panes.append("filters")
        panes.append("list")
        if not self.has_class("-hide-detail"):
            panes.append("detail")
        return panes

    def current_pane(self) -> str:
        focused = self.focused
        while focused is not None and focused is not self:
            if focused.id in ("filters", "list", "detail"):
                return focused.id
            focused = focused.parent  # type: ignore[assignment]
        return "list"

    def action_cycle_panes(self, step: int = 1) -> None:
        if self.maximized is not None:
            self.minimize()
        panes = self.visible_panes()
        current = self.current_pane()
        index = panes.index(current) if current in panes else 0
        self.focus_pane(panes[(index + step) % len(panes)])

    def focus_pane(self, pane: str) -> None:
        if pane == "filters":
            self.set_focus(self.filters.search_box)
        else:
            self.set_focus(self.query_one(f"#{pane}"))

    def action_toggle_pane(self, pane: str) -> None:
        hidden = f"-hide-{pane}"
        self.toggle_class(hidden)
        if self.has_class(hidden) and self.current_pane() == pane:
            self.set_focus(self.paper_list)
        self.call_after_refresh(self.paper_list.scroll_to_cursor)
