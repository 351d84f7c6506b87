"""Trends over a period of the store: papers and median upvotes per day, the share with
code, the busiest organizations, and the AI keywords rising fastest week over week.

All of it is SQL over the papers of the period (the day index finds them); weeks count
back from the period's last day, so "this week" is always its last seven days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from papertui.core.models import parse_date
from papertui.core.query import FilterSpec
from papertui.core.store import Store

DEFAULT_WEEKS = 12
TOP_ORGANIZATIONS = 10
TOP_KEYWORDS = 15


@dataclass(frozen=True, slots=True)
class DayFigures:
    """One Daily Papers day."""

    day: str
    papers: int
    median_upvotes: float
    with_code: float  # share of the day's papers with a code link, 0..1


@dataclass(frozen=True, slots=True)
class KeywordTrend:
    """An AI keyword: papers with it in the last week (`now`) and the week before, and its
    count in every week of the period, oldest first."""

    keyword: str
    now: int
    before: int
    weekly: tuple[int, ...]

    @property
    def rise(self) -> int:
        return self.now - self.before


@dataclass(slots=True)
class Trends:
    """Everything the Trends screen and `papertui trends` show."""

    since: str
    until: str
    weeks: int
    days: list[DayFigures] = field(default_factory=list)
    organizations: list[tuple[str, int]] = field(default_factory=list)
    rising: list[KeywordTrend] = field(default_factory=list)

    @property
    def papers(self) -> int:
        return sum(day.papers for day in self.days)

    @property
    def week_starts(self) -> list[str]:
        """The first day of each week of the period, oldest first."""
        last = parse_date(self.until)
        return [(last - dt.timedelta(days=7 * index + 6)).isoformat()
                for index in reversed(range(self.weeks))]

    def to_json(self) -> dict[str, object]:
        """The shape of `papertui trends --json`."""
        return {
            "since": self.since, "until": self.until, "weeks": self.weeks,
            "papers": self.papers, "week_starts": self.week_starts,
            "days": [asdict(day) for day in self.days],
            "organizations": [{"organization": name, "papers": count}
                              for name, count in self.organizations],
            "rising_keywords": [{**asdict(trend), "weekly": list(trend.weekly),
                                 "rise": trend.rise} for trend in self.rising],
        }


def default_period(store: Store, weeks: int = DEFAULT_WEEKS) -> tuple[str, str]:
    """The `weeks` weeks up to the newest cached day (empty strings for an empty store)."""
    newest = store.newest_day()
    if not newest:
        return "", ""
    first = parse_date(newest) - dt.timedelta(days=7 * weeks - 1)
    return first.isoformat(), newest


def compute_trends(store: Store, since: str, until: str) -> Trends:
    """The trends of the days `since`..`until` (inclusive)."""
    first, last = parse_date(since), parse_date(until)
    if last < first:
        raise ValueError(f"the period ends ({until}) before it starts ({since})")
    weeks = (last - first).days // 7 + 1
    trends = Trends(since=since, until=until, weeks=weeks)
    db = store.db
    # The median of a day is the middle row (or the mean of the middle two) of its papers
    # ordered by upvotes, which the day index hands over already in that order.
    trends.days = [DayFigures(row[0], row[1], float(row[2]), row[3]) for row in db.execute(
        """
        WITH ranked AS (
            SELECT day, upvotes, has_code,
                   row_number() OVER (PARTITION BY day ORDER BY upvotes) AS n,
                   count(*) OVER (PARTITION BY day) AS total
            FROM papers INDEXED BY papers_by_day WHERE day BETWEEN ? AND ?
        )
        SELECT day, max(total),
               avg(CASE WHEN n IN ((total + 1) / 2, (total + 2) / 2) THEN upvotes END),
               avg(has_code)
        FROM ranked GROUP BY day ORDER BY day
        """, (since, until))]
    trends.organizations = [(row[0], row[1]) for row in db.execute(
        "SELECT organization, count(*) FROM papers WHERE day BETWEEN ? AND ? "
        "AND organization != '' GROUP BY organization COLLATE NOCASE "
        "ORDER BY 2 DESC, 1 LIMIT ?", (since, until, TOP_ORGANIZATIONS))]
    trends.rising = _rising(store, since, until, weeks)
    return trends


# A paper's AI keywords are one text, a keyword a line; made into a JSON array, json_each
# hands them over as rows. Keywords are cleaned single lines (no control characters), so
# only backslashes and quotes need escaping. Only keywords of the last two weeks can be
# rising, so those are ranked first and only the chosen few are counted over every week:
# grouping every keyword of the whole period is several times slower.
_KEYWORDS = r"""json_each('["' || replace(replace(replace(p.ai_keywords, '\', '\\'), '"', '\"'),
                                 char(10), '","') || '"]') k"""
_RISING = f"""
    SELECT lower(trim(k.value)) AS keyword,
           count(*) FILTER (WHERE p.day > date(:until, '-7 days')) AS now,
           count(*) FILTER (WHERE p.day <= date(:until, '-7 days')) AS before
    FROM papers p INDEXED BY papers_by_day, {_KEYWORDS}
    WHERE p.day BETWEEN max(:since, date(:until, '-13 days')) AND :until AND p.ai_keywords != ''
    GROUP BY 1 HAVING now >= 2 AND keyword != ''
    ORDER BY now - before DESC, now DESC, keyword LIMIT :limit
"""


# SQLite's lower() changes ASCII letters only; the weekly counts below lower the same way,
# so they find exactly the keywords the ranking named.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _rising(store: Store, since: str, until: str, weeks: int) -> list[KeywordTrend]:
    db = store.db
    ranked = db.execute(_RISING, {"since": since, "until": until,
                                  "limit": TOP_KEYWORDS}).fetchall()
    if not ranked:
        return []
    # The chosen few counted over every week in one pass over the period's keyword texts:
    # splitting them here costs half what json_each and a GROUP BY cost in SQL.
    series = {keyword: [0] * weeks for keyword, _, _ in ranked}
    last = parse_date(until).toordinal()
    week_of: dict[str, int] = {}
    for day, keywords in db.execute(
            "SELECT day, ai_keywords FROM papers INDEXED BY papers_by_day "
            "WHERE day BETWEEN ? AND ? AND ai_keywords != ''", (since, until)):
        week = week_of.get(day)
        if week is None:
            week = week_of[day] = (last - parse_date(day).toordinal()) // 7
        if not 0 <= week < weeks:
            continue
        for line in keywords.translate(_ASCII_LOWER).split("\n"):
            counts = series.get(line.strip(" "))
            if counts is not None:
                counts[weeks - 1 - week] += 1
    return [KeywordTrend(keyword, now, before, tuple(series[keyword]))
            for keyword, now, before in ranked]


def keyword_weeks(store: Store, keyword: str, since: str, until: str) -> list[int]:
    """Papers with the AI keyword `keyword` in each week of the period, oldest first."""
    weeks = (parse_date(until) - parse_date(since)).days // 7 + 1
    counts = [0] * weeks
    rows = store.db.execute(
        "SELECT CAST((julianday(?) - julianday(day)) / 7 AS INTEGER), count(*) FROM papers "
        "WHERE day BETWEEN ? AND ? AND instr(char(10) || lower(ai_keywords) || char(10), "
        "char(10) || lower(?) || char(10)) GROUP BY 1", (until, since, until, keyword.strip()))
    for week, papers in rows:
        if 0 <= week < weeks:
            counts[weeks - 1 - week] = papers
    return counts


def keyword_spec(keyword: str, since: str, until: str) -> FilterSpec:
    """The papers of the period that mention `keyword` as a phrase (what listing a
    keyword's papers shows), newest first."""
    words = " ".join(keyword.replace('"', " ").split())
    return FilterSpec(query=f'"{words}"', since=since, until=until, sort="date")
