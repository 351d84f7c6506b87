"""The for-you order: learned from bookmarks, tags, notes and reading, against papers marked
not interested; explained paper by paper; by upvotes until there is something to learn."""

from __future__ import annotations


import pytest


from damage import damage_papers_table
from discovery_corpus import TopicCorpus, fill_with_samples, paper
from papertui.core import for_you as for_you_module
from papertui.core.backup import import_json, render_json
from papertui.core.for_you import ForYou, for_you_papers
from papertui.core.models import UserState
from papertui.core.query import FilterSpec
from papertui.core.store import STORE_FILENAME, Store


@pytest.fixture
def corpus(store):
    return TopicCorpus(store)


def share(corpus, keys, topic, at=10):
    return sum(t == topic for t in corpus.topics_of(list(keys)[:at])) / at


def test_with_nothing_to_learn_the_order_is_by_upvotes_and_says_so(store, corpus):
    day = corpus.new_day({0: 8})
    ranking = ForYou(store).rank(day)
    assert list(ranking.keys) == day and not ranking.learned
    assert "nothing to learn from" in ranking.status and "upvotes" in ranking.status


def test_the_first_bookmark_changes_the_order_at_once(store, corpus):
    ranker = ForYou(store)
    day = corpus.new_day({2: 8})
    before = ranker.rank(day)
    store.set_bookmarked(corpus.of_topic(2)[:1], True)
    after = ranker.rank(day)  # the same object: no rebuild, no restart
    assert after.learned and after.status == "for you"
    assert share(corpus, after.keys, 2, 8) >= 0.75 > share(corpus, before.keys, 2, 8)


@pytest.mark.parametrize("mark", ["tag", "note"])
def test_tags_and_notes_count_like_bookmarks(store, corpus, mark):
    day = corpus.new_day({3: 8})
    for paper_id in corpus.of_topic(3)[:3]:
        if mark == "tag":
            store.set_tags(paper_id, ["mine"])
        else:
            store.set_note(paper_id, "worth reading")
    assert share(corpus, ForYou(store).rank(day).keys, 3, 8) >= 0.75


def test_two_topics_at_once(store, corpus):
    day = corpus.new_day({1: 4, 4: 4})
    for topic in (1, 4):
        store.set_bookmarked(corpus.of_topic(topic)[:4], True)
    top = corpus.topics_of(list(ForYou(store).rank(day).keys)[:8])
    assert sum(t in (1, 4) for t in top) >= 7


def test_not_interested_papers_leave_the_order_and_their_topic_sinks(store, corpus):
    ranker = ForYou(store)
    popular = max(corpus.topics, key=lambda t: t.popularity).number
    day = corpus.new_day({popular: 10})
    before = ranker.rank(day)
    assert share(corpus, before.keys, popular) >= 0.3  # by upvotes: the popular topic is up
    unwanted = store.ids_for_keys(day[:2])
    store.set_not_interested(unwanted + corpus.of_topic(popular)[:5], True)
    after = ranker.rank(day)
    assert after.hidden == 2 and len(after.keys) == len(day) - 2
    assert not set(store.ids_for_keys(after.keys)) & set(unwanted)
    assert share(corpus, after.keys, popular) <= 0.1
    assert ranker.reason(day[0]) == "you marked it not interested"


def test_reading_counts_a_little(store, corpus):
    day = corpus.new_day({5: 8})
    store.set_read(corpus.of_topic(5)[:6], True)
    ranking = ForYou(store).rank(day)
    assert ranking.learned and share(corpus, ranking.keys, 5, 8) >= 0.5
    assert ForYou(store).reason(ranking.keys[0]).startswith("because you read: ")


def test_the_reason_names_the_bookmark_and_what_is_shared(store, samples_dir):
    fill_with_samples(store, samples_dir)
    store.save_papers([
        paper("2605.90001", "[bold]Faster[/bold] speculative decoding with a draft model",
              abstract="Speculative decoding lets a small draft model propose tokens.",
              authors=("Ada Quill", "Bo Vane"),
              ai_keywords=("speculative decoding", "draft model")),
        paper("2605.90002", "Tree drafts for speculative decoding", day="2026-05-10",
              abstract="A tree of drafts verified at once by speculative decoding.",
              authors=("Ada Quill",), ai_keywords=("speculative decoding", "tree attention")),
    ])
    store.set_bookmarked(["2605.90001"], True)
    ranker = ForYou(store)
    everything = store.select_keys(FilterSpec())
    ranking = ranker.rank(everything)
    key = store.get("2605.90002").rowid
    assert list(ranking.keys).index(key) <= 2
    reason = ranker.reason(key)
    # The title is quoted as plain text, markup and all: the screen renders it as Content.
    assert reason.startswith("because you bookmarked: [bold]Faster[/bold] speculative decoding")
    assert "shares: speculative decoding" in reason and "author Ada Quill" in reason
    assert ranker.reason(store.get("2605.90001").rowid) == "you bookmarked it"


