"""What papertui reads out of the service's JSON and web pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from fakehf import SAMPLES_DIR as SAMPLES
from papertui.core.models import Paper
from papertui.core.parse import (
    ParseError,
    parse_item,
    parse_items,
    parse_listing_html,
    parse_paper_page,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.glob("*") if p.suffix in (".json", ".html"))
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def sample_papers(path: Path) -> list[Paper]:
    """Whatever papers a sample file holds, read the way the client would read it."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return parse_items(json.loads(text))
    if 'data-target="DailyPapers"' in text:
        return parse_listing_html(text)
    return [parse_paper_page(text)]


@pytest.mark.parametrize(
    "name", SAMPLE_FILES or [pytest.param("", marks=pytest.mark.skip("no samples beside"))]
)
def test_every_sample_parses_into_clean_papers(samples_dir: Path, name: str) -> None:
    papers = sample_papers(samples_dir / name)
    assert papers
    assert len({p.id for p in papers}) == len(papers)
    for paper in papers:
        assert re.fullmatch(r"\d{4}\.\d{4,5}", paper.id)
        assert paper.title and "\n" not in paper.title and paper.title == paper.title.strip()
        assert paper.abstract and not UNSAFE.search(paper.abstract)
        assert paper.authors and all(paper.authors)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", paper.day)
        assert paper.upvotes >= 0 and paper.comments >= 0
        for url in (paper.github_repo, paper.project_page, paper.thumbnail):
            assert url == "" or url.startswith(("https://", "http://"))


def test_dated_batch(samples_dir: Path) -> None:
    papers = parse_items(json.loads((samples_dir / "daily_papers_2026-05-08.json").read_bytes()))
    assert len(papers) == 37
    first = papers[0]
    assert first.id == "2605.05242"
    assert first.title.startswith("Beyond Semantic Similarity")
    assert first.github_repo == "https://github.com/DCI-Agent/DCI-Agent-Lite"
    assert first.github_stars == 101
    assert first.organization == "TIGER-Lab"
    assert first.submitter == "ZhuofengLi"
    assert first.upvotes == 86 and first.comments == 3
    assert first.authors[:2] == ("Zhuofeng Li", "Haoxiang Zhang") and len(first.authors) == 19
    assert "agentic search" in first.ai_keywords
    assert first.ai_summary.startswith("Direct corpus interaction")
    assert first.published_at == "2026-05-03T00:00:00.000Z"
    assert first.submitted_at == "2026-05-08T10:01:31.399Z"
    assert {p.day for p in papers} == {"2026-05-08"}
    # Optional really is optional: the real counts from HF-FORMAT.md.
    assert sum(bool(p.github_repo) for p in papers) == 20
    assert sum(bool(p.project_page) for p in papers) == 11
    assert sum(bool(p.organization) for p in papers) == 23
    assert sum(bool(p.ai_summary) for p in papers) == 35
    assert sum(p.github_stars is not None for p in papers) == 20


def test_latest_batch_keeps_the_service_order(samples_dir: Path) -> None:
    raw = (samples_dir / "daily_papers_2026-06-12_latest_limit30.raw.json").read_bytes()
    papers = parse_items(json.loads(raw))
    assert [p.id for p in papers] == [item["paper"]["id"] for item in json.loads(raw)]
    assert len(papers) == 30
    assert [p.upvotes for p in papers] != sorted((p.upvotes for p in papers), reverse=True)


def test_2024_item_in_the_old_schema(samples_dir: Path) -> None:
    [paper] = parse_items(json.loads(
        (samples_dir / "daily_papers_2024-10-25.first_item.excerpt.json").read_text()))
    assert paper.id == "2410.17243"
    assert paper.day == "2024-10-25"  # from the item's publishedAt: no submittedOnDailyAt then
    assert paper.submitted_at == "2024-10-25T00:57:09.392Z"
    assert paper.published_at == "2024-10-22T17:59:30.000Z"
    assert paper.title == (
        "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss"
    )
    assert paper.abstract.startswith("Contrastive loss is a powerful approach")
    assert "\n" not in paper.abstract  # arXiv's hard wraps are joined
    assert "larger batch sizes" in paper.abstract
    assert paper.ai_summary == "" and paper.ai_keywords == ()
    assert paper.github_repo == "" and paper.github_stars is None and paper.organization == ""
    assert paper.submitter == "Zesen Cheng" and paper.upvotes == 64 and paper.comments == 3


