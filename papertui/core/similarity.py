"""What papers have in common: the features related papers and the for-you order compare.

A paper's *signature* is a handful of weighted features: its most distinctive words (by
tf-idf, with document frequencies from the store's `word_counts`), its authors and (for the
for-you profile) its organization. Its AI keyword phrases name what two papers share in the
reasons. Two ways answer "which papers have these features":

- over the whole store, each feature is one query (an FTS5 match for a word, the
  `paper_authors` index for an author), answered as one SQL row holding every matching
  store key, so the cost follows how many papers share the features, not the store's size;
- over a few papers, their text is read and checked in Python, which also says *which*
  features each paper shares: the words of the one-line reasons.

Both score a paper the same way: the sum of the weights of the features it has.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from papertui.core.models import Paper

FeatureKind = Literal["term", "author", "organization"]
Feature = tuple[FeatureKind, str]

TERMS_PER_PAPER = 40
MIN_PAPERS = 2  # a word only this paper holds finds nothing
# At most this many (word, paper) pairs are looked up for one signature: what a look-up
# costs follows how many papers its words are in, so the budget bounds it in a large store.
POSTINGS_BUDGET = 10_000
AUTHORS_PER_PAPER = 25  # of a 500-author paper, the first 20 and the last 5 count
# Weights of the other features, in units of one word's tf-idf: a shared author says much
# more about two papers than a shared word.
AUTHOR_WEIGHT = 8.0
ORGANIZATION_WEIGHT = 3.0

_GRID = 2 ** 20

# Words in more than this share of papers say little and are the costliest to look up.
COMMON_SHARE = 0.05
COMMON_FLOOR = 40  # ... but a small store keeps them (the share of 60 papers is 3)
# A name on more than this share of papers is many people ("Wei Wang"), not one author.
COMMON_NAME_SHARE = 0.005

# The words of the index's text columns, in FTS5's own column-filter syntax.
_TEXT_COLUMNS = "{title abstract ai_summary ai_keywords}"
_TOKEN = re.compile(r"[^\W_]+")
_ASCII_TOKEN = re.compile(r"(?a)[^\W_]+")
# Function words and the boilerplate of every abstract: never distinctive, never a reason.
STOP_WORDS = frozenset("""
a about above across after again against all almost also although among an and another any
are around as at be because been before being below between both but by can could did do
does doing done due during each either enough especially etc even ever every few for from
further had has have having here how however if in into is it its itself just less like made
make makes many may more most much must namely near nearly neither no nor not now of off often
on once one only onto or other others otherwise our ours out over own per perhaps rather same
several should show shows shown since so some such than that the their them themselves then
there these they this those though through thus to too two under until up upon us use used
uses using very via was we well were what when where whether which while who whose why will
with within without would yet you your paper propose proposed proposes present presents
approach method methods result results new novel existing based work first furthermore
moreover via significantly demonstrate demonstrates achieve achieves across extensive
co non self pre multi sub top end
""".split())


def tokens(text: str) -> list[str]:
    """The words of `text` as the full-text index sees them: lower case, accents removed,
    split at anything that is not a letter or digit."""
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())  # the same words, found twice as fast
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return _TOKEN.findall(text.lower())


def phrase(text: str) -> str:
    """A keyword reduced to its words, for comparing ("Draft-model" == "draft model")."""
    return " ".join(tokens(text))


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def author_name(name: str) -> str:
    """An author's name as `paper_authors` holds it: trimmed, A-Z lowered (as SQLite's
    lower(), which the migration used)."""
    return name.strip().translate(_ASCII_LOWER)


def _content_word(word: str) -> bool:
    return len(word) > 1 and not word.isdigit() and word not in STOP_WORDS


@dataclass(slots=True)
class PaperText:
    """The parts of one paper that features are read from."""

    key: int
    paper_id: str
    title: str
    words: Counter[str]  # weighted word counts: title and keywords count more than abstract
    keywords: tuple[str, ...]  # as phrases
    authors: tuple[str, ...]  # as written
    author_names: frozenset[str]  # as `author_name` gives them
    organization: str
    upvotes: int

    def has(self, feature: Feature) -> bool:
        """Whether this paper has `feature` (as the store's query for it would find)."""
        kind, value = feature
        if kind == "term":
            return value in self.words
        if kind == "author":
            return value in self.author_names
        return value == self.organization


_TEXT_SQL = ("SELECT pk, id, title, abstract, ai_summary, ai_keywords, authors, organization, "
             "upvotes FROM papers WHERE pk IN ({marks})")


def read_texts(db: sqlite3.Connection, keys: Iterable[int]) -> dict[int, PaperText]:
    """The papers with these store keys, read for comparing (unknown keys are skipped)."""
    wanted = list(keys)
    found: dict[int, PaperText] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for row in db.execute(_TEXT_SQL.format(marks=",".join("?" * len(chunk))), chunk):
            found[row[0]] = _paper_text(row)
    return found


def _paper_text(row: Sequence) -> PaperText:
    key, paper_id, title, abstract, summary, keywords, authors, organization, upvotes = row
    keyword_list = [k for k in (keywords or "").split("\n") if k.strip()]
    author_list = tuple(a for a in (authors or "").split("\n") if a.strip())
    words = Counter(tokens(f"{abstract or ''} {summary or ''}"))
    for text, weight in ((title, 3), (" ".join(keyword_list), 2)):
        for word, count in Counter(tokens(text or "")).items():
            words[word] += weight * count
    keyword_phrases = tuple(dict.fromkeys(p for k in keyword_list if (p := phrase(k))))
    return PaperText(
        key=key, paper_id=paper_id, title=title, words=words, keywords=keyword_phrases,
        authors=author_list, author_names=frozenset(author_name(a) for a in author_list),
        organization=organization or "", upvotes=upvotes,
    )


class HasConnection(Protocol):
    """A store: each thread that asks gets its own connection."""

    @property
    def db(self) -> sqlite3.Connection: ...


class Corpus:
    """The store's papers seen as a collection of words: counts and feature look-ups.

    Document frequencies are cached for the life of the object and dropped when the number
    of papers moves by more than a few percent (a fetch of a day changes them little).
    Safe to share between threads: every query uses the asking thread's connection."""

    def __init__(self, store: HasConnection) -> None:
        self.store = store
        self._size = 0
        self._frequencies: dict[str, int] = {}
        self._counts: dict[tuple[FeatureKind, str], int] = {}

    def size(self) -> int:
        """How many papers the store holds (the largest store key: deletions are rare)."""
        size = self.store.db.execute("SELECT coalesce(max(pk), 0) FROM papers").fetchone()[0]
        if abs(size - self._size) > max(20, self._size // 50):
            self._frequencies.clear()
            self._counts.clear()
        self._size = size
        return size

    def frequencies(self, words: Iterable[str]) -> dict[str, int]:
        """How many papers hold each word (0 for a word the index does not know)."""
        words = list(words)
        missing = [w for w in set(words) if w not in self._frequencies]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for word in chunk:
                self._frequencies[word] = 0
            marks = ",".join("?" * len(chunk))
            for term, count in self.store.db.execute(
                    f"SELECT word, papers FROM word_counts WHERE word IN ({marks})", chunk):
                self._frequencies[term] = count
        return {w: self._frequencies[w] for w in words}

    def counts_up_to(self, kind: FeatureKind, values: Iterable[str], cap: int) -> dict[str, int]:
        """How many papers have each author or organization, counted no further than
        `cap` + 1 (a common name costs no more than a rare one)."""
        sql = {"author": "SELECT count(*) FROM (SELECT 1 FROM paper_authors WHERE name = ? "
                         "LIMIT ?)",
               "organization": "SELECT count(*) FROM (SELECT 1 FROM papers WHERE "
                               "organization = ? AND organization != '' LIMIT ?)"}[kind]
        found = {}
        for value in values:
            cached = self._counts.get((kind, value))
            if cached is None:
                cached = self.store.db.execute(sql, (value, cap + 1)).fetchone()[0]
                self._counts[(kind, value)] = cached
            found[value] = cached
        return found

    def idf(self, frequency: int) -> float:
        """The inverse document frequency of a word in `frequency` papers (always > 0)."""
        size = max(self._size, frequency, 1)
        return math.log(1 + (size - frequency + 0.5) / (frequency + 0.5))

    def matching(self, feature: Feature) -> list[int]:
        """The store keys of every paper that has `feature`."""
        kind, value = feature
        if kind == "organization":
            row = self.store.db.execute("SELECT group_concat(pk) FROM papers "
                                  "WHERE organization = ? AND organization != ''",
                                  (value,)).fetchone()
        elif kind == "author":
            row = self.store.db.execute("SELECT group_concat(pk) FROM paper_authors WHERE name = ?",
                                  (value,)).fetchone()
        else:
            if not _TOKEN.fullmatch(value):
                return []  # not a word the index could hold: no query is built from it
            row = self.store.db.execute(
                "SELECT group_concat(rowid) FROM papers_fts WHERE papers_fts MATCH ?",
                (f'{_TEXT_COLUMNS} : "{value}"',)).fetchone()
        return [int(key) for key in row[0].split(",")] if row[0] else []

    def signature(self, paper: PaperText, *, organization: bool = False) -> dict[Feature, float]:
        """The features that say what `paper` is about, with their weights: its most
        distinctive words, its authors, and (when asked) its organization."""
        size = self.size()
        candidates = [w for w in paper.words if _content_word(w)]
        counts = self.frequencies(candidates)
        common = max(COMMON_FLOOR, int(size * COMMON_SHARE))
        # A word no other paper holds finds nothing, and would crowd out one that does.
        scored = sorted(
            ((1 + math.log(paper.words[w])) * self.idf(counts[w]), w)
            for w in candidates if MIN_PAPERS <= counts[w] <= common)
        features: dict[Feature, float] = {}
        postings = 0
        # The heaviest words first, while the papers they find stay within the budget.
        for weight, word in reversed(scored):
            if len(features) == TERMS_PER_PAPER:
                break
            if postings + counts[word] <= POSTINGS_BUDGET:
                postings += counts[word]
                features[("term", word)] = weight
        names = [author_name(a) for a in paper.authors]
        if len(names) > AUTHORS_PER_PAPER:
            names = names[:AUTHORS_PER_PAPER - 5] + names[-5:]
        common_name = max(COMMON_FLOOR, int(size * COMMON_NAME_SHARE))
        papers_by = self.counts_up_to("author", [n for n in names if n], common_name)
        for name in names:
            if 2 <= papers_by.get(name, 0) <= common_name:
                features[("author", name)] = AUTHOR_WEIGHT
        if organization and paper.organization:
            # An organization on more papers than a common word says as little.
            if self.counts_up_to("organization", [paper.organization], common)[
                    paper.organization] <= common:
                features[("organization", paper.organization)] = ORGANIZATION_WEIGHT
        # Weights on a grid of 2**-20 add up exactly, in any order: a paper scored from its
        # text and from the store's indexes gets the very same score.
        return {feature: round(weight * _GRID) / _GRID for feature, weight in features.items()}

    def scores(self, weights: Mapping[Feature, float]) -> dict[int, float]:
        """Every paper in the store that has any of these features, with the sum of the
        weights of those it has."""
        total: dict[int, float] = {}
        get = total.get
        for feature, weight in weights.items():
            for key in self.matching(feature):
                total[key] = get(key, 0.0) + weight
        return total


def read_keywords(db: sqlite3.Connection, keys: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The AI keyword phrases of the papers with these store keys (at most 500 keys)."""
    marks = ",".join("?" * len(keys))
    return {key: tuple(dict.fromkeys(p for k in (text or "").split("\n") if (p := phrase(k))))
            for key, text in db.execute(
                f"SELECT pk, ai_keywords FROM papers WHERE pk IN ({marks})", list(keys))}


class Scorer:
    """Scores papers read with `read_texts` against fixed feature weights."""

    def __init__(self, weights: Mapping[Feature, float]) -> None:
        self.terms: dict[str, float] = {}
        self.authors: dict[str, float] = {}
        self.organizations: dict[str, float] = {}
        kinds = {"term": self.terms, "author": self.authors, "organization": self.organizations}
        for (kind, value), weight in weights.items():
            kinds[kind][value] = weight

    def score(self, paper: PaperText) -> float:
        """The sum of the weights of the features `paper` has."""
        total = sum(self.terms[w] for w in self.terms.keys() & paper.words.keys())
        total += sum(self.authors[a] for a in self.authors.keys() & paper.author_names)
        return total + self.organizations.get(paper.organization, 0.0)


def shared(paper: PaperText, weights: Mapping[Feature, float]) -> list[tuple[Feature, float]]:
    """The features of `weights` that `paper` has, heaviest first."""
    found = [(feature, weight) for feature, weight in weights.items() if paper.has(feature)]
    return sorted(found, key=lambda item: -item[1])


def shared_keywords(paper: PaperText, keywords: Iterable[str]) -> list[str]:
    """The keyword phrases of `keywords` that `paper` has too, in the order given."""
    mine = set(paper.keywords)
    return [keyword for keyword in keywords if keyword in mine]


def describe_features(found: Sequence[tuple[Feature, float]], paper: PaperText,
                      keywords: Sequence[str] = (), *, words: int = 3) -> list[str]:
    """Plain-text parts of a reason: "shares: a, b, c", "2 authors", "Google". Shared
    keyword phrases come first, then the heaviest shared words they do not already say."""
    parts: list[str] = []
    subjects = list(keywords[:words])
    covered = {w for keyword in subjects for w in keyword.split()}
    subjects += [value for (kind, value), _ in found
                 if kind == "term" and value not in covered]
    if subjects:
        parts.append("shares: " + ", ".join(subjects[:words]))
    authors = [value for (kind, value), _ in found if kind == "author"]
    if authors:
        # Named as the paper writes them; counted when there are several.
        written = {author_name(a): a for a in paper.authors}
        if len(authors) == 1:
            parts.append("author " + written.get(authors[0], authors[0]))
        else:
            parts.append(f"{len(authors)} authors")
    if any(kind == "organization" for (kind, _), _ in found):
        parts.append(paper.organization)
    return parts


def index_new_papers(db: sqlite3.Connection, keys: dict[str, int],
                     papers: Iterable[Paper]) -> None:
    """Count the words and record the authors of papers just added to the store (inside the
    transaction that added them). `keys` maps their ids to store keys (and is emptied); `papers` are
    the papers saved (only those in `keys` are read). A paper whose text changes later keeps the
    counts of its first text: document frequencies are estimates, and authors are checked
    against the paper's text again before they count."""
    words: Counter[str] = Counter()
    authors: list[tuple[str, int]] = []
    for paper in papers:
        key = keys.pop(paper.id, None)  # once each, however often a batch repeats it
        if key is None:
            continue
        text = " ".join((paper.title, paper.abstract, " ".join(paper.authors),
                         paper.ai_summary, " ".join(paper.ai_keywords)))
        words.update(set(tokens(text)))
        authors.extend((name, key) for name in {author_name(a) for a in paper.authors} if name)
    # In each table's own order, so each write lands beside the one before it.
    db.executemany("INSERT INTO word_counts (word, papers) VALUES (?, ?) "
                   "ON CONFLICT (word) DO UPDATE SET papers = papers + excluded.papers",
                   sorted(words.items()))
    db.executemany("INSERT OR IGNORE INTO paper_authors (name, pk) VALUES (?, ?)",
                   sorted(authors))
