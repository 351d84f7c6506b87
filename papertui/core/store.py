"""The local SQLite store: fetched papers, the user's own state, and the fetch log.

Fetched data (`papers`, `view_papers`) and the user's state (`user_state`) live in separate
tables, so a re-fetch can overwrite what the service says without ever touching bookmarks,
read marks, notes or tags. Every write is one `BEGIN IMMEDIATE` transaction: a fetch lands
whole or not at all, and a second papertui process waits its turn instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from papertui.core.models import Paper, StoredPaper, UserState, View, utc_now
from papertui.core.query import FilterSpec, build_count, build_select
from papertui.core.schema import MIGRATIONS, SCHEMA_VERSION
from papertui.core.safety import clean_line, clean_text

STORE_FILENAME = "papers.db"
BUSY_TIMEOUT_MS = 15_000
PAGE_CACHE_KIB = 1024  # SQLite page cache per connection


class StoreError(Exception):
    """The store cannot be used; the message says why and what to do."""


_PAPER_COLUMNS = (
    "p.pk, p.id, p.title, p.abstract, p.authors, p.day, p.published_at, p.submitted_at, "
    "p.upvotes, p.comments, p.organization, p.submitter, p.ai_summary, p.ai_keywords, "
    "p.github_repo, p.github_stars, p.project_page, p.thumbnail, "
    "s.bookmarked, s.read, s.note, s.tags, s.bookmarked_at, s.read_at, s.updated_at, "
    "s.not_interested"
)
# The counts of linked repos that core/context_store.py keeps per paper, read with the rows
# of a page so the list can mark papers with models without a query of its own.
_LINKED_COLUMNS = "c.num_models, c.num_datasets, c.num_spaces"
_LINKED_JOIN = "LEFT JOIN paper_context c ON c.paper_id = p.id"


@dataclass(frozen=True, slots=True)
class SaveResult:
    count: int
    new: int


@dataclass(frozen=True, slots=True)
class FetchLogEntry:
    view_key: str
    fetched_at: str
    complete: bool
    count: int


class _Connection:
    """Holds one thread's connection. Kept only in that thread's local storage, so it dies
    with the thread, and its finaliser closes the connection then."""

    __slots__ = ("connection", "__weakref__")

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection


class Store:
    """The papertui database. Safe to share between threads: each thread gets its own
    connection, closed when the thread ends (or when the store is closed)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        # Each thread's connection: its finaliser (which closes it) and the thread.
        self._open: dict[int, tuple[weakref.finalize, threading.Thread]] = {}
        self._lock = threading.Lock()
        self._counting: sqlite3.Connection | None = None  # running count_choices, if any
        self._migrate()

    # -- connections and transactions -----------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        holder = getattr(self._local, "holder", None)
        if holder is None:
            holder = _Connection(self._connect())
            self._local.holder = holder
            # Threads come and go (each fetch runs its own event loop, whose worker threads
            # end with it): a connection kept past its thread would hold two file
            # descriptors until papertui quits.
            with self._lock:
                self._open[id(holder)] = (
                    weakref.finalize(holder, self._release, id(holder), holder.connection),
                    threading.current_thread())
        return holder.connection

    def _release(self, key: int, connection: sqlite3.Connection) -> None:
        with self._lock:
            self._open.pop(key, None)
        connection.close()

    @property
    def open_connections(self) -> int:
        """How many connections are open now (one per thread that has used the store)."""
        with self._lock:
            return len(self._open)

    def _connect(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = NORMAL")
            # Each worker thread has a connection of its own, each with its own page cache:
            # SQLite's default of 2 MB apiece held the app's peak memory over its budget. The
            # operating system caches the file anyway, and searches measure no slower.
            connection.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
            connection.create_function("casefold", 1, _casefold, deterministic=True)
        except sqlite3.Error as error:
            raise StoreError(describe_sqlite_error(error, self.path)) from error
        return connection

    def close(self) -> None:
        """Close this thread's connection, and any whose thread has ended. A connection of a
        thread still running is left to that thread and closed when it ends: closed under a
        query it is running, it crashed the process (say, papertui quitting while a worker
        looked up related papers), and a write in flight would be rolled back."""
        current = threading.current_thread()
        with self._lock:
            finalisers = [finaliser for finaliser, thread in self._open.values()
                          if thread is current or not thread.is_alive()]
        for finaliser in finalisers:
            finaliser()
        self._local.holder = None  # this thread opens a new one if it uses the store again

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: BEGIN IMMEDIATE takes the write lock up front (waiting for
        another process if needed), and everything inside commits together or not at all."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(describe_sqlite_error(error, self.path)) from error
        try:
            yield db
            db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback(db)
            raise StoreError(describe_sqlite_error(error, self.path)) from error
        except BaseException:
            self._rollback(db)
            raise

    @staticmethod
    def _rollback(db: sqlite3.Connection) -> None:
        # SQLite rolls back by itself after some errors (a full disk, for one).
        if db.in_transaction:
            db.execute("ROLLBACK")

    def _migrate(self) -> None:
        db = self.db
        try:
            db.execute("PRAGMA journal_mode = WAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as error:
            raise StoreError(describe_sqlite_error(error, self.path)) from error
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The store {self.path} was written by a newer papertui (schema {version}, this "
                f"version knows {SCHEMA_VERSION}); upgrade papertui, or use another --data-dir."
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            # executescript commits anything pending first, so the step's transaction is
            # written into the script itself.
            script = MIGRATIONS[number - 1]
            try:
                db.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as error:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise StoreError(describe_sqlite_error(error, self.path)) from error

    # -- fetched papers ------------------------------------------------------------------

    def save_papers(self, papers: Sequence[Paper], view: View | None = None) -> SaveResult:
        """Insert or update `papers` and, for a view, record it as completely fetched.

        Fetched fields are replaced; user state is untouched. For the latest batch, trending
        and searches the view's membership and order are replaced too.
        """
        now = utc_now()
        with self.write() as tx:
            # Which of these are new, asked of the id index: counting the whole table
            # before and after grows with the store.
            ids = list(dict.fromkeys(paper.id for paper in papers))
            before = self._keys_of(tx, ids)
            known = len(before)
            tx.executemany(
                """
                INSERT INTO papers (id, title, abstract, authors, day, published_at, submitted_at,
                    upvotes, comments, organization, submitter, ai_summary, ai_keywords,
                    github_repo, github_stars, project_page, thumbnail, fetched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    title = excluded.title, abstract = excluded.abstract,
                    authors = excluded.authors,
                    day = CASE WHEN excluded.day != '' THEN excluded.day ELSE papers.day END,
                    published_at = excluded.published_at,
                    submitted_at = excluded.submitted_at, upvotes = excluded.upvotes,
                    comments = excluded.comments, organization = excluded.organization,
                    submitter = excluded.submitter, ai_summary = excluded.ai_summary,
                    ai_keywords = excluded.ai_keywords, github_repo = excluded.github_repo,
                    github_stars = excluded.github_stars, project_page = excluded.project_page,
                    thumbnail = excluded.thumbnail, fetched_at = excluded.fetched_at
                """,
                [_paper_row(paper, now) for paper in papers],
            )
            # Related papers and the for-you order count the words and authors of new papers
            # (imported here: the app's start never saves, and never pays for it).
            added = {k: v for k, v in self._keys_of(tx, ids).items() if k not in before}
            if added:
                from papertui.core import similarity

                similarity.index_new_papers(tx, added, papers)
            if view is not None:
                if not view.is_dated:
                    tx.execute("DELETE FROM view_papers WHERE view_key = ?", (view.key,))
                    tx.executemany(
                        "INSERT OR IGNORE INTO view_papers (view_key, paper_id, rank) VALUES (?, ?, ?)",
                        [(view.key, paper.id, rank) for rank, paper in enumerate(papers)],
                    )
                tx.execute(
                    "INSERT OR REPLACE INTO fetch_log (view_key, fetched_at, complete, count) "
                    "VALUES (?, ?, 1, ?)",
                    (view.key, now, len(papers)),
                )
        from papertui.core.watch import sync_watches  # here: the watch module imports this one

        sync_watches(self)  # new and changed papers get their watch marks
        return SaveResult(count=len(papers), new=len(ids) - known)

    @staticmethod
    def _keys_of(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, int]:
        """The store keys of the papers with these ids that are in the store."""
        keys: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            keys.update(db.execute(f"SELECT id, pk FROM papers WHERE id IN ({marks})",
                                   chunk).fetchall())
        return keys

    def fetch_log(self, view: View) -> FetchLogEntry | None:
        """When `view` was last fetched completely, or None if never."""
        row = self.db.execute(
            "SELECT view_key, fetched_at, complete, count FROM fetch_log WHERE view_key = ?",
            (view.key,),
        ).fetchone()
        return FetchLogEntry(row[0], row[1], bool(row[2]), row[3]) if row else None

    def last_fetch(self) -> str:
        """When anything was last fetched (ISO time), or "" for a never-fetched store."""
        row = self.db.execute("SELECT max(fetched_at) FROM fetch_log").fetchone()
        return row[0] or ""

    # -- reading -------------------------------------------------------------------------

    def paper_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM papers").fetchone()[0]

    def select_keys(self, spec: FilterSpec, limit: int | None = None) -> array:
        """The store keys of the papers matching `spec` (the first `limit` of them), in
        order: a compact array the list pages through, eight bytes a match and no Python
        objects."""
        sql, params = build_select(spec)
        if limit is not None:
            sql, params = f"{sql} LIMIT ?", [*params, limit]
        # One row, not one row per paper: sqlite3 hands the GIL back and forth at every row,
        # and with the UI thread busy that made a long list take seconds instead of a blink.
        # The concatenation keeps the subquery's order (pinned by a test against select()).
        joined = self.db.execute(f"SELECT group_concat(pk) FROM ({sql})", params).fetchone()[0]
        return array("q", map(int, joined.split(","))) if joined else array("q")

    def ids_for_keys(self, keys: Iterable[int]) -> list[str]:
        """The arXiv ids of the papers with these store keys (unknown keys are skipped)."""
        wanted = list(keys)
        ids: list[str] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            ids.extend(row[0] for row in self.db.execute(
                f"SELECT id FROM papers WHERE pk IN ({marks})", chunk))
        return ids

    def next_unread(self, keys: Sequence[int], start: int) -> int | None:
        """The index in `keys` of the first unread paper at or after `start`, or None."""
        for begin in range(max(0, start), len(keys), 500):
            chunk = list(keys[begin : begin + 500])
            marks = ",".join("?" * len(chunk))
            unread = {row[0] for row in self.db.execute(
                f"SELECT p.pk FROM papers p LEFT JOIN user_state s ON s.paper_id = p.id "
                f"WHERE p.pk IN ({marks}) AND coalesce(s.read, 0) = 0", chunk)}
            for offset, key in enumerate(chunk):
                if key in unread:
                    return begin + offset
        return None

    def unread_among(self, paper_ids: Sequence[str]) -> list[str]:
        """Which of `paper_ids` are not marked read, in the order given."""
        read: set[str] = set()
        for start in range(0, len(paper_ids), 500):
            chunk = list(paper_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            read.update(row[0] for row in self.db.execute(
                f"SELECT paper_id FROM user_state WHERE read = 1 AND paper_id IN ({marks})",
                chunk))
        return [paper_id for paper_id in paper_ids if paper_id not in read]

    def newest_day(self, view: View | None = None) -> str:
        """The newest day that has papers (YYYY-MM-DD), or "" for none: in the whole store,
        or among the papers of `view` (the latest batch may be days older than the store)."""
        return self.day_span(view)[1]

    def day_span(self, view: View | None = None) -> tuple[str, str]:
        """The oldest and newest day that have papers, ("", "") for none: in the whole store,
        or among the papers of a view of the service's own choosing (latest, trending, a
        search); a dated view asks the whole store."""
        row = None
        if view is not None and not view.is_dated:
            row = self.db.execute(
                "SELECT min(p.day), max(p.day) FROM view_papers v JOIN papers p ON p.id = "
                "v.paper_id WHERE v.view_key = ? AND p.day != ''", (view.key,)).fetchone()
        if not row or not row[1]:
            row = self.db.execute(
                "SELECT min(day), max(day) FROM papers WHERE day != ''").fetchone()
        return row[0] or "", row[1] or ""

    def adjacent_day(self, day: str, step: int) -> str | None:
        """The nearest day before (`step` < 0) or after `day` that has papers, or None."""
        if step < 0:
            sql = "SELECT max(day) FROM papers WHERE day != '' AND day < ?"
        else:
            sql = "SELECT min(day) FROM papers WHERE day > ?"
        return self.db.execute(sql, (day,)).fetchone()[0]

    def count(self, spec: FilterSpec) -> int:
        """How many papers match `spec`."""
        sql, params = build_count(spec)
        return self.db.execute(sql, params).fetchone()[0]

    def count_choices(self, choices: Mapping[str, FilterSpec],
                      cancelled: Callable[[], bool] = lambda: False) -> dict[str, int] | None:
        """How many papers each spec in `choices` matches, by name; None when stopped by
        `interrupt_counts` (from any thread) or when `cancelled()` turns true between two
        counts. Meant for a worker thread: the UI starts a new count as the user types."""
        db = self.db
        self._counting = db
        counts: dict[str, int] = {}
        try:
            for name, spec in choices.items():
                if cancelled():
                    return None
                sql, params = build_count(spec)
                counts[name] = db.execute(sql, params).fetchone()[0]
        except sqlite3.OperationalError as error:
            if "interrupt" in str(error).lower():
                return None
            raise
        finally:
            if self._counting is db:
                self._counting = None
        return counts

    def interrupt_counts(self) -> None:
        """Stop the count_choices running now, if any: its query ends at once."""
        running = self._counting
        if running is not None:
            running.interrupt()

    def papers_by_key(self, keys: Iterable[int]) -> dict[int, StoredPaper]:
        """Papers with their user state, by store key."""
        wanted = list(keys)
        found: dict[int, StoredPaper] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT {_PAPER_COLUMNS}, {_LINKED_COLUMNS} FROM papers p "
                f"LEFT JOIN user_state s ON s.paper_id = p.id {_LINKED_JOIN} "
                f"WHERE p.pk IN ({marks})",
                chunk,
            )
            for row in rows:
                found[row[0]] = _stored_paper(row)
        return found

    def select(self, spec: FilterSpec, limit: int | None = None) -> list[StoredPaper]:
        """The papers matching `spec`, in order, with their user state."""
        sql, params = build_select(spec, _PAPER_COLUMNS, with_state=True)
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        return [_stored_paper(row) for row in self.db.execute(sql, params)]

    def get(self, paper_id: str) -> StoredPaper | None:
        """One paper by arXiv id, or None."""
        row = self.db.execute(
            f"SELECT {_PAPER_COLUMNS} FROM papers p "
            "LEFT JOIN user_state s ON s.paper_id = p.id WHERE p.id = ?",
            (paper_id,),
        ).fetchone()
        return _stored_paper(row) if row else None

    def unknown_ids(self, paper_ids: Iterable[str]) -> list[str]:
        """The ids in `paper_ids` that are not in the store, in the order given."""
        return [pid for pid in paper_ids if self.db.execute(
            "SELECT 1 FROM papers WHERE id = ?", (pid,)).fetchone() is None]

    def tags(self) -> list[str]:
        """Every tag in use, sorted; tags differing only in case count once."""
        spellings: dict[str, str] = {}
        for (tag,) in self.db.execute(
                "SELECT DISTINCT json_each.value FROM user_state, json_each(user_state.tags) "
                "ORDER BY 1"):
            spellings.setdefault(str(tag).casefold(), tag)
        return sorted(spellings.values(), key=str.casefold)

    # -- the user's state ----------------------------------------------------------------

    def set_bookmarked(self, paper_ids: Iterable[str], value: bool) -> None:
        """Bookmark or unbookmark papers."""
        now = utc_now()
        self._update_state(
            paper_ids,
            "bookmarked = ?, bookmarked_at = CASE WHEN ? THEN ? ELSE '' END",
            (int(value), int(value), now),
        )

    def set_read(self, paper_ids: Iterable[str], value: bool) -> None:
        """Mark papers read or unread."""
        now = utc_now()
        self._update_state(
            paper_ids, "read = ?, read_at = CASE WHEN ? THEN ? ELSE '' END",
            (int(value), int(value), now),
        )

    def set_note(self, paper_id: str, note: str) -> None:
        """Replace the user's note on a paper."""
        self._update_state([paper_id], "note = ?", (clean_text(note).strip(),))

    def set_tags(self, paper_id: str, tags: Iterable[str]) -> None:
        """Replace the user's tags on a paper (cleaned, deduplicated, in the order given)."""
        self._update_state([paper_id], "tags = ?", (json.dumps(normalise_tags(tags)),))

    def set_not_interested(self, paper_ids: Iterable[str], value: bool) -> None:
        """Mark papers "not interested" (hidden from the for-you order), or clear the mark."""
        self._update_state(paper_ids, "not_interested = ?", (int(value),))

    def _update_state(self, paper_ids: Iterable[str], assignments: str, values: tuple) -> None:
        now = utc_now()
        with self.write() as tx:
            for paper_id in paper_ids:
                tx.execute(
                    "INSERT INTO user_state (paper_id, updated_at) VALUES (?, ?) "
                    "ON CONFLICT (paper_id) DO NOTHING",
                    (paper_id, now),
                )
                tx.execute(
                    f"UPDATE user_state SET {assignments}, updated_at = ? WHERE paper_id = ?",
                    (*values, now, paper_id),
                )

    def restore_state(self, states: Sequence[tuple[str, UserState]]) -> int:
        """Write whole user states (from an import or a salvaged store) in one transaction.
        Returns how many changed."""
        changed = 0
        with self.write() as tx:
            for paper_id, state in states:
                row = (
                    int(state.bookmarked), state.bookmarked_at, int(state.read), state.read_at,
                    clean_text(state.note).strip(), json.dumps(normalise_tags(state.tags)),
                    int(state.not_interested),
                )
                current = tx.execute(
                    "SELECT bookmarked, bookmarked_at, read, read_at, note, tags, not_interested "
                    "FROM user_state WHERE paper_id = ?", (paper_id,)).fetchone()
                if current is not None and tuple(current) == row:
                    continue
                tx.execute(
                    "INSERT OR REPLACE INTO user_state (paper_id, bookmarked, bookmarked_at, read, "
                    "read_at, note, tags, not_interested, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (paper_id, *row, state.updated_at or utc_now()),
                )
                changed += 1
        return changed

    def user_states(self) -> list[tuple[str, UserState]]:
        """Every paper the user has touched, with its state."""
        rows = self.db.execute(
            "SELECT paper_id, bookmarked, read, note, tags, bookmarked_at, read_at, updated_at, "
            "not_interested FROM user_state ORDER BY paper_id")
        return [(row[0], _user_state(row[1:])) for row in rows]


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Tags as stored: single-line, no commas, no duplicates (whatever their case: the first
    spelling is kept), order kept."""
    seen: dict[str, str] = {}
    for tag in tags:
        cleaned = clean_line(str(tag)).replace(",", " ").strip()[:64]
        if cleaned:
            seen.setdefault(cleaned.casefold(), cleaned)
    return list(seen.values())


def _casefold(text: str | None) -> str | None:
    """SQL casefold(): tags compare without case (SQLite's own lower() knows only ASCII)."""
    return text.casefold() if isinstance(text, str) else text


def _paper_row(paper: Paper, now: str) -> tuple:
    return (
        paper.id, paper.title, paper.abstract, "\n".join(paper.authors), paper.day,
        paper.published_at, paper.submitted_at, paper.upvotes, paper.comments,
        paper.organization, paper.submitter, paper.ai_summary, "\n".join(paper.ai_keywords),
        paper.github_repo, paper.github_stars, paper.project_page, paper.thumbnail, now,
    )


def _user_state(row: Sequence) -> UserState:
    bookmarked, read, note, tags, bookmarked_at, read_at, updated_at = row[:7]
    # Rows salvaged from an older or damaged store may lack the later columns.
    not_interested = bool(row[7]) if len(row) > 7 else False
    try:
        tag_list = tuple(json.loads(tags)) if tags else ()
    except ValueError:
        tag_list = ()
    return UserState(
        bookmarked=bool(bookmarked), read=bool(read), note=note or "", tags=tag_list,
        bookmarked_at=bookmarked_at or "", read_at=read_at or "", updated_at=updated_at or "",
        not_interested=not_interested,
    )


def _stored_paper(row: Sequence) -> StoredPaper:
    paper = Paper(
        id=row[1], title=row[2], abstract=row[3],
        authors=tuple(row[4].split("\n")) if row[4] else (), day=row[5],
        published_at=row[6], submitted_at=row[7], upvotes=row[8], comments=row[9],
        organization=row[10], submitter=row[11], ai_summary=row[12],
        ai_keywords=tuple(row[13].split("\n")) if row[13] else (), github_repo=row[14],
        github_stars=row[15], project_page=row[16], thumbnail=row[17],
    )
    linked = None
    if len(row) > 26 and row[26] is not None:  # with _LINKED_COLUMNS, and repos known
        linked = (row[26] or 0, row[27] or 0, row[28] or 0)
    return StoredPaper(paper=paper, state=_user_state(row[18:26]), rowid=row[0], linked=linked)


_DAMAGE_WORDS = ("not a database", "malformed", "corrupt")


def is_damage(error: BaseException | None) -> bool:
    """Whether a SQLite error means the file itself is damaged."""
    return isinstance(error, sqlite3.DatabaseError) and any(
        word in str(error).lower() for word in _DAMAGE_WORDS)


def check_mark(path: Path) -> Path:
    """The file whose presence beside the store at `path` asks for the full integrity check
    at the next start (see `repair.check`)."""
    return path.with_name(path.name + ".needs-check")


def mark_for_check(path: Path) -> None:
    """Leave a mark so the next start runs the full integrity check on `path`."""
    try:
        check_mark(path).touch()
    except OSError:
        pass


def describe_sqlite_error(error: sqlite3.Error, path: Path) -> str:
    """One sentence for the user about a SQLite failure on the store at `path`."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return (f"The store {path} is busy: another papertui is writing to it; "
                "try again in a moment.")
    if "readonly" in text or "read-only" in text:
        return f"The store {path} is read-only; check the permissions of {path.parent}."
    if "unable to open" in text:
        return f"Cannot open the store {path}; check that {path.parent} exists and is writable."
    if "disk" in text and ("full" in text or "i/o" in text):
        return f"Cannot write to the store {path}: the disk is full or failing ({error})."
    if is_damage(error):
        mark_for_check(path)  # the next start runs the full check and rebuilds
        return (f"The store {path} is damaged ({error}); start papertui again to move it "
                "aside and rebuild it (your bookmarks and notes will be salvaged).")
    return f"The store {path} failed: {error}."
