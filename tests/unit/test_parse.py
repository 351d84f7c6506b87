"""What papertui reads out of the service's JSON and web pages, and what it makes of
hostile text, hostile links, absurd counts and random JSON or HTML."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from fakehf import SAMPLES_DIR as SAMPLES
from fakehf import listing_page, make_item
from hostile import ESCAPES, HOSTILE_URLS, MARKUP, PAYLOADS, UNSAFE
from papertui.core.models import Paper
from papertui.core.parse import (
    MAX_COUNT,
    ParseError,
    parse_item,
    parse_items,
    parse_listing_html,
    parse_paper_page,
)
from papertui.core.safety import safe_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.glob("*") if p.suffix in (".json", ".html"))


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



# --- hostile text in every field a paper has ----------------------------------------------


def hostile_item(text: str) -> dict:
    """A daily item carrying `text` in every free-text field the service sends."""
    item = make_item("2605.00001", title=f"T {text} T", summary=f"A {text} A",
                     authors=[{"name": f"N {text} N", "hidden": False}, {"name": text}],
                     ai_summary=f"S {text} S", ai_keywords=[f"K {text} K", text])
    item["organization"] = {"name": "org", "fullname": f"O {text} O"}
    item["submittedBy"] = {"name": "user", "fullname": f"U {text} U"}
    return item


def text_fields(paper: Paper) -> list[str]:
    return [paper.title, paper.abstract, *paper.authors, paper.ai_summary, *paper.ai_keywords,
            paper.organization, paper.submitter, paper.published_at, paper.submitted_at]


@pytest.mark.parametrize("hostile, visible", ESCAPES.values(), ids=ESCAPES.keys())
def test_escapes_in_any_field_are_removed_before_the_store(hostile: str, visible: str) -> None:
    [paper] = parse_items([hostile_item(hostile)])
    for value in text_fields(paper):
        assert not UNSAFE.search(value)
        assert not any(payload in value for payload in PAYLOADS)
    assert paper.title == f"T {visible} T" and paper.abstract == f"A {visible} A"
    assert paper.submitter == f"U {visible} U" and paper.organization == f"O {visible} O"


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_in_any_field_is_kept_as_typed(markup: str) -> None:
    [paper] = parse_items([hostile_item(markup)])
    assert paper.title == f"T {markup} T"
    assert paper.abstract == f"A {markup} A" and paper.ai_summary == f"S {markup} S"
    assert paper.authors == (f"N {markup} N", markup)
    assert paper.ai_keywords == (f"K {markup} K", markup)
    assert (paper.organization, paper.submitter) == (f"O {markup} O", f"U {markup} U")


def test_escapes_in_a_listing_page_and_a_paper_page_are_removed() -> None:
    hostile = "x\x1b]0;PWNED-TITLE\x07\x1b[2J\u202ey"
    page = listing_page([make_item("2605.00001", title=hostile)], island=False)
    [card] = parse_listing_html(page)
    assert card.title == "xy"
    paper_page = (f'<html><head><link rel="canonical" href="/papers/2605.00001"></head>'
                  f'<body><h1>{hostile}</h1><span class="author">{hostile},</span>'
                  f'<h2>Abstract</h2><div><p>{hostile}</p></div></body></html>')
    paper = parse_paper_page(paper_page)
    assert (paper.title, paper.authors, paper.abstract) == ("xy", ("xy",), "xy")


def test_sizes_people_can_send_are_kept_whole() -> None:
    item = make_item("2605.00001", title="W" * 5000, summary="word " * 40_000,
                     authors=[{"name": f"Author {n}"} for n in range(2000)])
    [paper] = parse_items([item])
    assert len(paper.title) == 5000 and len(paper.abstract) == len("word " * 40_000) - 1
    assert len(paper.authors) == 2000
    [empty] = parse_items([make_item("2605.00002", title=" \x1b[2J ")])
    assert empty.title == ""  # the list and the detail show the id instead
    [none] = parse_items([{"paper": {"id": "2605.00003"}}])
    assert none.title == "" and none.authors == ()


# --- counts: only numbers a count can be --------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    (7, 7), (0, 0), (-3, 0), (True, 0), (2.5, 0), ("12", 0), (None, 0),
    (MAX_COUNT, MAX_COUNT), (MAX_COUNT + 1, 0), (2**63, 0), (10**30, 0),
])
def test_counts_are_whole_numbers_a_store_can_hold(value: object, expected: int) -> None:
    item = make_item("2605.00001", upvotes=value, githubStars=value,
                     githubRepo="https://github.com/a/b")
    item["numComments"] = value
    [paper] = parse_items([item])
    assert (paper.upvotes, paper.comments) == (expected, expected)
    assert paper.github_stars == (expected if expected or value == 0 else None)


# --- hostile links ------------------------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
def test_hostile_links_never_reach_the_store(url: str) -> None:
    item = make_item("2605.00001", githubRepo=url, projectPage=url)
    item["thumbnail"] = url
    [paper] = parse_items([item])
    assert (paper.github_repo, paper.project_page, paper.thumbnail) == ("", "", "")


# --- random JSON of any shape -------------------------------------------------------------


JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False), st.text(max_size=20),
    st.sampled_from(["2605.05242", "2605.05242v2", "cs/0112017", "2026-05-08T09:00:00.000Z",
                     "https://github.com/a/b", "javascript:x", "\x1b]0;PWNED-TITLE\x07"]),
)


FIELD_NAMES = st.sampled_from([
    "paper", "id", "title", "summary", "authors", "name", "hidden", "fullname", "upvotes",
    "numComments", "githubRepo", "githubStars", "projectPage", "ai_summary", "ai_keywords",
    "publishedAt", "submittedOnDailyAt", "submittedBy", "organization", "thumbnail", "error",
])


JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(st.one_of(FIELD_NAMES, st.text(max_size=5)), inner,
                                            max_size=8)),
    max_leaves=40,
)


def assert_clean_papers(papers: object) -> None:
    assert isinstance(papers, list) and all(isinstance(p, Paper) for p in papers)
    assert len({p.id for p in papers}) == len(papers)
    for paper in papers:
        for value in text_fields(paper):
            assert isinstance(value, str) and not UNSAFE.search(value)
        for count in (paper.upvotes, paper.comments, paper.github_stars or 0):
            assert isinstance(count, int) and 0 <= count <= MAX_COUNT
        for url in (paper.github_repo, paper.project_page, paper.thumbnail):
            assert url == "" or safe_url(url) == url


@settings(max_examples=150, deadline=None)
@example([hostile_item("\x1b]0;PWNED-TITLE\x07 [MoE] \u202e")])  # the clean path, every run
@given(JSON_VALUES)
def test_any_json_gives_clean_papers_or_a_parse_error(data: object) -> None:
    try:
        papers = parse_items(data)
    except ParseError as error:
        assert str(error) and not UNSAFE.search(str(error))
        return
    assert_clean_papers(papers)



def test_an_error_object_is_reported_cleanly() -> None:
    with pytest.raises(ParseError) as caught:
        parse_items({"error": "[@click=app.quit]x[/] \x1b]0;PWNED-TITLE\x07 [MoE]"})
    assert str(caught.value) == ("the service sent an error instead of papers: "
                                 "[@click=app.quit]x[/] [MoE]")


# --- random HTML --------------------------------------------------------------------------


HREFS = st.one_of(
    st.sampled_from(["/papers/2605.05242", "https://arxiv.org/abs/2605.05242v2",
                     "/papers?date=2026-05-08",
                     "http://[::1", "http://[x", "https://[::1]:99999/", "javascript:alert(1)",
                     "/papers/date/2026-13-45", "//arxiv.org/pdf/2605.05242.pdf", ""]),
    st.text(alphabet=string.printable, max_size=30),
)


INNER = st.one_of(st.sampled_from(["GitHub", "Project page", "Upvote", "Abstract",
                                   "AI-generated summary", "1,234", "[MoE]",
                                   "\x1b]0;PWNED-TITLE\x07"]),
                  st.text(max_size=15))


@st.composite
def html_pages(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["a", "btn", "card", "h1", "h2", "p", "author", "island",
                                     "canonical", "div"]))
        href = json.dumps(draw(HREFS))[1:-1].replace('"', "&quot;")
        text = draw(INNER).replace("<", "&lt;")
        if kind == "a":
            parts.append(f'<a href="{href}">{text}</a>')
        elif kind == "btn":
            parts.append(f'<a class="btn" href="{href}">{text}<span>{draw(INNER)}</span></a>')
        elif kind == "card":
            parts.append(f'<article><h3><a href="{href}">{text}</a></h3>'
                         f"<div>{text}</div></article>")
        elif kind in ("h1", "h2", "p"):
            parts.append(f"<{kind}>{text}</{kind}>")
        elif kind == "author":
            parts.append(f'<span class="author">{text}</span>')
        elif kind == "canonical":
            parts.append(f'<link rel="canonical" href="{href}">')
        elif kind == "island":
            target = draw(st.sampled_from(["DailyPapers", "PaperContent", "UpvoteControl"]))
            props = json.dumps(draw(JSON_VALUES)).replace("&", "&amp;").replace('"', "&quot;")
            if draw(st.booleans()):
                props = props[: draw(st.integers(0, len(props)))]
            parts.append(f'<div data-target="{target}" data-props="{props}"></div>')
        else:
            parts.append(f"<div>{text}")
    return "<html><body>" + "".join(parts) + "</body></html>"


@settings(max_examples=100, deadline=None)
@example(listing_page([hostile_item("\x1b]0;PWNED-TITLE\x07 [MoE] \u202e")], island=False))
@example(listing_page([hostile_item("\x1b]0;PWNED-TITLE\x07 [MoE] \u202e")]))
@given(html_pages())
def test_any_listing_page_gives_clean_papers_or_a_parse_error(page: str) -> None:
    try:
        papers = parse_listing_html(page)
    except ParseError:
        return
    assert_clean_papers(papers)


@settings(max_examples=100, deadline=None)
@example('<html><body><h1>x\x1b]0;PWNED-TITLE\x07\u202ey</h1><span class="author">[MoE],</span>'
         '<a href="https://arxiv.org/abs/2605.05242">arXiv</a></body></html>')
@given(html_pages())
def test_any_paper_page_gives_a_clean_paper_or_a_parse_error(page: str) -> None:
    try:
        paper = parse_paper_page(page)
    except ParseError:
        return
    assert_clean_papers([paper])


@pytest.mark.parametrize("href", ["http://[::1", "http://[x", "https://[/papers/2605.05242"])
def test_a_malformed_link_on_a_page_is_skipped_not_fatal(href: str) -> None:
    # urljoin raises ValueError ("Invalid IPv6 URL") on these; that escaped the parser
    # (and the client, which expects ParseError) and ended the whole fetch.
    card = f'<article><h3><a href="{href}">Bad</a></h3></article>'
    good = '<article><h3><a href="/papers/2605.05242">Good</a></h3></article>'
    assert [p.id for p in parse_listing_html(f"<html><body>{card}{good}</body></html>")] == [
        "2605.05242"]
    page = (f'<html><body><h1>Title</h1><a class="btn" href="{href}">GitHub</a>'
            f'<a href="{href}">x</a><a href="https://arxiv.org/abs/2605.05242">arXiv</a>'
            "</body></html>")
    paper = parse_paper_page(page)
    assert (paper.id, paper.title, paper.github_repo) == ("2605.05242", "Title", "")
