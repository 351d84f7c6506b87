"""The export dialog driven by keys, writing real files from a real store."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import bibtexparser
import pytest
from textual.app import App
from textual.widgets import Input, RadioButton, Static

from papertui.core.config import Config
from papertui.core.models import Paper
from papertui.core.query import FilterSpec
from papertui.core.store import Store
from papertui.screens.export import ExportScreen

HOSTILE = "[bold]../../Evil[/bold] <b>title</b> & more"


class Host(App[None]):
    """Just enough app to show the dialog and keep what it returns."""

    def __init__(self, dialog: ExportScreen) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "papers.db")
    store.save_papers([
        Paper(id="2605.05242", title="Beyond Attention", authors=("Wei Li", "Ana Souza"),
              day="2026-05-08", upvotes=50),
        Paper(id="2605.05001", title=HOSTILE, authors=("Kim Park",), day="2026-05-08",
              upvotes=20),
        Paper(id="2605.01234", title="Robots", authors=("Zoë Ünal",), day="2026-05-04"),
    ])
    store.set_bookmarked(["2605.05242", "2605.05001"], True)
    yield store
    store.close()


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "exports"
    path.mkdir()
    return path


def dialog(store: Store, folder: Path, *, selected: str | None = "2605.05001",
           visible: FilterSpec | None = None) -> ExportScreen:
    return ExportScreen(store=store, visible=visible or FilterSpec(since="2026-05-08"),
                        selected_id=selected, config=Config(export_dir=str(folder)))


async def settle(app: Host, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def path_value(app: Host) -> str:
    return app.screen.query_one("#export-path", Input).value


async def test_bookmarks_as_markdown_by_default_with_the_path_shown_first(store, folder):
    app = Host(dialog(store, folder))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        shown = str(app.screen.query_one("#export-target", Static).render())
        assert path_value(app).startswith(str(folder / "papertui-bookmarks-"))
        assert path_value(app).endswith(".md")
        assert shown == f"Will write {path_value(app)}"
        assert list(folder.iterdir()) == []  # nothing written before the user says so
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    written = list(folder.iterdir())
    assert len(written) == 1
    assert app.results == [f"exported 2 papers to {written[0]}"]
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# papertui export: 2026-05-08\n")
    assert "https://huggingface.co/papers/2605.05001" in text and "2605.01234" not in text


async def test_choosing_bibtex_by_keys_writes_a_bib_file(store, folder):
    app = Host(dialog(store, folder))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("tab")  # to the formats
        await pilot.press("right", "enter")  # BibTeX
        assert path_value(app).endswith(".bib")
        await pilot.press("tab", "enter")  # to the path, and write
        await settle(app, pilot)
    [written] = folder.iterdir()
    assert written.suffix == ".bib"
    library = bibtexparser.parse_string(written.read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert [len(e.fields_dict["author"].value.split(" and ")) for e in library.entries] == [2, 1]
    assert app.results == [f"exported 2 papers to {written}"]


async def test_the_selected_paper_gets_a_safe_name_from_its_title(store, folder):
    app = Host(dialog(store, folder))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        label = app.screen.query_one("#scope-selected", RadioButton).label
        assert label.plain == f"The selected paper: {HOSTILE}"  # shown literally, not as markup
        await pilot.press("down", "down", "enter")  # the selected paper
        assert Path(path_value(app)).parent == folder
        assert Path(path_value(app)).name == "bold-Evil-bold-b-title-b-more-2605.05001.md"
        await pilot.press("tab", "right", "right", "enter")  # JSON
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [written] = folder.iterdir()
    assert written.name == "bold-Evil-bold-b-title-b-more-2605.05001.json"
    assert [p["title"] for p in json.loads(written.read_text(encoding="utf-8"))["papers"]] == [HOSTILE]


async def test_what_is_visible_now_follows_the_screen_filter(store, folder):
    app = Host(dialog(store, folder, visible=FilterSpec(since="2026-05-01", sort="date")))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        label = app.screen.query_one("#scope-visible", RadioButton).label
        assert label.plain == "What is visible now (3)"
        await pilot.press("down", "enter")
        await pilot.press("tab", "right", "right", "right", "enter")  # CSV
        assert Path(path_value(app)).name.startswith("papertui-visible-")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [written] = folder.iterdir()
    assert written.suffix == ".csv"
    assert len(written.read_text(encoding="utf-8").splitlines()) == 1 + 3


async def test_an_existing_file_is_overwritten_only_when_confirmed(store, folder):
    app = Host(dialog(store, folder))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        target = Path(path_value(app))
        target.write_text("mine", encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        confirm = app.screen.query_one("#export-confirm")
        assert confirm.has_class("-visible") and app.results == []
        text = str(app.screen.query_one("#export-confirm-text", Static).render())
        assert text == f"{target} already exists. Overwrite it?"
        assert target.read_text(encoding="utf-8") == "mine"

        await pilot.press("escape")  # keep it: the dialog stays, the file too
        await settle(app, pilot)
        assert not confirm.has_class("-visible") and app.results == []
        assert target.read_text(encoding="utf-8") == "mine"

        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert confirm.has_class("-visible")
        await pilot.press("enter")  # Overwrite has the focus
        await settle(app, pilot)
    assert app.results == [f"exported 2 papers to {target}"]
    assert target.read_text(encoding="utf-8").startswith("# papertui export")
    assert [p.name for p in folder.iterdir()] == [target.name]


async def test_escape_cancels_and_writes_nothing(store, folder):
    app = Host(dialog(store, folder))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
    assert app.results == [None]
    assert list(folder.iterdir()) == []


async def test_escape_while_a_large_export_renders_writes_nothing(store, folder, monkeypatch):
    rendering, release = threading.Event(), threading.Event()

    def slow_render(*args, **kwargs):
        rendering.set()
        release.wait(10)
        return "late"

    monkeypatch.setattr("papertui.screens.export.render", slow_render)
    app = Host(dialog(store, folder))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        assert await asyncio.to_thread(rendering.wait, 10)
        await pilot.press("escape")
        await pilot.pause()
        release.set()
        await settle(app, pilot)
    assert app.results == [None]
    assert list(folder.iterdir()) == []


async def test_a_typed_name_goes_in_the_export_folder_and_errors_keep_the_dialog_open(
        store, folder):
    app = Host(dialog(store, folder))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        path_input = app.screen.query_one("#export-path", Input)
        path_input.focus()
        path_input.value = ""
        await pilot.press(*"missing/x.md", "enter")
        await settle(app, pilot)
        status = str(app.screen.query_one("#export-status", Static).render())
        assert status == (f"Cannot write {folder / 'missing'}: the folder "
                          f"{folder / 'missing'} does not exist")
        assert app.results == []

        path_input.value = ""
        await pilot.press(*"mine.md", "enter")
        await settle(app, pilot)
    assert app.results == [f"exported 2 papers to {folder / 'mine.md'}"]
    assert (folder / "mine.md").is_file()


async def test_nothing_to_export_is_said_in_the_dialog(tmp_path, folder):
    empty = Store(tmp_path / "empty.db")
    app = Host(dialog(empty, folder, selected=None))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.screen.query_one("#scope-selected", RadioButton).disabled
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        status = str(app.screen.query_one("#export-status", Static).render())
        assert status == "There are no bookmarked papers to export."
        assert app.results == []
    assert list(folder.iterdir()) == []
    empty.close()


async def test_a_failed_count_is_said_in_a_sentence_not_dropped(store, folder, monkeypatch):
    from papertui.core.store import StoreError

    def busy(spec):
        raise StoreError("The store [bold]papers.db[/bold] is busy: another papertui is "
                         "writing to it; try again in a moment.")

    monkeypatch.setattr(store, "count", busy)
    app = Host(dialog(store, folder))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        status = str(app.screen.query_one("#export-status", Static).render())
        assert status.startswith("Could not count the papers to export: The store")
        assert "[bold]papers.db[/bold]" in status  # shown as written, never as markup


async def test_a_path_with_brackets_is_shown_as_typed(store, folder):
    app = Host(dialog(store, folder))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#export-path", Input).value = "[red]notes[/red].md"
        await settle(app, pilot)
        shown = str(app.screen.query_one("#export-target", Static).render())
        assert shown == f"Will write {folder / '[red]notes[/red].md'}"
