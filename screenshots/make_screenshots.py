"""Write the README's SVG screenshots of the real app.

    python screenshots/make_screenshots.py

Each screenshot runs the app headless at a fixed size, offline, on a fresh store made from
the real service samples in ../shared/samples/hf (the latest batch of 12 Jun 2026 and the
day of 8 May 2026, with a few bookmarks, read marks and a note, fetch times pinned), so
running it again gives the same pictures. Without ../shared it uses the tests' fixture store.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "app"))

from fixture_store import TODAY, build_store  # noqa: E402
from helpers import settle  # noqa: E402 - the tests' own: until no worker is left running

from papertui.app import make_app  # noqa: E402
from papertui.core.config import Paths  # noqa: E402
from papertui.core.models import View  # noqa: E402
from papertui.core.parse import parse_items  # noqa: E402
from papertui.core.repair import open_store  # noqa: E402
from papertui.core.store import Store  # noqa: E402

SAMPLES = HERE.parent.parent / "shared" / "samples" / "hf"
SAMPLE_TODAY = __import__("datetime").date(2026, 6, 12)


def build_sample_store(data_dir: Path):
    """A store from the real samples, as a reader would have it after a few days."""
    store = open_store(data_dir).store
    latest = parse_items(json.loads((SAMPLES / "daily_papers_2026-06-12_latest_limit30.raw.json")
                                    .read_bytes()))
    day = parse_items(json.loads((SAMPLES / "daily_papers_2026-05-08.json").read_bytes()))
    store.save_papers(day, View.day("2026-05-08"))
    store.save_papers(latest, View("latest"))
    store.save_papers(latest, View.day("2026-06-12"))
    by_upvotes = sorted(latest, key=lambda p: -p.upvotes)
    store.set_bookmarked([by_upvotes[1].id, by_upvotes[4].id], True)
    store.set_read([p.id for p in by_upvotes[5:9]], True)
    store.set_note(by_upvotes[1].id, "Compare with our sparse-attention kernel.")
    store.set_tags(by_upvotes[1].id, ["attention", "to-try"])
    with store.write() as tx:
        tx.execute("UPDATE fetch_log SET fetched_at = '2026-06-12T13:30:00Z'")
    seed_context(store)
    return store


def seed_context(store) -> None:
    """The context samples (constructed for 2606.13681, see SOURCES.md; the real page of
    2509.24002), stored as a fetch would store them, fetch times pinned."""
    import json

    from papertui.core.context import (
        merge_links, parse_full_text, parse_page_context, parse_paper_api, parse_repos)
    from papertui.core.context_store import ContextUpdate, save_context

    context = SAMPLES / "context"
    links = merge_links(
        parse_paper_api(json.loads((context / "api_papers_2606.13681.constructed.json").read_bytes())),
        parse_repos(json.loads((context / "api_arxiv_2606.13681_repos.constructed.json").read_bytes())))
    text = parse_full_text((context / "paper_2606.13681.constructed.md").read_bytes())
    save_context(store, ContextUpdate("2606.13681", links=links, comments=[], collections=[],
                                      full_text=text))
    comments, collections = parse_page_context(
        (SAMPLES / "paper_page_2509.24002.prettified.html").read_bytes())
    save_context(store, ContextUpdate("2509.24002", links=merge_links(parse_repos({}), None),
                                      comments=comments, collections=collections))
    with store.write() as tx:
        tx.execute("UPDATE paper_context SET fetched_at = '2026-06-12T13:30:00Z', "
                   "attempted_at = '2026-06-12T13:30:00Z'")

Steps = Callable[[object], Awaitable[None]]


async def nothing(pilot) -> None:
    pass


async def open_detail(pilot) -> None:
    await pilot.press("j", "j", "enter")


async def use_filters(pilot) -> None:
    await pilot.press("b", "j", "j", "b", "r")
    await pilot.press("slash", *"agent")
    await settle(pilot)
    await pilot.press("tab", "j")


async def open_help(pilot) -> None:
    await pilot.press("question_mark")


async def open_reader(pilot) -> None:
    from papertui.screens.reader import ReaderScreen

    app = pilot.app
    await app.push_screen(ReaderScreen(
        app.store, "2606.13681",
        title="EvoArena: Tracking Memory Evolution for Robust LLM Agents in Dynamic Environments"))
    await settle(pilot)
    await pilot.press("t")


def context_shots() -> list[tuple[str, tuple[int, int], Steps]]:
    """A paper's context, opened full screen as a reader opens it at 120 columns: the real
    discussion of 2509.24002 (its page is a real capture; the paper is stored from it), and
    2606.13681's linked models (constructed from the documented shapes, see SOURCES.md)."""

    async def open_paper(pilot, paper_id: str, tab: str) -> None:
        app = pilot.app
        screen = app.main_screen
        if app.store.get(paper_id) is None or paper_id not in {
                paper.paper.id for paper in app.store.papers_by_key(screen.paper_list.keys)
                .values()}:
            await pilot.press("ctrl+g")  # everything cached
            await settle(pilot)
        screen.paper_list.cursor = list(screen.paper_list.keys).index(
            app.store.get(paper_id).rowid)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(tab)

    async def discussion(pilot) -> None:
        from papertui.core.parse import parse_paper_page

        page = (SAMPLES / "paper_page_2509.24002.prettified.html").read_text(encoding="utf-8")
        pilot.app.store.save_papers([parse_paper_page(page)])
        await open_paper(pilot, "2509.24002", "2")

    async def models(pilot) -> None:
        await open_paper(pilot, "2606.13681", "3")

    return [("context-discussion.svg", (120, 40), discussion),
            ("context-models.svg", (120, 40), models)]


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("main-wide.svg", (120, 40), nothing),
    ("main-narrow.svg", (80, 24), nothing),
    ("detail.svg", (80, 24), open_detail),
    ("filters.svg", (120, 40), use_filters),
    ("help.svg", (120, 40), open_help),
    ("reader.svg", (120, 40), open_reader),
    *context_shots(),
]


