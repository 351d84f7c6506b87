"""Damaging a real store the way a disk or a crash would, for the salvage tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from papertui.core.store import STORE_FILENAME, Store


def damage_papers_table(store: Store, data_dir: Path) -> None:
    """Close `store` (checkpointed, so every write is in the main file) and overwrite the
    first page of its papers table, leaving the user's state readable."""
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = data_dir / STORE_FILENAME
    db = sqlite3.connect(path)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'papers'").fetchone()[0]
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size:root * page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))
