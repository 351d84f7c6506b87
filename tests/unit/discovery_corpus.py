"""Stores for the related-papers and for-you tests: the real samples, and a small corpus on
known topics made by the benchmark's generator (benchmarks/topic_corpus.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from papertui.core.models import Paper, View
from papertui.core.parse import parse_items
from papertui.core.query import FilterSpec
from papertui.core.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.topic_corpus import Writer, make_days, make_topics  # noqa: E402


def fill_with_samples(store: Store, samples_dir: Path) -> None:
    """Every real daily batch of the samples (72 papers)."""
    for name in ("daily_papers_2026-05-08.json", "daily_papers_2026-06-12_latest_limit30.raw.json",
                 "daily_papers_2026-07-31_trimmed5.json"):
        store.save_papers(parse_items(json.loads((samples_dir / name).read_bytes())))


class TopicCorpus:
    """A store holding `days` days of 20 papers on 12 known topics, and a new day to rank."""

    def __init__(self, store: Store, days: int = 20) -> None:
        self.store = store
        self.topics = make_topics(12, seed=3)
        self.writer = Writer(self.topics, seed=4)
        papers, self.labels = make_days(self.writer, days, per_day=20)
        store.save_papers(papers)
        self.older = papers

    def of_topic(self, topic: int) -> list[str]:
        return [p.id for p in self.older if self.labels[p.id] == topic]

    def new_day(self, counts: dict[int, int], size: int = 30, day: str = "2026-11-26") -> list[int]:
        """A day of `size` papers, `counts` of the given topics and the rest of others; its
        store keys by upvotes, as the day's list comes."""
        others = [t for t in self.topics if t.number not in counts]
        chosen = [self.topics[t] for t, n in counts.items() for _ in range(n)]
        chosen += [others[i % len(others)] for i in range(size - len(chosen))]
        import datetime as dt

        papers = [self.writer.paper(t, dt.date.fromisoformat(day)) for t in chosen]
        for paper, topic in zip(papers, chosen):
            self.labels[paper.id] = topic.number
        self.store.save_papers(papers, View.day(day))
        return list(self.store.select_keys(FilterSpec(view=View.day(day))))

    def topics_of(self, keys) -> list[int]:
        found = self.store.papers_by_key(list(keys))
        return [self.labels[found[key].paper.id] for key in keys]

    def key(self, paper_id: str) -> int:
        stored = self.store.get(paper_id)
        assert stored is not None
        return stored.rowid


def paper(paper_id: str, title: str, **fields) -> Paper:
    """A paper with a day and upvotes, for the hand-made cases."""
    values: dict = dict(id=paper_id, title=title, day="2026-05-09", upvotes=1)
    values.update(fields)
    return Paper(**values)
