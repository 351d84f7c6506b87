"""The paper list and the detail pane draw any paper: remote text as typed, never as markup
nor as terminal controls, at any size, and clicking it does nothing but select."""

from __future__ import annotations

import time
from array import array

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.geometry import Region
from textual.widgets import Label

from fixture_store import HOSTILE_TITLES
from helpers import (detail_lines, detail_text, drawn_lines, list_rows, main_screen, save_raw,
                     selected_id, settle)
from hostile import MARKUP, RAW, UNSAFE
from papertui.core.models import Paper, StoredPaper, UserState
from papertui.core.safety import clean_line
from papertui.screens.dialogs import NoteEditor, TagsEditor
from papertui.widgets.paper_detail import LINKS, PaperDetail, render_paper
from papertui.widgets.paper_list import PaperList


# --- remote text is shown as typed --------------------------------------------------------


async def test_hostile_titles_and_authors_are_shown_literally(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(220, 40)) as pilot:
        await settle(pilot)
        rows = "\n".join(list_rows(app))
        for title in HOSTILE_TITLES:
            assert title in rows
        # Walk onto each hostile paper: the detail shows title, authors and org as typed.
        visited = set()
        for _ in range(12):
            title = main_screen(app).selected.paper.title
            if title in HOSTILE_TITLES:
                visited.add(title)
                text = detail_text(app)
                assert title in text
                assert "[bold]Eve[/bold], [@click=app.quit]Mallory[/]" in text
                assert "Organization: [MoE] Lab" in text
                assert "$\\mathcal{O}(n^2)$" in text
                assert "[@click=app.quit]x[/]" in text
            await pilot.press("j")
        assert visited == set(HOSTILE_TITLES)  # every hostile paper's detail was read
        assert app.is_running


def markup_title() -> str:
    return " ".join(MARKUP)


async def test_markup_in_a_title_is_literal_in_the_list_detail_and_dialogs(paths, app_for):
    save_raw(paths, Paper(id="2605.99999", title=markup_title(), day="2026-05-12",
                          authors=MARKUP, abstract=" ".join(MARKUP), ai_keywords=MARKUP))
    app = app_for(paths)
    async with app.run_test(size=(400, 40)) as pilot:
        await settle(pilot)
        assert markup_title() in list_rows(app)[0]
        assert markup_title() in detail_text(app)
        assert ", ".join(MARKUP) in detail_text(app)  # authors and keywords
        # The note and tags dialogs quote the title.
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        label = app.screen.query(Label).first()
        assert str(label.render()) == "Note on: " + markup_title()
        await pilot.click(label, offset=(20, 0))
        await pilot.press("escape")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagsEditor)
        assert str(app.screen.query(Label).first().render()) == "Tags on: " + markup_title()
        await pilot.press("escape")
        await settle(pilot)
        # Clicking all along the title in the list does nothing but select and open it.
        for x in range(8, 160, 30):
            await pilot.click("#list", offset=(x, 0))
        await settle(pilot)
        assert app.is_running
        assert not main_screen(app).store.get("2605.99999").state.bookmarked


# --- text that bypassed the cleaners is still drawn as text -------------------------------


def raw_paper(pid: str = "2605.99999", **fields) -> Paper:
    values = dict(title=f"Raw {RAW} title", abstract=f"Raw {RAW} abstract",
                  authors=(f"Raw {RAW} author",), day="2026-05-12", upvotes=5,
                  organization=f"Org {RAW}", submitter=f"User {RAW}",
                  ai_summary=f"Summary {RAW}", ai_keywords=(f"kw {RAW}",),
                  published_at=f"2026-05-12{RAW}", github_repo=f"https://x.org/{RAW}",
                  project_page=f"javascript:{RAW}")
    return Paper(id=pid, **(values | fields))


async def test_controls_in_the_store_are_never_drawn_by_the_list_or_the_detail(paths, app_for):
    save_raw(paths, raw_paper())
    app = app_for(paths)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert selected_id(app) == "2605.99999"
        paper_list = main_screen(app).paper_list
        rows = drawn_lines(paper_list)
        lines = detail_lines(app)
        for line in rows + lines:
            assert not UNSAFE.search(line), repr(line)
            assert "PWNED" not in line and "RVZJTC1DTElQ" not in line
        assert "Raw link" in rows[0] and "gnp.exe next line" in rows[0]
        # A newline in a title must not break the row: one row, exactly the list's width.
        assert all(len(row) == paper_list.size.width for row in rows)
        text = "\n".join(lines)
        assert "Raw link" in text and "Raw link" in text.split("Abstract", 1)[1]
        assert "Summary link" in text and "kw link" in text and "User link" in text


# --- any text, drawn by the list and the detail -------------------------------------------


class RenderHost(App[None]):
    """The list and the detail over one paper that a test swaps."""

    CSS = "PaperList { height: 3; } PaperDetail { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.papers: dict[int, StoredPaper] = {}

    def compose(self):
        yield PaperList(lambda keys: {k: self.papers[k] for k in keys if k in self.papers})
        yield PaperDetail()


PIECES = ["\x1b", "[", "]", "\x07", "\x9b", "0;", "2J", "\n", "\t", "\u202e", "[MoE]", "[/]",
          "[@click=app.quit]", "👩‍🔬", "e\u0301", "\u05e9\u05dc", "中文", " "]


TEXT = st.one_of(st.text(max_size=60),
                 st.lists(st.sampled_from(PIECES), max_size=20).map("".join))


