"""Start-up and refresh against a real HTTP server playing Hugging Face, and every kind of
fault it can meet: a clear message, the cache still on screen, the keys still working."""

from __future__ import annotations

import re
import time

from fakehf import Reply, make_item
from helpers import (list_rows, main_screen, notifications, selected_id, settle, since,
                     status_text, wait_for_fetch)
from hostile import UNSAFE
from papertui.core.fetch import ClientOptions
from papertui.core.models import View
from papertui.core.query import FilterSpec

LATEST = "/api/daily_papers"


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


# --- faults: the app stays usable ---------------------------------------------------------


API = "/api/daily_papers"


# One fault of each kind a user can tell apart: the service in trouble, the service asking to
# wait, an answer that breaks off, one that never ends, and one of the wrong kind. The whole
# table of faults is in tests/unit/test_fetch.py, through fetch_views.
FAULTS = {
    "429 with a long Retry-After": (Reply(429, headers={"Retry-After": "7200"}),
                                    r"asks to wait about 120 min"),
    "503": (Reply(503), r"having trouble \(HTTP 503\)"),
    "truncated body": (Reply(body=[make_item("2606.00001")] * 20, truncate_to=50),
                       r"broke off before the answer"),
    "stalled body": (Reply(body=[make_item("2606.00001")] * 50, stall=True),
                     r"timed out after"),
    "HTML instead of JSON": (Reply(body="<html><body>Down</body></html>"),
                             r"web page instead of data"),
}


# The app passes these to every client it makes: small, so that faults end fast.
SMALL_TIMEOUTS: ClientOptions = {
    "connect_timeout": 0.5, "read_timeout": 0.3, "deadline": 0.4, "max_retries": 1,
    "backoff_base": 0.01, "backoff_cap": 0.05, "max_body_bytes": 1_000_000}


def snapshot(store) -> tuple:
    return ([p.to_json() for p in store.select(FilterSpec(sort="date"))], store.user_states(),
            store.fetch_log(View("latest")), store.last_fetch())


async def test_a_refresh_against_a_faulty_service_keeps_the_app_usable(
        cached_paths, app_for, hf_server):
    # One app meets every fault in turn, as a reader pressing f through a bad morning would.
    hf_server.add(API, Reply(404, {"error": "not yet"}))
    app = app_for(cached_paths, offline=False, base_url=hf_server.url,
                  client_options=SMALL_TIMEOUTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot)  # the start-up refresh, answered with a 404
        screen = main_screen(app)
        store = screen.store
        for name, (reply, message) in FAULTS.items():
            rows = list_rows(app)
            assert len([row for row in rows if row.strip()]) == 12
            before = snapshot(store)
            seen = {n.identity for n in app._notifications}
            hf_server.add(API, reply)
            hf_server.add("/papers", Reply(body="<html><body>Down</body></html>"))  # fallback
            started = time.monotonic()
            await pilot.press("f", "j")  # keys work while the fetch is under way
            assert screen.paper_list.cursor == 1, name
            await wait_for_fetch(pilot)
            assert time.monotonic() - started < 4.0, name
            assert status_text(app) == "offline - showing cache from Tue 12 May", name
            new = [n for n in since(app, seen) if n.title == "Could not refresh"]
            assert len(new) == 1 and re.search(message, new[0].message), (name, new)
            assert not UNSAFE.search(new[0].message) and new[0].message.endswith("."), name
            assert list_rows(app) == rows, name  # the cached papers, still listed
            assert snapshot(store) == before, name
            await pilot.press("k")
            marked = store.get(selected_id(app)).state.bookmarked
            await pilot.press("b")  # and the store still takes the user's changes
            assert store.get(selected_id(app)).state.bookmarked is not marked, name
        assert app.is_running


async def test_a_refresh_with_the_connection_refused_keeps_the_app_usable(
        cached_paths, app_for):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = app_for(cached_paths, offline=False, base_url=f"http://127.0.0.1:{port}",
                  client_options=SMALL_TIMEOUTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_fetch(pilot)
        before = snapshot(main_screen(app).store)
        await pilot.press("f")
        await wait_for_fetch(pilot)
        assert any("connection refused" in m and "--offline" in m for m in notifications(app))
        assert status_text(app) == "offline - showing cache from Tue 12 May"
        assert snapshot(main_screen(app).store) == before
        await pilot.press("j")
        assert main_screen(app).paper_list.cursor == 1


# --- refresh and search -------------------------------------------------------------------


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
        await pilot.press("f2")  # the filter pane, hidden at this width
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
