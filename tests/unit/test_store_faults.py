"""Store faults: other processes, kills mid-write, damaged files, read-only and full disks.
The user's bookmarks, read marks and notes must come through every one of them."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fakehf import Reply, make_item
from papertui.core.fetch import last_days
from papertui.core.models import Paper, View
from papertui.core.query import FilterSpec
from papertui.core.repair import open_store
from papertui.core.store import STORE_FILENAME, Store, StoreError

PAPERTUI = str(Path(sys.executable).with_name("papertui"))


def papers(count: int, day: str = "2026-05-04", prefix: str = "2605") -> list[Paper]:
    return [Paper(id=f"{prefix}.{n:05d}", title=f"Paper {n}", abstract="Text " * 50, day=day,
                  upvotes=n) for n in range(1, count + 1)]


def seeded(tmp_path: Path) -> Store:
    store = open_store(tmp_path).store
    store.save_papers(papers(300))
    store.set_bookmarked(["2605.00007", "2605.00100"], True)
    store.set_note("2605.00007", "my note ✍")
    store.set_tags("2605.00100", ["survey"])
    return store


def user_state(store: Store):
    return store.user_states()


def run_cli(*args: str, data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PAPERTUI_DATA_DIR=str(data_dir), PAPERTUI_CONFIG=os.devnull)
    return subprocess.run([PAPERTUI, *args], capture_output=True, text=True, env=env, timeout=timeout)


def test_a_second_process_waits_for_the_write_lock_instead_of_failing(tmp_path):
    store = seeded(tmp_path)
    holder = sqlite3.connect(tmp_path / STORE_FILENAME, isolation_level=None,
                             check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another papertui in the middle of a long write
    releaser = threading.Timer(1.5, lambda: holder.execute("COMMIT"))
    releaser.start()
    started = time.monotonic()
    result = run_cli("bookmark", "2605.00003", data_dir=tmp_path)
    waited = time.monotonic() - started
    releaser.join()
    holder.close()
    assert result.returncode == 0, result.stderr
    assert waited >= 1.0  # it waited its turn...
    assert store.get("2605.00003").state.bookmarked  # ...and then wrote


def test_the_app_and_a_cron_fetch_write_at_the_same_time(tmp_path, hf_server):
    store = seeded(tmp_path)
    days = [v.value for v in last_days(10)]
    hf_server.serve_synthetic_days(days, n_per_day=40)
    fetch = subprocess.Popen(
        [PAPERTUI, "fetch", "--days", "10", "--base-url", hf_server.url],
        env=dict(os.environ, PAPERTUI_DATA_DIR=str(tmp_path), PAPERTUI_CONFIG=os.devnull),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    marked = 0
    while fetch.poll() is None or marked < 50:  # the app keeps marking papers meanwhile
        store.set_read([f"2605.{marked % 300 + 1:05d}"], True)
        marked += 1
    out, err = fetch.communicate(timeout=60)
    assert fetch.returncode == 0, err
    assert out.startswith("fetched 400 papers")
    assert store.count(FilterSpec()) == 700
    assert store.get("2605.00007").state.note == "my note ✍"


def _slow_days(hf_server, days: list[str], per_day: int, delay: float) -> None:
    for number, day in enumerate(days):
        items = [make_item(f"{2601 + number % 12}.{20000 + number * 100 + i:05d}", day=day,
                           title=f"Day {day} paper {i}", summary="Long text " * 200)
                 for i in range(per_day)]
        hf_server.add("/api/daily_papers", Reply(body=items, delay=delay), query={"date": day, "p": "0"})


@pytest.mark.parametrize("kill_after", [0.5, 0.8])
def test_sigkill_mid_fetch_leaves_whole_days_and_intact_user_state(tmp_path, hf_server, kill_after):
    store = seeded(tmp_path)
    before = user_state(store)
    store.close()
    days = [v.value for v in last_days(30)]
    _slow_days(hf_server, days, per_day=60, delay=0.1)
    process = subprocess.Popen(
        [PAPERTUI, "fetch", "--days", "30", "--base-url", hf_server.url],
        env=dict(os.environ, PAPERTUI_DATA_DIR=str(tmp_path), PAPERTUI_CONFIG=os.devnull),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()

    opened = open_store(tmp_path)
    assert opened.messages == []
    store = opened.store
    assert store.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    for day in days:
        saved = store.count(FilterSpec(view=View.day(day)))
        logged = store.fetch_log(View.day(day))
        assert saved == (60 if logged else 0), day  # a day is all there or not at all
    assert user_state(store) == before


_WRITER = """
import sys, time
from papertui.core.models import Paper, View
from papertui.core.repair import open_store
store = open_store(__import__("pathlib").Path(sys.argv[1])).store
with store.write() as tx:
    for n in range(1, 2000):
        tx.execute("INSERT INTO papers (id, title, abstract, day) VALUES (?, ?, ?, '2026-07-01')",
                   (f"2607.{n:05d}", f"Half-written {n}", "z" * 2000))
    tx.execute("UPDATE user_state SET note = 'overwritten'")
    print("in the middle", flush=True)
    time.sleep(60)
