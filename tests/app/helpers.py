"""What a user sees, read off the running app."""

from __future__ import annotations

import time

from textual.geometry import Region
from textual.widgets._toast import Toast
from textual.worker import WorkerCancelled

from papertui.app import PaperTUI
from papertui.core.models import Paper, View
from papertui.core.repair import open_store
from papertui.core.watch import WatchKind, add_watch
from papertui.screens.main import MainScreen


async def settle(pilot) -> None:
    """Let the workers (queries, counts, fetches) finish and the screen repaint; again while
    the messages of finished workers start new ones, at most three rounds."""
    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # a newer one of its group took over (related papers as the cursor rests)
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            return


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


def drawn_lines(widget) -> list[str]:
    """The text of every line a widget draws now (what goes to the terminal)."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text for strip in widget.render_lines(region)]


def detail_lines(app) -> list[str]:
    return drawn_lines(main_screen(app).detail.query_one("#detail-body"))


def save_raw(paths, *papers: Paper) -> None:
    """Papers saved straight into the store, bypassing parse (and so the cleaners)."""
    store = open_store(paths.data_dir).store
    store.save_papers(list(papers), View("latest"))
    store.close()


def watch(paths, kind: WatchKind, term: str) -> None:
    """A watch added to the store before the app starts, as `papertui watch add` would."""
    store = open_store(paths.data_dir).store
    add_watch(store, kind, term)
    store.close()


def since(app, seen: set[str]) -> list:
    """Notifications posted since `seen` (their identities) was taken; old ones expire, so
    positions in the list are no guide."""
    return [n for n in app._notifications if n.identity not in seen]


def toasts(app) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query(Toast)]


async def wait_for_fetch(pilot, timeout: float = 10.0) -> None:
    """Wait until the refresh started at start-up (or by a key) has finished."""
    screen = main_screen(pilot.app)
    await pilot.pause()
    deadline = time.monotonic() + timeout
    while screen.fetching and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert not screen.fetching, "the fetch did not end in time"
    await settle(pilot)
