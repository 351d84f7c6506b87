"""SVG snapshots of the main screens at two terminal sizes, from the fixture store.

Update after an intended change of look with `pytest tests/app --snapshot-update`, and look
at the SVGs before committing them.
"""

from __future__ import annotations

import pytest

from helpers import settle


@pytest.fixture
def app(cached_paths, app_for):
    return app_for(cached_paths, offline=True)


async def _settled(pilot) -> None:
    await rest(pilot)


async def rest(pilot) -> None:
    """Settle, and let the cursor rest long enough for the related papers to be shown, so
    every snapshot has them, whatever the machine's speed."""
    await settle(pilot)
    await pilot.pause(0.3)
    await settle(pilot)


def test_main_wide(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settled)


def test_main_narrow(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_main_120x36(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 36), run_before=_settled)


def test_main_200x50_with_the_filter_pane(app, snap_compare):
    assert snap_compare(app, terminal_size=(200, 50), run_before=_settled)


def test_reading_full_screen_at_120x36(app, snap_compare):
    async def read(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await rest(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=read)


def test_detail_narrow_full_screen(app, snap_compare):
    async def open_detail(pilot):
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await rest(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_detail)


def test_filters_in_use(app, snap_compare):
    async def filter_papers(pilot):
        await settle(pilot)
        await pilot.press("b", "j", "b")  # two bookmarks
        await pilot.press("slash", *"scaling")  # shows the filter pane
        await settle(pilot)
        await pilot.press("tab")
        await rest(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=filter_papers)


def test_help(app, snap_compare):
    async def open_help(pilot):
        await rest(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_help)


def test_help_narrow(app, snap_compare):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)
