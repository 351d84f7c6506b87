"""Fetching views into the store: what is fetched again, what is kept, what a failure leaves."""

import datetime as dt
import json
import re
import socket
import time

import pytest

from fakehf import FakeHF, Reply, make_item
from hostile import assert_one_clear_sentence
from papertui.core.fetch import (
    describe_views,
    fetch_views,
    is_finished,
    last_days,
    needs_fetch,
    service_today,
)
from papertui.core.models import View
from papertui.core.query import FilterSpec

DAY = View.day("2026-05-08")
API = "/api/daily_papers"
# Short enough that every fault ends within a second or two (one retry, each try within the
# 0.8 s deadline).
FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "connect_timeout": 0.5,
        "read_timeout": 0.5, "deadline": 0.8, "max_retries": 1,
        "max_body_bytes": 1_000_000}
# A day of twenty papers, for the faults that cut an answer short.
BODY = json.dumps([make_item(f"2605.{n:05d}") for n in range(20)]).encode()


def snapshot(store) -> tuple:
    """Everything a user could see of the store."""
    return ([p.to_json() for p in store.select(FilterSpec(sort="date"))], store.user_states(),
            store.fetch_log(DAY), store.last_fetch())


async def test_a_day_is_fetched_and_saved(store, hf_server, samples_dir):
    views = [View.day("2026-05-08")]
    summary = await fetch_views(store, views, base_url=hf_server.url)
    assert summary.describe(views) == "fetched 37 papers (37 new) for Fri 08 May 2026"
    assert store.count(FilterSpec(view=views[0])) == 37
    assert store.fetch_log(views[0]).complete


async def test_a_finished_past_day_is_not_fetched_again_unless_forced(store, hf_server, samples_dir):
    views = [View.day("2026-05-08")]
    await fetch_views(store, views, base_url=hf_server.url)
    requests = len(hf_server.requests)
    again = await fetch_views(store, views, base_url=hf_server.url)
    assert len(hf_server.requests) == requests
    assert "already up to date" in again.describe(views)
    forced = await fetch_views(store, views, base_url=hf_server.url, force=True)
    assert len(hf_server.requests) > requests
    assert forced.describe(views) == "fetched 37 papers (0 new) for Fri 08 May 2026"


def test_current_views_refresh_by_age(store):
    # Fixed times, all on one New York day, so the test never straddles midnight there.
    now = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)  # 10:00 in New York
    today = View.day(service_today(now))
    store.save_papers([], today)
    store.save_papers([], View("latest"))
    with store.write() as tx:
        tx.execute("UPDATE fetch_log SET fetched_at = '2026-11-30T14:30:00Z'")
    assert not needs_fetch(store, today, refresh_after_minutes=60, now=now)
    later = now + dt.timedelta(hours=2)
    assert needs_fetch(store, today, refresh_after_minutes=60, now=later)
    assert needs_fetch(store, View("latest"), refresh_after_minutes=60, now=later)
    assert is_finished(View.day("2026-11-27"), service_today(now))
    assert not is_finished(View("latest"), service_today(now))
    # The next morning in New York, yesterday's list is finished and never fetched again.
    next_day = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
    assert not needs_fetch(store, today, refresh_after_minutes=60, now=next_day)


def test_the_service_day_rolls_over_in_new_york():
    # 03:00 UTC on 1 Dec is still 30 Nov in New York.
    assert service_today(dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)) == dt.date(2026, 11, 30)
    days = last_days(3, dt.date(2026, 11, 30))
    assert [v.value for v in days] == ["2026-11-30", "2026-11-29", "2026-11-28"]
    assert describe_views(days) == "3 days, 2026-11-28 to 2026-11-30"


async def test_user_state_survives_a_refetch(store, hf_server, samples_dir):
    view = View.day("2026-05-08")
    await fetch_views(store, [view], base_url=hf_server.url)
    store.set_bookmarked(["2605.05242"], True)
    store.set_note("2605.05242", "compare with BM25")
    await fetch_views(store, [view], base_url=hf_server.url, force=True)
    state = store.get("2605.05242").state
    assert state.bookmarked and state.note == "compare with BM25"


@pytest.mark.parametrize(
    "reply, message",
    [
        (Reply(status=503), "503"),
        (Reply(body="<html><body>Maintenance</body></html>"), "web page"),
        (Reply(body={"error": "nope"}), "instead of papers"),
        (Reply(body=b'[{"paper": {"id": "2605.05242", "title": "x"'), "try again"),
        (Reply(body=b"[" + b"1," * 1000 + b"1]", truncate_to=100), ""),
    ],
)
async def test_a_failed_fetch_leaves_the_store_exactly_as_it_was(store, hf_server, samples_dir, reply, message):
    await fetch_views(store, [View.day("2026-05-08")], base_url=hf_server.url)
    store.set_bookmarked(["2605.05242"], True)
    before = snapshot(store)
    hf_server.add("/api/daily_papers", reply, query={"date": "2026-05-08"})
    # The listing page the client falls back to for non-JSON answers fails too.
    hf_server.add("/papers/date/2026-05-08", Reply(body="<html><body>Maintenance</body></html>"))
    summary = await fetch_views(store, [View.day("2026-05-08")], base_url=hf_server.url,
                                force=True, client_options=FAST)
    assert summary.error and message in summary.error
    assert summary.error.endswith(".") or "try" in summary.error
    assert snapshot(store) == before


