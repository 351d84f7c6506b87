"""Remote text and URLs are cleaned before anything stores or shows them."""

import pytest

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
