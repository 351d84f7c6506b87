"""The real `papertui` in a real pseudo-terminal: no byte a stranger wrote drives the terminal.

The guarantee, in two parts:

1. Text from the service is cleaned on its way into the store (`parse` -> `safety`), so no
   escape sequence, C1 control, NUL, DEL or bidi control it carried exists any more, and
   nothing of it can reach the terminal from any screen.
2. The panes that draw paper text on every paint - the list, the detail and the status
   line - clean it again as they draw. So even a store written by something else (an older
   papertui, a hand edit, a future importer that forgets) cannot make them emit a sequence.
   Dialogs that quote a title rely on part 1.

Each test runs the installed `papertui --offline` at 120x40 over such a store, reads the
list, opens a paper, searches, quits with q, and checks every byte the app wrote. Textual
writes control sequences of its own, so the checks look for the hostile payloads (window
title text, clipboard data, the evil link) and for sequence kinds Textual never sends here.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pytest

from fakehf import FakeHF, Reply, make_item
from hostile import ATTACK
from pty_terminal import Terminal
from papertui.core.models import Paper, View
from papertui.core.parse import parse_items
from papertui.core.repair import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


PAYLOADS = [b"PWNED-TITLE", b"RVZJTC1DTElQQk9BUkQ", b"evil.example", b"\x1b]0;", b"\x1b]2;",
            b"\x1b]8;;http", b"\x1b]52;", b"\x1b[6n", b"\x1b[c", b"\x1b[3J", b"\x1b[2J"]
# What Textual itself writes: CSI sequences, and OSC 22 (the mouse pointer's shape). Once
# those are taken out, nothing else may control the terminal.
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\]22;[a-z-]*\x07")
# C0 controls but CR and LF, DEL, C1 controls (U+0080-U+009F, which some terminals obey)
# and bidi controls.
UNSAFE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_items() -> list[dict]:
    """Daily items as the service might send them, attacks in every text field."""
    items = []
    for n in range(1, 4):
        item = make_item(f"2605.0000{n}", title=f"Marker{n} {ATTACK} parsed title",
                         summary=f"Abstract{n} {ATTACK} wrapped\nline", upvotes=100 - n,
                         authors=[{"name": f"Ada {ATTACK} Lovelace"}],
                         ai_summary=f"Summary {ATTACK} text", ai_keywords=[f"kw {ATTACK}"],
                         githubRepo=f"https://github.com/a/b{ATTACK}",
                         projectPage="https://example.org/p")
        item["submittedBy"] = {"name": "x", "fullname": f"Sub {ATTACK} mitter"}
        item["organization"] = {"name": "o", "fullname": f"Org {ATTACK}"}
        items.append(item)
    return items


def raw_papers() -> list[Paper]:
    """Papers saved straight into the store, never cleaned."""
    return [Paper(id=f"2605.0010{n}", title=f"Rawtitle{n} {ATTACK} end\nsecond line",
                  abstract=f"Rawabstract{n} {ATTACK}", authors=(f"Raw {ATTACK} author",),
                  day="2026-05-12", upvotes=50 - n, organization=f"Org {ATTACK}",
                  submitter=f"Sub {ATTACK}", ai_summary=f"Sum {ATTACK}",
                  ai_keywords=(f"kw {ATTACK}",), published_at=f"2026-05-12{ATTACK}",
                  github_repo=f"https://github.com/a/b{ATTACK}",
                  project_page=f"javascript:{ATTACK}")
            for n in range(1, 4)]


def run_papertui(tmp_path: Path, search: bytes, markers: list[bytes]) -> bytes:
    """Start papertui over tmp_path/data, read, open, search and quit; check every byte it
    wrote, and that the `markers` (a title, then an abstract) were on screen."""
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAPERTUI")}
    env.update(PAPERTUI_CONFIG=str(config), TERM="xterm-256color", COLORTERM="truecolor",
               LANG="C.UTF-8", LC_ALL="C.UTF-8")
    terminal = Terminal(["--offline", "--data-dir", str(tmp_path / "data")], env)
    try:
        terminal.wait_for(markers[0])  # the list is on screen
        terminal.settle()
        terminal.type(b"j")
        terminal.type(b"\r")  # open the paper in the detail
        terminal.wait_for(markers[1])
        terminal.type(b"/")
        terminal.type(search)
        terminal.type(b"\x1b")  # leave the search box (Esc) for the list
        code = terminal.quit()
    finally:
        terminal.kill()
        terminal.close()
    output = bytes(terminal.output)
    assert_nothing_hostile(output)
    for marker in markers:  # what was read, opened and searched was really on screen
        assert marker in output, f"{marker!r} never appeared on the terminal"
    assert code == 0, output[-2000:]
    return output


def assert_nothing_hostile(output: bytes) -> None:
    for payload in PAYLOADS:
        assert payload not in output, f"{payload!r} reached the terminal"
    text = TEXTUAL_SEQUENCES.sub("", output.decode("utf-8", "replace"))
    found = UNSAFE.search(text)
    assert found is None, (f"{found.group()!r} reached the terminal: "
                           f"{text[max(0, found.start() - 60):found.end() + 20]!r}")


def test_hostile_text_from_the_service_never_reaches_the_terminal(tmp_path):
    store = open_store(tmp_path / "data").store
    store.save_papers(parse_items(hostile_items()), View("latest"))
    store.close()
    output = run_papertui(tmp_path, b"Marker", [b"Marker1", b"Abstract2"])
    assert b"click me" in output  # the link's text is shown, as text


def test_text_that_bypassed_the_cleaners_never_reaches_the_terminal(tmp_path):
    store = open_store(tmp_path / "data").store
    store.save_papers(raw_papers(), View("latest"))
    store.close()
    run_papertui(tmp_path, b"Rawtitle", [b"Rawtitle1", b"Rawabstract2"])


# q during a stalled refresh used to wait for the fetch to give up (62 s measured).
def test_q_during_a_stalled_refresh_quits_at_once(tmp_path):
    open_store(tmp_path / "data").store.close()
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    with FakeHF() as server:
        server.add("/api/daily_papers", Reply(body=[make_item("2605.00001")] * 50, stall=True))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERTUI")}
        env.update(PAPERTUI_CONFIG=str(tmp_path / "config.toml"), TERM="xterm-256color")
        terminal = Terminal(["--base-url", server.url, "--data-dir", str(tmp_path / "data")], env)
        try:
            terminal.wait_for(b"fetching")
            while server.count("/api/daily_papers") == 0:
                terminal.read(0.05)
            started = time.monotonic()
            code = terminal.quit(timeout=5.0)  # raises when the process is still there
            assert code == 0 and time.monotonic() - started < 5.0
        finally:
            terminal.kill()
            terminal.close()