def test_a_short_list_and_the_whole_store_give_the_same_scores(store, corpus, monkeypatch):
    """A day ranked alone is in the same order as within everything (two ways to score)."""
    day = corpus.new_day({0: 5, 1: 5})
    store.set_bookmarked(corpus.of_topic(0)[:3] + corpus.of_topic(1)[:1], True)
    store.set_not_interested(corpus.of_topic(2)[:2], True)
    by_text = ForYou(store).scores(day)
    monkeypatch.setattr(for_you_module, "TEXT_RANKING_MAX", 0)
    by_index = ForYou(store).scores(day)
    assert by_text == by_index  # exactly: the weights add up the same in any order
    assert len(set(by_text.values())) > 5


def test_bookmarks_of_papers_no_longer_in_the_store_are_ignored(store, corpus):
    store.restore_state([("2401.00001", UserState(bookmarked=True, note="gone")),
                         ("2401.00002", UserState(not_interested=True))])
    day = corpus.new_day({0: 5})
    ranking = ForYou(store).rank(day)
    assert not ranking.learned and list(ranking.keys) == day


def test_an_empty_store_and_a_store_of_one(store):
    assert list(ForYou(store).rank([]).keys) == []
    store.save_papers([paper("2605.00001", "Alone", abstract="")])
    store.set_bookmarked(["2605.00001"], True)
    ranker = ForYou(store)
    assert list(ranker.rank(store.select_keys(FilterSpec())).keys) == [1]
    assert ranker.reason(12345) == ""


def test_for_you_papers_filters_then_ranks_then_limits(store, corpus):
    corpus.new_day({4: 6}, day="2026-11-26")
    store.set_bookmarked(corpus.of_topic(4)[:3], True)
    papers, ranking = for_you_papers(store, FilterSpec(since="2026-11-26"), limit=5)
    assert len(papers) == 5 and ranking.learned
    assert all(p.paper.day == "2026-11-26" for p in papers)
    assert all(corpus.labels[p.paper.id] == 4 for p in papers)


def test_the_backup_round_trip_keeps_not_interested(store, tmp_path, samples_dir):
    fill_with_samples(store, samples_dir)
    store.set_not_interested(["2605.05242"], True)
    text = render_json(store.select(FilterSpec()))
    (tmp_path / "fresh").mkdir()
    fresh = Store(tmp_path / "fresh" / STORE_FILENAME)
    try:
        report = import_json(fresh, text)
        assert report.states_changed == 1
        assert dict(fresh.user_states())["2605.05242"].not_interested is True
        assert import_json(fresh, text).changed is False  # the second import changes nothing
        ranking = ForYou(fresh).rank(fresh.select_keys(FilterSpec()))
        assert fresh.get("2605.05242").rowid not in ranking.keys
    finally:
        fresh.close()


def test_the_mark_shows_in_the_stored_state_and_can_be_cleared(store, samples_dir):
    fill_with_samples(store, samples_dir)
    store.set_not_interested(["2605.05242"], True)
    assert store.get("2605.05242").state.not_interested is True
    store.set_not_interested(["2605.05242"], False)
    assert store.get("2605.05242").state.not_interested is False


def test_one_bookmark_coming_as_another_goes_in_the_same_second_is_seen(store, corpus):
    day = corpus.new_day({0: 6, 3: 6})
    store.set_not_interested(corpus.of_topic(3)[:2], False)  # rows exist: counts stay equal
    store.set_bookmarked(corpus.of_topic(0)[:2], True)
    ranker = ForYou(store)
    assert corpus.topics_of(ranker.rank(day).keys[:1]) == [0]
    store.set_bookmarked(corpus.of_topic(0)[:2], False)
    store.set_bookmarked(corpus.of_topic(3)[:2], True)  # same count, same second
    assert corpus.topics_of(ranker.rank(day).keys[:1]) == [3]


def test_a_damaged_store_is_rebuilt_with_the_not_interested_marks(tmp_path, samples_dir):
    from papertui.core.repair import open_store

    store = Store(tmp_path / STORE_FILENAME)
    fill_with_samples(store, samples_dir)
    store.set_not_interested(["2605.05242"], True)
    damage_papers_table(store, tmp_path)
    opened = open_store(tmp_path)
    try:
        assert any("Recovered" in m for m in opened.messages), opened.messages
        assert dict(opened.store.user_states())["2605.05242"].not_interested is True
    finally:
        opened.store.close()
