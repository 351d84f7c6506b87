"""Every benchmark figure in one table: the core (bench_core), the UI (bench_ui, and
bench_context_ui for a paper's context tabs), and the watch list, digest and trends with 50
watches (bench_watch, bench_watch_ui).

    python benchmarks/run.py                    # N = 100,000, 7 runs
    python benchmarks/run.py --n 1000,10000,100000 --runs 5
    python benchmarks/run.py --smoke            # N = 1,000, few runs: CI, well under a minute
    python benchmarks/run.py --json             # the rows for machines

Figures only: nothing here passes or fails on a timing. The synthetic stores are built once
and cached under benchmarks/.cache (the 100,000 one takes ~45 s the first time).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_context_ui, bench_core, bench_ui, bench_watch  # noqa: E402
from benchmarks.synthetic import build_store  # noqa: E402

HEADERS = ("figure", "target", "median", "p95", "N", "runs")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="100000",
                        help="store size(s), comma-separated (default 100000)")
    parser.add_argument("--runs", type=int, default=7,
                        help="repetitions per figure (default 7; the UI runs that many "
                             "real-terminal sessions)")
    parser.add_argument("--fetch-days", type=int, default=60,
                        help="days fetched from the local server (default 60)")
    parser.add_argument("--only", choices=("core", "ui", "watch"), help="run one part only")
    parser.add_argument("--smoke", action="store_true",
                        help="N = 1,000, 3 runs, 5 days fetched: proves the scripts still work")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    if args.smoke:
        args.n, args.runs, args.fetch_days = "1000", 3, 5
    args.sizes = [int(size.replace("_", "")) for size in args.n.split(",") if size.strip()]
    return args


def measure(size: int, args: argparse.Namespace) -> list[dict]:
    """Every figure for one store size."""
    started = time.perf_counter()
    build_store(size)
    print(f"store of {size:,} papers ready ({time.perf_counter() - started:.1f} s)",
          file=sys.stderr)
    rows: list[dict] = []
    if args.only in (None, "core"):
        rows += bench_core.main(size, args.runs, args.fetch_days)
    if args.only in (None, "ui"):
        ui_runs = 1 if args.smoke else args.runs
        rows += bench_ui.main(size, ui_runs, smoke=args.smoke)
        rows += bench_context_ui.main(size, ui_runs, smoke=args.smoke)
    if args.only in (None, "watch"):
        rows += bench_watch.main(size, args.runs, 1 if args.smoke else max(1, args.runs // 2),
                                 smoke=args.smoke)
    for row in rows:
        row["store"] = size
    print(f"measured N = {size:,} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return rows


def shown(value: float, unit: str) -> str:
    if math.isnan(value):
        return "-"
    digits = {"ms": 1, "s": 2, "MB": 0, "x": 2}.get(unit, 1)
    return f"{value:,.{digits}f} {unit}" if unit != "x" else f"{value:.{digits}f}x"


def table(rows: list[dict]) -> str:
    """Aligned plain text: one line a figure."""
    lines = [(row["figure"], row["target"], shown(row["median"], row["unit"]),
              shown(row["p95"], row["unit"]), f"{row['n']:,}", str(row["runs"])) for row in rows]
    widths = [max(len(cells[i]) for cells in [HEADERS, *lines]) for i in range(len(HEADERS))]
    right = {2, 3, 4, 5}

    def format_line(cells) -> str:
        return "  ".join(cell.rjust(width) if i in right else cell.ljust(width)
                         for i, (cell, width) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([format_line(HEADERS), rule, *map(format_line, lines)])


def about() -> str:
    """Where the figures come from: commit, Python, Textual, cores."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # noqa: BLE001 - only a label
        textual = "?"
    return (f"papertui {commit} · Python {platform.python_version()} · Textual {textual} · "
            f"{os.cpu_count()} cores")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    results = {size: measure(size, args) for size in args.sizes}
    if args.json:
        print(json.dumps([row for rows in results.values() for row in rows], indent=1))
    else:
        print(about())
        for size, rows in results.items():
            print(f"\nN = {size:,} papers in the store")
            print(table(rows))
    print(f"benchmarks took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
