"""The search box finds the user's notes as well as the papers' own text."""

from __future__ import annotations

from helpers import list_rows, selected_id, settle, status_count
from papertui.core.store import STORE_FILENAME, Store


async def test_typing_a_word_of_a_note_lists_its_paper(cached_paths, app_for):
    store = Store(cached_paths.data_dir / STORE_FILENAME)
    store.set_note("2605.10005", "read this before the quokka workshop")
    store.close()
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"quokka")
        await settle(pilot)
        rows = [row for row in list_rows(app) if row.strip()]
        assert len(rows) == 1 and selected_id(app) == "2605.10005", rows
        assert status_count(app).startswith("1 of 1 ")
        await pilot.press("enter")  # every match ranked by relevance: still there
        await settle(pilot)
        rows = [row for row in list_rows(app) if row.strip()]
        assert len(rows) == 1 and selected_id(app) == "2605.10005", rows
