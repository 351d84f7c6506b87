"""The client against a real local HTTP server: results, paging, and every fault it must survive."""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import json
import re
import socket
import struct
import threading
import time
from pathlib import Path

import pytest

from fakehf import FakeHF, Reply, listing_page, make_item
from hostile import assert_one_clear_sentence
from papertui.core.client import USER_AGENT, FetchError, HFClient
from papertui.core.models import View

DAY = View.day("2026-05-08")
API = "/api/daily_papers"
FAST = {"backoff_base": 0.01, "backoff_cap": 0.05}


def client(server: FakeHF, **options: object) -> HFClient:
    return HFClient(server.url, **(FAST | options))  # type: ignore[arg-type]


async def fetch(server: FakeHF, view: View = DAY, **options: object):
    async with client(server, **options) as hf:
        return await hf.fetch_view(view)


# --- what a user gets -------------------------------------------------------------------------


async def test_fetch_a_day(hf_server: FakeHF, samples_dir: Path) -> None:
    papers = await fetch(hf_server)
    assert len(papers) == 37
    assert papers[0].id == "2605.05242" and papers[0].github_stars == 101
    assert {p.day for p in papers} == {"2026-05-08"}
    [(path, query, headers)] = hf_server.requests
    assert path == API and query == {"date": "2026-05-08", "limit": "100", "p": "0"}
    assert headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("papertui/") and "github.com/papertui/papertui" in USER_AGENT


async def test_a_day_view_owns_its_papers(hf_server: FakeHF) -> None:
    # A paper listed on a day belongs to it even when its timestamp says otherwise.
    hf_server.add(API, Reply(body=[make_item("2605.00001", day="2026-05-07")]),
                  query={"date": "2026-05-08", "p": "0"})
    hf_server.add(API, Reply(body=[]), query={"date": "2026-05-08", "p": "1"})
    [paper] = await fetch(hf_server)
    assert paper.day == "2026-05-08"


async def test_other_views_keep_the_parsed_day(hf_server: FakeHF, samples_dir: Path) -> None:
    week = await fetch(hf_server, View.week("2026-W19"))
    assert len(week) == 37 and {p.day for p in week} == {"2026-05-08"}
    latest = await fetch(hf_server, View("latest"))
    assert len(latest) == 30 and {p.day for p in latest} == {"2026-06-12"}
    trending = await fetch(hf_server, View("trending"))
    assert [p.upvotes for p in trending] == sorted((p.upvotes for p in latest), reverse=True)
    assert hf_server.requests[-1][1]["sort"] == "trending"
    assert "date" not in hf_server.requests[-2][1]  # latest sends no date


async def test_paging_follows_every_page_in_order(hf_server: FakeHF, samples_dir: Path) -> None:
    whole = await fetch(hf_server)
    paged = await fetch(hf_server, page_limit=10)
    assert [p.id for p in paged] == [p.id for p in whole]
    pages = [q["p"] for path, q, _ in hf_server.requests[1:]]
    assert pages == ["0", "1", "2", "3"]  # 10 + 10 + 10 + 7: a short page ends it


async def test_paging_stops_on_an_empty_page(hf_server: FakeHF) -> None:
    ids = hf_server.serve_synthetic_days(["2026-05-11"], n_per_day=20)
    papers = await fetch(hf_server, View.day("2026-05-11"), page_limit=10)
    assert [p.id for p in papers] == ids["2026-05-11"]
    assert hf_server.count(API) == 3


async def test_paging_stops_when_the_service_ignores_the_page(hf_server: FakeHF) -> None:
    items = [make_item(f"2605.{i:05d}") for i in range(10)]
    hf_server.add(API, Reply(body=items), query={"date": "2026-05-08"})
    papers = await fetch(hf_server, page_limit=10)
    assert len(papers) == 10 and hf_server.count(API) == 2


async def test_paging_is_bounded(hf_server: FakeHF) -> None:
    pages = [Reply(body=[make_item(f"2605.{p}{i:04d}") for i in range(5)]) for p in range(1, 6)]
    hf_server.add(API, *pages, query={"date": "2026-05-08"})
    papers = await fetch(hf_server, page_limit=5, max_pages=3)
    assert len(papers) == 15 and hf_server.count(API) == 3


