"""Hostile input and faults, seen from the running app: remote text shown literally and never
drawn as terminal controls, any size laid out, hostile links refused with a reason, every
network fault ending in a clear message with the cache still on screen and the keys working,
a broken config reported by line and never rewritten, files written whole or not at all.

What test_safety.py covers already (hostile titles/authors in the fixture store shown
literally, clicks on them, seven hostile URL kinds) is not repeated; this file adds the
status line, notifications and dialogs, text that bypassed the cleaners, sizes, more link
kinds, network faults and config. The bytes the app writes to a real terminal are checked
in test_hostile_pty.py.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from array import array

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.geometry import Region
from textual.widgets import Input, Label
from textual.widgets._toast import Toast

from fakehf import Reply, make_item
from helpers import (detail_text, list_rows, main_screen, notifications, selected_id, settle,
                     status_text)
from papertui.core.config import Config
from papertui.core.fetch import ClientOptions
from papertui.core.models import Paper, StoredPaper, UserState, View
from papertui.core.query import FilterSpec
from papertui.core.safety import clean_line
from papertui.core.store import open_store
from papertui.screens.dialogs import NoteEditor, TagsEditor
from papertui.widgets.paper_detail import PaperDetail, render_paper
from papertui.widgets.paper_list import PaperList
from papertui.widgets.status_bar import StatusBar
from test_hostile_pty import ATTACK

API = "/api/daily_papers"
# What must never be drawn: C0 controls (newline only between the detail's lines), DEL, C1
# controls and the bidi controls.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
MARKUP = ("[/]", "[/bold]", "a[b", "[bold]x", "[@click=app.quit]x[/]", "[@click=app.bookmark]",
          "[@click=screen.toggle_bookmark]b[/]", "[link='file:///etc/passwd']x[/link]",
          "[MoE]", "[CLS]", "[Re]")
# Terminal attacks as they would sit in a store written by something other than papertui's
# own cleaners (an older version, a hand edit, a future importer that forgets).
RAW = ("\x1b[2J\x1b]0;PWNED-TITLE\x07\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"
       "\x1b]52;c;RVZJTC1DTElQ\x07\x9b31m\x00\x7f\u202egnp.exe\nnext line\r\t")


def drawn_lines(widget) -> list[str]:
    """The text of every line a widget draws now (what goes to the terminal)."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text for strip in widget.render_lines(region)]


def detail_lines(app) -> list[str]:
    return drawn_lines(main_screen(app).detail.query_one("#detail-body"))


def save_raw(paths, *papers: Paper) -> None:
    """Papers saved straight into the store, bypassing parse (and so the cleaners)."""
    store = open_store(paths.data_dir).store
    store.save_papers(list(papers), View("latest"))
    store.close()


def since(app, seen: set[str]) -> list:
    """Notifications posted since `seen` (their identities) was taken; old ones expire, so
    positions in the list are no guide."""
    return [n for n in app._notifications if n.identity not in seen]


def toasts(app) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query(Toast)]


# --- text that bypassed the cleaners is still drawn as text -----------------------------------


def raw_paper(pid: str = "2605.99999", **fields) -> Paper:
    values = dict(title=f"Raw {RAW} title", abstract=f"Raw {RAW} abstract",
                  authors=(f"Raw {RAW} author",), day="2026-05-12", upvotes=5,
                  organization=f"Org {RAW}", submitter=f"User {RAW}",
                  ai_summary=f"Summary {RAW}", ai_keywords=(f"kw {RAW}",),
                  published_at=f"2026-05-12{RAW}", github_repo=f"https://x.org/{RAW}",
                  project_page=f"javascript:{RAW}")
    return Paper(id=pid, **(values | fields))


