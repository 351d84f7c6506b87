"""Figures for the UI, measured two ways. Prints rows; run.py tabulates.

PTY: the real `papertui --offline` runs in a 120x40 pseudo-terminal. A small screen model
(terminal.py) reads its output (cursor moves, text, colours) the way a terminal would, and answers
Textual's query for synchronized output as modern terminals do, so text counts only once its
frame is complete. A figure is the time from the fork (or from writing the key) until the
expected text is on that screen; before each key the cells it must repaint are blanked in
the model, so an old frame can never satisfy it.

Headless: App.run_test(size=(120, 40)) with the real MainScreen. The key event is handed to
the app as its driver would hand it; a figure is the time until the first frame (Textual's
post_display_hook, called right after the compositor rendered it) that holds the expected
lines, so workers have finished and the lines have really been rendered.

The synthetic store holds no "latest" batch (no fetch ever ran), so both start the app with
start_view = "all": the whole store listed, by upvotes - the heaviest start.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_core import row  # noqa: E402
from benchmarks.synthetic import CACHE, build_store  # noqa: E402
from benchmarks.terminal import STALE, Screen  # noqa: E402
from papertui.core.query import RANK_SMALL_MATCHES, FilterSpec  # noqa: E402
from papertui.core.repair import open_store  # noqa: E402

COLS, ROWS = 120, 40
WORDS = ["model", "transf", "diffusion", "reasoning", "kalo"]
TYPING_GAP = 0.15  # seconds between keystrokes at the earliest: a fast typist
PREFIX = 16  # characters of a title to look for (the list shows ~22 at 120 columns)
CONFIG = 'start_view = "all"\nsort = "upvotes"\n'
TODAY = dt.date(2026, 11, 30)  # the Monday after the synthetic store's newest day


# -- what the screen should show, read from the store ------------------------------------------


class Expected:
    """The list the app starts with (everything, by upvotes) and what each search matches."""

    def __init__(self, data_dir: Path) -> None:
        self.store = open_store(data_dir).store
        self.keys = self.store.select_keys(FilterSpec())
        ends = [self.keys[0], self.keys[1], self.keys[2], self.keys[3], self.keys[4],
                self.keys[5], self.keys[-1]]
        papers = self.store.papers_by_key(ends)
        self.titles = [papers[key].paper.title for key in ends[:-1]]
        self.last_title = papers[ends[-1]].paper.title
        self.last_id = papers[ends[-1]].paper.id
        self.ids = [papers[key].paper.id for key in ends[:-1]]
        self._searches: dict[str, tuple[int, str]] = {}

    def search(self, text: str) -> tuple[int, str]:
        """How many papers the app lists for this search text (as typed so far), and the
        title it lists first ("" for none): by upvotes, or by relevance for few matches."""
        if text not in self._searches:
            spec = FilterSpec(query=text.strip())
            keys = self.store.select_keys(spec)
            if 0 < len(keys) <= RANK_SMALL_MATCHES:
                keys = self.store.select_keys(spec.with_(sort="relevance"))
            title = self.store.papers_by_key(keys[:1])[keys[0]].paper.title if keys else ""
            self._searches[text] = (len(keys), title)
        return self._searches[text]

    def count(self, text: str) -> int:
        return self.search(text)[0]

    def close(self) -> None:
        self.store.close()


def count_pattern(count: int) -> re.Pattern[str]:
    """The status bar's count: "1,234 papers · by upvotes" or "1 of 1,234 papers"."""
    return re.compile(rf"(?<![\d,]){count:,} papers?(?![\w])")


# -- PTY: the real process, read through a screen model -------------------------------------


