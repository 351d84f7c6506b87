"""Every colour the paper list draws is legible in every built-in theme: WCAG contrast of at
least 4.5:1 between each styled segment's text and its background."""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.segment import Segment

from helpers import main_screen, settle

MINIMUM = 4.5


def luminance(color: RichColor, foreground: bool) -> float:
    """WCAG 2 relative luminance, computed here rather than borrowed from the app. The ANSI
    themes' colours are the terminal's own: they are measured in Rich's standard palette."""
    red, green, blue = color.get_truecolor(foreground=foreground)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def ratio(foreground: RichColor, background: RichColor) -> float:
    lighter, darker = sorted((luminance(foreground, True), luminance(background, False)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def illegible(segments: list[Segment], where: str) -> list[str]:
    found = []
    for segment in segments:
        if not segment.text.strip() or segment.style is None:
            continue
        style = segment.style
        assert style.color is not None and style.bgcolor is not None, (where, segment)
        value = ratio(style.color, style.bgcolor)
        if value < MINIMUM:
            found.append(f"{where}: {segment.text.strip()!r} {style.color.get_truecolor()} on "
                         f"{style.bgcolor.get_truecolor()} is {value:.2f}:1")
    return found


async def test_every_list_colour_is_legible_in_every_theme(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        # Rows of every kind: read, bookmarked, with code and stars, with comments.
        await pilot.press("r", "j", "b", "j", "r", "b", "j")
        await settle(pilot)
        screen = main_screen(app)
        paper_list, search_box = screen.paper_list, screen.filters.search_box
        problems: list[str] = []
        assert len(app.available_themes) > 10
        # One theme switch per theme (a switch restyles every widget): in each, the rows
        # with the list focused and blurred, then the empty list's message.
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            for focused in (True, False):
                if focused:
                    paper_list.focus()
                else:
                    search_box.focus()
                await pilot.pause()
                state = "focused" if focused else "blurred"
                rows = [paper_list.render_line(y) for y in range(8)]
                text = "".join(row.text for row in rows)
                assert all(glyph in text for glyph in ("●", "★", "▲", "</>", "✉")), text
                for y, row in enumerate(rows):
                    kind = "cursor row" if y == paper_list.cursor else f"row {y}"
                    problems += illegible(list(row), f"{theme}, {state}, {kind}")
            search_box.value = "zqxjzqxj"
            await settle(pilot)
            assert paper_list.row_count == 0
            lines = [paper_list.render_line(y) for y in range(1, 3)]
            assert "zqxjzqxj" in "".join(line.text for line in lines) or lines[0].text.strip()
            for line in lines:
                problems += illegible(list(line), f"{theme}, empty message")
            search_box.value = ""
            await settle(pilot)
        assert not problems, "\n".join(problems)