async def test_duplicates_across_pages_are_dropped(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=[make_item("2605.00001"), make_item("2605.00002")]),
                  Reply(body=[make_item("2605.00002"), make_item("2605.00003")]),
                  Reply(body=[]), query={"date": "2026-05-08"})
    papers = await fetch(hf_server, page_limit=2)
    assert [p.id for p in papers] == ["2605.00001", "2605.00002", "2605.00003"]


async def test_search(hf_server: FakeHF, samples_dir: Path) -> None:
    papers = await fetch(hf_server, View("search", "agent"))
    assert papers and all("agent" in p.title.lower() for p in papers)
    [(path, query, _)] = hf_server.requests
    assert path == "/api/papers/search" and query == {"q": "agent", "limit": "120"}


async def test_overlong_search_fails_before_any_request(hf_server: FakeHF) -> None:
    with pytest.raises(FetchError, match="at most 250"):
        await fetch(hf_server, View("search", "x" * 251))
    assert hf_server.requests == []


async def test_fetch_paper_page(hf_server: FakeHF, samples_dir: Path) -> None:
    async with client(hf_server) as hf:
        paper = await hf.fetch_paper("2509.24002v2")
        assert paper.github_repo == "https://github.com/eval-sys/mcpmark"
        assert paper.github_stars == 182 and paper.project_page == "https://mcpmark.ai/"
        with pytest.raises(FetchError, match=r"^Paper 2605\.99999 is not on Hugging Face"):
            await hf.fetch_paper("2605.99999")
        with pytest.raises(FetchError, match="not an arXiv id"):
            await hf.fetch_paper("../etc/passwd")
    assert [path for path, _, _ in hf_server.requests] == ["/papers/2509.24002", "/papers/2605.99999"]


async def test_a_rejected_date_says_so(hf_server: FakeHF) -> None:
    with pytest.raises(FetchError, match=r"rejected day 2026-02-30 \(HTTP 400\)"):
        await fetch(hf_server, View("day", "2026-02-30"))
    assert hf_server.count(API) == 1  # a 400 is not retried


# --- rate limits and server trouble ----------------------------------------------------------------


@pytest.mark.parametrize("headers", [{"Retry-After": "0"}, {}])
async def test_429_then_success(hf_server: FakeHF, samples_dir: Path, headers: dict) -> None:
    hf_server.add(API, Reply(429, {"error": "slow down"}, headers=headers), Reply(body=[]),
                  query={"date": "2026-05-08"})
    assert await fetch(hf_server) == []
    assert hf_server.count(API) == 2


async def test_retry_after_as_a_date(hf_server: FakeHF) -> None:
    moment = email.utils.formatdate(time.time() - 5, usegmt=True)  # already passed
    hf_server.add(API, Reply(503, headers={"Retry-After": moment}), Reply(body=[]),
                  query={"date": "2026-05-08"})
    assert await fetch(hf_server, backoff_base=5.0) == []  # the header's 0 s, not the backoff


async def test_a_long_retry_after_gives_up_at_once(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(429, headers={"Retry-After": "600"}), query={"date": "2026-05-08"})
    with pytest.raises(FetchError, match=r"rate-limiting.*about 10 min; try again after \d\d:\d\d"):
        await fetch(hf_server, max_retry_after=60)
    assert hf_server.count(API) == 1


async def test_persistent_503_fails_after_bounded_retries(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(503, "<html>down</html>"))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"having trouble \(HTTP 503\) with day 2026-05-08"):
        await fetch(hf_server, max_retries=3)
    assert hf_server.count(API) == 4
    assert time.monotonic() - started < 1.5


async def test_rate_limit_exhausted(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(429))
    with pytest.raises(FetchError, match=r"^Hugging Face is rate-limiting requests \(HTTP 429\)"):
        await fetch(hf_server, max_retries=1)
    assert hf_server.count(API) == 2


# --- web pages instead of data ----------------------------------------------------------------------


async def test_html_with_an_island_instead_of_json(hf_server: FakeHF) -> None:
    items = [make_item("2605.00001"), make_item("2605.00002")]
    hf_server.add(API, Reply(body=listing_page(items)))
    papers = await fetch(hf_server)
    assert [p.id for p in papers] == ["2605.00001", "2605.00002"]
    assert [path for path, _, _ in hf_server.requests] == [API]


