"""The watch list: keywords, authors, organizations and submitters the user follows.

A watch is user state, kept in the store beside bookmarks and notes (and in the JSON
backup). A keyword watch uses the search box's syntax (see `fts_query`) plus `-word` or
`-"a phrase"` to exclude. When a watch is saved it is compiled to an FTS5 expression and
its papers are found with one query; papers stored later are matched by `sync_watches`.
The marks are kept in `watch_hits`, so `FilterSpec(watched=True)`, its count and the
list's marks are index reads, not 50 searches.

"New since the last visit" is in core/visit.py.
"""

from __future__ import annotations

import re
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, cast, get_args

from papertui.core.models import StoredPaper, utc_now
from papertui.core.query import PREFIX_MIN_LENGTH, FilterSpec, build_select
from papertui.core.safety import clean_line
from papertui.core.store import Store

WatchKind = Literal["keyword", "author", "org", "submitter"]
WATCH_KINDS: tuple[WatchKind, ...] = get_args(WatchKind)
KIND_LABELS: dict[WatchKind, str] = {
    "keyword": "keyword", "author": "author", "org": "organization", "submitter": "submitter",
}
MAX_TERM = 200
MAX_WATCHES = 500  # far more than anyone follows; keeps one FTS5 query reasonable

_WORD = re.compile(r"\w+", re.UNICODE)
# A keyword expression, piece by piece: an optional "-", then a quoted phrase or a word.
_PIECE = re.compile(r'\s*(-?)(?:"([^"]*)("?)|([^\s"]+))', re.UNICODE)


class WatchError(ValueError):
    """A watch that cannot be saved; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Watch:
    """One thing the user follows."""

    id: int
    kind: WatchKind
    term: str
    created_at: str = ""

    @property
    def label(self) -> str:
        """How the watch is named to the user: 'author Wei Li', 'keyword diffusion -video'."""
        return f"{KIND_LABELS[self.kind]} {self.term}"

    def to_json(self) -> dict[str, object]:
        """The shape of `watch list --json` and of the backup's "watches"."""
        return {"id": self.id, "kind": self.kind, "term": self.term,
                "created_at": self.created_at or None}


# -- what a watch looks for -----------------------------------------------------------------


def _terms(text: str) -> list[str]:
    """FTS5 terms for words or a phrase, with the search box's prefix rule."""
    words = _WORD.findall(text)
    return [f'"{w}"*' if len(w) >= PREFIX_MIN_LENGTH else f'"{w}"' for w in words]


def compile_keyword(text: str) -> str:
    """The FTS5 expression for a keyword watch, or WatchError saying what is wrong.

    Words must all match (as in the search box); "a phrase" matches as a phrase; -word and
    -"a phrase" exclude papers that have them. At least one word must be looked for.
    """
    wanted: list[str] = []
    excluded: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        piece = _PIECE.match(text, position)
        if piece is None or piece.end() == position:  # only trailing spaces are left
            break
        position = piece.end()
        minus, phrase, closing, word = piece.groups()
        if phrase is not None and not closing:
            raise WatchError(f'the quote before "{clean_line(phrase)[:40]}" is never closed')
        if phrase is not None:
            words = _WORD.findall(phrase)
            if not words:
                raise WatchError('"" holds no words to look for')
            term = '"' + " ".join(words) + '"'
            (excluded if minus else wanted).append(term)
        elif word is not None:
            terms = _terms(word)
            if word.startswith("-") and not terms:
                raise WatchError("a lone - excludes nothing: write -word to exclude a word")
            (excluded if minus else wanted).extend(terms)
    if not wanted:
        if excluded:
            raise WatchError("a keyword watch needs a word to look for, not only words to "
                             "exclude (e.g. diffusion -video)")
        raise WatchError("a keyword watch needs at least one word")
    expression = " AND ".join(wanted)
    for term in excluded:
        expression = f"({expression}) NOT {term}"
    return expression


