"""The "for you" order: papers ranked by how well they match what the user has shown interest in.

The profile is learned from the user's state, never stored: the signatures (see
`similarity`) of the papers they bookmarked, tagged or wrote a note on count fully, those
they only read count a little, and those they marked "not interested" count against (and
are hidden from the order). It is rebuilt whenever that state changes - one new signature
for one new bookmark - so the first bookmark changes the order at once.

A short list (a day) is scored from its papers' text; a long one (a week, a search, the
whole store) from one store query per profile feature, kept until the profile or the store
changes. Both give the same score: the sum of the weights of the profile's features a
paper has. Papers that match nothing keep the order they came in (by upvotes).
"""

from __future__ import annotations

import heapq
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from papertui.core.models import StoredPaper
from papertui.core.query import FilterSpec
from papertui.core.safety import clean_line
from papertui.core.similarity import (
    Corpus, Feature, HasConnection, Scorer, describe_features, read_texts, shared,
    shared_keywords,
)
from papertui.core.store import Store

# How much each kind of interest counts. Reading without bookmarking says a little; all the
# papers only read together never outweigh half of what the deliberate marks say.
MARKED = 1.0
READ = 0.2
READ_SHARE = 0.5
READ_LIMIT = 100  # the papers read most recently
AGAINST = -1.0
PROFILE_FEATURES = 150
# Up to this many keys are scored from their text; more, from the store's indexes.
TEXT_RANKING_MAX = 300
_GRID = 2 ** 20

NOTHING_LEARNED = ("for you: nothing to learn from yet (bookmark, tag or note papers); "
                   "by upvotes")


@dataclass(frozen=True, slots=True)
class Interest:
    """A paper the profile learns from."""

    key: int
    title: str
    why: str  # "bookmarked", "tagged", "noted", "read" or "marked not interested"
    weight: float


@dataclass(slots=True)
class Profile:
    """What the user is interested in: weighted features, and where each came from."""

    weights: dict[Feature, float] = field(default_factory=dict)
    keywords: dict[str, float] = field(default_factory=dict)  # AI keyword phrases liked
    sources: dict[Feature, list[tuple[int, float]]] = field(default_factory=dict)
    interests: dict[int, Interest] = field(default_factory=dict)
    hidden: frozenset[int] = frozenset()  # store keys marked not interested
    scorer: Scorer = field(default_factory=lambda: Scorer({}))

    @property
    def learned(self) -> bool:
        """Whether there was anything to learn from (else the order is by upvotes)."""
        return bool(self.weights)


@dataclass(frozen=True, slots=True)
class Ranking:
    """A list in for-you order."""

    keys: array  # store keys, best first; papers marked not interested left out
    learned: bool
    hidden: int  # how many of the given keys were left out

    @property
    def status(self) -> str:
        """What the status line says about the order."""
        if not self.learned:
            return NOTHING_LEARNED
        return "for you" + (f" ({self.hidden} not interested hidden)" if self.hidden else "")


