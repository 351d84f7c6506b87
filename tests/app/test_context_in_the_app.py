"""A paper's context in the main screen: Enter fetches it (from the real HTTP test server,
which serves the constructed context samples of 2606.13681: shapes from HF-FORMAT.md, not
captured responses) and the tabs beside the overview show it; offline, the store's copy."""

from __future__ import annotations

import json

from helpers import main_screen, settle
from fakehf import SAMPLES_DIR
from papertui.core.models import View
from papertui.core.parse import parse_items
from papertui.core.repair import open_store
from papertui.screens.reader import ReaderScreen


def store_latest_sample(paths) -> None:
    store = open_store(paths.data_dir).store
    body = (SAMPLES_DIR / "daily_papers_2026-06-12_latest_limit30.raw.json").read_bytes()
    store.save_papers(parse_items(json.loads(body)), View("latest"))
    store.close()


def tab_labels(screen) -> list[str]:
    return [str(tab.label) for tab in screen.context.tabs.query("ContentTab")]


async def test_enter_fetches_the_context_and_the_tabs_show_it(paths, app_for, hf_server):
    store_latest_sample(paths)
    app = app_for(paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.paper_list.cursor = screen.paper_list.keys.index(
            screen.store.get("2606.13681").rowid)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if any(label.startswith("Models (") for label in tab_labels(screen)):
                break
        labels = tab_labels(screen)
        assert any(label.startswith("Models (") and label != "Models (0)" for label in labels)
        assert any(label.startswith("Discussion (") for label in labels)
        assert "as of" in str(screen.context.query_one("#context-status").render())
        await pilot.press("3")  # the Models tab
        await settle(pilot)
        assert screen.context.tabs.active == "models"
        await pilot.press("v")  # the full-text reader
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
    # Offline, the stored context is shown at once.
    app = app_for(paths, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.paper_list.cursor = screen.paper_list.keys.index(
            screen.store.get("2606.13681").rowid)
        await pilot.press("enter")
        await settle(pilot)
        assert any(label.startswith("Models (") for label in tab_labels(screen))
