"""The status line: what it says while fetching and counting, never a control character,
never markup."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from fakehf import Reply, make_item
from helpers import drawn_lines, list_rows, main_screen, settle, status_text
from papertui.widgets.status_bar import StatusBar

API = "/api/daily_papers"


class StatusBarAlone(App[None]):
    def compose(self):
        yield StatusBar()


async def test_the_status_line_never_holds_control_characters() -> None:
    # A search typed or pasted by the user reaches the status line as "fetching search ...".
    app = StatusBarAlone()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(StatusBar)
        bar.set_message('fetching search "a\x1b]0;PWNED-TITLE\x07b\x1b[2J\nc"…')
        bar.set_count("1\x1b[2J of 2")
        await pilot.pause()
        assert str(bar.query_one("#status-message").render()) == 'fetching search "ab c"…'
        for line in (drawn_lines(bar.query_one("#status-message"))
                     + drawn_lines(bar.query_one("#status-count"))):
            assert "\x1b" not in line and "PWNED" not in line


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


async def test_the_progress_bar_is_there_only_while_fetching() -> None:
    app = StatusBarAlone()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(StatusBar)
        bar.set_message("fetching")
        bar.set_count("30 papers")
        await pilot.pause()
        message = bar.query_one("#status-message")
        room = message.size.width
        assert not bar.query("#status-progress")
        bar.set_progress(0, None)  # how much is to come is not known yet
        await pilot.pause()
        bar.set_progress(5, 10)
        await pilot.pause()
        [progress] = bar.query("#status-progress")
        drawn = drawn_lines(progress.query_one("#bar"))[0]
        assert drawn.count("━") >= 10 and message.size.width == room - progress.size.width
        bar.set_progress(None, None)
        await pilot.pause()
        # Gone, not hidden: a hidden indeterminate bar would go on repainting itself.
        assert not bar.query("#status-progress") and message.size.width == room