def _clean_term(kind: str, term: str) -> tuple[WatchKind, str, str]:
    """The watch's kind, cleaned term and FTS5 expression (author and keyword watches)."""
    if kind not in WATCH_KINDS:
        raise WatchError(f"unknown kind of watch {kind!r} (expected one of "
                         f"{', '.join(WATCH_KINDS)})")
    checked = cast(WatchKind, kind)
    cleaned = clean_line(term)
    label = KIND_LABELS[checked]
    if not cleaned:
        raise WatchError(f"an {label} watch needs some text" if label[0] in "aeiou"
                         else f"a {label} watch needs some text")
    if len(cleaned) > MAX_TERM:
        raise WatchError(f"the {label} is {len(cleaned)} characters long (at most {MAX_TERM})")
    if checked == "keyword":
        return checked, cleaned, compile_keyword(cleaned)
    if checked == "author":
        words = _WORD.findall(cleaned)
        if not words:
            raise WatchError(f"the author {cleaned!r} holds no letters or digits")
        return checked, cleaned, 'authors : "' + " ".join(words) + '"'
    return checked, cleaned, ""


# -- the list itself ------------------------------------------------------------------------


def list_watches(store: Store) -> list[Watch]:
    """Every watch, oldest first."""
    rows = store.db.execute("SELECT id, kind, term, created_at FROM watches ORDER BY id")
    return [Watch(row[0], row[1], row[2], row[3]) for row in rows]


def get_watch(store: Store, watch_id: int) -> Watch | None:
    """One watch by id, or None."""
    row = store.db.execute("SELECT id, kind, term, created_at FROM watches WHERE id = ?",
                           (watch_id,)).fetchone()
    return Watch(row[0], row[1], row[2], row[3]) if row else None


def add_watch(store: Store, kind: str, term: str) -> Watch:
    """Save a new watch and return it. WatchError (nothing saved) when the term is not
    valid or the same watch exists already."""
    checked, cleaned, match = _clean_term(kind, term)
    now = utc_now()
    with store.write() as tx:
        same = tx.execute("SELECT id FROM watches WHERE kind = ? AND term = ?",
                          (checked, cleaned)).fetchone()
        if same is not None:
            raise WatchError(f"{KIND_LABELS[checked]} {cleaned} is watched already (#{same[0]})")
        count = tx.execute("SELECT count(*) FROM watches").fetchone()[0]
        if count >= MAX_WATCHES:
            raise WatchError(f"there are {count} watches already (at most {MAX_WATCHES})")
        cursor = tx.execute(
            "INSERT INTO watches (kind, term, match, created_at) VALUES (?, ?, ?, ?)",
            (checked, cleaned, match, now))
        watch_id = cursor.lastrowid or 0
        _find_hits(tx, watch_id, checked, cleaned, match)
    return Watch(watch_id, checked, cleaned, now)


def update_watch(store: Store, watch_id: int, term: str) -> Watch:
    """Change what a watch looks for (its kind stays). WatchError when the id is unknown
    or the new term is not valid; nothing is changed then."""
    current = get_watch(store, watch_id)
    if current is None:
        raise WatchError(f"there is no watch #{watch_id} (see `papertui watch list`)")
    checked, cleaned, match = _clean_term(current.kind, term)
    with store.write() as tx:
        same = tx.execute("SELECT id FROM watches WHERE kind = ? AND term = ? AND id != ?",
                          (checked, cleaned, watch_id)).fetchone()
        if same is not None:
            raise WatchError(f"{KIND_LABELS[checked]} {cleaned} is watched already (#{same[0]})")
        tx.execute("UPDATE watches SET term = ?, match = ? WHERE id = ?",
                   (cleaned, match, watch_id))
        _find_hits(tx, watch_id, checked, cleaned, match)
    return Watch(watch_id, checked, cleaned, current.created_at)


def remove_watch(store: Store, watch_id: int) -> Watch:
    """Delete a watch and return what it was; WatchError when there is no such watch."""
    current = get_watch(store, watch_id)
    if current is None:
        raise WatchError(f"there is no watch #{watch_id} (see `papertui watch list`)")
    with store.write() as tx:
        tx.execute("DELETE FROM watch_hits WHERE watch_id = ?", (watch_id,))
        tx.execute("DELETE FROM watches WHERE id = ?", (watch_id,))
    return current


