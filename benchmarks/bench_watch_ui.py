"""The real app in a terminal with 50 watches: start, cursor and search figures beside the
same with no watches, and T -> Trends charts. Prints rows; run.py and bench_watch.py
tabulate them.
(`python benchmarks/bench_watch.py` runs it).

Uses bench_ui's pseudo-terminal and screen model on two data folders: the cached
synthetic store (no watches) and a copy of it with bench_watch's 50 watches. Both runs use
the same keys, so the two columns of figures differ only by the watches.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_ui import (  # noqa: E402
    CONFIG, Expected, PtyApp, _row, app_environment, pty_session,
)
from benchmarks.terminal import Screen  # noqa: E402

# The bench_ui figures compared with and without watches (sample name, figure, target).
COMPARED = (
    ("start", "PTY: process start -> first list rows painted", "<= 0.40 s", "s"),
    ("highlight", "PTY: j -> highlight repainted", "<= 10 ms", "ms"),
    ("detail", "PTY: j -> detail pane shows the paper", "<= 60 ms", "ms"),
    ("search", "PTY: keystroke in search -> list repainted (first matches)",
     "p50 <= 60, p95 <= 100 ms", "ms"),
    ("search count", "PTY: keystroke in search -> new count shown", "-", "ms"),
)
WORDS = ["model", "diffusion", "kalo"]


def compare_watches(n: int, plain: Path, watched: Path, config: Path, runs: int, *,
                    smoke: bool = False) -> list[dict]:
    """bench_ui's PTY session on both folders, alternating, `runs` times each."""
    names = ["set up", "start", "start all", "highlight", "detail", "end", "home", "search",
             "search count", "clear", "clear legacy", "peak memory"]
    samples = {label: {name: [] for name in names} for label in ("0", "50")}
    expected = Expected(plain)
    words = WORDS[:1] if smoke else WORDS
    try:
        for _ in range(runs):
            for label, folder in (("0", plain), ("50", watched)):
                pty_session(folder, config, expected, samples[label], moves=3 if smoke else 5,
                            ends=1, words=words)
    finally:
        expected.close()
    rows = []
    for name, figure, target, unit in COMPARED:
        for label in ("0", "50"):
            rows.append(_row(f"{figure}, {label} watches", target, samples[label][name], n,
                             unit))
    return rows


def trends_session(data_dir: Path, config: Path, first_title: str,
                   samples: dict[str, list]) -> None:
    """Start the app, press T twice (the first pays for importing the Trends screen and
    plotext): when the daily charts, then the keyword chart, are on the screen."""
    app = PtyApp(data_dir, config)
    try:
        seen = app.wait({"rows": lambda s: bool(s.find(first_title))}, timeout=30)
        if seen["rows"] is None:
            raise RuntimeError("the app never showed its first paper")
        app.quiet()
        for visit in ("cold", "warm"):
            app.screen = Screen(app.screen.cols, app.screen.rows)  # forget the old frame
            sent = app.send(b"T")
            # The title gets its period in the same callback that gives the daily charts
            # their figures, so both reach the terminal in one frame.
            seen = app.wait({
                "charts": lambda s: bool(s.find("Trends 20")),
                "keyword chart": lambda s: bool(s.find("papers a week")),
            }, timeout=10)
            for name in ("charts", "keyword chart"):
                samples[f"{name} {visit}"].append(
                    None if seen[name] is None else seen[name] - sent)
            app.quiet()
            app.send(b"\x1b[27u")  # Esc, as kitty sends it
            app.quiet()
    finally:
        app.quit()


def bench_trends(n: int, data_dir: Path, config: Path, runs: int) -> list[dict]:
    expected = Expected(data_dir)
    first = expected.titles[0][:16]
    expected.close()
    samples: dict[str, list] = {f"{name} {visit}": [] for name in ("charts", "keyword chart")
                                for visit in ("cold", "warm")}
    for _ in range(runs):
        trends_session(data_dir, config, first, samples)
    return [
        _row("PTY: T -> first charts on screen (first T: imports)", "<= 500 ms",
             samples["charts cold"], n),
        _row("PTY: T -> first charts on screen (again)", "<= 500 ms", samples["charts warm"], n),
        _row("PTY: T -> keyword chart on screen (first T)", "-", samples["keyword chart cold"], n),
        _row("PTY: T -> keyword chart on screen (again)", "-", samples["keyword chart warm"], n),
    ]


def main(n: int, watched: Path, runs: int, *, smoke: bool = False) -> list[dict]:
    """The PTY figures with 50 watches (in the data folder `watched`) and without."""
    import subprocess

    from benchmarks.synthetic import build_store

    plain = build_store(n)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(CONFIG)
        subprocess.run([sys.executable, "-c", "import papertui.app, papertui.screens.trends"],
                       env=app_environment(config), check=True)  # bytecode cached first
        started = time.perf_counter()
        rows = compare_watches(n, plain, watched, config, runs, smoke=smoke)
        rows += bench_trends(n, watched, config, runs)
        print(f"bench_watch_ui took {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows
