"""The context tabs' and the reader's keys, remapped from the [keys] table of a real config
file, with conflicts reported as for the main screen's keys. 2606.13681's context comes from
the test server's constructed samples (shapes from HF-FORMAT.md, not captured)."""

from __future__ import annotations

import json

from textual.widgets import Input

from fakehf import SAMPLES_DIR
from helpers import main_screen, notifications, settle
from papertui.core.context_fetch import fetch_context
from papertui.core.models import View
from papertui.core.parse import parse_items
from papertui.core.repair import open_store
from papertui.screens.reader import ReaderScreen

PAPER = "2606.13681"


async def store_with_context(paths, hf_server) -> None:
    store = open_store(paths.data_dir).store
    body = (SAMPLES_DIR / "daily_papers_2026-06-12_latest_limit30.raw.json").read_bytes()
    store.save_papers(parse_items(json.loads(body)), View("latest"))
    await fetch_context(store, [PAPER], base_url=hf_server.url,
                        client_options={"backoff_base": 0.01, "max_retries": 1})
    store.close()


async def open_paper(app, pilot):
    screen = main_screen(app)
    screen.paper_list.cursor = screen.paper_list.keys.index(screen.store.get(PAPER).rowid)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_context_and_reader_keys_follow_the_config(paths, app_for, hf_server):
    await store_with_context(paths, hf_server)
    app = app_for(paths, config='[keys]\ncontext_next_tab = "ctrl+l"\n'
                                'context_read = "R,ctrl+t"\nreader_find = "ctrl+f"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # R is mark_all_read's only key: it keeps it; ctrl+t is free and applies.
        [message] = notifications(app)
        assert "line 3" in message and "mark_all_read" in message and "context_read" in message
        screen = await open_paper(app, pilot)
        assert screen.context.tabs.active == "overview"
        await pilot.press("greater_than_sign")  # the default key no longer moves the tabs
        assert screen.context.tabs.active == "overview"
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert screen.context.tabs.active == "discussion"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input) and app.focused.id == "reader-find"
        help_rows = {action: keys for _, rows in app.help_sections()
                     for keys, _, action in rows}
        assert help_rows["reader_find"] == "^f" and help_rows["context_read"] == "^t"
        assert help_rows["context_next_tab"] == "^l"


async def test_a_reader_key_may_reuse_a_main_screen_key_but_not_the_apps(
        paths, app_for, hf_server):
    await store_with_context(paths, hf_server)
    # B lists bookmarked papers on the main screen, which the reader does not show: no conflict there.
    # q quits everywhere: the reader's Back cannot have it.
    app = app_for(paths, config='[keys]\nreader_contents = "B"\nreader_back = "q"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [message] = notifications(app)
        assert "line 3" in message and "'q'" in message and "quit" in message \
            and "reader_back" in message and "line 2" not in message
        await open_paper(app, pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("B")
        assert app.focused is not None and app.focused.id == "reader-toc"
        await pilot.press("escape")  # Back kept its own key
        await settle(pilot)
        assert not isinstance(app.screen, ReaderScreen)
