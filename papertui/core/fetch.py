"""Fetching views from the service into the store, and deciding what needs fetching.

A finished past day, week or month never changes, so once fetched completely it is not
fetched again unless forced. The latest batch, trending, searches and the current
day/week/month are re-fetched when their copy is older than the configured age.
Each view is saved in one transaction: it lands whole or not at all.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from papertui.core.models import View
from papertui.core.store import Store
from papertui.core.wording import plural

Progress = Callable[[int, int, View], None]


class ClientOptions(TypedDict, total=False):
    """How patient the HTTP client is: HFClient's keyword arguments, passed through from the
    app or a command to every client a fetch makes (tests make them small)."""

    connect_timeout: float
    read_timeout: float
    deadline: float
    max_retries: int
    backoff_base: float
    backoff_cap: float
    max_retry_after: float
    max_body_bytes: int
    concurrency: int
    page_limit: int
    max_pages: int

# The service's day rolls over in New York.
SERVICE_TIMEZONE = "America/New_York"


@dataclass(slots=True)
class FetchSummary:
    """What a fetch did, for the one-line report."""

    views: list[View] = field(default_factory=list)  # fetched from the service
    cached: list[View] = field(default_factory=list)  # skipped: already complete in the store
    count: int = 0
    new: int = 0
    error: str = ""  # set when a view failed; views fetched before it are kept

    def describe(self, requested: Sequence[View]) -> str:
        """One line: "fetched 37 papers (5 new) for Fri 08 May 2026"."""
        target = describe_views(requested)
        if self.error:
            done = f"; fetched {len(self.views)} of {len(requested)} first" if self.views else ""
            return f"{self.error}{done}"
        if not self.views and self.cached:
            return f"already up to date: {target} (use --force to fetch again)"
        text = f"fetched {plural(self.count, 'paper')} ({self.new:,} new) for {target}"
        if self.cached:
            text += f"; {len(self.cached)} cached"
        return text


def describe_views(views: Sequence[View]) -> str:
    """A short name for a list of views: one label, or the range of days."""
    if len(views) == 1:
        return views[0].label
    days = sorted(view.value for view in views if view.kind == "day")
    if len(days) == len(views) and days:
        return f"{len(days)} days, {days[0]} to {days[-1]}"
    return f"{len(views)} views"


def service_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date where the service's day rolls over."""
    now = now or dt.datetime.now(dt.UTC)
    try:
        from zoneinfo import ZoneInfo

        return now.astimezone(ZoneInfo(SERVICE_TIMEZONE)).date()
    except Exception:  # no time zone data on this system: New York is UTC-5 or -4
        return (now - dt.timedelta(hours=5)).date()


def last_days(count: int, today: dt.date | None = None) -> list[View]:
    """Day views for the last `count` days, today first."""
    today = today or service_today()
    return [View.day(today - dt.timedelta(days=offset)) for offset in range(count)]


def is_finished(view: View, today: dt.date) -> bool:
    """Whether a view covers only days that are over, so its list can no longer change."""
    dates = view.date_range()
    return dates is not None and dates[1] < today.isoformat()


def needs_fetch(
    store: Store, view: View, *, refresh_after_minutes: float, force: bool = False,
    now: dt.datetime | None = None,
) -> bool:
    """Whether `view` should be fetched from the service now."""
    if force:
        return True
    entry = store.fetch_log(view)
    if entry is None or not entry.complete:
        return True
    now = now or dt.datetime.now(dt.UTC)
    if is_finished(view, service_today(now)):
        return False
    fetched = dt.datetime.fromisoformat(entry.fetched_at.replace("Z", "+00:00"))
    return now - fetched > dt.timedelta(minutes=refresh_after_minutes)


async def fetch_views(
    store: Store,
    views: Sequence[View],
    *,
    base_url: str,
    force: bool = False,
    refresh_after_minutes: float = 60,
    progress: Progress | None = None,
    client_options: ClientOptions | None = None,
) -> FetchSummary:
    """Fetch every view that needs it (at most four requests at a time) and save each
    one whole as it arrives. Stops at the first failure, keeping the views already saved;
    the summary's `error` says what failed."""
    summary = FetchSummary()
    wanted = []
    for view in views:
        if needs_fetch(store, view, refresh_after_minutes=refresh_after_minutes, force=force):
            wanted.append(view)
        else:
            summary.cached.append(view)
    if progress:
        progress(0, len(wanted), wanted[0] if wanted else views[0])
    if not wanted:
        return summary
    # The network stack (httpx is slow to import) loads only when a request is to be made.
    from papertui.core.client import FetchError, HFClient

    async with HFClient(base_url, **(client_options or {})) as client:
        async def fetch_one(view: View) -> tuple[View, list]:
            return view, await client.fetch_view(view)

        tasks = [asyncio.create_task(fetch_one(view)) for view in wanted]
        try:
            for done in asyncio.as_completed(tasks):
                view, papers = await done
                result = await asyncio.to_thread(store.save_papers, papers, view)
                summary.views.append(view)
                summary.count += result.count
                summary.new += result.new
                if progress:
                    progress(len(summary.views), len(wanted), view)
        except FetchError as error:
            summary.error = str(error)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    return summary

