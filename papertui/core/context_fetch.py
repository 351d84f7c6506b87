"""Fetching papers' context (linked repos, discussion, collections, full text) into the
store, for the `show`, `read` and `fetch --context` commands and for the app alike.

Per paper: `/api/papers/{id}` (404: no Hugging Face page), `/api/arxiv/{id}/repos`, the
paper page (discussion and collections) and `/papers/{id}.md`. Two papers at a time, and
every request passes a limiter that keeps under the service's anonymous limits (500 API
calls and 100 page loads per 5 minutes), so a long `fetch --context` slows down instead of
earning 429s. Each paper is saved as it arrives; a part that failed keeps its stored copy.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from papertui.core.context import merge_links, parse_paper_api
from papertui.core.context_store import (
    ContextUpdate, needs_context, needs_full_text, save_context)
from papertui.core.fetch import ClientOptions
from papertui.core.store import Store

ContextProgress = Callable[[int, int, str], None]
PAPERS_AT_ONCE = 2
WINDOW_SECONDS = 300.0
API_CALLS_PER_WINDOW = 450  # of the 500 allowed: room for the app's other fetches
PAGE_LOADS_PER_WINDOW = 90  # of 100


class RateLimiter:
    """At most `limit` events in any `window` seconds; `wait()` sleeps until one is allowed."""

    def __init__(self, limit: int, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = max(1, limit)
        self.window = window
        self.clock = clock
        self._times: deque[float] = deque()
        self._lock = asyncio.Lock()

    def delay(self) -> float:
        """Seconds until the next event is allowed (0: now)."""
        now = self.clock()
        while self._times and now - self._times[0] >= self.window:
            self._times.popleft()
        if len(self._times) < self.limit:
            return 0.0
        return self._times[0] + self.window - now

    async def wait(self) -> None:
        async with self._lock:
            while (pause := self.delay()) > 0:
                await asyncio.sleep(pause)
            self._times.append(self.clock())


@dataclass(slots=True)
class ContextFetchSummary:
    """What a context fetch did, for the one-line report."""

    fetched: list[str] = field(default_factory=list)  # saved (wholly or partly)
    cached: list[str] = field(default_factory=list)  # fresh enough: not asked for
    no_page: list[str] = field(default_factory=list)  # Hugging Face has no page for these
    errors: dict[str, str] = field(default_factory=dict)  # paper id -> one sentence

    def describe(self) -> str:
        """One line: "context of 3 papers fetched; 1 cached"."""
        parts = [f"context of {len(self.fetched)} paper{'s' * (len(self.fetched) != 1)} fetched"]
        if self.cached:
            parts.append(f"{len(self.cached)} already fresh")
        if self.no_page:
            parts.append(f"{len(self.no_page)} without a Hugging Face page")
        if self.errors:
            first_id, first = next(iter(self.errors.items()))
            parts.append(f"{len(self.errors)} failed ({first_id}: {first})")
        return "; ".join(parts)


async def fetch_context(
    store: Store,
    ids: Sequence[str],
    *,
    base_url: str,
    client_options: ClientOptions | None = None,
    progress: ContextProgress | None = None,
    refresh_hours: float = 24.0,
    force: bool = False,
    full_text: bool = True,
    limiters: tuple[RateLimiter, RateLimiter] | None = None,
) -> ContextFetchSummary:
    """Fetch the context (and, with `full_text`, the Markdown) of every paper in `ids` that
    is missing or older than `refresh_hours`, saving each paper as it arrives. Failures are
    collected per paper in the summary; they never erase what was stored."""
    summary = ContextFetchSummary()
    wanted: list[str] = []
    text_only: set[str] = set()  # context fresh, full text missing: one request, not four
    for paper_id in dict.fromkeys(ids):
        stale = force or await asyncio.to_thread(
            needs_context, store, paper_id, refresh_hours=refresh_hours)
        text_missing = full_text and await asyncio.to_thread(
            needs_full_text, store, paper_id, refresh_hours=refresh_hours)
        if stale or text_missing:
            wanted.append(paper_id)
            if not stale:
                text_only.add(paper_id)
        else:
            summary.cached.append(paper_id)
    if progress:
        progress(0, len(wanted), wanted[0] if wanted else "")
    if not wanted:
        return summary
    from papertui.core.client import FetchError, HFClient

    api, pages = limiters or (RateLimiter(API_CALLS_PER_WINDOW, WINDOW_SECONDS),
                              RateLimiter(PAGE_LOADS_PER_WINDOW, WINDOW_SECONDS))
    gate = asyncio.Semaphore(PAPERS_AT_ONCE)
    done = 0

    async with HFClient(base_url, **(client_options or {})) as client:
        async def one(paper_id: str) -> None:
            nonlocal done
            async with gate:
                if paper_id in text_only:
                    update, error = await _fetch_text(client, paper_id, pages, FetchError)
                else:
                    update, error = await _fetch_one(client, paper_id, api, pages, full_text,
                                                     force, store, refresh_hours, FetchError)
            if update is not None:
                await asyncio.to_thread(save_context, store, update)
                summary.fetched.append(paper_id)
                if not update.has_page:
                    summary.no_page.append(paper_id)
            if error:
                summary.errors[paper_id] = error
            done += 1
            if progress:
                progress(done, len(wanted), paper_id)

        await asyncio.gather(*(one(paper_id) for paper_id in wanted))
    return summary


async def _fetch_one(client, paper_id: str, api: RateLimiter, pages: RateLimiter,
                     full_text: bool, force: bool, store: Store, refresh_hours: float,
                     fetch_error: type[Exception]) -> tuple[ContextUpdate | None, str]:
    """One paper's parts; the first failure is reported, the parts that came are kept."""
    update = ContextUpdate(paper_id)
    errors: list[str] = []

    async def part(limiter: RateLimiter, call, *args):
        await limiter.wait()
        try:
            return await call(*args)
        except fetch_error as error:
            errors.append(str(error))
            return None

    paper = await part(api, client.fetch_paper_api, paper_id)
    if errors:
        return None, errors[0]  # the id itself is refused, or the service is down
    update.has_page = paper is not None
    every = await part(api, client.fetch_repos, paper_id)
    if every is not None or not errors:
        update.links = merge_links(parse_paper_api(paper), every)
    if update.has_page:
        page = await part(pages, client.fetch_page_context, paper_id)
        if page is not None:
            update.comments, update.collections = page
        if full_text and (force or await asyncio.to_thread(
                needs_full_text, store, paper_id, refresh_hours=refresh_hours)):
            update.full_text = await part(pages, client.fetch_full_text, paper_id)
    else:
        update.comments, update.collections = [], []
        if full_text:
            update.full_text = _no_page_text()
    if paper is not None:
        await asyncio.to_thread(_save_paper, store, paper)
    return update, errors[0] if errors else ""


async def _fetch_text(client, paper_id: str, pages: RateLimiter,
                      fetch_error: type[Exception]) -> tuple[ContextUpdate | None, str]:
    """Only the full text, for a paper whose context is fresh."""
    await pages.wait()
    try:
        text = await client.fetch_full_text(paper_id)
    except fetch_error as error:
        return None, str(error)
    return ContextUpdate(paper_id, full_text=text, text_only=True), ""


def _no_page_text():
    from papertui.core.context import FullText

    return FullText(problem="Hugging Face has no page for this paper, so no full text; "
                            "read the PDF instead.")


def _save_paper(store: Store, data: dict) -> None:
    """A paper `show` asked for that no list had brought: keep it, so it can be listed."""
    from papertui.core.parse import ParseError, parse_item

    try:
        paper = parse_item(data)
    except ParseError:
        return
    if store.get(paper.id) is None:  # a list's copy counts more (comments, its day)
        store.save_papers([paper])
