"""Remembered marks (the last visit, the previous digest of each kind) and "new watched
papers since the last visit".

"New" relies on store keys only growing: a paper stored after a visit has a key above the
largest key at that visit, so a re-fetch of a known paper is never new.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from papertui.core.models import utc_now
from papertui.core.query import FilterSpec
from papertui.core.store import Store


@dataclass(frozen=True, slots=True)
class Visit:
    """A start of the app: when, and the largest store key then."""

    at: str
    key: int

    @property
    def label(self) -> str:
        """The visit's day as people say it: 'Tue 12 May'."""
        try:
            when = dt.datetime.fromisoformat(self.at.replace("Z", "+00:00"))
        except ValueError:
            return self.at
        return when.strftime("%a %d %b").replace(" 0", " ")


def read_mark(store: Store, name: str) -> str | None:
    """A remembered value (the last visit, the previous digest of a kind), or None."""
    row = store.db.execute("SELECT value FROM marks WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def write_mark(store: Store, name: str, value: str) -> None:
    """Remember `value` under `name`."""
    with store.write() as tx:
        tx.execute("INSERT OR REPLACE INTO marks (name, value) VALUES (?, ?)", (name, value))


def newest_key(store: Store) -> int:
    """The largest store key (0 for an empty store)."""
    return store.db.execute("SELECT coalesce(max(pk), 0) FROM papers").fetchone()[0]


def _read_visit(value: str | None) -> Visit | None:
    try:
        data = json.loads(value) if value else None
        return Visit(str(data["at"]), int(data["key"])) if isinstance(data, dict) else None
    except (ValueError, KeyError, TypeError):
        return None


def begin_visit(store: Store) -> Visit | None:
    """Call once when the app starts, before its background refresh: returns the previous
    visit (None on the first) and remembers this one (now, the largest key now)."""
    previous = _read_visit(read_mark(store, "last_visit"))
    mark_visit(store)
    return previous


def mark_visit(store: Store) -> None:
    """Remember now as the last visit (e.g. again when the app quits, so papers seen during
    this session are not new next time)."""
    write_mark(store, "last_visit",
               json.dumps({"at": utc_now(), "key": newest_key(store)}))


def new_watched_spec(since: Visit) -> FilterSpec:
    """Exactly the watched papers stored since `since`, newest first."""
    return FilterSpec(watched=True, arrived_after=since.key, sort="date")


def count_new_watched(store: Store, since: Visit) -> int:
    """How many watched papers were stored since the visit `since` (the same papers as
    `new_watched_spec(since)` lists, counted from the marks' own index)."""
    return store.db.execute(
        "SELECT count(*) FROM papers WHERE pk > ? AND pk IN "
        "(SELECT pk FROM watch_hits WHERE pk > ?)", (since.key, since.key)).fetchone()[0]


def describe_new(count: int, since: Visit) -> str:
    """'7 new watched papers since Tue 12 May' (or '1 new watched paper since ...')."""
    noun = "paper" if count == 1 else "papers"
    return f"{count:,} new watched {noun} since {since.label}"
