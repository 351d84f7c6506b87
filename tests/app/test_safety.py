"""Remote text is shown as typed and never acts; only http(s) links reach the browser."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from fixture_store import HOSTILE_TITLES
from helpers import detail_text, list_rows, main_screen, notifications, selected_id, settle
from papertui.core.models import Paper, View
from papertui.core.repair import open_store


def hostile_store(paths, **fields) -> None:
    store = open_store(paths.data_dir).store
    paper = Paper(id="2605.99999", title="A paper with a bad link", day="2026-05-12",
                  upvotes=1, **fields)
    store.save_papers([paper], View("latest"))
    store.close()


async def test_hostile_titles_and_authors_are_shown_literally(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(220, 40)) as pilot:
        await settle(pilot)
        rows = "\n".join(list_rows(app))
        for title in HOSTILE_TITLES:
            assert title in rows
        # Walk onto each hostile paper: the detail shows title, authors and org as typed.
        for _ in range(12):
            if selected_id(app) and main_screen(app).selected.paper.title in HOSTILE_TITLES:
                text = detail_text(app)
                assert main_screen(app).selected.paper.title in text
                assert "[bold]Eve[/bold], [@click=app.quit]Mallory[/]" in text
                assert "Organization: [MoE] Lab" in text
                assert "$\\mathcal{O}(n^2)$" in text
                assert "[@click=app.quit]x[/]" in text
            await pilot.press("j")
        assert app.is_running


async def test_clicking_hostile_text_does_nothing(cached_paths, app_for, browser):
    app = app_for(cached_paths)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        rows = list_rows(app)
        row = next(i for i, text in enumerate(rows) if "[@click=app.quit]" in text)
        column = rows[row].index("[@click")
        await pilot.click("#list", offset=(column + 2, row))
        await pilot.click("#list", offset=(column + 2, row))  # again: opens the detail
        await settle(pilot)
        assert app.is_running
        # Every line of the detail pane, clicked across its width.
        detail = main_screen(app).detail
        for y in range(0, 8):
            for x in range(0, detail.size.width, 6):
                await pilot.click("#detail", offset=(x, y))
        await settle(pilot)
        assert app.is_running
        assert not any(url.startswith("file:") for url in browser)


async def test_hostile_text_in_notifications_is_plain(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for text in ("[@click=app.quit]x[/]", "[MoE]", "[/]", "[bold]x"):
            app.main_screen.notify(text, markup=False)
        await pilot.pause()
        for text in ("[@click=app.quit]x[/]", "[MoE]", "[/]", "[bold]x"):
            assert text in notifications(app)
        assert app.is_running


async def test_the_detail_links_open_through_the_checked_path(cached_paths, app_for, browser):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = main_screen(app).detail.query_one("#detail-body")
        lines = [strip.text for strip in
                 body.render_lines(Region(0, 0, body.size.width, body.size.height))]
        y = next(i for i, line in enumerate(lines) if line.strip().startswith("GitHub"))
        x = lines[y].index("GitHub") + 2
        await pilot.click("#detail-body", offset=(x, y))
        await settle(pilot)
        assert browser == ["https://github.com/example/repo11"]


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "https://",
    "-https://example.org",
    "https://example.org/a b",
    "smb://host/share",
])
async def test_hostile_urls_are_refused_with_a_message(paths, app_for, browser, url):
    hostile_store(paths, github_repo=url, project_page=url)
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert selected_id(app) == "2605.99999"
        await pilot.press("c", "w")
        await settle(pilot)
        assert browser == []
        refused = [n for n in app._notifications if n.title == "Link refused"]
        assert len(refused) == 2
        assert app.is_running


async def test_textual_own_link_opening_goes_through_the_check(cached_paths, app_for, browser):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_url("file:///etc/passwd")
        app.open_url("https://huggingface.co/papers/2605.10011")
        await settle(pilot)
        assert browser == ["https://huggingface.co/papers/2605.10011"]
