"""`papertui watch ...` and `papertui list --watched`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from papertui.__main__ import main
from papertui.core.models import Paper
from papertui.core.store import STORE_FILENAME, Store


def seed(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(data_dir / STORE_FILENAME)
    store.save_papers([
        Paper(id="2605.00001", title="Diffusion models for images", authors=("Wei Li",),
              organization="Qwen", day="2026-05-08", upvotes=50,
              github_repo="https://github.com/a/b"),
        Paper(id="2605.00002", title="Diffusion models for video", authors=("Zhang Wei",),
              organization="Meta AI", day="2026-05-08", upvotes=40),
        Paper(id="2605.00003", title="Speculative decoding", authors=("Kim Park",),
              organization="Qwen", day="2026-05-07", upvotes=30, submitter="akhaliq"),
        Paper(id="2605.00004", title="Retrieval for agents", authors=("Wei Li",),
              day="2026-05-06", upvotes=20),
    ])
    store.set_read(["2605.00003"], True)
    store.close()


@pytest.fixture
def run(cli, tmp_path):
    """Run `papertui ARGS` on a seeded data dir; returns (status, stdout, stderr)."""
    data_dir = tmp_path / "data"
    seed(data_dir)
    return cli(data_dir)


def listed(run, *options: str) -> list[str]:
    status, out, err = run("list", "--json", *options)
    assert status == 0, err
    return [paper["id"] for paper in json.loads(out)]


def test_add_list_remove(run):
    status, out, err = run("watch", "add", "--keyword", "diffusion -video")
    assert (status, err) == (0, "")
    assert out.strip() == "watching keyword diffusion -video (#1): 1 paper in the store matches"
    status, out, _ = run("watch", "add", "--author", "Wei Li")
    assert out.strip() == "watching author Wei Li (#2): 2 papers in the store match"
    assert run("watch", "add", "--org", "qwen")[0] == 0
    assert run("watch", "add", "--submitter", "akhaliq")[0] == 0

    status, out, _ = run("watch", "list")
    assert out.splitlines() == [
        "  ID  KIND          TERM",
        "   1  keyword       diffusion -video",
        "   2  author        Wei Li",
        "   3  org           qwen",
        "   4  submitter     akhaliq",
    ]
    status, out, _ = run("watch", "list", "--json")
    assert [(w["id"], w["kind"], w["term"]) for w in json.loads(out)] == [
        (1, "keyword", "diffusion -video"), (2, "author", "Wei Li"), (3, "org", "qwen"),
        (4, "submitter", "akhaliq")]

    status, out, _ = run("watch", "remove", "3")
    assert (status, out.strip()) == (0, "stopped watching organization qwen (#3)")
    status, _, err = run("watch", "remove", "3")
    assert status == 1 and err.strip() == \
        "papertui: there is no watch #3 (see `papertui watch list`)"
    status, _, err = run("watch", "remove", "three")
    assert status == 1 and "'three' is not a watch id" in err
    assert [w["id"] for w in json.loads(run("watch", "list", "--json")[1])] == [1, 2, 4]


def test_an_invalid_keyword_is_refused_and_nothing_saved(run):
    status, out, err = run("watch", "add", "--keyword", 'diffusion "open')
    assert status == 1 and out == ""
    assert err.strip() == 'papertui: not saved: the quote before "open" is never closed'
    status, _, err = run("watch", "add", "--keyword", "-video -audio")
    assert status == 1 and "needs a word to look for" in err
    assert json.loads(run("watch", "list", "--json")[1]) == []
    status, _, err = run("watch", "add", "--keyword", "x", "--author", "y")
    assert status == 2 and "not allowed with argument" in err  # argparse: one kind at a time


def test_list_watched_combines_with_every_list_option(run):
    assert listed(run, "--watched") == []
    run("watch", "add", "--author", "Wei Li")
    run("watch", "add", "--org", "Qwen")
    assert listed(run, "--watched") == ["2605.00001", "2605.00003", "2605.00004"]
    assert listed(run, "--watched", "--unread") == ["2605.00001", "2605.00004"]
    assert listed(run, "--watched", "--has-code") == ["2605.00001"]
    assert listed(run, "--watched", "--min-upvotes", "25") == ["2605.00001", "2605.00003"]
    assert listed(run, "--watched", "--since", "2026-05-07") == ["2605.00001", "2605.00003"]
    assert listed(run, "--watched", "--date", "2026-05-06") == ["2605.00004"]
    assert listed(run, "--watched", "--query", "retrieval") == ["2605.00004"]
    assert listed(run, "--watched", "--sort", "date", "--limit", "2") == [
        "2605.00001", "2605.00003"]
    status, out, _ = run("list", "--watched", "--bookmarked")
    assert (status, out) == (0, "")
    run("bookmark", "2605.00004")
    assert listed(run, "--watched", "--bookmarked") == ["2605.00004"]


def test_python_dash_m_runs_the_watch_commands(tmp_path):
    data_dir = tmp_path / "data"
    seed(data_dir)
    env = {"PAPERTUI_DATA_DIR": str(data_dir), "PAPERTUI_CONFIG": str(tmp_path / "none.toml"),
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "papertui", "watch", "add", "--keyword=-x"],
                            capture_output=True, text=True, env=env, timeout=60)
    # the error raised by the command module is the one `python -m papertui` reports
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("papertui: not saved:")


def test_list_watched_combines_with_the_remaining_options(run, tmp_path):
    """The options the test above leaves out: --until, --tag, the other orders, the table."""
    run("watch", "add", "--author", "Wei Li")
    run("watch", "add", "--org", "Qwen")
    store = Store(tmp_path / "data" / STORE_FILENAME)
    store.set_tags("2605.00003", ["decoding"])
    store.set_tags("2605.00002", ["decoding"])  # tagged, but no watch matches it
    store.close()
    assert listed(run, "--watched", "--until", "2026-05-07") == ["2605.00003", "2605.00004"]
    assert listed(run, "--watched", "--tag", "decoding") == ["2605.00003"]
    assert listed(run, "--watched", "--sort", "stars")[0] == "2605.00001"  # the one with code
    assert sorted(listed(run, "--watched", "--sort", "comments")) == [
        "2605.00001", "2605.00003", "2605.00004"]
    assert listed(run, "--watched", "--query", "diffusion", "--sort", "relevance") == [
        "2605.00001"]
    assert sorted(listed(run, "--watched", "--sort", "for-you")) == [
        "2605.00001", "2605.00003", "2605.00004"]
    status, out, err = run("list", "--watched", "--unread", "--until", "2026-05-07")
    assert status == 0, err
    assert "Retrieval for agents" in out and "Speculative decoding" not in out  # read


def test_a_json_export_then_import_carries_the_watches(run, tmp_path, capsys):
    """The backup a user makes with the CLI, restored into a new data folder."""
    run("watch", "add", "--keyword", "diffusion -video")
    run("watch", "add", "--submitter", "akhaliq")
    backup = tmp_path / "backup.json"
    status, _, err = run("export", "--all", "--format", "json", "-o", str(backup))
    assert status == 0, err
    before = listed(run, "--watched")

    fresh = ["--data-dir", str(tmp_path / "fresh"), "--config", str(tmp_path / "none.toml")]
    assert main(["import", str(backup), *fresh]) == 0
    capsys.readouterr()
    assert main(["watch", "list", "--json", *fresh]) == 0
    restored = json.loads(capsys.readouterr().out)
    assert [(w["kind"], w["term"]) for w in restored] == [
        ("keyword", "diffusion -video"), ("submitter", "akhaliq")]
    assert main(["list", "--watched", "--json", *fresh]) == 0
    assert [paper["id"] for paper in json.loads(capsys.readouterr().out)] == before
    assert before == ["2605.00001", "2605.00003"]
    assert main(["import", str(backup), *fresh]) == 0  # a second import changes nothing
    assert capsys.readouterr().out.startswith("nothing to change")
