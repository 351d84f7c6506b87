"""Discovery and the watch list in the app: related papers in the detail and as a list,
the for-you order with its reasons, not interested; watched papers, the watch dialog, new
papers since the last visit, and the Trends screen."""

from __future__ import annotations

from textual.widgets import Input

from helpers import list_rows, main_screen, selected_id, settle, status_text, watch
from papertui.core.watch import add_watch


def related_text(app) -> str:
    return str(main_screen(app).detail.query_one("#detail-related").render())


async def rest(pilot) -> None:
    await pilot.pause(0.3)  # the cursor rests: related papers are looked for
    await settle(pilot)


async def test_the_detail_shows_related_papers_with_reasons_once_the_cursor_rests(running_app):
    app, pilot = running_app
    await rest(pilot)
    text = related_text(app)
    assert text.startswith("Related papers · L lists them all")
    lines = text.splitlines()[1:]
    assert len(lines) == 5 and all(line.startswith("• ") for line in lines)
    # Every one says why it was found: shared words or authors.
    assert all("shares:" in line or "author" in line for line in lines)
    assert selected_id(app) not in text


async def test_l_lists_related_papers_and_esc_comes_back_where_it_was(running_app):
    app, pilot = running_app
    screen = main_screen(app)
    await pilot.press("j", "j")
    where = selected_id(app)
    await pilot.press("L")
    await settle(pilot)
    assert screen.sub_title.startswith("related to: ")
    assert where not in screen.store.ids_for_keys(screen.paper_list.keys)
    assert screen.paper_list.row_count > 5 and "by likeness" in str(
        screen.status.query_one("#status-count").render())
    await pilot.press("j", "escape")
    await settle(pilot)
    assert screen.sub_title == "latest" and selected_id(app) == where


async def test_for_you_says_when_it_has_nothing_to_learn_and_learns_from_a_bookmark(
        running_app):
    app, pilot = running_app
    screen = main_screen(app)
    screen.show_listing(screen.listing.choose("all").filtered(sort="for-you"))
    await settle(pilot)
    assert "nothing to learn from yet" in status_text(app)
    by_upvotes = list(screen.paper_list.keys)
    # Bookmark a robotics paper low in the list: robotics papers rise at once.
    robotics = [key for key in by_upvotes
                if "Robotics" in screen.store.papers_by_key([key])[key].paper.title]
    screen.paper_list.cursor = by_upvotes.index(robotics[-1])
    await pilot.press("b")
    await settle(pilot)
    ranked = list(screen.paper_list.keys)
    assert ranked != by_upvotes
    top = screen.store.papers_by_key(ranked[:3])
    assert sum("Robotics" in top[key].paper.title for key in ranked[:3]) >= 2
    await pilot.press("g")
    await rest(pilot)
    assert "Why for you" in related_text(app) and "bookmarked" in related_text(app)


async def test_x_takes_a_paper_out_of_for_you_and_x_again_brings_it_back(running_app):
    app, pilot = running_app
    screen = main_screen(app)
    screen.show_listing(screen.listing.filtered(sort="for-you"))
    await settle(pilot)
    first = selected_id(app)
    await pilot.press("x")
    await settle(pilot)
    assert screen.store.get(first).state.not_interested
    assert first not in screen.store.ids_for_keys(screen.paper_list.keys)
    assert "not interested" in status_text(app)
    screen.store.set_not_interested([first], False)
    screen.load_keys()
    await settle(pilot)
    assert first in screen.store.ids_for_keys(screen.paper_list.keys)


async def test_watched_papers_are_a_filter_with_a_key(running_app):
    app, pilot = running_app
    screen = main_screen(app)
    add_watch(screen.store, "keyword", "robotics")
    await pilot.press("exclamation_mark")
    await settle(pilot)
    assert screen.listing.watched and "watched" in screen.sub_title
    titles = [row for row in list_rows(app) if row.strip()]
    assert titles and all("Robotics" in row for row in titles)


async def test_watched_papers_are_marked_in_the_list_and_named_in_the_detail(
        cached_paths, app_for):
    watch(cached_paths, "keyword", "robotics")
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await rest(pilot)
        rows = [row for row in list_rows(app) if row.strip()]
        marked = [row for row in rows if row.startswith("◆")]
        assert marked and all("Robotics" in row for row in marked)
        assert all(row.startswith("◆") for row in rows if "Robotics" in row)
        screen = main_screen(app)
        screen.paper_list.cursor = next(i for i, row in enumerate(rows) if "Robotics" in row)
        await rest(pilot)
        assert "◆ Matches your watch: keyword robotics" in related_text(app)


async def test_w_adds_a_watch_from_the_paper_and_the_list_follows(running_app):
    app, pilot = running_app
    screen = main_screen(app)
    await pilot.press("exclamation_mark")
    await settle(pilot)
    assert screen.paper_list.row_count == 0
    await pilot.press("W")
    await settle(pilot)
    assert app.screen is not screen  # the dialog
    box = app.screen.query_one(Input)
    box.value = "scaling"
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)
    assert app.screen is screen and screen.paper_list.row_count > 0


async def test_a_start_says_how_many_watched_papers_are_new_and_ctrl_n_lists_them(
        cached_paths, app_for):
    from papertui.core.models import Paper, View
    from papertui.core.repair import open_store

    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:  # the first visit
        await settle(pilot)
        add_watch(main_screen(app).store, "keyword", "diffusion")
    store = open_store(cached_paths.data_dir).store
    store.save_papers([Paper(id="2605.20001", title="Diffusion for proteins", day="2026-05-12",
                             abstract="A diffusion model.")], View.day("2026-05-12"))
    store.close()
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert "1 new watched paper since" in status_text(app)
        assert "ctrl+n lists them" in status_text(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.store.ids_for_keys(screen.paper_list.keys) == ["2605.20001"]
        assert screen.sub_title.startswith("new watched papers since")


async def test_t_opens_trends_and_a_keyword_lists_its_papers(running_app):
    from papertui.screens.trends import TrendsScreen

    app, pilot = running_app
    screen = main_screen(app)
    await pilot.press("T")
    await settle(pilot)
    assert isinstance(app.screen, TrendsScreen)
    await pilot.press("l")
    await settle(pilot)
    assert app.screen is screen
    assert screen.listing.query.startswith('"') and screen.paper_list.row_count > 0
    # At 120 columns the filter pane waits for F2 or /; it opens to show what was searched.
    assert not screen.has_class("-hide-filters")
    assert screen.filters.search_text == screen.listing.query
