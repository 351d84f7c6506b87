"""Related papers and the for-you order: how good (on a corpus with known topics), how fast
(on the synthetic 100,000-paper store), and what they find among the real samples.

    python benchmarks/bench_discovery.py            # quality, real samples, speed at 100,000
    python benchmarks/bench_discovery.py --smoke    # small corpus, speed at 1,000 (~30 s)
    python benchmarks/bench_discovery.py --only speed   # or --only quality

Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_core import row  # noqa: E402
from benchmarks.run import table  # noqa: E402
from benchmarks.synthetic import build_store, make_papers  # noqa: E402
from benchmarks.topic_corpus import Topic, Writer, make_days, make_topics  # noqa: E402
from papertui.core import similarity  # noqa: E402
from papertui.core.for_you import ForYou  # noqa: E402
from papertui.core.models import View  # noqa: E402
from papertui.core.query import FilterSpec  # noqa: E402
from papertui.core.related import related_papers  # noqa: E402
from papertui.core.similarity import Corpus  # noqa: E402
from papertui.core.store import STORE_FILENAME, Store  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "hf"
NEW_DAY = dt.date(2026, 11, 26)


class TopicStore:
    """A store of `days` older days of papers on known topics, plus test days made on
    demand (each a new weekday after the older ones)."""

    def __init__(self, folder: Path, topics: int, days: int, hard: bool = False) -> None:
        self.topics = make_topics(topics)
        self.writer = Writer(self.topics, hard=hard)
        papers, self.labels = make_days(self.writer, days, last_day=NEW_DAY)
        self.store = Store(folder / STORE_FILENAME)
        for start in range(0, len(papers), 2000):
            self.store.save_papers(papers[start:start + 2000])
        self.older = papers
        self.next_day = NEW_DAY
        self.key_of = {paper_id: key for key, paper_id in self.store.db.execute(
            "SELECT pk, id FROM papers")}
        self.id_of = {key: paper_id for paper_id, key in self.key_of.items()}

    def of_topic(self, topic: int) -> list[str]:
        """The ids of the older papers on `topic`."""
        return [p.id for p in self.older if self.labels[p.id] == topic]

    def new_day(self, counts: dict[int, int], size: int = 50) -> list[int]:
        """A new day of `size` papers: `counts` of the topics given, the rest random other
        topics. Its store keys, by upvotes (as a day's list comes)."""
        while self.next_day.weekday() >= 5:
            self.next_day += dt.timedelta(days=1)
        day, rng = self.next_day, self.writer.rng
        self.next_day += dt.timedelta(days=1)
        others = [t for t in self.topics if t.number not in counts]
        chosen: list[Topic] = [self.topics[t] for t, n in counts.items() for _ in range(n)]
        chosen += [rng.choice(others) for _ in range(size - len(chosen))]
        papers = [self.writer.paper(topic, day) for topic in chosen]
        for paper, topic in zip(papers, chosen):
            self.labels[paper.id] = topic.number
        self.store.save_papers(papers, View.day(day))
        keys = list(self.store.select_keys(FilterSpec(view=View.day(day))))
        for key in keys:
            self.id_of[key] = self.store.ids_for_keys([key])[0]
            self.key_of[self.id_of[key]] = key
        return keys

    def topic_of_key(self, keys: Sequence[int]) -> list[int]:
        """The topic of each of these papers, in the order given."""
        return [self.labels[self.id_of[key]] for key in keys]

    def forget_state(self) -> None:
        """Clear every mark the benchmark made, through the store's own setters."""
        ids = [paper_id for paper_id, _ in self.store.user_states()]
        self.store.set_bookmarked(ids, False)
        self.store.set_not_interested(ids, False)


def precision(labels: Sequence[int], wanted: set[int], at: int) -> float:
    return sum(label in wanted for label in labels[:at]) / at


# -- quality -------------------------------------------------------------------------------


def related_quality(corpus: TopicStore, samples: int) -> None:
    rng = random.Random(5)
    keys = rng.sample([corpus.key_of[p.id] for p in corpus.older], samples)
    shared_corpus = Corpus(corpus.store)

    def measure(label: str, author_weight: float, use_words: bool) -> None:
        saved = (similarity.AUTHOR_WEIGHT, similarity.TERMS_PER_PAPER)
        similarity.AUTHOR_WEIGHT = author_weight
        similarity.TERMS_PER_PAPER = saved[1] if use_words else 0
        try:
            hits, area = [], []
            for key in keys:
                own = corpus.topic_of_key([key])[0]
                found = [r.key for r in related_papers(corpus.store, key, 5, shared_corpus)]
                labels = corpus.topic_of_key(found) if found else []
                labels += [-1] * (5 - len(labels))
                hits.append(precision(labels, {own}, 5))
                area.append(sum(t // 5 == own // 5 for t in labels) / 5)
            print(f"  {label:<44} precision@5 {sum(hits) / len(hits):.3f}   "
                  f"(same area {sum(area) / len(area):.3f})")
        finally:
            similarity.AUTHOR_WEIGHT, similarity.TERMS_PER_PAPER = saved

    print(f"\nRelated papers: {samples} papers of {len(corpus.older):,}, "
          f"{len(corpus.topics)} topics "
          "(target precision@5 >= 0.8)")
    measure("words + authors + keyword phrases (shipped)", similarity.AUTHOR_WEIGHT, True)
    measure("words + keyword phrases, no authors", 0.0, True)
    measure("authors + keyword phrases, no words", similarity.AUTHOR_WEIGHT, False)
    found = related_papers(corpus.store, keys[0], 3, shared_corpus)
    for item in found:
        print(f"    e.g. {item.score:7.1f}  {item.reason}")


def for_you_quality(corpus: TopicStore) -> None:
    ranker = ForYou(corpus.store)
    rng = random.Random(9)
    niche = [t.number for t in corpus.topics if t.popularity <= 0.5]
    popular = [t.number for t in corpus.topics if t.popularity >= 3.0]
    trials = niche[:5]
    print("\nFor you: a new day of 50 papers, 10 on the user's topic (a topic few upvote, as "
          "most researchers' are);\n  bookmarks on older days of that topic "
          f"(mean of {len(trials)} topics; target precision@10 >= 0.7 at 8 bookmarks, "
          "upvotes <= 0.1)")
    for count in (0, 1, 3, 8, 30):
        mine, upvoted = [], []
        for topic in trials:
            corpus.forget_state()
            corpus.store.set_bookmarked(rng.sample(corpus.of_topic(topic), count), True)
            day = corpus.new_day({topic: 10})
            ranking = ranker.rank(day)
            mine.append(precision(corpus.topic_of_key(ranking.keys), {topic}, 10))
            upvoted.append(precision(corpus.topic_of_key(day), {topic}, 10))
        note = "  (nothing learned: by upvotes)" if count == 0 else ""
        print(f"  {count:>2} bookmarks: precision@10 {sum(mine) / len(mine):.2f}   "
              f"upvotes {sum(upvoted) / len(upvoted):.2f}{note}")

    pairs = list(zip(trials[::2], trials[1::2]))
    mine, upvoted = [], []
    for first, second in pairs:
        corpus.forget_state()
        for topic in (first, second):
            corpus.store.set_bookmarked(rng.sample(corpus.of_topic(topic), 8), True)
        day = corpus.new_day({first: 5, second: 5})
        ranking = ranker.rank(day)
        mine.append(precision(corpus.topic_of_key(ranking.keys), {first, second}, 10))
        upvoted.append(precision(corpus.topic_of_key(day), {first, second}, 10))
    print(f"  two topics, 8 bookmarks each, 5 + 5 papers of them in the day: precision@10 "
          f"{sum(mine) / len(mine):.2f}   upvotes {sum(upvoted) / len(upvoted):.2f}")

    print("\nNot interested: a popular topic's share of the for-you top 10 before and after "
          "marking 5 of its older papers")
    for label, bookmarks in (("no bookmarks", 0), ("8 bookmarks of a niche topic", 8)):
        before, after = [], []
        for topic, unwanted in zip(trials, popular * len(trials)):
            corpus.forget_state()
            corpus.store.set_bookmarked(rng.sample(corpus.of_topic(topic), bookmarks), True)
            day = corpus.new_day({topic: 3, unwanted: 10})
            before.append(precision(corpus.topic_of_key(ranker.rank(day).keys), {unwanted}, 10))
            corpus.store.set_not_interested(rng.sample(corpus.of_topic(unwanted), 5), True)
            after.append(precision(corpus.topic_of_key(ranker.rank(day).keys), {unwanted}, 10))
        print(f"  {label:<30} day of 50 with 10 of the popular topic: "
              f"{sum(before) / len(before):.2f} -> {sum(after) / len(after):.2f}")
    corpus.forget_state()
    some = corpus.of_topic(trials[0])[:3]
    corpus.store.set_bookmarked(some, True)
    day = corpus.new_day({trials[0]: 10})
    print("  e.g. reasons:")
    for key in ranker.rank(day).keys[:3]:
        print(f"    {ranker.reason(key)[:150]}")
    corpus.forget_state()


# -- real text -----------------------------------------------------------------------------


def real_samples(limit: int = 5) -> None:
    import json

    from papertui.core.parse import parse_items

    files = sorted(SAMPLES.glob("daily_papers_*.json"))
    if not files:
        print("\n(real samples not found beside the project)")
        return
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / STORE_FILENAME)
        for file in files:
            try:
                store.save_papers(parse_items(json.loads(file.read_bytes())))
            except ValueError:
                continue  # the excerpt is one object, not a batch
        print(f"\nReal samples ({store.paper_count()} papers of {SAMPLES}): "
              "related papers and reasons")
        picks = list(store.select_keys(FilterSpec(), limit=limit))
        for key in picks:
            paper = store.papers_by_key([key])[key].paper
            print(f"  {paper.id} {paper.title[:90]}")
            for item in related_papers(store, key, 3):
                print(f"      {item.score:6.1f}  {item.title[:60]:<60}  {item.reason[:90]}")
        store.close()


# -- speed ---------------------------------------------------------------------------------


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def speed(n: int, runs: int) -> list[dict]:
    source = build_store(n)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        # The cached store is made by this papertui, already upgraded; measure the upgrade on
        # a copy rolled back to the store as it was before discovery (size of the upgrade).
        shutil.copy(source / STORE_FILENAME, Path(folder) / STORE_FILENAME)
        store = Store(Path(folder) / STORE_FILENAME)
        added, whole = _discovery_bytes(store)
        rows.append(row("store size growth (word counts, author index, org index)", "reported",
                        [added / 1e6], n, unit="MB"))
        rows.append(row("  as a share of the store (both vacuumed)", "reported",
                        [added / (whole - added)], n, unit="x"))
        upgrade = _upgrade_time(store, Path(folder))
        rows.append(row("one-time upgrade of an older store (migration)", "reported",
                        [upgrade], n, unit="s"))

        rng = random.Random(1)
        keys = rng.sample(range(1, n + 1), runs * 5)
        corpus = Corpus(store)
        first = timed(lambda: related_papers(store, keys[0], 5, Corpus(store)))
        samples = [timed(lambda: related_papers(store, key, 5, corpus)) for key in keys]
        rows.append(row("related: top 5 for one paper (app's corpus kept)", "p95 <= 30 ms",
                        samples, n))
        rows.append(row("  first call (no word counts cached)", "reported", [first], n))

        ranker = ForYou(store)
        marked = len(ranker._interests())
        cold = timed(ranker.profile)
        rows.append(row(f"for you: learn the profile, cold ({marked} papers marked or read)",
                        "reported", [cold], n))
        days = store.days()[:runs * 3]
        day_keys = [list(store.select_keys(FilterSpec(view=View.day(d)))) for d in days]
        rows.append(row(f"for you: order a day (~{len(day_keys[0])} papers)", "<= 50 ms",
                        [timed(lambda: ranker.rank(k)) for k in day_keys], n))
        everything = list(store.select_keys(FilterSpec()))
        all_cold = timed(lambda: ranker.rank(everything))
        all_warm = [timed(lambda: ranker.rank(everything)) for _ in range(3)]
        rows.append(row("for you: order all papers (after a change)", "<= 1 s", [all_cold], n,
                        unit="s"))
        rows.append(row("  again, nothing changed", "reported", all_warm, n, unit="s"))
        effect_day, effect_all = [], []
        for key in rng.sample(range(1, n + 1), max(3, runs // 2)):
            paper_id = store.ids_for_keys([key])
            store.set_bookmarked(paper_id, True)
            effect_day.append(timed(lambda: ranker.rank(day_keys[0])))
            effect_all.append(timed(lambda: ranker.rank(everything)))
        rows.append(row("a bookmark's effect: the day's order again", "<= 200 ms", effect_day, n))
        rows.append(row("a bookmark's effect: all papers' order again", "off the UI thread",
                        effect_all, n, unit="s"))
        rows.append(_upkeep(store, runs))
        store.close()
    return rows


def _discovery_bytes(store: Store) -> tuple[int, int]:
    """The bytes the discovery tables and index take, and the whole store's (a vacuumed
    copy, before and after dropping them)."""
    import sqlite3

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.db"
        store.db.execute("VACUUM INTO ?", (str(copy),))
        whole = copy.stat().st_size
        db = sqlite3.connect(copy)
        db.executescript("DROP TABLE word_counts; DROP TABLE paper_authors; "
                         "DROP INDEX papers_by_organization; VACUUM;")
        db.close()
        return whole - copy.stat().st_size, whole


def _upgrade_time(store: Store, folder: Path) -> float:
    """Time to upgrade a copy of the store as it was before the discovery migration."""
    import sqlite3

    from papertui.core.schema import MIGRATIONS

    copy = folder / "older"
    copy.mkdir()
    store.db.execute("VACUUM INTO ?", (str(copy / STORE_FILENAME),))
    db = sqlite3.connect(copy / STORE_FILENAME)
    step = next(i for i, script in enumerate(MIGRATIONS, 1) if "word_counts" in script)
    db.executescript("DROP TABLE word_counts; DROP TABLE paper_authors; "
                     "DROP INDEX papers_by_organization; DROP TABLE papers_fts_terms; "
                     "DROP INDEX IF EXISTS user_state_marked; "
                     "DROP INDEX IF EXISTS user_state_by_read_at; "
                     "ALTER TABLE user_state DROP COLUMN not_interested; "
                     f"PRAGMA user_version = {step - 1};")
    db.close()
    start = time.perf_counter()
    Store(copy / STORE_FILENAME).close()
    return time.perf_counter() - start


def _upkeep(store: Store, runs: int) -> dict:
    """What save_papers spends counting the words and authors of a new day of 50 papers."""
    spent: list[float] = []
    original = similarity.index_new_papers

    def timing(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        original(*args, **kwargs)
        spent.append(time.perf_counter() - start)

    similarity.index_new_papers = timing  # type: ignore[assignment]
    try:
        for run in range(runs):
            papers = make_papers(50, seed=7000 + run)
            for offset, paper in enumerate(papers):
                paper.id = f"3{run:03d}.{offset:05d}"
            store.save_papers(papers)
    finally:
        similarity.index_new_papers = original  # type: ignore[assignment]
    return row("index upkeep after fetching a day (50 new papers)", "<= 100 ms", spent,
               store.paper_count())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small and quick")
    parser.add_argument("--n", type=int, default=100_000, help="store size for the speed figures")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", choices=("quality", "speed"), help="run one half only")
    args = parser.parse_args(argv)
    n, runs = (1000, 5) if args.smoke else (args.n, args.runs)
    topics, days = (12, 40) if args.smoke else (30, 200)
    for hard in (False, True) if args.only != "speed" else ():
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            corpus = TopicStore(Path(folder), topics, days, hard=hard)
            kind = ("HARD: half the topic words, <= 1 topic keyword phrase and <= 1 topic "
                    "author a paper" if hard else "CLEAR: topics speak plainly")
            print(f"\n=== Topic corpus, {kind}\n{len(corpus.older):,} papers on {topics} topics "
                  f"over {days} days, built in {time.perf_counter() - started:.0f} s")
            related_quality(corpus, 50 if args.smoke else 300)
            for_you_quality(corpus)
            corpus.store.close()
    if args.only != "speed":
        real_samples()
    if args.only == "quality":
        return 0
    print(f"\nSpeed on the synthetic store of {n:,} papers")
    rows = speed(n, runs)
    print(table(rows))
    # The machine may be shared: timings scale with how busy it was.
    print("load average (1, 5, 15 min) at the end: "
          + ", ".join(f"{value:.1f}" for value in os.getloadavg()) + f" on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
