"""Start-up and refresh against a real HTTP server playing Hugging Face."""

from __future__ import annotations


from fakehf import Reply, make_item
from helpers import list_rows, main_screen, notifications, selected_id, settle, status_text

LATEST = "/api/daily_papers"


async def wait_for_fetch(pilot, timeout: float = 10.0) -> None:
    """Wait until the refresh started at start-up (or by a key) has finished."""
    screen = main_screen(pilot.app)
    await pilot.pause()
    waited = 0.0
    while screen.fetching and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    await settle(pilot)


async def test_empty_store_online_fetches_the_latest_batch(paths, app_for, hf_server):
    items = [make_item(f"2606.{n:05d}", f"Fresh paper {n}", day="2026-05-12", upvotes=n)
             for n in range(1, 6)]
    hf_server.add(LATEST, Reply(200, items))
    app = app_for(paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot)
        rows = [row for row in list_rows(app) if row.strip()]
        assert len(rows) == 5
        assert "Fresh paper 5" in rows[0]
        assert status_text(app).startswith("5 new papers")
        assert hf_server.count(LATEST) >= 1


async def test_empty_store_with_a_failing_service_says_what_failed_and_how_to_retry(
        paths, app_for, hf_server):
    hf_server.add(LATEST, Reply(404, {"error": "gone"}))
    app = app_for(paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot, timeout=3)
        text = " ".join(list_rows(app))
        assert "Could not fetch the latest papers" in text
        assert "press f to retry" in text
        # The service comes back: f fetches.
        items = [make_item("2606.00001", "Back again", day="2026-05-12", upvotes=3)]
        hf_server.add(LATEST, Reply(200, items))
        await pilot.press("f")
        await wait_for_fetch(pilot)
        assert "Back again" in list_rows(app)[0]


async def test_cached_store_with_a_failing_service_keeps_showing_the_cache(
        cached_paths, app_for, hf_server):
    hf_server.add(LATEST, Reply(404, {"error": "gone"}))
    app = app_for(cached_paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        assert any(row.strip() for row in list_rows(app))  # painted before any answer
        await pilot.pause(0.5)
        await settle(pilot)
        assert status_text(app) == "offline - showing cache from Tue 12 May"
        assert len([row for row in list_rows(app) if row.strip()]) == 12
        assert any(n for n in notifications(app))


async def test_refresh_finishing_while_scrolling_keeps_the_cursor_on_the_same_paper(
        cached_paths, app_for, hf_server):
    # The refresh changes the order: the paper under the cursor moves to another row.
    items = [make_item(f"2605.{10000 + n:05d}", f"Scaling paper {n}", day="2026-05-12",
                       upvotes=1000 - 50 * n) for n in range(1, 13)]
    items += [make_item("2606.00001", "A new paper", day="2026-05-12", upvotes=5000)]
    hf_server.add(LATEST, Reply(200, items, delay=0.6))
    app = app_for(cached_paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert main_screen(app).fetching
        await pilot.press("j", "j", "j")
        chosen = selected_id(app)
        await wait_for_fetch(pilot)
        assert status_text(app).startswith("1 new paper")
        assert selected_id(app) == chosen
        cursor = main_screen(app).paper_list.cursor
        assert main_screen(app).paper_list.highlighted.paper.id == chosen
        assert "A new paper" in list_rows(app)[0]
        assert cursor != 3  # it moved with its paper


async def test_offline_never_touches_the_network(cached_paths, app_for, hf_server,
                                                 monkeypatch):
    import papertui.core.fetch as fetch

    async def boom(*args, **kwargs):
        raise AssertionError("fetch_views called while offline")

    monkeypatch.setattr(fetch, "fetch_views", boom)
    app = app_for(cached_paths, offline=True, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f", "left_square_bracket", "right_square_bracket")
        await settle(pilot)
        await pilot.press("slash", *"agents", "ctrl+r")
        await settle(pilot)
    assert hf_server.count(LATEST) == 0


async def test_remote_search_lists_what_the_service_found(cached_paths, app_for, hf_server):
    found = [make_item("2606.00042", "Remote [MoE] result", day="2026-05-01", upvotes=9)]
    hf_server.add("/api/papers/search", Reply(200, found))
    hf_server.add(LATEST, Reply(200, []))
    app = app_for(cached_paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot)
        await pilot.press("slash", *"moe", "ctrl+r")
        await wait_for_fetch(pilot)
        assert main_screen(app).sub_title.startswith('search "moe"')
        rows = [row for row in list_rows(app) if row.strip()]
        assert len(rows) == 1 and "Remote [MoE] result" in rows[0]


async def test_a_first_start_labels_the_days_of_the_batch_it_fetched(paths, app_for, hf_server):
    # The latest batch is from Fri 08 May, days before "today" (Tue 12 May): the period
    # labels, their counts and what choosing one lists must all be that batch's day.
    items = [make_item(f"2605.{n:05d}", f"Friday paper {n}", day="2026-05-08", upvotes=n)
             for n in range(1, 4)]
    hf_server.add(LATEST, Reply(200, items))
    app = app_for(paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot)
        screen = main_screen(app)
        await pilot.pause(0.3)  # the counts follow the list
        await settle(pilot)
        periods = [str(option.prompt) for option in
                   screen.filters.query_one("#period").options]
        assert "Day: Fri 08 May (3)" in periods
        assert "Week: 2026-W19 (3)" in periods and "Month: May 2026 (3)" in periods
        hf_server.add("/api/daily_papers", Reply(200, items), query={"date": "2026-05-08"})
        screen.choose_period("day")
        await wait_for_fetch(pilot)
        assert screen.sub_title.startswith("Fri 08 May 2026")
        assert "Friday paper 3" in list_rows(app)[0]
