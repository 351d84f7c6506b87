"""A paper's context in the main screen: Enter fetches it (from the real HTTP test server,
which serves the constructed context samples of 2606.13681: shapes from HF-FORMAT.md, not
captured responses) and the tabs beside the overview show it; offline, the store's copy."""

from __future__ import annotations

import json

import pytest
from textual.color import Color

from helpers import list_rows, main_screen, settle
from fakehf import SAMPLES_DIR
from papertui.core.models import View
from papertui.core.parse import parse_items
from papertui.core.repair import open_store
from papertui.screens.reader import ReaderScreen


def store_latest_sample(paths) -> None:
    store = open_store(paths.data_dir).store
    body = (SAMPLES_DIR / "daily_papers_2026-06-12_latest_limit30.raw.json").read_bytes()
    store.save_papers(parse_items(json.loads(body)), View("latest"))
    store.close()


def tab_labels(screen) -> list[str]:
    return [str(tab.label) for tab in screen.context.tabs.query("ContentTab")]


async def open_paper(pilot, screen, paper_id: str, *, settled: bool = True) -> None:
    """Put the cursor on the paper and press Enter (then let the workers finish)."""
    screen.paper_list.cursor = screen.paper_list.keys.index(screen.store.get(paper_id).rowid)
    await pilot.press("enter")
    if settled:
        await settle(pilot)


async def test_enter_fetches_the_context_and_the_tabs_show_it(paths, app_for, hf_server):
    store_latest_sample(paths)
    app = app_for(paths, offline=False, base_url=hf_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await open_paper(pilot, screen, "2606.13681", settled=False)
        for _ in range(100):
            await pilot.pause(0.05)
            if any(label.startswith("Models (") for label in tab_labels(screen)):
                break
        labels = tab_labels(screen)
        assert any(label.startswith("Models (") and label != "Models (0)" for label in labels)
        assert any(label.startswith("Discussion (") for label in labels)
        assert "as of" in str(screen.context.query_one("#context-status").render())
        # Back in the list, the paper's row carries the badge of its linked models at once.
        await pilot.press("escape")
        await settle(pilot)
        assert any("EvoArena" in row and "⬢" in row for row in list_rows(app))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3")  # the Models tab
        await settle(pilot)
        assert screen.context.tabs.active == "models"
        await pilot.press("v")  # the full-text reader
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
    # Offline, the stored context is shown at once.
    app = app_for(paths, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await open_paper(pilot, screen, "2606.13681")
        assert any(label.startswith("Models (") for label in tab_labels(screen))


async def test_the_list_marks_papers_with_linked_repos_once_known(paths, app_for, hf_server):

    await stored_with_context(paths, hf_server)
    store = open_store(paths.data_dir).store
    title = store.get("2606.13681").paper.title
    store.close()
    app = app_for(paths, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = list_rows(app)
        [marked] = [row for row in rows if "⬢" in row]  # 2606.12282 links nothing: no mark
        assert title[:20] in marked and "⬢3 " in marked  # three models
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Linked models on Hugging Face" in " ".join(
            str(widget.render()) for widget in app.screen.query("Static"))


async def stored_with_context(paths, hf_server) -> None:
    """The latest sample stored, with the context of 2606.13681 (three linked models,
    constructed) and 2606.12282 (none) fetched from the test server."""
    from papertui.core.context_fetch import fetch_context

    store_latest_sample(paths)
    store = open_store(paths.data_dir).store
    await fetch_context(store, ["2606.13681", "2606.12282"], base_url=hf_server.url,
                        client_options={"backoff_base": 0.01, "max_retries": 1})
    store.close()


async def test_the_filter_pane_counts_papers_with_models(paths, app_for, hf_server):
    await stored_with_context(paths, hf_server)
    app = app_for(paths, offline=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)  # the counts wait for a quiet moment
        await settle(pilot)
        box = main_screen(app).filters.query_one("#has-models")
        assert str(box.label) == "Has models (1)"
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert "Has models" in commands


async def test_m_and_the_checkbox_list_only_papers_with_models(paths, app_for, hf_server):
    await stored_with_context(paths, hf_server)
    app = app_for(paths, offline=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("M")
        await settle(pilot)
        assert screen.listing.has_models
        assert list(screen.paper_list.keys) == [screen.store.get("2606.13681").rowid]
        assert screen.filters.query_one("#has-models").value
        await pilot.press("M")
        await settle(pilot)
        assert len(screen.paper_list.keys) > 1


async def test_the_tab_keys_go_round_every_tab_and_back(paths, app_for, hf_server):
    # The keys once stopped at Full text: its tab had nothing to take the focus.
    await stored_with_context(paths, hf_server)
    app = app_for(paths, offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await open_paper(pilot, screen, "2606.13681")
        shown = []
        for _ in range(7):
            await pilot.press("greater_than_sign")
            await settle(pilot)
            shown.append(screen.context.tabs.active)
        assert shown == ["discussion", "models", "datasets", "spaces", "collections",
                         "fulltext", "overview"]
        await pilot.press("less_than_sign", "4")
        await settle(pilot)
        assert screen.context.tabs.active == "datasets"
        # The view's edge is lit while the focus is in it, and only then.
        assert screen.context.has_class("-focus-within")
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.paper_list
        assert not screen.context.has_class("-focus-within")


async def test_the_detail_edge_is_lit_while_it_has_the_focus(cached_paths, app_for):
    app = app_for(cached_paths)
    async with app.run_test(size=(160, 40)) as pilot:  # wide: the detail sits beside the list
        await settle(pilot)
        screen = main_screen(app)
        accent = Color.parse(app.current_theme.accent)

        def edge():
            return screen.context.styles.border_left[1]

        dim = edge()
        await pilot.press("tab")  # list -> detail
        await settle(pilot)
        lit = edge()
        assert screen.current_pane() == "detail" and lit != dim
        assert max(abs(a - b) for a, b in zip(lit.rgb, accent.rgb)) <= 2  # the theme's accent
        await pilot.press("tab")  # detail -> filters
        await settle(pilot)
        assert edge() == dim