def app_environment(config: Path) -> dict[str, str]:
    """The app's environment: an xterm, the benchmark's config, and bytecode caching on
    (kept under benchmarks/.cache) even where PYTHONDONTWRITEBYTECODE is set, as in some
    sandboxes: an installed papertui starts from cached bytecode, not by compiling ~30 ms
    of its own source every time."""
    env = dict(os.environ, TERM="xterm-256color", PAPERTUI_CONFIG=str(config),
               COLUMNS=str(COLS), LINES=str(ROWS),
               PYTHONPYCACHEPREFIX=str(CACHE / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class PtyApp:
    """The real papertui in a pseudo-terminal of COLS x ROWS."""

    def __init__(self, data_dir: Path, config: Path) -> None:
        exe = Path(sys.executable).with_name("papertui")
        argv = ([str(exe)] if exe.exists() else [sys.executable, "-m", "papertui"])
        argv += ["--offline", "--data-dir", str(data_dir)]
        env = app_environment(config)
        self.screen = Screen(COLS, ROWS)
        self.closed = False
        self.first_output: float | None = None  # Textual's driver has set the terminal up
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the app can ask for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    def send(self, data: bytes) -> float:
        sent = time.perf_counter()
        os.write(self.fd, data)
        return sent

    def _read(self, timeout: float) -> float | None:
        """Read what the app wrote (if anything within `timeout`); the time it arrived."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            chunk = b""
        arrived = time.perf_counter()
        if not chunk:
            self.closed = True
            return None
        if self.first_output is None:
            self.first_output = arrived
        self.screen.feed(chunk)
        if self.screen.asked_sync:  # answer as a terminal that supports mode 2026
            self.screen.asked_sync = False
            os.write(self.fd, b"\x1b[?2026;2$y")
        return arrived

    def wait(self, checks: dict[str, Callable[[Screen], bool]], timeout: float = 5.0
             ) -> dict[str, float | None]:
        """When each check first held at the end of a frame (perf_counter), None if never."""
        seen: dict[str, float | None] = dict.fromkeys(checks)
        deadline = time.perf_counter() + timeout
        while not self.closed and None in seen.values():
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            arrived = self._read(left)
            if arrived is None or self.screen.syncing:
                continue
            for name, check in checks.items():
                if seen[name] is None and check(self.screen):
                    seen[name] = arrived
        return seen

    def quiet(self, seconds: float = 0.25, limit: float = 5.0) -> None:
        """Read until the app has written nothing for `seconds`."""
        end = time.perf_counter() + limit
        while not self.closed and time.perf_counter() < end:
            if self._read(seconds) is None:
                return

    def peak_memory(self) -> float | None:
        """The app's peak resident memory so far in MB (VmHWM). Not wait4's ru_maxrss: that
        keeps the high-water mark from before exec, i.e. of this benchmark's own forked
        image, which holds a whole synthetic store's papers after the core figures."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) / 1024 if found else None

    def quit(self) -> float | None:
        """Press q and reap the process; its peak resident memory in MB (None if unknown)."""
        peak = self.peak_memory()
        if not self.closed:
            self.send(b"q")
            self.quiet(0.5, limit=10)
        deadline = time.time() + 10
        while True:
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            if time.time() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                break
            time.sleep(0.05)
        os.close(self.fd)
        return peak


def _has(y: int, text: str, start: int = 0, end: int | None = None,
         style: str | None = None) -> Callable[[Screen], bool]:
    """Row y shows `text` between the columns (in `style`, if given)."""
    def check(screen: Screen) -> bool:
        x = screen.line(y, start, end).find(text)
        return x >= 0 and (style is None or screen.style[y][start + x] == style)
    return check


def _status(y: int, pattern: re.Pattern[str]) -> Callable[[Screen], bool]:
    return lambda screen: pattern.search(screen.line(y)) is not None


def _painted(y: int, start: int, end: int) -> Callable[[Screen], bool]:
    return lambda screen: STALE not in screen.line(y, start, end)


def pty_session(data_dir: Path, config: Path, expected: Expected, samples: dict[str, list],
                *, moves: int, ends: int, words: list[str]) -> None:
    """One run of the real app: start, cursor moves, End/Home, searches and clears, quit."""
    app = PtyApp(data_dir, config)
    try:
        _pty_steps(app, expected, samples, moves=moves, ends=ends, words=words)
    finally:
        samples["peak memory"].append(app.quit())


def _pty_steps(app: PtyApp, expected: Expected, samples: dict[str, list], *, moves: int,
               ends: int, words: list[str]) -> None:
    screen, total = app.screen, len(expected.keys)
    first = expected.titles[0][:PREFIX]
    seen = app.wait({"first rows": lambda s: bool(s.find(first))}, timeout=30)
    if seen["first rows"] is None:
        raise RuntimeError("the app never showed its first paper: " + _dump(screen))
    samples["start"].append(seen["first rows"] - app.started)
    samples["set up"].append(app.first_output - app.started)
    status_y = ROWS - 2  # the status bar sits above the footer
    seen = app.wait({"all": _status(status_y, count_pattern(total))}, timeout=30)
    if seen["all"] is None:
        raise RuntimeError("the whole list never arrived: " + _dump(screen))
    samples["start all"].append(seen["all"] - app.started)
    app.quiet()

    # Below 140 columns the filter pane waits for F2 or /: show it, so the list stays put
    # when / is pressed, and the figures are taken in the layout they always were.
    app.send(b"\x1bOQ")  # F2
    app.quiet()

    # Where things are: the list's first row, the title column, the detail pane.
    places = sorted(screen.find(first), key=lambda place: place[1])
    top, title_x = places[0]
    # The detail's title is on its own row: under the context tabs beside the list.
    detail_top, detail_x = places[1] if len(places) > 1 else (top, COLS)
    list_end = detail_x - 2
    # A row starts " ●★▲123": the list's left edge is 3 cells before the upvote mark. Only
    # the list's own cells are blanked, or a wait would need the filter pane repainted too.
    list_x = max(0, screen.line(top, 0, title_x).rfind("▲") - 3)
    bottom = status_y - 1
    cursor_style = screen.style[top][title_x]

    for step in range(1, min(moves, len(expected.titles) - 1) + 1):
        title = expected.titles[step][:PREFIX]
        screen.blank(top + step, list_x, list_end)
        screen.blank(detail_top, detail_x)
        sent = app.send(b"j")
        seen = app.wait({"highlight": _has(top + step, title, 0, list_end, cursor_style),
                         "detail": _has(detail_top, title, detail_x)})
        for name in ("highlight", "detail"):
            samples[name].append(None if seen[name] is None else seen[name] - sent)
        app.quiet(TYPING_GAP)

    last = expected.last_title[:PREFIX]
    for _ in range(ends):
        for key, y, title, name in ((b"G", bottom, last, "end"), (b"g", top, first, "home")):
            screen.blank(y, list_x, list_end)
            sent = app.send(key)
            seen = app.wait({name: _has(y, title, 0, list_end, cursor_style)})
            samples[name].append(None if seen[name] is None else seen[name] - sent)
            app.quiet(TYPING_GAP)

    shown_count = total
    for word in words:
        app.send(b"/")
        app.quiet(TYPING_GAP)
        for length in range(1, len(word) + 1):
            count, title = expected.search(word[:length])
            # The list's top rows must be repainted: with the first match on top, or (for
            # none) the empty list's message, which starts on row 2. The status bar may
            # rightly keep an unchanged count, so it only has to show the right one.
            screen.blank(top, list_x, list_end)
            screen.blank(top + 1, list_x, list_end)
            sent = app.send(word[length - 1].encode())
            row_y = top if count else top + 1
            painted = (_has(top, title[:PREFIX], list_x, list_end) if count
                       else _painted(row_y, list_x, list_end))
            checks = {"search": painted}
            if count != shown_count:  # an unchanged count need not be drawn again
                checks["search count"] = _status(status_y, count_pattern(count))
            seen = app.wait(checks)
            for name in checks:
                samples[name].append(None if seen[name] is None else seen[name] - sent)
            shown_count = count
            if None in seen.values():
                _missed(f"search {word[:length]!r} ({count:,} papers)", screen, [row_y, status_y])
            # Type like a person: the next key no sooner than TYPING_GAP after this one.
            app.quiet(max(0.02, sent + TYPING_GAP - time.perf_counter()))
        # Esc as terminals with the kitty keyboard protocol send it (kitty, foot, WezTerm,
        # Ghostty): Textual reads it at once. A lone ESC byte (xterm, VTE) makes Textual
        # wait the escape delay (papertui: 50 ms) for more bytes first: timed once per
        # run, separately.
        legacy = word == words[-1]
        screen.blank(top, list_x, list_end)
        sent = app.send(b"\x1b" if legacy else b"\x1b[27u")
        painted, counted = _painted(top, list_x, list_end), _status(status_y, count_pattern(total))
        seen = app.wait({"clear": lambda s, p=painted, c=counted: p(s) and c(s)})
        name = "clear legacy" if legacy else "clear"
        samples[name].append(None if seen["clear"] is None else seen["clear"] - sent)
        shown_count = total
        app.quiet()


def _missed(what: str, screen: Screen, rows: list[int]) -> None:
    """Say on stderr which wait timed out and what those rows showed instead."""
    shown = " | ".join(screen.line(y).replace(STALE, "?").strip() for y in rows)
    print(f"bench_ui: timed out waiting for {what}; the screen showed: {shown}",
          file=sys.stderr)


def _dump(screen: Screen) -> str:
    return "\n" + "\n".join(screen.line(y).rstrip() for y in range(screen.rows))


def bench_pty(n: int, data_dir: Path, config: Path, expected: Expected, runs: int, *,
              moves: int = 5, ends: int = 3, words: list[str] = WORDS) -> list[dict]:
    names = ["set up", "start", "start all", "highlight", "detail", "end", "home", "search",
             "search count", "clear", "clear legacy", "peak memory"]
    samples: dict[str, list] = {name: [] for name in names}
    try:
        for fd in os.openpty():
            os.close(fd)
    except OSError as error:  # no pseudo-terminals here (some CI containers): say so
        return [row(f"PTY: not measured, no pseudo-terminal ({error})", "-", [float("nan")], n)]
    # Compile and cache the bytecode first, so the first run does not pay for it alone.
    subprocess.run([sys.executable, "-c", "import papertui.app"], env=app_environment(config),
                   check=True)
    for _ in range(runs):
        pty_session(data_dir, config, expected, samples, moves=moves, ends=ends, words=words)
    return [
        _row("PTY: process start -> terminal set up (imports, App init)", "-",
             samples["set up"], n, "s"),
        _row("PTY: process start -> first list rows painted", "<= 0.40 s", samples["start"],
             n, "s"),
        _row(f"PTY: process start -> all {n:,} listed (count shown)", "-",
             samples["start all"], n, "s"),
        _row("PTY: j -> highlight repainted", "<= 10 ms", samples["highlight"], n),
        _row("PTY: j -> detail pane shows the paper", "<= 60 ms", samples["detail"], n),
        _row("PTY: keystroke in search -> list repainted (first matches)",
             "p50 <= 60, p95 <= 100 ms", samples["search"], n),
        _row("PTY: keystroke in search -> new count shown (all matches read)", "-",
             samples["search count"], n),
        _row("PTY: Esc (kitty protocol) -> all back, list repainted", "<= 100 ms",
             samples["clear"], n),
        _row("PTY: Esc (lone ESC byte, +escape delay) -> all back", "<= 100 ms",
             samples["clear legacy"], n),
        _row("PTY: G -> last row painted", "<= 100 ms", samples["end"], n),
        _row("PTY: g -> first row painted", "-", samples["home"], n),
        _row("PTY: peak memory of the app (VmHWM, whole session)", "<= 70 MB", samples["peak memory"], n,
             "MB"),
    ]


def _row(figure: str, target: str, samples: list, n: int, unit: str = "ms") -> dict:
    """A table row; waits that never saw their text are counted, not hidden."""
    done = [value for value in samples if value is not None]
    missed = len(samples) - len(done)
    if missed:
        figure += f" ({missed} of {len(samples)} timed out)"
    return row(figure, target, done or [float("nan")], n, unit=unit)


# -- headless: the app in-process, timed to the frame ---------------------------------------


class Frames:
    """Watches a running app: which list rows each frame rendered, and when frames end."""

    def __init__(self, app) -> None:
        self.app = app
        self.checks: dict[str, Callable[[], bool]] = {}
        self.seen: dict[str, float] = {}
        self.event = asyncio.Event()
        self.painted: set[int] = set()  # list rows rendered since the last reset
        self.cursor_painted: set[int] = set()  # rows rendered as the cursor row
        self.keys_set = 0  # PaperList.set_keys calls
        app.post_display_hook = self._displayed

    def watch_list(self, paper_list) -> None:
        render_line, set_keys = paper_list.render_line, paper_list.set_keys

        def rendering(y: int):
            index = round(paper_list.scroll_y) + y
            self.painted.add(y)
            if index == paper_list.cursor:
                self.cursor_painted.add(index)
            return render_line(y)

        def setting(*args, **kwargs):
            self.keys_set += 1
            self.painted.clear()
            return set_keys(*args, **kwargs)

        paper_list.render_line = rendering
        paper_list.set_keys = setting

    def _displayed(self) -> None:
        now = time.perf_counter()
        for name, check in self.checks.items():
            if name not in self.seen and check():
                self.seen[name] = now
        if self.checks and len(self.seen) == len(self.checks):
            self.event.set()

    async def press(self, key: str, char: str | None, checks: dict[str, Callable[[], bool]],
                    timeout: float = 10.0) -> dict[str, float | None]:
        """Hand a key to the app as its driver would; the seconds until each check held."""
        from textual import events

        self.painted.clear()
        self.cursor_painted.clear()
        self.seen, self.checks = {}, checks
        self.event = asyncio.Event()
        sent = time.perf_counter()
        self.app._driver.send_message(events.Key(key, char))
        try:
            await asyncio.wait_for(self.event.wait(), timeout)
        except TimeoutError:
            pass
        self.checks = {}
        return {name: (self.seen[name] - sent if name in self.seen else None) for name in checks}


async def _workers_done(app) -> None:
    """Wait for the app's workers; one replaced by a newer one (exclusive) counts as done."""
    from textual.worker import WorkerCancelled

    for _ in range(10):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def _headless(data_dir: Path, config: Path, expected: Expected, samples: dict[str, list],
                    *, moves: int, ends: int, words: list[str]) -> None:
    from papertui.__main__ import import_app
    from papertui.core.config import Paths

    make_app = import_app()  # at the frame rate `papertui` runs at

    app = make_app(Paths(data_dir, config), offline=True, today=TODAY)
    frames = Frames(app)
    total = len(expected.keys)
    started = time.perf_counter()

    def first_rows() -> bool:
        main = app.main_screen
        return main is not None and main.paper_list.row_count > 0

    frames.checks = {"start": first_rows}
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await asyncio.wait_for(frames.event.wait(), 30)
        samples["start"].append(frames.seen["start"] - started)
        frames.checks = {}
        main = app.main_screen
        for _ in range(3):
            await _workers_done(app)
            await pilot.pause()
        paper_list, detail = main.paper_list, main.detail
        frames.watch_list(paper_list)
        status = main.status

        def count_shown(count: int) -> Callable[[], bool]:
            pattern = count_pattern(count)
            return lambda: pattern.search(str(status.query_one("#status-count").content)) is not None

        def first_listed() -> Callable[[], bool]:
            """The list got new keys after this moment and rendered its top rows."""
            mark = frames.keys_set
            return lambda: frames.keys_set > mark and (0 in frames.painted or 1 in frames.painted)

        def listed(count: int) -> Callable[[], bool]:
            """The list got new keys after this moment, rendered its top rows (an empty
            list's message starts on row 2), and the status bar shows `count`."""
            shown, mark = count_shown(count), frames.keys_set
            return lambda: (frames.keys_set > mark and paper_list.row_count == count
                            and (0 in frames.painted or 1 in frames.painted) and shown())

        async def settle(gap: float = TYPING_GAP) -> None:
            await _workers_done(app)
            await pilot.pause()
            await asyncio.sleep(gap)

        for _ in range(moves):
            target = paper_list.cursor + 1
            paper_id = expected.store.ids_for_keys([paper_list.keys[target]])[0]
            seen = await frames.press("j", "j", {
                "highlight": lambda t=target: t in frames.cursor_painted,
                "detail": lambda p=paper_id: detail.paper is not None and detail.paper.paper.id == p,
            })
            for name in ("highlight", "detail"):
                samples[name].append(seen[name])
            await settle(0.02)

        for _ in range(ends):
            seen = await frames.press("G", "G", {
                "end": lambda: total - 1 in frames.cursor_painted,
                "end detail": lambda: detail.paper is not None
                and detail.paper.paper.id == expected.last_id})
            samples["end"].append(seen["end"])
            samples["end detail"].append(seen["end detail"])
            await settle(0.02)
            seen = await frames.press("g", "g", {"home": lambda: 0 in frames.cursor_painted})
            samples["home"].append(seen["home"])
            await settle(0.02)

        for word in words:
            await pilot.press("slash")
            await settle()
            for length in range(1, len(word) + 1):
                seen = await frames.press(word[length - 1], word[length - 1], {
                    "search": first_listed(),
                    "search count": listed(expected.count(word[:length]))})
                samples["search"].append(seen["search"])
                samples["search count"].append(seen["search count"])
                await settle()
            seen = await frames.press("escape", "\x1b", {"clear": listed(total)})
            samples["clear"].append(seen["clear"])
            await settle(0.3)


def bench_headless(n: int, data_dir: Path, config: Path, expected: Expected, runs: int, *,
                   moves: int = 20, ends: int = 5, words: list[str] = WORDS) -> list[dict]:
    names = ["start", "highlight", "detail", "end", "end detail", "home", "search",
             "search count", "clear"]
    samples: dict[str, list] = {name: [] for name in names}
    for _ in range(runs):
        asyncio.run(_headless(data_dir, config, expected, samples, moves=moves, ends=ends,
                              words=words))
    return [
        _row("headless: App start -> first list rows rendered", "-", samples["start"], n, "s"),
        _row("headless: j -> highlight rendered", "<= 10 ms", samples["highlight"], n),
        _row("headless: j -> detail settled (new paper rendered)", "<= 60 ms",
             samples["detail"], n),
        _row("headless: keystroke in search -> list rendered (first matches)",
             "p50 <= 60, p95 <= 100 ms", samples["search"], n),
        _row("headless: keystroke in search -> count shown (all matches read)", "-",
             samples["search count"], n),
        _row(f"headless: Esc -> all {n:,} back, list rendered", "<= 100 ms",
             samples["clear"], n),
        _row("headless: G -> last row rendered", "<= 100 ms", samples["end"], n),
        _row("headless: G -> detail shows the last paper", "-", samples["end detail"], n),
        _row("headless: g -> first row rendered", "-", samples["home"], n),
    ]


# -- both ----------------------------------------------------------------------------------


def main(n: int, runs: int, *, smoke: bool = False) -> list[dict]:
    """Every UI figure for a store of n papers: `runs` real-terminal runs, then headless."""
    data_dir = build_store(n)
    expected = Expected(data_dir)
    words = ["model", "kalo"] if smoke else WORDS
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(CONFIG)
        try:
            rows = bench_pty(n, data_dir, config, expected, runs, moves=3 if smoke else 5,
                             ends=1 if smoke else 3, words=words)
            rows += bench_headless(n, data_dir, config, expected, 1 if smoke else max(1, runs // 3),
                                   moves=5 if smoke else 20, ends=1 if smoke else 5,
                                   words=words)
        finally:
            expected.close()
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, 3), indent=1))
