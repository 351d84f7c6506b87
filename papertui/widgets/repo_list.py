"""A paper's linked models, datasets or Spaces: a line-API list under a fixed header row.

A DataTable builds and lays out a cell per value and repaints its whole region on every
change, which made switching to a repo tab the slowest step of the context view; this
list draws only the lines on screen from plain tuples, as `paper_list.PaperList` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from papertui.core.safety import clean_line
from papertui.core.wording import iso_day
from papertui.widgets.paper_list import RowClicks

if TYPE_CHECKING:
    from papertui.core.context import LinkedRepo, RepoKind

SORTS = ("likes", "downloads", "updated", "name")
Cells = tuple[str, str, str, str, str]  # id, task/library/SDK, likes, downloads, updated
# The columns after the repo's id, as (cell index, width), in the order they give way when
# the pane is narrow: the id keeps at least NAME_MIN cells (or its longest id's).
OPTIONAL = ((2, 7), (3, 12), (4, 11), (1, 26))
NAME_MIN = 24


def sort_repos(repos: list[LinkedRepo], order: str) -> list[LinkedRepo]:
    """Repos in one of SORTS, most first (names A to Z)."""
    if order == "downloads":
        return sorted(repos, key=lambda r: (-(r.downloads or 0), -r.likes, r.id.lower()))
    if order == "updated":
        return sorted(repos, key=lambda r: (r.last_modified, r.likes), reverse=True)
    if order == "name":
        return sorted(repos, key=lambda r: r.id.lower())
    return sorted(repos, key=lambda r: (-r.likes, -(r.downloads or 0), r.id.lower()))


def repo_cells(repo: LinkedRepo) -> Cells:
    """One repo's cells as shown: id, task/library/SDK, likes, downloads, date of update.
    Cleaned again here: the lines go to the terminal as segments, not through markup."""
    downloads = "" if repo.downloads is None else f"{repo.downloads:,}"
    return (clean_line(repo.id), clean_line(repo.detail), f"{repo.likes:,}", downloads,
            iso_day(repo.last_modified))


def columns(width: int, longest_name: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """The id's width and the other columns shown across `width` cells."""
    name_min = min(NAME_MIN, max(8, longest_name))
    shown, room = [], width - 1
    for index, cells in OPTIONAL:
        if room - cells >= name_min:
            shown.append((index, cells))
            room -= cells
    return max(1, room), tuple(sorted(shown))


def line_text(cells: Cells, name_width: int, shown: tuple[tuple[int, int], ...]) -> str:
    """The cells laid out in columns: the id in `name_width` cells, then the `shown` ones
    (the task, left-aligned; the numbers and date, right-aligned)."""
    name = cells[0]
    if cell_len(name) > name_width:
        name = set_cell_size(name, name_width - 1) + "…"
    parts = [" ", set_cell_size(name, name_width)]
    for index, width in shown:
        text = cells[index]
        if index == 1:
            if cell_len(text) > width - 1:
                text = set_cell_size(text, width - 2) + "…"
            parts.append(set_cell_size(" " + text, width))
        else:
            parts.append(text.rjust(width))
    return "".join(parts)


