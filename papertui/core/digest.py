"""The digest: a reading brief for a period, built from the store (rendered by
`digest_render`).

Sections, in order: watched papers grouped by watch, the for-you picks (not built yet: see
`build_digest`), the top papers by upvotes, and older papers that newly have code. A paper
appears once, in the first section that wants it.

With no period the digest covers what arrived since the previous digest of the same
output kind (md, html or txt are remembered apart, so a cron job mailing HTML does not
steal papers from a Markdown note written by hand).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Literal

from papertui.core.models import StoredPaper, parse_date, utc_now, week_range
from papertui.core.query import FilterSpec
from papertui.core.store import Store
from papertui.core.visit import newest_key, read_mark, write_mark
from papertui.core.watch import Watch, matches_by_key

DigestFormat = Literal["md", "html", "txt"]
DIGEST_FORMATS: tuple[DigestFormat, ...] = ("md", "html", "txt")
DEFAULT_TOP = 10


@dataclass(frozen=True, slots=True)
class Period:
    """What a digest covers: Daily Papers days (`since`..`until`), or papers stored after
    store key `arrived_after` (since the previous digest), with code that arrived after
    `code_after` (an ISO time) or on those days."""

    label: str
    since: str = ""
    until: str = ""
    arrived_after: int = 0
    code_after: str = ""
    first: bool = False  # no previous digest of this kind: the newest day stands in


@dataclass(slots=True)
class DigestGroup:
    """Papers under one heading (a watch's label, or none for a plain section)."""

    heading: str
    papers: list[StoredPaper]


@dataclass(slots=True)
class DigestSection:
    """One part of the digest: 'watched', 'for_you', 'top' or 'new_code'."""

    kind: str
    title: str
    groups: list[DigestGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.papers) for group in self.groups)


@dataclass(slots=True)
class Digest:
    """A built digest, ready to render."""

    period: Period
    sections: list[DigestSection]
    generated_at: str
    watches: dict[int, list[Watch]] = field(default_factory=dict)  # by store key

    @property
    def count(self) -> int:
        return sum(section.count for section in self.sections)


# -- the period ----------------------------------------------------------------------------


def _day_label(day: str) -> str:
    return parse_date(day).strftime("%a %d %b %Y")


def period_for_date(day: str) -> Period:
    """One Daily Papers day (ValueError for a bad date)."""
    parse_date(day)
    return Period(label=_day_label(day), since=day, until=day, code_after=day)


def period_for_week(week: str) -> Period:
    """An ISO week, e.g. 2026-W19 (ValueError for a bad week)."""
    first, last = week_range(week)
    return Period(label=f"week {week} ({first:%d %b} to {last:%d %b %Y})",
                  since=first.isoformat(), until=last.isoformat(), code_after=first.isoformat())


def period_between(since: str, until: str = "") -> Period:
    """From day `since` to day `until` (default: open-ended)."""
    parse_date(since)
    if until:
        parse_date(until)
        if until < since:
            raise ValueError(f"--until {until} is before --since {since}")
    label = (f"{_day_label(since)} to {_day_label(until)}" if until
             else f"since {_day_label(since)}")
    return Period(label=label, since=since, until=until, code_after=since)


def _mark_name(fmt: str) -> str:
    return f"digest:{fmt}"


def period_since_previous(store: Store, fmt: str) -> Period:
    """Everything stored since the previous digest of this output kind; the first digest
    of a kind covers the newest cached day."""
    previous = read_mark(store, _mark_name(fmt))
    try:
        data = json.loads(previous) if previous else None
        at, key = (str(data["at"]), int(data["key"])) if isinstance(data, dict) else ("", -1)
    except (ValueError, KeyError, TypeError):
        at, key = "", -1
    if key >= 0 and at:
        when = at.replace("T", " ").replace("Z", " UTC")
        return Period(label=f"since the previous digest ({when})", arrived_after=key,
                      code_after=at)
    newest = store.newest_day()
    if not newest:
        return Period(label="the newest day in the store (it is empty)", first=True,
                      since="9999-12-31")
    return Period(label=f"{_day_label(newest)}, the newest day in the store (first digest)",
                  since=newest, until=newest, code_after=newest, first=True)


def remember_digest(store: Store, fmt: str) -> None:
    """Remember that a digest of this kind was made now, covering what the store holds."""
    write_mark(store, _mark_name(fmt), json.dumps({"at": utc_now(), "key": newest_key(store)}))


# -- building ------------------------------------------------------------------------------


def build_digest(store: Store, period: Period, *, watched_only: bool = False,
                 top: int = DEFAULT_TOP) -> Digest:
    """The digest of `period`: watched papers by watch, then (unless `watched_only`) the
    `top` most upvoted of the rest, then older papers whose code arrived in the period."""
    spec = FilterSpec(since=period.since, until=period.until,
                      arrived_after=period.arrived_after, sort="upvotes")
    shown: set[int] = set()
    sections: list[DigestSection] = []

    watched_keys = list(store.select_keys(spec.with_(watched=True)))
    matches = matches_by_key(store, watched_keys)
    papers = store.papers_by_key(watched_keys)
    watched = DigestSection("watched", "Watched")
    by_watch: dict[int, DigestGroup] = {}
    for key in watched_keys:  # in upvote order; each paper under its first watch
        found = matches.get(key)
        if not found or key not in papers:
            continue
        first = min(found, key=lambda watch: watch.id)
        group = by_watch.setdefault(first.id, DigestGroup(first.label, []))
        group.papers.append(papers[key])
        shown.add(key)
    watched.groups = [by_watch[watch_id] for watch_id in sorted(by_watch)]
    sections.append(watched)

    if not watched_only:
        # The for-you section goes here, once that order exists: a DigestSection("for_you",
        # "For you", [DigestGroup("", papers)]) built from the period's spec, adding its
        # keys to `shown` so the later sections do not repeat them.
        top_keys = [key for key in store.select_keys(spec, limit=top + len(shown))
                    if key not in shown][:top]
        top_papers = store.papers_by_key(top_keys)
        top_section = DigestSection("top", f"Top {top} by upvotes")
        if top_keys:
            top_section.groups = [DigestGroup("", [top_papers[k] for k in top_keys
                                                   if k in top_papers])]
        shown.update(top_keys)
        sections.append(top_section)

        code_keys = [key for key in _code_arrivals(store, period) if key not in shown]
        code_papers = store.papers_by_key(code_keys)
        code = DigestSection("new_code", "Newly with code")
        if code_keys:
            code.groups = [DigestGroup("", [code_papers[k] for k in code_keys
                                            if k in code_papers])]
        sections.append(code)
    return Digest(period=period, sections=sections, generated_at=utc_now(), watches=matches)


def _code_arrivals(store: Store, period: Period) -> list[int]:
    """Store keys of papers whose code link appeared in the period, most upvoted first."""
    if not period.code_after:
        return []
    if period.arrived_after or period.code_after.endswith("Z"):
        # >=: a link that arrived in the second of the previous digest is shown again
        # rather than never
        where, params = "c.arrived_at >= ?", [period.code_after]
    else:
        end = (parse_date(period.until) + dt.timedelta(days=1)).isoformat() if period.until \
            else "9999-12-31"
        where, params = "c.arrived_at >= ? AND c.arrived_at < ?", [period.code_after, end]
    rows = store.db.execute(
        f"SELECT p.pk FROM code_arrivals c JOIN papers p ON p.id = c.paper_id WHERE {where} "
        "AND p.github_repo != '' ORDER BY p.upvotes DESC LIMIT 200", params)
    return [row[0] for row in rows]
