"""What the list covers: a search says its scope and can widen it; [ and ] step from the day
on screen; an empty list says why it is empty."""

from __future__ import annotations

import datetime as dt

from helpers import list_rows, main_screen, selected_id, settle, status_count, status_text
from papertui.core.models import Paper, View
from papertui.core.repair import open_store


def body_text(app) -> str:
    return " ".join(row.strip() for row in list_rows(app) if row.strip())


async def test_a_search_says_its_scope_and_ctrl_g_searches_everything(cached_paths, app_for):
    app = app_for(cached_paths, config='start_view = "today"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        # Paper 40 is on Fri 08 May, not today (Tue 12 May).
        await pilot.press("slash", *'"number 40"')
        await settle(pilot)
        assert screen.paper_list.row_count == 0
        text = body_text(app)
        assert "No paper of Tue 12 May 2026 matches" in text
        assert "ctrl+g searches every cached paper (1 match)" in text
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.listing.period == "all" and screen.paper_list.row_count == 1
        assert selected_id(app) == "2605.10040"


async def test_few_matches_in_the_period_offer_to_search_everything(cached_paths, app_for):
    app = app_for(cached_paths, config='start_view = "today"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"robotics")
        await settle(pilot)
        assert 0 < main_screen(app).paper_list.row_count < 5
        assert "ctrl+g searches every cached paper" in status_text(app)


async def test_an_empty_list_says_the_true_reason(cached_paths, app_for):
    store = open_store(cached_paths.data_dir).store
    store.save_papers([], View.day("2026-05-09"))  # a Saturday, fetched: nothing listed
    store.close()
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.show_listing(screen.listing.on_day("2026-05-09"))
        await settle(pilot)
        assert "Hugging Face lists no papers for Sat 09 May 2026 (fetched" in body_text(app)
        screen.show_listing(screen.listing.on_day("2026-05-06"))
        await settle(pilot)
        assert "Wed 06 May 2026 is not cached, and papertui is offline" in body_text(app)
        screen.show_listing(screen.listing.on_day("2026-05-12").filtered(min_upvotes=1000))
        await settle(pilot)
        assert "None of the 12 papers of Tue 12 May 2026 match these filters" in body_text(app)
        await pilot.press("slash", *"zzzzqqq")
        await settle(pilot)
        assert body_text(app).startswith('No cached paper matches "zzzzqqq" (of 48 papers)')
        await pilot.press("escape", "0", "exclamation_mark")  # watched only, with no watch
        await settle(pilot)
        assert body_text(app).startswith("You watch nothing yet: W on a paper watches")


async def test_brackets_step_from_the_day_of_the_batch_on_screen(paths, app_for):
    # The latest batch is from Fri 08 May; Mon 11 May is cached too (fetched by day).
    store = open_store(paths.data_dir).store
    friday = [Paper(id=f"2605.0000{n}", title=f"Friday {n}", day="2026-05-08") for n in (1, 2)]
    monday = [Paper(id="2605.00003", title="Monday 3", day="2026-05-11")]
    store.save_papers(friday, View("latest"))
    store.save_papers(monday, View.day("2026-05-11"))
    store.close()
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.listing.labels()["day"] == "Day: Fri 08 May"
        await pilot.press("right_square_bracket")  # the next cached day, not Sat 09 May
        await settle(pilot)
        assert screen.sub_title == "Mon 11 May 2026"
        assert "Monday 3" in body_text(app)


async def test_after_a_remote_search_the_day_label_is_the_day_it_lists(
        cached_paths, app_for, hf_server):
    app = app_for(cached_paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", *"scaling", "ctrl+r")
        for _ in range(100):
            await pilot.pause(0.05)
            if not screen.fetching:
                break
        await settle(pilot)
        label = screen.listing.labels()["day"]
        screen.choose_period("day")
        await settle(pilot)
        day = screen.listing.day
        assert label == f"Day: {day.strftime('%a %d %b')}"
        assert screen.sub_title == View.day(day).label
        assert day <= dt.date(2026, 5, 12)


async def test_the_status_line_counts_papers_kept_while_read_ones_are_hidden(running_app):
    app, pilot = running_app
    await pilot.press("h", "r", "j", "r")
    await settle(pilot)
    assert status_count(app).endswith("· 2 read kept")


async def test_the_last_view_sort_and_hide_read_are_remembered(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket", "s", "h", "slash", *"agents", "enter")
        await settle(pilot)
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = main_screen(app).listing
        assert main_screen(app).sub_title == "Mon 11 May 2026 · unread"
        assert listing.sort == "date" and listing.query == ""  # the search is not kept
    app = app_for(cached_paths, config="remember_view = false\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert main_screen(app).sub_title == "latest"
        assert main_screen(app).listing.sort == "upvotes"


async def test_a_damaged_memory_of_the_last_view_is_ignored(cached_paths, app_for):
    (cached_paths.data_dir / "last-view.json").write_text('{"period": "[bold]x", "sort": 3,'
                                                          ' "day": "yesterday"', "utf-8")
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert main_screen(app).sub_title == "latest"
    (cached_paths.data_dir / "last-view.json").write_text(
        '{"period": "day", "day": "2099-01-01", "sort": "evil", "unread": "yes"}', "utf-8")
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.listing.period == "day" and screen.listing.day <= screen.listing.today
        assert screen.listing.sort == "upvotes" and not screen.listing.unread


async def test_opening_a_paper_marks_it_read_when_configured(cached_paths, app_for, browser):
    app = app_for(cached_paths, config="mark_read_on_open = true\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("c")  # the code is not the paper
        await settle(pilot)
        assert not screen.selected.state.read
        await pilot.press("p")
        await settle(pilot)
        assert screen.selected.state.read and browser[-1].startswith("https://arxiv.org/pdf/")
