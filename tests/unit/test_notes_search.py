"""Search finds the words of the user's own notes, however the note got there."""

from __future__ import annotations

import pytest

from papertui.core import schema
from papertui.core import store as store_module
from papertui.core.models import Paper, UserState
from papertui.core.query import FilterSpec
from papertui.core.repair import open_store


def paper(n: int, **fields) -> Paper:
    values = dict(id=f"2605.{n:05d}", title=f"Scaling study {n}", abstract=f"Abstract {n}.",
                  authors=(f"Author {n}",), day="2026-05-01", upvotes=n)
    values.update(fields)
    return Paper(**values)


def found(store, text: str, sort: str = "upvotes") -> list[str]:
    spec = FilterSpec(query=text, sort=sort)
    listed = [p.paper.id for p in store.select(spec)]
    keys = list(store.select_keys(spec))  # the app's path
    assert keys == [p.rowid for p in store.select(spec)]
    assert store.count(spec) == len(listed)
    return listed


@pytest.mark.parametrize("sort", ["upvotes", "relevance"])
def test_a_word_of_a_note_finds_its_paper(store, sort):
    store.save_papers([paper(1), paper(2), paper(3, title="Xylophone tuning")])
    store.set_note("2605.00002", "Compare with the xylophone paper; ask Ana")
    assert sorted(found(store, "xylophone", sort)) == ["2605.00002", "2605.00003"]
    assert found(store, "ana", sort) == ["2605.00002"]
    assert found(store, "scaling study", sort) == ["2605.00002", "2605.00001"]  # text as before
    store.set_note("2605.00002", "nothing of that now")
    assert found(store, "xylophone", sort) == ["2605.00003"]
    assert found(store, "nothing", sort) == ["2605.00002"]
    store.set_note("2605.00002", "")
    assert found(store, "nothing", sort) == []


def test_relevance_lifts_a_paper_whose_note_also_matches(store):
    store.save_papers([paper(1, title="Diffusion models", upvotes=90),
                       paper(2, title="Diffusion models", upvotes=10)])
    store.set_note("2605.00002", "the diffusion paper I cite")
    assert found(store, "diffusion", "relevance") == ["2605.00002", "2605.00001"]
    assert found(store, "diffusion", "upvotes") == ["2605.00001", "2605.00002"]


def test_imported_and_salvaged_notes_are_searchable(store):
    store.save_papers([paper(1)])
    store.set_note("2605.00001", "old words")
    # An import replaces whole states, and may bring notes for papers not fetched yet.
    store.restore_state([("2605.00001", UserState(note="new words")),
                         ("2605.00009", UserState(note="waiting quietly"))])
    assert found(store, "new") == ["2605.00001"] and found(store, "old") == []
    assert found(store, "quietly") == []
    store.save_papers([paper(9)])  # the paper arrives later
    assert found(store, "quietly") == ["2605.00009"]
    store.save_papers([paper(9, upvotes=50)])  # a re-fetch changes nothing of the note
    assert found(store, "quietly") == ["2605.00009"]


def test_notes_written_before_the_upgrade_are_searchable_after_it(tmp_path, monkeypatch):
    before = schema.MIGRATIONS[:schema.MIGRATIONS.index(schema._NOTES_FTS)]
    monkeypatch.setattr(store_module, "MIGRATIONS", before)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(before))
    old = open_store(tmp_path).store
    old.save_papers([paper(1), paper(2)])
    old.set_note("2605.00002", "remember the zeppelin")
    old.close()
    monkeypatch.undo()
    upgraded = open_store(tmp_path).store
    try:
        assert found(upgraded, "zeppelin") == ["2605.00002"]
        assert upgraded.get("2605.00002").state.note == "remember the zeppelin"
    finally:
        upgraded.close()