async def test_html_without_an_island_falls_back_to_the_listing_page(
    hf_server: FakeHF, samples_dir: Path
) -> None:
    hf_server.add(API, Reply(body="<!doctype html><html><body>Maintenance</body></html>"))
    papers = await fetch(hf_server)
    assert len(papers) == 37 and {p.day for p in papers} == {"2026-05-08"}
    assert [path for path, _, _ in hf_server.requests] == [API, "/papers/date/2026-05-08"]


async def test_search_html_falls_back_to_the_search_page(hf_server: FakeHF, samples_dir: Path) -> None:
    hf_server.add("/api/papers/search", Reply(body="<html>no</html>"))
    papers = await fetch(hf_server, View("search", "agent"))
    assert papers
    assert hf_server.requests[-1][:2] == ("/papers", {"q": "agent"})


async def test_html_everywhere_is_an_error(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body="<html><body>Sorry</body></html>"))
    hf_server.add("/papers/date/2026-05-08", Reply(body="<html><body>Sorry</body></html>"))
    with pytest.raises(FetchError, match="^The service answered with a web page instead of "
                                         "data for day 2026-05-08; try again later.$"):
        await fetch(hf_server)


async def test_json_of_the_wrong_shape_is_an_error_without_fallback(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body={"papers": []}))
    with pytest.raises(FetchError, match="unexpected shape"):
        await fetch(hf_server)
    assert [path for path, _, _ in hf_server.requests] == [API]


# --- broken transfers ---------------------------------------------------------------------------


async def test_truncated_body_is_retried(hf_server: FakeHF) -> None:
    body = [make_item("2605.00001")]
    hf_server.add(API, Reply(body=body, truncate_to=20), Reply(body=body),
                  query={"date": "2026-05-08", "p": "0"})
    assert [p.id for p in await fetch(hf_server)] == ["2605.00001"]


async def test_truncated_body_every_time_is_an_error(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=[make_item("2605.00001")], truncate_to=20))
    with pytest.raises(FetchError, match="broke off before the answer for day 2026-05-08"):
        await fetch(hf_server, max_retries=2)
    assert hf_server.count(API) == 3


async def test_connection_closed_without_an_answer_is_retried(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(close_without_reply=True), Reply(body=[]))
    assert await fetch(hf_server) == []
    assert hf_server.count(API) == 2


async def test_a_stalled_body_is_bounded_by_the_deadline(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=[make_item("2605.00001")] * 50, stall=True))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s; try again later"):
        await fetch(hf_server, deadline=0.5, max_retries=1)
    assert time.monotonic() - started < 1.8
    assert hf_server.count(API) == 2  # a timeout is retried, then given up on


async def test_a_dripping_body_is_bounded_by_the_deadline(hf_server: FakeHF) -> None:
    # Each byte arrives well within the read timeout; only the deadline can stop this.
    hf_server.add(API, Reply(body=b"[" + b" " * 1000 + b"]", drip=0.02))
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        await fetch(hf_server, deadline=0.4, read_timeout=5, max_retries=0)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("send_length", [True, False])
async def test_a_huge_body_is_refused(hf_server: FakeHF, send_length: bool) -> None:
    hf_server.add(API, Reply(body=b"[" + b" " * 50_000_000 + b"]", send_length=send_length))
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        await fetch(hf_server, max_body_bytes=1_000_000, max_retries=0)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/x", "javascript:alert(1)", "file:///etc/passwd"])
async def test_a_redirect_to_another_scheme_is_refused(hf_server: FakeHF, target: str) -> None:
    hf_server.add(API, Reply(302, headers={"Location": target}))
    with pytest.raises(FetchError, match="redirected the request for day 2026-05-08 to a"):
        await fetch(hf_server)
    assert hf_server.count(API) == 1


async def test_http_redirects_are_followed_a_few_times(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(301, headers={"Location": "/moved?date=2026-05-08"}))
    hf_server.add("/moved", Reply(body=[make_item("2605.00001")]))
    assert [p.id for p in await fetch(hf_server)] == ["2605.00001"]
    hf_server.add("/moved", Reply(302, headers={"Location": "/moved"}))
    with pytest.raises(FetchError, match="more than 5 times"):
        await fetch(hf_server)


async def test_connection_refused(hf_server: FakeHF) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with HFClient(f"http://127.0.0.1:{port}", max_retries=1, **FAST) as hf:
        with pytest.raises(FetchError) as caught:
            await hf.fetch_view(DAY)
    assert str(caught.value) == (
        f"Could not connect to http://127.0.0.1:{port} (connection refused); "
        "check your network, or use --offline to read the cache."
    )


