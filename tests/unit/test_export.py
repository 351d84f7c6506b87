"""Exports as a reader meets them: real files, parsed back by real Markdown, BibTeX, CSV and
JSON readers, and the backup restored into a fresh store."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from papertui.core import export
from papertui.core.export import bibtex_key, import_json, render
from papertui.core.files import MAX_NAME, resolve_in, safe_filename, write_file
from papertui.core.models import Paper, StoredPaper, UserState
from papertui.core.query import FilterSpec
from papertui.core.safety import clean_line
from papertui.core.store import Store

HOSTILE_TITLES = [
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "# heading",
    "| a | b |",
    "Uses `backticks` and ```fences```",
    "[MoE] Mixture of Experts",
    "![img](https://evil.example/x.png)",
    "<https://evil.example>",
    "- list item? 1. no",
    "1. Ordered",
    "> quoted",
    "**bold** _em_ ~~strike~~ $x^2$",
    "Tom & Jerry &amp; &copy; \\ backslash",
    "[ref]: https://evil.example",
    "=== --- ***",
]


def paper(pid: str, title: str, *, day: str = "2026-05-08", authors=("Wei Li", "Ana Souza"),
          **fields) -> Paper:
    return Paper(id=pid, title=title, authors=tuple(authors), day=day,
                 published_at=fields.pop("published_at", f"{day}T09:00:00.000Z"), **fields)


def stored(pid: str, title: str, state: UserState | None = None, **fields) -> StoredPaper:
    return StoredPaper(paper(pid, title, **fields), state or UserState())


def sample() -> list[StoredPaper]:
    return [
        stored("2605.05242", "Beyond Attention: Linear Models at Scale", day="2026-05-08",
               upvotes=120, comments=7, github_repo="https://github.com/li/beyond",
               github_stars=4321, project_page="https://beyond.example.org/",
               ai_summary="Linear models match attention.", abstract="We study attention.",
               state=UserState(bookmarked=True, tags=("llm", "efficiency"),
                               note="Read with the\nappendix.")),
        stored("2605.05001", "The Art of Tokenisation", day="2026-05-08",
               authors=("José Núñez", "李伟", "Ana O'Neil"), upvotes=40),
        stored("2605.03333", "A Survey of Surveys", day="2026-05-06", authors=("Kim Park",),
               state=UserState(tags=("survey",))),
        stored("2605.01234", "On Robots", day="2026-05-04", authors=()),
    ]


@functools.cache
def markdown_parser() -> MarkdownIt:
    # CommonMark plus GitHub's tables and strikethrough: what could turn remote text into
    # structure on GitHub.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def top_level_items(tokens) -> list[int]:
    """Indexes of the list items that open one paper each (level 1: inside a bullet list)."""
    return [i for i, t in enumerate(tokens) if t.type == "list_item_open" and t.level == 1]


def inline_children(tokens):
    for token in tokens:
        if token.type == "inline":
            yield from token.children or []


def first_link_text(tokens, start: int) -> tuple[str, str]:
    """The href and the literal text of the first link after `start`."""
    children = []
    for token in tokens[start:]:
        if token.type == "inline":
            children = token.children or []
            break
    for index, child in enumerate(children):
        if child.type == "link_open":
            text = []
            for inner in children[index + 1:]:
                if inner.type == "link_close":
                    break
                text.append(inner.content)
            return child.attrs["href"], "".join(text)
    raise AssertionError("no link")


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_has_one_heading_per_day_and_one_item_per_paper(tmp_path):
    papers = sample()
    target = tmp_path / "bookmarks.md"
    write_file(target, render(papers, "md"), force=False)
    text = target.read_text(encoding="utf-8")
    tokens = markdown_parser().parse(text)

    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["papertui export: 2026-05-04 to 2026-05-08",
                        "2026-05-08", "2026-05-06", "2026-05-04"]
    assert len(top_level_items(tokens)) == len(papers)
    hrefs = [c.attrs["href"] for c in inline_children(tokens) if c.type == "link_open"]
    hf = [h for h in hrefs if h.startswith("https://huggingface.co/")]
    assert hf == [f"https://huggingface.co/papers/{p.paper.id}" for p in papers]
    assert "https://arxiv.org/pdf/2605.05242" in hrefs
    assert "https://github.com/li/beyond" in hrefs
    assert "https://beyond.example.org/" in hrefs
    assert "(4,321 stars)" in text
    assert "120 upvotes · 7 comments" in text
    assert "tags: llm, efficiency" in text
    assert "José Núñez, 李伟, Ana O'Neil" in text


def test_markdown_hostile_titles_stay_literal_text():
    papers = [stored(f"2605.0{index:04d}", title) for index, title in enumerate(HOSTILE_TITLES)]
    tokens = markdown_parser().parse(render(papers, "md"))

    assert not [t for t in tokens if t.type in ("html_block", "table_open", "code_block",
                                                 "fence", "hr", "blockquote_open")]
    children = list(inline_children(tokens))
    assert not [c for c in children if c.type in ("html_inline", "image", "code_inline", "s_open",
                                                   "em_open")]
    # The only emphasis is the bold title papertui itself writes.
    assert sum(c.type == "strong_open" for c in children) == len(papers)
    assert sum(t.type == "heading_open" for t in tokens) == 2  # the title and one day
    items = top_level_items(tokens)
    assert len(items) == len(HOSTILE_TITLES)
    for start, title, item in zip(items, HOSTILE_TITLES, papers):
        href, text = first_link_text(tokens, start)
        assert href == item.paper.hf_url
        assert text == title
    # Three links per paper (Hugging Face, arXiv, PDF) and not one more.
    links = [c.attrs["href"] for c in children if c.type == "link_open"]
    assert len(links) == 3 * len(papers)
    assert all(h.startswith(("https://huggingface.co/", "https://arxiv.org/")) for h in links)


# Every character Markdown, GitHub or HTML give a meaning to, plus letters and digits.
MARKDOWN_SYNTAX = st.text(alphabet="[]()<>&;#*_`~|\\!-+=.:$%{}^\"' \naA1", min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(min_size=1, max_size=80), MARKDOWN_SYNTAX).map(clean_line).filter(bool))
def test_markdown_any_title_is_shown_exactly_as_written(title):
    tokens = markdown_parser().parse(render([stored("2605.00001", title)], "md"))
    href, text = first_link_text(tokens, top_level_items(tokens)[0])
    assert (href, text) == ("https://huggingface.co/papers/2605.00001", title)
    assert sum(t.type == "heading_open" for t in tokens) == 2
    assert not [c for c in inline_children(tokens) if c.type == "html_inline"]


@settings(max_examples=100, deadline=None)
@given(st.lists(MARKDOWN_SYNTAX, min_size=1, max_size=6).map("\n".join))
def test_markdown_any_note_stays_one_quote_of_text(note):
    state = UserState(note=note.strip())
    tokens = markdown_parser().parse(render([stored("2605.00001", "T", state)], "md"))
    types = [t.type for t in tokens]
    assert types.count("heading_open") == 2
    assert types.count("bullet_list_open") == 1 and types.count("list_item_open") == 1
    assert types.count("blockquote_open") <= 1
    assert not {"table_open", "fence", "code_block", "html_block", "hr", "ordered_list_open"} & set(types)
    children = list(inline_children(tokens))
    assert not [c for c in children if c.type in ("html_inline", "code_inline", "em_open", "s_open",
                                                   "image")]
    assert sum(c.type == "link_open" for c in children) == 3


def test_markdown_notes_keep_line_breaks_in_a_blockquote_and_cannot_add_structure():
    note = ("First line\n# not a heading\n- not a list\n1. not ordered\n===\n"
            "| a | b |\n| --- | --- |\n```\n<div>html</div>\n\nSecond paragraph 🙂")
    state = UserState(bookmarked=True, note=note, tags=("a|b", "# tag"))
    tokens = markdown_parser().parse(render([stored("2605.00001", "T", state)], "md"))

    types = [t.type for t in tokens]
    assert types.count("heading_open") == 2
    assert types.count("blockquote_open") == 1
    assert "table_open" not in types and "fence" not in types and "html_block" not in types
    assert types.count("bullet_list_open") == 1 and "ordered_list_open" not in types
    start = types.index("blockquote_open")
    quote = tokens[start:types.index("blockquote_close")]
    paragraphs = [t for t in quote if t.type == "inline"]
    assert len(paragraphs) == 2
    lines = "".join(c.content if c.type == "text" else "\n" for c in paragraphs[0].children)
    assert lines == ("First line\n# not a heading\n- not a list\n1. not ordered\n===\n"
                     "| a | b |\n| --- | --- |\n```\n<div>html</div>")
    assert paragraphs[1].content.endswith("🙂")


def test_markdown_links_only_from_safe_urls_with_parentheses_encoded():
    papers = [
        stored("2605.00001", "Unsafe", github_repo="javascript:alert(1)",
               project_page="file:///etc/passwd"),
        stored("2605.00002", "Parens", project_page="https://example.org/a_(b) c?x=1&copy=2"),
        stored("2605.00003", "Parens ok", project_page="https://example.org/wiki/A_(b)?x=1&copy=2"),
    ]
    tokens = markdown_parser().parse(render(papers, "md"))
    hrefs = [c.attrs["href"] for c in inline_children(tokens) if c.type == "link_open"]
    assert not [h for h in hrefs if "javascript" in h or h.startswith("file:")]
    assert "https://example.org/wiki/A_%28b%29?x=1&copy=2" in hrefs
    assert len(hrefs) == 3 * 3 + 1  # the URL with a space is refused


def test_markdown_grouped_by_tag():
    tokens = markdown_parser().parse(render(sample(), "md", group="tag"))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[1:] == ["efficiency", "llm", "survey", "Untagged"]
    # A paper with two tags is listed under both.
    assert len(top_level_items(tokens)) == 5


def test_markdown_summary_choice_falls_back_to_the_other_text():
    papers = sample()
    assert "Linear models match attention." in render(papers, "md")
    abstract = render(papers, "md", summary="abstract")
    assert "We study attention." in abstract and "Linear models match" not in abstract
    only_abstract = [stored("2605.00001", "T", abstract="Only the abstract.")]
    assert "Only the abstract." in render(only_abstract, "md", summary="ai_summary")


def test_markdown_title_line_for_one_day_and_for_nothing():
    assert render([], "md").startswith("# papertui export: (no papers)\n")
    one = render([stored("2605.00001", "T", day="2026-05-08")], "md")
    assert one.startswith("# papertui export: 2026-05-08\n")


def test_unknown_format_group_or_summary_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        render([], "docx")
    with pytest.raises(ValueError, match="unknown grouping"):
        render([], "md", group="month")
    with pytest.raises(ValueError, match="unknown summary"):
        render([], "md", summary="tldr")


# -- BibTeX --------------------------------------------------------------------------------


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def test_bibtex_parses_back_with_every_paper_and_its_authors(tmp_path):
    papers = sample()
    target = tmp_path / "papers.bib"
    write_file(target, render(papers, "bibtex"), force=False)
    library = parse_bibtex(target.read_text(encoding="utf-8"))

    assert len(library.entries) == len(papers)
    assert len({entry.key for entry in library.entries}) == len(papers)
    for entry, item in zip(library.entries, papers):
        fields = {name: field.value for name, field in entry.fields_dict.items()}
        assert entry.entry_type == "misc"
        assert fields["eprint"] == item.paper.id
        assert fields["archivePrefix"] == "arXiv"
        assert fields["url"] == f"https://arxiv.org/abs/{item.paper.id}"
        assert fields["year"] == "2026"
        assert fields["title"] == "{" + item.paper.title + "}"
        authors = fields.get("author", "")
        assert (authors.split(" and ") if authors else []) == list(item.paper.authors)
    first = library.entries[0]
    assert first.key == "li2026beyond_2605.05242"
    assert first.fields_dict["keywords"].value == "llm, efficiency"


def test_bibtex_escapes_special_characters_and_keeps_braces_balanced():
    title = "{Unbalanced \\ 100% of $x^2$ & #1 under_score ~tilde} }{"
    authors = ("Ana \\ {Smith}", "R&D and Partners", "Zoë 50%")
    library = parse_bibtex(render([stored("2605.00001", title, authors=authors)], "bibtex"))
    fields = library.entries[0].fields_dict
    assert fields["title"].value == (
        r"{\textbraceleft{}Unbalanced \textbackslash{} 100\% of \$x\textasciicircum{}2\$ \& "
        r"\#1 under\_score \textasciitilde{}tilde\textbraceright{} \textbraceright{}"
        r"\textbraceleft{}}"
    )
    # The name holding " and " is braced so BibTeX keeps three authors.
    library = bibtexparser.parse_string(
        render([stored("2605.00001", title, authors=authors)], "bibtex"),
        append_middleware=[bibtexparser.middlewares.SeparateCoAuthors()],
    )
    assert len(library.entries[0].fields_dict["author"].value) == 3


NAMES = st.text(min_size=1, max_size=30).map(clean_line).filter(
    lambda name: name and " and " not in f" {name.lower()} ")


@settings(max_examples=100, deadline=None)
@given(title=st.one_of(st.text(min_size=1, max_size=80), MARKDOWN_SYNTAX).map(clean_line),
       authors=st.lists(NAMES, max_size=6))
def test_bibtex_any_title_and_authors_parse_back_as_one_entry(title, authors):
    library = parse_bibtex(render([stored("2605.00001", title, authors=authors)], "bibtex"))
    [entry] = library.entries
    value = entry.fields_dict.get("author")
    assert (value.value.split(" and ") if value else []) == [export.escape_tex(a) for a in authors]
    assert entry.fields_dict["eprint"].value == "2605.00001"


def test_bibtex_keys_are_stable_whatever_else_is_exported():
    papers = sample()
    alone = parse_bibtex(render([papers[1]], "bibtex")).entries[0].key
    together = [e.key for e in parse_bibtex(render(papers, "bibtex")).entries]
    assert together[1] == alone == bibtex_key(papers[1])
    # Same first author, year and first word: still two keys.
    twins = [stored("2605.00001", "Scaling Laws"), stored("2605.00002", "Scaling Laws Again")]
    keys = [e.key for e in parse_bibtex(render(twins, "bibtex")).entries]
    assert keys == ["li2026scaling_2605.00001", "li2026scaling_2605.00002"]


def test_bibtex_keys_fold_accents_and_old_style_ids():
    old = stored("cs/0112017", "The Évolution of Things", authors=("José Núñez",),
                 published_at="", day="")
    assert bibtex_key(old) == "nunez2001evolution_cs-0112017"
    no_author = stored("2605.00003", "A Study", authors=())
    assert bibtex_key(no_author) == "noauthor2026study_2605.00003"
    library = parse_bibtex(render([old], "bibtex"))
    assert library.entries[0].fields_dict["year"].value == "2001"


# -- CSV -----------------------------------------------------------------------------------


def test_csv_one_row_per_paper_read_back_from_a_file(tmp_path):
    papers = sample()
    target = tmp_path / "papers.csv"
    write_file(target, render(papers, "csv"), force=False)
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(papers)
    assert rows[0]["id"] == "2605.05242"
    assert rows[0]["github_stars"] == "4321"
    assert rows[0]["tags"] == "llm, efficiency"
    assert rows[0]["note"] == "Read with the\nappendix."
    assert rows[0]["bookmarked"] == "yes"
    assert rows[1]["authors"] == "José Núñez; 李伟; Ana O'Neil"


def test_csv_cells_that_would_be_formulas_are_text():
    item = stored("2605.00001", "=HYPERLINK(\"http://evil\",\"x\")", authors=("+1 Someone", "@me"),
                  state=UserState(note="-2+3", tags=("=cmd",)))
    row = list(csv.DictReader(io.StringIO(render([item], "csv"))))[0]
    assert row["title"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert row["authors"] == "'+1 Someone; @me"
    assert row["note"] == "'-2+3"
    assert row["tags"] == "'=cmd"
    assert row["upvotes"] == "0"


# -- JSON backup and import ----------------------------------------------------------------


def make_store(path: Path, papers: list[StoredPaper]) -> Store:
    store = Store(path)
    store.save_papers([item.paper for item in papers])
    return store


def everything(store: Store) -> tuple[list, list, int]:
    papers = [item.paper for item in store.select(FilterSpec(sort="date"))]
    return papers, store.user_states(), store.paper_count()


@pytest.fixture
def full_store(tmp_path) -> Store:
    papers = sample() + [stored("2605.09999", "Emoji 🧪 and ünïcödé", day="2026-05-07",
                                authors=("Ünal Øster",), thumbnail="https://cdn.example/t.png",
                                submitted_at="2026-05-07T08:00:00.000Z", submitter="ünal",
                                organization="Ørg", ai_keywords=("kw one", "kw two"),
                                abstract="Para one.\n\nPara two.")]
    store = make_store(tmp_path / "source.db", papers)
    store.set_bookmarked(["2605.05242", "2605.09999"], True)
    store.set_read(["2605.05001", "2605.09999"], True)
    store.set_note("2605.05242", "Multi-line\nnote with emoji 🎉\n\nand a second paragraph")
    store.set_note("2605.09999", "Ünïcödé 笔记")
    store.set_tags("2605.05242", ["llm", "efficiency"])
    store.set_tags("2605.03333", ["survey", "to read"])
    store.set_bookmarked(["2605.01234"], True)
    store.set_bookmarked(["2605.01234"], False)  # touched, then cleared: still a state row
    yield store
    store.close()


def test_json_backup_round_trip_loses_nothing(full_store, tmp_path):
    target = tmp_path / "backup.json"
    write_file(target, render(full_store.select(FilterSpec(sort="date")), "json"), force=False)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "papertui-export" and document["version"] == 1
    assert len(document["papers"]) == full_store.paper_count() == 5

    fresh = Store(tmp_path / "fresh.db")
    report = import_json(fresh, target.read_text(encoding="utf-8"))
    assert everything(fresh) == everything(full_store)
    assert report.papers_added == 5
    assert report.describe() == ("restored 2 bookmarks, 2 read marks, 2 notes, 4 tags on "
                                 "5 papers (5 papers added)")
    again = import_json(fresh, target.read_text(encoding="utf-8"))
    assert not again.changed
    assert again.describe() == "nothing to change: the store already matches"
    assert everything(fresh) == everything(full_store)
    fresh.close()


def test_import_restores_state_into_a_store_that_has_the_papers(full_store, tmp_path):
    text = render(full_store.select(FilterSpec()), "json")
    other = make_store(tmp_path / "other.db", sample())
    other.set_bookmarked(["2605.03333"], True)  # made since the backup: the file says nothing
    report = import_json(other, text)
    assert report.papers_added == 1
    states = dict(other.user_states())
    assert states["2605.05242"] == dict(full_store.user_states())["2605.05242"]
    assert states["2605.03333"].tags == ("survey", "to read")
    assert states["2605.03333"].bookmarked is False  # the file's state for it replaces the store's
    other.close()


def test_import_only_adds_papers_and_never_overwrites_fetched_data(full_store, tmp_path):
    text = render(full_store.select(FilterSpec()), "json")
    document = json.loads(text)
    document["papers"][0]["title"] = "An old title from the backup"
    import_json(full_store, json.dumps(document))
    assert full_store.get(document["papers"][0]["id"]).paper.title != "An old title from the backup"


INVALID = {
    "not JSON": ("{not json", "not JSON"),
    "a list": ("[]", "a JSON list"),
    "another format": ('{"format": "zotero", "version": 1, "papers": []}', "not a papertui export"),
    "newer version": ('{"format": "papertui-export", "version": 2, "papers": []}',
                      "newer papertui"),
    "papers not a list": ('{"format": "papertui-export", "version": 1, "papers": {}}',
                          '"papers" must be a list'),
    "absurdly nested": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "a paper not an object": ('{"format": "papertui-export", "version": 1, "papers": [1]}',
                              r"papers\[0\] \(paper #1\) is a number, not an object"),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_files_change_nothing_and_say_why(full_store, name):
    text, reason = INVALID[name]
    before = everything(full_store)
    with pytest.raises(ValueError, match=reason):
        import_json(full_store, text)
    assert everything(full_store) == before


@pytest.mark.parametrize("field, value, reason", [
    ("id", "not-an-id", r'papers\[2\] \(paper #3\): "id" is not an arXiv id'),
    ("upvotes", "12", r'paper #3\) 2605\.\d{5}: "upvotes" must be a whole number'),
    ("upvotes", -1, r'"upvotes" must be a whole number of 0 or more'),
    ("bookmarked", "yes", r'"bookmarked" must be true or false, not text'),
    ("tags", "a, b", r'"tags" must be a list of text'),
    ("authors", [1, 2], r'"authors" must be a list of text'),
    ("day", "May 8", r'"day" is not a date'),
    ("title", None, r'"title" must be text, not null'),
    ("note", {"x": 1}, r'"note" must be text, not an object'),
])
def test_one_bad_paper_rejects_the_whole_file(full_store, tmp_path, field, value, reason):
    document = json.loads(render(full_store.select(FilterSpec(sort="date")), "json"))
    document["papers"][2][field] = value
    fresh = Store(tmp_path / "fresh.db")
    fresh.save_papers([paper("2605.00042", "Already here")])
    fresh.set_bookmarked(["2605.00042"], True)
    before = everything(fresh)
    with pytest.raises(ValueError, match=reason):
        import_json(fresh, json.dumps(document))
    assert everything(fresh) == before
    fresh.close()


def test_duplicate_papers_in_a_file_are_refused(full_store):
    document = json.loads(render(full_store.select(FilterSpec(sort="date")), "json"))
    document["papers"].append(document["papers"][0])
    with pytest.raises(ValueError, match=r"paper #6\): 2605\.05242 appears twice \(also paper #1\)"):
        import_json(full_store, json.dumps(document))


def test_imported_text_and_links_are_cleaned(tmp_path):
    document = {
        "format": "papertui-export", "version": 1, "papers": [{
            "id": "2605.05242v3", "title": "Evil\x1b]8;;https://x\x07 title\u202e",
            "authors": ["A\x1b[31mB"], "github_repo": "javascript:alert(1)",
            "project_page": "https://ok.example/", "thumbnail": "data:image/png;base64,xx",
            "note": "line\x00 one\r\nline two", "tags": ["a,b", "a,b", " ", "x" * 100],
            "bookmarked": True, "hf_url": "https://evil.example/ignored",
        }],
    }
    store = Store(tmp_path / "s.db")
    import_json(store, json.dumps(document))
    item = store.get("2605.05242")
    assert item.paper.title == "Evil title"
    assert item.paper.authors == ("AB",)
    assert item.paper.github_repo == "" and item.paper.thumbnail == ""
    assert item.paper.project_page == "https://ok.example/"
    assert item.state.note == "line one\nline two"
    assert item.state.tags == ("a b", "x" * 64)
    assert item.paper.hf_url == "https://huggingface.co/papers/2605.05242"
    store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    note=st.text(max_size=200),
    tags=st.lists(st.text(max_size=20), max_size=5),
    bookmarked=st.booleans(),
    read=st.booleans(),
)
def test_any_user_state_survives_export_and_import(note, tags, bookmarked, read):
    with tempfile.TemporaryDirectory() as folder:
        source = Store(Path(folder) / "a.db")
        source.save_papers([paper("2605.00001", "T")])
        source.set_note("2605.00001", note)
        source.set_tags("2605.00001", tags)
        source.set_bookmarked(["2605.00001"], bookmarked)
        source.set_read(["2605.00001"], read)
        text = render(source.select(FilterSpec()), "json")
        target = Store(Path(folder) / "b.db")
        import_json(target, text)
        assert everything(target) == everything(source)
        assert not import_json(target, text).changed
        source.close()
        target.close()


# -- files ---------------------------------------------------------------------------------


def test_write_file_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_file(target, "new", force=False)
    assert target.read_text(encoding="utf-8") == "keep me"
    write_file(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary left


def test_write_file_into_a_missing_folder_says_so_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_file(tmp_path / "missing" / "out.md", "x", force=False)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_file(target, "new" * 1000, force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_file_keeps_unicode_and_line_endings(tmp_path):
    target = tmp_path / "out.csv"
    write_file(target, "a,b\r\n🙂,ü\r\n", force=False)
    assert target.read_bytes() == "a,b\r\n🙂,ü\r\n".encode()


@pytest.mark.parametrize("title, expected", [
    ("Beyond Attention: Linear Models", "Beyond-Attention-Linear-Models.md"),
    ("../../etc/passwd", "etc-passwd.md"),
    ("/absolute/path", "absolute-path.md"),
    ("..", "papertui-export.md"),
    ("C:\\Windows\\system32", "C-Windows-system32.md"),
    ("CON", "CON-file.md"),
    ("nul.txt", "nul-file.txt.md"),
    ("Zoë's naïve café 🙂", "Zoe-s-naive-cafe.md"),
    ("a\x00b", "a-b.md"),
    ("", "papertui-export.md"),
    (".hidden", "hidden.md"),
])
def test_safe_filename(title, expected, tmp_path):
    name = safe_filename(title, ".md")
    assert name == expected
    assert resolve_in(tmp_path, name).parent == tmp_path


def test_safe_filename_is_short():
    assert len(safe_filename("word " * 200, "bib")) <= MAX_NAME + 4


@pytest.mark.parametrize("name", [
    "../out.md", "a/../../b.md", "/etc/passwd", "..", ".", "", "a\\b.md", "a\x00.md", "CON",
    "com1.txt", "C:evil.md", "trailing. ",
])
def test_resolve_in_refuses_names_leaving_the_folder(tmp_path, name):
    with pytest.raises(ValueError):
        resolve_in(tmp_path, name)


# --- files: a kill mid-write leaves the old file whole ------------------------------------


_WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from papertui.core.files import write_atomic, write_file

    def stop_mid_write(fd):
        # The new text is written but not yet moved into place: say so, and wait to die.
        print("writing", flush=True)
        time.sleep(60)

    os.fsync = stop_mid_write
    target = Path(sys.argv[2])
    text = "NEW " * 1_000_000
    if sys.argv[1] == "export":
        write_file(target, text, force=True)
    else:
        write_atomic(target, text)
""")


