"""Legible colours: WCAG contrast, and a theme's colour moved just far enough to pass it.

A theme's accent colours are chosen to look good as accents, not to be read as small text on
every background: textual-dark's $secondary on its background is under 2:1. The paper list
keeps each theme's hue where it can and moves it toward the text colour only as far as
WCAG's 4.5:1 for normal text needs.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color, ColorType
from rich.style import Style

MINIMUM_CONTRAST = 4.5  # WCAG 2 AA for normal text
_BLACK = Color.from_rgb(0, 0, 0)
_WHITE = Color.from_rgb(255, 255, 255)


def luminance(color: Color, *, foreground: bool = True) -> float:
    """WCAG 2 relative luminance. A terminal's own colours (ANSI, default) are taken from
    Rich's standard palette, the best guess available without asking the terminal."""
    red, green, blue = color.get_truecolor(foreground=foreground)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(text: Color, background: Color) -> float:
    """The WCAG contrast ratio of `text` on `background`, from 1 to 21."""
    lighter, darker = sorted((luminance(text), luminance(background, foreground=False)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _blend(start: Color, end: Color, amount: float) -> Color:
    a = start.get_truecolor()
    b = end.get_truecolor()
    return Color.from_rgb(*(round(x + (y - x) * amount) for x, y in zip(a, b)))


@lru_cache(maxsize=4096)
def legible_color(text: Color, background: Color, toward: Color) -> Color:
    """`text`, or the nearest colour to it that reads at MINIMUM_CONTRAST on `background`.

    A true colour is blended toward `toward` (the row's own text colour) in small steps,
    toward black or white instead when `toward` itself is too faint. A terminal colour (an
    ANSI theme's) stays a terminal colour, so the user's palette still decides: its bright or
    normal twin if that passes, else `toward`.
    """
    if contrast(text, background) >= MINIMUM_CONTRAST:
        return text
    if contrast(toward, background) < MINIMUM_CONTRAST:
        toward = max((_BLACK, _WHITE), key=lambda end: contrast(end, background))
    if text.type in (ColorType.STANDARD, ColorType.DEFAULT) or text.number is not None \
            and text.number < 16:
        if text.number is not None and text.number < 16:
            twin = Color.from_ansi(text.number ^ 8)
            if contrast(twin, background) >= MINIMUM_CONTRAST:
                return twin
        return toward
    for step in range(1, 21):
        moved = _blend(text, toward, step / 20)
        if contrast(moved, background) >= MINIMUM_CONTRAST:
            return moved
    return toward


@lru_cache(maxsize=4096)
def legible_style(style: Style, toward: Color) -> Style:
    """`style` with its colour made legible on its own background (see legible_color)."""
    if style.color is None or style.bgcolor is None:
        return style
    color = legible_color(style.color, style.bgcolor, toward)
    return style if color is style.color else style + Style(color=color)
