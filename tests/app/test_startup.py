"""Start-up: the cache is on screen at once; the network only refreshes it."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest
from textual.widgets import Checkbox, OptionList, Select

from helpers import list_rows, main_screen, notifications, selected_id, settle, status_text
from papertui.core.query import FilterSpec


async def test_cached_store_shows_papers_at_once_with_offline_status(cached_paths, app_for):
    app = app_for(cached_paths, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = list_rows(app)
        assert any("Scaling" in row for row in rows)
        assert status_text(app) == "offline - showing cache from Tue 12 May"
        await settle(pilot)
        assert "12 papers" in str(main_screen(app).status.query_one("#status-count").render())
        assert main_screen(app).sub_title == "latest"
        assert selected_id(app) is not None


async def test_filter_pane_shows_the_start_filters_and_their_counts(cached_paths, app_for):
    # The pane's controls are built when it first shows (at 120 columns, on F2): what the
    # screen asked them to show before they existed must be shown.
    app = app_for(cached_paths, config='start_view = "all"\nsort = "date"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)  # the counts wait for a quiet moment
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        pane = main_screen(app).filters
        assert pane.query_one("#sort", Select).value == "date"
        periods = pane.query_one("#period", OptionList)
        assert periods.highlighted_option is not None
        assert periods.highlighted_option.id == "all"
        store = main_screen(app).store
        unread = store.count(FilterSpec(unread=True))
        assert str(pane.query_one("#unread", Checkbox).label) == f"Unread only ({unread:,})"
        assert not pane.query_one("#unread", Checkbox).value
        await pilot.press("h")  # hide read: the pane follows the key
        await settle(pilot)
        assert pane.query_one("#unread", Checkbox).value


async def test_garbage_collector_is_back_on_once_the_papers_are_shown(cached_paths, app_for):
    # `papertui` starts with the collector off (it only slows the first paint); left off,
    # a long session would grow without bound.
    gc.disable()
    try:
        app = app_for(cached_paths)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert any("Scaling" in row for row in list_rows(app))
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_empty_store_offline_says_so_and_how_to_retry(paths, app_for):
    app = app_for(paths, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = "\n".join(list_rows(app))
        assert "No papers are cached yet" in text
        assert "--offline" in text
        assert "press f" in text
        await pilot.press("f")
        assert any("offline" in message for message in notifications(app))


@pytest.mark.parametrize("users", [None, "30"])
def test_the_app_draws_at_120_fps_unless_textual_fps_says_and_keeps_it_to_itself(users):
    env = {key: value for key, value in os.environ.items() if key != "TEXTUAL_FPS"}
    if users:
        env["TEXTUAL_FPS"] = users
    code = ("import os; from papertui.__main__ import import_app; import_app(); "
            "from textual import constants; "
            "print(constants.MAX_FPS, os.environ.get('TEXTUAL_FPS'))")
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                           check=True, timeout=60).stdout.split()
    # Textual's rate is set; the environment a browser would inherit is the user's own.
    assert shown == [users or "120", users or "None"]
