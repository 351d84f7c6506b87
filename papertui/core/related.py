"""Papers like this one: the most similar papers in the store, each with a one-line reason.

The paper's signature (its most distinctive words and its authors, see `similarity`) is
looked up in the store, one query per feature; the papers sharing the most weight gain a
little more for each AI keyword phrase they share, and the best are read back to say what
they share ("shares: speculative decoding, draft model · 2 authors"). Nothing is
precomputed beyond the word counts and author index `Store.save_papers` keeps up.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from papertui.core.safety import clean_line
from papertui.core.similarity import (
    Corpus, describe_features, read_keywords, read_texts, shared, shared_keywords,
)
from papertui.core.store import Store

# Papers whose keywords are compared: enough that shared phrases can reorder the top.
CANDIDATES = 30
# What one shared AI keyword phrase of two words or more adds, over the words it holds.
KEYWORD_BONUS = 4.0


@dataclass(frozen=True, slots=True)
class RelatedPaper:
    """One paper like the one asked about."""

    key: int  # store key
    paper_id: str
    title: str
    score: float
    reason: str  # plain text, one line


def related_papers(store: Store, key: int, limit: int = 5,
                   corpus: Corpus | None = None) -> list[RelatedPaper]:
    """The `limit` papers of the store most like the paper with store key `key`, best
    first; [] when the paper is unknown or shares nothing with any other.

    Reads only the store (one query per feature of the paper, ~50 in all); pass a `corpus`
    kept between calls to reuse its word counts."""
    if limit <= 0:
        return []
    corpus = corpus or Corpus(store)
    paper = read_texts(store.db, [key]).get(key)
    if paper is None:
        return []
    weights = corpus.signature(paper)
    rough = corpus.scores(weights) if weights else {}
    rough.pop(key, None)
    phrases = [keyword for keyword in paper.keywords if " " in keyword]
    best = [(k, rough[k])
            for k in heapq.nlargest(max(CANDIDATES, limit), rough, key=rough.__getitem__)]
    keywords = read_keywords(store.db, [k for k, _ in best]) if phrases and best else {}
    scored = []
    for candidate, value in best:
        common = [p for p in phrases if p in keywords.get(candidate, ())]
        scored.append((value + KEYWORD_BONUS * len(common), candidate, common))
    scored.sort(key=lambda item: (-item[0], item[1]))
    top = scored[:limit]
    texts = read_texts(store.db, [candidate for _, candidate, _ in top])
    found: list[RelatedPaper] = []
    for value, candidate, common in top:
        text = texts.get(candidate)
        if text is None:
            continue
        reason = " · ".join(describe_features(shared(text, weights), text, common))
        found.append(RelatedPaper(key=candidate, paper_id=text.paper_id, title=text.title,
                                  score=round(value, 3), reason=clean_line(reason)))
    return found


def related_by_id(store: Store, paper_id: str, limit: int = 5) -> list[RelatedPaper] | None:
    """`related_papers` for an arXiv id; None when the paper is not in the store."""
    row = store.db.execute("SELECT pk FROM papers WHERE id = ?", (paper_id,)).fetchone()
    if row is None:
        return None
    return related_papers(store, row[0], limit)
