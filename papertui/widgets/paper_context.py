"""What Hugging Face knows about a paper beyond the list, as tabs: Discussion, Models,
Datasets, Spaces, Collections and Full text (and the screen's Overview first, if given).

`PaperContextView.show(paper_id, context, ...)` fills every tab from a stored
`PaperContext`; the view never fetches or queries: `f` posts `RefreshRequested` and the
full-text tab posts `ReadRequested`, and the screen that owns the view acts on them.
Remote text goes in only as `Content`/`Text` built from plain strings, never as markup;
links open only through `app.open_url`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # the parsers and Markdown load with the first context shown, not at start
    from papertui.core.context import Collection, Comment, PaperContext, RepoKind
from papertui.core.safety import clean_line
from papertui.core.wording import iso_day
from papertui.widgets.repo_list import RepoView

# Comments beyond this many characters of Markdown are shown as written rather than
# rendered: markdown-it needs seconds for some hostile shapes, and a thread is plenty.
RENDER_BUDGET = 200_000
INLINE_RENDER = 20_000  # a discussion this short renders at once: no "Rendering…" frame
SHOWN_COMMENTS = 500
TABS = ("discussion", "models", "datasets", "spaces", "collections", "fulltext")


# --- Discussion -------------------------------------------------------------------------------


def discussion_content(comments: list[Comment]) -> Content:
    """The discussion as text: author, date, "edited", reactions, the rendered Markdown,
    replies indented; a hidden comment shows why it is hidden, never its text."""
    parts: list[Content] = []
    budget = RENDER_BUDGET
    shown = 0

    def add(comment: Comment, depth: int) -> None:
        nonlocal budget, shown
        if shown >= SHOWN_COMMENTS:
            return
        shown += 1
        pad = "    " * depth
        head = [Content.styled(pad + comment.author, "bold")]
        if comment.author_fullname and comment.author_fullname != comment.author:
            head.append(Content.styled(f" ({comment.author_fullname})", "$text-muted"))
        facts = [iso_day(comment.created_at)] + (["edited"] if comment.edited else [])
        head.append(Content.styled("  " + " · ".join(f for f in facts if f), "$text-muted"))
        parts.append(Content.assemble(*head, "\n"))
        if comment.hidden:
            reason = f": {comment.hidden_reason}" if comment.hidden_reason else ""
            parts.append(Content.styled(f"{pad}  (comment hidden{reason})\n", "italic $text-muted"))
        else:
            if budget > 0:
                from papertui.core.markdown_text import markdown_text

                text = markdown_text(comment.text)
                budget -= len(comment.text)
            else:
                text = comment.text
            body = "\n".join(f"{pad}  {line}" if line else "" for line in text.split("\n"))
            parts.append(Content(body + "\n"))
        if comment.reactions:
            reactions = "  ".join(f"{r.emoji} {r.count}" for r in comment.reactions)
            parts.append(Content.styled(f"{pad}  {reactions}\n", "$text-muted"))
        parts.append(Content("\n"))
        for reply in comment.replies:
            add(reply, depth + 1)

    for comment in comments:
        add(comment, 0)
    if shown >= SHOWN_COMMENTS:
        parts.append(Content.styled(
            f"Only the first {SHOWN_COMMENTS} comments are shown; read the rest on Hugging Face.",
            "italic"))
    return Content.assemble(*parts) if parts else Content("No comments yet.")


class DiscussionView(VerticalScroll, can_focus=True):
    """The comments, scrollable; rendered in a thread (Markdown can be slow to render)."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="discussion_down",
                tooltip="Scroll the discussion down"),
        Binding("k", "scroll_up", "Up", show=False, id="discussion_up",
                tooltip="Scroll the discussion up"),
        Binding("space", "page_down", "Page down", show=False, id="discussion_page",
                tooltip="Scroll the discussion a page down"),
    ]
    DEFAULT_CSS = "DiscussionView > Static { width: 1fr; height: auto; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="discussion-body")

    def show(self, comments: list[Comment] | None, message: str = "") -> None:
        body = self.query_one("#discussion-body", Static)
        if comments is None or not comments:
            body.update(Content(message or "No comments yet."))
            return
        if sum(len(comment.text) for comment in comments) <= INLINE_RENDER \
                and len(comments) <= 50:
            self._show_rendered(discussion_content(list(comments)))
            return
        body.update(Content("Rendering the discussion…"))
        self._render_comments(list(comments))

    @work(thread=True, exclusive=True, group="discussion", exit_on_error=False)
    def _render_comments(self, comments: list[Comment]) -> None:
        content = discussion_content(comments)
        self.app.call_from_thread(self._show_rendered, content)

    def _show_rendered(self, content: Content) -> None:
        self.query_one("#discussion-body", Static).update(content)
        self.scroll_home(animate=False)


