"""The one place papertui talks to Hugging Face: fetch a view's papers, or one paper page.

Every failure becomes a `FetchError` whose text is one sentence a user can act on. Requests
are bounded in time (connect, read, and an overall deadline that also bounds a body that
drips forever), in size, and in number (a shared concurrency limit and capped retries).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import errno
import json
import math
import random
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from papertui import __version__
from papertui.core.context import (
    Collection, Comment, FullText, RepoLinks, parse_full_text, parse_json_body,
    parse_page_context, parse_repos)
from papertui.core.models import Paper, View
from papertui.core.parse import ParseError, parse_items, parse_listing_html, parse_paper_page
from papertui.core.safety import clean_line, normalise_arxiv_id

USER_AGENT = f"papertui/{__version__} (+https://github.com/papertui/papertui)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
MAX_QUERY_LENGTH = 250
SEARCH_LIMIT = 120


class FetchError(Exception):
    """Fetching failed; `str(error)` is one sentence saying what failed and what to try."""


class BodyTooLarge(FetchError):
    """The answer was larger than the client's `max_body_bytes`; nothing of it is kept."""


class _RetryableError(FetchError):
    """A failure that may pass if the same request is made again (network, timeouts)."""


class _RefusedRedirect(Exception):
    """A redirect to an address papertui will not follow; carries the address's scheme."""


@dataclass(slots=True)
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str


