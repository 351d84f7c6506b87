"""The watch list in a real store: what each kind of watch matches, what is refused, the
Watched filter, the watches a paper matches, and "new since the last visit"."""

from __future__ import annotations

import json

import pytest


from damage import damage_papers_table
from papertui.core import backup
from papertui.core.models import Paper
from papertui.core.query import FilterSpec
from papertui.core.visit import (
    Visit, begin_visit, count_new_watched, describe_new, new_watched_spec,
)
from papertui.core.watch import (
    WatchError, add_watch, compile_keyword, count_papers, list_watches, matching_watches,
    remove_watch, update_watch, watched_keys,
)


def paper(pid: str, title: str, **fields) -> Paper:
    fields.setdefault("day", "2026-05-08")
    return Paper(id=pid, title=title, **fields)


PAPERS = [
    paper("2605.00001", "Diffusion models for images", authors=("Wei Li", "Ana Souza"),
          organization="Qwen", upvotes=50, ai_keywords=("diffusion", "image generation")),
    paper("2605.00002", "Diffusion models for video", authors=("Zhang Wei", "Li Ming"),
          organization="Meta AI", upvotes=40, ai_keywords=("video diffusion",)),
    paper("2605.00003", "Speculative decoding at scale", authors=("Kim Park",),
          organization="qwen", submitter="akhaliq", upvotes=30, day="2026-05-07"),
    paper("2605.00004", "Retrieval for agents", authors=("Wei Lin",), upvotes=20,
          submitter="someone", day="2026-05-07"),
]


@pytest.fixture
def filled(store):
    store.save_papers(PAPERS)
    return store


def ids(store, spec: FilterSpec) -> list[str]:
    return [stored.paper.id for stored in store.select(spec)]


@pytest.mark.parametrize("text, problem", [
    ("", "needs some text"),
    ("!!! ???", "needs at least one word"),
    ("-video", "needs a word to look for, not only words to exclude"),
    ('diffusion "open', 'the quote before "open" is never closed'),
    ("diffusion -", "a lone - excludes nothing"),
    ('""', "holds no words"),
])
def test_an_invalid_keyword_is_refused_with_the_reason_and_nothing_is_saved(filled, text, problem):
    with pytest.raises(WatchError, match=problem):
        add_watch(filled, "keyword", text)
    assert list_watches(filled) == []


def test_keywords_use_the_search_syntax_with_exclusions(filled):
    add_watch(filled, "keyword", "diffusion -video")
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00001"]
    add_watch(filled, "keyword", '"speculative decoding"')
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00001", "2605.00003"]
    # search-box rules: three letters or more match as a prefix
    assert compile_keyword("diffus") == '"diffus"*'


def test_an_author_watch_matches_the_whole_name_only(filled):
    add_watch(filled, "author", "wei li")
    # "Zhang Wei, Li Ming" holds the words "Wei Li" in a row, and "Wei Lin" starts with it
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00001"]


def test_organization_and_submitter_watches_ignore_case(filled):
    add_watch(filled, "org", "QWEN")
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00001", "2605.00003"]
    add_watch(filled, "submitter", "Someone")
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00001", "2605.00003", "2605.00004"]


def test_the_watched_filter_combines_with_the_others_and_counts(filled):
    add_watch(filled, "keyword", "diffusion")
    add_watch(filled, "org", "qwen")
    spec = FilterSpec(watched=True, since="2026-05-08", min_upvotes=45)
    assert ids(filled, spec) == ["2605.00001"]
    assert filled.count(FilterSpec(watched=True)) == 3
    assert ids(filled, FilterSpec(watched=True, query="speculative")) == ["2605.00003"]
    keys = watched_keys(filled)
    assert sorted(filled.ids_for_keys(keys)) == ["2605.00001", "2605.00002", "2605.00003"]


def test_no_watches_means_no_watched_papers(filled):
    assert ids(filled, FilterSpec(watched=True)) == []
    assert watched_keys(filled) == frozenset()


def test_a_paper_names_the_watches_it_matches(filled):
    author = add_watch(filled, "author", "Wei Li")
    keyword = add_watch(filled, "keyword", "diffusion -video")
    add_watch(filled, "org", "Meta AI")
    first = filled.get("2605.00001")
    assert [w.label for w in matching_watches(filled, first)] == [
        "author Wei Li", "keyword diffusion -video"]
    assert [w.id for w in matching_watches(filled, first)] == [author.id, keyword.id]
    assert [w.label for w in matching_watches(filled, filled.get("2605.00002"))] == [
        "organization Meta AI"]
    assert matching_watches(filled, filled.get("2605.00004")) == []


