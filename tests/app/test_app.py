"""App-wide behaviour: a worker's failure is reported and the app keeps running."""

from __future__ import annotations

from helpers import main_screen, notifications, settle
from papertui.core.store import StoreError


async def test_a_failing_query_is_reported_and_the_app_keeps_running(cached_paths, app_for,
                                                                     monkeypatch):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        store = main_screen(app).store

        def broken(spec):
            raise StoreError("The store /x/papers.db is busy: another papertui is writing to "
                             "it; try again in a moment.")

        monkeypatch.setattr(store, "select_keys", broken)
        await pilot.press("h")
        await settle(pilot)
        assert any("is busy" in message for message in notifications(app))
        assert app.is_running
        await pilot.press("j")
        assert main_screen(app).paper_list.cursor == 1
