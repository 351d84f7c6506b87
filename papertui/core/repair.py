"""Finding and setting aside a damaged store, and salvaging the user's state from it.

Plain file and SQLite work with no Store in it: the store's opening code decides what to do.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from papertui.core.models import utc_now

_DAMAGE_WORDS = ("not a database", "malformed", "corrupt")
USER_STATE_COLUMNS = "paper_id, bookmarked, read, note, tags, bookmarked_at, read_at, updated_at"


def is_damage(error: BaseException | None) -> bool:
    """Whether a SQLite error means the file itself is damaged."""
    return isinstance(error, sqlite3.DatabaseError) and any(
        word in str(error).lower() for word in _DAMAGE_WORDS)


def _mark(path: Path) -> Path:
    return path.with_name(path.name + ".needs-check")


def mark_for_check(path: Path) -> None:
    """Leave a mark so the next start runs the full integrity check on `path`."""
    try:
        _mark(path).touch()
    except OSError:
        pass


def check(db: sqlite3.Connection, path: Path) -> str | None:
    """What is wrong with the open store, or None.

    A full `quick_check` costs ~0.35 s at 100,000 papers, too slow for every start. So each
    start reads the schema and both ends of the papers table (a truncated file fails here),
    and the full check runs only when an earlier run met a damaged page and left the mark.
    """
    mark = _mark(path)
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
    _mark(path).unlink(missing_ok=True)
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
