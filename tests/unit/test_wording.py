"""Numbers and dates as every part of papertui writes them (core/wording.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from papertui.core.wording import (
    long_date, long_month, plural, short_count, short_date, short_day, short_month,
)


@pytest.mark.parametrize("count, word, expected", [
    (0, "paper", "0 papers"),
    (1, "paper", "1 paper"),
    (2, "paper", "2 papers"),
    (2001, "paper", "2,001 papers"),
    (1, "new paper", "1 new paper"),
    (5, "read mark", "5 read marks"),
])
def test_plural_says_one_thing_or_many(count, word, expected):
    assert plural(count, word) == expected


@pytest.mark.parametrize("value, expected", [
    (12, "12"), (980, "980"), (1234, "1.2k"), (15_300, "15k"), (1_100_000, "1.1M"),
])
def test_short_count_fits_five_cells(value, expected):
    assert short_count(value) == expected
    assert len(short_count(value)) <= 5


def test_short_day_lines_up_in_the_list_column():
    assert short_day("2026-05-12") == "12 May"
    assert short_day("2026-12-02") == " 2 Dec"
    # Whatever a store holds, the column keeps its width and nothing raises.
    assert short_day("") == ""
    assert short_day("not a date at all") == "not a "
    assert short_day("2026-13-40") == "2026-1"


@pytest.mark.parametrize("value", ["2026-05-12", "2026-05-12T09:30:00Z", dt.date(2026, 5, 12)])
def test_dates_read_a_day_an_iso_time_or_a_date(value):
    assert short_date(value) == "Tue 12 May"
    assert long_date(value) == "Tue 12 May 2026"


def test_months():
    assert short_month("2026-06") == "Jun 2026"
    assert long_month("2026-06") == "June 2026"
    assert short_month(dt.date(2026, 6, 30)) == "Jun 2026"


@pytest.mark.parametrize("formatter", [short_date, long_date, short_month, long_month])
def test_unreadable_dates_are_shown_as_they_are(formatter):
    assert formatter("someday") == "someday"
    assert formatter("") == ""
