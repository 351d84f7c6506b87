"""What the user asks to see (a FilterSpec) turned into SQL over the store.

Kept apart from the store so the rules are readable in one place and testable without a
database: every filter, every sort, and how typed search text becomes a safe FTS5 query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from papertui.core.models import View

SORTS = ("upvotes", "date", "stars", "relevance")

# bm25 ranking costs a few microseconds for every matching paper, so as-you-type search
# orders by the chosen sort; "relevance" ranks by bm25. The app switches to relevance by
# itself when a query matches few papers (see RANK_SMALL_MATCHES).
RANK_SMALL_MATCHES = 2000

_ORDER = {
    "upvotes": "p.upvotes DESC, p.day DESC, p.pk DESC",
    "date": "p.day DESC, p.upvotes DESC, p.pk DESC",
    "stars": "COALESCE(p.github_stars, -1) DESC, p.upvotes DESC, p.pk DESC",
}

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
    min_upvotes: int = 0
    tag: str = ""
    sort: str = "upvotes"
    # Papers shown even though the unread filter would now hide them: the ones the user
    # read during this session stay in place until the next refresh.
    keep: frozenset[str] = field(default_factory=frozenset)

    def with_(self, **changes: object) -> FilterSpec:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def fts_query(text: str) -> str:
    """Turn what the user typed into an FTS5 query that cannot be a syntax error.

    Words match as prefixes (for as-you-type search) and all must match; text in double
    quotes matches as a phrase. Operators and punctuation are treated as plain text.
    """
    terms: list[str] = []
    for phrase, word in _PHRASE_OR_WORD.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        else:
            terms.extend(f'"{part}"*' for part in _WORD.findall(word))
    return " ".join(terms)


def build_select(spec: FilterSpec, columns: str = "p.pk") -> tuple[str, list[object]]:
    """SQL selecting `columns` of the papers matching `spec`, in the spec's order."""
    where, params, joins = _where(spec)
    match = fts_query(spec.query)
    order = _ORDER.get(spec.sort, _ORDER["upvotes"])
    if spec.sort == "relevance" and match:
        joins.append("JOIN papers_fts f ON f.rowid = p.pk")
        where.append("papers_fts MATCH ?")
        params.append(match)
        order = "bm25(papers_fts, 10.0, 1.0, 3.0, 2.0, 4.0), p.upvotes DESC"
    elif match:
        where.append("p.pk IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)")
        params.append(match)
    elif spec.view is not None and spec.view.kind in ("latest", "trending", "search"):
        if spec.sort == "relevance":  # the service's own order stands in for relevance
            order = "v.rank, p.pk"
    sql = (
        f"SELECT {columns} FROM papers p LEFT JOIN user_state s ON s.paper_id = p.id "
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
        where.append("p.pk IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)")
        params.append(match)
    sql = (
        "SELECT count(*) FROM papers p LEFT JOIN user_state s ON s.paper_id = p.id "
        + " ".join(joins)
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    return sql, params


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
        if spec.keep:
            marks = ",".join("?" * len(spec.keep))
            where.append(f"(COALESCE(s.read, 0) = 0 OR p.id IN ({marks}))")
            params.extend(sorted(spec.keep))
        else:
            where.append("COALESCE(s.read, 0) = 0")
    if spec.bookmarked:
        where.append("s.bookmarked = 1")
    if spec.has_code:
        where.append("p.github_repo != ''")
    if spec.min_upvotes > 0:
        where.append("p.upvotes >= ?")
        params.append(spec.min_upvotes)
    if spec.tag:
        where.append("EXISTS (SELECT 1 FROM json_each(s.tags) WHERE json_each.value = ?)")
        params.append(spec.tag)
    # A view's join parameter was added first, matching its place before WHERE in the SQL.
    return where, params, joins
