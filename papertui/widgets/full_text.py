"""A paper's full text as a line-API widget: only the rows on screen are styled and drawn.

The Markdown is shown as written (TeX stays TeX), with headings, code and links styled. A
1 MB text is split into lines and word-wrapped once per width (plain string slicing, no
Rich objects), so the first screen costs the same as for a short one; styling and link
detection happen per visible row. Links are opened only through `app.open_url`, by click or
by `l` (select the next link on screen) and Enter.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from papertui.core.safety import safe_url
from papertui.widgets.reader_keys import FULL_TEXT_BINDINGS

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Lines that start a block of their own rather than continue a paragraph.
_BLOCK_START = re.compile(r"^(?:\s*$|\s{4}|\s{0,3}(?:[-*+]\s|\d{1,9}[.)]\s|#|>|\||```|~~~|\$\$|!\[|<))")
MAX_JOINED = 10_000  # a paragraph longer than this is shown as several lines
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# [text](url), ![alt](url), <url>, and bare http(s) URLs.
_LINK = re.compile(r"!?\[[^\]\n]{0,500}\]\((\S{1,2048}?)(?:\s+\"[^\"]*\")?\)"
                   r"|<(https?://[^>\s]{1,2048})>|(https?://[^\s<>()\]]{1,2048})")


@dataclass(frozen=True, slots=True)
class Heading:
    line: int  # logical line of the text
    level: int
    title: str


@dataclass(frozen=True, slots=True)
class Link:
    line: int
    start: int
    end: int
    url: str  # already checked by safe_url


def reflow(markdown: str) -> list[str]:
    """The text's lines with hard-wrapped paragraphs joined (arXiv's conversion wraps them),
    so they re-wrap to the screen's width. Code, TeX blocks, lists, tables, quotes and
    headings keep their lines; a line ending in a hard break ("  " or "\\") ends its own."""
    lines: list[str] = []
    joinable = False  # the last line is a paragraph that may go on
    fenced = tex = False
    for line in markdown.split("\n"):
        stripped = line.strip()
        if _FENCE.match(line):
            fenced, joinable = not fenced, False
            lines.append(line)
            continue
        if not fenced and stripped.startswith("$$") and (len(stripped) == 2
                                                         or not stripped.endswith("$$")):
            tex, joinable = not tex, False
            lines.append(line)
            continue
        if fenced or tex:
            lines.append(line)
            continue
        if joinable and not _BLOCK_START.match(line) and len(lines[-1]) < MAX_JOINED:
            lines[-1] = f"{lines[-1]} {stripped}"
        else:
            lines.append(line)
        joinable = _continues(line)
    return lines


def _continues(line: str) -> bool:
    """Whether the paragraph this line ends may go on on the next line."""
    if not line.strip() or line.endswith(("  ", "\\")):
        return False
    return not re.match(r"^\s{0,3}(?:#|\||```|~~~|\$\$)|^\s{4}", line)


def wrap_line(text: str, width: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each row of `text` wrapped at spaces to `width` cells."""
    if not text:
        yield 0, 0
        return
    if text.isascii():
        start, size = 0, len(text)
        while size - start > width:
            cut = text.rfind(" ", start, start + width + 1)
            end = cut if cut > start else start + width
            yield start, end
            start = end + 1 if cut > start else end
        yield start, size
        return
    start, used, space = 0, 0, -1
    for index, char in enumerate(text):
        cells = cell_len(char)
        if used + cells > width and index > start:
            end = space if space > start else index
            yield start, end
            start = end + 1 if space > start else end
            used = cell_len(text[start:index])
            space = -1
        if char == " ":
            space = index
        used += cells
    yield start, len(text)


