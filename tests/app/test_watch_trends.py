"""The watch dialog and the Trends screen, pushed on the real app over the fixture store
(whose newest papers carry hostile titles, authors and organizations)."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label, OptionList, Sparkline

from helpers import settle, watch
from papertui.core.query import FilterSpec
from papertui.core.watch import add_watch, list_watches
from papertui.screens.trends import KeywordChoice, TrendsScreen
from papertui.screens.watch import WatchDialog, WatchList

HOSTILE_PAPER = "2605.10002"  # "[bold]Not bold[/bold] and [/] stray closers"


def option_texts(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def label_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


async def test_a_watch_added_from_a_paper_keeps_hostile_names_literal(cached_paths, app_for):
    app = app_for(cached_paths)
    results: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        paper = app.store.get(HOSTILE_PAPER)
        app.push_screen(WatchDialog(app.store, paper), results.append)
        await settle(pilot)
        dialog = app.screen
        choices = dialog.query_one("#watch-choices", OptionList)
        assert option_texts(choices)[:3] == [
            "organization: [MoE] Lab", "author: [bold]Eve[/bold]",
            "author: [@click=app.quit]Mallory[/]"]
        assert "keyword: scaling" in option_texts(choices)
        assert option_texts(dialog.query_one("#watch-list", WatchList)) == [
            "(nothing watched yet)"]

        await pilot.press("down", "down", "enter")  # the author Mallory
        await settle(pilot)
        assert [(w.kind, w.term) for w in list_watches(app.store)] == [
            ("author", "[@click=app.quit]Mallory[/]")]
        assert option_texts(dialog.query_one("#watch-list", WatchList)) == [
            "author: [@click=app.quit]Mallory[/]"]
        assert label_text(dialog, "#watch-error") == \
            "watching author [@click=app.quit]Mallory[/]"
        # the fixture's hostile papers all carry that author
        assert app.store.count(FilterSpec(watched=True)) == 4
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and results == [True]


async def test_typed_terms_are_checked_then_edited_and_removed(cached_paths, app_for):
    app = app_for(cached_paths)
    results: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        add_watch(app.store, "org", "Org 3")
        app.push_screen(WatchDialog(app.store), results.append)
        await settle(pilot)
        dialog = app.screen
        assert dialog.focused is dialog.query_one("#watch-term", Input)
        await pilot.press(*"-agents", "enter")
        await settle(pilot)
        assert "Not saved: a keyword watch needs a word to look for" in \
            label_text(dialog, "#watch-error")
        assert [w.term for w in list_watches(app.store)] == ["Org 3"]

        dialog.query_one("#watch-term", Input).value = "diffusion -video"
        await pilot.press("enter")
        await settle(pilot)
        assert [w.term for w in list_watches(app.store)] == ["Org 3", "diffusion -video"]

        watch_list = dialog.query_one("#watch-list", WatchList)
        watch_list.focus()
        watch_list.highlighted = 1
        await pilot.press("e")
        term = dialog.query_one("#watch-term", Input)
        assert dialog.focused is term and term.value == "diffusion -video"
        term.value = "retrieval"
        await pilot.press("enter")
        await settle(pilot)
        assert [(w.kind, w.term) for w in list_watches(app.store)] == [
            ("org", "Org 3"), ("keyword", "retrieval")]

        watch_list.focus()
        watch_list.highlighted = 0
        await pilot.press("d")
        await settle(pilot)
        assert [w.term for w in list_watches(app.store)] == ["retrieval"]
        assert option_texts(watch_list) == ["keyword: retrieval"]
        await pilot.press("escape")
        await settle(pilot)
        assert results == [True]


async def test_closing_without_changes_says_nothing_changed(cached_paths, app_for):
    app = app_for(cached_paths)
    results: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(WatchDialog(app.store), results.append)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert results == [False]


async def test_trends_draws_charts_and_lists_a_keyword(cached_paths, app_for):
    app = app_for(cached_paths)
    results: list[KeywordChoice | None] = []
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        app.push_screen(TrendsScreen(app.store), results.append)
        await settle(pilot)
        screen = app.screen
        assert label_text(screen, "#trends-title") == \
            "Trends 2026-02-18 to 2026-05-12 · 12 weeks · 48 papers on 4 days"
        # The daily figures as sparklines, each captioned with its range and last day.
        papers_per_day = [day.papers for day in screen.trends.days]
        assert sum(papers_per_day) == 48 and len(papers_per_day) == 4
        charts = {name: screen.query_one(f"#chart-{name}", Sparkline)
                  for name in ("papers", "upvotes", "code")}
        assert list(charts["papers"].data) == papers_per_day
        assert len(charts["upvotes"].data) == len(charts["code"].data) == 4
        caption = label_text(screen, "#label-papers")
        assert caption.startswith("papers per day") and f"last day {papers_per_day[-1]}" in caption
        assert label_text(screen, "#label-code").startswith("% with code")
        drawn = charts["papers"].render_line(2).text  # the bottom row of a 3-row sparkline
        assert drawn.strip() and set(drawn.strip()) <= set("▁▂▃▄▅▆▇█")
        # Bars rise from zero: each column's height (in eighths of a cell) is its day's
        # share of the largest, so days alike look alike.
        for name in ("papers", "upvotes", "code"):
            chart = charts[name]
            rows = [chart.render_line(y).text for y in range(chart.size.height)]
            heights = [sum(" ▁▂▃▄▅▆▇█".index(row[x]) for row in rows)
                       for x in range(chart.size.width)]
            values = list(chart.data)
            top, full = max(values), 8 * chart.size.height
            for x, height in enumerate(heights):
                value = values[x * len(values) // chart.size.width]
                assert abs(height - value / top * full) <= 1, (name, values, heights)
        # The chosen keyword's weekly counts: a real chart with its title and axis ticks.
        plot = screen.query_one("#chart-keyword")
        chart_text = plot.render().plain
        assert "papers a week" in chart_text and screen.trends.week_starts[0][5:] in chart_text
        keywords = screen.query_one("#trends-keywords", DataTable)
        first = [str(cell) for cell in keywords.get_row_at(0)]
        assert first[:4] == ["scaling", "48", "0", "+48"]
        organizations = screen.query_one("#trends-organizations", DataTable)
        names = [str(organizations.get_row_at(i)[0]) for i in range(organizations.row_count)]
        assert len(names) == 8 and "[MoE] Lab" in names  # shown literally, not as markup
        assert label_text(screen, "#trends-keyword-title").startswith("scaling · 48 this week, 0 the week before")

        await pilot.press("down")
        await settle(pilot)
        second = str(keywords.get_row_at(1)[0])
        assert label_text(screen, "#trends-keyword-title").startswith(second)
        await pilot.press("l")
        await settle(pilot)
    assert results == [KeywordChoice(second, "2026-02-18", "2026-05-12")]


async def test_trends_on_an_empty_store_says_so(paths, app_for):
    app = app_for(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TrendsScreen(app.store))
        await settle(pilot)
        assert label_text(app.screen, "#trends-status") == \
            "No papers in the store yet: fetch some first."
        await pilot.press("l")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TrendsScreen)


async def test_help_explains_the_watched_mark_the_list_draws(cached_paths, app_for):
    from helpers import list_rows

    watch(cached_paths, "keyword", "robotics")
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any(row.startswith("◆") for row in list_rows(app))  # the list draws it...
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        line = next((line for line in text.splitlines() if "◆" in line), "")
        assert "watch list" in line, text  # ...and `?` says what it means


async def test_trends_shows_hostile_keywords_and_organizations_literally(paths, app_for):
    from papertui.core.models import Paper
    from papertui.core.repair import open_store

    keyword = "[bold]mixture[/bold] [link=https://x.example]experts"
    organization = "[red]Evil[/red] Lab with a long name that is not cut"
    store = open_store(paths.data_dir).store
    store.save_papers([
        Paper(id=f"2605.0000{n}", title=f"Paper {n}", day=f"2026-05-1{n}", upvotes=n,
              ai_keywords=(keyword, "plain"), organization=organization)
        for n in range(1, 4)])
    store.close()
    app = app_for(paths)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        app.push_screen(TrendsScreen(app.store))
        await settle(pilot)
        screen = app.screen
        keywords = screen.query_one("#trends-keywords", DataTable)
        shown = {str(keywords.get_row_at(i)[0]) for i in range(keywords.row_count)}
        assert keyword.lower() in shown
        lines = [strip.text for strip in screen._compositor.render_strips()]
        organizations = screen.query_one("#trends-organizations", DataTable)
        assert str(organizations.get_row_at(0)[0]) == organization
        # drawn as typed, brackets and all (cut only by the column's width)
        assert any(organization[:30] in line for line in lines)
        assert any(keyword.lower()[:22] in line for line in lines)
