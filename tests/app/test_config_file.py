"""The config file as the running app reads it: the theme (and saving it back), and broken
files reported by line, defaults used, the file left as written. The [keys] table is in
test_config_keys.py."""

from __future__ import annotations

import re

import pytest

from helpers import main_screen, notifications, selected_id, settle
from papertui.core.config import Config


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


# --- broken files: reported by line, defaults used, the file left as written --------------


BROKEN_CONFIGS = {
    "not TOML": ('theme = "nord"\nsort = [\n', [r"line 2: not valid TOML"]),
    "unterminated string": ('# mine\ntheme = "nord\n', [r"line 2: not valid TOML"]),
    "not UTF-8": (b'theme = "\xff\xfe"\n', [r"cannot be read"]),
    "wrong types and unknown keys": (
        '# my settings\ntheme = 3\nsort = "random"\ncolour = "red"\n'
        'refresh_after_minutes = -4\n[keys]\nquit = 5\n[plugins]\nx = 1\n',
        [r"line 2: theme must be text", r"line 3: sort must be one of",
         r"line 4: unknown setting 'colour'", r"line 5: refresh_after_minutes cannot be negative",
         r"line 7: keys.quit must be text", r"line 8: unknown section \[plugins\]"]),
}


@pytest.mark.parametrize("text, messages", BROKEN_CONFIGS.values(), ids=BROKEN_CONFIGS.keys())
async def test_a_broken_config_is_reported_by_line_and_never_rewritten(
        cached_paths, app_for, text, messages):
    data = text if isinstance(text, bytes) else text.encode()
    cached_paths.config_file.write_bytes(data)
    readable = "line 2: theme must be text" in messages[0]
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = notifications(app)
        for message in messages:
            assert any(re.search(message, m) and str(cached_paths.config_file) in m
                       for m in shown), (message, shown)
        assert app.theme == Config().theme and main_screen(app).listing.sort == "upvotes"
        assert selected_id(app) is not None  # the app started and shows the cache
        await pilot.press("j", "b")
        assert app.is_running
        if not readable:
            # Changing the theme saves it to the file: one papertui cannot read is kept.
            app.theme = "nord"
            await pilot.pause()
            await settle(pilot)
            assert any(m.startswith(f"Could not save the theme to {cached_paths.config_file}")
                       for m in notifications(app))
    assert cached_paths.config_file.read_bytes() == data
    assert [p.name for p in cached_paths.config_file.parent.iterdir()
            if p.name.startswith(".config.toml")] == []


async def test_unknown_actions_in_keys_are_reported_and_the_rest_applied(cached_paths, app_for):
    text = '[keys]\nno_such_action = "i"\ntoggle_bookmark = "z"\n'
    app = app_for(cached_paths, config=text)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("unknown action" in m and "no_such_action" in m for m in notifications(app))
        first = selected_id(app)
        await pilot.press("z")
        assert main_screen(app).store.get(first).state.bookmarked
        await pilot.press("i")
        assert app.is_running
    assert cached_paths.config_file.read_text() == text