async def test_controls_in_the_store_are_never_drawn_by_the_list_or_the_detail(paths, app_for):
    save_raw(paths, raw_paper())
    app = app_for(paths)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert selected_id(app) == "2605.99999"
        paper_list = main_screen(app).paper_list
        rows = drawn_lines(paper_list)
        lines = detail_lines(app)
        for line in rows + lines:
            assert not UNSAFE.search(line), repr(line)
            assert "PWNED" not in line and "RVZJTC1DTElQ" not in line
        assert "Raw link" in rows[0] and "gnp.exe next line" in rows[0]
        # A newline in a title must not break the row: one row, exactly the list's width.
        assert all(len(row) == paper_list.size.width for row in rows)
        text = "\n".join(lines)
        assert "Raw link" in text and "Raw link" in text.split("Abstract", 1)[1]
        assert "Summary link" in text and "kw link" in text and "User link" in text


# --- markup stays literal everywhere remote text is shown ------------------------------------


def markup_title() -> str:
    return " ".join(MARKUP)


async def test_markup_in_a_title_is_literal_in_the_list_detail_and_dialogs(paths, app_for):
    save_raw(paths, Paper(id="2605.99999", title=markup_title(), day="2026-05-12",
                          authors=MARKUP, abstract=" ".join(MARKUP), ai_keywords=MARKUP))
    app = app_for(paths)
    async with app.run_test(size=(400, 40)) as pilot:
        await settle(pilot)
        assert markup_title() in list_rows(app)[0]
        assert markup_title() in detail_text(app)
        assert ", ".join(MARKUP) in detail_text(app)  # authors and keywords
        # The note and tags dialogs quote the title.
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        label = app.screen.query(Label).first()
        assert str(label.render()) == "Note on: " + markup_title()
        await pilot.click(label, offset=(20, 0))
        await pilot.press("escape")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagsEditor)
        assert str(app.screen.query(Label).first().render()) == "Tags on: " + markup_title()
        await pilot.press("escape")
        await settle(pilot)
        # Clicking all along the title in the list does nothing but select and open it.
        for x in range(8, 160, 30):
            await pilot.click("#list", offset=(x, 0))
        await settle(pilot)
        assert app.is_running
        assert not main_screen(app).store.get("2605.99999").state.bookmarked


