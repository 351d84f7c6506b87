"""`papertui show`, `text` (the full text: `read` marks papers read), `fetch --context` and
the export's linked-repo counts, against the fake service. 2606.13681's context is constructed from the
documented shapes (see SOURCES.md); 2509.24002's page is real."""

import json

import pytest

from fakehf import Reply

LIST_FIELDS = {"id", "title", "authors", "day", "upvotes", "comments", "hf_url", "bookmarked"}


@pytest.fixture
def run(tmp_path, hf_server, command):
    return command(PAPERTUI_DATA_DIR=str(tmp_path / "data"),
                   PAPERTUI_CONFIG=str(tmp_path / "config.toml"), PAPERTUI_BASE_URL=hf_server.url)


def test_show_json_is_the_list_object_plus_context(run, samples_dir):
    run("fetch", "--date", "2026-06-12")
    shown = json.loads(run("show", "2606.13681", "--json").stdout)
    listed = json.loads(run("list", "--json", "--date", "2026-06-12").stdout)
    [same] = [p for p in listed if p["id"] == "2606.13681"]
    assert LIST_FIELDS <= set(shown)
    assert all(shown[key] == same[key] for key in same if key != "comments")
    assert shown["num_comments"] == same["comments"]  # the count, beside the comments
    assert (shown["num_models"], shown["num_datasets"], shown["num_spaces"]) == (3, 1, 2)
    top = shown["models"][0]
    assert top == {"id": "Aiden0526/EvoMem-Qwen3-8B", "likes": 41, "downloads": 3120,
                   "last_modified": "2026-06-20T09:14:02.000Z", "pipeline_tag": "text-generation",
                   "library_name": "transformers",
                   "url": "https://huggingface.co/Aiden0526/EvoMem-Qwen3-8B"}
    assert shown["spaces"][0]["sdk"] == "gradio" and "downloads" not in shown["spaces"][0]
    assert shown["context_fetched_at"] and shown["comments"] == [] and shown["collections"] == []


def test_show_the_real_discussion_and_collections_then_offline(run, hf_server, samples_dir):
    shown = json.loads(run("show", "2509.24002", "--json").stdout)
    assert shown["title"].startswith("MCPMark")  # a paper no list had brought
    first, hidden = shown["comments"]
    assert first["author"] == "Jakumetsu" and first["replies"] == []
    assert hidden["hidden"] and hidden["hidden_reason"] == "Spam" and hidden["text"] == ""
    assert [c["items"] for c in shown["collections"]] == [260, 39, 2]
    asked = len(hf_server.requests)
    text = run("show", "2509.24002", "--offline").stdout
    assert len(hf_server.requests) == asked
    assert "Discussion (2)" in text and "(hidden: Spam)" in text
    assert "  AI-paper · 260 items · https://huggingface.co/collections/" in text


def test_show_a_paper_without_a_page(run):
    result = run("show", "2601.00001", check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "papertui: 2601.00001 is not in the store; Hugging Face has no page for it")
    assert run("show", "nonsense", check=False).stderr.startswith("papertui: 'nonsense' is not")


def test_text_prints_the_full_text_or_one_clear_line(run, hf_server, samples_dir, tmp_path):
    text = run("text", "2606.13681").stdout
    assert text.startswith("# EvoArena") and "$$\n\\hat m = " in text
    hf_server.add("/api/papers/2509.24002", Reply(503))
    (tmp_path / "config.toml").write_text("[network]\nretries = 0\n")  # no pauses to retry
    missing = run("text", "2509.24002", check=False)
    assert missing.returncode == 1 and missing.stdout == ""
    assert len(missing.stderr.strip().splitlines()) == 1
    assert missing.stderr.startswith("papertui: no full text for 2509.24002: Hugging Face")
    offline = run("text", "2601.00009", "--offline", check=False)
    assert offline.returncode == 1 and "not stored yet" in offline.stderr


def test_fetch_context_for_ids_then_bookmarks(run, hf_server, samples_dir):
    done = run("fetch", "--context", "2606.13681", "2509.24002")
    assert done.stdout.strip() == "context of 2 papers fetched"
    assert run("text", "2606.13681", "--offline").stdout.startswith("# EvoArena")
    run("fetch", "--date", "2026-06-12")
    run("bookmark", "2606.13681")
    again = run("fetch", "--context", "--bookmarks")
    assert again.stdout.strip() == "context of 0 papers fetched; 1 already fresh"
    usage = run("fetch", "--context", check=False)
    assert usage.returncode == 1 and "--bookmarks, --date, --week or IDs" in usage.stderr
    plain = run("fetch", "2606.13681", check=False)
    assert plain.returncode == 2 and "IDs and --bookmarks need --context" in plain.stderr
    bare = run("fetch", check=False)
    assert bare.returncode == 2 and "--date --week --month" in bare.stderr


def test_export_names_linked_repo_counts_and_top_models(run, samples_dir):
    run("fetch", "--date", "2026-06-12")
    run("bookmark", "2606.13681", "2606.12282")
    run("fetch", "--context", "2606.13681")
    markdown = run("export").stdout
    assert ("3 models (Aiden0526/EvoMem-Qwen3-8B, Aiden0526/EvoMem-Llama-3.1-8B, "
            "someuser/EvoMem-Qwen3-8B-GGUF) · 1 dataset · 2 Spaces") in markdown.replace("\\_", "_")
    document = json.loads(run("export", "--format", "json").stdout)
    linked = {p["id"]: p.get("linked") for p in document["papers"]}
    assert linked["2606.13681"]["num_models"] == 3
    assert linked["2606.13681"]["top_models"][0] == "Aiden0526/EvoMem-Qwen3-8B"
    assert linked["2606.12282"] is None  # context never fetched: nothing claimed


def test_list_has_models_after_the_context_is_fetched(run, samples_dir):
    run("fetch", "--date", "2026-06-12")
    assert json.loads(run("list", "--json", "--has-models").stdout) == []
    run("fetch", "--context", "2606.13681", "2606.12282")  # 13681's repos are constructed
    listed = json.loads(run("list", "--json", "--has-models", "--date", "2026-06-12").stdout)
    assert [paper["id"] for paper in listed] == ["2606.13681"]
