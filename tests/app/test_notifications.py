"""Notifications carry text papertui did not write (the service's errors, the config
file's names): shown literally, never as markup, and clicking them only dismisses them."""

from __future__ import annotations

from textual.widgets._toast import Toast

from fakehf import Reply
from helpers import notifications, settle, toasts, wait_for_fetch

API = "/api/daily_papers"


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
