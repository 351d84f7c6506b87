"""A real HTTP server that plays Hugging Face for tests, on 127.0.0.1 and a free port.

Out of the box it serves the real samples from ../shared/samples/hf (a dated batch, the
latest batch, a paper page, search, listing pages). Tests queue their own answers with
`server.add(path, Reply(...), ...)`, including faults: delays, truncated, stalled and
dripping bodies, and connections closed without an answer.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from papertui.core.models import month_range, week_range

# The real samples live beside the project: /work/main/../shared/samples/hf.
SAMPLES_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "hf"
SAMPLE_DAYS = {
    "2026-05-08": "daily_papers_2026-05-08.json",
    "2026-06-12": "daily_papers_2026-06-12_latest_limit30.raw.json",
    "2026-07-31": "daily_papers_2026-07-31_trimmed5.json",
}
LATEST_DAY = "2026-06-12"
PAPER_PAGES = {"2509.24002": "paper_page_2509.24002.prettified.html"}
PAPER_PROPS = "paper_page_2509.24002.PaperContent.props.json"


@dataclass
class Reply:
    """One answer of the fake server.

    `body` may be bytes, a str (sent as UTF-8) or any JSON-able object (sent as JSON).
    Faults: `delay` before answering; `truncate_to` bytes of the body sent under a
    Content-Length for all of it, then the connection closes; `stall` sends the headers and
    half the body, then waits until the server shuts down; `drip` seconds between bytes;
    `close_without_reply` closes the connection at once. `send_length=False` leaves out
    Content-Length, so the body ends only when the connection closes.
    """

    status: int = 200
    body: object = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    delay: float = 0.0
    truncate_to: int | None = None
    stall: bool = False
    drip: float | None = None
    close_without_reply: bool = False
    send_length: bool = True

    def payload(self) -> tuple[bytes, str]:
        """The body as bytes, and its content type."""
        if isinstance(self.body, bytes):
            data = self.body
        elif isinstance(self.body, str):
            data = self.body.encode("utf-8")
        else:
            data = json.dumps(self.body).encode("utf-8")
        if self.content_type:
            return data, self.content_type
        if isinstance(self.body, (bytes, str)) and data.lstrip()[:1] == b"<":
            return data, "text/html; charset=utf-8"
        return data, "application/json; charset=utf-8"


def make_item(
    arxiv_id: str, title: str = "", day: str = "2026-05-08", upvotes: int = 0, **paper_fields: object
) -> dict:
    """A daily item in the service's shape, for tests that need papers of their own."""
    paper = {
        "id": arxiv_id,
        "title": title or f"Paper {arxiv_id}",
        "summary": f"The abstract of {arxiv_id}.",
        "authors": [{"_id": "a1", "name": "Ada Lovelace", "hidden": False}],
        "publishedAt": f"{day}T00:00:00.000Z",
        "submittedOnDailyAt": f"{day}T09:00:00.000Z",
        "upvotes": upvotes,
        **paper_fields,
    }
    return {
        "paper": paper,
        "title": paper["title"],
        "publishedAt": f"{day}T08:00:00.000Z",
        "numComments": 0,
        "submittedBy": {"name": "someone", "fullname": "Some One"},
    }


def listing_page(items: list, island: bool = True) -> str:
    """A listing web page holding `items`: in a DailyPapers island, or only as cards."""
    cards = "".join(
        f'<article><h3><a href="/papers/{html.escape(item["paper"]["id"])}">'
        f'{html.escape(item["paper"].get("title", ""))}</a></h3>'
        f'<div>{item["paper"].get("upvotes", 0)}</div></article>'
        for item in items
    )
    props = html.escape(json.dumps({"dailyPapers": items, "dateString": ""}), quote=True)
    hydrater = (
        f'<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="{props}">'
        if island else "<div>"
    )
    return f"<!doctype html><html><body>{hydrater}{cards}</div></body></html>"


@dataclass
class _Route:
    path: str
    query: dict[str, str]
    replies: list[Reply]
    served: int = 0