# -- which papers match ---------------------------------------------------------------------


# A paper's authors are one text, a name a line: a whole name is a line of it.
_AUTHOR_IS = ("instr(char(10) || lower(authors) || char(10), "
              "char(10) || lower(?) || char(10))")
_FTS_COLUMNS = "title, abstract, authors, ai_summary, ai_keywords"


def _find_hits(tx: sqlite3.Connection, watch_id: int, kind: str, term: str, match: str) -> None:
    """(Re)compute every paper one watch matches, over the whole store."""
    tx.execute("DELETE FROM watch_hits WHERE watch_id = ?", (watch_id,))
    if kind == "keyword":
        sql = "SELECT ?, rowid FROM papers_fts WHERE papers_fts MATCH ?"
        params: list[object] = [watch_id, match]
    elif kind == "author":
        # The index finds the papers with these words in a row; the check keeps those
        # where they are one whole name (a phrase can span "Zhang Wei" and "Li Ming").
        sql = (f"SELECT ?, pk FROM papers WHERE pk IN (SELECT rowid FROM papers_fts "
               f"WHERE papers_fts MATCH ?) AND {_AUTHOR_IS}")
        params = [watch_id, match, term]
    else:
        column = "organization" if kind == "org" else "submitter"
        sql = f"SELECT ?, pk FROM papers WHERE {column} = ? COLLATE NOCASE"
        params = [watch_id, term]
    tx.execute(f"INSERT OR IGNORE INTO watch_hits (watch_id, pk) {sql}", params)


def sync_watches(store: Store) -> int:
    """Give papers stored or changed since the last call their watch marks; returns how
    many papers were looked at. Costs one read when nothing is waiting. Called by
    `Store.save_papers`, so a fetch or an import never leaves marks behind."""
    db = store.db
    if db.execute("SELECT NOT EXISTS (SELECT 1 FROM watch_dirty)").fetchone()[0]:
        return 0
    done = 0
    with store.write() as tx:
        watches = tx.execute("SELECT id, kind, term, match FROM watches").fetchall()
        while True:
            keys = [row[0] for row in tx.execute("SELECT pk FROM watch_dirty LIMIT 500")]
            if not keys:
                break
            marks = ",".join("?" * len(keys))
            tx.execute(f"DELETE FROM watch_hits WHERE pk IN ({marks})", keys)
            if watches:
                tx.executemany("INSERT OR IGNORE INTO watch_hits (watch_id, pk) VALUES (?, ?)",
                               _hits_among(tx, keys, watches))
            tx.execute(f"DELETE FROM watch_dirty WHERE pk IN ({marks})", keys)
            done += len(keys)
    return done


