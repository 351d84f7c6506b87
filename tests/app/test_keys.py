"""Every default key, driven through the real app as a user would."""

from __future__ import annotations

import sys

import pytest
from textual import events
from textual.widgets import Input

from helpers import (detail_text, list_rows, main_screen, notifications, selected_id, settle,
                     status_count, status_text)
from papertui.core.query import FilterSpec
from papertui.core.store import Store, STORE_FILENAME
from papertui.screens.dialogs import ConfirmScreen, NoteEditor, TagsEditor
from papertui.screens.help import HelpScreen

# The latest batch of the fixture store, by upvotes: paper numbers 11, 5, 10, 4, 9, 3, ...
ORDER = ["2605.10011", "2605.10005", "2605.10010", "2605.10004", "2605.10009",
         "2605.10003", "2605.10008", "2605.10002", "2605.10007", "2605.10001",
         "2605.10012", "2605.10006"]


def second_store(paths) -> Store:
    """The same database file opened again, as the CLI or a crashed app's successor would."""
    return Store(paths.data_dir / STORE_FILENAME)


@pytest.fixture
async def running(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield app, pilot


async def test_moving_the_cursor(running):
    app, pilot = running
    assert selected_id(app) == ORDER[0]
    await pilot.press("j", "j")
    assert selected_id(app) == ORDER[2]
    await pilot.press("k")
    assert selected_id(app) == ORDER[1]
    await pilot.press("down")
    assert selected_id(app) == ORDER[2]
    await pilot.press("up", "up", "up")
    assert selected_id(app) == ORDER[0]
    await pilot.press("G")
    assert selected_id(app) == ORDER[-1]
    await pilot.press("g")
    assert selected_id(app) == ORDER[0]
    await pilot.press("end")
    assert selected_id(app) == ORDER[-1]
    await pilot.press("home")
    assert selected_id(app) == ORDER[0]
    assert "Scaling Agents Tokenizers 11" in detail_text(app)


async def test_page_keys_move_a_screenful(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        await pilot.press("pagedown")
        height = main_screen(app).paper_list.scrollable_content_region.height
        assert selected_id(app) == ORDER[height - 1]
        await pilot.press("pageup")
        assert selected_id(app) == ORDER[0]


async def test_tab_cycles_panes(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(160, 40)) as pilot:  # wide: the filter pane is shown
        await settle(pilot)
        screen = main_screen(app)
        assert screen.current_pane() == "list"
        await pilot.press("tab")
        assert screen.current_pane() == "detail"
        await pilot.press("tab")
        assert screen.current_pane() == "filters"
        await pilot.press("tab")
        assert screen.current_pane() == "list"
        await pilot.press("shift+tab")
        assert screen.current_pane() == "filters"


async def test_below_140_columns_the_filters_wait_and_tab_skips_them(running):
    app, pilot = running
    screen = main_screen(app)
    assert not screen.filters.display
    await pilot.press("tab")
    assert screen.current_pane() == "detail"
    await pilot.press("tab")
    assert screen.current_pane() == "list"


async def test_slash_searches_as_you_type_and_escape_clears(running):
    app, pilot = running
    await pilot.press("slash")
    assert app.focused.id == "search"
    await pilot.press(*"robotics")
    await settle(pilot)
    rows = [row for row in list_rows(app) if row.strip()]
    assert rows and all("Robotics" in row for row in rows)
    assert main_screen(app).filters.search_text == "robotics"
    await pilot.press("escape")
    await settle(pilot)
    assert len([row for row in list_rows(app) if row.strip()]) == 12
    assert app.focused.id == "list"
    assert main_screen(app).filters.search_text == ""


def spy_on_list(monkeypatch, app) -> list[tuple[str, list[int], bool]]:
    """Every list the screen shows: the search text, the keys, and whether it was only the
    first matches."""
    shown: list[tuple[str, list[int], bool]] = []
    screen = main_screen(app)
    original = screen.show_keys

    def show_keys(question, keys, **options):
        if question == screen.listing.question:  # else dropped: the user has typed on since
            shown.append((question[0].query, list(keys), bool(options.get("partial"))))
        return original(question, keys, **options)

    monkeypatch.setattr(screen, "show_keys", show_keys)
    return shown


async def test_a_search_with_many_matches_shows_the_first_then_all_in_one_order(
        cached_paths, app_for, monkeypatch):
    # "Many" is more than RANK_SMALL_MATCHES; the fixture store is small, so lower it.
    monkeypatch.setattr("papertui.screens.main.RANK_SMALL_MATCHES", 3)
    app = app_for(cached_paths, config='start_view = "all"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = spy_on_list(monkeypatch, app)
        status = main_screen(app).status
        counts: list[str] = []
        set_count = status.set_count
        monkeypatch.setattr(status, "set_count",
                            lambda text: counts.append(text) or set_count(text))
        await pilot.press("slash", *"models")
        await settle(pilot)
        store = main_screen(app).store
        expected = list(store.select_keys(FilterSpec(query="models")))
        assert len(expected) > 4
        assert shown[-1] == ("models", expected, False)
        first_pages = [keys for query, keys, partial in shown if partial and query == "models"]
        # The first matches were painted before all were read, and never reordered after.
        assert first_pages == [expected[:4]]
        assert status_count(app) == f"1 of {len(expected):,} papers · by upvotes"
        # The number of first matches read is never shown as the count.
        assert not [text for text in counts if "of 4 papers" in text]


async def test_a_search_with_few_matches_is_ranked_by_relevance_without_reordering(
        cached_paths, app_for, monkeypatch):
    app = app_for(cached_paths, config='start_view = "all"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = spy_on_list(monkeypatch, app)
        await pilot.press("slash", *"robotics")
        await settle(pilot)
        store = main_screen(app).store
        expected = list(store.select_keys(FilterSpec(query="robotics", sort="relevance")))
        assert expected != list(store.select_keys(FilterSpec(query="robotics")))
        assert shown[-1] == ("robotics", expected, False)
        assert not [keys for _, keys, partial in shown if partial]  # nothing to reorder
        assert f"{len(expected):,} papers · by relevance" in status_count(app)


NAMED_KEYS = {"/": "slash", "\r": "enter", "\x1b": "escape"}


def type_at_once(app, text: str) -> None:
    """Hand the app every key of `text` at once, as its driver hands over a fast typist's
    (or a paste's, or a tmux write's) keys: Textual passes each key on to the focused widget
    as it arrives, before the keys already handled have had their effect."""
    for char in text:
        app.post_message(events.Key(NAMED_KEYS.get(char, char), char))


async def test_keys_typed_right_after_slash_land_in_the_search_box(running, browser):
    app, pilot = running
    store = main_screen(app).store
    before = store.user_states()
    type_at_once(app, "/robotics/x")  # "/" must move the focus before "r" is passed on
    await settle(pilot)
    assert main_screen(app).filters.search_text == "robotics/x"  # in the box, "/" is a slash
    assert store.user_states() == before  # no r(ead), b(ookmark), t(ags) reached the list
    assert browser == []  # nor o(pen)
    assert isinstance(app.screen, type(main_screen(app)))  # no dialog opened


async def test_a_search_puts_its_best_match_under_the_cursor_and_esc_keeps_it(running):
    app, pilot = running
    await pilot.press("j", "j", "j")
    before = selected_id(app)
    await pilot.press("slash")
    screen = main_screen(app)
    # Pasted, so the list never empties on the way (one- and two-letter words match whole
    # words): every paper matches, ranked by relevance.
    screen.filters.query_one("#search", Input).value = "scaling"
    await settle(pilot)
    ranked = screen.store.select(screen.listing.spec.with_(sort="relevance"))
    assert before in [paper.paper.id for paper in ranked] and ranked[0].paper.id != before
    assert screen.paper_list.cursor == 0 and selected_id(app) == ranked[0].paper.id
    await pilot.press("enter", "j", "j", "slash", "enter")  # down the matches, then Enter
    await settle(pilot)
    assert screen.paper_list.cursor == 0 and selected_id(app) == ranked[0].paper.id
    await pilot.press("escape")  # back to the whole list, on the paper the search found
    await settle(pilot)
    assert selected_id(app) == ranked[0].paper.id
    assert screen.paper_list.cursor == ORDER.index(ranked[0].paper.id)


async def test_keys_typed_right_after_enter_in_the_search_box_go_to_the_list(running):
    app, pilot = running
    type_at_once(app, "/scaling\rjj")
    await settle(pilot)
    screen = main_screen(app)
    assert screen.filters.search_text == "scaling"  # not "scalingjj"
    assert app.focused is screen.paper_list
    assert status_count(app).endswith("by relevance")  # the Enter still ranked the matches


async def test_keys_typed_right_after_esc_in_the_search_box_move_in_the_list(running):
    app, pilot = running
    type_at_once(app, "/scaling\x1bjj")
    await settle(pilot)
    screen = main_screen(app)
    assert screen.filters.search_text == "" and screen.listing.spec.query == ""
    assert app.focused is screen.paper_list and screen.paper_list.cursor == 2
    assert selected_id(app) == ORDER[2]


async def test_enter_opens_the_detail(running):
    app, pilot = running
    await pilot.press("j", "enter")
    assert app.focused.id == "detail"
    assert "Scaling Speech" in detail_text(app)


async def test_enter_on_a_narrow_terminal_opens_the_detail_full_screen(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = main_screen(app)
        assert screen.reading and not screen.paper_list.display
        assert app.focused is screen.detail
        assert "Quit" in str(screen.query_one("#keys").render())  # the key bar stays
        await pilot.press("escape")
        assert not screen.reading and screen.paper_list.display
        assert app.focused is screen.paper_list  # j works at once


@pytest.mark.parametrize("key, url", [
    ("o", "https://huggingface.co/papers/2605.10011"),
    ("a", "https://arxiv.org/abs/2605.10011"),
    ("p", "https://arxiv.org/pdf/2605.10011"),
    ("c", "https://github.com/example/repo11"),
])
async def test_link_keys_open_the_browser(running, browser, key, url):
    app, pilot = running
    await pilot.press(key)
    await settle(pilot)
    assert browser == [url]


async def test_project_page_and_missing_links_are_explained(running, browser):
    app, pilot = running
    await pilot.press("w")  # paper 11 has no project page
    await pilot.press("j", "j", "j", "w")  # paper 4 has one
    await pilot.press("j", "c")  # paper 9 has no code
    await settle(pilot)
    assert browser == ["https://example.org/p4"]
    assert "This paper has no project page." in notifications(app)
    assert any("no code" in message for message in notifications(app))


async def test_bookmark_and_read_are_written_at_once(running, cached_paths):
    app, pilot = running
    await pilot.press("b", "r")
    other = second_store(cached_paths)
    state = other.get(ORDER[0]).state
    assert state.bookmarked and state.read
    assert "★" in list_rows(app)[0]
    assert "★ bookmarked" in detail_text(app)
    await pilot.press("b", "r")
    state = other.get(ORDER[0]).state
    assert not state.bookmarked and not state.read
    other.close()


async def test_capital_r_marks_every_visible_paper_read_after_a_confirm(running, cached_paths):
    app, pilot = running
    await pilot.press("R")
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("n")
    other = second_store(cached_paths)
    assert not any(other.get(pid).state.read for pid in ORDER)
    await pilot.press("R")
    await pilot.press("y")
    await settle(pilot)
    assert all(other.get(pid).state.read for pid in ORDER)
    assert not other.get("2605.10013").state.read  # another day, not in the list
    assert status_text(app) == "marked 12 papers read (u undoes it)"
    assert not any("●" in row for row in list_rows(app))
    other.close()


async def test_h_hides_every_read_paper_and_keeps_those_read_while_hidden(running):
    app, pilot = running
    await pilot.press("r")  # read before hiding: hidden with the rest
    await pilot.press("h")
    await settle(pilot)
    assert "unread" in main_screen(app).sub_title
    assert len([row for row in list_rows(app) if row.strip()]) == 11
    assert selected_id(app) == ORDER[1]
    # Read while hidden: still listed, so it does not vanish under the cursor...
    await pilot.press("r")
    await settle(pilot)
    assert selected_id(app) == ORDER[1]
    assert len([row for row in list_rows(app) if row.strip()]) == 11
    # ...until the list changes.
    await pilot.press("slash", "x", "escape")
    await settle(pilot)
    assert len([row for row in list_rows(app) if row.strip()]) == 10
    await pilot.press("h")
    await settle(pilot)
    assert "unread" not in main_screen(app).sub_title
    assert len([row for row in list_rows(app) if row.strip()]) == 12


async def test_h_hides_papers_read_before(cached_paths, app_for):
    other = second_store(cached_paths)
    other.set_read([ORDER[0]], True)
    other.close()
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert len([row for row in list_rows(app) if row.strip()]) == 11
        assert selected_id(app) != ORDER[0]


async def test_brackets_step_through_days(running):
    app, pilot = running
    screen = main_screen(app)
    await pilot.press("left_square_bracket")
    await settle(pilot)
    assert screen.sub_title == "Mon 11 May 2026"
    await pilot.press("left_square_bracket")
    await settle(pilot)
    assert screen.sub_title == "Fri 08 May 2026"  # the weekend has no papers: skipped
    await pilot.press("right_square_bracket")
    await settle(pilot)
    assert screen.sub_title == "Mon 11 May 2026"
    listed = screen.store.papers_by_key(screen.paper_list.keys).values()
    assert listed and all(paper.paper.day == "2026-05-11" for paper in listed)
    # One day's papers: the rows do not repeat its date.
    assert not any("11 May" in row for row in list_rows(app))


async def test_f_refresh_when_offline_says_it_cannot(running):
    app, pilot = running
    await pilot.press("f")
    assert any("offline" in message for message in notifications(app))


async def test_n_edits_the_note(running, cached_paths):
    app, pilot = running
    await pilot.press("n")
    assert isinstance(app.screen, NoteEditor)
    await pilot.press(*"read [this] first")
    await pilot.press("ctrl+s")
    await settle(pilot)
    other = second_store(cached_paths)
    assert other.get(ORDER[0]).state.note == "read [this] first"
    other.close()
    assert "read [this] first" in detail_text(app)
    await pilot.press("n", "escape")
    assert not isinstance(app.screen, NoteEditor)


async def test_t_edits_the_tags(running, cached_paths):
    app, pilot = running
    await pilot.press("t")
    assert isinstance(app.screen, TagsEditor)
    await pilot.press(*"moe, [to read]", "enter")
    await settle(pilot)
    other = second_store(cached_paths)
    assert other.get(ORDER[0]).state.tags == ("moe", "[to read]")
    other.close()
    assert "moe, [to read]" in detail_text(app)


async def test_y_copies_the_link(running, monkeypatch):
    app, pilot = running
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    await pilot.press("y")
    assert copied == [f"https://huggingface.co/papers/{ORDER[0]}"]
    assert status_text(app) == f"copied https://huggingface.co/papers/{ORDER[0]}"


async def test_e_opens_the_export_screen_with_the_visible_list(running, monkeypatch):
    from textual.screen import ModalScreen
    import types

    app, pilot = running
    seen = {}

    class FakeExport(ModalScreen):
        def __init__(self, **kwargs):
            super().__init__()
            seen.update(kwargs)

        def on_mount(self):
            self.dismiss("exported 3 bookmarks to /tmp/x.md")

    module = types.ModuleType("papertui.screens.export")
    module.ExportScreen = FakeExport
    monkeypatch.setitem(sys.modules, "papertui.screens.export", module)
    await pilot.press("e")
    await settle(pilot)
    assert seen["selected_id"] == ORDER[0]
    assert seen["visible"] == main_screen(app).listing.spec
    assert seen["config"] is app.config
    assert "exported 3 bookmarks to /tmp/x.md" in notifications(app)


async def test_question_mark_lists_the_live_keymap(cached_paths, app_for):
    app = app_for(cached_paths, config='[keys]\ntoggle_bookmark = "z"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "Bookmark the paper" in text
        line = next(line for line in text.splitlines() if "Bookmark the paper" in line)
        assert line.split()[0] == "z"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keys_are_remappable_from_config(cached_paths, app_for):
    app = app_for(cached_paths, config='[keys]\ntoggle_bookmark = "z"\ncursor_down = "ctrl+o"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        assert selected_id(app) == ORDER[1]
        await pilot.press("z")
        other = second_store(cached_paths)
        assert other.get(ORDER[1]).state.bookmarked
        await pilot.press("b")  # no longer bound
        assert other.get(ORDER[1]).state.bookmarked
        other.close()


async def test_unknown_actions_in_the_keymap_are_named(cached_paths, app_for):
    app = app_for(cached_paths, config='[keys]\nfly_away = "z"\ntoggle_read = "Z"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("fly_away" in message and "toggle_read" not in message
                   for message in notifications(app))


async def test_q_quits(running):
    app, pilot = running
    await pilot.press("q")
    assert app.return_code == 0 or not app.is_running


async def test_function_keys_toggle_panes(running):
    app, pilot = running
    screen = main_screen(app)
    assert not screen.filters.display  # 120 columns: the titles have the room
    await pilot.press("f2")
    assert screen.filters.display
    await pilot.press("f3")
    assert not screen.context.display  # the detail and its context tabs
    await pilot.press("tab")
    assert screen.current_pane() == "filters"
    await pilot.press("f2", "f3")
    assert not screen.filters.display and screen.context.display
    assert screen.current_pane() == "list"


async def test_mark_read_after_a_configured_time(cached_paths, app_for):
    app = app_for(cached_paths, config="mark_read_after_seconds = 0.2\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)
        other = second_store(cached_paths)
        assert other.get(ORDER[0]).state.read
        assert not other.get(ORDER[1]).state.read
        other.close()


async def test_every_action_is_in_the_command_palette(running):
    app, pilot = running
    titles = {command.title for command in app.get_system_commands(app.screen)}
    for expected in ("Bookmark", "Read", "All read", "Hide read", "Refresh", "Export",
                     "Note", "Tags", "Copy link", "Code", "PDF", "arXiv", "HF page",
                     "Project page", "Previous day", "Next day", "Search", "Quit", "Help"):
        assert expected in titles
    command = next(c for c in app.get_system_commands(app.screen) if c.title == "Bookmark")
    await command.callback()
    await settle(pilot)
    assert main_screen(app).selected.state.bookmarked


async def test_mouse_click_selects_a_row(running):
    app, pilot = running
    await pilot.click("#list", offset=(10, 3))
    assert selected_id(app) == ORDER[3]


async def test_keys_typed_faster_than_the_screen_repaints_act_on_the_paper_under_the_cursor(
        running, cached_paths):
    app, pilot = running
    screen = main_screen(app)
    # j, j, b arriving in one burst: the list has moved before the screen hears about it.
    screen.paper_list.action_cursor_down()
    screen.paper_list.action_cursor_down()
    screen.action_toggle_bookmark()
    await settle(pilot)
    other = second_store(cached_paths)
    assert other.get(ORDER[2]).state.bookmarked
    assert not other.get(ORDER[0]).state.bookmarked
    other.close()
    assert "★ bookmarked" in detail_text(app)