async def shoot(name: str, size: tuple[int, int], steps: Steps,
                prepare: Callable[[Store], None] | None = None) -> None:
    """Start the app on the sample store (after `prepare` has added to it), take `steps`,
    and save what the screen shows."""
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder) / "data", Path(folder) / "config.toml")
        if SAMPLES.is_dir():
            store, today = build_sample_store(paths.data_dir), SAMPLE_TODAY
        else:
            store, today = build_store(paths.data_dir), TODAY
        if prepare is not None:
            prepare(store)
        store.close()
        app = make_app(paths, offline=True, today=today)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await steps(pilot)
            await pilot.pause(0.3)  # the cursor rests: its context and related papers show
            await settle(pilot)
            app.clear_notifications()
            await pilot.pause()
            app.save_screenshot(name, str(HERE))
    print(f"wrote screenshots/{name}")


# -- the watch list and Trends (issue 13) ---------------------------------------------------

# Watches a reader of these samples might keep: a phrase, a lab and a word with an exclusion.
WATCHES = (("keyword", '"large language models"'), ("org", "Tencent"),
           ("keyword", "retrieval -survey"))


async def first_watched_paper(pilot) -> None:
    """The cursor on the first paper a watch matches: its row has ◆, the detail names it."""
    from papertui.core.watch import watched_keys

    screen = pilot.app.main_screen
    watched = watched_keys(pilot.app.store)
    index = next((i for i, key in enumerate(screen.paper_list.keys) if key in watched), 0)
    screen.paper_list.cursor = index
    await pilot.pause(0.3)  # the cursor rests: the detail looks up related papers and watches
    await settle(pilot)
    # The watches a paper matches come after its abstract: scroll the detail to them.
    screen.detail.query_one("#detail-related").scroll_visible(animate=False, top=True)


async def open_trends(pilot) -> None:
    await pilot.press("T")
    await settle(pilot)
    await pilot.pause(0.2)  # the keyword chart is mounted after the first charts


WATCH_SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("watched.svg", (120, 40), first_watched_paper),
    ("trends.svg", (120, 40), open_trends),
]


def add_watches(store: Store) -> None:
    """WATCHES, added before the start, as a reader would have them."""
    from papertui.core.watch import add_watch

    for kind, term in WATCHES:
        add_watch(store, kind, term)


async def main() -> None:
    for name, size, steps in SHOTS:
        await shoot(name, size, steps)
    # The list's ◆ marks and the detail's "Matches your watch", and the Trends screen.
    for name, size, steps in WATCH_SHOTS:
        await shoot(name, size, steps, prepare=add_watches)


if __name__ == "__main__":
    asyncio.run(main())