async def test_at_most_four_requests_in_flight(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=[], delay=0.15))
    views = [View.day(f"2026-05-{day:02d}") for day in range(1, 13)]
    async with client(hf_server) as hf:
        results = await asyncio.gather(*(hf.fetch_view(view) for view in views))
    assert results == [[]] * 12 and hf_server.count(API) == 12
    assert hf_server.max_in_flight == 4


async def test_no_partial_results_when_a_later_page_fails(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=[make_item("2605.00001"), make_item("2605.00002")]),
                  query={"date": "2026-05-08", "p": "0"})
    hf_server.add(API, Reply(503), query={"date": "2026-05-08", "p": "1"})
    with pytest.raises(FetchError, match="HTTP 503"):
        await fetch(hf_server, page_limit=2, max_retries=1)


async def test_absurdly_nested_json_is_a_fetch_error(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=b"[" * 100_000 + b"]" * 100_000))
    with pytest.raises(FetchError, match="unreadable data for day 2026-05-08"):
        await fetch(hf_server)


# --- faults with short timeouts: a bounded wait and one clear sentence --------------------


# Short enough that every fault below ends within a second or two.
SHORT = {"backoff_base": 0.01, "backoff_cap": 0.05, "connect_timeout": 0.5,
         "read_timeout": 0.5, "deadline": 0.8, "max_retries": 1,
         "max_body_bytes": 1_000_000}


async def fetch_url(base_url: str, view: View = DAY, **options: object):
    async with HFClient(base_url, **(SHORT | options)) as client:  # type: ignore[arg-type]
        return await client.fetch_view(view)


# --- a server that resets connections -----------------------------------------------------


class ResettingServer:
    """Reads each request, sends `prefix` (part of an answer, or nothing), then resets the
    connection (RST, not an orderly close): what a crashed proxy or a dropped route does."""

    def __init__(self, prefix: bytes) -> None:
        self.prefix = prefix
        self.requests = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> ResettingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(2)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._sock.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    data = b""
                    while b"\r\n\r\n" not in data:
                        chunk = connection.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                    self.requests += 1
                    if self.prefix:
                        connection.sendall(self.prefix)
                        time.sleep(0.05)  # let the client start reading the body
                    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                          struct.pack("ii", 1, 0))
                except OSError:
                    pass


BODY = json.dumps([make_item(f"2605.{n:05d}") for n in range(20)]).encode()


HEADERS = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
           b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n")


@pytest.mark.parametrize("prefix", [HEADERS + BODY[:300], HEADERS, b""],
                         ids=["mid-body", "after the headers", "before any answer"])
async def test_a_connection_reset_is_retried_a_bounded_number_of_times(prefix: bytes) -> None:
    with ResettingServer(prefix) as server:
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            await fetch_url(server.url, max_retries=2)
        assert time.monotonic() - started < 2.0
        assert server.requests == 3
    assert_one_clear_sentence(str(caught.value))
    assert re.search(r"broke off before the answer for day 2026-05-08|connection",
                     str(caught.value))


# --- more server trouble ------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retried_then_reported(hf_server: FakeHF, status: int) -> None:
    hf_server.add(API, Reply(status, "<html><body>Bad gateway</body></html>"))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        await fetch_url(hf_server.url, max_retries=2)
    assert time.monotonic() - started < 1.5
    assert hf_server.count(API) == 3  # the first try and two retries, no more
    assert str(caught.value) == (f"Hugging Face is having trouble (HTTP {status}) with day "
                                 "2026-05-08; try again in a few minutes.")


@pytest.mark.parametrize("status", [500, 502])
async def test_a_passing_server_error_is_survived(hf_server: FakeHF, status: int) -> None:
    hf_server.add(API, Reply(status), Reply(body=[make_item("2605.00001")]),
                  query={"date": "2026-05-08", "p": "0"})
    assert [p.id for p in await fetch_url(hf_server.url)] == ["2605.00001"]


@pytest.mark.parametrize("value", ["soon", "nan", "inf", "-inf", "1e400", "-5", "", "  ",
                                   "Thu, 99 Foo 2026 99:99:99 GMT"])
