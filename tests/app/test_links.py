"""Links: only http(s) with a host ever reach the browser, through one checked path (keys,
clicks in the detail, Textual's own link opening); every other link is refused with a
reason the user can read."""

from __future__ import annotations

import re

from textual.geometry import Region

from helpers import main_screen, save_raw, selected_id, settle, since
from hostile import UNSAFE
from papertui.core.models import Paper


async def test_the_detail_links_open_through_the_checked_path(cached_paths, app_for, browser):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 60)) as pilot:  # tall enough to show the links
        await settle(pilot)
        body = main_screen(app).detail.query_one("#detail-body")
        lines = [strip.text for strip in
                 body.render_lines(Region(0, 0, body.size.width, body.size.height))]
        y = next(i for i, line in enumerate(lines) if line.strip().startswith("GitHub"))
        x = lines[y].index("GitHub") + 2
        await pilot.click("#detail-body", offset=(x, y))
        await settle(pilot)
        assert browser == ["https://github.com/example/repo11"]


HOSTILE_URLS = ["javascript:alert(1)", "file:///etc/passwd",
                "data:text/html,<script>alert(1)</script>", "https://", "-https://example.org",
                "https://example.org/a b", "smb://host/share"]


async def test_hostile_urls_are_refused_with_a_message(paths, app_for, browser):
    # One paper per kind of link, all in one list: c and w on each, then on to the next.
    save_raw(paths, *[Paper(id=f"2605.9{n:04d}", title="A paper with a bad link",
                            day="2026-05-12", upvotes=100 - n, github_repo=url, project_page=url)
                      for n, url in enumerate(HOSTILE_URLS)])
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for n, url in enumerate(HOSTILE_URLS):
            assert selected_id(app) == f"2605.9{n:04d}"
            seen = {n.identity for n in app._notifications}
            await pilot.press("c", "w", "j")
            await settle(pilot)
            assert browser == [], url
            refused = [n for n in since(app, seen) if n.title == "Link refused"]
            assert len(refused) == 2, url
        assert app.is_running


async def test_textual_own_link_opening_goes_through_the_check(cached_paths, app_for, browser):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_url("file:///etc/passwd")
        app.open_url("https://huggingface.co/papers/2605.10011")
        await settle(pilot)
        assert browser == ["https://huggingface.co/papers/2605.10011"]


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
