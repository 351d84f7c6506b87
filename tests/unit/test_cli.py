"""The `papertui` command as scripts use it, on a real store against a real server: its
`main` in this process, and the installed console command where the entry point itself
(arguments, environment, exit status) is what is tested."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from fakehf import SAMPLES_DIR, FakeHF, Reply
from papertui.__main__ import main

PAPERTUI = os.path.join(os.path.dirname(sys.executable), "papertui")

LIST_FIELDS = {"id", "title", "authors", "day", "upvotes", "comments", "github_repo", "github_stars",
               "project_page", "hf_url", "arxiv_url", "pdf_url", "ai_summary", "bookmarked", "read",
               "tags", "note"}


@pytest.fixture
def run(tmp_path, command):
    """`papertui ARGS` with its own data dir and config (in this process: see `command`)."""
    return command(PAPERTUI_DATA_DIR=str(tmp_path / "data"),
                   PAPERTUI_CONFIG=str(tmp_path / "config.toml"))


@pytest.fixture(scope="module")
def fetched_once(tmp_path_factory):
    """A data dir holding Fri 08 May 2026 as `papertui fetch` saved it, made once per module."""
    if not SAMPLES_DIR.is_dir():
        pytest.skip("../shared/samples/hf is not beside the project")
    data = tmp_path_factory.mktemp("fetched") / "data"
    env = dict(os.environ, PAPERTUI_DATA_DIR=str(data), PAPERTUI_CONFIG=os.devnull)
    with FakeHF(SAMPLES_DIR) as server:
        subprocess.run([PAPERTUI, "fetch", "--date", "2026-05-08", "--base-url", server.url],
                       capture_output=True, text=True, env=env, timeout=60, check=True)
    return data


@pytest.fixture
def fetched(fetched_once, tmp_path):
    """This test's own copy of the fetched data dir, where `run` looks for it."""
    shutil.copytree(fetched_once, tmp_path / "data")


def test_fetch_then_list_json(run, hf_server, samples_dir):
    fetched = run("fetch", "--date", "2026-05-08", "--base-url", hf_server.url)
    assert fetched.stdout.strip() == "fetched 37 papers (37 new) for Fri 08 May 2026"
    papers = json.loads(run("list", "--json", "--date", "2026-05-08").stdout)
    assert len(papers) == 37
    assert LIST_FIELDS <= set(papers[0])
    first = papers[0]
    assert first["id"] == "2605.05242" and first["github_stars"] == 101
    assert first["hf_url"] == "https://huggingface.co/papers/2605.05242"
    assert first["pdf_url"] == "https://arxiv.org/pdf/2605.05242"
    assert [p["upvotes"] for p in papers] == sorted((p["upvotes"] for p in papers), reverse=True)


def test_a_cached_day_is_not_fetched_again(run, fetched, hf_server):
    before = len(hf_server.requests)
    again = run("fetch", "--date", "2026-05-08", "--base-url", hf_server.url)
    assert "already up to date" in again.stdout and len(hf_server.requests) == before


