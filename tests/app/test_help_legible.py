"""The help screen and the key bar at the smallest common terminal, 80x24: nothing run
together, nothing cut, the keys to quit, get help and open the palette always shown; and
`?` explains the marks the paper list draws."""

from __future__ import annotations

from helpers import list_rows, settle
from papertui.screens.help import HelpScreen


def screen_lines(app) -> list[str]:
    """The terminal's lines as drawn now."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def inside_dialog(line: str) -> str:
    """A screen line's text between the dialog's borders, without the scrollbar."""
    parts = line.split("█")
    return parts[1].rstrip(" ▁▂▃▄▅▆▇") if len(parts) >= 3 else ""


async def help_lines_scrolled(app, pilot) -> list[str]:
    """Every line inside the help dialog as it is scrolled from top to bottom."""
    scroll = app.screen.query_one("#help-keys")
    seen: list[str] = []
    y = 0
    while True:
        scroll.scroll_to(y=y, animate=False, immediate=True)
        await pilot.pause()
        seen += [inside_dialog(line) for line in screen_lines(app)]
        if y >= scroll.max_scroll_y:
            return seen
        y += max(1, scroll.scrollable_content_region.height - 1)


async def test_help_explains_every_mark_in_the_list(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        drawn = "".join(list_rows(app))
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        for glyph, meaning in (("●", "Unread"), ("★", "Bookmarked"), ("▲", "Upvotes"),
                               ("</>", "GitHub"), ("✉", "Comments")):
            assert glyph in drawn  # the list really draws it...
            line = next((line for line in text.splitlines() if glyph in line), "")
            assert meaning in line, (glyph, text)  # ...and `?` says what it means


async def test_help_at_80x24_keeps_descriptions_apart_from_action_names(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = await help_lines_scrolled(app, pilot)
        names = {name for _, rows in app.help_sections() for *_, name in rows}
        for _, rows in app.help_sections():
            for keys, description, name in rows:
                first_word = description.split()[0]
                # The action name stands on its description's own line, after a gap...
                assert any(line.endswith("  " + name) and first_word in line
                           for line in lines), (name, description)
        for line in lines:
            words = line.split()
            # ...and never wraps onto a line of its own, under the keys column.
            assert not (words and words[0] in names), line
        # The remap hint is whole.
        flat = " ".join(" ".join(inside_dialog(line).split()) for line in screen_lines(app))
        assert 'Remap keys in the config file\'s [keys] table, e.g. toggle_bookmark = ' \
               '"b,ctrl+b". esc closes.' in flat


async def test_key_bar_at_80_columns_keeps_quit_help_and_the_palette(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = screen_lines(app)[-1]
        for shown in ("q Quit", "? Help", "^p palette", "/ Search"):
            assert shown in bar, bar
        assert len(bar.rstrip()) <= 80
