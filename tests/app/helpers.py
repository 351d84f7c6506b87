"""What a user sees, read off the running app."""

from __future__ import annotations

from papertui.app import PaperTUI
from papertui.screens.main import MainScreen


async def settle(pilot) -> None:
    """Let the workers (queries, counts, fetches) finish and the screen repaint."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def main_screen(app: PaperTUI) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def list_rows(app: PaperTUI) -> list[str]:
    """The text of the paper list's rows as drawn on screen."""
    paper_list = main_screen(app).paper_list
    return [paper_list.render_line(y).text for y in range(paper_list.size.height)]


def detail_text(app: PaperTUI) -> str:
    body = main_screen(app).detail.query_one("#detail-body")
    return str(body.render())


def status_text(app: PaperTUI) -> str:
    return str(main_screen(app).status.query_one("#status-message").render())


def status_count(app: PaperTUI) -> str:
    """The count at the right of the status line ("12 papers · by upvotes")."""
    return str(main_screen(app).status.query_one("#status-count").render())


def notifications(app: PaperTUI) -> list[str]:
    return [n.message for n in app._notifications]


def selected_id(app: PaperTUI) -> str | None:
    paper = main_screen(app).selected
    return paper.paper.id if paper else None
