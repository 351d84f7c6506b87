"""The [keys] table of the config file, as the running app reads it."""

from __future__ import annotations

import pytest

from helpers import list_rows, main_screen, notifications, settle


async def test_an_unknown_action_in_keys_names_its_line(cached_paths, app_for):
    app = app_for(cached_paths, config='theme = "nord"\n[keys]\nno_such_action = "z"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("no_such_action" in m and "line 3" in m for m in notifications(app)), \
            notifications(app)


# A key name Textual does not know would leave the action with no working key: say so.
BAD_KEYS = ["ctrl+bananas", "bookmark me", "f99"]  # ctrl+banana is real: 🍌


async def test_an_unknown_key_name_in_keys_is_reported_with_its_line(cached_paths, app_for):
    actions = ["toggle_bookmark", "toggle_read", "cursor_down"]
    app = app_for(cached_paths, config="[keys]\n" + "".join(
        f'{action} = "{key}"\n' for action, key in zip(actions, BAD_KEYS)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = [line for message in notifications(app) for line in message.splitlines()]
        for number, key in enumerate(BAD_KEYS, start=2):
            assert any(key in line and f"line {number}" in line for line in lines), lines


async def test_good_keys_apply_beside_bad_ones(cached_paths, app_for):
    app = app_for(cached_paths, config='[keys]\ntoggle_bookmark = "z,f99"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert main_screen(app).selected.state.bookmarked
        assert "★" in list_rows(app)[0]


# -- two actions given one key ---------------------------------------------------------------

FIRST = "2605.10011"  # the top paper of the fixture's latest batch
PDF = f"https://arxiv.org/pdf/{FIRST}"


def bookmarked(paths, paper_id: str = FIRST) -> bool:
    from papertui.core.store import STORE_FILENAME, Store

    store = Store(paths.data_dir / STORE_FILENAME)
    try:
        return store.get(paper_id).state.bookmarked
    finally:
        store.close()


async def test_one_key_for_two_actions_is_reported_and_the_first_line_keeps_it(
        cached_paths, app_for, browser):
    app = app_for(cached_paths, config='[keys]\ntoggle_bookmark = "z"\nopen_pdf = "z"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        message = next((m for m in notifications(app) if "'z'" in m), "")
        assert str(cached_paths.config_file) in message and "lines 2 and 3" in message
        assert "toggle_bookmark" in message and "open_pdf" in message, message
        await pilot.press("z")
        await settle(pilot)
        assert bookmarked(cached_paths)  # the first line keeps z...
        assert browser == []
        await pilot.press("p")
        await settle(pilot)
        assert browser == [PDF]  # ...and the PDF keeps its own key rather than none


async def test_taking_another_actions_only_key_is_refused_and_said(
        cached_paths, app_for, browser):
    app = app_for(cached_paths, config='[keys]\nopen_pdf = "b"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        message = next((m for m in notifications(app) if "'b'" in m), "")
        assert "line 2" in message and "toggle_bookmark" in message and "open_pdf" in message
        await pilot.press("b")
        await settle(pilot)
        assert bookmarked(cached_paths) and browser == []
        await pilot.press("p")
        await settle(pilot)
        assert browser == [PDF]


async def test_a_key_taken_from_an_action_with_two_is_moved_and_said(
        cached_paths, app_for, browser):
    app = app_for(cached_paths, config='[keys]\nopen_pdf = "j"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        message = next((m for m in notifications(app) if "'j'" in m), "")
        assert "line 2" in message and "cursor_down" in message and "open_pdf" in message
        await pilot.press("j")
        await settle(pilot)
        assert browser == [PDF]
        await pilot.press("down")
        await settle(pilot)
        assert main_screen(app).paper_list.cursor == 1  # down still moves


async def test_swapping_two_keys_is_no_conflict(cached_paths, app_for, browser):
    app = app_for(cached_paths, config='[keys]\ntoggle_bookmark = "p"\nopen_pdf = "b"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not any("[keys]" in m or "line" in m for m in notifications(app)), \
            notifications(app)
        await pilot.press("p")
        await settle(pilot)
        assert bookmarked(cached_paths) and browser == []
        await pilot.press("b")
        await settle(pilot)
        assert browser == [PDF]