"""


def test_sigkill_inside_a_write_transaction_rolls_it_back_whole(tmp_path):
    store = seeded(tmp_path)
    before = (user_state(store), store.count(FilterSpec()))
    store.close()
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "in the middle"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    opened = open_store(tmp_path)
    assert opened.messages == []
    assert opened.store.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert (user_state(opened.store), opened.store.count(FilterSpec())) == before


def test_a_truncated_store_is_moved_aside_and_the_user_told_where(tmp_path):
    store = seeded(tmp_path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = tmp_path / STORE_FILENAME
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    opened = open_store(tmp_path)
    text = " ".join(opened.messages)
    assert "damaged" in text and "moved to" in text
    moved = next(p for p in tmp_path.iterdir() if p.name.startswith(STORE_FILENAME + ".damaged-")
                 and not p.name.endswith(("-wal", "-shm")))
    assert str(moved) in text
    # Either the bookmarks came back, or the message says they could not and how to rescue them.
    states = dict(opened.store.user_states())
    if states:
        assert states["2605.00007"].note == "my note ✍" and "Recovered" in text
    else:
        assert "could not be read" in text and ".recover" in text


def test_damage_found_later_triggers_the_full_check_on_the_next_start(tmp_path):
    store = seeded(tmp_path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = tmp_path / STORE_FILENAME
    db = sqlite3.connect(path)
    # Damage a page in the middle of the full-text index: the quick start-up check does not
    # read it, a search does.
    pages = [row[0] for row in db.execute(
        "SELECT pageno FROM dbstat WHERE name = 'papers_fts_data' AND pagetype = 'leaf'")]
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    if not pages:
        pytest.skip("this SQLite has no dbstat table to find an index page")
    data = bytearray(path.read_bytes())
    page = pages[len(pages) // 2]
    data[(page - 1) * page_size + 8:(page) * page_size] = b"\x07" * (page_size - 8)
    path.write_bytes(bytes(data))

    first = open_store(tmp_path)
    assert first.messages == []
    with pytest.raises(sqlite3.DatabaseError) as caught:
        for word in ("paper", "text", "1", "2", "3"):
            first.store.select(FilterSpec(query=word))
    from papertui.core.store import describe_sqlite_error
    message = describe_sqlite_error(caught.value, path)
    assert "damaged" in message and "start papertui again" in message
    first.store.close()

    second = open_store(tmp_path)
    assert any("moved to" in m for m in second.messages)
    assert dict(second.store.user_states())["2605.00007"].note == "my note ✍"


@pytest.fixture
def small_mount(tmp_path):
    """A real tiny filesystem (tmpfs), so disks can be full or read-only for real."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()

    def mount(options: str) -> Path:
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount_point)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()})")
        return mount_point

    yield mount
    subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_a_read_only_data_dir_gets_a_clear_message(small_mount):
    data = small_mount("size=1m,ro")
    with pytest.raises(StoreError) as caught:
        open_store(data / "papertui")
    assert "papertui" in str(caught.value)
    assert "read-only" in str(caught.value).lower() or "cannot" in str(caught.value).lower()


def test_a_read_only_store_file_keeps_the_data_and_says_so(small_mount, tmp_path):
    data = small_mount("size=4m")
    store = seeded(data)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
    result = run_cli("bookmark", "2605.00003", data_dir=data)
    assert result.returncode == 1
    assert "papertui:" in result.stderr and "Traceback" not in result.stderr
    listed = run_cli("list", "--bookmarked", "--json", data_dir=data)
    if listed.returncode == 0:  # reading still works where SQLite can open read-only
        assert '"2605.00007"' in listed.stdout
    else:  # else the reader is told, in a sentence
        assert "papertui:" in listed.stderr and "Traceback" not in listed.stderr


def test_a_full_disk_fails_the_fetch_cleanly_and_keeps_everything(small_mount):
    data = small_mount("size=600k")
    store = seeded(data)
    before = (user_state(store), store.count(FilterSpec()))
    big = [Paper(id=f"2606.{n:05d}", title=f"Big {n}", abstract="x" * 4000, day="2026-06-01")
           for n in range(1, 400)]
    with pytest.raises(StoreError) as caught:
        store.save_papers(big, View.day("2026-06-01"))
    assert "full" in str(caught.value)
    assert (user_state(store), store.count(FilterSpec())) == before
    assert store.fetch_log(View.day("2026-06-01")) is None


def test_a_full_database_is_reported_even_without_a_small_disk(tmp_path):
    store = seeded(tmp_path)
    before = user_state(store)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StoreError) as caught:
        store.save_papers([Paper(id=f"2606.{n:05d}", title="t", abstract="y" * 3000) for n in range(1, 300)])
    assert "full" in str(caught.value)
    assert user_state(store) == before and store.count(FilterSpec()) == 300