class ForYou:
    """The for-you order over one store. Keep one for the life of the app: it caches the
    papers' signatures and the last whole-store scores. Safe to use from worker threads."""

    def __init__(self, store: HasConnection) -> None:
        self.store = store
        self.corpus = Corpus(store)
        self._lock = threading.Lock()
        self._signatures: dict[int, dict[Feature, float]] = {}
        self._keywords: dict[int, tuple[str, ...]] = {}
        # The profile as last built: each interest's weight, and the sums they make.
        self._applied: dict[int, float] = {}
        self._totals: dict[Feature, float] = {}
        self._grid: dict[Feature, float] = {}  # the totals on the grid, zeros left out
        self._sources: dict[Feature, dict[int, float]] = {}
        self._keyword_totals: dict[str, float] = {}
        self._profile = Profile()
        self._fingerprint: tuple = ()
        self._written: dict[int, tuple[int, int]] = {}
        self._store_scores: tuple[tuple, dict[int, float]] = ((), {})

    # -- the profile ------------------------------------------------------------------

    def profile(self) -> Profile:
        """The profile for the user's state as it is now (rebuilt only when it changed)."""
        db = self.store.db
        # Nothing was written since this connection last looked: no need to look again.
        # (data_version moves when another connection commits, total_changes when this one does.)
        written = (db.execute("PRAGMA data_version").fetchone()[0], db.total_changes)
        if self._written.get(id(db)) == written and self._fingerprint:
            return self._profile
        # Every marked paper's marks, spelled out (sums could stay the same when one
        # bookmark comes and another goes within a second); for reading, a count will do.
        fingerprint = (
            db.execute(
                "SELECT group_concat(paper_id || bookmarked || not_interested || length(note) "
                "|| tags, ',') FROM user_state WHERE bookmarked OR note != '' "
                "OR tags NOT IN ('', '[]') OR not_interested").fetchone()[0],
            *db.execute("SELECT count(*), max(read_at) FROM user_state WHERE read").fetchone(),
        )
        with self._lock:
            if fingerprint != self._fingerprint:
                self._profile = self._build(self._interests())
                self._fingerprint = fingerprint
            self._written[id(db)] = written
            return self._profile

    def forget(self) -> None:
        """Drop what is cached (after papers were removed or replaced wholesale)."""
        with self._lock:
            self._signatures.clear()
            self._keywords.clear()
            self._applied.clear()
            self._totals.clear()
            self._grid.clear()
            self._sources.clear()
            self._keyword_totals.clear()
            self._fingerprint = ()
            self._written.clear()
            self._store_scores = ((), {})

    def _interests(self) -> list[Interest]:
        db = self.store.db
        # The join skips bookmarks of papers no longer in the store.
        # Each WHERE is a partial index's own (see the schema), so neither reads every row.
        marked = db.execute(
            "SELECT p.pk, p.title, s.bookmarked, s.tags NOT IN ('', '[]'), s.note != '', "
            "s.not_interested FROM user_state s JOIN papers p ON p.id = s.paper_id "
            "WHERE s.bookmarked OR s.note != '' OR s.tags NOT IN ('', '[]') "
            "OR s.not_interested").fetchall()
        interests = []
        for key, title, bookmarked, tagged, noted, against in marked:
            if against:
                interests.append(Interest(key, title, "marked not interested", AGAINST))
            else:
                why = "bookmarked" if bookmarked else "tagged" if tagged else "noted"
                interests.append(Interest(key, title, why, MARKED))
        read = db.execute(
            "SELECT p.pk, p.title FROM user_state s JOIN papers p ON p.id = s.paper_id "
            "WHERE s.read AND NOT s.bookmarked AND s.tags IN ('', '[]') AND s.note = '' "
            "AND NOT s.not_interested ORDER BY s.read_at DESC LIMIT ?", (READ_LIMIT,)).fetchall()
        if read:
            liked = sum(1 for i in interests if i.weight > 0)
            each = min(READ, READ_SHARE * max(liked, 1) / len(read))
            interests += [Interest(key, title, "read", each) for key, title in read]
        return interests

    def _learn_signatures(self, keys: list[int]) -> None:
        """Work out the signatures of these papers that are not known yet, all at once."""
        missing = [key for key in keys if key not in self._signatures]
        texts = read_texts(self.store.db, missing)
        self.corpus.frequencies(w for text in texts.values() for w in text.words)
        for key in missing:
            text = texts.get(key)
            found = self.corpus.signature(text, organization=True) if text else {}
            # Each paper counts the same whatever its length: its weights sum to one.
            total = sum(found.values()) or 1.0
            self._signatures[key] = {feature: weight / total for feature, weight in found.items()}
            self._keywords[key] = text.keywords if text else ()

    def _build(self, interests: list[Interest]) -> Profile:
        """The profile for these interests, from the last one by the difference: a new
        bookmark adds one paper's signature instead of summing them all again."""
        wanted = {interest.key: interest.weight for interest in interests}
        applied = self._applied
        changed = [key for key in wanted.keys() | applied.keys()
                   if wanted.get(key, 0.0) != applied.get(key, 0.0)]
        self._learn_signatures([key for key in changed if key in wanted])
        totals, sources, keywords = self._totals, self._sources, self._keyword_totals
        grid = self._grid
        for key in changed:
            weight = wanted.get(key, 0.0)
            delta = weight - applied.get(key, 0.0)
            for feature, share in self._signatures[key].items():
                total = totals[feature] = totals.get(feature, 0.0) + delta * share
                # On the grid of 2**-20 (see Corpus.signature): sums are exact in any
                # order, and the rounding dust of adding and taking away is zero again.
                on_grid = round(total * _GRID) / _GRID
                if on_grid:
                    grid[feature] = on_grid
                else:
                    grid.pop(feature, None)
                if weight:
                    sources.setdefault(feature, {})[key] = weight * share
                else:
                    sources.get(feature, {}).pop(key, None)
            for keyword in self._keywords[key]:
                if " " in keyword:
                    keywords[keyword] = keywords.get(keyword, 0.0) + delta
            if weight:
                applied[key] = weight
            else:
                applied.pop(key, None)
                del self._signatures[key], self._keywords[key]
        kept = heapq.nlargest(PROFILE_FEATURES, grid, key=lambda f: abs(grid[f]))
        weights = {f: grid[f] for f in kept}
        return Profile(
            weights=weights,
            keywords={k: w for k, w in keywords.items() if w > 1e-9},
            sources={f: list(sources.get(f, {}).items()) for f in kept},
            interests={i.key: i for i in interests},
            hidden=frozenset(i.key for i in interests if i.weight < 0),
            scorer=Scorer(weights),
        )

    # -- ranking ----------------------------------------------------------------------

    def scores(self, keys: Sequence[int]) -> dict[int, float]:
        """The for-you score of each of these papers (0 for one that matches nothing)."""
        profile = self.profile()
        if not profile.learned:
            return {key: 0.0 for key in keys}
        if len(keys) <= TEXT_RANKING_MAX:
            texts = read_texts(self.store.db, keys)
            scorer = profile.scorer
            return {key: scorer.score(texts[key]) if key in texts else 0.0 for key in keys}
        whole = self._whole_store(profile)
        return {key: whole.get(key, 0.0) for key in keys}

    def _whole_store(self, profile: Profile) -> dict[int, float]:
        stamp = (self._fingerprint, self.corpus.size())
        cached_stamp, cached = self._store_scores
        if cached_stamp == stamp:
            return cached
        found = self.corpus.scores(profile.weights)
        self._store_scores = (stamp, found)
        return found

    def rank(self, keys: Sequence[int]) -> Ranking:
        """`keys` (store keys, in the order ties should keep: by upvotes) in for-you order,
        without the papers marked not interested. With nothing learned yet the order is
        the one given, and `learned` is False."""
        profile = self.profile()
        kept = [key for key in keys if key not in profile.hidden]
        hidden = len(keys) - len(kept)
        if not profile.learned:
            return Ranking(array("q", kept), learned=False, hidden=hidden)
        found = self.scores(kept)
        kept.sort(key=lambda key: -found[key])  # stable: ties keep the given order
        return Ranking(array("q", kept), learned=True, hidden=hidden)

    def reason(self, key: int) -> str:
        """Why the paper with store key `key` ranks where it does, in one plain-text line
        ("because you bookmarked: <title> · shares: draft model · author Wei Wang"); ""
        when nothing was learned or the paper shares nothing with the profile."""
        profile = self.profile()
        interest = profile.interests.get(key)
        if interest is not None and interest.weight < 0:
            return "you marked it not interested"
        if interest is not None and interest.why != "read":
            return f"you {interest.why} it"
        if not profile.learned:
            return ""
        text = read_texts(self.store.db, [key]).get(key)
        if text is None:
            return ""
        found = shared(text, profile.weights)
        if not found:
            return ""
        # The paper the user marked that gave this one most of its score.
        credit: dict[int, float] = {}
        for feature, _ in found:
            for source, share in profile.sources.get(feature, ()):
                if source != key:
                    credit[source] = credit.get(source, 0.0) + share
        value = sum(weight for _, weight in found)
        parts: list[str] = []
        if credit:
            pick = (max if value >= 0 else min)(credit, key=lambda s: credit[s])
            source_interest = profile.interests[pick]
            if (credit[pick] > 0) == (value >= 0):
                verb = ("like papers you " + source_interest.why if value < 0
                        else "because you " + source_interest.why)
                parts.append(f"{verb}: {source_interest.title}")
        liked = [k for k in sorted(profile.keywords, key=lambda k: -profile.keywords[k])]
        positive = [(f, w) for f, w in found if (w > 0) == (value >= 0)]
        keywords = shared_keywords(text, liked) if value >= 0 else []
        parts += describe_features(positive, text, keywords)
        return clean_line(" · ".join(parts))


def for_you_papers(store: Store, spec: FilterSpec, limit: int | None = None,
                   ranker: ForYou | None = None) -> tuple[list[StoredPaper], Ranking]:
    """The papers matching `spec` (its sort aside) in for-you order, the first `limit` of
    them, with the ranking (which says whether anything was learned)."""
    keys = store.select_keys(spec.with_(sort="upvotes"))
    ranking = (ranker or ForYou(store)).rank(keys)
    chosen = list(ranking.keys if limit is None else ranking.keys[:limit])
    found = store.papers_by_key(chosen)
    return [found[key] for key in chosen if key in found], ranking