def test_edit_and_remove(filled):
    watch = add_watch(filled, "keyword", "diffusion")
    assert count_papers(filled, watch) == 2
    with pytest.raises(WatchError, match="watched already"):
        add_watch(filled, "keyword", "  diffusion ")
    edited = update_watch(filled, watch.id, "retrieval")
    assert edited.term == "retrieval" and edited.kind == "keyword"
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00004"]
    with pytest.raises(WatchError, match="never closed"):
        update_watch(filled, watch.id, '"agents')
    assert [w.term for w in list_watches(filled)] == ["retrieval"]
    assert remove_watch(filled, watch.id).term == "retrieval"
    with pytest.raises(WatchError, match="there is no watch #"):
        remove_watch(filled, watch.id)
    assert list_watches(filled) == []


def test_new_watched_papers_since_the_last_visit(filled):
    add_watch(filled, "keyword", "diffusion")
    assert begin_visit(filled) is None  # the first start has no previous visit
    previous = begin_visit(filled)
    assert previous is not None and count_new_watched(filled, previous) == 0
    filled.save_papers([
        paper("2605.00010", "Latent diffusion again", day="2026-05-11"),
        paper("2605.00011", "Nothing watched here", day="2026-05-11"),
        PAPERS[1],  # a re-fetch of a known paper is not new
    ])
    arrived = begin_visit(filled)
    assert arrived is not None
    assert count_new_watched(filled, arrived) == 1
    assert ids(filled, new_watched_spec(arrived)) == ["2605.00010"]
    assert describe_new(1, Visit("2026-05-12T08:00:00Z", 0)) == \
        "1 new watched paper since Tue 12 May"
    # this visit was remembered: the next start has nothing new
    assert count_new_watched(filled, begin_visit(filled)) == 0


def test_the_backup_keeps_the_watches_and_a_second_import_changes_nothing(filled, tmp_path):
    from papertui.core.repair import open_store

    add_watch(filled, "keyword", "diffusion -video")
    add_watch(filled, "author", "Wei Li")
    text = backup.render_json(filled.select(FilterSpec()),
                              [w.to_json() for w in list_watches(filled)])
    fresh = open_store(tmp_path / "fresh").store
    report = backup.import_json(fresh, text)
    assert report.watches_added == 2
    assert report.describe() == "added 4 papers; no bookmarks, read marks, notes or tags to " \
        "restore; restored 2 watches"
    assert [(w.kind, w.term) for w in list_watches(fresh)] == [
        ("keyword", "diffusion -video"), ("author", "Wei Li")]
    assert ids(fresh, FilterSpec(watched=True)) == ["2605.00001"]
    again = backup.import_json(fresh, text)
    assert (again.changed, again.describe()) == (False, "nothing to change: the store already matches")
    fresh.close()


def test_a_backup_with_a_bad_watch_changes_nothing(filled, tmp_path):
    from papertui.core.repair import open_store

    document = json.loads(backup.render_json(filled.select(FilterSpec())))
    document["watches"] = [{"kind": "keyword", "term": "fine"},
                           {"kind": "keyword", "term": "-only -exclusions"}]
    fresh = open_store(tmp_path / "fresh").store
    with pytest.raises(ValueError, match=r"watches\[1\]: a keyword watch needs a word"):
        backup.import_json(fresh, json.dumps(document))
    assert fresh.paper_count() == 0 and list_watches(fresh) == []
    fresh.close()


def test_a_refetch_that_changes_a_paper_moves_its_marks(filled):
    add_watch(filled, "keyword", "speculative")
    add_watch(filled, "org", "Meta AI")
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00002", "2605.00003"]
    changed = paper("2605.00003", "Faster decoding at scale", authors=("Kim Park",),
                    organization="Meta AI", day="2026-05-07")
    gone = paper("2605.00002", "Diffusion models for video", organization="")
    filled.save_papers([changed, gone])
    assert [w.label for w in matching_watches(filled, filled.get("2605.00003"))] == [
        "organization Meta AI"]
    assert ids(filled, FilterSpec(watched=True)) == ["2605.00003"]


def test_watches_are_salvaged_from_a_damaged_store(tmp_path):
    from papertui.core.repair import open_store

    store = open_store(tmp_path).store
    store.save_papers(PAPERS + [paper(f"2605.{n:05d}", f"Filler {n}") for n in range(100, 300)])
    add_watch(store, "author", "Wei Li")
    damage_papers_table(store, tmp_path)
    opened = open_store(tmp_path)
    assert "Recovered 1 watch from the damaged store." in opened.messages
    assert [(w.kind, w.term) for w in list_watches(opened.store)] == [("author", "Wei Li")]
    opened.store.close()
