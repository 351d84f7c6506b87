"""`papertui export` and `papertui import` run as a user runs them, against a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest

from papertui.core.models import Paper
from papertui.core.query import FilterSpec
from papertui.core.store import STORE_FILENAME, Store


def seed(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir / STORE_FILENAME)
    store.save_papers([
        Paper(id="2605.05242", title="Beyond Attention", authors=("Wei Li", "Ana Souza"),
              day="2026-05-08", published_at="2026-05-07T00:00:00.000Z", upvotes=50),
        Paper(id="2605.05001", title="[MoE] <b>Experts</b>", authors=("Kim Park",),
              day="2026-05-06", upvotes=20),
        Paper(id="2605.01234", title="=cmd|' /C calc'!A0", authors=("Zoë Ünal",),
              day="2026-05-04", upvotes=5),
    ])
    store.set_bookmarked(["2605.05242", "2605.05001"], True)
    store.set_read(["2605.01234"], True)
    store.set_note("2605.05242", "Great paper.\nSecond line 🙂")
    store.set_tags("2605.05001", ["moe", "to read"])
    store.close()


@pytest.fixture
def run(cli, tmp_path):
    """Run `papertui ARGS` on a seeded data dir (or `data=`); returns (status, stdout, stderr)."""
    data_dir = tmp_path / "data"
    seed(data_dir)
    return cli(data_dir)


def test_default_is_bookmarks_as_markdown_on_stdout(run):
    status, out, err = run("export")
    assert status == 0, err
    assert out.startswith("# papertui export: 2026-05-06 to 2026-05-08\n")
    assert "## 2026-05-08" in out and "## 2026-05-06" in out
    assert "https://huggingface.co/papers/2605.05242" in out
    assert r"\[MoE\] &lt;b&gt;Experts&lt;/b&gt;" in out
    assert "2605.01234" not in out  # not bookmarked


def test_export_to_a_file_refuses_to_overwrite_without_force(run, tmp_path):
    target = tmp_path / "out" / "papers.bib"
    target.parent.mkdir()
    status, out, err = run("export", "--all", "--format", "bibtex", "-o", str(target))
    assert status == 0, err
    assert out == "" and f"exported 3 papers to {target}" in err
    library = bibtexparser.parse_string(target.read_text(encoding="utf-8"))
    assert [len(e.fields_dict["author"].value.split(" and ")) for e in library.entries] == [2, 1, 1]

    target.write_text("mine", encoding="utf-8")
    status, _, err = run("export", "--all", "--format", "bibtex", "-o", str(target))
    assert status == 1
    assert f"{target} exists; use --force to overwrite it" in err
    assert target.read_text(encoding="utf-8") == "mine"

    status, _, err = run("export", "--all", "--format", "bibtex", "-o", str(target), "--force")
    assert status == 0, err
    assert target.read_text(encoding="utf-8").startswith("@misc{li2026beyond_2605.05242,")
    assert sorted(p.name for p in target.parent.iterdir()) == ["papers.bib"]


def test_export_into_a_missing_folder_is_a_clear_error(run, tmp_path):
    target = tmp_path / "no" / "such" / "papers.md"
    status, _, err = run("export", "-o", str(target))
    assert status == 1
    assert f"cannot write {target}: the folder {target.parent} does not exist" in err
    assert not (tmp_path / "no").exists()


def test_selection_options_choose_the_papers(run):
    status, out, _ = run("export", "--date", "2026-05-04", "--format", "csv")
    assert status == 0
    rows = out.splitlines()
    assert len(rows) == 2 and rows[1].startswith("2605.01234,'=cmd|")

    status, out, _ = run("export", "--since", "2026-05-05", "--until", "2026-05-08",
                         "--format", "json")
    assert sorted(p["id"] for p in json.loads(out)["papers"]) == ["2605.05001", "2605.05242"]

    status, out, _ = run("export", "--tag", "moe", "--format", "json")
    assert [p["id"] for p in json.loads(out)["papers"]] == ["2605.05001"]

    status, out, _ = run("export", "--query", "attention", "--format", "json")
    assert [p["id"] for p in json.loads(out)["papers"]] == ["2605.05242"]


def test_markdown_grouped_by_tag(run):
    status, out, _ = run("export", "--group", "tag")
    assert status == 0
    assert "## moe" in out and "## to read" in out and "## Untagged" in out


def test_json_export_then_import_into_a_fresh_store_restores_everything(run, tmp_path):
    backup = tmp_path / "backup.json"
    status, _, err = run("export", "--all", "--format", "json", "-o", str(backup))
    assert status == 0, err

    fresh = tmp_path / "fresh"
    status, out, err = run("import", str(backup), data=fresh)
    assert status == 0, err
    assert out.strip() == ("restored 2 bookmarks, 1 read mark, 1 note, 2 tags on 3 papers "
                           "(3 papers added)")
    status, out, _ = run("import", str(backup), data=fresh)
    assert (status, out.strip()) == (0, "nothing to change: the store already matches")

    source = Store(tmp_path / "data" / STORE_FILENAME)
    restored = Store(fresh / STORE_FILENAME)
    assert restored.user_states() == source.user_states()
    assert ([p.paper for p in restored.select(FilterSpec(sort="date"))]
            == [p.paper for p in source.select(FilterSpec(sort="date"))])
    source.close()
    restored.close()


def test_import_of_an_invalid_file_changes_nothing_and_says_why(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "papertui-export", "version": 1, "papers": [{"id": "x"}]}',
                   encoding="utf-8")
    source = Store(tmp_path / "data" / STORE_FILENAME)
    before = source.user_states(), source.paper_count()
    status, out, err = run("import", str(bad))
    assert status == 1 and out == ""
    assert f'{bad}: papers[0] (paper #1): "id" is not an arXiv id' in err
    assert err.rstrip().endswith("nothing was changed")
    assert (source.user_states(), source.paper_count()) == before
    source.close()

    status, _, err = run("import", str(tmp_path / "missing.json"))
    assert status == 1 and "cannot read" in err


def test_the_installed_command_exports(tmp_path):
    data_dir = tmp_path / "data"
    seed(data_dir)
    env = {**os.environ, "PAPERTUI_DATA_DIR": str(data_dir),
           "PAPERTUI_CONFIG": str(tmp_path / "none.toml")}
    result = subprocess.run(
        [sys.executable, "-m", "papertui", "export", "--format", "bibtex"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert [e.key for e in bibtexparser.parse_string(result.stdout).entries] == [
        "li2026beyond_2605.05242", "park2026moe_2605.05001"]
