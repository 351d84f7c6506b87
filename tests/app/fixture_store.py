"""A deterministic store of synthetic papers for the app tests and the screenshots.

Fixed ids, days, titles and numbers; a few papers carry hostile text (markup, TeX,
brackets) and hostile links. The fetch log is pinned to a fixed time, so nothing the app
shows depends on the wall clock.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from papertui.core.models import Paper, View
from papertui.core.repair import open_store
from papertui.core.store import Store

TODAY = dt.date(2026, 5, 12)  # a Tuesday
FETCHED_AT = "2026-05-12T09:30:00Z"
DAYS = ("2026-05-12", "2026-05-11", "2026-05-08", "2026-05-07")

HOSTILE_TITLES = (
    "[@click=app.quit]Click me[/] to quit",
    "[bold]Not bold[/bold] and [/] stray closers",
    "Sparse [MoE] routing with $\\mathcal{O}(n)$ cost",
    "[link='file:///etc/passwd']passwords[/link] as a service",
)

TOPICS = ("Diffusion", "Agents", "Retrieval", "Vision-Language", "Reasoning", "Speech",
          "Robotics", "Mixture-of-Experts", "Long Context", "Alignment")
NOUNS = ("Models", "Benchmarks", "Transformers", "Policies", "Datasets", "Tokenizers")


def synthetic_papers(per_day: int = 12) -> list[Paper]:
    """Papers over DAYS: deterministic, varied, with hostile ones first on the newest day."""
    papers: list[Paper] = []
    number = 0
    for day_index, day in enumerate(DAYS):
        for slot in range(per_day):
            number += 1
            pid = f"2605.{10000 + number:05d}"
            hostile = day_index == 0 and slot < len(HOSTILE_TITLES)
            topic = TOPICS[number % len(TOPICS)]
            title = (HOSTILE_TITLES[slot] if hostile
                     else f"Scaling {topic} {NOUNS[number % len(NOUNS)]} {number}")
            authors = tuple(f"Author {chr(65 + (number + k) % 26)}. Person{k}"
                            for k in range(3 + number % 4))
            if number == 3:
                authors = tuple(f"Big Collab {k}" for k in range(40)) + ("[/]",)
            has_code = number % 3 != 0
            papers.append(Paper(
                id=pid,
                title=title,
                abstract=(f"We study {topic.lower()} at scale. The bracket [MoE] and "
                          f"$\\mathcal{{O}}(n^2)$ stay literal; [@click=app.quit]x[/] too. "
                          f"Paper number {number}."),
                authors=authors if not hostile else ("[bold]Eve[/bold]", "[@click=app.quit]Mallory[/]"),
                day=day,
                published_at=f"{day}T00:00:00.000Z",
                submitted_at=f"{day}T08:00:00.000Z",
                upvotes=(number * 37) % 211,
                comments=number % 5,
                organization="[MoE] Lab" if hostile else f"Org {number % 7}",
                submitter=f"user{number % 9}",
                ai_summary=f"A summary of paper {number} about {topic.lower()}.",
                ai_keywords=(topic.lower(), "scaling"),
                github_repo=f"https://github.com/example/repo{number}" if has_code else "",
                github_stars=(number * 113) % 5000 if has_code else None,
                project_page=f"https://example.org/p{number}" if number % 4 == 0 else "",
            ))
    return papers


def build_store(data_dir: Path, per_day: int = 12) -> Store:
    """Create the fixture store in `data_dir`: the latest batch is the newest day."""
    store = open_store(data_dir).store
    papers = synthetic_papers(per_day)
    for day in DAYS:
        store.save_papers([p for p in papers if p.day == day], View.day(day))
    store.save_papers([p for p in papers if p.day == DAYS[0]], View("latest"))
    with store.write() as tx:
        tx.execute("UPDATE fetch_log SET fetched_at = ?", (FETCHED_AT,))
        tx.execute("UPDATE papers SET fetched_at = ?", (FETCHED_AT,))
    return store
