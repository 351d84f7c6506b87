"""The store's connections: one per thread that uses it, closed when that thread ends, so a
reader left open all day, refreshing, holds no more connections or files than at start."""

from __future__ import annotations

import asyncio
import os
import threading

from papertui.core.fetch import ClientOptions, fetch_views
from papertui.core.models import View

FAST: ClientOptions = {"max_retries": 0, "deadline": 5.0}


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_fifty_refreshes_hold_as_many_connections_and_files_as_one(store, hf_server):
    def refresh() -> None:
        # As the app's refresh does: a fetch runs its own event loop, whose worker threads
        # save each view and end with the loop.
        summary = asyncio.run(fetch_views(store, [View("latest")], base_url=hf_server.url,
                                          force=True, client_options=FAST))
        assert summary.error == "" and summary.count == 30

    refresh()
    after_one = (store.open_connections, open_files())
    for _ in range(49):
        refresh()
    assert (store.open_connections, open_files()) == after_one
    assert store.paper_count() == 30  # and the store still works


def test_a_threads_connection_is_closed_when_the_thread_ends(store):
    store.paper_count()
    before = store.open_connections
    worker = threading.Thread(target=store.paper_count)
    worker.start()
    worker.join()
    assert store.open_connections == before


def test_closing_the_store_closes_every_connection(store):
    threads_done = threading.Event()
    release = threading.Event()

    def reader() -> None:
        store.paper_count()
        threads_done.set()
        release.wait(5)

    worker = threading.Thread(target=reader)
    worker.start()
    threads_done.wait(5)
    store.paper_count()
    assert store.open_connections == 2
    store.close()
    assert store.open_connections == 0
    release.set()
    worker.join()
