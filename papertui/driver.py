"""Textual's Linux driver, except that a lone Esc arrives as soon as the escape delay is over.

xterm, VTE and tmux send Esc as a lone ESC byte, which is also how Alt+key, arrows and every
other sequence start; so the parser waits the escape delay for more bytes before calling it
Esc. Textual's input thread only asks the parser whether that time is up when select()
returns, and select() waits a whole poll (POLL) at a time, so every escape delay is rounded
up to the next poll. Here select() wakes when the parser's wait ends.

It builds on Textual internals (the xterm parser, the private `_timeout_time` where it keeps
its deadline, its clock, and LinuxDriver's input thread), checked against Textual 8.2.x:
pyproject.toml pins that range, and tests/app/test_textual_private_api.py fails, naming what
is gone, when a Textual changes them. At run time a missing deadline is not an error:
select() then waits a whole poll again, as in Textual.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Iterable, Mapping

from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

POLL = 0.1
"""Textual's select() timeout: how often the input thread looks at its exit event."""

DEFAULT_ESCAPE_DELAY = 0.05
"""Seconds a lone ESC waits for the rest of a sequence unless ESCDELAY says otherwise. A
terminal writes a key's bytes at once and they arrive together, over ssh too (tmux 3.5 waits
10 ms, after ssh); 50 ms, neovim's ttimeoutlen, keeps a margin for an input thread that a
busy Python process lets run late. Textual's 100 ms made every Esc and Alt+key feel slow."""


def escape_delay(environ: Mapping[str, str] = os.environ) -> float:
    """The user's ESCDELAY (milliseconds, read as Textual reads it), else papertui's default."""
    try:
        return max(1, int(environ["ESCDELAY"])) / 1000
    except (KeyError, ValueError):
        return DEFAULT_ESCAPE_DELAY


def select_timeout(deadline: float | None, now: float) -> float:
    """How long select() may block: until the parser's deadline if it has one, at most POLL."""
    if deadline is None:
        return POLL
    return min(POLL, max(0.0, deadline - now))


class EscapeParser(XTermParser):
    """Textual's xterm parser, waiting `escape_delay` rather than Textual's ESCAPE_DELAY."""

    def __init__(self, debug: bool, escape_delay: float) -> None:
        super().__init__(debug)
        self.escape_delay = escape_delay

    @property
    def deadline(self) -> float | None:
        """When the parser stops waiting for the rest of a sequence; None if it isn't."""
        deadline = getattr(self, "_timeout_time", None)
        return deadline if isinstance(deadline, float) else None

    def feed(self, data: str) -> Iterable[Message]:
        yield from super().feed(data)
        # Textual reads ESCAPE_DELAY once, from the environment; only ever bring it forward.
        deadline = self.deadline
        if deadline is not None:
            self._timeout_time = min(deadline, get_time() + self.escape_delay)


class PromptEscapeDriver(LinuxDriver):
    """LinuxDriver whose input thread wakes when a pending escape sequence times out."""

    def run_input_thread(self) -> None:
        """Textual 8.2.8's loop with one change: select() waits for select_timeout()."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = EscapeParser(self._debug, escape_delay())
        decode = getincrementaldecoder("utf-8")().decode

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for count, (_key, mask) in enumerate(ready, 1):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(self.fileno, 4096), final=final and count == len(ready))
                    if not data:  # stdin is a pipe that has ended
                        break
                    for message in parser.feed(data):
                        self.process_message(message)
            for message in parser.tick():
                self.process_message(message)

        try:
            while not self.exit_event.is_set():
                process(selector.select(select_timeout(parser.deadline, get_time())))
            selector.unregister(self.fileno)
            process(selector.select(POLL), final=True)
        finally:
            selector.close()
            try:
                for _message in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
