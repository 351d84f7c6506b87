"""Network faults the client tests (test_client.py) do not already cover, and for every
fault: a bounded wait, one clear sentence, and the store exactly as it was.

Already covered in test_client.py (not repeated here): 429 then success with and without
Retry-After, Retry-After as a date, a long Retry-After giving up at once, 503 persistent,
429 exhausted, HTML instead of JSON (with and without fallback), JSON of the wrong shape
({"papers": []}), a truncated body (once and every time), a connection closed without an
answer, a stalled body, a dripping body, a 50 MB body (with and without Content-Length), a
redirect to ftp:/javascript:/file:, redirect loops, a connection refused, the concurrency
limit, deeply nested JSON.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator

import pytest

from fakehf import FakeHF, Reply, listing_page, make_item
from papertui.core.client import FetchError, HFClient
from papertui.core.fetch import fetch_views
from papertui.core.models import View
from papertui.core.query import FilterSpec
from papertui.core.repair import open_store

DAY = View.day("2026-05-08")
API = "/api/daily_papers"
FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "connect_timeout": 0.5,
        "read_timeout": 0.5, "deadline": 0.8, "max_retries": 1,
        "max_body_bytes": 1_000_000}
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def fetch(base_url: str, view: View = DAY, **options: object):
    async with HFClient(base_url, **(FAST | options)) as client:  # type: ignore[arg-type]
        return await client.fetch_view(view)


def assert_one_clear_sentence(message: str) -> None:
    assert message and "\n" not in message and not UNSAFE.search(message)
    assert message.endswith(".") and "Traceback" not in message
    assert len(message) < 300


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
            await fetch(server.url, max_retries=2)
        assert time.monotonic() - started < 2.0
        assert server.requests == 3
    assert_one_clear_sentence(str(caught.value))
    assert re.search(r"broke off before the answer for day 2026-05-08|connection",
                     str(caught.value))


# --- server trouble ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retried_then_reported(hf_server: FakeHF, status: int) -> None:
    hf_server.add(API, Reply(status, "<html><body>Bad gateway</body></html>"))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        await fetch(hf_server.url, max_retries=2)
    assert time.monotonic() - started < 1.5
    assert hf_server.count(API) == 3  # the first try and two retries, no more
    assert str(caught.value) == (f"Hugging Face is having trouble (HTTP {status}) with day "
                                 "2026-05-08; try again in a few minutes.")


@pytest.mark.parametrize("status", [500, 502])
async def test_a_passing_server_error_is_survived(hf_server: FakeHF, status: int) -> None:
    hf_server.add(API, Reply(status), Reply(body=[make_item("2605.00001")]),
                  query={"date": "2026-05-08", "p": "0"})
    assert [p.id for p in await fetch(hf_server.url)] == ["2605.00001"]


@pytest.mark.parametrize("value", ["soon", "nan", "inf", "-inf", "1e400", "-5", "", "  ",
                                   "Thu, 99 Foo 2026 99:99:99 GMT"])
async def test_a_nonsense_retry_after_falls_back_to_the_capped_backoff(
        hf_server: FakeHF, value: str) -> None:
    hf_server.add(API, Reply(429, headers={"Retry-After": value}))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^Hugging Face is rate-limiting requests \(HTTP 429\)"):
        await fetch(hf_server.url, max_retries=2)
    assert time.monotonic() - started < 1.5
    assert hf_server.count(API) == 3


async def test_retries_are_bounded_in_time_when_the_server_asks_to_wait(hf_server: FakeHF) -> None:
    # Each Retry-After is under the cap, so it is honoured; the count still bounds the total.
    hf_server.add(API, Reply(503, headers={"Retry-After": "0.25"}))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"HTTP 503"):
        await fetch(hf_server.url, max_retries=3, max_retry_after=0.3)
    elapsed = time.monotonic() - started
    assert hf_server.count(API) == 4
    assert 0.7 < elapsed < 0.75 + 1.0  # three waits of 0.25 s, and little else


async def test_a_retry_after_far_in_the_future_gives_up_at_once(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(429, headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}))
    with pytest.raises(FetchError) as caught:
        await fetch(hf_server.url)
    assert hf_server.count(API) == 1
    assert_one_clear_sentence(str(caught.value))
    assert "rate-limiting" in str(caught.value) and "try again after" in str(caught.value)


async def test_headers_that_never_come_are_bounded_by_the_read_timeout(hf_server: FakeHF) -> None:
    hf_server.add(API, Reply(body=[], delay=30))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.3 s without data; try again later"):
        await fetch(hf_server.url, read_timeout=0.3, deadline=10, max_retries=1)
    assert time.monotonic() - started < 1.5
    assert hf_server.count(API) == 2


async def test_a_compressed_bomb_is_refused_by_its_decoded_size(hf_server: FakeHF) -> None:
    bomb = gzip.compress(b"[" + b" " * 50_000_000 + b"]", compresslevel=9)
    assert len(bomb) < 100_000  # small on the wire, 50 MB once decoded
    hf_server.add(API, Reply(body=bomb, headers={"Content-Encoding": "gzip"},
                             content_type="application/json"))
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        await fetch(hf_server.url, max_retries=0)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("location", ["data:text/html,<b>x</b>", "smb://host/share",
                                      "http://[::1", "http://exa mple.org/\x1b[2J",
                                      "  javascript:alert(1)"])
async def test_a_redirect_to_an_odd_address_is_refused(hf_server: FakeHF, location: str) -> None:
    hf_server.add(API, Reply(302, headers={"Location": location}))
    with pytest.raises(FetchError) as caught:
        await fetch(hf_server.url)
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
    ([{"paper": {"id": "../../etc/passwd"}}], r"none of the 1 item the service sent"),
    ({"error": "[@click=app.quit]x[/] \x1b]0;PWNED-TITLE\x07 [MoE]"},
     r"sent an error instead of papers: \[@click=app\.quit\]x\[/\] \[MoE\]; papertui may"),
])
async def test_json_of_the_wrong_shape_says_what_came(hf_server: FakeHF, body: object,
                                                       message: str) -> None:
    hf_server.add(API, Reply(body=json.dumps(body), content_type="application/json"))
    with pytest.raises(FetchError, match=message) as caught:
        await fetch(hf_server.url)
    assert_one_clear_sentence(str(caught.value))
    assert "PWNED" not in str(caught.value)
    assert hf_server.count(API) == 1  # a changed API is not retried


async def test_a_web_page_with_malformed_links_is_read_not_fatal(hf_server: FakeHF) -> None:
    # A ValueError from urljoin ("Invalid IPv6 URL") used to escape the client.
    page = listing_page([make_item("2605.00001", title="Fine")], island=False)
    page = page.replace("<article>", '<article><h3><a href="http://[::1">x</a></h3></article>'
                                     "<article>", 1)
    hf_server.add(API, Reply(body=page))
    assert [p.id for p in await fetch(hf_server.url)] == ["2605.00001"]


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


@pytest.fixture
def store(tmp_path) -> Iterator:
    opened = open_store(tmp_path)
    yield opened.store
    opened.store.close()


def snapshot(store) -> tuple:
    """Everything a user could see of the store."""
    return ([p.to_json() for p in store.select(FilterSpec(sort="date"))], store.user_states(),
            store.fetch_log(DAY), store.last_fetch())


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
