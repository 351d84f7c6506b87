"""Figures for a paper's context: store growth per paper with full context, reading one
paper's stored context in a big store, the reader's first screen for a 1 MB text, and
parsing the real paper page. Prints one line per figure.

    python benchmarks/bench_context.py             # N = 100,000 papers, 1,000 contexts
    python benchmarks/bench_context.py --smoke     # N = 1,000, 100 contexts
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TEXTUAL_FPS", "120")  # papertui's frame rate (see __main__.import_app)

from benchmarks.synthetic import _Words, build_store  # noqa: E402
from papertui.core.context import (  # noqa: E402
    Collection, Comment, LinkedRepo, Reaction, RepoLinks, parse_full_text, parse_page_context)
from papertui.core.context_store import (  # noqa: E402
    ContextUpdate, load_context, load_full_text, save_context)
from papertui.core.repair import open_store  # noqa: E402
from papertui.core.store import STORE_FILENAME, Store  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "hf"


def report(figure: str, samples: list[float], unit: str = "ms", note: str = "") -> None:
    scale = 1000.0 if unit == "ms" else 1.0
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    extra = f"  ({note})" if note else ""
    print(f"{figure:<58} median {statistics.median(ordered) * scale:9.2f} {unit}"
          f"   p95 {p95 * scale:9.2f} {unit}   runs {len(samples)}{extra}")


def markdown_of(size: int, words: _Words) -> str:
    """A paper-like Markdown text of about `size` characters: sections and paragraphs of
    the synthetic store's Zipf-distributed vocabulary (so it compresses like prose), TeX."""
    parts, length, section = [], 0, 0
    while length < size:
        if length == 0 or words.rng.random() < 0.08:
            section += 1
            parts.append(f"## {section} {words.sentence(2, 5)}")
        paragraph = words.text(400, 1200) + f" We set $\\alpha_{{{section}}} = 0.{section}$."
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)


def full_context(paper_id: str, words: _Words, text_chars: int) -> ContextUpdate:
    """A busy paper: 3 models, 1 dataset, 2 Spaces, 8 comments, 3 collections, full text."""
    rng = words.rng
    links = RepoLinks()
    for kind, count in (("model", 3), ("dataset", 1), ("space", 2)):
        links.repos[kind] = [  # type: ignore[index]
            LinkedRepo(kind, f"owner{n}/{paper_id}-{kind}-{n}", likes=rng.randint(0, 500),  # type: ignore[arg-type]
                       downloads=rng.randint(0, 10**6) if kind != "space" else None,
                       last_modified="2026-06-20T09:14:02.000Z", pipeline_tag="text-generation",
                       library_name="transformers")
            for n in range(count)]
    comments = [Comment(author=f"user{n}", created_at="2026-06-12T10:00:00.000Z",
                        reactions=(Reaction("👍", 3),), text=words.text(200, 800))
                for n in range(8)]
    collections = [Collection(f"Collection {n}", f"https://huggingface.co/collections/u/c-{n}", 40)
                   for n in range(3)]
    return ContextUpdate(paper_id, links=links, comments=comments, collections=collections,
                         full_text=parse_full_text(markdown_of(text_chars, words)))


def file_size(store: Store) -> int:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path.stat().st_size


def bench_growth(count: int, text_chars: int) -> None:
    words = _Words(random.Random(7))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp)).store
        before = file_size(store)
        for n in range(count):
            save_context(store, full_context(f"2601.{n:05d}", words, text_chars))
        grown = file_size(store) - before
        store.close()
    print(f"{'store growth per paper with full context':<58} {grown / count / 1024:9.1f} KiB"
          f"   ({count} papers, full text ~{text_chars // 1000} KB of Markdown each, "
          "3 models, 1 dataset, 2 Spaces, 8 comments, 3 collections)")


def store_with_contexts(n: int, contexts: int, directory: Path) -> list[str]:
    shutil.copy(build_store(n) / STORE_FILENAME, directory / STORE_FILENAME)
    store = open_store(directory).store
    ids = [row[0] for row in store.db.execute(
        "SELECT id FROM papers ORDER BY random() LIMIT ?", (contexts,))]
    words = _Words(random.Random(11))
    for paper_id in ids:
        save_context(store, full_context(paper_id, words, 20_000))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return ids


