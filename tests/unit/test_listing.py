"""The listing: what the main list shows, how it steps, and what the filter pane says about
it. Plain values, no store and no Textual."""

from __future__ import annotations

import datetime as dt

from papertui.core.listing import PERIODS, Listing
from papertui.core.models import View

TODAY = dt.date(2026, 5, 12)  # a Tuesday


def start(**options: object) -> Listing:
    return Listing.start(today=TODAY, **options)  # type: ignore[arg-type]


def test_the_start_view_comes_from_the_config():
    assert start().spec.view == View("latest")
    assert start(start_view="today").spec.view == View.day(TODAY)
    assert start(start_view="all").spec.view is None
    assert start(sort="date").spec.sort == "date"
    assert start(sort="relevance").spec.sort == "upvotes"  # relevance needs a search


def test_labels_counts_and_choices_are_one_view():
    listing = start().anchored("2026-05-08")  # the latest batch is Friday's
    labels = listing.labels()
    assert labels["day"] == "Day: Fri 08 May"
    assert labels["week"] == "Week: 2026-W19" and labels["month"] == "Month: May 2026"
    choices = listing.count_choices()
    for period in ("day", "week", "month"):
        assert choices[period].view == listing.choose(period).spec.view
    assert listing.choose("day").spec.view == View.day("2026-05-08")


def test_anchoring_follows_what_is_listed_but_not_a_chosen_day():
    assert start().anchored("2026-05-08").day == dt.date(2026, 5, 8)
    assert start().anchored("2026-06-30").day == TODAY  # never after today
    assert start().anchored("").day == TODAY
    day = start().on_day("2026-05-07")
    assert day.anchored("2026-05-08") == day


def test_days_step_to_the_cached_day_or_the_calendar_day_and_not_past_today():
    friday = start().on_day("2026-05-08")
    assert friday.stepped(-1, "2026-05-07").spec.view == View.day("2026-05-07")
    assert friday.stepped(1, None).spec.view == View.day("2026-05-09")
    assert start().stepped(1, None) is None
    week = start().choose("week")
    assert week.stepped(-1, "2026-05-11").period == "day"


def test_a_search_lists_its_matches_and_clearing_brings_the_list_back():
    listing = start(start_view="all").searched("diffusion")
    assert listing.spec.query == "diffusion" and listing.spec.sort == "upvotes"
    ranked = listing.ranked()
    assert ranked.spec.sort == "relevance" and ranked.ranked_by_relevance
    assert ranked.searched("diffusion models").spec.sort == "upvotes"  # typing on re-sorts
    assert ranked.searched("").spec == start(start_view="all").spec
    assert start().ranked().spec.sort == "upvotes"  # nothing to rank


def test_a_remote_search_is_listed_like_a_period_until_a_local_search():
    remote = start().searched_remotely("speculative decoding")
    assert remote.spec.view == View("search", "speculative decoding")
    assert remote.spec.query == ""
    assert "search" not in PERIODS  # listed, but not one of the pane's choices
    local = remote.searched("draft")
    assert local.period == "all" and local.spec.view is None


def test_papers_read_while_read_papers_are_hidden_stay_until_the_list_changes():
    shown = start().read(["2605.00001"])
    assert shown.spec.keep == frozenset()  # not hiding: nothing to keep
    hidden = start().filtered(unread=True).read(["2605.00001"]).read(["2605.00002"])
    assert hidden.spec.keep == {"2605.00001", "2605.00002"}
    assert hidden.kept == {"2605.00001", "2605.00002"}
    assert hidden.searched("x").spec.keep == frozenset()
    assert hidden.choose("day").spec.keep == frozenset()
    assert hidden.filtered(has_code=True).spec.keep == frozenset()
    assert hidden.refreshed().spec.keep == frozenset()
    assert hidden.filtered(unread=True) == hidden  # no change, nothing dropped


def test_the_counts_cover_every_period_and_toggle_with_the_other_filters_kept():
    listing = start().filtered(has_code=True, min_upvotes=5).searched("agents")
    choices = listing.count_choices()
    assert set(choices) == {*PERIODS, "unread", "bookmarked", "has_code", "has_models",
                            "watched"}
    assert all(spec.query == "agents" and spec.min_upvotes == 5 for spec in choices.values())
    assert choices["unread"].unread and not listing.spec.unread
    assert choices["all"].view is None


def test_the_title_names_the_view_and_the_filters_on():
    assert start().title == "latest"
    assert start(start_view="all").filtered(unread=True, has_code=True).title == \
        "everything cached · unread · with code"
    assert start().on_day("2026-05-08").title == "Fri 08 May 2026"


def test_new_watched_papers_are_a_listing_of_their_own():
    new = start().searched("x").new_watched(41, "Tue 12 May")
    spec = new.spec
    assert spec.watched and spec.arrived_after == 41 and spec.view is None
    assert spec.query == "" and new.title == "new watched papers since Tue 12 May"
    assert new.choose("latest").spec.arrived_after == 0  # another period: all arrivals
    assert not new.choose("latest").spec.watched


def test_has_models_is_a_toggle_with_its_count_title_and_reset():
    listing = start(start_view="all").filtered(has_models=True)
    assert listing.spec.has_models and not start().spec.has_models
    assert listing.title == "everything cached · with models"
    assert listing.count_choices()["has_models"].has_models
    assert listing.count_choices()["has_code"].has_models  # the other filters kept
    assert not listing.unfiltered().has_models
