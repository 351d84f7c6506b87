"""PTY figures for a paper's context in the real app: opening a paper whose context is
stored (its overview and the tab counts painted) and switching the context tabs. Prints
rows; run.py tabulates.

The store is the synthetic one of N papers with context stored for 1,000 of them (all N
when smaller), the first papers of the start list among them; each has a different number
of comments, models, datasets, Spaces and collections, so a tab count or a repo id on
screen belongs to one paper only. Cached under benchmarks/.cache/store-N-context-C.

The session (120x40, start_view "all", by upvotes): `j` to the second paper, and as soon
as its overview is painted (before the cursor rests and the app shows its context by
itself), Enter; the figure runs from Enter to the frame holding the paper's title and
"Discussion (n)" with its count. Then `>` through every tab and back to the overview:
each figure runs from the key to the frame holding that tab's first line of content.
Last, the app's peak resident memory (VmHWM) over the session.

    python benchmarks/bench_context_ui.py            # N = 100,000, 3 runs
    python benchmarks/bench_context_ui.py 1000 1     # smoke
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_ui import (  # noqa: E402
    CONFIG, PREFIX, TYPING_GAP, PtyApp, _dump, _has, _row, app_environment)
from benchmarks.synthetic import CACHE, _Words, build_store  # noqa: E402
from benchmarks.terminal import Screen  # noqa: E402
from papertui.core.context import Collection, Comment, LinkedRepo, Reaction, RepoLinks  # noqa: E402
from papertui.core.context_store import ContextUpdate, save_context  # noqa: E402
from papertui.core.query import FilterSpec  # noqa: E402
from papertui.core.repair import open_store  # noqa: E402
from papertui.core.store import STORE_FILENAME  # noqa: E402

CONTEXTS = 1_000
FIRST = 10  # the first papers of the start list all have context
TABS = ("discussion", "models", "datasets", "spaces", "collections", "fulltext", "overview")


def paper_context(paper_id: str, number: int, words: _Words) -> ContextUpdate:
    """Context with counts that differ from the next paper's: 2-7 comments, 1-5 models,
    1-3 datasets, 1-4 Spaces, 1-3 collections. Repo ids and authors name the paper."""
    links = RepoLinks()
    counts = {"model": 1 + number % 5, "dataset": 1 + number % 3, "space": 1 + number % 4}
    for kind, count in counts.items():
        links.repos[kind] = [  # type: ignore[index]
            LinkedRepo(kind, f"org{n}/{kind}{number}x{n}", likes=100 - n,  # type: ignore[arg-type]
                       downloads=1000 * (count - n) if kind != "space" else None,
                       last_modified="2026-06-20T09:14:02.000Z", pipeline_tag="text-generation",
                       library_name="transformers", sdk="gradio" if kind == "space" else "")
            for n in range(count)]
    comments = [Comment(author=f"reader{number}x{n}", created_at="2026-06-12T10:00:00.000Z",
                        reactions=(Reaction("👍", 3),), text=words.text(200, 600))
                for n in range(2 + number % 6)]
    collections = [Collection(f"Shelf {number}x{n}",
                              f"https://huggingface.co/collections/u/c-{number}-{n}", 12)
                   for n in range(1 + number % 3)]
    return ContextUpdate(paper_id, links=links, comments=comments, collections=collections)


def context_store(n: int, contexts: int = CONTEXTS) -> tuple[Path, list[tuple[str, str]]]:
    """The synthetic store of n papers with context for `contexts` of them, built once, and
    the (id, title) of the start list's first papers: the k-th has the context numbered k
    (see paper_context)."""
    base = build_store(n)
    directory = CACHE / f"store-{n}-context-{contexts}"
    # Rebuilt when the base store was (its .complete is newer).
    if not (directory / ".complete").exists() or \
            (directory / ".complete").stat().st_mtime < (base / ".complete").stat().st_mtime:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        shutil.copy(base / STORE_FILENAME, directory / STORE_FILENAME)
        store = open_store(directory).store
        keys = store.select_keys(FilterSpec(), FIRST)
        papers = store.papers_by_key(keys)
        ids = [papers[key].paper.id for key in keys]
        others = [r[0] for r in store.db.execute(
            "SELECT id FROM papers ORDER BY random() LIMIT ?", (contexts,))]
        ids += [pid for pid in others if pid not in ids][:max(0, contexts - len(ids))]
        words = _Words(random.Random(17))
        for number, paper_id in enumerate(ids):
            save_context(store, paper_context(paper_id, number, words))
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        (directory / ".complete").touch()
    store = open_store(directory).store
    try:
        keys = store.select_keys(FilterSpec(), FIRST)
        papers = store.papers_by_key(keys)
        first = [(papers[key].paper.id, papers[key].paper.title) for key in keys]
    finally:
        store.close()
    return directory, first


def _content(tab: str, number: int, title: str) -> str:
    """Text that only this paper's `tab` shows: the first item's id, author or title."""
    return {"discussion": f"reader{number}x0", "models": f"org0/model{number}x0",
            "datasets": f"org0/dataset{number}x0", "spaces": f"org0/space{number}x0",
            "collections": f"Shelf {number}x0", "fulltext": "Press v to read",
            "overview": title[:PREFIX]}[tab]


def _in_pane(text: str, top: int, x: int) -> object:
    """The text is on a row from `top` down, at column x or right of it."""
    def check(screen: Screen) -> bool:
        return any(text in screen.line(y, x) for y in range(top, screen.rows - 2))
    return check


def pty_session(data_dir: Path, config: Path, first: list[tuple[str, str]],
                samples: dict[str, list]) -> None:
    app = PtyApp(data_dir, config)
    try:
        _steps(app, first, samples)
    finally:
        samples["peak memory"].append(app.quit())


def _steps(app: PtyApp, first: list[tuple[str, str]], samples: dict[str, list]) -> None:
    screen = app.screen
    (_, title0), (_, title1) = first[:2]
    number = 1  # the second paper's context (see context_store)
    seen = app.wait({"first rows": lambda s: bool(s.find(title0[:PREFIX]))}, timeout=30)
    if seen["first rows"] is None:
        raise RuntimeError("the app never showed its first paper: " + _dump(screen))
    app.quiet(0.4)  # the cursor rests: the first paper's context is shown
    places = sorted(screen.find(title0[:PREFIX]), key=lambda place: place[1])
    if len(places) < 2:
        raise RuntimeError("no detail pane beside the list: " + _dump(screen))
    detail_top, detail_x = places[1]
    count_text = f"Discussion ({2 + number % 6})"  # the first paper's count differs

    # j, and once the overview shows the paper (before the cursor rests), Enter.
    screen.blank(detail_top, detail_x)
    app.send(b"j")
    seen = app.wait({"detail": _has(detail_top, title1[:PREFIX], detail_x)})
    if seen["detail"] is None:
        raise RuntimeError("j never showed the second paper: " + _dump(screen))
    for y in range(0, detail_top):
        screen.blank(y, detail_x)
    sent = app.send(b"\r")
    # Below 140 columns the paper opens full screen, else beside the list: look anywhere.
    shown = _in_pane(count_text, 0, 0)
    titled = _in_pane(title1[:PREFIX], 0, 0)
    seen = app.wait({"open": lambda s: shown(s) and titled(s)})  # type: ignore[operator]
    samples["open"].append(None if seen["open"] is None else seen["open"] - sent)
    app.quiet(TYPING_GAP)

    tabs_y, tabs_x = min(screen.find(count_text))
    tabs_x = max(0, screen.line(tabs_y).rfind("Overview", 0, tabs_x) - 1)  # the pane's edge
    content_top = tabs_y + 2  # below the tab bar and its underline
    for tab in TABS:
        for y in range(content_top, screen.rows - 2):
            screen.blank(y, tabs_x)
        sent = app.send(b">")
        want = _content(tab, number, title1)
        seen = app.wait({"tab": _in_pane(want, content_top, tabs_x)})  # type: ignore[dict-item]
        samples["switch"].append(None if seen["tab"] is None else seen["tab"] - sent)
        if seen["tab"] is None:
            print(f"bench_context_ui: the {tab} tab never showed {want!r}: " + _dump(screen),
                  file=sys.stderr)
        app.quiet(TYPING_GAP)


def main(n: int, runs: int, *, smoke: bool = False) -> list[dict]:
    """The context figures for a store of n papers: `runs` real-terminal sessions."""
    contexts = min(CONTEXTS, n) if not smoke else min(100, n)
    data_dir, first = context_store(n, contexts)
    samples: dict[str, list] = {"open": [], "switch": [], "peak memory": []}
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(CONFIG)
        subprocess.run([sys.executable, "-c", "import papertui.app"],
                       env=app_environment(config), check=True)
        for _ in range(runs):
            pty_session(data_dir, config, first, samples)
    note = f" ({contexts:,} with context)"
    return [
        _row("PTY: Enter -> overview and tab counts of a stored context" + note, "<= 50 ms",
             samples["open"], n),
        _row("PTY: > -> next context tab painted (all 7 tabs)" + note, "<= 50 ms",
             samples["switch"], n),
        _row("PTY: peak memory, a paper opened and every tab shown" + note, "<= 70 MB",
             samples["peak memory"], n, "MB"),
    ]


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for result in main(size, int(sys.argv[2]) if len(sys.argv) > 2 else 3):
        print(f"{result['figure']:<75} median {result['median']:7.1f}   p95 "
              f"{result['p95']:7.1f} {result['unit']}   runs {result['runs']}")
