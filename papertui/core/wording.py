"""How numbers and dates are written for the user: one place for each shape, so the list,
the detail pane, the status line, the filter pane and the exports all say it the same way.

Dates are English whatever the locale (papertui never sets one), as on the service itself.
"""

from __future__ import annotations

import datetime as dt

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plural(count: int, word: str, many: str = "") -> str:
    """`count` and `word`, with an "s" unless there is exactly one: "1 paper", "2,001 papers",
    "1 new paper". `word` is the singular; its last word takes the "s", or `many` is the
    plural where an "s" will not do ("match", "matches")."""
    if count == 1:
        return f"1 {word}"
    return f"{count:,} {many or word + 's'}"


def short_count(value: int) -> str:
    """12, 980, 1.2k, 15k, 1.1M: a count that fits in five cells."""
    if value < 1000:
        return str(value)
    if value < 10_000:
        return f"{value / 1000:.1f}k"
    if value < 1_000_000:
        return f"{value // 1000}k"
    return f"{value / 1_000_000:.1f}M"


def short_day(day: str) -> str:
    """2026-05-12 -> "12 May" (the day right-aligned in two cells: " 2 May"), for a column
    of the list; anything unreadable is cut to the same width. Drawn for every row on
    screen, so it slices the text rather than parsing a date."""
    try:
        return f"{int(day[8:10]):2d} {MONTHS[int(day[5:7]) - 1]}"
    except (ValueError, IndexError):
        return day[:6]


def iso_day(value: str) -> str:
    """The day at the start of an ISO time ("2026-05-12T09:30:00Z" -> "2026-05-12"), for
    columns where dates line up; shorter text as it is."""
    return value[:10]


def short_date(value: dt.date | str) -> str:
    """A date, or the date at the start of an ISO time -> "Tue 12 May"; unreadable text is
    returned as it is."""
    return _format(value, "%a %d %b")


def long_date(value: dt.date | str) -> str:
    """A date, or the date at the start of an ISO time -> "Tue 12 May 2026"; unreadable text
    is returned as it is."""
    return _format(value, "%a %d %b %Y")


def short_month(value: dt.date | str) -> str:
    """The month of a date (or of YYYY-MM) -> "Jun 2026"; unreadable text as it is."""
    return _format(value, "%b %Y", month=True)


def long_month(value: dt.date | str) -> str:
    """The month of a date (or of YYYY-MM) -> "June 2026"; unreadable text as it is."""
    return _format(value, "%B %Y", month=True)


def _format(value: dt.date | str, pattern: str, *, month: bool = False) -> str:
    if isinstance(value, dt.date):
        return value.strftime(pattern)
    text = value[:10]
    if month and len(text) == 7:  # YYYY-MM
        text += "-01"
    try:
        return dt.date.fromisoformat(text).strftime(pattern)
    except ValueError:
        return value
