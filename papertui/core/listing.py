"""What the main list shows, and how it steps: the listing.

A `Listing` is a plain value. It holds only what the user chose: the period (or the remote
search whose results are listed), the day that day, week and month views are anchored on,
the filters, the search text, whether every match is ranked by relevance, and the papers
read while read papers are hidden, which stay in place until the list changes. Everything
else is derived from it: the `FilterSpec` the store is asked, the labels of the filter pane,
the choices whose counts the pane shows, the header's sub-title.

The main screen keeps one Listing, renders it, and replaces it with the result of one of its
steps when the user acts. A new kind of list is a new period here, not new state on a screen.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

from papertui.core.files import write_atomic

from papertui.core.models import SORTS, Sort, StartView, View, iso_week, parse_date
from papertui.core.query import FilterSpec
from papertui.core.wording import short_date, short_month

# What the period choice can list. "search" is the result of a search on Hugging Face
# (Ctrl+R), "new" the watched papers stored since the last visit and "related" the papers most
# like one paper: listed like periods, but not among the filter pane's choices.
Period = Literal["latest", "day", "week", "month", "trending", "all", "search", "new",
                 "related"]
PERIODS: tuple[Period, ...] = ("latest", "day", "week", "month", "trending", "all")
PERIOD_NAMES: dict[Period, str] = {
    "latest": "Latest", "day": "Day", "week": "Week", "month": "Month",
    "trending": "Trending", "all": "Everything cached", "search": "Search results",
    "new": "New watched papers", "related": "Related papers",
}

# The filters that are on or off, as FilterSpec and Listing name them.
Toggle = Literal["unread", "bookmarked", "has_code", "has_models", "watched"]
TOGGLES: tuple[Toggle, ...] = get_args(Toggle)
TOGGLE_NAMES: dict[Toggle, str] = {
    "unread": "Unread only", "bookmarked": "Bookmarked only", "has_code": "Has code",
    "has_models": "Has models", "watched": "Watched",
}
_TOGGLE_TITLES: dict[Toggle, str] = {
    "unread": "unread", "bookmarked": "bookmarked", "has_code": "with code",
    "has_models": "with models", "watched": "watched",
}

# The orders the user puts a list in; relevance comes with a search (Enter in the box).
SORT_CHOICES: tuple[Sort, ...] = tuple(sort for sort in SORTS if sort != "relevance")

# How the app's start_view setting opens the list.
START_PERIODS: dict[StartView, Period] = {"latest": "latest", "today": "day", "all": "all"}


@dataclass(frozen=True, slots=True)
class Listing:
    """What the paper list shows. Steps return a new Listing; nothing is changed in place."""

    today: dt.date  # the service's today: no day after it has papers
    day: dt.date  # the day that day, week and month views show (or contain)
    period: Period = "latest"
    remote_query: str = ""  # the Hugging Face search listed when period is "search"
    query: str = ""  # the local search, as typed (cleaned)
    relevance: bool = False  # every match ranked by relevance (Enter in the search box)
    unread: bool = False
    bookmarked: bool = False
    has_code: bool = False
    has_models: bool = False
    watched: bool = False
    min_upvotes: int = 0
    tag: str = ""
    sort: Sort = "upvotes"
    # Papers read while read papers are hidden: they stay listed (not vanishing under the
    # cursor) until the list changes.
    kept: frozenset[str] = field(default_factory=frozenset)
    # For "new": the largest store key at the last visit, and that visit's day.
    arrived_after: int = 0
    new_since: str = ""
    # For "related": the paper (store key) the list is like, and its title.
    related_to: int = 0
    related_title: str = ""

    @classmethod
    def start(cls, *, today: dt.date, start_view: StartView = "latest",
              sort: Sort = "upvotes") -> Listing:
        """The listing papertui opens on: the configured start view (today's papers for
        start_view "today"). Anchor it on what it lists with `anchored`."""
        period = START_PERIODS[start_view]
        return cls(today=today, day=today, period=period,
                   sort=sort if sort != "relevance" else "upvotes")

    # -- what it lists ---------------------------------------------------------------------

    def view_of(self, period: Period) -> View | None:
        """The service view a period lists (None: everything cached)."""
        if period == "day":
            return View.day(self.day)
        if period == "week":
            return View.week(iso_week(self.day))
        if period == "month":
            return View.month(self.day.strftime("%Y-%m"))
        if period == "search":
            return View("search", self.remote_query)
        if period in ("latest", "trending"):
            return View(period)
        return None

    @property
    def view(self) -> View | None:
        return self.view_of(self.period)

    @property
    def question(self) -> tuple[FilterSpec, int]:
        """What the list asks the store: the spec, and for related papers which paper's.
        Two listings with the same question list the same papers."""
        return self.spec, self.related_to if self.period == "related" else 0

    @property
    def ranked_by_relevance(self) -> bool:
        return self.relevance and bool(self.query.strip())

    @property
    def spec(self) -> FilterSpec:
        """The store's question for this listing."""
        new = self.period == "new"
        return FilterSpec(
            query=self.query, view=self.view, unread=self.unread, bookmarked=self.bookmarked,
            has_code=self.has_code, has_models=self.has_models, watched=self.watched or new,
            min_upvotes=self.min_upvotes, tag=self.tag, sort="relevance" if self.ranked_by_relevance else self.sort,
            keep=self.kept if self.unread else frozenset(),
            arrived_after=self.arrived_after if new else 0)

    def count_choices(self) -> dict[str, FilterSpec]:
        """What each choice in the filter pane would list, by name: every period, and each
        toggle turned on, all with the other filters as they are."""
        spec = self.spec
        choices: dict[str, FilterSpec] = {
            period: spec.with_(view=self.view_of(period)) for period in PERIODS}
        for toggle in TOGGLES:
            choices[toggle] = spec.with_(**{toggle: True})
        return choices

    def labels(self) -> dict[Period, str]:
        """The filter pane's name for each period; dated ones say which day, week, month."""
        names = dict(PERIOD_NAMES)
        names["day"] = f"Day: {short_date(self.day)}"
        names["week"] = f"Week: {iso_week(self.day)}"
        names["month"] = f"Month: {short_month(self.day)}"
        return names

    @property
    def title(self) -> str:
        """The header's sub-title: the view and the filters on. The search text is left out:
        the search box shows it."""
        view = self.view
        if self.period == "new":
            parts = [f"new watched papers since {self.new_since}"]
        elif self.period == "related":
            parts = [f"related to: {self.related_title}"]
        else:
            parts = [view.label if view is not None else PERIOD_NAMES["all"].lower()]
        parts += [_TOGGLE_TITLES[toggle] for toggle in TOGGLES if getattr(self, toggle)]
        return " · ".join(parts)

    # -- steps -----------------------------------------------------------------------------

    def choose(self, period: Period) -> Listing:
        """List another period, anchored on the same day."""
        return replace(self, period=period, kept=frozenset())

    def on_day(self, day: str | dt.date) -> Listing:
        """List one day."""
        date = day if isinstance(day, dt.date) else parse_date(day)
        return replace(self, period="day", day=min(date, self.today), kept=frozenset())

    def stepped(self, step: int, cached: str | None) -> Listing | None:
        """The day before (`step` < 0) or after the anchor day: `cached` is the nearest day
        that way with papers in the store, if any, else the calendar day is taken. None when
        that day is after today."""
        day = parse_date(cached) if cached else self.day + dt.timedelta(days=step)
        if day > self.today:
            return None
        return replace(self, period="day", day=day, kept=frozenset())

    def anchored(self, newest_day: str) -> Listing:
        """Anchor day, week and month on the newest day of what is listed (not after
        today), so they and [ ] start from what the user has just been reading. A listing
        of a day, week or month keeps its anchor."""
        if self.period in ("day", "week", "month") or not newest_day:
            return self
        return replace(self, day=min(parse_date(newest_day), self.today))

    def searched(self, text: str) -> Listing:
        """Search the cached papers for `text` as typed ("" clears the search). Search
        results from Hugging Face give way to everything cached."""
        period: Period = "all" if self.period == "search" else self.period
        if text == self.query and period == self.period:
            return self
        return replace(self, query=text, relevance=False, period=period, kept=frozenset())

    def ranked(self) -> Listing:
        """Rank every match of the search by relevance (a no-op with no search)."""
        return replace(self, relevance=bool(self.query.strip()))

    def searched_remotely(self, text: str) -> Listing:
        """List what Hugging Face's own search finds for `text`."""
        return replace(self, period="search", remote_query=text, query="", relevance=False,
                       kept=frozenset())

    def new_watched(self, arrived_after: int, since: str) -> Listing:
        """List the watched papers stored after key `arrived_after` (the last visit, on
        day `since`)."""
        return replace(self, period="new", arrived_after=arrived_after, new_since=since,
                       query="", relevance=False, kept=frozenset())

    def related(self, key: int, title: str) -> Listing:
        """List the papers most like the one with store key `key`."""
        return replace(self, period="related", related_to=key, related_title=title, query="",
                       relevance=False, kept=frozenset())

    def filtered(self, *, unread: bool | None = None, bookmarked: bool | None = None,
                 has_code: bool | None = None, has_models: bool | None = None,
                 watched: bool | None = None, min_upvotes: int | None = None,
                 sort: Sort | None = None, tag: str | None = None) -> Listing:
        """Change some filters (None: unchanged)."""
        changed = replace(
            self,
            unread=self.unread if unread is None else unread,
            bookmarked=self.bookmarked if bookmarked is None else bookmarked,
            has_code=self.has_code if has_code is None else has_code,
            has_models=self.has_models if has_models is None else has_models,
            watched=self.watched if watched is None else watched,
            min_upvotes=self.min_upvotes if min_upvotes is None else max(0, min_upvotes),
            sort=self.sort if sort is None else sort,
            tag=self.tag if tag is None else tag)
        return self if changed == self else replace(changed, kept=frozenset())

    def toggled(self, toggle: Toggle, value: bool) -> Listing:
        """One on/off filter (Unread only, Has code, …) set to `value`."""
        changes: dict[str, Any] = {toggle: value}
        return self.filtered(**changes)

    def unfiltered(self) -> Listing:
        """The same period with no filter and no search."""
        off: dict[str, Any] = dict.fromkeys(TOGGLES, False)
        return self.searched("").filtered(**off, min_upvotes=0, tag="")

    def read(self, paper_ids: frozenset[str] | set[str] | list[str]) -> Listing:
        """Papers were marked read: while read papers are hidden they stay in place."""
        if not self.unread:
            return self
        return replace(self, kept=self.kept | frozenset(paper_ids))

    def refreshed(self) -> Listing:
        """The list was fetched again: papers read meanwhile leave it now."""
        return replace(self, kept=frozenset()) if self.kept else self


