"""`papertui related`, `not-interested`/`interested`, `list --sort for-you` and
`export --for-you`, run as a user runs them, against a store of the real samples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from discovery_corpus import fill_with_samples, paper
from papertui.__main__ import main
from papertui.core.store import STORE_FILENAME, Store

LIST_FIELDS = {"id", "title", "authors", "day", "upvotes", "abstract", "bookmarked", "read", "tags"}


@pytest.fixture
def data_dir(tmp_path, samples_dir) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    store = Store(folder / STORE_FILENAME)
    fill_with_samples(store, samples_dir)
    store.save_papers([
        paper("2605.90001", "Faster speculative decoding with a learned draft model",
              abstract="Speculative decoding lets a small draft model propose tokens.",
              ai_keywords=("speculative decoding", "draft model")),
        paper("2605.90002", "Tree drafts for speculative decoding", upvotes=0,
              abstract="A tree of drafts from a draft model, verified by speculative decoding.",
              ai_keywords=("speculative decoding", "draft model", "tree attention")),
    ])
    store.close()
    return folder


@pytest.fixture
def run(cli, data_dir):
    """Run `papertui ARGS` on the data dir; returns (status, stdout, stderr)."""
    return cli(data_dir)


def test_related_as_json_is_the_list_objects_with_score_and_reason(run):
    status, out, err = run("related", "2605.90001", "--limit", "3", "--json")
    assert status == 0, err
    found = json.loads(out)
    assert len(found) == 3 and LIST_FIELDS <= set(found[0])
    ids = [item["id"] for item in found]
    assert "2605.90002" in ids[:2] and "2605.90001" not in ids
    twin = found[ids.index("2605.90002")]
    assert twin["reason"].startswith("shares: speculative decoding, draft model")
    scores = [item["score"] for item in found]
    assert scores == sorted(scores, reverse=True)


def test_related_as_a_table_shows_titles_and_reasons(run):
    status, out, _ = run("related", "2605.90001", "--limit", "2")
    lines = out.splitlines()
    assert status == 0 and lines[0].split()[:2] == ["ID", "SCORE"] and len(lines) == 5
    assert "shares: speculative decoding" in out


def test_related_of_an_unknown_or_malformed_id_is_one_clear_line(run):
    status, _, err = run("related", "2601.00009")
    assert status == 1 and err.strip() == (
        "papertui: not in the store: 2601.00009 (fetch its day first, or check the id)")
    status, _, err = run("related", "'; DROP TABLE papers; --")
    assert status == 1 and "is not an arXiv id" in err


def test_not_interested_hides_papers_from_list_sort_for_you(run):
    status, out, err = run("list", "--sort", "for-you", "--json", "--limit", "5")
    assert status == 0 and "nothing to learn from yet" in err
    by_upvotes = [p["id"] for p in json.loads(out)]
    assert by_upvotes == [p["id"] for p in json.loads(run("list", "--json", "--limit", "5")[1])]

    assert run("bookmark", "2605.90001")[0] == 0
    assert run("not-interested", by_upvotes[0], by_upvotes[1])[0] == 0
    status, out, err = run("list", "--sort", "for-you", "--json")
    ranked = [p["id"] for p in json.loads(out)]
    assert status == 0 and err == ""
    assert by_upvotes[0] not in ranked and by_upvotes[1] not in ranked
    assert ranked[:2] in (["2605.90001", "2605.90002"], ["2605.90001", "2606.12243"])

    assert run("interested", by_upvotes[0])[0] == 0
    back = json.loads(run("list", "--sort", "for-you", "--json")[1])
    assert by_upvotes[0] in [p["id"] for p in back]


def test_sort_for_you_combines_with_the_other_list_options(run):
    run("bookmark", "2605.90001")
    status, out, _ = run("list", "--sort", "for-you", "--json", "--date", "2026-05-09",
                         "--query", "speculative")
    assert status == 0 and [p["id"] for p in json.loads(out)] == ["2605.90001", "2605.90002"]
    status, out, _ = run("list", "--sort", "for-you", "--has-code", "--json", "--limit", "4")
    assert status == 0 and all(p["github_repo"] for p in json.loads(out))


def test_not_interested_of_an_unknown_id_changes_nothing(run):
    status, _, err = run("not-interested", "2605.90001", "2601.00009")
    assert status == 1 and "2601.00009" in err
    assert "nothing to learn" in run("list", "--sort", "for-you", "--limit", "1")[2]


def test_export_for_you_makes_a_reading_list_of_the_top_n(run):
    run("bookmark", "2605.90001")
    status, out, _ = run("export", "--for-you", "2", "--format", "json")
    papers = json.loads(out)["papers"]
    assert status == 0 and [p["id"] for p in papers][0] == "2605.90001" and len(papers) == 2
    status, out, _ = run("export", "--for-you", "3", "--date", "2026-05-08", "--format", "json")
    assert [p["day"] for p in json.loads(out)["papers"]] == ["2026-05-08"] * 3


def test_the_json_backup_keeps_not_interested_through_export_and_import(run, tmp_path):
    run("not-interested", "2605.90002")
    backup = tmp_path / "backup.json"
    assert run("export", "--all", "--format", "json", "-o", str(backup))[0] == 0
    entry = next(p for p in json.loads(backup.read_text())["papers"] if p["id"] == "2605.90002")
    assert entry["not_interested"] is True
    fresh = tmp_path / "fresh"
    status = main(["import", str(backup), "--data-dir", str(fresh),
                   "--config", str(tmp_path / "x.toml")])
    assert status == 0
    store = Store(fresh / STORE_FILENAME)
    try:
        assert dict(store.user_states())["2605.90002"].not_interested is True
    finally:
        store.close()


def test_python_dash_m_runs_the_new_commands(data_dir, tmp_path):
    """Under `python -m papertui` the CLI module is __main__: the commands must still work."""
    env = dict(os.environ, PAPERTUI_CONFIG=str(tmp_path / "none.toml"))
    result = subprocess.run(
        [sys.executable, "-m", "papertui", "related", "2605.90001", "--limit", "1",
         "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "papertui", "related", "2601.00009", "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=60, env=env)
    assert bad.returncode == 1 and bad.stderr.startswith("papertui: not in the store")
