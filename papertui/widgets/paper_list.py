"""The paper list: a line-API widget that draws only the rows on screen.

Textual's OptionList builds every row, far too slow for a large store; this list
holds only a compact array of store keys and asks for the papers of the visible page, so the
cost of a paint or of jumping to the end is one page lookup whatever the list's length.
"""

from __future__ import annotations

import textwrap
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from papertui.core.models import StoredPaper
from papertui.core.safety import clean_line
from papertui.core.wording import short_count, short_day
from papertui.widgets.contrast import legible_style

PageFetcher = Callable[[Sequence[int]], dict[int, StoredPaper]]

PAGE_SIZE = 100
CACHED_PAPERS = 3000  # about 30 pages: enough to scroll back and forth without a query

# What each mark in a row means, for the help screen: spelled beside the code that draws them.
LEGEND = (
    ("◆", "Matches your watch list (the detail names the watch)"),
    ("●", "Unread (no mark: read)"),
    ("★", "Bookmarked"),
    ("▲12", "Upvotes on Hugging Face"),
    ("</>1.2k", "Has code on GitHub; the number is its stars"),
    ("3✉", "Comments on the paper's Hugging Face page"),
    ("⬢2", "Linked models on Hugging Face (⬢ alone: datasets or Spaces only); known once "
           "the paper's context was fetched"),
)

def linked_badge(linked: tuple[int, int, int]) -> str:
    """The list's mark for a paper with linked repos: ⬢ and its number of models, or ⬢ alone
    when only datasets or Spaces link it. Drawn only on those rows, so the others keep
    every cell of their titles."""
    models = linked[0]
    return f" ⬢{short_count(models)}" if models else " ⬢"


class _Rows(Protocol):
    cursor: int

    def focus(self, scroll_visible: bool = True) -> object: ...

    def action_select(self) -> None: ...