def _hits_among(tx: sqlite3.Connection, keys: list[int],
                watches: list[tuple[int, str, str, str]]) -> list[tuple[int, int]]:
    """(watch id, key) for the watches these few papers match. Keyword watches run against
    a throwaway in-memory FTS5 table of just these papers, tokenized as the store's index
    is: asking the store's index would walk the whole doclist of every prefix term."""
    marks = ",".join("?" * len(keys))
    hits: list[tuple[int, int]] = []
    keywords = [(watch_id, match) for watch_id, kind, _, match in watches if kind == "keyword"]
    if keywords:
        memory = sqlite3.connect(":memory:")
        try:
            memory.execute(f"CREATE VIRTUAL TABLE few USING fts5({_FTS_COLUMNS}, "
                           "tokenize='unicode61 remove_diacritics 2')")
            memory.executemany(
                f"INSERT INTO few (rowid, {_FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                tx.execute(f"SELECT pk, {_FTS_COLUMNS} FROM papers WHERE pk IN ({marks})", keys))
            for watch_id, match in keywords:
                hits.extend((watch_id, row[0]) for row in
                            memory.execute("SELECT rowid FROM few WHERE few MATCH ?", (match,)))
        finally:
            memory.close()
    for watch_id, kind, term, _ in watches:
        if kind == "keyword":
            continue
        if kind == "author":
            test = _AUTHOR_IS
        else:
            test = ("organization" if kind == "org" else "submitter") + " = ? COLLATE NOCASE"
        hits.extend((watch_id, row[0]) for row in tx.execute(
            f"SELECT pk FROM papers WHERE pk IN ({marks}) AND {test}", [*keys, term]))
    return hits


def count_papers(store: Store, watch: Watch) -> int:
    """How many papers in the store one watch matches."""
    return store.db.execute("SELECT count(*) FROM watch_hits h JOIN papers p ON p.pk = h.pk "
                            "WHERE h.watch_id = ?", (watch.id,)).fetchone()[0]


def watched_keys(store: Store, spec: FilterSpec | None = None) -> frozenset[int]:
    """The store keys of every watched paper (within `spec` when given): built once after a
    fetch or a change of watches, so marking a list row is `key in watched`."""
    sql, params = build_select((spec or FilterSpec()).with_(watched=True, sort="date"))
    joined = store.db.execute(f"SELECT group_concat(pk) FROM ({sql})", params).fetchone()[0]
    return frozenset(array("q", map(int, joined.split(",")))) if joined else frozenset()


def matching_watches(store: Store, paper: StoredPaper) -> list[Watch]:
    """The watches `paper` matches, in the watch list's order (for the detail pane:
    "matches watch: author Wei Li")."""
    return matches_by_key(store, [paper.rowid]).get(paper.rowid, [])


def matches_by_key(store: Store, keys: Sequence[int]) -> dict[int, list[Watch]]:
    """For papers by store key, the watches each matches, in the watch list's order
    (papers matching none are left out)."""
    found: dict[int, list[Watch]] = {}
    for start in range(0, len(keys), 500):
        chunk = list(keys[start:start + 500])
        marks = ",".join("?" * len(chunk))
        rows = store.db.execute(
            "SELECT h.pk, w.id, w.kind, w.term, w.created_at FROM watch_hits h "
            f"JOIN watches w ON w.id = h.watch_id WHERE h.pk IN ({marks}) ORDER BY w.id", chunk)
        for key, watch_id, kind, term, created_at in rows:
            found.setdefault(key, []).append(Watch(watch_id, kind, term, created_at))
    return found


# -- the backup ----------------------------------------------------------------------------


def watches_json(store: Store) -> list[dict[str, object]]:
    """Every watch in the backup's shape."""
    return [watch.to_json() for watch in list_watches(store)]


def parse_watches(value: object) -> list[tuple[WatchKind, str]]:
    """The watches of a backup document ("watches", absent in older files), validated
    whole; ValueError naming the first bad one."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError('"watches" must be a list')
    parsed: list[tuple[WatchKind, str]] = []
    for index, item in enumerate(value):
        where = f"watches[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str) \
                or not isinstance(item.get("term"), str):
            raise ValueError(f'{where} must be an object with text "kind" and "term"')
        try:
            kind, term, _ = _clean_term(item["kind"], item["term"])
        except WatchError as error:
            raise ValueError(f"{where}: {error}") from None
        parsed.append((kind, term))
    return parsed


def restore_watches(store: Store, watches: Iterable[tuple[str, str]]) -> int:
    """Add the watches the store lacks (same kind and term); returns how many were added.
    Restoring the same list twice adds nothing the second time."""
    added = 0
    now = utc_now()
    with store.write() as tx:
        for kind, term in watches:
            checked, cleaned, match = _clean_term(kind, term)
            cursor = tx.execute(
                "INSERT OR IGNORE INTO watches (kind, term, match, created_at) VALUES (?, ?, ?, ?)",
                (checked, cleaned, match, now))
            if cursor.rowcount:
                _find_hits(tx, cursor.lastrowid or 0, checked, cleaned, match)
            added += cursor.rowcount
    return added
