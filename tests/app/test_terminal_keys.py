"""Keys as a real terminal sends them, to the real app in a pseudo-terminal.

Esc as xterm, VTE and tmux send it: a lone ESC byte, which also starts Alt+key, the arrows
and every other key sequence. papertui's driver hands a lone ESC on as Esc as soon as the
escape delay is over; a sequence that arrives whole must still be read as its key. And keys
that arrive together (typed ahead, pasted, or sent in one write by tmux) must each reach the
widget they were meant for.

The real app runs in a pseudo-terminal (pty_terminal.Terminal); no test times
anything, they check what the user sees and what the store holds afterwards.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from pty_terminal import Terminal
from textual import constants
from textual._time import get_time

from papertui.app import make_app
from papertui.core.config import Paths
from papertui.core.repair import open_store
from papertui.driver import (
    DEFAULT_ESCAPE_DELAY,
    POLL,
    EscapeParser,
    PromptEscapeDriver,
    escape_delay,
    select_timeout,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver only")

# The latest day's list, by upvotes: 2605.10011 on top ("Scaling Agents Tokenizers 11", cut
# short in the list); searching "Diffusion" leaves 2605.10010, the third.
FIRST_TITLE = b"Scaling Agents"
THIRD_ID = "2605.10010"


@pytest.fixture
def papertui_in_a_pty(tmp_path: Path, fixture_store_dir: Path):
    """Start the installed papertui over the fixture store, as in an xterm, with the default
    escape delay and driver; yield the terminal and the data directory."""
    shutil.copytree(fixture_store_dir, tmp_path / "data")
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("PAPERTUI") and key not in ("ESCDELAY", "TEXTUAL_DRIVER")}
    env.update(PAPERTUI_CONFIG=str(config), TERM="xterm-256color", LANG="C.UTF-8",
               LC_ALL="C.UTF-8")
    terminal = Terminal(["--offline", "--data-dir", str(tmp_path / "data")], env)
    try:
        terminal.wait_for(FIRST_TITLE)
        assert FIRST_TITLE in terminal.output, "the list never appeared"
        terminal.settle()
        yield terminal, tmp_path / "data"
    finally:
        terminal.kill()
        terminal.close()


def test_a_lone_esc_byte_clears_the_search_and_leaves_the_search_box(papertui_in_a_pty):
    terminal, _data = papertui_in_a_pty
    terminal.type(b"/")
    terminal.type(b"Diffusion")
    terminal.wait_for(b"1 of 1 paper ")
    assert b"1 of 1 paper " in terminal.output, "the search never narrowed the list"
    terminal.settle()
    terminal.output.clear()
    os.write(terminal.fd, b"\x1b")  # Esc, as an xterm sends it
    terminal.wait_for(FIRST_TITLE)
    assert FIRST_TITLE in terminal.output, "Esc did not bring the whole list back"
    terminal.settle()
    # Out of the search box, q is the quit key again rather than a letter of the search.
    assert terminal.quit() == 0


def test_alt_keys_and_arrows_arrive_as_themselves_not_as_esc(papertui_in_a_pty):
    terminal, data = papertui_in_a_pty
    for keys in (b"\x1b[B", b"\x1b[B", b"\x1br", b"b"):  # down, down, Alt+R, then bookmark
        os.write(terminal.fd, keys)
    assert terminal.quit() == 0
    store = open_store(data).store
    try:
        states = dict(store.user_states())
    finally:
        store.close()
    # Read as Esc and letters, the arrows would have stepped a day back ("[") and Alt+R
    # would have marked the paper read ("r").
    assert [pid for pid, state in states.items() if state.bookmarked] == [THIRD_ID]
    assert not any(state.read for state in states.values())


def test_a_search_typed_in_one_write_lands_in_the_search_box(papertui_in_a_pty):
    terminal, data = papertui_in_a_pty
    os.write(terminal.fd, b"/robotics")  # as tmux send-keys, a paste, or a fast typist
    terminal.wait_for(b"robotics")
    terminal.settle()
    os.write(terminal.fd, b"\x1b")
    terminal.settle()
    assert terminal.quit() == 0
    assert b"robotics" in terminal.output, "the search box never showed the search"
    store = open_store(data).store
    try:
        states = dict(store.user_states())
    finally:
        store.close()
    # Reaching the list instead, r, b and t would have marked read, bookmarked and tagged.
    assert not any(state.read or state.bookmarked or state.tags for state in states.values())


def test_papertui_uses_its_driver_only_where_textual_would_use_its_linux_driver(
        tmp_path, monkeypatch):
    paths = Paths(tmp_path / "data", tmp_path / "config.toml")
    assert make_app(paths).driver_class is PromptEscapeDriver
    monkeypatch.setattr(constants, "DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    assert make_app(paths).driver_class.__name__ == "HeadlessDriver"


def test_the_escape_delay_is_the_users_escdelay_else_papertuis_default():
    assert escape_delay({}) == DEFAULT_ESCAPE_DELAY
    assert escape_delay({"ESCDELAY": "25"}) == 0.025
    assert escape_delay({"ESCDELAY": "300"}) == 0.3
    assert escape_delay({"ESCDELAY": "soon"}) == DEFAULT_ESCAPE_DELAY  # as Textual: ignored
    assert escape_delay({"ESCDELAY": "0"}) == 0.001  # as Textual: at least 1 ms


def test_select_waits_until_the_parsers_deadline_and_never_longer_than_textual():
    assert select_timeout(None, now=10.0) == POLL
    assert select_timeout(10.03, now=10.0) == pytest.approx(0.03)
    assert select_timeout(9.9, now=10.0) == 0.0  # overdue: look at once
    assert select_timeout(11.0, now=10.0) == POLL


def test_the_parser_gives_up_on_a_lone_esc_after_the_escape_delay():
    delay = 0.02
    parser = EscapeParser(False, delay)
    before = get_time()
    assert list(parser.feed("\x1b")) == []
    after = get_time()
    deadline = parser.deadline
    assert deadline is not None and before + delay <= deadline <= after + delay
    while get_time() < deadline:
        time.sleep(deadline - get_time())
    assert [event.key for event in parser.tick()] == ["escape"]
    assert parser.deadline is None


def test_the_parser_reads_a_whole_sequence_at_once():
    parser = EscapeParser(False, 0.02)
    assert [event.key for event in parser.feed("\x1b[A")] == ["up"]
    assert parser.deadline is None


def test_without_textuals_deadline_attribute_select_waits_as_textual_does():
    parser = EscapeParser(False, 0.02)
    vars(parser).pop("_timeout_time")  # as if a later Textual renamed it
    assert parser.deadline is None
    assert select_timeout(parser.deadline, get_time()) == POLL
