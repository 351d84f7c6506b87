"""The things papertui reads and stores: papers, the user's state, and views of the service."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from papertui.core.wording import long_date, long_month

HF_PAGE = "https://huggingface.co/papers/{id}"
ARXIV_ABS = "https://arxiv.org/abs/{id}"
ARXIV_PDF = "https://arxiv.org/pdf/{id}"

# -- names, each spelled once: the type checker knows the Literal, choices use the tuple --

Sort = Literal["upvotes", "date", "stars", "comments", "relevance", "for-you"]
SORTS: tuple[Sort, ...] = get_args(Sort)
"""How a list is ordered ("relevance": best match first for a search, else the service's
order)."""

ViewKind = Literal["latest", "day", "week", "month", "trending", "search"]
VIEW_KINDS: tuple[ViewKind, ...] = get_args(ViewKind)
"""The lists the service gives (see `View`)."""

StartView = Literal["latest", "today", "all"]
START_VIEWS: tuple[StartView, ...] = get_args(StartView)
"""What the app lists when it starts (the config's start_view)."""

ExportFormat = Literal["md", "bibtex", "json", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
"""The formats papers are exported in."""

Group = Literal["day", "tag"]
GROUPS: tuple[Group, ...] = get_args(Group)
"""How a Markdown export groups its papers."""

Summary = Literal["ai_summary", "abstract"]
SUMMARIES: tuple[Summary, ...] = get_args(Summary)
"""Which text a Markdown export shows under each paper."""


@dataclass(slots=True)
class Paper:
    """One paper as listed on Hugging Face Daily Papers, already cleaned."""

    id: str
    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    day: str = ""  # the Daily Papers date (YYYY-MM-DD) the paper was listed on
    published_at: str = ""  # the arXiv publication time (ISO 8601)
    submitted_at: str = ""  # when it was submitted to Daily Papers (ISO 8601)
    upvotes: int = 0
    comments: int = 0
    organization: str = ""
    submitter: str = ""
    ai_summary: str = ""
    ai_keywords: tuple[str, ...] = ()
    github_repo: str = ""
    github_stars: int | None = None
    project_page: str = ""
    thumbnail: str = ""

    @property
    def hf_url(self) -> str:
        return HF_PAGE.format(id=self.id)

    @property
    def arxiv_url(self) -> str:
        return ARXIV_ABS.format(id=self.id)

    @property
    def pdf_url(self) -> str:
        return ARXIV_PDF.format(id=self.id)


@dataclass(slots=True)
class UserState:
    """What the user has done with a paper. Lives apart from fetched data in the store."""

    bookmarked: bool = False
    read: bool = False
    note: str = ""
    tags: tuple[str, ...] = ()
    bookmarked_at: str = ""
    read_at: str = ""
    updated_at: str = ""
    not_interested: bool = False  # hidden from the "for you" order, and counts against its like


@dataclass(slots=True)
class StoredPaper:
    """A paper together with the user's state, as read back from the store."""

    paper: Paper
    state: UserState = field(default_factory=UserState)
    rowid: int = 0
    # (models, datasets, Spaces) linked on Hugging Face, once its context was fetched.
    linked: tuple[int, int, int] | None = None

    def to_json(self) -> dict[str, object]:
        """The stable JSON shape used by `papertui list --json` and the JSON export."""
        p, s = self.paper, self.state
        return {
            "id": p.id,
            "title": p.title,
            "authors": list(p.authors),
            "day": p.day,
            "published_at": p.published_at,
            "upvotes": p.upvotes,
            "comments": p.comments,
            "organization": p.organization,
            "submitter": p.submitter,
            "github_repo": p.github_repo or None,
            "github_stars": p.github_stars,
            "project_page": p.project_page or None,
            "hf_url": p.hf_url,
            "arxiv_url": p.arxiv_url,
            "pdf_url": p.pdf_url,
            "ai_summary": p.ai_summary,
            "ai_keywords": list(p.ai_keywords),
            "abstract": p.abstract,
            "bookmarked": s.bookmarked,
            "read": s.read,
            "tags": list(s.tags),
            "note": s.note,
            "bookmarked_at": s.bookmarked_at or None,
            "read_at": s.read_at or None,
        }


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class View:
    """A list the service can give: a day, an ISO week, a month, the latest batch, trending,
    or a remote search. `value` is the date, week, month or query; empty for latest/trending."""

    kind: ViewKind
    value: str = ""

    def __post_init__(self) -> None:
        if self.kind not in VIEW_KINDS:
            raise ValueError(f"unknown view {self.kind!r}")

    @classmethod
    def day(cls, value: str | dt.date) -> View:
        date = value if isinstance(value, dt.date) else parse_date(value)
        return cls("day", date.isoformat())

    @classmethod
    def week(cls, value: str) -> View:
        week_range(value)  # validates
        return cls("week", value)

    @classmethod
    def month(cls, value: str) -> View:
        month_range(value)
        return cls("month", value)

    @property
    def key(self) -> str:
        """The view's name in the fetch log, e.g. "day:2026-05-08"."""
        return f"{self.kind}:{self.value}" if self.value else self.kind

    @property
    def label(self) -> str:
        """How the view is named to the user."""
        if self.kind == "day":
            return long_date(self.value)
        if self.kind == "week":
            return f"week {self.value}"
        if self.kind == "month":
            return long_month(self.value)
        if self.kind == "search":
            return f'search "{self.value}"'
        return {"latest": "latest", "trending": "trending"}[self.kind]

    def date_range(self) -> tuple[str, str] | None:
        """First and last day the view covers, for day/week/month views; else None."""
        if self.kind == "day":
            return self.value, self.value
        if self.kind == "week":
            first, last = week_range(self.value)
            return first.isoformat(), last.isoformat()
        if self.kind == "month":
            first, last = month_range(self.value)
            return first.isoformat(), last.isoformat()
        return None

    @property
    def is_dated(self) -> bool:
        return self.kind in ("day", "week", "month")


def parse_date(value: str) -> dt.date:
    """Parse YYYY-MM-DD, raising ValueError with a readable message."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def week_range(value: str) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of ISO week YYYY-Www."""
    match = _WEEK.match(value or "")
    if not match:
        raise ValueError(f"{value!r} is not an ISO week (expected YYYY-Www, e.g. 2026-W19)")
    try:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a week that exists") from None
    return monday, monday + dt.timedelta(days=6)


def month_range(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of month YYYY-MM."""
    match = _MONTH.match(value or "")
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"{value!r} is not a month (expected YYYY-MM)")
    first = dt.date(int(match[1]), int(match[2]), 1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def iso_week(date: dt.date) -> str:
    """The ISO week name (YYYY-Www) that `date` falls in."""
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def utc_now() -> str:
    """The current time as an ISO 8601 string in UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
