"""`papertui digest`, run as cron runs it: every format parsed back by a real parser, and
hostile titles, names and links that must stay text."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from papertui.core.models import Paper
from papertui.core.store import STORE_FILENAME, Store

HOSTILE_TITLE = '<script>alert(1)</script> [click](javascript:alert(2)) # *Sparse* & "MoE"'
HOSTILE_AUTHOR = "<img src=x onerror=alert(3)>"


def papers() -> list[Paper]:
    return [
        Paper(id="2605.00001", title=HOSTILE_TITLE, authors=(HOSTILE_AUTHOR, "Wei Li"),
              organization="<b>Evil</b> Lab", day="2026-05-08", upvotes=90,
              ai_summary="A summary with <i>tags</i> and [a](http://x.example) link.",
              github_repo="javascript:alert(4)", github_stars=12),
        Paper(id="2605.00002", title="Diffusion models for video", authors=("Zhang Wei",),
              organization="Qwen", day="2026-05-08", upvotes=40,
              github_repo="https://github.com/qwen/video", github_stars=1200,
              ai_summary="Video diffusion."),
        Paper(id="2605.00003", title="Retrieval for agents", authors=("Kim Park",),
              day="2026-05-07", upvotes=30),
        Paper(id="2605.00004", title="Old paper, code came later", authors=("Ana Souza",),
              day="2026-04-01", upvotes=5),
    ]


@pytest.fixture
def data_dir(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    store = Store(data / STORE_FILENAME)
    store.save_papers(papers())
    store.close()
    return data


@pytest.fixture
def run(cli, data_dir):
    return cli(data_dir)


def test_html_is_self_contained_and_every_remote_string_is_text(run, tmp_path):
    run("watch", "add", "--author", "Wei Li")
    target = tmp_path / "digest.html"
    status, out, err = run("digest", "--date", "2026-05-08", "--format", "html", "-o", str(target))
    assert status == 0 and out == ""
    assert err.strip() == f"digest of 2 papers (Fri 08 May 2026) written to {target}"
    tree = HTMLParser(target.read_text(encoding="utf-8"))
    # nothing a mail client would fetch or run
    assert tree.css("script, img, link, iframe, object, style") == []
    assert all(not name.startswith("on") for node in tree.css("*") for name in node.attributes)
    hrefs = [a.attributes["href"] for a in tree.css("a")]
    assert all(href.startswith("https://") for href in hrefs)
    assert "https://huggingface.co/papers/2605.00001" in hrefs
    assert "https://arxiv.org/pdf/2605.00001" in hrefs
    assert "https://github.com/qwen/video" in hrefs and not any("javascript" in h for h in hrefs)
    # the hostile strings come back exactly, as text
    titles = [a.text() for a in tree.css("a")
              if a.attributes["href"] == "https://huggingface.co/papers/2605.00001"]
    assert titles == [HOSTILE_TITLE]
    body = tree.body.text()
    assert HOSTILE_AUTHOR in body and "<b>Evil</b> Lab" in body
    # watched first, under the watch, then the rest by upvotes
    headings = [h.text() for h in tree.css("h2, h3")]
    assert headings == ["Watched", "author Wei Li", "Top 10 by upvotes", "Newly with code"]
    assert all("style" in node.attributes for node in tree.css("h1, h2, h3, p, a"))


def test_markdown_is_commonmark_that_keeps_remote_text_literal(run):
    run("watch", "add", "--keyword", "diffusion")
    status, out, err = run("digest", "--since", "2026-05-07", "--until", "2026-05-08")
    assert status == 0, err
    tokens = MarkdownIt("commonmark").parse(out)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    inline = [t for t in tokens if t.type == "inline"]
    links = [(child.attrs.get("href"), tokens_text(token.children[i + 1:]))
             for token in inline for i, child in enumerate(token.children or [])
             if child.type == "link_open"]
    assert ("https://huggingface.co/papers/2605.00001", HOSTILE_TITLE) in links
    assert all(str(href).startswith("https://") for href, _ in links)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["papertui digest", "Watched", "keyword diffusion", "Top 10 by upvotes",
                        "Newly with code"]
    texts = ["".join(c.content for c in t.children or [] if c.type == "text") for t in inline]
    assert any(HOSTILE_AUTHOR in text for text in texts)
    assert any("<b>Evil</b> Lab" in text for text in texts)


def tokens_text(children) -> str:
    text = []
    for child in children:
        if child.type == "link_close":
            break
        text.append(child.content)
    return "".join(text)


def test_text_format_and_top_n_and_watched_only(run):
    run("watch", "add", "--org", "Qwen")
    status, out, _ = run("digest", "--week", "2026-W19", "--format", "txt", "--top", "1")
    assert status == 0
    assert out.splitlines()[0] == "PAPERTUI DIGEST"
    assert "-- organization Qwen --" in out
    assert "* Diffusion models for video" in out
    top = out.split("TOP 1 BY UPVOTES")[1].split("NEWLY WITH CODE")[0]
    assert "2605.00001" in top and "2605.00003" not in top  # only the top one, not Qwen's again
    status, out, _ = run("digest", "--week", "2026-W19", "--format", "txt", "--watched")
    assert "TOP" not in out and "2605.00001" not in out and "Diffusion models for video" in out


def test_no_period_covers_what_arrived_since_the_previous_digest_of_that_format(run, data_dir):
    status, out, _ = run("digest", "--format", "txt")
    assert status == 0
    assert "Fri 08 May 2026, the newest day in the store (first digest)" in out
    assert "2605.00002" in out and "2605.00003" not in out
    status, out, _ = run("digest", "--format", "txt")
    assert status == 0
    assert out.splitlines()[1].startswith("0 papers since the previous digest (")
    assert "Nothing new since the previous digest (" in out and "no papers to read" in out
    # another format has its own memory
    assert "first digest" in run("digest", "--format", "md")[1]

    store = Store(data_dir / STORE_FILENAME)
    store.save_papers([Paper(id="2605.00009", title="Fresh arrival", day="2026-05-11", upvotes=3),
                       Paper(id="2605.00004", title="Old paper, code came later",
                             authors=("Ana Souza",), day="2026-04-01", upvotes=5,
                             github_repo="https://github.com/ana/code")])
    store.close()
    status, out, _ = run("digest", "--format", "txt")
    assert "Fresh arrival" in out
    code = out.split("NEWLY WITH CODE")[1]
    assert "Old paper, code came later" in code and "https://github.com/ana/code" in code


def test_an_empty_period_is_a_friendly_digest_and_errors_are_one_line(run, tmp_path):
    status, out, err = run("digest", "--date", "2026-01-01", "--format", "html")
    assert status == 0 and "Nothing new for Thu 01 Jan 2026" in out
    status, _, err = run("digest", "--date", "2026-13-01")
    assert status == 1 and err.strip() == \
        "papertui: '2026-13-01' is not a date (expected YYYY-MM-DD)"
    status, _, err = run("digest", "--until", "2026-05-01")
    assert (status, err.strip()) == (1, "papertui: --until needs --since")
    status, _, err = run("digest", "--since", "2026-05-08", "--until", "2026-05-01")
    assert status == 1 and "before --since" in err


def test_a_file_is_never_overwritten_without_force(run, tmp_path):
    target = tmp_path / "digest.md"
    target.write_text("mine", encoding="utf-8")
    status, _, err = run("digest", "--date", "2026-05-08", "-o", str(target))
    assert (status, err.strip()) == (1, f"papertui: {target} exists; use --force to overwrite it")
    assert target.read_text(encoding="utf-8") == "mine"
    # a refused write does not count as the previous digest
    assert "first digest" in run("digest")[1]
    status, _, err = run("digest", "--date", "2026-05-08", "-o", str(target), "--force")
    assert status == 0, err
    assert target.read_text(encoding="utf-8").startswith("# papertui digest\n")
    status, _, err = run("digest", "-o", str(tmp_path / "missing" / "d.md"))
    assert status == 1 and "does not exist" in err
