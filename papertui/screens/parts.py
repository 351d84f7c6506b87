"""What the parts of the main screen kept in files of their own (filtering.py, context.py,
watching.py, paper_actions.py, refresh.py, panes.py) use of it: their methods take a `self`
of this type, so a type checker holds them to it, and MainScreen, which mixes them in, must
provide all of it."""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker

from papertui.core.config import Config
from papertui.core.fetch import ClientOptions, FetchSummary
from papertui.core.listing import Listing, Period
from papertui.core.models import StoredPaper, View
from papertui.core.store import Store
from papertui.widgets.filter_pane import FilterPane
from papertui.widgets.paper_list import PaperList

from papertui.widgets.paper_context import PaperContextView
from papertui.widgets.paper_detail import PaperDetail
from papertui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from papertui.core.for_you import ForYou
    from papertui.core.visit import Visit
    from papertui.screens.main import Cursor
    from papertui.screens.paper_actions import Mark


class MainScreenParts(Protocol):
    store: Store
    config: Config
    listing: Listing
    offline: bool
    base_url: str
    client_options: ClientOptions
    fetch_error: str
    _fetch_worker: Worker[None] | None
    last_mark: Mark | None
    _one_day: tuple[View | None, bool]
    _for_you: ForYou | None
    _related_timer: Timer | None
    before_related: tuple[Listing, int] | None
    previous_visit: Visit | None
    _layout: str

    @property
    def app(self) -> App[Any]: ...

    @property
    def paper_list(self) -> PaperList: ...

    @property
    def status(self) -> StatusBar: ...

    @property
    def detail(self) -> PaperDetail: ...

    @property
    def context(self) -> PaperContextView: ...

    @property
    def for_you(self) -> ForYou: ...

    @property
    def filters(self) -> FilterPane: ...

    @property
    def fetching(self) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def show_listing(self, listing: Listing, *, cursor: Cursor | None = None) -> None: ...

    def load_keys(self, cursor: Cursor = "keep") -> Worker[None]: ...

    def require_paper(self) -> StoredPaper | None: ...

    def reload_selected(self) -> None: ...

    def set_read(self, paper: StoredPaper, value: bool) -> None: ...

    def show_count(self) -> None: ...

    def mark_all_read(self, keys: array) -> Worker[None]: ...

    def empty_message(self) -> str: ...

    def offline_message(self) -> str: ...

    def refresh_views(self, force: bool) -> None: ...

    def fetch(self, views: list[View], force: bool) -> Worker[None]: ...

    def fetch_finished(self, summary: FetchSummary) -> None: ...

    def _all_marked(self, ids: list[str]) -> None: ...

    def fetch_failed(self, error: str) -> None: ...

    def announce_new_watched(self) -> None: ...

    def load_watched(self) -> Worker[None]: ...

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True) -> None: ...

    def remove_class(self, *class_names: str, update: bool = True) -> Any: ...

    def set_timer(self, delay: float, callback: Any = None, *, name: str | None = None,
                  pause: bool = False) -> Timer: ...

    def show_paper(self, paper: StoredPaper | None) -> None: ...

    def schedule_counts(self) -> None: ...

    def choose_period(self, period: Period) -> None: ...

    def clear_search(self) -> None: ...

    def show_context(self, paper: StoredPaper, *, fetch: bool, force: bool = False) -> None: ...

    def fetch_context(self, paper_id: str, force: bool) -> Worker[None]: ...

    def load_related(self, paper: StoredPaper) -> Worker[None]: ...

    def _rested(self, paper: StoredPaper) -> None: ...

    # Of the screen itself, as Textual gives them.

    @property
    def size(self) -> Size: ...

    @property
    def focused(self) -> Widget | None: ...

    @property
    def reading(self) -> bool: ...

    def has_class(self, *class_names: str) -> bool: ...

    def add_class(self, *class_names: str, update: bool = True) -> Any: ...

    def set_class(self, add: bool, *class_names: str, update: bool = True) -> Any: ...

    def toggle_class(self, *class_names: str) -> Any: ...

    def call_after_refresh(self, callback: Any, *args: Any, **kwargs: Any) -> bool: ...

    def query_one(self, selector: str) -> Widget: ...

    def visible_panes(self) -> list[str]: ...

    def current_pane(self) -> str: ...

    def focus_pane(self, pane: str) -> None: ...

    def start_reading(self) -> None: ...

    def end_reading(self) -> None: ...