# --- Collections --------------------------------------------------------------------------------


class CollectionsView(OptionList):
    """The collections that include the paper; Enter opens one on Hugging Face."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="collections_down",
                tooltip="Move to the next collection"),
        Binding("k", "cursor_up", "Up", show=False, id="collections_up",
                tooltip="Move to the previous collection"),
    ]

    def show(self, collections: list[Collection], message: str = "") -> None:
        self.collections = list(collections)
        self.clear_options()
        if not collections:
            self.add_option(Option(Content(message or "No collection includes this paper."),
                                   disabled=True))
            return
        for number, collection in enumerate(collections):
            items = "" if collection.items is None else f"{collection.items:,} items · "
            prompt = Content.assemble(Content.styled(collection.title, "bold"), "\n",
                                      Content.styled(f"{items}{collection.url}", "$text-muted"))
            self.add_option(Option(prompt, id=f"collection-{number}"))

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(getattr(self, "collections", [])):
            self.app.open_url(self.collections[index].url)


class FullTextHint(Static, can_focus=True):
    """The Full text tab: what opens the reader. Focusable, so the tab keys reach the view
    from it."""


# --- the tabs ---------------------------------------------------------------------------------


class PaperContextView(Vertical):
    """The context tabs of one paper. Give it the overview widget to make it the first tab."""

    # Keys that the main screen leaves free ([ ] step days, r marks read); `f` keeps its
    # meaning there (fetch again), for this paper's context.
    BINDINGS = [
        Binding("greater_than_sign", "next_tab", "Next tab", id="context_next_tab",
                tooltip="Show the next tab of the paper"),
        Binding("less_than_sign", "previous_tab", "Previous tab", id="context_previous_tab",
                tooltip="Show the previous tab of the paper"),
        *[Binding(str(number), f"show_tab('{pane}')", label, show=False,
                  id=f"context_tab_{pane}", tooltip=f"Show the {label} tab")
          for number, (pane, label) in enumerate((
              ("overview", "Overview"), ("discussion", "Discussion"), ("models", "Models"),
              ("datasets", "Datasets"), ("spaces", "Spaces"), ("collections", "Collections"),
              ("fulltext", "Full text")), start=1)],
        Binding("f", "refresh", "Fetch again", id="context_refresh",
                tooltip="Fetch this paper's context from Hugging Face again"),
        Binding("v", "read", "Read full text", id="context_read",
                tooltip="Read the paper's full text in the reader"),
    ]
    DEFAULT_CSS = """
    PaperContextView { height: 1fr; }
    PaperContextView > #context-status { height: 1; padding: 0 1; color: $text-muted; }
    PaperContextView TabbedContent { height: 1fr; }
    PaperContextView TabPane { padding: 0; height: 1fr; }
    """

    class RefreshRequested(Message):
        """The user asked to fetch this paper's context again (`f`)."""

        def __init__(self, paper_id: str) -> None:
            super().__init__()
            self.paper_id = paper_id

    class ReadRequested(Message):
        """The user asked for the full-text reader (`v`)."""

        def __init__(self, paper_id: str) -> None:
            super().__init__()
            self.paper_id = paper_id

    def __init__(self, overview: Widget | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.overview = overview
        self.paper_id = ""
        self.context: PaperContext | None = None
        self._stale: set[str] = set()  # tabs not filled from the context shown
        self._missing = ""
        self._built = overview is None  # with an overview, the other tabs come after it
        self._shown = (False, False, "")  # show()'s options, to show again once built
        self._ready = False  # every tab's view mounted, Markdown loaded (after a first context)

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="context-status")
        with TabbedContent(id="context-tabs"):
            if self.overview is not None:
                with TabPane("Overview", id="overview"):
                    yield self.overview
            else:
                yield from self._panes()

    def _panes(self) -> list[TabPane]:
        # Empty: a tab's view is mounted the first time it is shown (`_view`), so a paper
        # opened and read on its overview costs the tab bar only.
        return [TabPane(label, id=pane) for pane, label in (
            ("discussion", "Discussion"), ("models", "Models"), ("datasets", "Datasets"),
            ("spaces", "Spaces"), ("collections", "Collections"), ("fulltext", "Full text"))]

    def _view(self, pane: str) -> Widget | None:
        """The view of one tab, mounted on the first call; None for the overview."""
        if pane not in TABS:
            return None
        tab_pane = self.tabs.get_pane(pane)
        if tab_pane.children:
            return tab_pane.children[0]
        view: Widget
        if pane == "discussion":
            view = DiscussionView(id="discussion-view")
        elif pane == "collections":
            view = CollectionsView(id="collections-view")
        elif pane == "fulltext":
            view = FullTextHint(Content("Press v to read the full text."), id="fulltext-hint")
        else:
            view = RepoView(pane[:-1], id=f"{pane}-view")  # type: ignore[arg-type]
        tab_pane.mount(view)
        return view

    def on_mount(self) -> None:
        if self.overview is not None:
            # Beside the overview, the other tabs are built just after the first paint:
            # their tables would delay the list at start-up for views not yet asked for.
            self.call_after_refresh(self._add_panes)

    async def _add_panes(self) -> None:
        for pane in self._panes():
            await self.tabs.add_pane(pane)
        self._built = True
        if self.paper_id:
            fetching, offline, error = self._shown
            self.show(self.paper_id, self.context, fetching=fetching, offline=offline,
                      error=error)

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#context-tabs", TabbedContent)

    def show(self, paper_id: str, context: PaperContext | None, *, fetching: bool = False,
             offline: bool = False, error: str = "") -> None:
        """Fill every tab from the stored `context` (None: nothing stored yet) and say how
        fresh it is: "as of <date>", fetching, offline, or the last fetch's error."""
        self.paper_id, self.context = paper_id, context
        self._shown = (fetching, offline, error)
        if not self._built:
            return  # shown again once the tabs are built
        self._missing = ("Not cached yet; papertui is offline." if offline else
                         "Fetching from Hugging Face…" if fetching else "Not cached yet.")
        if context is None:
            counts: dict[str, int | None] = dict.fromkeys(
                ("discussion", "models", "datasets", "spaces", "collections"))
        else:
            counts = {"discussion": context.comment_count,
                      "models": context.links.count("model"),
                      "datasets": context.links.count("dataset"),
                      "spaces": context.links.count("space"),
                      "collections": len(context.collections)}
        # Only the tab on screen is filled now; the others when they are shown, so opening
        # a paper costs one tab's widgets, not five.
        self._stale = {"discussion", "models", "datasets", "spaces", "collections"}
        self._fill(self.tabs.active)
        for pane, count in counts.items():
            label = {"discussion": "Discussion", "models": "Models", "datasets": "Datasets",
                     "spaces": "Spaces", "collections": "Collections"}[pane]
            text = label if count is None else f"{label} ({count})"
            tab = self.tabs.get_tab(pane)
            if tab.label_text != text:  # a relabel re-lays out the tab bar
                tab.label = Content(text)
        self.query_one("#context-status", Static).update(Content(self._status(
            context, fetching=fetching, offline=offline, error=error)))
        if context is not None and not self._ready:
            # The first context shown: once it is painted, mount the other tabs' views and
            # load the Markdown renderer in a thread, so switching tabs only fills them.
            self._ready = True
            self.call_after_refresh(self._get_ready)

    def _get_ready(self) -> None:
        for pane in TABS:
            self._view(pane)
        self._load_markdown()

    @work(thread=True, group="markdown", exit_on_error=False)
    def _load_markdown(self) -> None:
        import papertui.core.markdown_text  # noqa: F401 - imported for the discussion tab

    def _fill(self, pane: str, *, focus: bool = False) -> None:
        """Fill one tab from the context shown, if it was not filled since, mounting its
        view first if it was never shown; with `focus`, focus it too."""
        view = self._view(pane)
        if view is None:
            return
        if not view.is_mounted:  # composed on its first frame: fill it then
            self.call_after_refresh(self._fill, pane, focus=focus)
            return
        if focus and self.tabs.active == pane:  # not if another tab was chosen meanwhile
            (view.repo_list if isinstance(view, RepoView) else view).focus()
        if pane not in self._stale:
            return
        self._stale.discard(pane)
        context, missing = self.context, self._missing
        page = "" if context is None or context.has_page else (
            "Hugging Face has no page for this paper.")
        if pane == "discussion":
            self.query_one(DiscussionView).show(
                None if context is None else context.comments, page or missing)
        elif pane == "collections":
            self.query_one(CollectionsView).show(
                [] if context is None else context.collections, page or missing)
        elif pane in ("models", "datasets", "spaces"):
            kind: RepoKind = pane[:-1]  # type: ignore[assignment]
            repos = [] if context is None else context.links.repos[kind]
            self.query_one(f"#{pane}-view", RepoView).show(repos, missing if context is None else "")

    @staticmethod
    def _status(context: PaperContext | None, *, fetching: bool, offline: bool,
                error: str) -> str:
        parts = []
        if context is not None and context.fetched_at:
            parts.append(f"as of {context.fetched_at[:16].replace('T', ' ')} UTC")
        if fetching:
            parts.append("fetching…")
        elif offline and context is None:
            parts.append("offline: not cached yet")
        if error:
            parts.append(clean_line(error)[:200])
        return " · ".join(parts)

    def action_next_tab(self) -> None:
        self._move(+1)

    def action_previous_tab(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        panes = [pane.id for pane in self.tabs.query(TabPane) if pane.id]
        current = self.tabs.active
        index = panes.index(current) if current in panes else 0
        self.tabs.active = panes[(index + step) % len(panes)]

    def action_show_tab(self, pane: str) -> None:
        """Show one tab by its id (overview, discussion, models, ... fulltext)."""
        if pane in TABS or (pane == "overview" and self.overview is not None):
            self.tabs.active = pane

    def action_refresh(self) -> None:
        if self.paper_id:
            self.post_message(self.RefreshRequested(self.paper_id))

    def action_read(self) -> None:
        if self.paper_id:
            self.post_message(self.ReadRequested(self.paper_id))

    def on_descendant_focus(self) -> None:
        self._mark_focus()

    def on_descendant_blur(self) -> None:
        self._mark_focus()

    def _mark_focus(self) -> None:
        """"-focus-within" for CSS, in place of :focus-within, which makes Textual restyle
        every widget of the view at each change of focus inside it. The class lights this
        widget's own edge only, so only this widget is restyled: set_class alone would
        restyle everything inside it too."""
        focused = self.has_focus_within
        if focused != self.has_class("-focus-within"):
            self.set_class(focused, "-focus-within", update=False)
            self.app.stylesheet.update_nodes([self])

    @on(TabbedContent.TabActivated)
    def _activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id or ""
        # The tab shown takes the focus from the one hidden, so the tab keys (< > 1-7 f v)
        # keep working; never from a widget outside the view (the list, at start).
        focus = self.has_focus_within
        if focus and pane == "overview" and self.overview is not None \
                and self.overview.focusable:
            self.overview.focus()
        self._fill(pane, focus=focus)
