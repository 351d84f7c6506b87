"""A corpus of papers with known topics, for measuring related papers and the for-you order.

Each topic has its own vocabulary (made-up words, so no topic borrows meaning from English),
its own AI keyword phrases, a pool of authors who write most of its papers, an organization
or two, and a popularity: some topics draw many upvotes, most draw few. Topics come in
areas of five (as "vision" holds segmentation, 3D, video...), and an area's words, keyword
phrases and some authors are shared by its topics: a paper of the same area but another
topic is the near miss. A paper's text is mostly shared filler (common English and generic
machine-learning words, Zipf-distributed, as in real abstracts) with a few of its topic's
and its area's words mixed in; neighbouring topics also share a fifth of their words.
Sizes follow the real samples (titles of 8-14
words, abstracts of 900-1,900 characters, 3-20 authors, 8-16 keywords). The seed is fixed.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

from papertui.core.models import Paper

_FILLER = """the of and to in a is that for we on with as by this are our from an be which
it can at show these has have more than or also both such while its not their new two
propose proposed demonstrate significantly improves using based across over without model
models language large learning training data neural network transformer attention method
approach framework tasks task performance results benchmark evaluation dataset efficient
scaling inference accuracy state-of-the-art baseline baselines analysis study generalization
robustness optimization loss representation experiments experimental existing prior work
outperforms achieves achieving strong competitive simple effective novel key challenge
challenges limited limitations real-world open-source code available release""".split()
_SYLLABLES = "ka lo mi ne ru ta vi zo qu ex ion ar en tr st pl gr mo de la fi so pe ub".split()
_FIRST = """Wei Jing Yu Hao Li Xin Ming Anna Maria Lucas Sofia Noah Emma Liam Olivia Arjun Priya
Rahul Ananya Kenji Yuki Hiroshi Sakura Jonas Lena Felix Clara Omar Layla Pablo Ines Marta
Tomas Elif Chidi Amara Dmitri Irina Sven Astrid Mateo Lucia Kwame Nia Ravi Meera""".split()
_LAST = """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Smith Johnson Brown Garcia Miller
Davis Kumar Singh Sharma Patel Tanaka Suzuki Sato Mueller Schmidt Fischer Rossi Khan Kim Park
Okafor Mensah Ivanova Larsen Novak Silva Costa Haddad Nakamura Ortiz Dubois Moreau""".split()
_ORGS = ["Google", "Meta AI", "Microsoft", "NVIDIA", "Qwen", "DeepSeek", "Tsinghua University",
         "Stanford", "MIT", "ETH Zurich", "KAIST", "Mila"]


AREA_SIZE = 5
RARE_SHARE = 0.05
SECOND_TOPIC_SHARE = 0.33


@dataclass(frozen=True, slots=True)
class Topic:
    number: int
    words: tuple[str, ...]
    keywords: tuple[str, ...]
    area_words: tuple[str, ...]
    area_keywords: tuple[str, ...]
    authors: tuple[str, ...]
    organizations: tuple[str, ...]
    popularity: float  # multiplies upvotes


def _word(rng: random.Random, used: set[str]) -> str:
    while True:
        word = "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4)))
        if word not in used:
            used.add(word)
            return word


def make_topics(count: int = 30, seed: int = 7) -> list[Topic]:
    """`count` topics; topic i borrows a fifth of its words from topic i-1."""
    rng = random.Random(seed)
    used: set[str] = set()
    vocabularies = [[_word(rng, used) for _ in range(60)] for _ in range(count)]
    for number in range(1, count):
        vocabularies[number][:12] = vocabularies[number - 1][-12:]
    areas = [[_word(rng, used) for _ in range(40)] for _ in range(0, count, AREA_SIZE)]
    area_keywords = [tuple(" ".join(rng.sample(words[:20], 2)) for _ in range(10))
                     for words in areas]
    names: set[str] = set()
    pools: list[list[str]] = []
    for _ in range(count):
        pool: list[str] = []
        while len(pool) < 30:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if name not in names:
                names.add(name)
                pool.append(name)
        pools.append(pool)
    for number in range(1, count):  # collaborators across neighbouring topics
        pools[number][:5] = pools[number - 1][-5:]
    topics = []
    for number, words in enumerate(vocabularies):
        keywords = tuple(" ".join(rng.sample(words[:30], rng.randint(2, 3))) for _ in range(14))
        topics.append(Topic(
            number=number, words=tuple(words), keywords=keywords,
            area_words=tuple(areas[number // AREA_SIZE]),
            area_keywords=area_keywords[number // AREA_SIZE], authors=tuple(pools[number]),
            organizations=tuple(rng.sample(_ORGS, 2)),
            popularity=rng.choice((0.3, 0.5, 0.7, 1.0, 1.5, 3.0)),
        ))
    return topics


@functools.cache
def _zipf(count: int, exponent: float) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(count):
        total += 1.0 / (rank + 1) ** exponent
        cumulative.append(total)
    return cumulative


class Writer:
    """Writes papers of given topics (deterministic for a seed)."""

    def __init__(self, topics: list[Topic], seed: int = 11, *, hard: bool = False) -> None:
        """`hard`: half as many topic words, at most one topic keyword phrase and one
        author of the topic's pool per paper, so the area's words speak louder."""
        self.topics = topics
        self.rng = random.Random(seed)
        self.strength = 0.5 if hard else 1.0
        self.phrases, self.leads = ((0, 1), (0, 1)) if hard else ((2, 4), (1, 4))
        used = {w for t in topics for w in t.words + t.area_words}
        self.rare = [_word(self.rng, used) for _ in range(20000)]
        self.serial = 0
        self.cumulative = _zipf(len(_FILLER), 1.0)

    def _words(self, topic: Topic, count: int, share: float) -> list[str]:
        """`count` words: a `share` of them the topic's, twice as many its area's, and some
        rare words of no topic (the jargon and names that make chance matches)."""
        rng = self.rng
        out = rng.choices(_FILLER, cum_weights=self.cumulative, k=count)
        topic_weights = _zipf(len(topic.words), 0.8)
        area_weights = _zipf(len(topic.area_words), 0.8)
        for index in range(count):
            draw = rng.random()
            # The topic's own words are Zipf-like too: a few say it again and again.
            if draw < share:
                out[index] = rng.choices(topic.words, cum_weights=topic_weights)[0]
            elif draw < 3 * share:
                out[index] = rng.choices(topic.area_words, cum_weights=area_weights)[0]
            elif draw < 3 * share + RARE_SHARE:
                out[index] = rng.choice(self.rare)
        return out

    def _text(self, topic: Topic, low: int, high: int, share: float) -> str:
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < target:
            sentences.append(" ".join(self._words(topic, self.rng.randint(12, 28), share))
                             .capitalize() + ".")
        return " ".join(sentences)

    def paper(self, topic: Topic, day: dt.date, *, popularity: float | None = None) -> Paper:
        """One paper of `topic` listed on `day`; a third of them also borrow from a second
        topic, at half the strength (a paper on two subjects, labelled with the first)."""
        rng = self.rng
        self.serial += 1
        if rng.random() < SECOND_TOPIC_SHARE:
            other = rng.choice(self.topics)
            topic = Topic(
                number=topic.number, words=topic.words + other.words[:30],
                keywords=topic.keywords + other.keywords[:4],
                area_words=topic.area_words + other.area_words[:20],
                area_keywords=topic.area_keywords, authors=topic.authors + other.authors[:10],
                organizations=topic.organizations, popularity=topic.popularity)
        lead = [rng.choice(topic.authors) for _ in range(rng.randint(*self.leads))]
        others = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(rng.randint(2, 16))]
        keywords = list(rng.sample(topic.keywords, rng.randint(*self.phrases)))
        keywords += rng.sample(topic.area_keywords, rng.randint(2, 3))
        keywords += [" ".join(self._words(topic, rng.randint(1, 3), 0.15))
                     for _ in range(rng.randint(4, 9))]
        upvotes = int(rng.paretovariate(1.3) * 4 * (topic.popularity if popularity is None
                                                   else popularity))
        return Paper(
            id=f"{day:%y%m}.{self.serial:05d}",
            title=" ".join(self._words(topic, rng.randint(8, 14), 0.1 * self.strength)).title(),
            abstract=self._text(topic, 900, 1900, 0.03 * self.strength),
            authors=tuple(dict.fromkeys(lead + others)),
            day=day.isoformat(),
            published_at=day.isoformat() + "T00:00:00.000Z",
            submitted_at=day.isoformat() + "T09:00:00.000Z",
            upvotes=upvotes,
            ai_summary=self._text(topic, 200, 300, 0.05 * self.strength),
            ai_keywords=tuple(dict.fromkeys(keywords)),
            organization=rng.choice(topic.organizations) if rng.random() < 0.6 else "",
        )


def make_days(writer: Writer, days: int, per_day: int = 50,
              last_day: dt.date = dt.date(2026, 11, 26)) -> tuple[list[Paper], dict[str, int]]:
    """`days` weekdays of `per_day` papers on random topics, ending the weekday before
    `last_day`; the papers and each one's topic."""
    rng = writer.rng
    papers: list[Paper] = []
    labels: dict[str, int] = {}
    day = last_day - dt.timedelta(days=1)
    made = 0
    while made < days:
        if day.weekday() < 5:
            for _ in range(per_day):
                topic = rng.choice(writer.topics)
                paper = writer.paper(topic, day)
                papers.append(paper)
                labels[paper.id] = topic.number
            made += 1
        day -= dt.timedelta(days=1)
    return papers, labels
