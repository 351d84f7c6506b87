"""What the user asks to see (a FilterSpec) turned into SQL over the store.

Kept apart from the store so the rules are readable in one place and testable without a
database: every filter, every sort, and how typed search text becomes a safe FTS5 query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from papertui.core.models import Sort, View

# bm25 ranking costs a few microseconds for every matching paper, so as-you-type search
# orders by the chosen sort; "relevance" ranks by bm25. The app switches to relevance by
# itself when a query matches few papers (see RANK_SMALL_MATCHES).
RANK_SMALL_MATCHES = 2000

# Each order is served by a covering index (see the store's schema), so listing all
# 100,000 papers walks one index and never sorts.
_ORDER = {
    "upvotes": "p.upvotes DESC, p.day DESC",
    "date": "p.day DESC, p.upvotes DESC",
    "stars": "p.github_stars DESC, p.upvotes DESC",
    "comments": "p.comments DESC, p.upvotes DESC",
}

# Words this long or longer match as prefixes while typing; shorter ones ("3D", "RL") must
# match whole words, which also keeps one- and two-letter prefixes (which match nearly every
# paper and are slow in FTS5) off the per-keystroke path.
PREFIX_MIN_LENGTH = 3

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|([\w][\w\'.+-]*)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class FilterSpec:
    """Everything that decides which papers are listed, and in what order."""

    query: str = ""
    view: View | None = None  # None: everything cached
    since: str = ""  # inclusive day bounds (YYYY-MM-DD), combined with the view's range
    until: str = ""
    unread: bool = False
    bookmarked: bool = False
    has_code: bool = False
    has_models: bool = False  # linked models known from the paper's context
    min_upvotes: int = 0
    tag: str = ""
    sort: Sort = "upvotes"
    # Papers shown even though the unread filter would now hide them: the ones the user
    # read during this session stay in place until the next refresh.
    keep: frozenset[str] = field(default_factory=frozenset)
    # Only papers some watch matches (see core/watch.py); only papers stored after the one
    # with this store key ("new since the last visit": keys only grow).
    watched: bool = False
    arrived_after: int = 0

    def with_(self, **changes: object) -> FilterSpec:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def fts_query(text: str) -> str:
    """Turn what the user typed into an FTS5 query that cannot be a syntax error.

    Words of PREFIX_MIN_LENGTH letters or more match as prefixes (for as-you-type search),
    shorter ones as whole words; all must match; text in double quotes matches as a phrase.
    Operators and punctuation are treated as plain text.
    """
    terms: list[str] = []
    for phrase, word in _PHRASE_OR_WORD.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        else:
            terms.extend(f'"{part}"*' if len(part) >= PREFIX_MIN_LENGTH else f'"{part}"'
                         for part in _WORD.findall(word))
    return " ".join(terms)


def build_select(spec: FilterSpec, columns: str = "p.pk", *, with_state: bool = False
                 ) -> tuple[str, list[object]]:
    """SQL selecting `columns` of the papers matching `spec`, in the spec's order.
    `with_state` joins the user's state as `s` for columns that need it."""
    where, params, joins = _where(spec)
    match = fts_query(spec.query)
    order = _ORDER.get(spec.sort, _ORDER["upvotes"])
    ranked = ""
    if spec.sort == "relevance" and match:
        # The ranking comes first in the SQL (a WITH), so its parameters come first too.
        ranked = _RANKED
        joins.append("JOIN ranked f ON f.rowid = p.pk")
        params[:0] = [match, match]
        order = "f.score, p.upvotes DESC"
    elif match:
        where.append(_MATCHES)
        params.extend((match, match))
    elif spec.sort == "relevance" and spec.view is not None and not spec.view.is_dated:
        order = "v.rank"  # the service's own order stands in for relevance
    if with_state:
        joins.insert(0, "LEFT JOIN user_state s ON s.paper_id = p.id")
    sql = (
        f"{ranked}SELECT {columns} FROM papers p "
        + " ".join(joins)
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {order}"
    )
    return sql, params


