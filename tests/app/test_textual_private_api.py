"""What papertui takes from Textual's private insides, checked against the installed
Textual: driver.py's input loop and escape deadline, and app.py's mend of StylesCache.

driver.py copies Textual 8.2.8's input loop and brings forward the deadline Textual's xterm
parser keeps in a private attribute. At run time it falls back to Textual's own behaviour
when those are gone, so only these tests notice: each fails naming what changed, so the
driver is updated (and the pin in pyproject.toml moved) instead of Esc quietly slowing down.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from importlib.metadata import version

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver only")

TEXTUAL = f"Textual {version('textual')}"
CHECKED = "papertui/driver.py was checked against Textual 8.2.x (see the pin in pyproject.toml)"


def test_the_textual_internals_driver_py_imports_are_there():
    # app.py falls back to Textual's driver when this import fails; here it must not.
    try:
        import papertui.driver  # noqa: F401
    except ImportError as error:
        pytest.fail(f"{TEXTUAL}: papertui.driver cannot import what it builds on ({error}); "
                    f"{CHECKED}.")


def test_textuals_xterm_parser_keeps_its_escape_deadline_in__timeout_time():
    from textual._time import get_time
    from textual._xterm_parser import XTermParser

    parser = XTermParser(False)
    assert list(parser.feed("\x1b")) == []
    deadline = vars(parser).get("_timeout_time", "missing")
    if not isinstance(deadline, float):
        pytest.fail(
            f"{TEXTUAL}: after a lone ESC, XTermParser._timeout_time is {deadline!r}, not the "
            "time the parser stops waiting for the rest of a sequence. EscapeParser.deadline "
            "reads that attribute and brings it forward; without it every Esc waits for "
            f"Textual's next poll again. {CHECKED}.")
    # Bringing the deadline forward must make the parser give up on the ESC sooner.
    parser._timeout_time = get_time()
    keys = [getattr(event, "key", None) for event in parser.tick()]
    if keys != ["escape"]:
        pytest.fail(f"{TEXTUAL}: XTermParser.tick() ignored a _timeout_time that has passed "
                    f"(gave {keys!r}, not ['escape']); EscapeParser relies on it. {CHECKED}.")


async def test_textuals_input_thread_runs_papertuis_loop(monkeypatch):
    """Textual's key thread (LinuxDriver._run_input_thread) must call run_input_thread, the
    method PromptEscapeDriver replaces, and the loop copied from 8.2.8 must find the
    driver's fileno, exit_event, _debug and process_message."""
    import papertui.driver as driver_module
    from papertui.driver import EscapeParser, PromptEscapeDriver

    parsers: list[EscapeParser] = []

    class CountedParser(EscapeParser):
        def __init__(self, debug: bool, escape_delay: float) -> None:
            super().__init__(debug, escape_delay)
            parsers.append(self)

    monkeypatch.setattr(driver_module, "EscapeParser", CountedParser)
    failures: list[object] = []

    class StandInApp:  # what the key thread asks of the app: only where to report a crash
        def call_later(self, callback: object, *args: object) -> None:
            failures.append(args)

    handlers = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
    try:
        driver = PromptEscapeDriver(StandInApp())  # type: ignore[arg-type]
    finally:
        signal.signal(signal.SIGTSTP, handlers[0])
        signal.signal(signal.SIGCONT, handlers[1])
    read_end, write_end = os.pipe()
    received: list[object] = []
    driver.fileno = read_end
    monkeypatch.setattr(driver, "process_message", received.append)
    key_thread = getattr(driver, "_run_input_thread", None)
    if key_thread is None:
        pytest.fail(f"{TEXTUAL}: LinuxDriver has no _run_input_thread, the key thread that "
                    f"calls run_input_thread. {CHECKED}.")
    thread = threading.Thread(target=key_thread, daemon=True)
    thread.start()
    try:
        os.write(write_end, b"\x1b")
        give_up = time.monotonic() + 10  # a bound on waiting, not a measurement
        while not _keys(received) and not failures and time.monotonic() < give_up:
            await asyncio.sleep(0.01)
    finally:
        driver.exit_event.set()
        thread.join(10)
        os.close(write_end)
        os.close(read_end)
    assert not failures, f"{TEXTUAL}: papertui's input loop crashed: {failures!r}. {CHECKED}."
    assert parsers, (f"{TEXTUAL}: LinuxDriver's key thread no longer calls run_input_thread, "
                     f"so PromptEscapeDriver's loop never runs. {CHECKED}.")
    assert _keys(received) == ["escape"], f"{TEXTUAL}: a lone ESC gave {received!r}. {CHECKED}."


def _keys(messages: list[object]) -> list[str]:
    return [key for message in messages if (key := getattr(message, "key", None))]


async def test_widgets_removed_leave_no_styles_cache_behind():
    # app.py mends Textual 8.2's StylesCache.get_inner_outer, whose lru_cache kept the last
    # 1,024 StylesCache objects (with all they had rendered) alive after their widgets went.
    import gc

    from textual.app import App
    from textual.containers import Vertical
    from textual.widgets import Label

    from papertui.app import mend_styles_cache

    try:
        from textual._styles_cache import StylesCache
    except ImportError as error:
        pytest.fail(f"{TEXTUAL}: app.py's mend_styles_cache cannot import StylesCache "
                    f"({error}); it was written against Textual 8.2.x.")

    class Churn(App[None]):
        def compose(self):
            yield Vertical(id="cards")

    mend_styles_cache()
    app = Churn()
    async with app.run_test(size=(40, 50)) as pilot:
        cards = app.query_one("#cards")
        for _ in range(5):  # 200 cards mounted, all drawn, and removed
            await cards.remove_children()
            await cards.mount_all(Label(f"card {n}") for n in range(40))
            await pilot.pause()
        gc.collect()
        alive = sum(isinstance(thing, StylesCache) for thing in gc.get_objects())
        assert alive < 100, f"{alive} StylesCache objects alive for 40 cards on screen"