async def test_a_json_api_answering_html_falls_back_to_the_listing_page(store, hf_server, samples_dir):
    hf_server.add("/api/daily_papers", Reply(body="<html><body>Oops</body></html>"),
                  query={"date": "2026-05-08"})
    summary = await fetch_views(store, [View.day("2026-05-08")], base_url=hf_server.url,
                                client_options=FAST)
    assert not summary.error
    assert store.count(FilterSpec(view=View.day("2026-05-08"))) == 37
    assert hf_server.count("/papers/date/2026-05-08") == 1


async def test_a_failing_day_among_many_keeps_the_days_that_completed(store, hf_server):
    days = ["2026-03-02", "2026-03-03", "2026-03-04"]
    hf_server.serve_synthetic_days(days, n_per_day=4)
    hf_server.add("/api/daily_papers", Reply(status=500), query={"date": "2026-03-04"})
    views = [View.day(d) for d in days]
    summary = await fetch_views(store, views, base_url=hf_server.url, client_options=FAST)
    assert "500" in summary.error
    saved = {v.value for v in views if store.fetch_log(v)}
    assert "2026-03-04" not in saved
    assert store.count(FilterSpec()) == 4 * len(saved)
    assert store.fetch_log(View.day("2026-03-04")) is None


# --- every fault, through fetch_views into a real store -----------------------------------


FAULTS = {
    "429 without Retry-After": (Reply(429), r"rate-limiting requests \(HTTP 429\)"),
    "429 with a long Retry-After": (Reply(429, headers={"Retry-After": "3600"}),
                                    r"rate-limiting .* about 60 min"),
    "500": (Reply(500), r"HTTP 500"),
    "502": (Reply(502, "<html>bad gateway</html>"), r"HTTP 502"),
    "503": (Reply(503), r"HTTP 503"),
    "truncated body": (Reply(body=BODY, truncate_to=100), r"broke off before the answer"),
    "stalled body": (Reply(body=BODY, stall=True), r"timed out after 0\.5 s without data"),
    "slow drip": (Reply(body=BODY, drip=0.01), r"timed out after 0\.8 s"),
    "50 MB body": (Reply(body=b"[" + b" " * 50_000_000 + b"]"), r"larger than 1,000,000 bytes"),
    "HTML instead of JSON": (Reply(body="<html><body>Down</body></html>"), r"web page instead"),
    "JSON of the wrong shape": (Reply(body={"papers": []}), r"unexpected shape"),
    "redirect to file:": (Reply(302, headers={"Location": "file:///etc/passwd"}),
                          r"redirected .* to a file: address"),
    "closed without an answer": (Reply(close_without_reply=True), r"broke off"),
}


@pytest.mark.parametrize("reply, message", FAULTS.values(), ids=FAULTS.keys())
async def test_every_fault_is_bounded_clear_and_leaves_the_store_as_it_was(
        store, hf_server: FakeHF, reply: Reply, message: str) -> None:
    hf_server.serve_synthetic_days(["2026-05-08"], n_per_day=5)
    await fetch_views(store, [DAY], base_url=hf_server.url, client_options=FAST)
    store.set_bookmarked([store.select(FilterSpec())[0].paper.id], True)
    before = snapshot(store)
    hf_server.add(API, reply)
    hf_server.add("/papers/date/2026-05-08", Reply(body="<html><body>Down</body></html>"))
    started = time.monotonic()
    summary = await fetch_views(store, [DAY], base_url=hf_server.url, force=True,
                                client_options=FAST)
    elapsed = time.monotonic() - started
    assert re.search(message, summary.error), summary.error
    assert_one_clear_sentence(summary.error)
    # Two tries at most (FAST allows one retry), each within the 0.8 s deadline.
    assert elapsed < 2 * 0.8 + 0.8
    assert hf_server.count(API) <= 1 + 2
    assert snapshot(store) == before


async def test_a_connection_refused_leaves_the_store_as_it_was(store, hf_server: FakeHF) -> None:
    hf_server.serve_synthetic_days(["2026-05-08"], n_per_day=5)
    await fetch_views(store, [DAY], base_url=hf_server.url, client_options=FAST)
    before = snapshot(store)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    summary = await fetch_views(store, [DAY], base_url=f"http://127.0.0.1:{port}", force=True,
                                client_options=FAST)
    assert time.monotonic() - started < 1.0
    assert "connection refused" in summary.error
    assert_one_clear_sentence(summary.error)
    assert snapshot(store) == before


async def test_absurd_counts_from_the_service_are_saved_as_unknown(store,
                                                                  hf_server: FakeHF) -> None:
    # Before counts were bounded this fetch died with an OverflowError from SQLite.
    item = make_item("2605.00001", upvotes=2**64, githubStars=10**30,
                     githubRepo="https://github.com/a/b")
    item["numComments"] = 2**63
    hf_server.add(API, Reply(body=[item]))
    summary = await fetch_views(store, [DAY], base_url=hf_server.url, client_options=FAST)
    assert not summary.error
    paper = store.get("2605.00001").paper
    assert (paper.upvotes, paper.comments, paper.github_stars) == (0, 0, None)
