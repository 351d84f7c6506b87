"""Parsing a paper's context: the real paper page (discussion, collections), the constructed
API samples (see ../shared/samples/hf/SOURCES.md: constructed from documented shapes, not
captured), comment Markdown as readable text, and hostile input of every kind."""

from __future__ import annotations

import json
from pathlib import Path


from papertui.core.context import (
    MAX_COMMENT_CHARS, MAX_FULL_TEXT_CHARS, merge_links, parse_comments, parse_full_text,
    parse_page_context, parse_paper_api, parse_repos)
from papertui.core.markdown_text import markdown_text

ESC = "\x1b"


def real_page(samples_dir: Path) -> bytes:
    return (samples_dir / "paper_page_2509.24002.prettified.html").read_bytes()


def constructed(samples_dir: Path, name: str) -> object:
    return json.loads((samples_dir / "context" / name).read_bytes())


def page_with_comments(comments: list, extra: str = "") -> str:
    import html

    props = html.escape(json.dumps({"paper": {"id": "2509.24002"}, "comments": comments}))
    return (f'<html><body><div class="SVELTE_HYDRATER contents" data-target="PaperContent" '
            f'data-props="{props}"></div>{extra}</body></html>')


def comment(raw: str, **data: object) -> dict:
    return {"id": "c", "author": {"name": "someone", "fullname": "Some One"},
            "createdAt": "2026-06-12T10:00:00.000Z", "type": "comment",
            "data": {"latest": {"raw": raw, "html": ""}, "edited": False, "hidden": False,
                     "reactions": [], **data}}


# --- the real page --------------------------------------------------------------------------


def test_real_page_discussion_has_one_visible_and_one_hidden_comment(samples_dir: Path) -> None:
    comments, _ = parse_page_context(real_page(samples_dir))
    first, hidden = comments
    assert first.author == "Jakumetsu" and first.author_fullname == "Zijian Wu"
    assert first.created_at.startswith("2025-10-01T03:28")
    assert not first.edited and not first.hidden
    assert first.text.startswith("Agents can call tools")
    assert "\r" not in first.text and "https://github.com/eval-sys/mcpmark" in first.text
    assert hidden.hidden and hidden.hidden_reason == "Spam" and hidden.edited
    assert hidden.text == ""  # a hidden comment keeps only why it was hidden


def test_real_page_collections(samples_dir: Path) -> None:
    _, collections = parse_page_context(real_page(samples_dir))
    assert [(c.title, c.items) for c in collections] == [
        ("AI-paper", 260), ("Benchmark", 39), ("MCP", 2)]
    assert collections[0].url == (
        "https://huggingface.co/collections/shankars/ai-paper-68a5e980f8bce789562cafa4")


def test_real_comment_reads_as_lines(samples_dir: Path) -> None:
    comments, _ = parse_page_context(real_page(samples_dir))
    text = markdown_text(comments[0].text)
    assert text.splitlines()[:2] == [
        "Agents can call tools — but can they actually deliver?",
        "MCPMark stress-tested >30 models through 127 CRUD-heavy tasks across 5 MCP servers, "
        "with a minimal but general MCPMark-Agent ensuring fair comparison."]
    assert "👉 Code: https://github.com/eval-sys/mcpmark" in text


# --- the constructed API samples ---------------------------------------------------------------


def test_paper_api_gives_first_repos_and_totals(samples_dir: Path) -> None:
    links = parse_paper_api(constructed(samples_dir, "api_papers_2606.13681.constructed.json"))
    assert [r.id for r in links.repos["model"]] == [
        "Aiden0526/EvoMem-Qwen3-8B", "Aiden0526/EvoMem-Llama-3.1-8B"]
    assert links.count("model") == 3 and links.count("space") == 2


def test_repos_endpoint_lists_every_repo_with_its_fields(samples_dir: Path) -> None:
    every = parse_repos(constructed(samples_dir, "api_arxiv_2606.13681_repos.constructed.json"))
    first_few = parse_paper_api(constructed(samples_dir, "api_papers_2606.13681.constructed.json"))
    links = merge_links(first_few, every)
    model = links.repos["model"][0]
    assert (model.id, model.likes, model.downloads, model.pipeline_tag, model.library_name) == (
        "Aiden0526/EvoMem-Qwen3-8B", 41, 3120, "text-generation", "transformers")
    assert model.url == "https://huggingface.co/Aiden0526/EvoMem-Qwen3-8B"
    assert model.download_command == "hf download Aiden0526/EvoMem-Qwen3-8B"
    space = links.repos["space"][0]
    assert space.sdk == "gradio" and space.downloads is None
    assert space.url == "https://huggingface.co/spaces/Aiden0526/EvoArena-Leaderboard"
    assert links.repos["dataset"][0].url == "https://huggingface.co/datasets/Aiden0526/EvoArena"
    assert [links.count(k) for k in ("model", "dataset", "space")] == [3, 1, 2]


def test_full_text_keeps_tex_and_links(samples_dir: Path) -> None:
    text = parse_full_text((samples_dir / "context" / "paper_2606.13681.constructed.md").read_bytes())
    assert text.available and "$A_{\\text{chain}} = \\prod_{t=1}^{T} a_t$" in text.markdown
    assert "[GitHub](https://github.com/Aiden0526/EvoArena)" in text.markdown


# --- Markdown as text a person reads ----------------------------------------------------------


def test_markdown_paragraphs_lists_code_and_links() -> None:
    text = markdown_text(
        "Intro with a [link](https://example.org/a) and `code`.\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n```\nx = 1\n```\n\n> quoted")
    assert text == ("Intro with a link (https://example.org/a) and code.\n"
                    "\n• one\n• two\n\n1. first\n2. second\n\n    x = 1\n\n> quoted")