def test_paper_page_island(samples_dir: Path) -> None:
    html = (samples_dir / "paper_page_2509.24002.prettified.html").read_text()
    paper = parse_paper_page(html)
    props = json.loads((samples_dir / "paper_page_2509.24002.PaperContent.props.json").read_text())
    assert paper.id == "2509.24002"
    assert paper.title == (
        "MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use"
    )
    assert paper.github_repo == "https://github.com/eval-sys/mcpmark"
    assert paper.github_stars == 182 == props["paper"]["githubStars"]  # island and markup agree
    assert paper.project_page == "https://mcpmark.ai/"
    assert paper.upvotes == 118  # from UpvoteControl
    assert paper.comments == len(props["comments"]) == 2
    assert paper.day == "2025-10-01"
    assert paper.organization == "National University of Singapore"
    assert paper.ai_summary.startswith("MCPMark is a comprehensive benchmark")
    assert len(paper.authors) == 15


def without_islands(html: str) -> str:
    """The same page with every Svelte island's data gone, as if the page changed shape."""
    tree = LexborHTMLParser(html)
    for node in tree.css("[data-props]"):
        del node.attrs["data-props"]
        del node.attrs["data-target"]
    return tree.html


def test_paper_page_fallback_to_visible_markup(samples_dir: Path) -> None:
    html = (samples_dir / "paper_page_2509.24002.prettified.html").read_text()
    stripped = without_islands(html)
    assert "data-props" not in stripped
    paper = parse_paper_page(stripped)
    island = parse_paper_page(html)
    assert paper.id == "2509.24002"
    assert paper.title == island.title
    assert paper.github_repo == "https://github.com/eval-sys/mcpmark"
    assert paper.github_stars == 182
    assert paper.project_page == "https://mcpmark.ai/"
    assert paper.upvotes == 118
    assert paper.authors == island.authors
    assert paper.abstract == island.abstract
    assert paper.ai_summary == island.ai_summary
    assert paper.day == "2025-10-01"


def test_plain_paper_page_fixture() -> None:
    paper = parse_paper_page((FIXTURES / "paper_page_plain.html").read_text())
    assert paper.id == "2605.00042"  # the page's own address, not the arXiv link in a comment
    assert paper.title == "Plain Markup Only"
    assert paper.github_repo == "https://github.com/example/plain"
    assert paper.github_stars == 1234
    assert paper.project_page == "https://huggingface.co/spaces/example/plain-demo"
    assert paper.authors == ("Grace Hopper", "Alan Turing")
    assert paper.upvotes == 57
    assert paper.abstract == "We read the markup when the islands are gone."
    assert paper.ai_summary == "A short summary by a model."
    assert paper.day == "2026-05-08"


def test_paper_page_without_any_paper() -> None:
    with pytest.raises(ParseError, match="names no arXiv paper"):
        parse_paper_page("<html><body><h1>Just a heading</h1></body></html>")


def test_listing_island_is_preferred_over_cards() -> None:
    papers = parse_listing_html((FIXTURES / "listing_island.html").read_text())
    assert [p.id for p in papers] == ["2605.00001", "2605.00002"]
    first, second = papers
    assert first.title == "Islands & Cards: a Study"
    assert first.abstract == "First line wraps here.\n\nSecond paragraph."
    assert first.authors == ("Ada Lovelace",)  # hidden authors stay hidden
    assert first.github_stars == 7 and first.comments == 2 and first.upvotes == 12
    assert second.title == "It's red"  # the escape sequences are gone


def test_listing_cards_only() -> None:
    papers = parse_listing_html((FIXTURES / "listing_cards.html").read_text())
    assert [(p.id, p.title, p.upvotes) for p in papers] == [
        ("2605.00011", "Scaling Laws for Cards", 1024),
        ("2605.00012", "2048: A Number in the Title", 0),  # the title's number is no count
    ]


@pytest.mark.parametrize(
    "html",
    ["", "<html><body><p>Nothing here</p></body></html>", "<article><h3>no link</h3></article>"],
)
def test_listing_without_papers_is_an_error(html: str) -> None:
    with pytest.raises(ParseError, match="no papers"):
        parse_listing_html(html)


def test_listing_island_with_an_empty_day_is_empty() -> None:
    island = '<div data-target="DailyPapers" data-props=\'{"dailyPapers": []}\'></div>'
    assert parse_listing_html(island) == []


# --- hostile and odd input ------------------------------------------------------------------


def item(**paper: object) -> dict:
    return {"paper": {"id": "2605.00001", "title": "A title", **paper}}


