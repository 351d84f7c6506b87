"""A paper's context in the store: linked repos, discussion, collections, full text, and
where the user stopped reading. The SQL for these tables lives here and nowhere else.

A fetch may get only some parts (the page failed, the repos answered): each part that
arrived replaces its stored copy whole, each part that did not is left as it was, so a
failed refresh never erases what was stored. `fetched_at` moves only when every part came.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from papertui.core.context import (
    REPO_KINDS, Collection, Comment, FullText, LinkedRepo, PaperContext, Reaction, RepoKind,
    RepoLinks)
from papertui.core.models import utc_now
from papertui.core.store import Store

TOP_MODELS = 3  # model ids an export names
# For the list's "has models" filter (core/query.py, papers aliased `p`): the set of papers
# with linked models is small, so SQLite builds it once instead of probing per paper.
HAS_MODELS_SQL = "p.id IN (SELECT paper_id FROM paper_context WHERE num_models > 0)"


@dataclass(slots=True)
class ContextUpdate:
    """What one fetch of a paper's context got. None: that part was not fetched (or failed),
    so its stored copy stays."""

    paper_id: str
    has_page: bool = True
    links: RepoLinks | None = None
    comments: list[Comment] | None = None
    collections: list[Collection] | None = None
    full_text: FullText | None = None
    text_only: bool = False  # only the full text was asked for: the context row stays as is

    @property
    def complete(self) -> bool:
        return None not in (self.links, self.comments, self.collections)


@dataclass(frozen=True, slots=True)
class ContextSummary:
    """The linked-repo counts and top model ids of a paper, for exports and the list."""

    num_models: int
    num_datasets: int
    num_spaces: int
    top_models: tuple[str, ...]


def save_context(store: Store, update: ContextUpdate) -> None:
    """Store the parts of a paper's context that `update` holds, in one transaction."""
    now = utc_now()
    pid = update.paper_id
    with store.write() as tx:
        counts: dict[str, int | None] = {}
        if update.links is not None:
            tx.execute("DELETE FROM linked_repos WHERE paper_id = ?", (pid,))
            tx.executemany(
                "INSERT INTO linked_repos (paper_id, kind, position, repo_id, likes, downloads, "
                "last_modified, pipeline_tag, library_name, sdk) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(pid, kind, n, r.id, r.likes, r.downloads, r.last_modified, r.pipeline_tag,
                  r.library_name, r.sdk)
                 for kind in REPO_KINDS for n, r in enumerate(update.links.repos[kind])])
            for kind in REPO_KINDS:
                counts[f"num_{kind}s"] = update.links.count(kind)
        if update.comments is not None:
            tx.execute("DELETE FROM paper_comments WHERE paper_id = ?", (pid,))
            rows = list(_comment_rows(pid, update.comments))
            tx.executemany(
                "INSERT INTO paper_comments (paper_id, position, parent, author, author_fullname, "
                "created_at, edited, hidden, hidden_reason, reactions, text) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
            counts["num_comments"] = len(rows)
        if update.collections is not None:
            tx.execute("DELETE FROM paper_collections WHERE paper_id = ?", (pid,))
            tx.executemany(
                "INSERT INTO paper_collections (paper_id, position, title, url, items, "
                "updated_at) VALUES (?,?,?,?,?,?)",
                [(pid, n, c.title, c.url, c.items, c.updated_at)
                 for n, c in enumerate(update.collections)])
            counts["num_collections"] = len(update.collections)
        if update.full_text is not None:
            _save_full_text(tx, pid, update.full_text, now)
        if update.text_only:
            return
        tx.execute(
            "INSERT INTO paper_context (paper_id, attempted_at, has_page) VALUES (?, ?, ?) "
            "ON CONFLICT (paper_id) DO UPDATE SET attempted_at = excluded.attempted_at, "
            "has_page = excluded.has_page", (pid, now, int(update.has_page)))
        if update.complete:
            tx.execute("UPDATE paper_context SET fetched_at = ?, complete = 1 WHERE paper_id = ?",
                       (now, pid))
        else:
            tx.execute("UPDATE paper_context SET complete = 0 WHERE paper_id = ?", (pid,))
        for column, value in counts.items():  # column names are the fixed ones above
            tx.execute(f"UPDATE paper_context SET {column} = ? WHERE paper_id = ?", (value, pid))


def _save_full_text(tx: sqlite3.Connection, pid: str, full_text: FullText, now: str) -> None:
    if not full_text.available:
        # "No full text" now must not erase a text stored before.
        stored = tx.execute("SELECT markdown IS NOT NULL FROM full_texts WHERE paper_id = ?",
                            (pid,)).fetchone()
        if stored and stored[0]:
            return
    blob = zlib.compress(full_text.markdown.encode("utf-8"), 6) if full_text.available else None
    tx.execute("INSERT OR REPLACE INTO full_texts (paper_id, fetched_at, markdown, problem) "
               "VALUES (?, ?, ?, ?)", (pid, now, blob, full_text.problem))


def _comment_rows(pid: str, comments: Sequence[Comment]) -> Iterable[tuple]:
    """Comments flattened in reading order; a reply names its parent's position."""
    position = 0
    stack: list[tuple[Comment, int | None]] = [(c, None) for c in reversed(comments)]
    while stack:
        comment, parent = stack.pop()
        reactions = json.dumps([[r.emoji, r.count] for r in comment.reactions],
                               ensure_ascii=False)
        yield (pid, position, parent, comment.author, comment.author_fullname,
               comment.created_at, int(comment.edited), int(comment.hidden),
               comment.hidden_reason, reactions, comment.text)
        stack.extend((reply, position) for reply in reversed(comment.replies))
        position += 1


def load_context(store: Store, paper_id: str) -> PaperContext | None:
    """The stored context of a paper, or None when none was ever fetched."""
    db = store.db
    row = db.execute("SELECT fetched_at, complete, has_page, num_models, num_datasets, "
                     "num_spaces FROM paper_context WHERE paper_id = ?", (paper_id,)).fetchone()
    if row is None:
        return None
    context = PaperContext(paper_id=paper_id, fetched_at=row[0], complete=bool(row[1]),
                           has_page=bool(row[2]))
    for kind, total in zip(REPO_KINDS, row[3:]):
        if total:
            context.links.totals[kind] = total
    for r in db.execute(
            "SELECT kind, repo_id, likes, downloads, last_modified, pipeline_tag, library_name, "
            "sdk FROM linked_repos WHERE paper_id = ? ORDER BY kind, position", (paper_id,)):
        if r[0] in REPO_KINDS:
            repo_kind: RepoKind = r[0]
            context.links.repos[repo_kind].append(LinkedRepo(repo_kind, *r[1:]))
    context.comments = _comment_tree(db.execute(
        "SELECT position, parent, author, author_fullname, created_at, edited, hidden, "
        "hidden_reason, reactions, text FROM paper_comments WHERE paper_id = ? "
        "ORDER BY position", (paper_id,)).fetchall())
    context.collections = [Collection(*r) for r in db.execute(
        "SELECT title, url, items, updated_at FROM paper_collections WHERE paper_id = ? "
        "ORDER BY position", (paper_id,))]
    return context


def _comment_tree(rows: list[tuple]) -> list[Comment]:
    children: dict[int | None, list[tuple]] = {}
    for row in rows:
        children.setdefault(row[1], []).append(row)

    def build(parent: int | None, depth: int) -> tuple[Comment, ...]:
        if depth > 16:
            return ()
        return tuple(_comment(row, build(row[0], depth + 1)) for row in children.get(parent, []))
    return list(build(None, 0))


def _comment(row: tuple, replies: tuple[Comment, ...]) -> Comment:
    try:
        reactions = tuple(Reaction(str(e), int(n)) for e, n in json.loads(row[8]))
    except (ValueError, TypeError):
        reactions = ()
    return Comment(author=row[2], author_fullname=row[3], created_at=row[4],
                   edited=bool(row[5]), hidden=bool(row[6]), hidden_reason=row[7],
                   reactions=reactions, text=row[9], replies=replies)


def load_full_text(store: Store, paper_id: str) -> FullText | None:
    """The stored full text (or why there is none), or None when never fetched."""
    row = store.db.execute("SELECT markdown, problem, fetched_at FROM full_texts "
                           "WHERE paper_id = ?", (paper_id,)).fetchone()
    if row is None:
        return None
    if row[0] is None:
        return FullText(problem=row[1], fetched_at=row[2])
    try:
        markdown = zlib.decompress(row[0]).decode("utf-8", "replace")
    except zlib.error:
        return FullText(problem="The stored full text is damaged; fetch it again with f.",
                        fetched_at=row[2])
    return FullText(markdown=markdown, fetched_at=row[2])


def needs_context(store: Store, paper_id: str, *, refresh_hours: float,
                  now: dt.datetime | None = None) -> bool:
    """Whether the paper's context is missing, incomplete, or older than `refresh_hours`."""
    row = store.db.execute("SELECT fetched_at, complete FROM paper_context WHERE paper_id = ?",
                           (paper_id,)).fetchone()
    if row is None or not row[0] or not row[1]:
        return True
    return _older_than(row[0], refresh_hours, now)


def needs_full_text(store: Store, paper_id: str, *, refresh_hours: float,
                    now: dt.datetime | None = None) -> bool:
    """Whether to ask for the full text: never asked, or asked and none was there a while
    ago (a text, once stored, does not change)."""
    row = store.db.execute("SELECT markdown IS NOT NULL, fetched_at FROM full_texts "
                           "WHERE paper_id = ?", (paper_id,)).fetchone()
    if row is None:
        return True
    return not row[0] and _older_than(row[1], refresh_hours, now)


def _older_than(timestamp: str, hours: float, now: dt.datetime | None) -> bool:
    try:
        when = dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return True
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return (now or dt.datetime.now(dt.UTC)) - when > dt.timedelta(hours=hours)


def context_summaries(store: Store, paper_ids: Iterable[str]) -> dict[str, ContextSummary]:
    """Linked-repo counts and the most-liked model ids, for the papers whose context is
    stored (others are left out)."""
    found: dict[str, ContextSummary] = {}
    ids = list(paper_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.db.execute(
            "SELECT paper_id, num_models, num_datasets, num_spaces FROM paper_context "
            f"WHERE paper_id IN ({marks}) AND num_models IS NOT NULL", chunk).fetchall()
        for pid, models, datasets, spaces in rows:
            top = tuple(r[0] for r in store.db.execute(
                "SELECT repo_id FROM linked_repos WHERE paper_id = ? AND kind = 'model' "
                "ORDER BY likes DESC, position LIMIT ?", (pid, TOP_MODELS)))
            found[pid] = ContextSummary(models or 0, datasets or 0, spaces or 0, top)
    return found


def repo_counts(store: Store, paper_ids: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """(models, datasets, Spaces) of the papers whose linked repos are known, for the list's
    badges; one query per 500 ids."""
    found: dict[str, tuple[int, int, int]] = {}
    ids = list(paper_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for pid, models, datasets, spaces in store.db.execute(
                "SELECT paper_id, num_models, num_datasets, num_spaces FROM paper_context "
                f"WHERE paper_id IN ({marks}) AND num_models IS NOT NULL", chunk):
            found[pid] = (models or 0, datasets or 0, spaces or 0)
    return found


def reading_position(store: Store, paper_id: str) -> int:
    """The line of the full text the user last read from (0 when never opened)."""
    row = store.db.execute("SELECT line FROM reading_positions WHERE paper_id = ?",
                           (paper_id,)).fetchone()
    return int(row[0]) if row else 0


def save_reading_position(store: Store, paper_id: str, line: int) -> None:
    """Remember where the user is in a paper's full text."""
    with store.write() as tx:
        tx.execute("INSERT OR REPLACE INTO reading_positions (paper_id, line, updated_at) "
                   "VALUES (?, ?, ?)", (paper_id, max(0, int(line)), utc_now()))