async def test_a_nonsense_retry_after_falls_back_to_the_capped_backoff(
        hf_server: FakeHF, value: str) -> None:
    hf_server.add(API, Reply(429, headers={"Retry-After": value}))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^Hugging Face is rate-limiting requests \(HTTP 429\)"):
        await fetch_url(hf_server.url, max_retries=2)
    assert time.monotonic() - started < 1.5
    assert hf_server.count(API) == 3


async def test_retries_are_bounded_in_time_when_the_server_asks_to_wait(hf_server: FakeHF) -> None:
    # Each Retry-After is under the cap, so it is honoured; the count still bounds the total.
    hf_server.add(API, Reply(503, headers={"Retry-After": "0.25"}))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"HTTP 503"):
        await fetch_url(hf_server.url, max_retries=3, max_retry_after=0.3)
    elapsed = time.monotonic() - started
    assert hf_server.count(API) == 4
    assert 0.7 < elapsed < 0.75 + 1.0  # three waits of 0.25 s, and little else


async def test_a_retry_after_far_in_the_future_gives_up_at_once(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(429, headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}))
    with pytest.raises(FetchError) as caught:
        await fetch_url(hf_server.url)
    assert hf_server.count(API) == 1
    assert_one_clear_sentence(str(caught.value))
    assert "rate-limiting" in str(caught.value) and "try again after" in str(caught.value)


async def test_headers_that_never_come_are_bounded_by_the_read_timeout(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=[], delay=30))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.3 s without data; try again later"):
        await fetch_url(hf_server.url, read_timeout=0.3, deadline=10, max_retries=1)
    assert time.monotonic() - started < 1.5
    assert hf_server.count(API) == 2


async def test_a_compressed_bomb_is_refused_by_its_decoded_size(hf_server: FakeHF) -> None:
    bomb = gzip.compress(b"[" + b" " * 50_000_000 + b"]", compresslevel=9)
    assert len(bomb) < 100_000  # small on the wire, 50 MB once decoded
    hf_server.add(API, Reply(body=bomb, headers={"Content-Encoding": "gzip"},
                             content_type="application/json"))
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        await fetch_url(hf_server.url, max_retries=0)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("location", ["data:text/html,<b>x</b>", "smb://host/share",
                                      "http://[::1", "http://exa mple.org/\x1b[2J",
                                      "  javascript:alert(1)"])
async def test_a_redirect_to_an_odd_address_is_refused(hf_server: FakeHF, location: str) -> None:
    hf_server.add(API, Reply(302, headers={"Location": location}))
    with pytest.raises(FetchError) as caught:
        await fetch_url(hf_server.url)
    assert hf_server.count(API) == 1
    assert_one_clear_sentence(str(caught.value))
    assert "redirected the request for day 2026-05-08 to a" in str(caught.value)


# --- answers of the wrong kind ------------------------------------------------------------


@pytest.mark.parametrize("body, message", [
    ("just a string", r"unexpected shape \(expected a list of papers, got a string\)"),
    (42, r"got a number"),
    (None, r"got null"),
    (True, r"got a true/false value"),
    (["a", 1, None, []], r"none of the 4 items the service sent is a paper with an arXiv id"),
    ([{"paper": {"id": "../../etc/passwd"}}], r"none of the 1 item\b"),
    ({"error": "[@click=app.quit]x[/] \x1b]0;PWNED-TITLE\x07 [MoE]"},
     r"sent an error instead of papers: \[@click=app\.quit\]x\[/\] \[MoE\]; papertui may"),
])
async def test_json_of_the_wrong_shape_says_what_came(hf_server: FakeHF, body: object,
                                                       message: str) -> None:
    hf_server.add(API, Reply(body=json.dumps(body), content_type="application/json"))
    with pytest.raises(FetchError, match=message) as caught:
        await fetch_url(hf_server.url)
    assert_one_clear_sentence(str(caught.value))
    assert "PWNED" not in str(caught.value)
    assert hf_server.count(API) == 1  # a changed API is not retried


async def test_a_web_page_with_malformed_links_is_read_not_fatal(hf_server: FakeHF) -> None:
    # A ValueError from urljoin ("Invalid IPv6 URL") used to escape the client.
    page = listing_page([make_item("2605.00001", title="Fine")], island=False)
    page = page.replace("<article>", '<article><h3><a href="http://[::1">x</a></h3></article>'
                                     "<article>", 1)
    hf_server.add(API, Reply(body=page))
    assert [p.id for p in await fetch_url(hf_server.url)] == ["2605.00001"]
