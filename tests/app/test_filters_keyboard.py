"""Every control of the filter pane, set from the keyboard alone: the arrows walk the pane,
Space ticks, Enter chooses, and each filter also has a key and a palette command."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from helpers import list_rows, main_screen, settle
from papertui.core.listing import SORT_CHOICES
from papertui.widgets.filter_pane import PeriodList, PaneSelect


async def test_the_arrows_walk_every_control_and_each_is_set_without_a_mouse(
        cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", *"scaling")
        await settle(pilot)
        assert screen.listing.query == "scaling"
        await pilot.press("down")  # into the periods, on the one listed
        assert isinstance(app.focused, PeriodList) and app.focused.highlighted == 0
        await pilot.press("down", "down", "enter")  # Week
        await settle(pilot)
        assert screen.listing.period == "week"
        await pilot.press("down", "down", "down", "down")  # past "Everything cached": out
        assert isinstance(app.focused, Checkbox) and app.focused.id == "unread"
        await pilot.press("space")  # Unread only
        await pilot.press("down", "down", "space")  # Has code
        await settle(pilot)
        assert screen.listing.unread and screen.listing.has_code
        assert not screen.listing.bookmarked
        await pilot.press("down")
        assert isinstance(app.focused, Checkbox) and app.focused.id == "has-models"
        await pilot.press("down")
        assert isinstance(app.focused, Checkbox) and app.focused.id == "watched"
        await pilot.press("down")
        assert isinstance(app.focused, Input) and app.focused.id == "min-upvotes"
        await pilot.press(*"150")
        await settle(pilot)
        assert screen.listing.min_upvotes == 150
        await pilot.press("down")
        assert isinstance(app.focused, PaneSelect)
        await pilot.press("up")  # Up does not open the menu: it walks back
        assert app.focused.id == "min-upvotes"
        await pilot.press("down", "enter")  # Enter opens the menu
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.listing.sort == "date"
        await pilot.press("down")  # the tag menu, then past the last control, the list
        assert app.focused.id == "tag"
        await pilot.press("down")
        assert app.focused is screen.paper_list
        # What the list shows agrees: every row has code and at least 150 upvotes.
        listed = screen.store.papers_by_key(screen.paper_list.keys).values()
        assert all(p.paper.github_repo and p.paper.upvotes >= 150 for p in listed)


async def test_every_filter_has_a_key(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        all_papers = list(screen.paper_list.keys)
        await pilot.press("C")
        await settle(pilot)
        assert screen.listing.has_code
        assert 0 < len(screen.paper_list.keys) < len(all_papers)
        assert all("</>" in row for row in list_rows(app) if row.strip())
        await pilot.press("B")
        await settle(pilot)
        assert screen.listing.bookmarked
        await pilot.press("s")
        assert screen.listing.sort == "date"
        await pilot.press(*"s" * (len(SORT_CHOICES) - 1))
        assert screen.listing.sort == "upvotes"  # round the orders
        await pilot.press("m")
        assert app.focused is screen.filters.query_one("#min-upvotes")
        await pilot.press(*"100", "escape")
        await settle(pilot)
        assert screen.listing.min_upvotes == 100
        await pilot.press("0")
        await settle(pilot)
        listing = screen.listing
        assert not (listing.has_code or listing.bookmarked or listing.min_upvotes)
        assert list(screen.paper_list.keys) == all_papers


async def test_every_filter_is_in_the_help_and_the_palette(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = {command.title for command in app.get_system_commands(app.screen)}
        helped = {text for _, rows in app.help_sections() for _, text, _ in rows}
        for title, tooltip in [("Sort", "Sort by the next order"),
                               ("Bookmarked only", "List only bookmarked papers"),
                               ("Has code", "List only papers with code"),
                               ("Minimum upvotes", "Set the minimum of upvotes"),
                               ("Hide read", "Hide or show read papers"),
                               ("Reset filters", "Clear every filter")]:
            assert title in commands
            assert any(text.startswith(tooltip) for text in helped), tooltip


async def test_hash_filters_by_one_of_the_users_tags(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("number_sign")
        assert "No paper has a tag yet" in [n.message for n in app._notifications][-1]
        await pilot.press("j", "t", *"to read", "enter")
        await settle(pilot)
        tagged = screen.selected.paper.id
        await pilot.press("number_sign")
        assert app.focused is screen.filters.query_one("#tag")
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert screen.listing.tag == "to read"
        assert screen.store.ids_for_keys(screen.paper_list.keys) == [tagged]
        await pilot.press("0")
        await settle(pilot)
        assert screen.listing.tag == "" and screen.paper_list.row_count == 12


async def test_the_boxes_follow_the_filter_keys(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(160, 40)) as pilot:  # wide: the filter pane is shown
        await settle(pilot)
        filters = main_screen(app).filters
        for key, box in [("C", "has-code"), ("M", "has-models"), ("B", "bookmarked"),
                         ("exclamation_mark", "watched"), ("h", "unread")]:
            await pilot.press(key)
            await settle(pilot)
            assert filters.query_one(f"#{box}", Checkbox).value, box
            await pilot.press(key)
            await settle(pilot)
            assert not filters.query_one(f"#{box}", Checkbox).value, box
