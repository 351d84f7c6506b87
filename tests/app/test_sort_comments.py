"""Sorting by comments, chosen in the config file (the filter pane's Select offers it too)."""

from __future__ import annotations

import pytest

from helpers import main_screen, settle, status_count
from papertui.core.query import FilterSpec
from papertui.core.store import STORE_FILENAME, Store


# The filter pane's Select resets any sort it does not offer; filter_pane.py gains "comments"
# in SORTS and SORT_NAMES with the lead's change. Strict: remove this mark with that line.
async def test_the_list_can_start_sorted_by_comments(cached_paths, app_for):
    app = app_for(cached_paths, config='sort = "comments"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "by comments" in status_count(app)
        paper_list = main_screen(app).paper_list
        shown = [paper_list.paper_at(i) for i in range(paper_list.row_count)]
        counts = [(p.paper.comments, p.paper.upvotes) for p in shown]
        assert counts == sorted(counts, reverse=True) and counts[0][0] > counts[-1][0]
        store = Store(cached_paths.data_dir / STORE_FILENAME)
        try:
            assert len(shown) == store.count(main_screen(app).listing.spec)
        finally:
            store.close()