def test_hostile_text_is_stripped() -> None:
    nasty = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[2J\x9b31m\u202eevil\u202c\x00 \x85ok"
    paper = parse_item(
        {
            "paper": {
                "id": "2605.00001",
                "title": f"Title {nasty}",
                "summary": f"Abstract {nasty}\n\nNext",
                "authors": [{"name": f"Eve {nasty}"}],
                "ai_summary": nasty,
                "ai_keywords": [nasty, "\x1b[1m", 7],
                "organization": {"fullname": "Org\x1b[5m\u2066"},
            },
            "submittedBy": {"fullname": "\x00\x01Mallory\u202d"},
        }
    )
    for text in (paper.title, paper.abstract, *paper.authors, paper.ai_summary,
                 *paper.ai_keywords, paper.organization, paper.submitter):
        assert "\x1b" not in text and not UNSAFE.search(text), repr(text)
        assert "evil.example" not in text
    assert paper.title == "Title click evil ok"
    assert paper.abstract == "Abstract click evil ok\n\nNext"
    assert paper.ai_keywords == ("click evil ok",)
    assert paper.organization == "Org" and paper.submitter == "Mallory"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "/relative/path",
     "https://exa mple.com", "-https://x.org", "https://x.org/\x1b[31m", 42, None],
)
def test_unsafe_links_are_dropped(url: object) -> None:
    paper = parse_item(item(githubRepo=url, projectPage=url) | {"thumbnail": url})
    assert paper.github_repo == paper.project_page == paper.thumbnail == ""


def test_unsafe_links_on_a_paper_page_are_dropped() -> None:
    html = (
        '<link rel="canonical" href="/papers/2605.00001"><h1>T</h1>'
        '<a class="btn" href="javascript:alert(1)">GitHub <span>5</span></a>'
        '<a class="btn" href="file:///etc/passwd">Project page</a>'
    )
    paper = parse_paper_page(html)
    assert paper.github_repo == paper.project_page == "" and paper.github_stars is None


@pytest.mark.parametrize("value", [True, False, "12", -3, 1.5, None, [], {"n": 1}])
def test_odd_counts_become_zero(value: object) -> None:
    paper = parse_item(item(upvotes=value, githubStars=value) | {"numComments": value})
    assert paper.upvotes == 0 and paper.comments == 0
    assert paper.github_stars is None


def test_bare_paper_object_and_versions() -> None:
    paper = parse_item(
        {"id": "2605.00001v3", "title": "Bare\n  paper", "upvotes": 5, "numComments": 1,
         "publishedAt": "2026-05-01T00:00:00.000Z",
         "submittedOnDailyBy": {"name": "bob"}, "organization": {"name": "org-x"}}
    )
    assert (paper.id, paper.title, paper.upvotes, paper.comments) == ("2605.00001", "Bare paper", 5, 1)
    assert paper.submitter == "bob" and paper.organization == "org-x"
    # A bare paper's publishedAt is the arXiv date, not the day it was listed.
    assert paper.day == "" and paper.submitted_at == ""


def test_title_falls_back_to_the_item_title_and_bad_days_are_empty() -> None:
    paper = parse_item({"paper": {"id": "2605.00001", "submittedOnDailyAt": "yesterday"},
                        "title": "Top-level title"})
    assert paper.title == "Top-level title" and paper.day == ""


@pytest.mark.parametrize("bad_id", ["", "not-an-id", "2605.1", None, 260500001, "../../etc"])
def test_item_without_a_valid_id_is_an_error(bad_id: object) -> None:
    with pytest.raises(ParseError, match="arXiv id"):
        parse_item(item(id=bad_id))


def test_parse_items_skips_broken_items_and_keeps_the_first_duplicate() -> None:
    data = [item(title="first"), "junk", None, item(id="bad"), item(title="second"),
            {"paper": {"id": "2605.00002", "title": "other"}}]
    papers = parse_items(data)
    assert [(p.id, p.title) for p in papers] == [("2605.00001", "first"), ("2605.00002", "other")]
    assert parse_items([]) == []
    assert [p.id for p in parse_items(item())] == ["2605.00001"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"papers": []}, "expected a list of papers, got an object"),
        ({"error": "Invalid date \x1b[31m"}, "an error instead of papers: Invalid date$"),
        ("a string", "expected a list of papers, got a string"),
        (42, "got a number"),
        (None, "got null"),
        ([1, "two", {"paper": {}}], "none of the 3 items"),
    ],
)
def test_wrong_shapes_are_clear_errors(data: object, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        parse_items(data)
    assert str(caught.value)[0].islower()  # reads as a clause the client can wrap