async def test_any_text_is_drawn_cleanly_by_the_list_and_the_detail() -> None:
    app = RenderHost()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        paper_list = app.query_one(PaperList)
        width = paper_list.scrollable_content_region.width

        @settings(max_examples=100, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(title=TEXT, author=TEXT, abstract=TEXT, note=TEXT, day=TEXT)
        def check(title: str, author: str, abstract: str, note: str, day: str) -> None:
            stored = StoredPaper(Paper(id="2605.00001", title=title, authors=(author,),
                                       abstract=abstract, day=day, github_repo="x"),
                                 UserState(note=note, tags=(note,)), rowid=1)
            app.papers = {1: stored}
            paper_list.set_keys(array("q", [1]))
            row = paper_list.render_line(0)
            assert row.cell_length == width
            assert not UNSAFE.search(row.text)
            shown = clean_line(title)
            if len(shown) < 40 and shown.isprintable():
                assert shown in row.text
            content = render_paper(stored)
            assert not UNSAFE.search(content.plain)
            assert all(line.cell_length <= 80 for line in content.wrap(80))
            assert clean_line(title) in content.plain or not clean_line(title)
            assert clean_line(author) in content.plain
            # Only the link lines click, and only through the screen's checked action.
            for span in content.spans:
                meta = getattr(span.style, "meta", None) or {}
                assert meta.get("@click", "screen.open_link(").startswith("screen.open_link(")

        check()


# --- sizes --------------------------------------------------------------------------------


SIZES = {
    "2605.90001": dict(title="W" * 5000, authors=tuple(f"Author {n}" for n in range(2000))),
    "2605.90002": dict(title="", abstract="word " * 40_000),
    "2605.90003": dict(title="👩‍🔬🧪 Emoji e\u0301\u0301\u0301 n\u0303 " * 40),
    "2605.90004": dict(title="שלום עולם מודל שפה " * 20 + "مرحبا بالعالم " * 20,
                       authors=("אברהם כהן", "محمد علي")),
    "2605.90005": dict(title="中文标题很长" * 200, ai_summary="摘要" * 5000),
}


def layout(app) -> dict:
    screen = main_screen(app)
    return {name: widget.region for name, widget in (
        ("filters", screen.filters), ("list", screen.paper_list), ("detail", screen.detail),
        ("status", screen.status))}


async def test_huge_and_odd_papers_never_break_the_panes(cached_paths, app_for):
    save_raw(cached_paths, *[Paper(id=pid, day="2026-05-12", upvotes=1000 - n, **fields)
                             for n, (pid, fields) in enumerate(SIZES.items())])
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        for size in ((120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.press("G")  # an ordinary paper of the fixture store
            await settle(pilot)
            expected = layout(app)
            paper_list = main_screen(app).paper_list
            await pilot.press("g")
            for n, pid in enumerate(SIZES):
                started = time.monotonic()
                if n:
                    await pilot.press("j")
                await settle(pilot)
                # Only a hang fails this (a 200 KB abstract included); speed is for benchmarks.
                assert time.monotonic() - started < 15.0
                assert selected_id(app) == pid
                assert layout(app) == expected, (size, pid)
                width = paper_list.size.width
                for strip in paper_list.render_lines(Region(0, 0, width, paper_list.size.height)):
                    assert strip.cell_length == width
                assert all(not UNSAFE.search(line) for line in detail_lines(app))
                if pid == "2605.90001":
                    text = detail_text(app)
                    assert "… and 1988 more (2000 authors)" in text and "W" * 5000 in text
                if pid == "2605.90002":  # no title: the id stands in
                    assert detail_text(app).startswith("2605.90002")
                    assert "2605.90002" in list_rows(app)[n]
        assert app.is_running


# --- clicks -------------------------------------------------------------------------------


def click_actions(app, *widgets) -> set[str]:
    """The actions a click anywhere on `widgets` would run: Textual runs the `@click` action
    in the style of the cell under the mouse."""
    actions = set()
    for widget in widgets:
        region = widget.region
        for y in range(region.y, region.bottom):
            for x in range(region.x, region.right):
                action = app.screen.get_style_at(x, y).meta.get("@click")
                if action is not None:
                    actions.add(action)
    return actions


async def test_clicking_hostile_text_does_nothing(cached_paths, app_for, browser):
    app = app_for(cached_paths)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        rows = list_rows(app)
        row = next(i for i, text in enumerate(rows) if "[@click=app.quit]" in text)
        column = rows[row].index("[@click")
        await pilot.click("#list", offset=(column + 2, row))
        await pilot.click("#list", offset=(column + 2, row))  # again: opens the detail
        await settle(pilot)
        assert app.is_running
        # No cell of the list or the detail would run anything on a click but the detail's
        # checked link action.
        screen = main_screen(app)
        actions = click_actions(app, screen.paper_list, screen.detail)
        assert "screen.open_link('hf')" in actions  # the scan does see the detail's links
        assert actions <= {f"screen.open_link({kind!r})" for kind, _ in LINKS}
        # And clicking the hostile text in the detail (title, authors, abstract) does nothing.
        body = main_screen(app).detail.query_one("#detail-body")
        lines = [strip.text for strip in
                 body.render_lines(Region(0, 0, body.size.width, body.size.height))]
        spots = [(line.index("[@click") + 2, y) for y, line in enumerate(lines)
                 if "[@click" in line]
        assert len(spots) >= 2
        for offset in spots:
            await pilot.click("#detail-body", offset=offset)
        await settle(pilot)
        assert app.is_running
        assert not any(url.startswith("file:") for url in browser)
