"""Figures for the watch list, the digest and trends at N papers with 50 watches.

    python benchmarks/bench_watch.py                # N = 100,000, 7 runs
    python benchmarks/bench_watch.py --n 1000 --runs 3

Works on a copy of the cached synthetic store (benchmarks/synthetic.py), so the cache
never gains watches. Prints one table; nothing passes or fails on a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_watch_ui  # noqa: E402
from benchmarks.bench_core import row  # noqa: E402
from benchmarks.synthetic import build_store, make_papers  # noqa: E402
from papertui.core.digest import build_digest, period_for_week  # noqa: E402
from papertui.core.digest_render import render_digest  # noqa: E402
from papertui.core.models import iso_week, parse_date  # noqa: E402
from papertui.core.query import FilterSpec  # noqa: E402
from papertui.core.repair import open_store  # noqa: E402
from papertui.core.store import STORE_FILENAME, Store  # noqa: E402
from papertui.core.trends import compute_trends, default_period  # noqa: E402
from papertui.core.visit import Visit, count_new_watched, new_watched_spec  # noqa: E402
from papertui.core.watch import (  # noqa: E402
    add_watch, matches_by_key, matching_watches, sync_watches, watched_keys,
)

# 50 watches a reader might keep: phrases and words of the field, some with exclusions,
# rarer method names, people, labs and submitters (names from synthetic.py's lists).
# Single words of the synthetic field each match ~20 % of its abstracts (Zipf), far more
# than a real watch does, so most keyword watches here are phrases.
KEYWORDS = [
    '"reinforcement learning"', '"mixture experts"', '"chain thought"', '"radiance field"',
    '"point cloud"', '"speech audio"', '"long context"', '"human feedback"',
    '"instruction tuning"', '"graph neural"', '"diffusion video"', '"quantization pruning"',
    '"federated privacy"', '"robotic navigation"', '"distillation latency"',
    '"segmentation depth"', '"reward policy"', '"token tokens"', '"vision language"',
    '"retrieval agents"', '"kernel gpu"', '"world simulation"', '"scene rendering"',
    '"pose tracking"', '"sparse attention"', '"masked autoregressive"', '"depth estimation"',
    '"3D scene"', "diffusion -survey -video", "speculative",
]
AUTHORS = ["Wei Wang", "Anna Smith", "Priya Kumar", "Kenji Tanaka", "Lena Mueller",
           "Omar Khan", "Yuki Sato", "Maria Rossi", "Liam Park", "Sofia Garcia"]
# The synthetic store has only nine organizations (~11 % of papers each): one is watched.
ORGS = ["Qwen"]
SUBMITTERS = ["Anna12", "Wei7", "Noah300", "Layla42", "Felix999", "Omar5", "Yuki77",
              "Jonas8", "Clara123"]


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], object]:
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return samples, result


def add_watches(store: Store) -> int:
    for term in KEYWORDS:
        add_watch(store, "keyword", term)
    for name in AUTHORS:
        add_watch(store, "author", name)
    for org in ORGS:
        add_watch(store, "org", org)
    for who in SUBMITTERS:
        add_watch(store, "submitter", who)
    return len(KEYWORDS) + len(AUTHORS) + len(ORGS) + len(SUBMITTERS)


async def trends_screen(store: Store) -> tuple[float, float]:
    """From pushing the Trends screen to the first frame that painted its daily charts, and
    to the first that painted the keyword chart (the figures are computed in a worker
    thread meanwhile; the frames are Textual's post_display_hook)."""
    from textual.app import App

    from papertui.screens.trends import TrendsScreen

    app: App[None] = App()
    seen: dict[str, float] = {}
    done = asyncio.Event()

    def displayed() -> None:
        now = time.perf_counter()
        # show() runs on the UI thread between frames, so the first frame after it holds
        # the daily charts with their figures.
        if "charts" not in seen and screen.trends is not None:
            seen["charts"] = now
        chart = screen.keyword_chart
        if "keyword" not in seen and chart is not None and chart._render_cache.lines:
            seen["keyword"] = now
            done.set()

    async with app.run_test(size=(140, 44)):
        screen = TrendsScreen(store)
        app.post_display_hook = displayed
        start = time.perf_counter()
        await app.push_screen(screen)
        await asyncio.wait_for(done.wait(), 30)
        return seen["charts"] - start, seen["keyword"] - start


def import_cost(module: str, runs: int) -> list[float]:
    """Seconds to import `module` in a fresh interpreter that has imported Textual."""
    code = ("import time, textual.app, textual.widgets; t = time.perf_counter(); "
            f"import {module}; print(time.perf_counter() - t)")
    return [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(runs)]


def main(n: int, runs: int, ui_runs: int = 0, *, smoke: bool = False) -> list[dict]:
    """Every watch, digest and trends figure; `ui_runs` real-terminal runs (0: none)."""
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(build_store(n) / STORE_FILENAME, Path(tmp) / STORE_FILENAME)
        store = open_store(Path(tmp)).store

        # Days of 50 new papers, made before the clock starts (making them is slow).
        days = []
        for run in range(2 * runs):
            papers = make_papers(50, seed=7000 + run)
            for offset, paper in enumerate(papers):
                paper.id = f"3{run:03d}.{offset:05d}"
            days.append(papers)

        def save_day() -> None:
            store.save_papers(days.pop())

        watches = add_watches(store)
        everything = store.count(FilterSpec())

        samples, count = timed(lambda: store.count(FilterSpec(watched=True)), runs)
        share = f"{count:,} of {everything:,} papers watched, {watches} watches"
        rows.append(row(f"Watched count ({share})", "unnoticed", samples, n))
        samples, _ = timed(lambda: store.select_keys(FilterSpec(watched=True)), runs)
        rows.append(row("Watched filter: keys in upvote order", "unnoticed", samples, n))
        samples, _ = timed(lambda: store.select_keys(FilterSpec(watched=True, unread=True,
                                                                has_code=True)), runs)
        rows.append(row("Watched + unread + has code: keys", "unnoticed", samples, n))
        samples, found = timed(lambda: watched_keys(store), runs)
        keys = frozenset(found)  # type: ignore[call-overload]
        rows.append(row("watched_keys(): the set the list marks rows from", "once a refresh",
                        samples, n))
        page = list(store.select_keys(FilterSpec(), limit=40))
        samples, _ = timed(lambda: [key in keys for key in page], runs)
        rows.append(row("marks for a page of 40 rows (set lookups)", "unnoticed", samples, n))
        samples, _ = timed(lambda: matches_by_key(store, page), runs)
        rows.append(row("which watches match 40 rows (matches_by_key)", "unnoticed", samples, n))
        first = store.papers_by_key(page[:1])[page[0]]
        samples, _ = timed(lambda: matching_watches(store, first), runs)
        rows.append(row("detail: the watches one paper matches", "unnoticed", samples, n))

        newest = store.db.execute("SELECT max(pk) FROM papers").fetchone()[0]
        since = Visit("2026-11-25T08:00:00Z", newest - 150)  # two days of papers arrived
        samples, new = timed(lambda: count_new_watched(store, since), runs)
        rows.append(row(f"new since last visit: count ({new} new watched)", "<= 50 ms",
                        samples, n))
        samples, _ = timed(lambda: store.select_keys(new_watched_spec(since)), runs)
        rows.append(row("new since last visit: their keys", "<= 50 ms", samples, n))

        week = iso_week(parse_date(store.newest_day()))
        period = period_for_week(week)

        def digest() -> str:
            return render_digest(build_digest(store, period), "html")

        samples, text = timed(digest, runs)
        rows.append(row(f"digest of a week ({week}, HTML, {len(str(text)) // 1024} KB)",
                        "<= 1 s", samples, n))
        since_day, until_day = default_period(store)
        samples, trends = timed(lambda: compute_trends(store, since_day, until_day), runs)
        rows.append(row(f"trends over 12 weeks ({trends.papers:,} papers)",  # type: ignore[attr-defined]
                        "<= 500 ms", samples, n))
        figures = [asyncio.run(trends_screen(store)) for _ in range(runs)]
        rows.append(row("Trends screen: pushed -> daily charts painted (headless)", "<= 500 ms",
                        [charts for charts, _ in figures], n))
        rows.append(row("Trends screen: pushed -> keyword chart painted (headless)", "-",
                        [keyword for _, keyword in figures], n))
        if ui_runs:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            rows += bench_watch_ui.main(n, Path(tmp), ui_runs, smoke=smoke)

        # Saving adds papers to the newest week: last, so the figures above stay comparable.
        samples, _ = timed(save_day, runs)
        rows.append(row("save a 50-paper day, watch marks included", "<= 20 ms", samples, n))
        samples, _ = timed(lambda: sync_watches(store), runs)
        rows.append(row("sync_watches() with nothing waiting", "unnoticed", samples, n))

        def sync_fifty() -> float:
            with store.write() as tx:
                tx.execute("INSERT INTO watch_dirty SELECT pk FROM papers ORDER BY pk DESC LIMIT 50")
            start = time.perf_counter()
            sync_watches(store)
            return time.perf_counter() - start

        samples = [sync_fifty() for _ in range(runs)]
        rows.append(row("sync_watches() for 50 new papers (part of the save above)",
                        "unnoticed", samples, n))

        with store.write() as tx:
            tx.execute("DELETE FROM watch_hits")
            tx.execute("DELETE FROM watches")
        samples, _ = timed(save_day, runs)
        rows.append(row("save a 50-paper day, no watches (for comparison)", "<= 20 ms",
                        samples, n))
        store.close()
    rows.append(row("import textual_plotext (after Textual)", "lazy", import_cost(
        "textual_plotext", runs), n))
    rows.append(row("import Sparkline (after Textual), for comparison", "", import_cost(
        "textual.widgets._sparkline", runs), n))
    return rows


if __name__ == "__main__":
    from benchmarks.run import about, table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--ui-runs", type=int, default=3,
                        help="real-terminal sessions per figure (0: none)")
    args = parser.parse_args()
    results = main(args.n, args.runs, args.ui_runs)
    print(about())
    print(f"\nN = {args.n:,} papers in the store")
    print(table(results))
