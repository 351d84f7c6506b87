"""The filter pane: search box, period, toggles, minimum upvotes and sort, each with how many
papers it would list. The pane only reports what the user asked for; the screen owns the
FilterSpec and tells the pane what to show."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

PERIODS = ("latest", "day", "week", "month", "trending", "all")
PERIOD_NAMES = {"latest": "Latest", "day": "Day", "week": "Week", "month": "Month",
                "trending": "Trending", "all": "Everything cached"}
SORT_NAMES = {"upvotes": "upvotes", "date": "date", "stars": "GitHub stars",
              "relevance": "relevance"}
SORTS = ("upvotes", "date", "stars")  # the Select's choices; relevance is Enter in the search
TOGGLES = {"unread": "Unread only", "bookmarked": "Bookmarked only", "has_code": "Has code"}


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

    class Changed(Message):
        """The user changed a filter: `changes` are FilterSpec fields with new values."""

        def __init__(self, changes: dict[str, object]) -> None:
            super().__init__()
            self.changes = changes

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
        def __init__(self, period: str) -> None:
            super().__init__()
            self.period = period

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, can_focus=False)
        self._labels: dict[str, str] = {kind: PERIOD_NAMES[kind] for kind in PERIODS}
        self._state: dict[str, object] | None = None  # what the screen last asked to show
        self._shown_state: dict[str, object] | None = None  # what the controls show
        self._counts: dict[str, int | None] = {}
        self._built = False

    def compose(self):
        # Only the search box at first: the other controls cost ~50 ms to build (Textual
        # parses each widget class's CSS on first use), which would delay the first paint
        # of the list. They follow straight after it.
        yield Input(placeholder="search  (/)", id="search")
        yield Label("ctrl+r: search HF online", id="search-hint", classes="hint")

    def on_mount(self) -> None:
        self.call_after_refresh(self._build_controls)

    async def _build_controls(self) -> None:
        await self.mount_all(self._controls())
        self._built = True
        if self._state is not None:
            self.show_state(**self._state)  # type: ignore[arg-type]
        self.show_counts(self._counts)

    def _controls(self):
        """The controls, made showing the screen's state: a control made with a default
        value reports that default as the user's choice once it is mounted."""
        state = self._state or {}
        yield Label("Period", classes="section")
        yield OptionList(*[Option(Content(PERIOD_NAMES[kind]), id=kind) for kind in PERIODS],
                         id="period")
        yield Label("Show", classes="section")
        for name, text in TOGGLES.items():
            yield Checkbox(Content(text), bool(state.get(name)), id=name.replace("_", "-"))
        yield Label("Minimum upvotes", classes="section")
        minimum = state.get("min_upvotes")
        yield Input(str(minimum) if minimum else "", placeholder="0", type="integer",
                    id="min-upvotes")
        yield Label("Sort by", classes="section")
        sort = state.get("sort")
        yield Select([(SORT_NAMES[s], s) for s in SORTS],
                     value=sort if sort in SORTS else SORTS[0], allow_blank=False, id="sort")

    # -- what the screen tells the pane --------------------------------------------------

    def show_state(self, *, period: str, period_labels: dict[str, str], unread: bool,
                   bookmarked: bool, has_code: bool, min_upvotes: int, sort: str) -> None:
        """Make the controls show the screen's FilterSpec, without echoing messages."""
        state = dict(period=period, period_labels=period_labels, unread=unread,
                     bookmarked=bookmarked, has_code=has_code, min_upvotes=min_upvotes,
                     sort=sort)
        self._state = state
        if not self._built or state == self._shown_state:
            return  # not built yet, or nothing to change: every control updated repaints
        self._shown_state = state
        self._labels.update(period_labels)
        with self.prevent(Checkbox.Changed, Input.Changed, Select.Changed,
                          OptionList.OptionHighlighted, OptionList.OptionSelected):
            for name, value in (("unread", unread), ("bookmarked", bookmarked),
                                ("has_code", has_code)):
                self.query_one(f"#{name.replace('_', '-')}", Checkbox).value = value
            minimum = self.query_one("#min-upvotes", Input)
            wanted = str(min_upvotes) if min_upvotes else ""
            if minimum.value != wanted:
                minimum.value = wanted
            select = self.query_one("#sort", Select)
            if sort in SORT_NAMES and sort != "relevance" and select.value != sort:
                select.value = sort
            periods = self.query_one("#period", OptionList)
            periods.highlighted = PERIODS.index(period) if period in PERIODS else None
        self._redraw_periods()

    def show_counts(self, counts: dict[str, int | None]) -> None:
        """Show how many papers each choice would list."""
        self._counts = counts
        if not self._built:
            return
        for name, text in TOGGLES.items():
            box = self.query_one(f"#{name.replace('_', '-')}", Checkbox)
            box.label = Content(text + count_text(counts.get(name)))
        self._redraw_periods()

    def _redraw_periods(self) -> None:
        periods = self.query_one("#period", OptionList)
        for index, kind in enumerate(PERIODS):
            prompt = Content(self._labels[kind] + count_text(self._counts.get(kind)))
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
        if event.option.id:
            self.post_message(self.PeriodChosen(event.option.id))

    @on(Checkbox.Changed)
    def _toggle_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        name = (event.checkbox.id or "").replace("-", "_")
        if name in TOGGLES:
            self.post_message(self.Changed({name: event.value}))

    @on(Input.Changed, "#min-upvotes")
    def _minimum_changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            value = max(0, int(event.value or 0))
        except ValueError:
            return
        self.post_message(self.Changed({"min_upvotes": value}))

    @on(Input.Submitted, "#min-upvotes")
    def _minimum_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @on(Select.Changed, "#sort")
    def _sort_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.post_message(self.Changed({"sort": event.value}))
