"""Figures for the core: parsing and saving a day, search queries, the `list` command,
fetching 60 days from a local server, and the store's size. Prints rows; run.py tabulates."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build_store, day_json, make_papers, raw_text_bytes  # noqa: E402
from papertui.core.fetch import fetch_views  # noqa: E402
from papertui.core.models import View  # noqa: E402
from papertui.core.parse import parse_items  # noqa: E402
from papertui.core.query import FilterSpec  # noqa: E402
from papertui.core.repair import open_store  # noqa: E402
from papertui.core.store import STORE_FILENAME  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def row(figure: str, target: str, samples: list[float], n: int, unit: str = "ms") -> dict:
    """One line of the results table (samples in seconds; shown in `unit`)."""
    scale = {"ms": 1000.0, "s": 1.0, "x": 1.0, "MB": 1.0}[unit]
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"figure": figure, "target": target, "median": statistics.median(ordered) * scale,
            "p95": p95 * scale, "unit": unit, "n": n, "runs": len(samples)}


def bench_parse_and_save(n: int, runs: int) -> dict:
    """Parse one 50-item day of JSON and write it into a store of n papers."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(build_store(n) / STORE_FILENAME, Path(tmp) / STORE_FILENAME)
        store = open_store(Path(tmp)).store
        samples = []
        for run in range(runs):
            # Fresh ids each run, so every run inserts 50 new papers (and their index entries).
            papers = make_papers(50, seed=9000 + run)
            for offset, paper in enumerate(papers):
                paper.id = f"3{run:03d}.{offset:05d}"
            body = day_json(papers)
            start = time.perf_counter()
            store.save_papers(parse_items(json.loads(body)), View.day("2030-01-0%d" % (run % 9 + 1)))
            samples.append(time.perf_counter() - start)
        store.close()
    return row("parse one 50-item day (JSON) + write to store", "<= 20 ms", samples, n)


KEYSTROKES = ["m", "mo", "mod", "mode", "model", "t", "tr", "tra", "tran", "trans", "transf",
              "transfo", "d", "di", "dif", "diff", "diffu", "diffus", "diffusi", "diffusio",
              "diffusion", "r", "re", "rea", "reas", "reaso", "reason", "reasoning"]


def bench_search_queries(n: int) -> list[dict]:
    """The store half of a search keystroke: matching keys in order, plus the count."""
    store = open_store(build_store(n)).store
    samples, ranked = [], []
    for text in KEYSTROKES:
        start = time.perf_counter()
        keys = store.select_keys(FilterSpec(query=text))
        samples.append(time.perf_counter() - start)
        if len(keys) <= 2000:
            start = time.perf_counter()
            store.select_keys(FilterSpec(query=text, sort="relevance"))
            ranked.append(time.perf_counter() - start)
    start = time.perf_counter()
    everything = store.select_keys(FilterSpec())
    clear = time.perf_counter() - start
    store.close()
    rows = [row("search query in the store (per keystroke)", "part of <= 60 ms", samples, n),
            row("  all papers, no filter (clear search)", "part of <= 100 ms", [clear], len(everything))]
    if ranked:
        rows.append(row("  bm25 re-rank of a small match set", "off the UI thread", ranked, n))
    return rows


def bench_filter_combinations(n: int) -> dict:
    """Every combination of search, view and toggles: keys in order plus the count (the
    figures the filter pane shows). Catches a query plan that goes bad for one mix."""
    import itertools

    store = open_store(build_store(n)).store
    samples = []
    for query, bookmarked, unread, has_code, view, min_upvotes in itertools.product(
            ["", "tran", "model"], [False, True], [False, True], [False, True],
            [None, View.day("2026-11-27"), View.month("2026-10"), View("latest")], [0, 10]):
        spec = FilterSpec(query=query, bookmarked=bookmarked, unread=unread, has_code=has_code,
                          view=view, min_upvotes=min_upvotes)
        start = time.perf_counter()
        store.select_keys(spec)
        store.count(spec)
        samples.append(time.perf_counter() - start)
    store.close()
    return row(f"any filter mix: keys + count ({len(samples)} mixes; p95 ~ worst)",
               "off the UI thread", samples, n)


def bench_list_command(n: int, runs: int) -> dict:
    """`papertui list --query WORD --limit 50`, the whole process."""
    data = build_store(n)
    exe = Path(sys.executable).with_name("papertui")
    command = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "papertui"]),
               "list", "--query", "model", "--limit", "50", "--data-dir", str(data)]
    env = dict(os.environ, PAPERTUI_CONFIG=os.devnull)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        samples.append(time.perf_counter() - start)
    return row("`papertui list --query model --limit 50`", "<= 0.5 s", samples, n, unit="s")


def bench_store_size(n: int) -> dict:
    """The store file's size over the raw text it holds."""
    path = build_store(n) / STORE_FILENAME
    ratio = path.stat().st_size / raw_text_bytes(make_papers(n))
    return row("store size / raw text", "<= 2.5x", [ratio], n, unit="x")


class _Days(BaseHTTPRequestHandler):
    """Serves /api/daily_papers?date=D with 50-100 synthetic papers per weekday."""

    bodies: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        query = parse_qs(urlsplit(self.path).query)
        date = query.get("date", [""])[0]
        page = int(query.get("p", ["0"])[0])
        body = self.bodies.get(date, b"[]") if page == 0 else b"[]"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def bench_fetch_days(days: int = 60, runs: int = 3) -> dict:
    """Fetch `days` days from a server on 127.0.0.1 into an empty store."""
    today = dt.date(2026, 11, 27)
    views = [View.day(today - dt.timedelta(days=offset)) for offset in range(days)]
    papers = make_papers(days * 100)
    by_day: dict[str, list] = {}
    for paper in papers:
        by_day.setdefault(paper.day, []).append(paper)
    _Days.bodies = {day: day_json(items) for day, items in by_day.items()}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Days)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    samples, total = [], 0
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                store = open_store(Path(tmp)).store
                start = time.perf_counter()
                summary = asyncio.run(fetch_views(store, views, base_url=base))
                samples.append(time.perf_counter() - start)
                assert not summary.error, summary.error
                total = summary.count
                store.close()
    finally:
        server.shutdown()
    return row(f"fetch {days} days ({total} papers) from 127.0.0.1 into an empty store",
               "<= 6 s", samples, total, unit="s")


def main(n: int, runs: int, fetch_days: int) -> list[dict]:
    """Every core figure for a store of n papers."""
    rows = [bench_parse_and_save(n, runs)]
    rows += bench_search_queries(n)
    rows.append(bench_filter_combinations(n))
    rows.append(bench_list_command(n, max(3, runs // 4)))
    rows.append(bench_store_size(n))
    rows.append(bench_fetch_days(fetch_days, runs=max(1, runs // 10)))
    return rows


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, 10, 60), indent=1))
