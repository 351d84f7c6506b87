"""The filter pane: search box, period, toggles, minimum upvotes and sort, each with how many
papers it would list. The pane shows a Listing and reports what the user asked for; the
screen owns the Listing."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Checkbox, Input, Label, OptionList, Select
from textual.widgets.option_list import Option
from textual.widgets.select import NULL

from papertui.core.listing import (PERIOD_NAMES, PERIODS, SORT_CHOICES, TOGGLE_NAMES,
                                   TOGGLES, Listing, Period, Toggle)
from papertui.core.models import Sort
from papertui.widgets.checkbox import TickBox

SORT_NAMES: dict[Sort, str] = {"upvotes": "upvotes", "date": "date", "stars": "GitHub stars",
                               "comments": "comments", "relevance": "relevance",
                               "for-you": "for you"}


class PeriodList(OptionList):
    """The period choices. Up and Down walk the options, and leave the list at its ends, so
    the arrows walk the whole pane; Enter chooses. Left without choosing, the highlight goes
    back to the period listed."""

    current: int | None = None  # the period listed

    def on_blur(self) -> None:
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = self.current

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted >= self.option_count - 1:
            self.screen.focus_next()
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted <= 0:
            self.screen.focus_previous()
        else:
            super().action_cursor_up()


class PaneSelect(Select[str], inherit_bindings=False):
    """A menu of the pane (sort, tag) that opens on Enter or Space only: Up and Down walk
    the pane."""

    BINDINGS = [Binding("enter,space", "show_overlay", "Show menu", show=False)]


def count_text(count: int | None) -> str:
    return "" if count is None else f" ({count:,})"


class FilterPane(VerticalScroll):
    """Search, period, toggles, minimum upvotes and sort."""

    BINDINGS = [
        Binding("ctrl+r", "remote_search", "Search HF", id="remote_search",
                tooltip="Search the Hugging Face service for the text in the search box"),
        Binding("down", "app.focus_next", "Next filter", show=False),
        Binding("up", "app.focus_previous", "Previous filter", show=False),
    ]

    class Toggled(Message):
        """The user turned a filter on or off."""

        def __init__(self, toggle: Toggle, value: bool) -> None:
            super().__init__()
            self.toggle = toggle
            self.value = value

    class MinimumChanged(Message):
        """The user set the minimum of upvotes."""

        def __init__(self, value: int) -> None:
            super().__init__()
            self.value = value

    class TagChosen(Message):
        """The user chose a tag to list ("": any)."""

        def __init__(self, tag: str) -> None:
            super().__init__()
            self.tag = tag

    class SortChanged(Message):
        """The user chose an order."""

        def __init__(self, sort: Sort) -> None:
            super().__init__()
            self.sort = sort

    class SearchChanged(Message):
        def __init__(self, text: str, submitted: bool = False) -> None:
            super().__init__()
            self.text = text
            self.submitted = submitted

    class RemoteSearch(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class PeriodChosen(Message):
        def __init__(self, period: Period) -> None:
            super().__init__()
            self.period = period

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, can_focus=False)
        self._listing: Listing | None = None  # what the screen last asked to show
        self._shown: tuple[object, ...] | None = None  # what the controls show
        self._counts: dict[str, int] = {}
        self._tags: list[str] = []  # the tags in use, for the tag menu
        self._building: AwaitMount | None = None  # the controls' mount, once started
        self._built = False

    def compose(self):
        # Only the search box at first: the other controls are built after the pane's
        # first paint, which Textual's styling of a new widget class would delay. They wait
        # until the pane shows: on a narrow terminal it waits for F2 or /, and every widget
        # mounted costs styling again whenever the screen's classes or theme change.
        yield Input(placeholder="search  (/)", id="search")
        yield Label(Content("ctrl+g: all cached\nctrl+r: Hugging Face"), id="search-hint",
                    classes="hint")

    def on_show(self) -> None:
        # After a refresh, so that what made the pane show paints before the controls.
        self.call_after_refresh(self.build_controls)

    async def build_controls(self) -> None:
        """Mount the controls, once: when the pane first shows, or when a key needs one."""
        if self._built:
            return
        if self._building is not None:
            await self._building  # started already: done when that mount is
            return
        self._building = self.mount_all(self._controls())
        await self._building
        self._built = True
        if self._listing is not None:
            self.show_listing(self._listing)
        self.show_counts(self._counts)

    def _controls(self) -> Iterator[Widget]:
        """The controls, made showing the screen's listing: a control made with a default
        value reports that default as the user's choice once it is mounted."""
        listing = self._listing
        yield Label("Period", classes="section")
        yield PeriodList(*[Option(Content(PERIOD_NAMES[kind]), id=kind) for kind in PERIODS],
                         id="period")
        yield Label("Show", classes="section")
        for toggle in TOGGLES:
            yield TickBox(Content(TOGGLE_NAMES[toggle]),
                          bool(listing and getattr(listing, toggle)),
                          id=toggle.replace("_", "-"))
        yield Label("Minimum upvotes", classes="section")
        minimum = listing.min_upvotes if listing else 0
        yield Input(str(minimum) if minimum else "", placeholder="0", type="integer",
                    id="min-upvotes")
        yield Label("Sort by", classes="section")
        sort = listing.sort if listing else SORT_CHOICES[0]
        yield PaneSelect([(SORT_NAMES.get(s, s), s) for s in SORT_CHOICES],
                         value=sort if sort in SORT_CHOICES else SORT_CHOICES[0],
                         allow_blank=False, id="sort")
        yield Label("Tag", classes="section")
        tag = listing.tag if listing else ""
        tags = sorted({*self._tags, tag} - {""}, key=str.casefold)
        yield PaneSelect([(Content(name), name) for name in tags], prompt="any tag",
                         value=tag or NULL, id="tag")

    # -- what the screen tells the pane --------------------------------------------------

    def show_listing(self, listing: Listing) -> None:
        """Make the controls show `listing`, without echoing messages."""
        self._listing = listing
        labels = listing.labels()
        shown = (listing.period, tuple(labels.values()),
                 tuple(getattr(listing, toggle) for toggle in TOGGLES), listing.min_upvotes,
                 listing.sort, listing.tag, tuple(self._tags))
        if not self._built or shown == self._shown:
            return  # not built yet, or nothing to change: every control updated repaints
        self._shown = shown
        with self.prevent(Checkbox.Changed, Input.Changed, Select.Changed,
                          OptionList.OptionHighlighted, OptionList.OptionSelected):
            for toggle in TOGGLES:
                box = self.query_one(f"#{toggle.replace('_', '-')}", Checkbox)
                box.value = getattr(listing, toggle)
            minimum = self.query_one("#min-upvotes", Input)
            wanted = str(listing.min_upvotes) if listing.min_upvotes else ""
            if minimum.value != wanted:
                minimum.value = wanted
            select = self.query_one("#sort", PaneSelect)
            if listing.sort in SORT_CHOICES and select.value != listing.sort:
                select.value = listing.sort
            tags = sorted({*self._tags, listing.tag} - {""}, key=str.casefold)
            menu = self.query_one("#tag", PaneSelect)
            menu.set_options([(Content(name), name) for name in tags])
            menu.value = listing.tag or NULL
            periods = self.query_one("#period", PeriodList)
            period = listing.period
            periods.current = PERIODS.index(period) if period in PERIODS else None
            periods.highlighted = periods.current
        self._redraw_periods()

    def show_tags(self, tags: list[str]) -> None:
        """The tags in use, offered by the tag menu."""
        self._tags = list(tags)
        if self._listing is not None:
            self.show_listing(self._listing)

    def show_counts(self, counts: dict[str, int]) -> None:
        """Show how many papers each choice would list."""
        self._counts = counts
        if not self._built:
            return
        for toggle in TOGGLES:
            box = self.query_one(f"#{toggle.replace('_', '-')}", Checkbox)
            box.label = Content(TOGGLE_NAMES[toggle] + count_text(counts.get(toggle)))
        self._redraw_periods()

    def _redraw_periods(self) -> None:
        periods = self.query_one("#period", OptionList)
        labels = self._listing.labels() if self._listing else PERIOD_NAMES
        for index, kind in enumerate(PERIODS):
            prompt = Content(labels[kind] + count_text(self._counts.get(kind)))
            periods.replace_option_prompt_at_index(index, prompt)

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def search_text(self) -> str:
        return self.search_box.value

    def set_search_text(self, text: str) -> None:
        with self.prevent(Input.Changed):
            self.search_box.value = text

    # -- what the user does ----------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.SearchChanged(event.value))

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.SearchChanged(event.value, submitted=True))

    def action_remote_search(self) -> None:
        text = self.search_text.strip()
        if text:
            self.post_message(self.RemoteSearch(text))
        else:
            self.notify("type something to search Hugging Face for", markup=False)

    @on(OptionList.OptionSelected, "#period")
    def _period_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id
        for period in PERIODS:
            if period == chosen:
                self.post_message(self.PeriodChosen(period))

    @on(Checkbox.Changed)
    def _toggle_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        name = (event.checkbox.id or "").replace("-", "_")
        for toggle in TOGGLES:
            if toggle == name:
                self.post_message(self.Toggled(toggle, event.value))

    @on(Input.Changed, "#min-upvotes")
    def _minimum_changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            value = max(0, int(event.value or 0))
        except ValueError:
            return
        self.post_message(self.MinimumChanged(value))

    @on(Input.Submitted, "#min-upvotes")
    def _minimum_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @on(Select.Changed, "#tag")
    def _tag_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.TagChosen(event.value if isinstance(event.value, str) else ""))

    @on(Select.Changed, "#sort")
    def _sort_changed(self, event: Select.Changed) -> None:
        event.stop()
        for sort in SORT_CHOICES:
            if sort == event.value:
                self.post_message(self.SortChanged(sort))
