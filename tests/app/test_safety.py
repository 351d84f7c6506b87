"""Remote text is shown as typed and never acts; only http(s) links reach the browser."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets._toast import Toast

from fixture_store import HOSTILE_TITLES
from helpers import detail_text, list_rows, main_screen, notifications, selected_id, settle
from papertui.core.models import Paper, View
from papertui.core.store import open_store
from papertui.widgets.paper_detail import LINKS


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
        visited = set()
        for _ in range(12):
            title = main_screen(app).selected.paper.title
            if title in HOSTILE_TITLES:
                visited.add(title)
                text = detail_text(app)
                assert title in text
                assert "[bold]Eve[/bold], [@click=app.quit]Mallory[/]" in text
                assert "Organization: [MoE] Lab" in text
                assert "$\\mathcal{O}(n^2)$" in text
                assert "[@click=app.quit]x[/]" in text
            await pilot.press("j")
        assert visited == set(HOSTILE_TITLES)  # every hostile paper's detail was read
        assert app.is_running


def click_actions(app, *widgets) -> set[str]:
    """The actions a click anywhere on `widgets` would run: Textual runs the `@click` action
    in the style of the cell under the mouse."""
    actions = set()
    for widget in widgets:
        region = widget.region
        for y in range(region.y, region.bottom):
            for x in range(region.x, region.right):
                action = app.screen.get_style_at(x, y).meta.get("@click")
                if action is not None:
                    actions.add(action)
    return actions


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
        # No cell of the list or the detail would run anything on a click but the detail's
        # checked link action.
        screen = main_screen(app)
        actions = click_actions(app, screen.paper_list, screen.detail)
        assert "screen.open_link('hf')" in actions  # the scan does see the detail's links
        assert actions <= {f"screen.open_link({kind!r})" for kind, _ in LINKS}
        # And clicking the hostile text in the detail (title, authors, abstract) does nothing.
        body = main_screen(app).detail.query_one("#detail-body")
        lines = [strip.text for strip in
                 body.render_lines(Region(0, 0, body.size.width, body.size.height))]
        spots = [(line.index("[@click") + 2, y) for y, line in enumerate(lines)
                 if "[@click" in line]
        assert len(spots) >= 2
        for offset in spots:
            await pilot.click("#detail-body", offset=offset)
        await settle(pilot)
        assert app.is_running
        assert not any(url.startswith("file:") for url in browser)


async def test_markup_in_the_config_file_is_literal_in_notifications(cached_paths, app_for):
    # The config file's own text (a theme name, a setting's name) comes back in the warnings.
    app = app_for(cached_paths, config='theme = "[@click=app.quit]x[/]"\n"[bold]colour" = 1\n')
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        shown = "\n".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert "Unknown theme '[@click=app.quit]x[/]'" in shown
        assert "unknown setting '[bold]colour'" in shown
        for toast in app.screen.query(Toast):
            await pilot.click(toast)  # dismisses it, nothing else
        await settle(pilot)
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
