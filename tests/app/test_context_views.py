"""The paper-context tabs and the full-text reader, driven by the pilot against the real
HTTP test server. 2606.13681's repos and full text are constructed from documented shapes
(see ../shared/samples/hf/SOURCES.md); 2509.24002's discussion and collections are real."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from fakehf import FakeHF, Reply
from helpers import settle
from papertui.core.config import Paths
from papertui.core.context import PaperContext
from papertui.core.context_fetch import fetch_context
from papertui.core.context_store import load_context, reading_position
from papertui.core.repair import open_store
from papertui.core.store import Store
from papertui.screens.reader import ReaderScreen
from papertui.widgets.full_text import FullTextView
from papertui.widgets.paper_context import DiscussionView, PaperContextView, RepoView

FAST = {"backoff_base": 0.01, "backoff_cap": 0.02, "max_retries": 1}
ESC = "\x1b"


class ContextApp(App):
    """A small app holding only the context view, with the safe opener papertui uses."""

    def __init__(self, context: PaperContext | None, paper_id: str) -> None:
        super().__init__()
        self.context, self.paper_id = context, paper_id
        self.opened: list[str] = []
        self.requests: list[str] = []

    def compose(self) -> ComposeResult:
        yield PaperContextView(id="context")

    def on_mount(self) -> None:
        self.query_one(PaperContextView).show(self.paper_id, self.context)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)

    def on_paper_context_view_refresh_requested(self, event) -> None:
        self.requests.append(f"refresh {event.paper_id}")

    def on_paper_context_view_read_requested(self, event) -> None:
        self.requests.append(f"read {event.paper_id}")


async def stored_context(store: Store, server: FakeHF, paper_id: str) -> PaperContext:
    await fetch_context(store, [paper_id], base_url=server.url, client_options=FAST)
    context = load_context(store, paper_id)
    assert context is not None
    return context


def tab_labels(app: App) -> list[str]:
    view = app.query_one(PaperContextView)
    return [str(view.tabs.get_tab(p).label) for p in
            ("discussion", "models", "datasets", "spaces", "collections", "fulltext")]


def shown_repo_ids(view: RepoView) -> list[str]:
    """The repo ids on screen, top to bottom, below the column names."""
    lines = [view.repo_list.render_line(y).text for y in range(view.repo_list.size.height)]
    assert lines[0].split()[:2] == ["Repo", "Task"]
    return [line.split()[0] for line in lines[1:] if line.strip()]


def discussion_text(app: App) -> str:
    return str(app.query_one(DiscussionView).query_one("#discussion-body").render())


# --- the context tabs ----------------------------------------------------------------------


async def test_tabs_show_counts_and_the_real_discussion(hf_server, store, samples_dir) -> None:
    context = await stored_context(store, hf_server, "2509.24002")
    app = ContextApp(context, "2509.24002")
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        assert tab_labels(app) == ["Discussion (2)", "Models (0)", "Datasets (0)", "Spaces (0)",
                                   "Collections (3)", "Full text"]
        text = discussion_text(app)
        assert "Jakumetsu (Zijian Wu)  2025-10-01" in text
        assert "Agents can call tools — but can they actually deliver?" in text
        assert "(comment hidden: Spam)" in text and "This comment has been hidden" not in text
        assert "as of " in str(app.query_one("#context-status").render())
        await pilot.press("greater_than_sign")  # Discussion -> Models
        assert app.query_one(PaperContextView).tabs.active == "models"
        await pilot.press("6")
        assert app.query_one(PaperContextView).tabs.active == "collections"
        await pilot.press("f", "v")
        assert app.requests == ["refresh 2509.24002", "read 2509.24002"]


async def test_models_sorted_by_likes_open_copy_and_reorder(hf_server, store, samples_dir) -> None:
    context = await stored_context(store, hf_server, "2606.13681")
    app = ContextApp(context, "2606.13681")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.query_one(PaperContextView).action_show_tab("models")
        await settle(pilot)
        view = app.query_one("#models-view", RepoView)
        assert app.focused is view.repo_list
        ids = shown_repo_ids(view)
        assert ids == ["Aiden0526/EvoMem-Qwen3-8B", "Aiden0526/EvoMem-Llama-3.1-8B",
                       "someuser/EvoMem-Qwen3-8B-GGUF"]
        assert "$ hf download Aiden0526/EvoMem-Qwen3-8B" in str(
            view.query_one(".repo-hint").render())
        await pilot.press("j", "enter")
        assert app.opened == ["https://huggingface.co/Aiden0526/EvoMem-Llama-3.1-8B"]
        await pilot.press("y")
        assert app.clipboard == "Aiden0526/EvoMem-Llama-3.1-8B"
        await pilot.press("c")
        assert app.clipboard == "hf download Aiden0526/EvoMem-Llama-3.1-8B"
        # A click moves the cursor to its row (line 0 is the column names); a second opens.
        await pilot.click(view.repo_list, offset=(3, 3))
        assert view.repo_list.cursor == 2 and len(app.opened) == 1
        await pilot.click(view.repo_list, offset=(3, 3))
        assert app.opened[1] == "https://huggingface.co/someuser/EvoMem-Qwen3-8B-GGUF"
        await pilot.press("s", "s", "s")  # likes -> downloads -> updated -> name
        names = shown_repo_ids(view)
        assert names == sorted(names, key=str.lower) and view.order == "name"


async def test_collections_open_on_enter(hf_server, store, samples_dir) -> None:
    context = await stored_context(store, hf_server, "2509.24002")
    app = ContextApp(context, "2509.24002")
    async with app.run_test(size=(110, 30)) as pilot:
        app.query_one(PaperContextView).action_show_tab("collections")
        await settle(pilot)
        await pilot.press("down", "enter")
        assert app.opened == [
            "https://huggingface.co/collections/shankars/ai-paper-68a5e980f8bce789562cafa4"]


async def test_nothing_stored_says_so(samples_dir) -> None:
    app = ContextApp(None, "2601.00001")
    async with app.run_test(size=(100, 24)) as pilot:
        app.query_one(PaperContextView).show("2601.00001", None, offline=True)
        await settle(pilot)
        assert "Not cached yet; papertui is offline." in discussion_text(app)
        assert tab_labels(app)[0] == "Discussion"
        assert "offline: not cached yet" in str(app.query_one("#context-status").render())


async def test_hostile_discussion_is_shown_as_text(store) -> None:
    from papertui.core.context import Comment

    hostile = "[bold red]x[/] [@click=app.quit]quit[/] " + ESC + "[2J [a](javascript:alert(1))"
    context = PaperContext("2601.00001", comments=[
        Comment(author="[b]mallory[/b]", text=hostile),
        *[Comment(author=f"user{n}", text="*hi* " * 50) for n in range(1_000)],
    ])
    app = ContextApp(context, "2601.00001")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        text = discussion_text(app)
        assert "[b]mallory[/b]" in text and "[@click=app.quit]quit[/]" in text
        assert ESC not in text and "Only the first 500 comments are shown" in text
        assert app.is_running


# --- the reader on the real app -------------------------------------------------------------


async def test_reader_fetches_then_jumps_finds_and_remembers(
        app_for, paths: Paths, hf_server: FakeHF, samples_dir: Path) -> None:
    app = app_for(paths, offline=False, base_url=hf_server.url, client_options=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ReaderScreen(app.store, "2606.13681", title="EvoArena",
                                     base_url=hf_server.url, client_options=FAST))
        await settle(pilot)
        view = app.screen.query_one(FullTextView)
        assert view.render_line(0).text.startswith("# EvoArena: Tracking Memory Evolution")
        await pilot.press("t")
        toc = app.screen.query_one("#reader-toc")
        titles = [str(toc.get_option_at_index(n).prompt) for n in range(toc.option_count)]
        assert "  3 Results" in titles
        await pilot.press(*["down"] * (titles.index("  3 Results") + 1), "enter")
        shown = [view.render_line(y).text for y in range(view.size.height)]
        # The section is on screen (at the top unless the text ends within a screen).
        assert any(row.startswith("## 3 Results") for row in shown) and view.top_line > 0
        await pilot.press("g", "slash", *"evomem", "enter")  # from the top: the first match
        status = str(app.screen.query_one("#reader-status").render())
        assert "match 1 of " in status
        await pilot.press("escape", "n")
        assert "match 2 of " in str(app.screen.query_one("#reader-status").render())
        line = view.top_line
        await pilot.press("escape")  # back to the list
        await settle(pilot)
        assert not isinstance(app.screen, ReaderScreen)
        assert reading_position(app.store, "2606.13681") == line
        app.push_screen(ReaderScreen(app.store, "2606.13681", base_url=None))
        await settle(pilot)
        assert app.screen.query_one(FullTextView).top_line == line


async def test_reader_without_full_text_offers_the_pdf(
        app_for, paths: Paths, browser: list[str]) -> None:
    app = app_for(paths)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ReaderScreen(app.store, "2601.00001", base_url=None))
        await settle(pilot)
        status = str(app.screen.query_one("#reader-status").render())
        assert "not cached yet" in status and "Press p to open the PDF" in status
        await pilot.press("p")
        await settle(pilot)
        assert browser == ["https://arxiv.org/pdf/2601.00001"]


async def test_reader_links_open_only_through_the_safe_opener(
        app_for, paths: Paths, hf_server: FakeHF, browser: list[str]) -> None:
    hostile = ("# T\n\n[evil](javascript:alert(1)) [file](file:///etc/passwd) "
               f"{ESC}]8;;https://x{ESC}\\osc{ESC}]8;;{ESC}\\ [bold]markup[/bold]\n\n"
               "[good](https://example.org/paper)\n")
    hf_server.add("/papers/2601.00001.md", Reply(200, hostile, content_type="text/markdown"))
    hf_server.add("/api/papers/2601.00001", Reply(200, {"id": "2601.00001", "title": "T"}))
    app = app_for(paths, offline=False, base_url=hf_server.url, client_options=FAST)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ReaderScreen(app.store, "2601.00001", base_url=hf_server.url,
                                     client_options=FAST))
        await settle(pilot)
        view = app.screen.query_one(FullTextView)
        line = view.render_line(2).text
        assert "[bold]markup[/bold]" in line and ESC not in line
        await pilot.press("l", "enter")  # the only link on screen that may be opened
        await settle(pilot)
        assert browser == ["https://example.org/paper"]


async def test_reader_shows_the_first_screen_of_a_megabyte(app_for, paths: Paths) -> None:
    from papertui.core.context import parse_full_text
    from papertui.core.context_store import ContextUpdate, save_context

    body = "\n\n".join(f"## Section {n}\n\n" + "word " * 200 for n in range(1_000))
    assert len(body) > 1_000_000
    store = open_store(paths.data_dir).store
    save_context(store, ContextUpdate("2601.00002", full_text=parse_full_text(body)))
    store.close()
    app = app_for(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ReaderScreen(app.store, "2601.00002"))
        await settle(pilot)
        view = app.screen.query_one(FullTextView)
        assert view.render_line(0).text.startswith("## Section 0")
        assert len(view.headings) == 1_000
        await pilot.press("G")
        assert "(100%)" in str(app.screen.query_one("#reader-status").render())


async def test_context_view_mounts_with_an_overview(store) -> None:
    from textual.widgets import Static

    class Overview(Static, can_focus=True):
        pass

    class WithOverview(App):
        def compose(self) -> ComposeResult:
            yield PaperContextView(Overview("the overview", id="overview-body"))

    app = WithOverview()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(PaperContextView)
        assert view.tabs.active == "overview"
        await pilot.press("greater_than_sign")
        assert view.tabs.active == "discussion"
        await pilot.press("1")
        assert view.tabs.active == "overview"
        assert app.focused is app.query_one("#overview-body")
        view.action_show_tab("models")
        await settle(pilot)
        assert view.tabs.active == "models"
        assert app.focused is app.query_one("#models-view", RepoView).repo_list


def test_reflow_joins_wrapped_paragraphs_and_keeps_blocks() -> None:
    from papertui.widgets.full_text import reflow

    lines = reflow("A wrapped\nparagraph.\n\n- item\n- next\n\n```\ncode\nmore\n```\n$$\nx\n$$\n"
                   "| a |\n| b |\nhard break  \nafter")
    assert lines == ["A wrapped paragraph.", "", "- item", "- next", "", "```", "code", "more",
                     "```", "$$", "x", "$$", "| a |", "| b |", "hard break  ", "after"]


def test_wrap_line_breaks_at_spaces_and_wide_characters() -> None:
    from papertui.widgets.full_text import wrap_line

    text = "one two three four"
    assert [text[s:e] for s, e in wrap_line(text, 9)] == ["one two", "three", "four"]
    assert [e - s for s, e in wrap_line("x" * 25, 10)] == [10, 10, 5]
    wide = "漢字" * 10  # two cells each: 10 characters per 20-cell row
    assert [e - s for s, e in wrap_line(wide, 20)] == [10, 10]


async def test_reader_given_a_web_page_for_markdown_says_so(
        app_for, paths: Paths, hf_server: FakeHF) -> None:
    hf_server.add("/papers/2606.13681.md",
                  Reply(200, "<!DOCTYPE html><html><body>[b]Sign in[/b]</body></html>"))
    app = app_for(paths, offline=False, base_url=hf_server.url, client_options=FAST)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ReaderScreen(app.store, "2606.13681", base_url=hf_server.url,
                                     client_options=FAST))
        await settle(pilot)
        status = str(app.screen.query_one("#reader-status").render())
        assert "sent a web page instead of the paper's Markdown" in status
        assert "Press p to open the PDF" in status
        assert app.screen.query_one(FullTextView).lines == []