class FullTextView(ScrollView, can_focus=True):
    """The full text, scrollable by row; `top_line` is the text line at the top."""

    COMPONENT_CLASSES = {"fulltext--heading", "fulltext--code", "fulltext--link",
                         "fulltext--match", "fulltext--current-match", "fulltext--selected-link"}
    DEFAULT_CSS = """
    FullTextView { padding: 0 1; scrollbar-gutter: stable; }
    FullTextView > .fulltext--heading { color: $text-accent; text-style: bold; }
    FullTextView > .fulltext--code { color: $text-success; }
    FullTextView > .fulltext--link { color: $text-primary; text-style: underline; }
    FullTextView > .fulltext--match { background: $warning 40%; }
    FullTextView > .fulltext--current-match { background: $warning; color: $background; }
    FullTextView > .fulltext--selected-link { background: $primary; color: $background; }
    """
    BINDINGS = FULL_TEXT_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[str] = []
        self.code: bytearray = bytearray()  # 1 where a line is inside a code fence
        self.headings: list[Heading] = []
        self.rows: list[tuple[int, int, int]] = []  # (line, start, end)
        self.first_row = array("q")  # line -> its first row
        self._wrapped_width = 0
        self._links: dict[int, list[Link]] = {}
        self.matches: list[tuple[int, int, int]] = []
        self.match_index = -1
        self.selected_link: Link | None = None
        self._pending_line = 0

    # -- the text ---------------------------------------------------------------------------

    def set_text(self, markdown: str, top_line: int = 0) -> None:
        """Show `markdown` with `top_line` at the top (once the width is known)."""
        self.lines = reflow(markdown)
        self.code = bytearray(len(self.lines))
        self.headings = []
        fenced = False
        for number, line in enumerate(self.lines):
            if _FENCE.match(line):
                fenced = not fenced
                self.code[number] = 1
                continue
            if fenced:
                self.code[number] = 1
            elif line.startswith("#") and (match := _HEADING.match(line)):
                self.headings.append(Heading(number, len(match[1]), match[2][:200]))
        self._links.clear()
        self.matches, self.match_index, self.selected_link = [], -1, None
        self._wrapped_width = 0
        self._pending_line = top_line
        self._rewrap()

    def _rewrap(self) -> None:
        # The gutter is stable, so the width does not change when the scrollbar appears.
        width = max(10, self.scrollable_content_region.width or 80)
        if width == self._wrapped_width and self.rows:
            return
        top = self.top_line if self.rows else self._pending_line
        rows: list[tuple[int, int, int]] = []
        first = array("q", bytes(8 * len(self.lines)))
        for number, line in enumerate(self.lines):
            first[number] = len(rows)
            rows.extend((number, start, end) for start, end in wrap_line(line, width))
        self.rows, self.first_row, self._wrapped_width = rows, first, width
        self.virtual_size = Size(width, len(rows))
        self.scroll_to_line(top)

    def on_resize(self) -> None:
        if self.lines:
            self._rewrap()

    @property
    def top_line(self) -> int:
        """The line of the text at the top of the view (the reading position)."""
        if not self.rows:
            return self._pending_line
        return self.rows[min(int(self.scroll_y), len(self.rows) - 1)][0]

    def scroll_to_line(self, line: int, *, center: bool = False) -> None:
        if not self.rows:
            self._pending_line = line
            return
        line = max(0, min(line, len(self.lines) - 1))
        row = self.first_row[line]
        if center:
            row = max(0, row - self.scrollable_content_region.height // 3)
        self.scroll_to(y=row, animate=False, immediate=True)

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row_index = int(self.scroll_y) + y
        if row_index >= len(self.rows):
            return Strip.blank(self.scrollable_content_region.width)
        line, start, end = self.rows[row_index]
        text = self.lines[line][start:end]
        base = Style()
        if self.code[line]:
            base = self.get_component_rich_style("fulltext--code")
        elif self.lines[line].startswith("#") and _HEADING.match(self.lines[line]):
            base = self.get_component_rich_style("fulltext--heading")
        spans: list[tuple[int, int, Style]] = []
        if not self.code[line]:
            link_style = self.get_component_rich_style("fulltext--link")
            selected = self.get_component_rich_style("fulltext--selected-link")
            for number, link in enumerate(self.links_of(line)):
                if link.end > start and link.start < end:
                    style = selected if link == self.selected_link else link_style
                    meta = Style.from_meta({"@click": f"open_link({line},{number})"})
                    spans.append((max(link.start, start) - start, min(link.end, end) - start,
                                  style + meta))
        for number, (m_line, m_start, m_end) in enumerate(self.matches):
            if m_line == line and m_end > start and m_start < end:
                name = ("fulltext--current-match" if number == self.match_index
                        else "fulltext--match")
                spans.append((max(m_start, start) - start, min(m_end, end) - start,
                              self.get_component_rich_style(name)))
        return Strip(list(_segments(text, base, spans))).adjust_cell_length(
            self.scrollable_content_region.width)

    def links_of(self, line: int) -> list[Link]:
        """The links of one line of the text (cached), only those safe to open."""
        if line not in self._links:
            found = []
            for match in _LINK.finditer(self.lines[line][:20_000]):
                url = safe_url(match[1] or match[2] or match[3])
                if url:
                    found.append(Link(line, match.start(), match.end(), url))
            if len(self._links) > 4096:
                self._links.clear()
            self._links[line] = found
        return self._links[line]

    # -- find -----------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Mark every match of `query` (case-insensitive); go to the first one below the top.
        Returns how many there are."""
        self.matches, self.match_index = [], -1
        needle = query.casefold()
        if needle:
            for number, line in enumerate(self.lines):
                folded = line.casefold()
                if len(folded) != len(line):
                    folded = line.lower()  # keep offsets aligned with the shown text
                at = folded.find(needle)
                while at >= 0 and len(self.matches) < 100_000:
                    self.matches.append((number, at, at + len(needle)))
                    at = folded.find(needle, at + max(1, len(needle)))
        if self.matches:
            top = self.top_line
            self.match_index = next((i for i, m in enumerate(self.matches) if m[0] >= top), 0)
            self._show_match()
        self.refresh()
        return len(self.matches)

    def next_match(self, step: int = 1) -> None:
        if self.matches:
            self.match_index = (self.match_index + step) % len(self.matches)
            self._show_match()
            self.refresh()

    def _show_match(self) -> None:
        line, start, _ = self.matches[self.match_index]
        row = self.first_row[line] + sum(1 for r in self._rows_of(line) if r[1] <= start) - 1
        height = self.scrollable_content_region.height
        if not self.scroll_y <= row < self.scroll_y + height:
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)

    def _rows_of(self, line: int) -> list[tuple[int, int, int]]:
        start = self.first_row[line]
        end = self.first_row[line + 1] if line + 1 < len(self.lines) else len(self.rows)
        return self.rows[start:end]

    # -- links ----------------------------------------------------------------------------

    def visible_links(self) -> list[Link]:
        top = int(self.scroll_y)
        lines = dict.fromkeys(r[0] for r in self.rows[top:top + self.scrollable_content_region.height])
        return [link for line in lines if not self.code[line] for link in self.links_of(line)]

    def action_next_link(self, step: int = 1) -> None:
        links = self.visible_links()
        if not links:
            self.app.notify("No links on this screen.", markup=False)
            return
        index = links.index(self.selected_link) if self.selected_link in links else -step
        self.selected_link = links[(index + step) % len(links)]
        self.refresh()

    def action_previous_link(self) -> None:
        self.action_next_link(-1)

    def action_open_selected_link(self) -> None:
        if self.selected_link is not None:
            self.app.open_url(self.selected_link.url)

    def action_open_link(self, line: int, number: int) -> None:
        links = self.links_of(line) if 0 <= line < len(self.lines) else []
        if 0 <= number < len(links):
            self.app.open_url(links[number].url)


def _segments(text: str, base: Style, spans: list[tuple[int, int, Style]]) -> Iterator[Segment]:
    """`text` in `base` style, with `spans` (start, end, style) layered on top."""
    if not spans:
        yield Segment(text, base)
        return
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    for start, end in zip(cuts, cuts[1:]):
        style = base
        for s, e, extra in spans:
            if s <= start and end <= e:
                style = style + extra
        yield Segment(text[start:end], style)
