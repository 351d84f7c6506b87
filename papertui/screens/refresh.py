"""Fetching in the background: the current view is refreshed in a worker thread while the
cache stays on screen, and the status line says what came of it. A part of MainScreen (its
methods take `self: MainScreenParts`)."""

from __future__ import annotations

import asyncio

from textual import work
from textual.worker import Worker, WorkerState, get_current_worker

from papertui.core.fetch import FetchSummary
from papertui.core.models import View
from papertui.core.wording import plural, short_date
from papertui.screens.parts import MainScreenParts


class Refreshing:
    """The `f` key, the refresh at start-up, and what the status line says about both."""

    _fetch_worker: Worker[None] | None = None  # the fetch under way or last finished
    _one_day: tuple[View | None, bool] = (None, False)  # MainScreen.lists_one_day's answer

    @property
    def fetching(self: MainScreenParts) -> bool:
        """Whether a fetch is under way."""
        worker = self._fetch_worker
        return worker is not None and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def action_refresh(self: MainScreenParts) -> None:
        if self.offline:
            self.notify("papertui is offline (--offline): start it without --offline to "
                        "fetch.", markup=False, severity="warning")
            return
        self.show_listing(self.listing.refreshed())
        self.refresh_views(True)

    def refresh_views(self: MainScreenParts, force: bool) -> None:
        """Fetch the current view (the latest batch when everything is listed)."""
        if self.offline:
            return
        view = self.listing.view or View("latest")
        self.status.set_message(f"fetching {view.label}…")
        self.status.set_progress(0, None)
        self._fetch_worker = self.fetch([view], force)

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def fetch(self: MainScreenParts, views: list[View], force: bool) -> None:
        from papertui.core.fetch import fetch_views

        def progress(done: int, total: int, view: View) -> None:
            self.app.call_from_thread(self.status.set_progress, done, total)

        worker = get_current_worker()

        async def run() -> FetchSummary:
            task = asyncio.ensure_future(fetch_views(
                self.store, views, base_url=self.base_url, force=force,
                refresh_after_minutes=self.config.refresh_after_minutes, progress=progress,
                client_options=self.client_options))
            # A thread cannot be cancelled from outside: watch the worker, and cancel the
            # fetch (closing its connections) when the app quits or a newer refresh starts.
            # Without this, q during a stalled fetch waited for the thread.
            while not task.done():
                if worker.is_cancelled:
                    task.cancel()
                await asyncio.wait({task}, timeout=0.1)
            return task.result()

        try:
            summary = asyncio.run(run())
        except asyncio.CancelledError:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.fetch_finished, summary)

    def fetch_finished(self: MainScreenParts, summary: FetchSummary) -> None:
        self.status.set_progress(None, None)
        if summary.error:
            self.fetch_failed(summary.error)
            return
        self.fetch_error = ""
        if summary.views:
            self.status.set_message(
                f"{plural(summary.new, 'new paper')} · {summary.count:,} fetched for "
                f"{', '.join(view.label for view in summary.views)}")
        else:
            self.status.set_message(f"{(self.listing.view or View('latest')).label} is up to date")
        # Day, week and month follow what was fetched: on a first start the latest batch
        # may be from a day before today.
        self.listing = self.listing.anchored(self.store.newest_day(self.listing.view))
        self._one_day = (None, False)  # the batch may be of other days now
        self.show_listing(self.listing.refreshed())
        self.paper_list.forget_all()
        self.load_keys()
        self.load_watched()
        self.announce_new_watched()

    def fetch_failed(self: MainScreenParts, error: str) -> None:
        """The refresh failed: say so, and keep showing the cache."""
        self.status.set_progress(None, None)
        self.fetch_error = error
        if self.store.paper_count():
            self.status.set_message(self.offline_message())
            self.notify(error, title="Could not refresh", severity="warning", markup=False)
        else:
            self.status.set_message("offline - nothing cached yet; press f to retry")
        paper_list = self.paper_list
        paper_list.set_keys(paper_list.keys, keep=None, empty_message=self.empty_message())

    def offline_message(self: MainScreenParts) -> str:
        last = self.store.last_fetch()
        if last:
            return f"offline - showing cache from {short_date(last)}"
        count = self.store.paper_count()
        if count:
            return f"offline - showing {plural(count, 'cached paper')}"
        return "offline - nothing cached yet"