class FakeHF:
    """The fake service. `url` is its base URL; `requests` lists (path, query, headers)
    received, query values as strings and header names in lower case."""

    def __init__(self, samples_dir: Path | None = None) -> None:
        self.samples_dir = samples_dir
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._routes: list[_Route] = []
        self._synthetic: dict[str, list[dict]] = {}
        self._cache: dict[str, object] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> FakeHF:
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving; stalled and dripping handlers wake up and end."""
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeHF:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add(self, path: str, *replies: Reply, query: dict | None = None) -> None:
        """Queue `replies` for `path` (and, if given, requests whose query holds all of
        `query`). They are served in order and the last one repeats. Later routes win."""
        wanted = {key: str(value) for key, value in (query or {}).items()}
        with self._lock:
            self._routes.append(_Route(path, wanted, list(replies) or [Reply()]))

    def serve_synthetic_days(self, days: list[str], n_per_day: int = 3) -> dict[str, list[str]]:
        """Make the default API and listing pages serve `n_per_day` made-up papers on each of
        `days` (paged like the real service). Returns the ids per day."""
        ids: dict[str, list[str]] = {}
        for number, day in enumerate(days):
            items = [
                make_item(f"{2601 + number % 12}.{10000 + number * 100 + i:05d}",
                          title=f"Synthetic paper {i} of {day}", day=day, upvotes=n_per_day - i)
                for i in range(n_per_day)
            ]
            self._synthetic[day] = items
            ids[day] = [item["paper"]["id"] for item in items]
        return ids

    def count(self, path: str) -> int:
        """How many requests for `path` arrived."""
        return sum(1 for seen, _, _ in self.requests if seen == path)

    # --- called from handler threads ------------------------------------------------------

    def _begin(self, path: str, query: dict[str, str], headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((path, query, headers))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _end(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _reply_for(self, path: str, query: dict[str, str]) -> Reply:
        with self._lock:
            for route in reversed(self._routes):
                if route.path == path and route.query.items() <= query.items():
                    reply = route.replies[min(route.served, len(route.replies) - 1)]
                    route.served += 1
                    return reply
        return self._default(path, query)

    # --- the real samples -------------------------------------------------------------------

    def _default(self, path: str, query: dict[str, str]) -> Reply:
        if (context := self._context_default(path)) is not None:
            return context
        if path == "/api/daily_papers":
            items = self._daily(query)
            if items is None:
                return Reply(400, {"error": "Invalid date"})
            return Reply(200, _page(items, query))
        if path == "/api/papers/search":
            text = query.get("q", "").lower()
            found = [i for i in self._day("2026-05-08") if text in i["paper"]["title"].lower()]
            return Reply(200, found[: _int(query.get("limit"), 120)])
        if path.startswith("/api/papers/"):
            wanted = path.removeprefix("/api/papers/")
            for day in list(SAMPLE_DAYS) + list(self._synthetic):
                for item in self._day(day):
                    if item["paper"]["id"] == wanted:
                        return Reply(200, item["paper"])
            return Reply(404, {"error": "Paper not found"})
        listing = re.fullmatch(r"/papers/(date|week|month)/([\w-]+)", path)
        if listing or path in ("/papers", "/papers/trending"):
            if "q" in query:
                found = self._default("/api/papers/search", query | {"limit": "120"}).body
                return Reply(200, listing_page(found))  # type: ignore[arg-type]
            kind, value = listing.groups() if listing else ("", "")
            items = self._daily({"date": value} if kind == "date" else {kind: value} if kind
                                else {"sort": "trending"} if path.endswith("trending") else {})
            return Reply(200, listing_page(items or []))
        page = PAPER_PAGES.get(path.removeprefix("/papers/"))
        if page and self.samples_dir is not None:
            return Reply(200, (self.samples_dir / page).read_bytes(),
                         content_type="text/html; charset=utf-8")
        return Reply(404, "<html><body><h1>404</h1></body></html>")

    def _context_default(self, path: str) -> Reply | None:
        """A paper's context from the samples: the constructed API answers and full text of
        2606.13681 (see SOURCES.md), and the real page of 2509.24002 with its paper object
        as the API would give it. Other papers: no repos, no full text."""
        if self.samples_dir is None:
            return None
        context = self.samples_dir / "context"
        if path == "/api/papers/2606.13681":
            return Reply(200, (context / "api_papers_2606.13681.constructed.json").read_bytes())
        if path == "/api/papers/2509.24002":
            props = json.loads((self.samples_dir / PAPER_PROPS).read_bytes())
            return Reply(200, props["paper"])
        if re.fullmatch(r"/api/arxiv/[^/]+/repos", path):
            if path == "/api/arxiv/2606.13681/repos":
                return Reply(200, (context / "api_arxiv_2606.13681_repos.constructed.json")
                             .read_bytes())
            return Reply(200, {"models": [], "datasets": [], "spaces": []})
        if path.startswith("/papers/") and path.endswith(".md"):
            if path == "/papers/2606.13681.md":
                return Reply(200, (context / "paper_2606.13681.constructed.md").read_bytes(),
                             content_type="text/markdown; charset=utf-8")
            return Reply(404, "<html><body><h1>404</h1></body></html>")
        return None

    def _daily(self, query: dict[str, str]) -> list[dict] | None:
        """The items the real service would list for a query; None for a bad date."""
        try:
            if "date" in query:
                return self._day(dt.date.fromisoformat(query["date"]).isoformat())
            if "week" in query or "month" in query:
                first, last = (week_range(query["week"]) if "week" in query
                               else month_range(query["month"]))
                days = sorted(set(SAMPLE_DAYS) | set(self._synthetic))
                return [i for d in days if first.isoformat() <= d <= last.isoformat()
                        for i in self._day(d)]
        except ValueError:
            return None
        items = list(self._day(LATEST_DAY))
        if query.get("sort") == "trending":
            items.sort(key=lambda item: -item["paper"].get("upvotes", 0))
        return items

    def _day(self, day: str) -> list[dict]:
        if day in self._synthetic:
            return self._synthetic[day]
        name = SAMPLE_DAYS.get(day)
        if name is None or self.samples_dir is None:
            return []
        with self._lock:
            if name not in self._cache:
                self._cache[name] = json.loads((self.samples_dir / name).read_bytes())
        return self._cache[name]  # type: ignore[return-value]


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _page(items: list, query: dict[str, str]) -> list:
    """One page of `items`, paged by `limit` (default 50) and `p` like the real service."""
    limit, page = _int(query.get("limit"), 50), _int(query.get("p"), 0)
    return items[page * limit:(page + 1) * limit]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # closing must not wait for stalled handlers
    request_queue_size = 64
    fake: FakeHF

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up mid-answer are part of the tests, not errors


class _Handler(BaseHTTPRequestHandler):
    timeout = 10  # a connection that never sends a request must not hold a thread forever
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        fake._begin(parts.path, query, {k.lower(): v for k, v in self.headers.items()})
        ended = False
        try:
            reply = fake._reply_for(parts.path, query)
            if reply.delay:
                fake.stopping.wait(reply.delay)
            # Counted as in flight until the answer starts: the client cannot have finished
            # reading it (and sent its next request) before this point.
            fake._end()
            ended = True
            self._answer(reply)
        except OSError:
            pass  # the client hung up
        finally:
            if not ended:
                fake._end()

    def _answer(self, reply: Reply) -> None:
        self.close_connection = True
        if reply.close_without_reply:
            return
        body, content_type = reply.payload()
        self.send_response(reply.status)
        self.send_header("Content-Type", content_type)
        if reply.send_length:
            self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        stopping = self.server.fake.stopping
        if reply.stall:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            stopping.wait()
        elif reply.truncate_to is not None:
            self.wfile.write(body[: reply.truncate_to])
        elif reply.drip:
            for index in range(len(body)):
                self.wfile.write(body[index:index + 1])
                self.wfile.flush()
                if stopping.wait(reply.drip):
                    return
        else:
            for start in range(0, len(body), 1 << 16):
                self.wfile.write(body[start:start + (1 << 16)])