def build_count(spec: FilterSpec) -> tuple[str, list[object]]:
    """SQL counting the papers matching `spec`."""
    where, params, joins = _where(spec)
    match = fts_query(spec.query)
    if match:
        where.append(_MATCHES)
        params.extend((match, match))
    # Counting has no order to follow, and SQLite then scans the table itself (reading
    # every paper's text); the day index answers every filter alone.
    source = "papers p" if joins else "papers p INDEXED BY papers_by_day"
    sql = (
        f"SELECT count(*) FROM {source} "
        + " ".join(joins)
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    return sql, params


# Every set filter is a membership test with a unary +, which stops SQLite from driving the
# query from the sets: it walks one covering index (in the wanted order) and tests each
# paper against the sets instead. Driving from the sets looked papers up one by one, which
# took seconds for a common word with "unread", and far longer when it crossed two sets
# (search + bookmarked); the walk costs about the same whatever the filters.
#
# A paper matches when its text or the user's note on it holds every word (one or the other,
# not the two together: each FTS table answers the whole query).
# UNION ALL: the IN list drops duplicates itself, so a second de-duplicating pass over
# every match (UNION's temporary b-tree) would be wasted.
_MATCHES = ("+p.pk IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? "
            "UNION ALL SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?)")

# bm25 by column weight (title first); a paper matched by both its text and the user's note
# adds the two scores (bm25 is negative: lower ranks higher), so the note lifts it.
_RANKED = (
    "WITH ranked (rowid, score) AS (SELECT rowid, sum(score) FROM ("
    "SELECT rowid, bm25(papers_fts, 10.0, 1.0, 3.0, 2.0, 4.0) AS score FROM papers_fts "
    "WHERE papers_fts MATCH ? "
    "UNION ALL SELECT rowid, bm25(notes_fts, 10.0) FROM notes_fts WHERE notes_fts MATCH ?"
    ") GROUP BY rowid) ")


def _where(spec: FilterSpec) -> tuple[list[str], list[object], list[str]]:
    where: list[str] = []
    params: list[object] = []
    joins: list[str] = []
    view = spec.view
    if view is not None:
        dates = view.date_range()
        if dates is not None:
            where.append("p.day BETWEEN ? AND ?")
            params.extend(dates)
        else:
            joins.append("JOIN view_papers v ON v.paper_id = p.id AND v.view_key = ?")
            params.append(view.key)
    if spec.since:
        where.append("p.day >= ?")
        params.append(spec.since)
    if spec.until:
        where.append("p.day <= ?")
        params.append(spec.until)
    if spec.unread:
        unread = "+p.id NOT IN (SELECT paper_id FROM user_state WHERE read = 1)"
        if spec.keep:
            marks = ",".join("?" * len(spec.keep))
            where.append(f"({unread} OR +p.id IN ({marks}))")
            params.extend(sorted(spec.keep))
        else:
            where.append(unread)
    if spec.bookmarked:
        where.append("+p.id IN (SELECT paper_id FROM user_state WHERE bookmarked = 1)")
    if spec.has_code:
        where.append("p.has_code")
    if spec.has_models:
        # Imported here: context_store imports the store, which imports this module.
        from papertui.core.context_store import HAS_MODELS_SQL

        where.append(HAS_MODELS_SQL)
    if spec.min_upvotes > 0:
        where.append("p.upvotes >= ?")
        params.append(spec.min_upvotes)
    if spec.tag:
        # Tags match whatever their case ("agents" finds "Agents"), in every alphabet:
        # casefold is Python's, given to each connection by the store.
        where.append("+p.id IN (SELECT paper_id FROM user_state, json_each(user_state.tags) "
                     "WHERE casefold(json_each.value) = ?)")
        params.append(spec.tag.casefold())
    if spec.watched:
        where.append(WATCHED)
    if spec.arrived_after > 0:
        where.append("p.pk > ?")
        params.append(spec.arrived_after)
    # A view's join parameter was added first, matching its place before WHERE in the SQL.
    return where, params, joins


# The papers any watch matches: core/watch.py keeps this table current (after every save
# and every change of the watch list), so the filter is one index read.
WATCHED = "+p.pk IN (SELECT pk FROM watch_hits)"