class RepoList(RowClicks, ScrollView, can_focus=True):
    """The repos, one line each, the column names fixed on the first line."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="repos_down",
                tooltip="Move to the next repo"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="repos_up",
                tooltip="Move to the previous repo"),
        Binding("home", "cursor(-1_000_000)", "First", show=False),
        Binding("end", "cursor(1_000_000)", "Last", show=False),
        Binding("enter", "select", "Open", show=False, id="repos_open",
                tooltip="Open the repo on Hugging Face"),
    ]
    COMPONENT_CLASSES = {"repo-list--header", "repo-list--cursor", "repo-list--stripe"}
    DEFAULT_CSS = """
    RepoList {
        height: auto; max-height: 1fr; overflow-x: hidden;
        & > .repo-list--header { text-style: bold; color: $text-accent; }
        & > .repo-list--stripe { background: $surface-lighten-1; }
        & > .repo-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .repo-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground;
        }
    }
    """

    cursor: reactive[int] = reactive(0, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another repo."""

    class Selected(Message):
        """The user chose the repo under the cursor (Enter, or a click on it)."""

    def __init__(self, header: Cells, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.header = header
        self.rows: list[Cells] = []
        self._longest = 0  # the longest id's cells

    def set_rows(self, rows: list[Cells]) -> None:
        """Show these rows, the cursor on the first."""
        self.rows = rows
        self._longest = max((cell_len(row[0]) for row in rows), default=0)
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.set_reactive(RepoList.cursor, 0)
        self.refresh(layout=True)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)  # lines of the virtual list: the header is line 0
        self.refresh_line(new + 1)
        self.scroll_to_region(Region(0, new + 1, 1, 1), spacing=Spacing(top=1),
                              animate=False, immediate=True)
        self.post_message(self.Highlighted())

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected())

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        name_width, shown = columns(width, self._longest)
        if y == 0:  # the column names stay put while the rows scroll
            style = base + self.get_component_rich_style("repo-list--header")
            return Strip([Segment(line_text(self.header, name_width, shown), style)]
                         ).crop_extend(0, width, style)
        index = round(self.scroll_y) + y - 1
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("repo-list--cursor")
        elif index % 2:
            style = base + self.get_component_rich_style("repo-list--stripe")
        strip = Strip([Segment(line_text(self.rows[index], name_width, shown), style)])
        return strip.crop_extend(0, width, style).apply_meta({"row": index})


class RepoView(Vertical):
    """One kind of linked repo: Enter opens it on Hugging Face, `y` copies its id, `c`
    copies `hf download <id>`, `s` changes the order."""

    BINDINGS = [
        Binding("s", "cycle_sort", "Sort", id="repos_sort",
                tooltip="Order by likes, downloads, date of update or name"),
        Binding("y", "copy_id", "Copy id", id="repos_copy_id", tooltip="Copy the repo's id"),
        Binding("c", "copy_command", "Copy download command", id="repos_copy_command",
                tooltip="Copy the command that downloads it (hf download)"),
    ]
    DEFAULT_CSS = """
    RepoView { height: 1fr; }
    RepoView > .repo-hint { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, kind: RepoKind, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.order = "likes"
        self.repos: list[LinkedRepo] = []  # in the order shown
        self._message = ""

    def compose(self) -> ComposeResult:
        yield RepoList(("Repo", "SDK" if self.kind == "space" else "Task · library",
                        "Likes", "Downloads", "Updated"))
        yield Static(Content(""), classes="repo-hint")

    @property
    def repo_list(self) -> RepoList:
        return self.query_one(RepoList)

    def show(self, repos: list[LinkedRepo], message: str = "") -> None:
        self._message = message
        self.repos = sort_repos(list(repos), self.order)
        self.repo_list.set_rows([repo_cells(repo) for repo in self.repos])
        self._show_hint()

    def current(self) -> LinkedRepo | None:
        """The repo under the cursor."""
        return self.repos[self.repo_list.cursor] if self.repos else None

    def _show_hint(self) -> None:
        hint = self.query_one(".repo-hint", Static)
        repo = self.current()
        if repo is None:
            hint.update(Content(self._message or f"No {self.kind}s link this paper."))
        elif repo.download_command:
            hint.update(Content.assemble(
                Content.styled(f"$ {repo.download_command}", "bold"),
                Content(f"   by {self.order} · Enter opens · y copies the id · c copies the command")))
        else:
            hint.update(Content(f"by {self.order} · Enter opens · y copies the id"))

    @on(RepoList.Highlighted)
    def _highlighted(self, event: RepoList.Highlighted) -> None:
        event.stop()
        self._show_hint()

    @on(RepoList.Selected)
    def _open(self, event: RepoList.Selected) -> None:
        event.stop()
        if (repo := self.current()) is not None:
            self.app.open_url(repo.url)

    def action_cycle_sort(self) -> None:
        self.order = SORTS[(SORTS.index(self.order) + 1) % len(SORTS)]
        self.show(self.repos, self._message)

    def action_copy_id(self) -> None:
        if (repo := self.current()) is not None:
            self.app.copy_to_clipboard(repo.id)
            self.app.notify(f"copied {repo.id}", markup=False)

    def action_copy_command(self) -> None:
        repo = self.current()
        if repo is not None and repo.download_command:
            self.app.copy_to_clipboard(repo.download_command)
            self.app.notify(f"copied {repo.download_command}", markup=False)