class HFClient:
    """An async client for the Hugging Face Daily Papers service.

    Use as `async with HFClient() as client: papers = await client.fetch_view(view)`.
    All calls on one client share its concurrency limit.
    """

    def __init__(
        self,
        base_url: str = "https://huggingface.co",
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        deadline: float = 30.0,
        max_retries: int = 3,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        max_retry_after: float = 60.0,
        max_body_bytes: int = 20_000_000,
        concurrency: int = 4,
        page_limit: int = 100,
        max_pages: int = 50,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.deadline = deadline
        self.max_retries = max(0, max_retries)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_retry_after = max_retry_after
        self.max_body_bytes = max_body_bytes
        self.page_limit = page_limit
        self.max_pages = max(1, max_pages)
        self._semaphore = asyncio.Semaphore(max(1, concurrency))
        self._http: httpx.AsyncClient | None = None

    async def __aenter__(self) -> HFClient:
        self._client()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections this client holds."""
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(
                headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/html"},
                timeout=httpx.Timeout(self.read_timeout, connect=self.connect_timeout),
                # Redirects are followed by hand, so each target's scheme can be checked.
                follow_redirects=False,
                # httpx builds the next request of a redirect even when not following it,
                # and fails obscurely on odd targets; this hook refuses them first.
                event_hooks={"response": [_refuse_odd_redirects]},
            )
        return self._http

    # --- public fetches -------------------------------------------------------------------

    async def fetch_view(self, view: View) -> list[Paper]:
        """All papers of `view`, deduplicated by id, in the service's order.

        Either the complete list or a `FetchError`: never part of a list.
        """
        if view.kind == "search":
            papers = await self._fetch_search(view)
        else:
            papers = await self._fetch_pages(view)
        if view.kind == "day":
            # The user asked for this batch; a paper listed on it belongs to it, even when
            # its own timestamps (late submissions, time zones) say otherwise.
            for paper in papers:
                paper.day = view.value
        return papers

    async def fetch_paper(self, arxiv_id: str) -> Paper:
        """The paper page of `arxiv_id`, with its code link, stars and project page."""
        paper_id = normalise_arxiv_id(arxiv_id)
        if paper_id is None:
            raise FetchError(f'"{clean_line(arxiv_id)[:40]}" is not an arXiv id; '
                             "use one like 2509.24002.")
        what = f"paper {paper_id}"
        answer = await self._get(f"/papers/{paper_id}", None, what)
        if answer.status == 404:
            raise FetchError(f"Paper {paper_id} is not on Hugging Face (HTTP 404); "
                             "check the arXiv id.")
        self._check_status(answer, what)
        try:
            return parse_paper_page(answer.body.decode("utf-8", "replace"))
        except ParseError as error:
            raise FetchError(f"Could not read the page of {what}: {error}; try again later.")

    # --- views ------------------------------------------------------------------------------

    async def _fetch_pages(self, view: View) -> list[Paper]:
        what = _describe(view)
        by_kind: dict[str, dict[str, str | int]] = {
            "day": {"date": view.value}, "week": {"week": view.value},
            "month": {"month": view.value}, "trending": {"sort": "trending"},
        }
        params = by_kind.get(view.kind, {})
        papers: dict[str, Paper] = {}
        for page in range(self.max_pages):
            page_params = {**params, "limit": self.page_limit, "p": page}
            answer = await self._get("/api/daily_papers", page_params, what)
            self._check_status(answer, what, view)
            batch = _papers_from(answer, what)
            if batch is None:  # a web page stood in for the data: it holds the whole view
                for paper in await self._from_html(answer, view, what):
                    papers.setdefault(paper.id, paper)
                break
            new = [paper for paper in batch if paper.id not in papers]
            for paper in new:
                papers[paper.id] = paper
            # A page with nothing new means the service ignores `p`; stop rather than loop.
            if len(batch) < self.page_limit or not new:
                break
        return list(papers.values())

    async def _fetch_search(self, view: View) -> list[Paper]:
        what, query = _describe(view), view.value.strip()
        if not query:
            raise FetchError("There is nothing to search for; type some words first.")
        if len(query) > MAX_QUERY_LENGTH:
            raise FetchError(f"The search is {len(query)} characters long but Hugging Face "
                             f"accepts at most {MAX_QUERY_LENGTH}; shorten it.")
        answer = await self._get("/api/papers/search", {"q": query, "limit": SEARCH_LIMIT}, what)
        self._check_status(answer, what, view)
        batch = _papers_from(answer, what)
        if batch is None:
            return await self._from_html(answer, view, what)
        return batch

    async def _from_html(self, answer: _Answer, view: View, what: str) -> list[Paper]:
        """Papers from a web page that came instead of JSON, or from the view's listing page."""
        try:
            if papers := parse_listing_html(answer.body.decode("utf-8", "replace")):
                return papers
        except ParseError:
            pass
        page = await self._get(*_listing_page(view), what)
        try:
            if page.status == 200:
                return parse_listing_html(page.body.decode("utf-8", "replace"))
        except ParseError:
            pass
        raise FetchError(f"The service answered with a web page instead of data for {what}; "
                         "try again later.")

    def _check_status(self, answer: _Answer, what: str, view: View | None = None) -> None:
        """Raise a FetchError for any answer other than 200 (retries are already spent)."""
        if (status := answer.status) == 200:
            return
        if status == 400 and view is not None and view.is_dated:
            raise FetchError(f"Hugging Face rejected {what} (HTTP 400); check that it exists "
                             "and is not before the archive starts (2023-05-04).")
        if status == 404:
            raise FetchError(f"Hugging Face has nothing at {answer.url} (HTTP 404) for {what}.")
        if status in (401, 403):
            raise FetchError(f"Hugging Face refused the request for {what} (HTTP {status}); "
                             "try again later, or use --offline to read the cache.")
        raise FetchError(f"Hugging Face answered HTTP {status} for {what}; try again later.")

    # --- one GET, with retries ----------------------------------------------------------------

    async def _get(self, path: str, params: dict | None, what: str,
                   headers: dict[str, str] | None = None) -> _Answer:
        """GET `path`, retrying network failures, 429 and 5xx with capped backoff."""
        url = self.base_url + path
        attempt = 0
        while True:
            try:
                answer = await self._attempt(url, params, what, headers)
            except _RetryableError as error:
                failure: FetchError = error
                wait = self._backoff(attempt)
            else:
                if answer.status not in RETRY_STATUSES:
                    return answer
                failure = _status_failure(answer.status, what)
                retry_after = _retry_after(answer.headers.get("Retry-After"))
                if retry_after is not None and retry_after > self.max_retry_after:
                    raise FetchError(_wait_message(answer.status, retry_after)) from None
                wait = self._backoff(attempt) if retry_after is None else retry_after
            if attempt >= self.max_retries:
                raise failure
            attempt += 1
            await asyncio.sleep(wait)

    def _backoff(self, attempt: int) -> float:
        delay = min(self.backoff_cap, self.backoff_base * 2**attempt)
        # A little jitter keeps parallel fetches from retrying in lockstep.
        return delay + random.uniform(0, delay / 10)

    async def _attempt(self, url: str, params: dict | None, what: str,
                       headers: dict[str, str] | None = None) -> _Answer:
        """One request (following up to MAX_REDIRECTS redirects), body read in full."""
        origin = _origin(url)
        offline = "check your network, or use --offline to read the cache."
        async with self._semaphore:
            try:
                async with asyncio.timeout(self.deadline):
                    return await self._send(url, params, what, headers)
            except TimeoutError:
                message = f"timed out after {self.deadline:g} s"
            except httpx.ConnectTimeout:
                raise _RetryableError(f"Could not connect to {origin} within "
                                      f"{self.connect_timeout:g} s; {offline}") from None
            except httpx.TimeoutException:
                message = f"timed out after {self.read_timeout:g} s without data"
            except httpx.ConnectError as error:
                raise _RetryableError(
                    f"Could not connect to {origin} ({_connect_reason(error)}); {offline}"
                ) from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                raise _RetryableError(f"The connection to {origin} broke off before the answer "
                                      f"for {what} was complete; try again later.") from None
            except httpx.HTTPError as error:  # a bad base URL or the like: retrying won't help
                reason = clean_line(str(error))[:120] or type(error).__name__
                raise FetchError(f"The request for {what} to {origin} failed ({reason}); "
                                 "check the address and try again.") from None
        raise _RetryableError(f"The request for {what} to {origin} {message}; try again later.")

    async def _send(self, url: str, params: dict | None, what: str,
                    headers: dict[str, str] | None = None) -> _Answer:
        client = self._client()
        for _ in range(MAX_REDIRECTS + 1):
            request = client.build_request("GET", url, params=params, headers=headers)
            try:
                response = await client.send(request, stream=True)
            except _RefusedRedirect as refused:
                raise FetchError(f"The service redirected the request for {what} to {refused}, "
                                 "which papertui does not follow; try again later.") from None
            try:
                location = response.headers.get("Location")
                if response.status_code in REDIRECT_STATUSES and location:
                    url = urljoin(str(response.url), location.strip())
                    params = None  # the new address carries its own query
                    continue
                body = b""
                if response.status_code not in RETRY_STATUSES:
                    body = await self._read_body(response, what)
                return _Answer(response.status_code, response.headers, body, str(response.url))
            finally:
                await response.aclose()
        raise FetchError(f"The service redirected the request for {what} more than "
                         f"{MAX_REDIRECTS} times; try again later.")

    async def _read_body(self, response: httpx.Response, what: str) -> bytes:
        too_big = BodyTooLarge(f"The answer for {what} is larger than {self.max_body_bytes:,} "
                             "bytes, so papertui stopped reading it; try again later.")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise too_big
            chunks.append(chunk)
        if declared.isdigit() and response.num_bytes_downloaded < int(declared):
            # httpx normally notices this itself; this keeps a short body from passing as whole.
            raise httpx.RemoteProtocolError("body shorter than Content-Length")
        return b"".join(chunks)

    # --- a paper's context (linked repos, discussion, collections, full text) -----------------

    async def fetch_paper_api(self, paper_id: str) -> dict | None:
        """`/api/papers/{id}`: the paper object with its first linked repos and their totals;
        None when Hugging Face has no page for the paper (404, not retried)."""
        what = f"paper {paper_id}"
        answer = await self._get(f"/api/papers/{_checked_id(paper_id)}", None, what)
        if answer.status == 404:
            return None
        self._check_status(answer, what)
        data = parse_json_body(answer.body)
        if not isinstance(data, dict):
            raise FetchError(f"Could not read {what}: the service sent no paper object; "
                             "papertui may need an update.")
        return data

    async def fetch_repos(self, paper_id: str) -> RepoLinks:
        """`/api/arxiv/{id}/repos`: every model, dataset and Space that cites the paper
        (none for a 404)."""
        what = f"the repos linked to {paper_id}"
        answer = await self._get(f"/api/arxiv/{_checked_id(paper_id)}/repos", None, what)
        if answer.status == 404:
            return RepoLinks()
        self._check_status(answer, what)
        data = parse_json_body(answer.body)
        if not isinstance(data, dict):
            raise FetchError(f"Could not read {what}; papertui may need an update.")
        return parse_repos(data)

    async def fetch_page_context(self, paper_id: str) -> tuple[list[Comment], list[Collection]]:
        """The discussion and collections of the paper page (empty for a 404)."""
        what = f"the page of {paper_id}"
        answer = await self._get(f"/papers/{_checked_id(paper_id)}", None, what)
        if answer.status == 404:
            return [], []
        self._check_status(answer, what)
        return parse_page_context(answer.body)

    async def fetch_full_text(self, paper_id: str) -> FullText:
        """`/papers/{id}.md` as Markdown. Any answer but 2xx (after the usual retries of 429
        and 5xx, which raise) means there is no full text; so does a body over the cap."""
        what = f"the full text of {paper_id}"
        try:
            answer = await self._get(f"/papers/{_checked_id(paper_id)}.md", None, what,
                                     {"Accept": "text/markdown"})
        except BodyTooLarge:
            return FullText(problem=f"The full text is larger than {self.max_body_bytes:,} "
                                    "bytes, so papertui did not keep it; read the PDF instead.")
        if not 200 <= answer.status < 300:
            return FullText(problem=f"Hugging Face has no full text for this paper "
                                    f"(HTTP {answer.status}); read the PDF instead.")
        return parse_full_text(answer.body)


def _checked_id(paper_id: str) -> str:
    """The arXiv id, versionless, or a FetchError: no other text goes into a request path."""
    checked = normalise_arxiv_id(paper_id)
    if checked is None:
        raise FetchError(f'"{clean_line(paper_id)[:40]}" is not an arXiv id; '
                         "use one like 2509.24002.")
    return checked


# --- helpers ------------------------------------------------------------------------------


def _describe(view: View) -> str:
    """How a view is named inside error messages."""
    if view.kind in ("day", "week", "month"):
        return f"{view.kind} {view.value}"
    if view.kind == "search":
        return f'the search "{clean_line(view.value)[:60]}"'
    return {"latest": "the latest papers", "trending": "trending papers"}[view.kind]


def _papers_from(answer: _Answer, what: str) -> list[Paper] | None:
    """The papers of a JSON answer; None when the body is not JSON at all."""
    try:
        data = json.loads(answer.body)
    except ValueError:
        return None
    except RecursionError:  # nesting deep enough to be an attack, not a changed API
        raise FetchError(f"The service sent unreadable data for {what}; try again later.")
    try:
        return parse_items(data)
    except ParseError as error:
        # Valid JSON of another shape is a changed API, not a hiccup: no HTML fallback.
        raise FetchError(f"Could not read {what}: {error}; papertui may need an update.")


def _listing_page(view: View) -> tuple[str, dict | None]:
    """The web page that lists the same papers as the view's JSON endpoint."""
    if view.is_dated:
        return f"/papers/{'date' if view.kind == 'day' else view.kind}/{view.value}", None
    if view.kind == "search":
        return "/papers", {"q": view.value.strip()}
    return ("/papers/trending" if view.kind == "trending" else "/papers"), None


async def _refuse_odd_redirects(response: httpx.Response) -> None:
    """Response hook: raise _RefusedRedirect for a redirect to anything but http(s)."""
    location = response.headers.get("Location")
    if response.status_code not in REDIRECT_STATUSES or not location:
        return
    try:
        target = urljoin(str(response.request.url), location.strip())
        scheme = urlsplit(target).scheme.lower()
        httpx.URL(target)
    except (ValueError, httpx.InvalidURL):
        raise _RefusedRedirect("a malformed address") from None
    if scheme not in ("http", "https"):
        raise _RefusedRedirect(f"a {clean_line(scheme)[:20] or 'schemeless'}: address")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _connect_reason(error: httpx.ConnectError) -> str:
    """Why a connection failed, in a few words, from the chain of causes under `error`."""
    cause: BaseException | None = error
    seen = set()
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ConnectionRefusedError) or "refused" in str(cause).lower():
            return "connection refused"
        if isinstance(cause, socket.gaierror):
            return "the name could not be resolved"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "network unreachable"
        cause = cause.__cause__ or cause.__context__
    return "the connection failed"


def _status_failure(status: int, what: str) -> FetchError:
    if status == 429:
        return FetchError("Hugging Face is rate-limiting requests (HTTP 429); "
                          "wait a few minutes and try again.")
    return FetchError(f"Hugging Face is having trouble (HTTP {status}) with {what}; "
                      "try again in a few minutes.")


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None if absent."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value.strip())
        except (TypeError, ValueError):
            return None
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _wait_message(status: int, seconds: float) -> str:
    seconds = min(seconds, 30 * 86400)  # a silly header must not overflow the clock
    at = dt.datetime.now().astimezone() + dt.timedelta(seconds=seconds)
    when = at.strftime("%H:%M") if seconds < 20 * 3600 else at.strftime("%Y-%m-%d %H:%M")
    minutes = max(1, round(seconds / 60))
    reason = "is rate-limiting requests" if status == 429 else "is unavailable"
    return (
        f"Hugging Face {reason} (HTTP {status}) and asks to wait about {minutes} min; "
        f"try again after {when}."
    )