def test_markdown_shows_only_links_papertui_would_open() -> None:
    # markdown-it itself refuses javascript:/file:/data: targets: the source stays as text.
    assert markdown_text("[click](javascript:alert(1))") == "[click](javascript:alert(1))"
    # Targets it accepts but papertui would not open lose their address.
    assert markdown_text("[get it](ftp://host/file) <smb://host/share>") == (
        "get it (link removed) smb://host/share (link removed)")
    assert markdown_text('<a href="javascript:alert(1)">click</a>') == "click"
    assert markdown_text("![chart](javascript:x) ![fig](https://a.org/f.png)") == (
        "![chart](javascript:x) [image: fig] (https://a.org/f.png)")


def test_markdown_with_escapes_and_markup_is_plain_text() -> None:
    text = markdown_text(f"[bold]hi[/] {ESC}]8;;https://evil.example{ESC}\\link{ESC}]8;;{ESC}\\ "
                         f"{ESC}[31mred\u202eevil")
    assert ESC not in text and "\u202e" not in text
    assert "[bold]hi[/]" in text  # markup stays text: the widgets never parse it


# --- hostile input ---------------------------------------------------------------------------


def test_hostile_comments_are_cleaned_capped_and_never_crash() -> None:
    hostile = [
        comment(f"{ESC}[2J{ESC}]8;;file:///x{ESC}\\hi\u202e [x](javascript:alert(1))"),
        comment("line\n" * 10_000),
        comment("[" * 200_000),
        {"type": "comment", "author": "not a dict", "data": "nope"},
        comment("", hidden=True, hiddenReason="Off-topic"),
        "not a comment", None, 42,
        comment("reply holder", replies=[comment("a reply", replies=[comment("deeper")])]),
    ]
    comments, collections = parse_page_context(page_with_comments(hostile))
    assert ESC not in comments[0].text and "\u202e" not in comments[0].text
    assert comments[1].text.count("\n") <= MAX_COMMENT_CHARS
    assert len(comments[2].text) < MAX_COMMENT_CHARS + 200 and "only the first" in comments[2].text
    assert comments[3].author == "(unknown)"
    assert comments[4].hidden and comments[4].hidden_reason == "Off-topic"
    assert comments[5].replies[0].text == "a reply"
    assert comments[5].replies[0].replies[0].text == "deeper"
    assert collections == []


def test_a_thousand_comment_thread_parses_whole() -> None:
    comments = parse_comments([comment(f"comment {n}") for n in range(1_000)])
    assert len(comments) == 1_000 and comments[-1].text == "comment 999"


def test_html_where_markdown_was_promised() -> None:
    # A comment with only HTML: its text, not its tags.
    [only_html] = parse_comments([{**comment(""), "data": {"latest": {
        "html": "<p>Hello <b>there</b><script>x</script></p>"}}}])
    assert only_html.text.startswith("Hello there")
    # A full text that is a web page: no full text, said plainly.
    page = parse_full_text(b"<!DOCTYPE html><html><body>Sign in</body></html>")
    assert not page.available and "web page" in page.problem


def test_full_text_invalid_utf8_escapes_and_a_huge_body() -> None:
    text = parse_full_text(b"# Title\n\xff\xfe bad bytes " + ESC.encode() + b"[31m red")
    assert text.available and "\ufffd" in text.markdown and ESC not in text.markdown
    huge = parse_full_text(b"word " * (MAX_FULL_TEXT_CHARS // 5 + 100_000))
    assert len(huge.markdown) < MAX_FULL_TEXT_CHARS + 200
    assert huge.markdown.endswith("are kept.]") and "full text is" in huge.markdown


def test_repos_of_the_wrong_shape_or_with_hostile_ids_are_dropped() -> None:
    links = parse_repos({"models": [
        {"id": "ok/model", "likes": True, "downloads": -5},
        {"id": "../../etc/passwd"}, {"id": "javascript:alert(1)"}, {"id": "a/b/c"},
        {"id": "x/private", "private": True}, "junk", {"likes": 3},
        {"id": f"evil/{ESC}[31mname"},
        # Pasted as `hf download <id>`, these would be options, not a repo.
        {"id": "--local-dir=/x"}, {"id": "-rf/model"}, {"id": "org/-model"}, {"id": ".git/x"},
    ], "datasets": "nope", "spaces": None})
    assert [r.id for r in links.repos["model"]] == ["ok/model", "evil/name"]
    assert links.repos["model"][0].likes == 0 and links.repos["model"][0].downloads is None
    assert parse_repos([1, 2]).count("model") == 0


def test_malformed_pages_give_empty_context() -> None:
    for html in ("", "<html>", b"\xff\xfe\x00", '<div data-target="PaperContent" data-props="{">',
                 '<a href="/collections/x/y"></a>',
                 '<a href="/collections/x/y"><h4>t</h4><span>9999999999999999999999 items</span></a>'):
        comments, collections = parse_page_context(html)
        assert comments == []
    assert collections[0].title == "t" and collections[0].items is not None


def test_comment_markdown_of_pathological_shapes_stays_bounded() -> None:
    # Nested brackets and emphasis are markdown-it's slowest inputs; after the cap they
    # still finish (no timing asserted: the point is that they end and give text back).
    for raw in ("[" * 200_000, "*a" * 100_000, "**_" * 60_000, ">" * 100_000):
        [capped] = parse_comments([comment(raw)])
        assert isinstance(markdown_text(capped.text), str)
