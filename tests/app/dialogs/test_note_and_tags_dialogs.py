"""The note and tags dialogs, which quote the selected paper's title."""

from __future__ import annotations

import pytest

from helpers import settle
from hostile import ATTACK
from papertui.core.models import Paper, View
from papertui.core.repair import open_store
from papertui.screens.dialogs import NoteEditor, TagsEditor


# The dialogs quote the stored title: text that bypassed the cleaners is cleaned there too.
@pytest.mark.parametrize("key, dialog", [("n", NoteEditor), ("t", TagsEditor)])
async def test_dialogs_never_draw_control_characters(paths, app_for, key, dialog):
    store = open_store(paths.data_dir).store
    store.save_papers([Paper(id="2605.99999", title=f"Raw {ATTACK} title", day="2026-05-12")],
                      View("latest"))
    store.close()
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, dialog)
        label = app.screen.query("Label").first()
        assert "\x1b" not in str(label.render()) and "PWNED" not in str(label.render())
