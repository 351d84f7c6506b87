"""The store keeps fetched papers and the user's own state, and never mixes them up."""

import json
import sqlite3
import threading

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from damage import damage_papers_table
from fakehf import make_item
from papertui.core.models import Paper, View
from papertui.core.parse import parse_items
from papertui.core.query import FilterSpec, build_select, fts_query
from papertui.core.repair import open_store
from papertui.core.store import SCHEMA_VERSION, STORE_FILENAME, Store, StoreError


def paper(n: int, **fields) -> Paper:
    values = dict(
        id=f"2605.{n:05d}", title=f"Paper number {n}", abstract=f"Abstract {n}.",
        authors=(f"Author {n}", "Shared Person"), day=f"2026-05-{n % 5 + 1:02d}",
        upvotes=n, comments=n % 3,
    )
    values.update(fields)
    return Paper(**values)


def ids(papers):
    return [p.paper.id for p in papers]


def test_new_store_is_versioned_and_in_wal_mode(tmp_path):
    opened = open_store(tmp_path / "data")
    assert opened.messages == []
    db = sqlite3.connect(tmp_path / "data" / STORE_FILENAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_saving_reports_new_papers_and_refetch_updates_counts(store):
    first = store.save_papers([paper(1), paper(2)], View.day("2026-05-02"))
    assert (first.count, first.new) == (2, 2)
    again = store.save_papers([paper(1, upvotes=99, github_repo="https://github.com/a/b", github_stars=7), paper(3)])
    assert (again.count, again.new) == (2, 1)
    stored = store.get("2605.00001")
    assert stored.paper.upvotes == 99 and stored.paper.github_stars == 7


def test_refetch_never_touches_user_state(store):
    store.save_papers([paper(1)])
    store.set_bookmarked(["2605.00001"], True)
    store.set_read(["2605.00001"], True)
    store.set_note("2605.00001", "read section 3 again\nsecond line")
    store.set_tags("2605.00001", ["moe", "to-read", "moe"])
    before = store.get("2605.00001").state
    store.save_papers([paper(1, title="A new title", upvotes=500)], View.day("2026-05-02"))
    after = store.get("2605.00001")
    assert after.paper.title == "A new title"
    assert after.state == before
    assert after.state.tags == ("moe", "to-read")
    assert after.state.note == "read section 3 again\nsecond line"


def test_unbookmark_and_unread_clear_their_timestamps(store):
    store.save_papers([paper(1)])
    store.set_bookmarked(["2605.00001"], True)
    assert store.get("2605.00001").state.bookmarked_at
    store.set_bookmarked(["2605.00001"], False)
    state = store.get("2605.00001").state
    assert not state.bookmarked and not state.bookmarked_at


def test_state_is_visible_to_another_connection_at_once(store, tmp_path):
    store.save_papers([paper(1)])
    store.set_bookmarked(["2605.00001"], True)
    other = Store(tmp_path / STORE_FILENAME)
    assert other.get("2605.00001").state.bookmarked
    other.close()


def test_full_text_search_covers_every_text_field(store):
    store.save_papers([
        paper(1, title="Sparse mixture of experts"),
        paper(2, abstract="We study diffusion.\n\nSecond paragraph about routers."),
        paper(3, authors=("Yejin Choi",)),
        paper(4, ai_summary="A summary mentioning tokenizers."),
        paper(5, ai_keywords=("speculative decoding",)),
    ])
    for query, expected in [("mixture", "2605.00001"), ("router", "2605.00002"), ("choi", "2605.00003"),
                            ("tokenizer", "2605.00004"), ("speculative", "2605.00005")]:
        assert ids(store.select(FilterSpec(query=query))) == [expected], query


def test_search_matches_word_prefixes_and_needs_every_word(store):
    store.save_papers([paper(1, title="Transformers for vision"), paper(2, title="Transformers for text")])
    assert set(ids(store.select(FilterSpec(query="transf")))) == {"2605.00001", "2605.00002"}
    assert ids(store.select(FilterSpec(query="transf vis"))) == ["2605.00001"]


def test_relevance_ranks_title_matches_first(store):
    store.save_papers([
        paper(1, title="Unrelated", abstract="mentions retrieval once", upvotes=100),
        paper(2, title="Retrieval for agents", upvotes=1),
    ])
    assert ids(store.select(FilterSpec(query="retrieval", sort="relevance"))) == ["2605.00002", "2605.00001"]
    assert ids(store.select(FilterSpec(query="retrieval", sort="upvotes"))) == ["2605.00001", "2605.00002"]


def test_filters_and_sorts(store):
    store.save_papers([
        paper(1, upvotes=5, day="2026-05-01"),
        paper(2, upvotes=50, day="2026-05-02", github_repo="https://github.com/a/b", github_stars=3),
        paper(3, upvotes=20, day="2026-05-03", github_repo="https://github.com/c/d", github_stars=900),
    ])
    store.set_read(["2605.00002"], True)
    store.set_bookmarked(["2605.00003"], True)
    store.set_tags("2605.00001", ["survey"])
    assert ids(store.select(FilterSpec())) == ["2605.00002", "2605.00003", "2605.00001"]
    assert ids(store.select(FilterSpec(sort="date"))) == ["2605.00003", "2605.00002", "2605.00001"]
    assert ids(store.select(FilterSpec(sort="stars"))) == ["2605.00003", "2605.00002", "2605.00001"]
    assert ids(store.select(FilterSpec(unread=True))) == ["2605.00003", "2605.00001"]
    assert ids(store.select(FilterSpec(unread=True, keep=frozenset({"2605.00002"})))) == ["2605.00002", "2605.00003", "2605.00001"]
    assert ids(store.select(FilterSpec(bookmarked=True))) == ["2605.00003"]
    assert ids(store.select(FilterSpec(has_code=True))) == ["2605.00002", "2605.00003"]
    assert ids(store.select(FilterSpec(min_upvotes=20))) == ["2605.00002", "2605.00003"]
    assert ids(store.select(FilterSpec(tag="survey"))) == ["2605.00001"]
    assert ids(store.select(FilterSpec(view=View.day("2026-05-02")))) == ["2605.00002"]
    assert ids(store.select(FilterSpec(since="2026-05-02", until="2026-05-03"))) == ["2605.00002", "2605.00003"]
    assert store.count(FilterSpec(has_code=True, unread=True)) == 1


def test_latest_and_trending_keep_the_service_order(store):
    store.save_papers([paper(1), paper(2), paper(3)], View("trending"))
    store.save_papers([paper(3), paper(1)], View("trending"))
    spec = FilterSpec(view=View("trending"), sort="relevance")
    assert ids(store.select(spec)) == ["2605.00003", "2605.00001"]


def test_select_keys_pages_through_papers_by_key(store):
    store.save_papers([paper(n) for n in range(1, 30)])
    keys = store.select_keys(FilterSpec())
    assert len(keys) == 29
    rows = store.papers_by_key(keys[:5])
    assert [rows[k].paper.upvotes for k in keys[:5]] == [29, 28, 27, 26, 25]


def test_fetch_log_records_complete_views(store):
    view = View.day("2026-05-08")
    assert store.fetch_log(view) is None
    store.save_papers([paper(1)], view)
    entry = store.fetch_log(view)
    assert entry.complete and entry.count == 1 and entry.fetched_at.endswith("Z")
    assert store.last_fetch() == entry.fetched_at


def test_failed_write_leaves_the_store_as_it_was(store):
    store.save_papers([paper(1)])
    with pytest.raises(RuntimeError):
        with store.write() as tx:
            tx.execute("UPDATE papers SET upvotes = 1000")
            raise RuntimeError("boom")
    assert store.get("2605.00001").paper.upvotes == 1


def test_a_store_from_a_newer_papertui_is_refused_and_left_alone(tmp_path):
    path = tmp_path / STORE_FILENAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("CREATE TABLE keep_me (x)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer papertui"):
        open_store(tmp_path)
    assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert sqlite3.connect(path).execute("SELECT count(*) FROM keep_me").fetchone() == (0,)


def test_a_garbage_store_is_moved_aside_and_rebuilt(tmp_path):
    (tmp_path / STORE_FILENAME).write_bytes(b"this is not a database at all" * 100)
    opened = open_store(tmp_path)
    assert "damaged" in opened.messages[0] and "moved to" in opened.messages[0]
    assert any("could not be read" in m for m in opened.messages)
    moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert moved and moved[0].read_bytes().startswith(b"this is not a database")
    assert opened.store.paper_count() == 0


def test_bookmarks_are_salvaged_from_a_damaged_store(tmp_path):
    store = open_store(tmp_path).store
    store.save_papers([paper(n) for n in range(1, 200)])
    store.set_bookmarked(["2605.00007"], True)
    store.set_note("2605.00007", "keep this")
    damage_papers_table(store, tmp_path)
    opened = open_store(tmp_path)
    assert any("Recovered" in m for m in opened.messages), opened.messages
    state = dict(opened.store.user_states())["2605.00007"]
    assert state.bookmarked and state.note == "keep this"


def test_two_threads_writing_at_once_both_succeed(store):
    store.save_papers([paper(n) for n in range(1, 50)])
    errors = []

    def mark(start):
        try:
            for n in range(start, start + 20):
                store.set_read([f"2605.{n:05d}"], True)
        except Exception as error:  # pragma: no cover - shows up in the assert
            errors.append(error)

    threads = [threading.Thread(target=mark, args=(s,)) for s in (1, 25)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count(FilterSpec(unread=True)) == 49 - 40


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_typed_search_is_a_valid_query(tmp_path_factory, text):
    store = _shared_store(tmp_path_factory)
    store.select(FilterSpec(query=text), limit=5)  # an FTS5 syntax error would raise here
    assert fts_query(text).count('"') % 2 == 0


_STORES = {}


def _shared_store(factory):
    if "s" not in _STORES:
        _STORES["s"] = open_store(factory.mktemp("fts")).store
        _STORES["s"].save_papers([paper(1, title='A "quoted" AND (odd) NEAR title*')])
    return _STORES["s"]


def test_an_older_store_is_upgraded_one_step_at_a_time(tmp_path, monkeypatch):
    from papertui.core import schema, store as store_module

    first = open_store(tmp_path).store
    first.save_papers([paper(1)])
    first.set_bookmarked(["2605.00001"], True)
    first.close()
    steps = [*schema.MIGRATIONS, "ALTER TABLE papers ADD COLUMN reading_time INTEGER;"]
    monkeypatch.setattr(store_module, "MIGRATIONS", steps)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(steps))
    upgraded = open_store(tmp_path).store
    assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == len(steps)
    assert upgraded.db.execute("SELECT reading_time FROM papers").fetchall() == [(None,)]
    assert upgraded.get("2605.00001").state.bookmarked


def test_a_failing_upgrade_step_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    from papertui.core import schema, store as store_module

    first = open_store(tmp_path).store
    first.save_papers([paper(1)])
    first.close()
    steps = [*schema.MIGRATIONS, "ALTER TABLE papers ADD COLUMN fine INTEGER; THIS IS NOT SQL;"]
    monkeypatch.setattr(store_module, "MIGRATIONS", steps)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(steps))
    with pytest.raises(StoreError):
        Store(tmp_path / STORE_FILENAME)
    db = sqlite3.connect(tmp_path / STORE_FILENAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    columns = [row[1] for row in db.execute("PRAGMA table_info(papers)")]
    assert "fine" not in columns  # the step's first statement was rolled back with it
    assert db.execute("SELECT count(*) FROM papers").fetchone()[0] == 1


def test_keys_come_in_the_same_order_as_the_papers(store):
    store.save_papers([paper(n, upvotes=n % 7, day=f"2026-05-{n % 9 + 1:02d}",
                             github_repo="https://github.com/a/b" if n % 3 else "",
                             github_stars=n % 11 if n % 3 else None,
                             title=f"Paper {n} about {'routing' if n % 2 else 'retrieval'}")
                       for n in range(1, 400)])
    store.save_papers([paper(n) for n in range(50, 10, -1)], View("trending"))
    store.set_read([f"2605.{n:05d}" for n in range(1, 400, 4)], True)
    for spec in [FilterSpec(), FilterSpec(sort="date"), FilterSpec(sort="stars"),
                 FilterSpec(query="rout"), FilterSpec(query="routing", sort="relevance"),
                 FilterSpec(unread=True, has_code=True), FilterSpec(view=View("trending"), sort="relevance"),
                 FilterSpec(query="nothing-matches-this")]:
        assert list(store.select_keys(spec)) == [p.rowid for p in store.select(spec)], spec


def test_absurd_counts_from_the_service_do_not_break_saving(tmp_path) -> None:
    # Before counts were bounded, 2**64 upvotes reached SQLite and the whole fetch died
    # with "OverflowError: Python int too large to convert to SQLite INTEGER".
    body = json.dumps([make_item("2605.00001", upvotes=2**64, githubStars=10**40,
                                 githubRepo="https://github.com/a/b")])
    store = open_store(tmp_path).store
    try:
        store.save_papers(parse_items(json.loads(body)), View.day("2026-05-08"))
        paper = store.get("2605.00001").paper
        assert (paper.upvotes, paper.github_stars) == (0, None)
    finally:
        store.close()


def test_tags_match_whatever_their_case(store):
    store.save_papers([paper(1), paper(2), paper(3)])
    store.set_tags("2605.00001", ["Agents", "agents", "AGENTS", "Übung"])
    store.set_tags("2605.00002", ["agents"])
    store.set_tags("2605.00003", ["übung"])
    assert store.get("2605.00001").state.tags == ("Agents", "Übung")  # one tag, first spelling
    assert sorted(ids(store.select(FilterSpec(tag="agents")))) == ["2605.00001", "2605.00002"]
    assert sorted(ids(store.select(FilterSpec(tag="ÜBUNG")))) == ["2605.00001", "2605.00003"]
    assert store.count(FilterSpec(tag="AgEnTs")) == 2
    assert store.tags() == ["Agents", "Übung"]


def test_sort_by_comments_walks_its_own_index(store):
    store.save_papers([paper(1, comments=4, upvotes=1), paper(2, comments=9, upvotes=2),
                       paper(3, comments=4, upvotes=30), paper(4, comments=0, upvotes=99)])
    spec = FilterSpec(sort="comments")
    assert ids(store.select(spec)) == ["2605.00002", "2605.00003", "2605.00001", "2605.00004"]
    assert [p.rowid for p in store.select(spec)] == list(store.select_keys(spec))
    # Listing 100,000 papers by comments reads one index in order and never sorts.
    sql, params = build_select(spec)
    plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "COVERING INDEX papers_by_comments" in plan and "TEMP B-TREE" not in plan