async def test_markup_in_a_search_is_literal_in_the_status_line_and_title(cached_paths, app_for,
                                                                         hf_server):
    query = "[@click=app.quit]x[/] [MoE] [bold]"
    hf_server.add(API, Reply(200, []))
    hf_server.add("/api/papers/search", Reply(200, [make_item("2606.00042", f"Found {query}",
                                                              day="2026-05-01")], delay=0.3))
    app = app_for(cached_paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        main_screen(app).filters.query_one("#search", Input).value = query
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert status_text(app) == f'fetching search "{query}"…'
        assert query in str(main_screen(app).status.query_one("#status-message").render())
        await pilot.click("#status-message", offset=(25, 0))
        await pilot.pause(0.5)
        await settle(pilot)
        assert app.is_running
        assert f"Found {query}" in list_rows(app)[0]
        assert main_screen(app).sub_title == f'search "{query}"'


async def test_hostile_text_from_the_service_is_literal_in_notifications(cached_paths, app_for,
                                                                        hf_server):
    hf_server.add(API, Reply(200, {"error": "[@click=app.quit]x[/] [MoE] \x1b]0;PWNED-TITLE\x07"}))
    app = app_for(cached_paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for_fetch(pilot)
        expected = "the service sent an error instead of papers: [@click=app.quit]x[/] [MoE]"
        assert any(expected in message for message in notifications(app))
        shown = "\n".join(toasts(app))
        assert "[@click=app.quit]x[/] [MoE]" in shown and "PWNED" not in shown
        for toast in app.screen.query(Toast):
            await pilot.click(toast)  # dismisses it, nothing else
        await settle(pilot)
        assert app.is_running


async def test_the_status_line_never_holds_control_characters() -> None:
    # A search typed or pasted by the user reaches the status line as "fetching search ...".
    class Host(App[None]):
        def compose(self):
            yield StatusBar()

    app = Host()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(StatusBar)
        bar.set_message('fetching search "a\x1b]0;PWNED-TITLE\x07b\x1b[2J\nc"…')
        bar.set_count("1\x1b[2J of 2")
        await pilot.pause()
        assert bar.message == 'fetching search "ab c"…'
        for line in (drawn_lines(bar.query_one("#status-message"))
                     + drawn_lines(bar.query_one("#status-count"))):
            assert "\x1b" not in line and "PWNED" not in line


# --- any text, drawn by the list and the detail -----------------------------------------------


class RenderHost(App[None]):
    """The list and the detail over one paper that a test swaps."""

    CSS = "PaperList { height: 3; } PaperDetail { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.papers: dict[int, StoredPaper] = {}

    def compose(self):
        yield PaperList(lambda keys: {k: self.papers[k] for k in keys if k in self.papers})
        yield PaperDetail()


PIECES = ["\x1b", "[", "]", "\x07", "\x9b", "0;", "2J", "\n", "\t", "\u202e", "[MoE]", "[/]",
          "[@click=app.quit]", "👩‍🔬", "e\u0301", "\u05e9\u05dc", "中文", " "]
TEXT = st.one_of(st.text(max_size=60),
                 st.lists(st.sampled_from(PIECES), max_size=20).map("".join))


async def test_any_text_is_drawn_cleanly_by_the_list_and_the_detail() -> None:
    app = RenderHost()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        paper_list = app.query_one(PaperList)
        width = paper_list.scrollable_content_region.width

        @settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(title=TEXT, author=TEXT, abstract=TEXT, note=TEXT, day=TEXT)
        def check(title: str, author: str, abstract: str, note: str, day: str) -> None:
            stored = StoredPaper(Paper(id="2605.00001", title=title, authors=(author,),
                                       abstract=abstract, day=day, github_repo="x"),
                                 UserState(note=note, tags=(note,)), rowid=1)
            app.papers = {1: stored}
            paper_list.set_keys(array("q", [1]))
            row = paper_list.render_line(0)
            assert row.cell_length == width
            assert not UNSAFE.search(row.text)
            shown = clean_line(title)
            if len(shown) < 40 and shown.isprintable():
                assert shown in row.text
            content = render_paper(stored)
            assert not UNSAFE.search(content.plain)
            assert all(line.cell_length <= 80 for line in content.wrap(80))
            assert clean_line(title) in content.plain or not clean_line(title)
            assert clean_line(author) in content.plain
            # Only the link lines click, and only through the screen's checked action.
            for span in content.spans:
                meta = getattr(span.style, "meta", None) or {}
                assert meta.get("@click", "screen.open_link(").startswith("screen.open_link(")

        check()


# --- sizes ----------------------------------------------------------------------------------

SIZES = {
    "2605.90001": dict(title="W" * 5000, authors=tuple(f"Author {n}" for n in range(2000))),
    "2605.90002": dict(title="", abstract="word " * 40_000),
    "2605.90003": dict(title="👩‍🔬🧪 Emoji e\u0301\u0301\u0301 n\u0303 " * 40),
    "2605.90004": dict(title="שלום עולם מודל שפה " * 20 + "مرحبا بالعالم " * 20,
                       authors=("אברהם כהן", "محمد علي")),
    "2605.90005": dict(title="中文标题很长" * 200, ai_summary="摘要" * 5000),
}


def layout(app) -> dict:
    screen = main_screen(app)
    return {name: widget.region for name, widget in (
        ("filters", screen.filters), ("list", screen.paper_list), ("detail", screen.detail),
        ("status", screen.status))}


async def test_huge_and_odd_papers_never_break_the_panes(cached_paths, app_for):
    save_raw(cached_paths, *[Paper(id=pid, day="2026-05-12", upvotes=1000 - n, **fields)
                             for n, (pid, fields) in enumerate(SIZES.items())])
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        for size in ((120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.press("G")  # an ordinary paper of the fixture store
            await settle(pilot)
            expected = layout(app)
            paper_list = main_screen(app).paper_list
            await pilot.press("g")
            for n, pid in enumerate(SIZES):
                started = time.monotonic()
                if n:
                    await pilot.press("j")
                await settle(pilot)
                assert time.monotonic() - started < 2.0  # a 200 KB abstract included
                assert selected_id(app) == pid
                assert layout(app) == expected, (size, pid)
                width = paper_list.size.width
                for strip in paper_list.render_lines(Region(0, 0, width, paper_list.size.height)):
                    assert strip.cell_length == width
                assert all(not UNSAFE.search(line) for line in detail_lines(app))
                if pid == "2605.90001":
                    text = detail_text(app)
                    assert "… and 1988 more (2000 authors)" in text and "W" * 5000 in text
                if pid == "2605.90002":  # no title: the id stands in
                    assert detail_text(app).startswith("2605.90002")
                    assert "2605.90002" in list_rows(app)[n]
        assert app.is_running


# --- hostile links ------------------------------------------------------------------------

LINKS = {
    "10 KB long": "https://example.org/" + "a" * 10_000,
    "control character": "https://example.org/\x1b]0;x\x07",
    "C1 control": "https://example.org/\x9b2J",
    "no host": "https:///etc/passwd",
    "right-to-left override": "https://github.com/evil/\u202egpj.exe",
    "zero-width space": "https://git\u200bhub.com/x",
    "leading space": " https://example.org/",
    "newline": "https://example.org/\nx",
}


async def test_more_hostile_links_are_refused_and_the_user_told_why(paths, app_for, browser):
    save_raw(paths, *[Paper(id=f"2605.9{n:04d}", title=f"Bad link: {name}", day="2026-05-12",
                            upvotes=100 - n, github_repo=url, project_page=url)
                      for n, (name, url) in enumerate(LINKS.items())])
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for n, name in enumerate(LINKS):
            assert selected_id(app) == f"2605.9{n:04d}"
            seen = {n.identity for n in app._notifications}
            await pilot.press("c", "w", "j")
            await settle(pilot)
            refused = [n for n in since(app, seen) if n.title == "Link refused"]
            assert len(refused) == 2, name
            for notification in refused:
                message = notification.message
                assert message.startswith("Not opening ") and len(message) < 200, name
                assert re.search(r"characters long|spaces or control|no host|invisible",
                                 message), (name, message)
                assert not UNSAFE.search(message), name
        assert browser == []
        assert app.is_running


async def test_only_http_links_with_a_host_reach_the_browser(paths, app_for, browser):
    save_raw(paths, Paper(id="2605.99999", title="Good links", day="2026-05-12",
                          github_repo="https://github.com/a/b", project_page="HTTP://Example.org/p"))
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "w", "o", "a", "p")
        await settle(pilot)
    assert browser == ["https://github.com/a/b", "HTTP://Example.org/p",
                       "https://huggingface.co/papers/2605.99999",
                       "https://arxiv.org/abs/2605.99999", "https://arxiv.org/pdf/2605.99999"]


# --- network faults: the app stays usable -----------------------------------------------------

# One fault of each kind a user can tell apart: the service in trouble, the service asking to
# wait, an answer that breaks off, one that never ends, and one of the wrong kind. The whole
# table of faults is in tests/unit/test_hostile_network.py, through fetch_views.
FAULTS = {
    "429 with a long Retry-After": (Reply(429, headers={"Retry-After": "7200"}),
                                    r"asks to wait about 120 min"),
    "503": (Reply(503), r"having trouble \(HTTP 503\)"),
    "truncated body": (Reply(body=[make_item("2606.00001")] * 20, truncate_to=50),
                       r"broke off before the answer"),
    "stalled body": (Reply(body=[make_item("2606.00001")] * 50, stall=True),
                     r"timed out after"),
    "HTML instead of JSON": (Reply(body="<html><body>Down</body></html>"),
                             r"web page instead of data"),
}


# The app passes these to every client it makes: small, so that faults end fast.
SMALL_TIMEOUTS: ClientOptions = {
    "connect_timeout": 0.5, "read_timeout": 0.3, "deadline": 0.4, "max_retries": 1,
    "backoff_base": 0.01, "backoff_cap": 0.05, "max_body_bytes": 1_000_000}


def snapshot(store) -> tuple:
    return ([p.to_json() for p in store.select(FilterSpec(sort="date"))], store.user_states(),
            store.fetch_log(View("latest")), store.last_fetch())


async def wait_for_fetch(pilot, timeout: float = 5.0) -> None:
    screen = main_screen(pilot.app)
    await pilot.pause()
    deadline = time.monotonic() + timeout
    while screen.fetching and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert not screen.fetching, "the fetch did not end in time"
    await settle(pilot)


async def test_a_refresh_against_a_faulty_service_keeps_the_app_usable(
        cached_paths, app_for, hf_server):
    # One app meets every fault in turn, as a reader pressing f through a bad morning would.
    hf_server.add(API, Reply(404, {"error": "not yet"}))
    app = app_for(cached_paths, offline=False, base_url=hf_server.url,
                  client_options=SMALL_TIMEOUTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot)  # the start-up refresh, answered with a 404
        screen = main_screen(app)
        store = screen.store
        for name, (reply, message) in FAULTS.items():
            rows = list_rows(app)
            assert len([row for row in rows if row.strip()]) == 12
            before = snapshot(store)
            seen = {n.identity for n in app._notifications}
            hf_server.add(API, reply)
            hf_server.add("/papers", Reply(body="<html><body>Down</body></html>"))  # fallback
            started = time.monotonic()
            await pilot.press("f", "j")  # keys work while the fetch is under way
            assert screen.paper_list.cursor == 1, name
            await wait_for_fetch(pilot)
            assert time.monotonic() - started < 4.0, name
            assert status_text(app) == "offline - showing cache from Tue 12 May", name
            new = [n for n in since(app, seen) if n.title == "Could not refresh"]
            assert len(new) == 1 and re.search(message, new[0].message), (name, new)
            assert not UNSAFE.search(new[0].message) and new[0].message.endswith("."), name
            assert list_rows(app) == rows, name  # the cached papers, still listed
            assert snapshot(store) == before, name
            await pilot.press("k")
            marked = store.get(selected_id(app)).state.bookmarked
            await pilot.press("b")  # and the store still takes the user's changes
            assert store.get(selected_id(app)).state.bookmarked is not marked, name
        assert app.is_running


async def test_a_refresh_with_the_connection_refused_keeps_the_app_usable(
        cached_paths, app_for):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = app_for(cached_paths, offline=False, base_url=f"http://127.0.0.1:{port}",
                  client_options=SMALL_TIMEOUTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot)
        before = snapshot(main_screen(app).store)
        await pilot.press("f")
        await wait_for_fetch(pilot)
        assert any("connection refused" in m and "--offline" in m for m in notifications(app))
        assert status_text(app) == "offline - showing cache from Tue 12 May"
        assert snapshot(main_screen(app).store) == before
        await pilot.press("j")
        assert main_screen(app).paper_list.cursor == 1


# --- config: reported by line, defaults used, the file left as written ------------------------

BROKEN_CONFIGS = {
    "not TOML": ('theme = "nord"\nsort = [\n', [r"line 2: not valid TOML"]),
    "unterminated string": ('# mine\ntheme = "nord\n', [r"line 2: not valid TOML"]),
    "not UTF-8": (b'theme = "\xff\xfe"\n', [r"cannot be read"]),
    "wrong types and unknown keys": (
        '# my settings\ntheme = 3\nsort = "random"\ncolour = "red"\n'
        'refresh_after_minutes = -4\n[keys]\nquit = 5\n[plugins]\nx = 1\n',
        [r"line 2: theme must be text", r"line 3: sort must be one of",
         r"line 4: unknown setting 'colour'", r"line 5: refresh_after_minutes cannot be negative",
         r"line 7: keys.quit must be text", r"line 8: unknown section \[plugins\]"]),
}


@pytest.mark.parametrize("text, messages", BROKEN_CONFIGS.values(), ids=BROKEN_CONFIGS.keys())
async def test_a_broken_config_is_reported_by_line_and_never_rewritten(
        cached_paths, app_for, text, messages):
    data = text if isinstance(text, bytes) else text.encode()
    cached_paths.config_file.write_bytes(data)
    readable = "line 2: theme must be text" in messages[0]
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = notifications(app)
        for message in messages:
            assert any(re.search(message, m) and str(cached_paths.config_file) in m
                       for m in shown), (message, shown)
        assert app.theme == Config().theme and main_screen(app).spec.sort == "upvotes"
        assert selected_id(app) is not None  # the app started and shows the cache
        await pilot.press("j", "b")
        assert app.is_running
        if not readable:
            # Changing the theme saves it to the file: one papertui cannot read is kept.
            app.theme = "nord"
            await pilot.pause()
            await settle(pilot)
            assert any(m.startswith(f"Could not save the theme to {cached_paths.config_file}")
                       for m in notifications(app))
    assert cached_paths.config_file.read_bytes() == data
    assert [p.name for p in cached_paths.config_file.parent.iterdir()
            if p.name.startswith(".config.toml")] == []


async def test_unknown_actions_in_keys_are_reported_and_the_rest_applied(cached_paths, app_for):
    text = '[keys]\nno_such_action = "z"\ntoggle_bookmark = "x"\n'
    app = app_for(cached_paths, config=text)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("unknown action" in m and "no_such_action" in m for m in notifications(app))
        first = selected_id(app)
        await pilot.press("x")
        assert main_screen(app).store.get(first).state.bookmarked
        await pilot.press("z")
        assert app.is_running
    assert cached_paths.config_file.read_text() == text


# --- files: a crash mid-write leaves the old file whole ---------------------------------------

_WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from papertui.core.config import write_atomic
    from papertui.core.export import write_file

    def stop_mid_write(fd):
        # The new text is written but not yet moved into place: say so, and wait to die.
        print("writing", flush=True)
        time.sleep(60)

    os.fsync = stop_mid_write
    target = Path(sys.argv[2])
    text = "NEW " * 1_000_000
    if sys.argv[1] == "export":
        write_file(target, text, force=True)
    else:
        write_atomic(target, text)
""")


@pytest.mark.parametrize("writer", ["export", "config"])
def test_a_kill_mid_write_leaves_the_old_file_whole(tmp_path, writer):
    target = tmp_path / ("papers.md" if writer == "export" else "config.toml")
    old = "# the user's file\n" + "old line\n" * 1000
    target.write_text(old, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", _WRITER, writer, str(target)],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "writing"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(10)
    assert target.read_text(encoding="utf-8") == old
    # The half-written temporary is hidden beside it, never in the file's place.
    others = [p.name for p in tmp_path.iterdir() if p != target]
    assert all(name.startswith(f".{target.name}.") and name.endswith(".tmp") for name in others)


def test_export_names_cannot_leave_the_chosen_folder(tmp_path):
    # Unit tests cover resolve_in and safe_filename; this is the dialog's default name for
    # a selected paper whose title tries to climb out.
    from papertui.core.export import SUFFIXES, resolve_in, safe_filename

    for title in ("../../../etc/passwd", "/etc/cron.d/evil", "..\\..\\win.ini", "\x00../x",
                  "[@click=app.quit]x[/]", "~/.bashrc", "CON", "." * 300):
        name = safe_filename(f"{title} 2605.99999", SUFFIXES["md"])
        assert resolve_in(tmp_path, name).parent == tmp_path
        assert re.fullmatch(r"[A-Za-z0-9.-]+\.md", name)


# The dialogs quote the stored title: text that bypassed the cleaners is cleaned there too.
@pytest.mark.parametrize("key, dialog", [("n", NoteEditor), ("t", TagsEditor)])
async def test_dialogs_never_draw_control_characters(paths, app_for, key, dialog):
    store = open_store(paths.data_dir).store
    store.save_papers([Paper(id="2605.99999", title=f"Raw {ATTACK} title", day="2026-05-12")],
                      View("latest"))
    store.close()
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, dialog)
        label = app.screen.query("Label").first()
        assert "\x1b" not in str(label.render()) and "PWNED" not in str(label.render())
