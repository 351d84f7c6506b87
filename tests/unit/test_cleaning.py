"""Remote text and URLs are cleaned before anything stores or shows them."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile import ESCAPES, HOSTILE_URLS, MARKUP, PAYLOADS, UNSAFE

from papertui.core.safety import (
    clean_line,
    clean_paragraphs,
    clean_text,
    normalise_arxiv_id,
    safe_url,
    url_problem,
)


@pytest.mark.parametrize(
    "hostile, expected",
    [
        ("a\x1b[2Jb", "ab"),  # clear screen
        ("a\x1b]0;pwned\x07b", "ab"),  # window title
        ("a\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),  # OSC 52 clipboard write
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x00b\x7fc\x85d", "abcd"),  # NUL, DEL, C1
        ("abc\u202edcba", "abcdcba"),  # right-to-left override
        ("x\u2066y\u2069z", "xyz"),  # isolates
    ],
)
def test_escape_sequences_and_controls_are_removed(hostile, expected):
    assert clean_text(hostile) == expected


def test_text_keeps_what_people_wrote():
    text = "Scaling $\\mathcal{O}(n)$ [MoE] <b>x</b> \u05e9\u05dc\u05d5\u05dd 👩‍🔬 e\u0301"
    assert clean_text(text) == text


def test_titles_collapse_arxiv_line_breaks():
    assert clean_line("MCPMark: A Benchmark for\n  Stress-Testing ") == "MCPMark: A Benchmark for Stress-Testing"


def test_abstracts_join_wrapped_lines_and_keep_paragraphs():
    text = "First line\nwraps here.\n\n  Second\nparagraph.\n\n\n"
    assert clean_paragraphs(text) == "First line wraps here.\n\nSecond paragraph."


def test_non_strings_become_empty():
    assert clean_text(None) == "" and clean_line(42) == ""


@pytest.mark.parametrize(
    "raw, expected",
    [("2605.05242", "2605.05242"), ("2605.05242v3", "2605.05242"), ("2410.1724", "2410.1724"),
     ("cs/0112017", "cs/0112017"), ("2605.05242; rm -rf /", None), ("../etc", None), ("", None)],
)
def test_arxiv_ids(raw, expected):
    assert normalise_arxiv_id(raw) == expected


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "smb://host/share",
     "-http://x.org", "http://exa mple.org", "http://x.org/\x1b[2J", "https://", "http:///path",
     "https://x.org/" + "a" * 10_000, "", None, "ftp://x.org/file"],
)
def test_hostile_urls_are_refused_with_a_reason(url):
    assert safe_url(url) is None
    assert url_problem(url)


@pytest.mark.parametrize("url", ["https://github.com/eval-sys/mcpmark", "http://mcpmark.ai/", "HTTPS://X.ORG/a?b=c#d"])
def test_ordinary_links_pass(url):
    assert safe_url(url) == url and url_problem(url) is None


# --- every terminal attack, and text of any shape -----------------------------------------


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


# --- hostile links ------------------------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS.values(), ids=HOSTILE_URLS.keys())
def test_hostile_links_are_refused_with_a_reason(url: str) -> None:
    assert safe_url(url) is None
    reason = url_problem(url)
    assert reason and not UNSAFE.search(reason) and len(reason) < 100


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
