"""The store's connections: one per thread that uses it, closed when that thread ends, so a
reader left open all day, refreshing, holds no more connections or files than at start."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
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


def test_closing_the_store_leaves_a_running_threads_connection_to_that_thread(store):
    threads_done = threading.Event()
    release = threading.Event()
    counted: list[int] = []

    def reader() -> None:
        store.paper_count()
        threads_done.set()
        release.wait(5)
        counted.append(store.paper_count())  # after the close: its connection still works

    worker = threading.Thread(target=reader)
    worker.start()
    threads_done.wait(5)
    store.paper_count()
    assert store.open_connections == 2
    store.close()
    assert store.open_connections == 1  # this thread's is closed; the reader's waits
    release.set()
    worker.join()
    assert counted == [0] and store.open_connections == 0  # closed as its thread ended


# Quitting papertui closes the store while a worker thread may be querying it. Run in a
# process of its own: closing a connection under a running thread's queries crashed the
# process (SIGSEGV) on every run of this before the store left it to its thread.
_CLOSE_UNDER_QUERIES = """
import random, sys, threading, time
from papertui.core.store import Store

failures = []
for attempt in range(20):
    store = Store(sys.argv[1])
    started, stop = threading.Event(), threading.Event()

    def queries():
        db = store.db
        started.set()
        number = 0
        try:
            while not stop.is_set():  # a new statement each time, as real queries vary
                db.execute(f"SELECT count(*) + {number} FROM papers").fetchone()
                number += 1
        except Exception as error:
            failures.append(repr(error))

    thread = threading.Thread(target=queries)
    thread.start()
    started.wait()
    time.sleep(random.random() / 100)
    store.close()
    time.sleep(0.005)
    stop.set()
    thread.join()
print(failures)
"""


def test_closing_the_store_while_a_thread_queries_it_never_crashes(tmp_path):
    result = subprocess.run([sys.executable, "-c", _CLOSE_UNDER_QUERIES,
                             str(tmp_path / "papers.db")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"