# -- remembered between runs -----------------------------------------------------------------

VIEW_FILENAME = "last-view.json"


def remember(listing: Listing, data_dir: Path) -> None:
    """Keep the period, its day, the sort and hide-read for the next start (not the search:
    a new session starts with the whole list). Written atomically; a failure costs nothing
    but the memory, so it is not reported."""
    period = listing.period if listing.period != "search" else "latest"
    data = {"period": period, "day": listing.day.isoformat(), "sort": listing.sort,
            "unread": listing.unread}
    try:
        write_atomic(data_dir / VIEW_FILENAME, json.dumps(data) + "\n")
    except OSError:
        pass


def recall(listing: Listing, data_dir: Path) -> Listing:
    """`listing` with the period, day, sort and hide-read of the last session, where the
    file has them right; anything missing or odd keeps the listing's own."""
    try:
        data = json.loads((data_dir / VIEW_FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return listing
    if not isinstance(data, dict):
        return listing
    period = data.get("period")
    for known in PERIODS:
        if period == known:
            listing = listing.choose(known)
    if listing.period in ("day", "week", "month"):
        try:
            listing = replace(listing, day=min(parse_date(str(data.get("day"))), listing.today))
        except ValueError:
            pass
    for sort in SORT_CHOICES:
        if data.get("sort") == sort:
            listing = listing.filtered(sort=sort)
    if isinstance(data.get("unread"), bool):
        listing = listing.filtered(unread=data["unread"])
    return listing
