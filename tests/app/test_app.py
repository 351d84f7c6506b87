"""App-wide behaviour: theme from config and saved when changed, worker failures reported."""

from __future__ import annotations

from helpers import main_screen, notifications, settle
from papertui.core.store import StoreError


async def test_theme_comes_from_config_and_is_saved_when_changed(cached_paths, app_for):
    app = app_for(cached_paths, config='theme = "nord"\nsort = "date"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await pilot.pause()
        await settle(pilot)
    text = cached_paths.config_file.read_text()
    assert 'theme = "gruvbox"' in text
    assert 'sort = "date"' in text  # the rest of the user's file is kept


async def test_an_unknown_theme_is_reported(cached_paths, app_for):
    app = app_for(cached_paths, config='theme = "no-such-theme"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("no-such-theme" in message for message in notifications(app))


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
