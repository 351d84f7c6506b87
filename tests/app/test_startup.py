"""Start-up: the cache is on screen at once; the network only refreshes it."""

from __future__ import annotations

import pytest

from fixture_store import HOSTILE_TITLES
from helpers import list_rows, main_screen, notifications, selected_id, settle, status_text
from papertui.core.store import open_store


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