class RowClicks:
    """For a line-API list whose row segments carry their index as the `row` meta: a click
    on a row moves the cursor there, a click on the cursor's row chooses it."""

    def on_click(self: _Rows, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is None:
            return
        event.stop()
        self.focus()
        if row == self.cursor:
            self.action_select()
        else:
            self.cursor = row


class PaperList(RowClicks, ScrollView, can_focus=True):
    """A list of papers, one row each, over an array of store keys."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor_down",
                tooltip="Move to the next paper"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor_up",
                tooltip="Move to the previous paper"),
        Binding("g,home", "first", "First", show=False, id="first",
                tooltip="Go to the first paper"),
        Binding("G,end", "last", "Last", show=False, id="last",
                tooltip="Go to the last paper"),
        Binding("pageup", "page_up", "Page up", show=False, id="page_up",
                tooltip="Move up a page"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page_down",
                tooltip="Move down a page"),
        Binding("enter", "select", "Open", id="open_detail",
                tooltip="Open the paper in the detail pane"),
    ]

    COMPONENT_CLASSES = {
        "paper-list--cursor",
        "paper-list--read",
        "paper-list--unread-mark",
        "paper-list--watched",
        "paper-list--bookmark",
        "paper-list--upvotes",
        "paper-list--code",
        "paper-list--linked",
        "paper-list--meta",
        "paper-list--empty",
    }

    DEFAULT_CSS = """
    PaperList {
        overflow-x: hidden;
        & > .paper-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .paper-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground;
        }
        & > .paper-list--read { color: $text-muted; }
        & > .paper-list--unread-mark { color: $accent; }
        & > .paper-list--watched { color: $success; }
        & > .paper-list--bookmark { color: $warning; }
        & > .paper-list--upvotes { color: $success; }
        & > .paper-list--code { color: $secondary; }
        & > .paper-list--linked { color: $accent; }
        & > .paper-list--meta { color: $text-muted; }
        & > .paper-list--empty { color: $text-muted; }
    }
    """

    # repaint=False: watch_cursor repaints just the two rows that changed, not all of them.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another paper (or the list became empty: paper is None)."""

        def __init__(self, paper_list: PaperList, paper: StoredPaper | None, index: int) -> None:
            super().__init__()
            self.paper_list = paper_list
            self.paper = paper
            self.index = index

        @property
        def control(self) -> PaperList:
            return self.paper_list

    class Selected(Message):
        """The user chose a paper (Enter, or a click on the highlighted row)."""

        def __init__(self, paper_list: PaperList, paper: StoredPaper) -> None:
            super().__init__()
            self.paper_list = paper_list
            self.paper = paper

        @property
        def control(self) -> PaperList:
            return self.paper_list

    def __init__(self, fetch_page: PageFetcher, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._fetch_page = fetch_page
        self._keys: array = array("q")
        self._papers: OrderedDict[int, StoredPaper] = OrderedDict()
        self._empty_message = ""
        self._announced: tuple[int, int] | None = None  # (index, key) last posted
        self._partial = False  # only the first keys are here yet
        self._last_wanted = False  # End was pressed before the rest arrived
        self._show_day = True
        self.watched: frozenset[int] = frozenset()  # store keys your watch list matches

    def set_watched(self, keys: frozenset[int]) -> None:
        """Mark these papers (store keys) as matched by a watch: a ◆ before the row."""
        if keys != self.watched:
            self.watched = keys
            self.refresh()

    @property
    def show_day(self) -> bool:
        """Whether rows show their day (not in a list of one day's papers)."""
        return self._show_day

    @show_day.setter
    def show_day(self, value: bool) -> None:
        if value != self._show_day:
            self._show_day = value
            self.refresh()

    # -- data ------------------------------------------------------------------------------

    @property
    def keys(self) -> array:
        return self._keys

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def highlighted(self) -> StoredPaper | None:
        """The paper under the cursor."""
        if not self._keys:
            return None
        return self.paper_at(self.cursor)

    def paper_at(self, index: int) -> StoredPaper | None:
        """The paper at row `index`, fetching its page if it is not cached."""
        if not 0 <= index < len(self._keys):
            return None
        key = self._keys[index]
        paper = self._papers.get(key)
        if paper is None:
            self._load_page(index)
            paper = self._papers.get(key)
        else:
            self._papers.move_to_end(key)
        return paper

    def _load_page(self, index: int) -> None:
        start = index - index % PAGE_SIZE
        wanted = [key for key in self._keys[start : start + PAGE_SIZE] if key not in self._papers]
        if not wanted:
            return
        self._papers.update(self._fetch_page(wanted))
        while len(self._papers) > CACHED_PAPERS:
            self._papers.popitem(last=False)

    def set_keys(self, keys: array, *, keep: int | None = None, empty_message: str = "",
                 partial: bool = False) -> None:
        """Show a new list. The cursor stays on the paper with store key `keep` when it is
        still listed (keeping its place on screen), else on the same row number, clamped.
        `partial`: only the first keys of a longer list, the rest follow."""
        shown = self._keys
        if self._partial and not self._last_wanted and keys[:len(shown)] == shown:
            # The rest of the list whose first keys are on screen: the rows, the cursor and
            # the papers read for them stay; only the scrollbar changes.
            self._keys, self._partial = keys, partial
            self.virtual_size = Size(self.size.width, len(keys))
            return
        old_row = self.cursor - round(self.scroll_y)
        if self._last_wanted and not partial:
            keep, self._last_wanted = (keys[-1] if keys else None), False
        self._keys = keys
        self._partial = partial
        self._papers.clear()
        self._empty_message = empty_message
        index = -1
        if keep is not None:
            try:
                index = keys.index(keep)
            except ValueError:
                index = -1
        if index < 0:
            index = min(self.cursor, len(keys) - 1) if keys else 0
        self.virtual_size = Size(self.size.width, len(keys))
        if keep is not None and index >= 0 and 0 <= old_row < self.size.height:
            self.scroll_to(y=max(0, index - old_row), animate=False, immediate=True)
        self._announced = None
        self.cursor = max(0, index)
        self.refresh()

    @property
    def partial(self) -> bool:
        """Whether only the first keys of a longer list are here yet."""
        return self._partial

    def forget(self, key: int) -> None:
        """Drop one paper from the cache (its state changed) and repaint its row."""
        self._papers.pop(key, None)
        try:
            index = self._keys.index(key)
        except ValueError:
            return
        self.refresh_line(index)

    def forget_all(self) -> None:
        """Drop every cached paper, so the rows are read again from the store."""
        self._papers.clear()
        self._announced = None
        self.refresh()
        self.cursor = self.cursor

    # -- cursor ----------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._keys) - 1)) if self._keys else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_cursor()
        paper = self.highlighted
        identity = (new, self._keys[new] if self._keys else -1)
        if identity != self._announced:
            self._announced = identity
            self.post_message(self.Highlighted(self, paper, new))

    def scroll_to_cursor(self) -> None:
        if self._keys:
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._keys))
        self.call_after_refresh(self.scroll_to_cursor)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._keys) - 1
        self._last_wanted = self._partial  # go on to the true end when it arrives

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_select(self) -> None:
        paper = self.highlighted
        if paper is not None:
            self.post_message(self.Selected(self, paper))

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if not self._keys:
            lines = textwrap.wrap(self._empty_message, max(10, width - 2))
            if 1 <= y <= len(lines):
                style = base + self.get_component_rich_style("paper-list--empty")
                if base.color is not None:
                    style = legible_style(style, base.color)
                return Strip([Segment(" " + lines[y - 1], style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        paper = self.paper_at(index)
        if paper is None:
            return Strip.blank(width, base)
        strip = self._render_row(paper, index == self.cursor, width, base)
        return strip.apply_meta({"row": index})

    def _render_row(self, stored: StoredPaper, is_cursor: bool, width: int, base: Style) -> Strip:
        paper, state = stored.paper, stored.state
        style = self.get_component_rich_style
        row_style = base + style("paper-list--read") if state.read else base
        if is_cursor:
            row_style = row_style + style("paper-list--cursor")
        # Every colour is moved, if it must be, until it reads at 4.5:1 on the row: toward
        # the row's full text colour (the cursor's, on the cursor row).
        toward = (base + style("paper-list--cursor") if is_cursor else base).color
        if toward is not None:
            row_style = legible_style(row_style, toward)

        def part(text: str, component: str | None = None) -> Segment:
            if component is None or is_cursor:
                return Segment(text, row_style)
            styled = row_style + style(component)
            return Segment(text, legible_style(styled, toward) if toward else styled)

        code = ""
        if paper.github_repo:
            code = "</>" + (short_count(paper.github_stars) if paper.github_stars else "")
        right = [
            *([part(linked_badge(stored.linked), "paper-list--linked")] if stored.linked
              and any(stored.linked) else []),
            part(f" {code:<7}", "paper-list--code"),
            part(f" {paper.comments:>2}✉" if paper.comments else "    ", "paper-list--meta"),
        ]
        if self.show_day:
            right.append(part(f" {clean_line(short_day(paper.day)):>6} ", "paper-list--meta"))
        else:
            right.append(part(" "))
        unread = "●" if not state.read else " "
        watched = stored.rowid in self.watched
        left = [
            *([part("◆", "paper-list--watched"), part(unread, "paper-list--unread-mark")]
              if watched else [part(" " + unread, "paper-list--unread-mark")]),
            part("★" if state.bookmarked else " ", "paper-list--bookmark"),
            part(f"▲{paper.upvotes:<4}", "paper-list--upvotes"),
        ]
        used = sum(segment.cell_length for segment in left + right)
        title_width = max(0, width - used)
        # Segments go to the terminal as they are: the text is cleaned again here, so a
        # store filled by anything but papertui's cleaners still cannot send escapes.
        text = clean_line(paper.title) or clean_line(paper.id)
        title = Strip([Segment(text, row_style)]).crop_extend(0, title_width, row_style)
        if title_width and Segment(text).cell_length > title_width:
            title = Strip([Segment(text, row_style)]).crop(0, title_width - 1)
            title = Strip([*title, Segment("…", row_style)]).crop_extend(0, title_width, row_style)
        return Strip([*left, *title, *right]).crop_extend(0, width, row_style)
