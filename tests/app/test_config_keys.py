"""The [keys] table of the config file, as the running app reads it."""

from __future__ import annotations

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
    app = app_for(cached_paths, config='[keys]\ntoggle_bookmark = "x,f99"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert main_screen(app).selected.state.bookmarked
        assert "★" in list_rows(app)[0]
