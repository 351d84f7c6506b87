"""Hostile text and links from the service: what the cleaners and parsers let through.

Everything here is core (no Textual): the cleaners in `safety`, and `parse` fed hostile
strings in every field, random JSON of any shape and random HTML. What reaches the screen
is tested in tests/app/test_hostile_app.py and, byte for byte, in test_hostile_pty.py.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fakehf import listing_page, make_item
from papertui.core.models import Paper, View
from papertui.core.parse import (
    MAX_COUNT,
    ParseError,
    parse_items,
    parse_json,
    parse_listing_html,
    parse_paper_page,
)
from papertui.core.safety import clean_line, clean_paragraphs, clean_text, safe_url, url_problem
from papertui.core.store import open_store

# What must never survive cleaning: C0 controls but tab/newline (tab becomes a space), DEL,
# C1 controls, and the bidi controls that reorder what is shown.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

# The terminal attacks, each with the visible text that may survive and the payload that
# must not (the payload is what a terminal would act on).
ESCAPES = {
    "clear screen": ("a\x1b[2Jb", "ab"),
    "CSI with odd parameters": ("a\x1b[31;1;4;7mb", "ab"),
    "window title (BEL)": ("a\x1b]0;PWNED-TITLE\x07b", "ab"),
    "window title (ST)": ("a\x1b]2;PWNED-TITLE\x1b\\b", "ab"),
    "OSC 8 hyperlink": ("a\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
    "OSC 52 clipboard": ("a\x1b]52;c;RVZJTC1DTElQ\x07b", "ab"),
    "DCS string": ("a\x1bP1$qm\x1b\\b", "ab"),
    "8-bit CSI": ("a\x9b2Jb", "ab"),
    "8-bit OSC": ("a\x9d0;PWNED-TITLE\x9cb", "ab"),
    "C1 NEL and friends": ("a\x85\x8d\x90b", "ab"),
    "NUL and DEL": ("a\x00b\x7fc", "abc"),
    "bell and backspace": ("a\x07\x08b", "ab"),
    "right-to-left override": ("abc\u202edcba", "abcdcba"),
    "isolates and marks": ("x\u2066y\u2069\u200ez\u200f\u061c", "xyz"),
    "byte order mark": ("\ufeffab", "ab"),
}
PAYLOADS = ("PWNED-TITLE", "evil.example", "RVZJTC1DTElQ", "\x1b", "\x9b", "\x9d")

# Rich/Textual markup that must stay literal text (parse must not "fix" it either).
MARKUP = ("[/]", "[/bold]", "a[b", "[bold]x", "[@click=app.quit]x[/]", "[@click=app.bookmark]",
          "[link='file:///etc/passwd']x[/link]", "[MoE]", "[CLS]", "[Re]")


# --- the cleaners -------------------------------------------------------------------------


@pytest.mark.parametrize("hostile, visible", ESCAPES.values(), ids=ESCAPES.keys())
def test_every_escape_is_removed_with_its_payload(hostile: str, visible: str) -> None:
    for clean in (clean_text, clean_line, clean_paragraphs):
        cleaned = clean(hostile)
        assert cleaned == visible
        assert not any(payload in cleaned for payload in PAYLOADS)


def test_an_unterminated_sequence_swallows_the_rest_never_shows_it() -> None:
    # A terminal would wait for the terminator too: whatever follows is payload.
    for clean in (clean_text, clean_line, clean_paragraphs):
        assert clean("ab\x1b]0;PWNED-TITLE and more") == "ab"
        assert clean("ab\x1bP1$q and more") == "ab"
        assert clean("ab\x1b[") == "ab"


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_cleaned_text_never_holds_a_control(text: str) -> None:
    cleaned = clean_text(text)
    assert not UNSAFE.search(cleaned) and "\x1b" not in cleaned and "\r" not in cleaned
    line = clean_line(text)
    assert not UNSAFE.search(line) and "\n" not in line and line == line.strip()
    paragraphs = clean_paragraphs(text)
    assert not UNSAFE.search(paragraphs) and "\n\n\n" not in paragraphs
    assert clean_text(cleaned) == cleaned  # cleaning twice changes nothing more


# Text built from escape-sequence pieces finds far more corner cases than uniform text.
ESCAPE_PIECES = st.lists(st.sampled_from([
    "\x1b", "[", "]", "\\", "\x07", "\x9b", "\x9c", "\x9d", "0;", "52;c;", "8;;", "2J", "P",
    "_", "^", "X", "m", "\x00", "\x7f", "\u202e", "\n", "\r", "\t", "a", "é", "👩‍🔬", "[MoE]",
]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(ESCAPE_PIECES)
def test_cleaned_escape_soup_never_holds_a_control(text: str) -> None:
    for clean in (clean_text, clean_line, clean_paragraphs):
        cleaned = clean(text)
        assert "\x1b" not in cleaned and not UNSAFE.search(cleaned)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Zs")),
               max_size=60))
def test_ordinary_text_comes_through_unchanged(text: str) -> None:
    # Markup, TeX, emoji, combining marks and right-to-left scripts are what people write.
    assert clean_text(text) == text
    assert clean_line(text) == text


@pytest.mark.parametrize("text", MARKUP + (
    "$\\mathcal{O}(n)$ \\% [x](javascript:alert(1))",
    "👩‍🔬 e\u0301 \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u4e2d\u6587",
))
def test_markup_tex_emoji_and_rtl_scripts_are_kept_verbatim(text: str) -> None:
    assert clean_text(text) == clean_line(text) == clean_paragraphs(text) == text


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


# --- counts: only numbers a count can be ---------------------------------------------------


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


def test_absurd_counts_from_the_service_do_not_break_saving(tmp_path) -> None:
    # Before counts were bounded, 2**64 upvotes reached SQLite and the whole fetch died
    # with "OverflowError: Python int too large to convert to SQLite INTEGER".
    body = json.dumps([make_item("2605.00001", upvotes=2**64, githubStars=10**40,
                                 githubRepo="https://github.com/a/b")])
    store = open_store(tmp_path).store
    try:
        store.save_papers(parse_json(body), View.day("2026-05-08"))
        paper = store.get("2605.00001").paper
        assert (paper.upvotes, paper.github_stars) == (0, None)
    finally:
        store.close()


# --- hostile links ------------------------------------------------------------------------


HOSTILE_URLS = {
    "javascript": "javascript:alert(1)",
    "file": "file:///etc/passwd",
    "data": "data:text/html,<script>alert(1)</script>",
    "smb": "smb://host/share",
    "leading dash": "-https://example.org",
    "space": "https://example.org/a b",
    "leading space": " https://example.org/",
    "tab": "https://example.org/\tx",
    "newline": "https://example.org/\nx",
    "ESC": "https://example.org/\x1b]0;x\x07",
    "C1": "https://example.org/\x9b2J",
    "NUL": "https://example.org/\x00",
    "DEL": "https://example.org/\x7f",
    "no host": "https:///path",
    "no host at all": "https://",
    "no scheme": "//example.org/x",
    "scheme only": "https:example.org",
    "bad IPv6": "http://[::1/x",
    "10 KB": "https://example.org/" + "a" * 10_000,
    "right-to-left override": "https://github.com/evil/\u202egpj.exe",
    "isolate": "https://example.org/\u2066x\u2069",
    "zero-width space": "https://git\u200bhub.com/x",
    "byte order mark": "\ufeffhttps://example.org/",
    "line separator": "https://example.org/\u2028x",
}


@pytest.mark.parametrize("url", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
def test_hostile_links_are_refused_with_a_reason(url: str) -> None:
    assert safe_url(url) is None
    reason = url_problem(url)
    assert reason and not UNSAFE.search(reason) and len(reason) < 100


@pytest.mark.parametrize("url", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
def test_hostile_links_never_reach_the_store(url: str) -> None:
    item = make_item("2605.00001", githubRepo=url, projectPage=url)
    item["thumbnail"] = url
    [paper] = parse_items([item])
    assert (paper.github_repo, paper.project_page, paper.thumbnail) == ("", "", "")


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=80),
    st.builds(lambda scheme, rest: scheme + rest,
              st.sampled_from(["http://", "https://", "HTTP://", "javascript:", "file://", "-"]),
              st.text(max_size=40)),
))
def test_an_accepted_link_is_always_plain_http_with_a_host(url: str) -> None:
    accepted = safe_url(url)
    if accepted is None:
        assert url_problem(url)
        return
    assert accepted == url and url.lower().startswith(("http://", "https://"))
    assert not any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url)
    assert len(url) <= 2048


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


@settings(max_examples=100, deadline=None)
@example(json.dumps([hostile_item("\x1b]0;PWNED-TITLE\x07 [MoE] \u202e")]))
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200),
                 JSON_VALUES.map(json.dumps)))
def test_any_body_gives_clean_papers_or_a_parse_error(body: bytes | str) -> None:
    try:
        papers = parse_json(body)
    except ParseError:
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