def test_base_url_from_environment_and_options_after_the_subcommand(hf_server, samples_dir, tmp_path):
    env = dict(os.environ, PAPERTUI_BASE_URL=hf_server.url, PAPERTUI_CONFIG=os.devnull)
    exe = os.path.join(os.path.dirname(sys.executable), "papertui")
    result = subprocess.run([exe, "fetch", "--latest", "--data-dir", str(tmp_path / "d")],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fetched 30 papers (30 new) for latest")
    assert (tmp_path / "d" / "papers.db").exists()


def test_bookmark_and_read_marks_are_seen_by_list(run, fetched):
    run("bookmark", "2605.05242")
    run("read", "2605.05242")
    marked = json.loads(run("list", "--json", "--bookmarked").stdout)
    assert [p["id"] for p in marked] == ["2605.05242"] and marked[0]["read"] is True
    unread = json.loads(run("list", "--json", "--unread").stdout)
    assert len(unread) == 36
    run("unbookmark", "2605.05242")
    run("unread", "2605.05242")
    assert json.loads(run("list", "--json", "--bookmarked").stdout) == []


def test_unknown_id_is_an_error_naming_it(run, fetched):
    result = run("bookmark", "2605.05242", "2601.00001", check=False)
    assert result.returncode == 1
    assert "2601.00001" in result.stderr and "2605.05242" not in result.stderr
    assert json.loads(run("list", "--json", "--bookmarked").stdout) == []  # all or nothing


def test_list_filters_and_table(run, fetched):
    with_code = json.loads(run("list", "--json", "--has-code").stdout)
    assert len(with_code) == 20 and all(p["github_repo"] for p in with_code)
    by_stars = json.loads(run("list", "--json", "--has-code", "--sort", "stars").stdout)
    stars = [p["github_stars"] or 0 for p in by_stars]
    assert stars == sorted(stars, reverse=True)
    popular = json.loads(run("list", "--json", "--min-upvotes", "50").stdout)
    assert popular and all(p["upvotes"] >= 50 for p in popular)
    found = json.loads(run("list", "--json", "--query", "corpus interaction").stdout)
    assert found[0]["id"] == "2605.05242"
    assert len(json.loads(run("list", "--json", "--limit", "5").stdout)) == 5
    table = run("list", "--limit", "3").stdout.splitlines()
    assert table[0].split()[:3] == ["ID", "DAY", "UP"] and len(table) == 4
    assert "2605.05242" in table[1]


def test_fetch_failure_is_one_clear_line_and_exit_1(run, hf_server, samples_dir):
    hf_server.add("/api/daily_papers", Reply(status=429, headers={"Retry-After": "3600"}))
    result = run("fetch", "--date", "2026-05-08", "--base-url", hf_server.url, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "rate" in lines[0].lower()
    assert json.loads(run("list", "--json").stdout) == []


def test_connection_refused_says_what_to_try(run, tmp_path):
    (tmp_path / "config.toml").write_text("[network]\nretries = 0\n")  # no pauses to retry
    result = run("fetch", "--latest", "--base-url", "http://127.0.0.1:9", check=False)
    assert result.returncode == 1
    assert "connect" in result.stderr.lower() and "--offline" in result.stderr


def test_the_network_section_says_how_often_fetch_tries_again(run, tmp_path, hf_server):
    hf_server.add("/api/daily_papers", Reply(503), Reply(503), Reply(503))
    (tmp_path / "config.toml").write_text("[network]\nretries = 1\n")
    result = run("fetch", "--latest", "--base-url", hf_server.url, check=False)
    assert result.returncode == 1 and "503" in result.stderr
    assert hf_server.count("/api/daily_papers") == 2  # the first try and one more


def test_offline_never_touches_the_network(run, hf_server):
    result = run("fetch", "--latest", "--offline", "--base-url", hf_server.url, check=False)
    assert result.returncode == 1 and "--offline" in result.stderr
    assert hf_server.requests == []


@pytest.mark.parametrize("args, message", [
    (["fetch", "--date", "2026-13-40"], "not a date"),
    (["fetch", "--week", "2026-W60"], "not a week"),
    (["fetch", "--month", "2026-1"], "not a month"),
    (["list", "--date", "yesterday"], "not a date"),
])
def test_bad_arguments_are_explained(run, args, message):
    result = run(*args, check=False)
    assert result.returncode == 1 and message in result.stderr


def test_every_subcommand_has_help_and_version(run, capsys):
    # The help is read in this process; the installed command is run for --version.
    for command in ("fetch", "list", "bookmark", "unbookmark", "read", "unread", "export", "import"):
        with pytest.raises(SystemExit) as exit:
            main([command, "--help"])
        assert exit.value.code == 0, command
        out = capsys.readouterr().out
        assert "--data-dir" in out and "--offline" in out, command
    installed = subprocess.run([PAPERTUI, "--version"], capture_output=True, text=True,
                               timeout=60)
    assert installed.returncode == 0 and installed.stdout.strip().startswith("papertui ")


def test_broken_config_is_reported_and_defaults_used(run, tmp_path, hf_server, samples_dir):
    (tmp_path / "config.toml").write_text("theme = [\n")
    result = run("list", "--json")
    assert "config.toml" in result.stderr and "line" in result.stderr
    assert (tmp_path / "config.toml").read_text() == "theme = [\n"


def test_list_by_tag_ignores_case(run, hf_server, samples_dir, tmp_path):
    from papertui.core.repair import open_store

    run("fetch", "--date", "2026-05-08", "--base-url", hf_server.url)
    store = open_store(tmp_path / "data").store
    store.set_tags("2605.05242", ["Agents"])  # as the app's tag editor saves it
    store.close()
    tagged = json.loads(run("list", "--json", "--tag", "agents").stdout)
    assert [p["id"] for p in tagged] == ["2605.05242"] and tagged[0]["tags"] == ["Agents"]


def test_list_sorted_by_comments(run, hf_server, samples_dir):
    run("fetch", "--date", "2026-05-08", "--base-url", hf_server.url)
    papers = json.loads(run("list", "--json", "--sort", "comments").stdout)
    counts = [(p["comments"], p["upvotes"]) for p in papers]
    assert len(papers) == 37 and counts == sorted(counts, reverse=True)
    assert counts[0][0] > counts[-1][0]  # the sample day has papers with and without comments
