"""Related papers: the papers most like one paper, each with a plain one-line reason."""

from __future__ import annotations

import random

import pytest

from discovery_corpus import TopicCorpus, fill_with_samples, paper
from papertui.core.related import related_by_id, related_papers
from papertui.core.store import Store


def test_papers_on_the_same_topic_come_first(store):
    corpus = TopicCorpus(store)
    firsts, top5 = [], []
    for paper_id in random.Random(1).sample([p.id for p in corpus.older], 20):
        found = related_papers(store, corpus.key(paper_id), 5)
        assert len(found) == 5
        assert paper_id not in [item.paper_id for item in found]
        scores = [item.score for item in found]
        assert scores == sorted(scores, reverse=True)
        same = [corpus.labels[item.paper_id] == corpus.labels[paper_id] for item in found]
        firsts.append(same[0])
        top5.extend(same)
    # A third of the corpus's papers are on two topics, labelled with one: a few misses are fair.
    assert sum(firsts) >= 18 and sum(top5) / len(top5) >= 0.8


def test_among_real_papers_the_twin_ranks_first_and_the_reason_names_the_shared_keyword(
        store, samples_dir):
    fill_with_samples(store, samples_dir)
    store.save_papers([
        paper("2605.90001", "Faster speculative decoding with a learned draft model",
              abstract="Speculative decoding lets a small draft model propose tokens that the "
              "target model verifies in parallel; we train the drafter on acceptance rates.",
              ai_keywords=("speculative decoding", "draft model", "acceptance rate")),
        paper("2605.90002", "Tree drafts for lossless speculative decoding",
              abstract="We grow a tree of candidate continuations from a draft model and verify "
              "them at once, raising the acceptance of speculative decoding.",
              ai_keywords=("speculative decoding", "tree attention", "draft model")),
    ])
    found = {item.paper_id: (rank, item)
             for rank, item in enumerate(related_by_id(store, "2605.90001", 5))}
    # The real sample on speculative decoding (VIA-SD) is as like it as the twin.
    assert found["2605.90002"][0] <= 1 and found["2606.12243"][0] <= 1
    assert found["2605.90002"][1].reason.startswith("shares: speculative decoding, draft model")
    assert found["2606.12243"][1].reason.startswith("shares: speculative decoding")


def test_shared_authors_count_and_are_named_in_the_reason(store, samples_dir):
    fill_with_samples(store, samples_dir)
    team = ("Ada Quill", "Boris Vane", "Chen Oduya")
    store.save_papers([
        paper("2605.90011", "Sparse routers for mixture of experts", authors=team + ("D One",),
              abstract="Routers."),
        paper("2605.90012", "A survey of protein folding", authors=team, abstract="Proteins."),
        paper("2605.90013", "Another protein paper", authors=("Chen Oduya", "Eve Other"),
              abstract="Folding."),
    ])
    found = {item.paper_id: item for item in related_by_id(store, "2605.90011", 20)}
    assert "3 authors" in found["2605.90012"].reason
    assert "author Chen Oduya" in found["2605.90013"].reason
    assert found["2605.90012"].score > found["2605.90013"].score


def test_empty_and_one_paper_stores_have_no_related_papers(store):
    assert related_papers(store, 1) == []
    assert related_by_id(store, "2605.00001") is None
    store.save_papers([paper("2605.00001", "Alone")])
    assert related_by_id(store, "2605.00001") == []


HOSTILE_TITLES = [
    'NEAR(a b) AND "unclosed OR * ^title -col:x',
    "[bold red]Markup[/] in the {title} $x^2$ \\textbf{tex}",
    "Diffusion",  # one word
    "",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_odd_papers_neither_crash_nor_leak_markup(store: Store, samples_dir, title):
    fill_with_samples(store, samples_dir)
    crowd = tuple(f"Author {n:03d}" for n in range(500))
    store.save_papers([
        paper("2605.90021", title, abstract="", ai_keywords=(), authors=crowd),
        paper("2605.90022", title + " again", abstract="", authors=crowd[:3] + ("X Y",)),
        paper("2605.90023", "Plain", abstract="diffusion " * 50),
    ])
    for paper_id in ("2605.90021", "2605.90022", "2605.90023"):
        found = related_by_id(store, paper_id, 10)
        assert found is not None
        for item in found:
            assert "\n" not in item.reason and "[bold" not in item.reason
    twin = related_by_id(store, "2605.90021", 3)
    assert twin and twin[0].paper_id == "2605.90022" and "3 authors" in twin[0].reason


def test_a_limit_of_zero_and_an_unknown_key_give_nothing(store, samples_dir):
    fill_with_samples(store, samples_dir)
    assert related_papers(store, 1, 0) == []
    assert related_papers(store, 10_000) == []


def test_a_store_from_before_discovery_upgrades_and_finds_related_papers(tmp_path, samples_dir):
    """The upgrade counts the words and records the authors of the papers already stored."""
    import sqlite3

    from papertui.core.schema import MIGRATIONS
    from papertui.core.store import STORE_FILENAME

    step = next(i for i, script in enumerate(MIGRATIONS) if "word_counts" in script)
    old = sqlite3.connect(tmp_path / STORE_FILENAME)
    for number, script in enumerate(MIGRATIONS[:step], 1):
        old.executescript(f"{script}\nPRAGMA user_version = {number};")
    old.execute("INSERT INTO papers (id, title, abstract, authors) VALUES "
                "('2605.90001', 'Speculative decoding with drafts', 'A draft model.', "
                "'Ada Quill\nBo Vane'),"
                "('2605.90002', 'Drafts for speculative decoding', 'Tokens.', 'Ada Quill'),"
                "('2605.90003', 'Protein folding', 'Proteins.', 'Cy Dee')")
    old.execute("INSERT INTO user_state (paper_id, bookmarked) VALUES ('2605.90001', 1)")
    old.commit()
    old.close()
    store = Store(tmp_path / STORE_FILENAME)
    try:
        assert store.get("2605.90001").state.bookmarked is True
        found = related_by_id(store, "2605.90001", 5)
        assert [item.paper_id for item in found] == ["2605.90002"]
        assert "author Ada Quill" in found[0].reason and "speculative" in found[0].reason
    finally:
        store.close()