@pytest.mark.parametrize("writer", ["export", "config"])
def test_a_kill_mid_write_leaves_the_old_file_whole(tmp_path, writer):
    target = tmp_path / ("papers.md" if writer == "export" else "config.toml")
    old = "# the user's file\n" + "old line\n" * 1000
    target.write_text(old, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", _WRITER, writer, str(target)],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "writing"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(10)
    assert target.read_text(encoding="utf-8") == old
    # The half-written temporary is hidden beside it, never in the file's place.
    others = [p.name for p in tmp_path.iterdir() if p != target]
    assert all(name.startswith(f".{target.name}.") and name.endswith(".tmp") for name in others)


def test_export_names_cannot_leave_the_chosen_folder(tmp_path):
    # Unit tests cover resolve_in and safe_filename; this is the dialog's default name for
    # a selected paper whose title tries to climb out.
    from papertui.core.export import SUFFIXES
    from papertui.core.files import resolve_in, safe_filename

    for title in ("../../../etc/passwd", "/etc/cron.d/evil", "..\\..\\win.ini", "\x00../x",
                  "[@click=app.quit]x[/]", "~/.bashrc", "CON", "." * 300):
        name = safe_filename(f"{title} 2605.99999", SUFFIXES["md"])
        assert resolve_in(tmp_path, name).parent == tmp_path
        assert re.fullmatch(r"[A-Za-z0-9.-]+\.md", name)
