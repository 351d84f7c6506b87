"""Opening the store, and what happens when it is damaged: finding the damage, setting the
file aside, salvaging the user's state from it, and starting a new store.

The user's bookmarks, read marks, notes and tags are never lost to a damaged file: they are
read back from it where SQLite still can, and the messages say where the old file is kept.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from papertui.core.models import utc_now
from papertui.core.store import (
    STORE_FILENAME, Store, StoreError, _user_state, check_mark, is_damage,
)
from papertui.core.wording import plural

USER_STATE_COLUMNS = "paper_id, bookmarked, read, note, tags, bookmarked_at, read_at, updated_at"


@dataclass(slots=True)
class OpenedStore:
    """The store `open_store` opened, and what the user should be told about it (empty
    unless a damaged store was set aside)."""

    store: Store
    messages: list[str]


def open_store(data_dir: Path) -> OpenedStore:
    """Open (creating if needed) the store in `data_dir`.

    A damaged store is moved aside with its -wal/-shm files and a new one is created; the
    user's bookmarks, read marks, notes and tags are salvaged from the damaged file when it
    can still be read, and the messages say what happened and where the old file is.
    A store from a newer papertui raises StoreError and is left alone.
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot create the data folder {data_dir}: {error.strerror}.") from None
    path = data_dir / STORE_FILENAME
    try:
        store = Store(path)
    except StoreError as error:
        if not is_damage(error.__cause__):
            raise
        return _rebuild(path, str(error.__cause__))
    problem = check(store.db, path) if path.stat().st_size > 0 else None
    if problem is None:
        return OpenedStore(store, [])
    store.close()
    return _rebuild(path, problem)


def _rebuild(path: Path, reason: str) -> OpenedStore:
    moved = move_aside(path)
    rows, salvage_error = salvage_user_state(moved)
    store = Store(path)
    messages = [f"The store was damaged ({reason}); it was moved to {moved} and a new one "
                "was created."]
    if rows:
        store.restore_state([(row[0], _user_state(row[1:])) for row in rows])
        messages.append(f"Recovered bookmarks, read marks, notes and tags for "
                        f"{plural(len(rows), 'paper')} from the damaged store; re-fetch to see "
                        "their papers again.")
    elif salvage_error:
        messages.append(f"Your bookmarks and notes could not be read from it ({salvage_error}); "
                        f"the file is kept at {moved}: `sqlite3 {moved} .recover` may rescue them.")
    watches = salvage_watches(moved)
    if watches:
        from papertui.core.watch import parse_watches, restore_watches  # it imports the store

        readable = []
        for kind, term in watches:  # a damaged row is left out, not the whole list
            try:
                readable += parse_watches([{"kind": kind, "term": term}])
            except ValueError:
                pass
        restored = restore_watches(store, readable) if readable else 0
        if restored:
            messages.append(f"Recovered {plural(restored, 'watch', 'watches')} from the "
                            "damaged store.")
    return OpenedStore(store, messages)


def check(db: sqlite3.Connection, path: Path) -> str | None:
    """What is wrong with the open store, or None.

    A full `quick_check` reads every page of the file, too slow for every start. So each
    start reads the schema and both ends of the papers table (a truncated file fails here),
    and the full check runs only when an earlier run met a damaged page and left the mark.
    """
    mark = check_mark(path)
    try:
        if mark.exists():
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                return result
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        db.execute("SELECT * FROM papers ORDER BY pk LIMIT 1").fetchall()
        db.execute("SELECT * FROM papers ORDER BY pk DESC LIMIT 1").fetchall()
        db.execute("SELECT count(*) FROM user_state").fetchone()
    except sqlite3.DatabaseError as error:
        return str(error)
    mark.unlink(missing_ok=True)
    return None


def move_aside(path: Path) -> Path:
    """Rename the store and its -wal/-shm files to `<name>.damaged-<time>`; returns the new
    name of the store file."""
    stamp = utc_now().replace(":", "").replace("-", "")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    check_mark(path).unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            shutil.move(source, Path(str(moved) + suffix))
    return moved


def salvage_user_state(path: Path) -> tuple[list[tuple], str]:
    """The rows of the user_state table of a damaged store, as far as they can be read, and
    the reason when they cannot ("" when the table simply is not there)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            try:
                rows = db.execute(f"SELECT {USER_STATE_COLUMNS}, not_interested "
                                  "FROM user_state").fetchall()
            except sqlite3.OperationalError as error:  # a store from before the mark
                if "no such column" not in str(error):
                    raise
                rows = db.execute(f"SELECT {USER_STATE_COLUMNS} FROM user_state").fetchall()
        finally:
            db.close()
    except sqlite3.Error as error:
        if "no such table" in str(error):
            return [], ""
        return [], str(error)
    return rows, ""


def salvage_watches(path: Path) -> list[tuple[str, str]]:
    """The (kind, term) of every watch a damaged store still lets us read (none when the
    table is missing or unreadable: the watch list is short enough to add again)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [(row[0], row[1]) for row in
                    db.execute("SELECT kind, term FROM watches ORDER BY id").fetchall()]
        finally:
            db.close()
    except sqlite3.Error:
        return []