def bench_read(n: int, contexts: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ids = store_with_contexts(n, contexts, Path(tmp))
        store = open_store(Path(tmp)).store
        rng = random.Random(3)
        context_samples, text_samples = [], []
        for _ in range(runs):
            paper_id = rng.choice(ids)
            start = time.perf_counter()
            assert load_context(store, paper_id) is not None
            context_samples.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert load_full_text(store, paper_id) is not None
            text_samples.append(time.perf_counter() - start)
        store.close()
    note = f"{n:,} papers, {contexts:,} contexts"
    report("read one paper's stored context (load_context)", context_samples, note=note)
    report("read one paper's stored full text, 20 KB (load_full_text)", text_samples, note=note)


def bench_reader(runs: int) -> None:
    from textual.app import App

    from papertui.screens.reader import ReaderScreen
    from papertui.widgets.full_text import FullTextView

    text = markdown_of(1_000_000, _Words(random.Random(5)))
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp)).store
            save_context(store, ContextUpdate("2601.00001", full_text=parse_full_text(text)))
            first_screen: list[float] = []
            original = FullTextView.render_line

            def render_line(self, y: int, _original=original):  # type: ignore[no-untyped-def]
                strip = _original(self, y)
                if self.lines and not first_screen and y == 0:
                    first_screen.append(time.perf_counter())
                return strip

            FullTextView.render_line = render_line  # type: ignore[method-assign]
            try:
                app = App()

                async def run() -> float:
                    async with app.run_test(size=(120, 40)) as pilot:
                        start = time.perf_counter()
                        await app.push_screen(ReaderScreen(store, "2601.00001"))
                        while not first_screen:
                            await pilot.pause(0.001)
                        return first_screen[0] - start

                samples.append(asyncio.run(run()))
            finally:
                FullTextView.render_line = original  # type: ignore[method-assign]
                store.close()
    report("reader: push -> first screen of a 1 MB full text (headless)", samples,
           note="120x40; store read, wrap and first frame")


def bench_tabs(runs: int) -> None:
    """Filling the context tabs from a stored context, and switching tabs, headless."""
    from textual.app import App, ComposeResult

    from papertui.core.context import PaperContext
    from papertui.widgets.paper_context import PaperContextView

    words = _Words(random.Random(13))
    update = full_context("2601.00001", words, 1_000)
    context = PaperContext("2601.00001", links=update.links or RepoLinks(),
                           comments=update.comments or [], collections=update.collections or [],
                           fetched_at="2026-06-20T09:14:02Z")

    frames: list[float] = []

    class Tabs(App):
        def compose(self) -> ComposeResult:
            yield PaperContextView()

        def post_display_hook(self) -> None:
            frames.append(time.perf_counter())

    fill, switch = [], []

    async def run() -> None:
        app = Tabs()
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.query_one(PaperContextView)

            def filled() -> bool:
                """The tab on screen has its view mounted and filled from the context."""
                pane = view.tabs.active
                shown = view.tabs.get_pane(pane).children
                return bool(shown) and shown[0].is_mounted and pane not in view._stale

            async def painted() -> float:
                # Every message the change queued is handled, then a frame with all of it is
                # composed and displayed now (Textual would do so on its next frame tick);
                # no wait for the whole process to go idle, as Pilot.pause does. A tab's
                # view is mounted on its first showing and filled once composed: the figure
                # is the first frame that holds the filled view.
                for _ in range(100):
                    await pilot._wait_for_screen()
                    done = filled()
                    app.screen._on_timer_update()
                    if done:
                        break
                    await asyncio.sleep(0)
                return frames[-1]

            for n in range(runs):
                view.action_show_tab("discussion")
                await pilot.pause(0.05)
                start = time.perf_counter()
                view.show(f"2601.{n:05d}", context)
                fill.append(await painted() - start)
                await pilot.pause(0.05)
                start = time.perf_counter()
                view.action_next_tab()
                switch.append(await painted() - start)
                await pilot.pause(0.05)

    asyncio.run(run())
    note = "to the frame displayed; 6 repos, 8 comments, 3 collections; 120x40"
    report("context tabs: fill from a stored context (headless)", fill, note=note)
    report("context tabs: switch to the next tab (headless)", switch, note=note)


def bench_parse_page(runs: int) -> None:
    html = (SAMPLES / "paper_page_2509.24002.prettified.html").read_bytes()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_page_context(html)
        samples.append(time.perf_counter() - start)
    report("parse the real paper page (discussion + collections)", samples,
           note=f"{len(html) / 1024:.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--contexts", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.n, args.contexts, args.runs = 1_000, 100, 3
    bench_parse_page(args.runs * 5)
    bench_growth(50 if args.smoke else 200, 150_000)
    bench_read(args.n, args.contexts, args.runs * 10)
    bench_tabs(args.runs)
    bench_reader(max(3, args.runs // 4))


if __name__ == "__main__":
    main()
