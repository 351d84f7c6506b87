"""Reading: the detail scrolls and pages from the keyboard, the next and previous paper are
one key away from anywhere (full screen included), and marks can be undone."""

from __future__ import annotations

from helpers import detail_text, list_rows, main_screen, selected_id, settle, status_text
from papertui.core.models import StoredPaper, UserState
from papertui.widgets.paper_detail import render_paper

ORDER_TOP = "2605.10011"  # the most upvoted paper of the latest batch (fixture store)


async def test_the_summary_and_abstract_are_on_the_first_screen_at_120x36(
        cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        detail = main_screen(app).detail
        body = detail.query_one("#detail-body")
        shown = [body.render_line(y).text for y in range(detail.size.height)]
        first_screen = "\n".join(shown)
        assert "AI summary" in first_screen and "Abstract" in first_screen
        assert "We study" in first_screen  # the abstract's text itself, not only its heading
        assert detail_text(app).index("Abstract") < detail_text(app).index("Links")


async def test_in_the_detail_j_k_scroll_and_space_pages(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # full screen at 80 columns
        screen = main_screen(app)
        detail = screen.detail
        assert app.focused is detail and detail.max_scroll_y > 0
        await pilot.press("j", "j")
        assert detail.scroll_y == 2
        await pilot.press("k")
        assert detail.scroll_y == 1
        await pilot.press("space")
        assert detail.scroll_y == min(detail.max_scroll_y, 1 + detail.size.height - 1) > 2
        assert selected_id(app) == ORDER_TOP  # scrolling never moves to another paper


async def test_next_and_previous_paper_from_the_full_screen_detail(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("enter")
        first = selected_id(app)
        await pilot.press("J")
        await settle(pilot)
        assert screen.reading and app.focused is screen.detail
        second = selected_id(app)
        assert second != first and second in detail_text(app)
        await pilot.press("K")
        await settle(pilot)
        assert selected_id(app) == first
        await pilot.press("escape")
        assert not screen.reading and app.focused is screen.paper_list
        await pilot.press("j")
        assert selected_id(app) == second  # j works at once, no second Esc


async def test_n_goes_to_the_next_unread_paper(running_app):
    app, pilot = running_app
    screen = main_screen(app)
    keys = list(screen.paper_list.keys)
    ids = [screen.store.papers_by_key([key])[key].paper.id for key in keys]
    screen.store.set_read(ids[1:4], True)
    screen.paper_list.forget_all()
    await pilot.press("N")
    assert screen.paper_list.cursor == 4
    await pilot.press("G", "N")
    assert "No unread paper below this one." in [n.message for n in app._notifications]


async def test_u_undoes_the_last_mark_including_r_for_all(running_app):
    app, pilot = running_app
    screen = main_screen(app)
    store = screen.store
    await pilot.press("b")
    assert store.get(ORDER_TOP).state.bookmarked
    await pilot.press("u")
    assert not store.get(ORDER_TOP).state.bookmarked
    assert "★" not in list_rows(app)[0]
    ids = store.ids_for_keys(screen.paper_list.keys)
    store.set_read([ids[2]], True)  # read before: stays read after the undo
    await pilot.press("R")
    await settle(pilot)
    await pilot.press("y")  # the confirmation
    await settle(pilot)
    assert all(store.get(pid).state.read for pid in ids)
    await pilot.press("u")
    await settle(pilot)
    assert [store.get(pid).state.read for pid in ids] == [pid == ids[2] for pid in ids]
    assert status_text(app).startswith("undone: marked 11 papers read")
    await pilot.press("u")
    assert "Nothing to undo." in [n.message for n in app._notifications]


async def test_d_goes_to_a_typed_date(running_app):
    app, pilot = running_app
    screen = main_screen(app)
    await pilot.press("d")
    await pilot.press(*["backspace"] * 10, *"2026-05-08", "enter")
    await settle(pilot)
    assert screen.sub_title == "Fri 08 May 2026"
    await pilot.press("d", *["backspace"] * 10, *"2027-01-01", "enter")
    await settle(pilot)
    assert "is after today" in str(app.screen.query_one("#date-hint").render())
    await pilot.press("escape")
    assert screen.sub_title == "Fri 08 May 2026"


def test_links_never_break_in_the_middle_of_an_address():
    from papertui.core.models import Paper

    url = "https://github.com/" + "very-long-organisation-name/" * 4 + "repo"
    stored = StoredPaper(Paper(id="2605.00001", title="T", github_repo=url), UserState())
    lines = str(render_paper(stored, width=50)).splitlines()
    github = [line for line in lines if line.lstrip().startswith("GitHub")]
    assert len(github) == 1 and github[0].endswith("…") and len(github[0]) <= 50
