"""What the user does to a paper: open its links, bookmark it, mark it read, annotate it,
copy its link, export. A part of MainScreen (its methods take `self: MainScreenParts`);
the keys for these actions are declared with the screen's other bindings.

The dialogs are imported when first opened: their widgets (TextArea above all) would slow
every start-up for a screen most sessions never open."""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Literal

from textual import work

from papertui.core.models import StoredPaper
from papertui.core.wording import plural
from papertui.screens.parts import MainScreenParts
from papertui.widgets.paper_detail import link_url

# Opening one of these is reading the paper (mark_read_on_open); code and project pages not.
READING_LINKS = ("hf", "arxiv", "pdf")

NO_LINK = {
    "code": "This paper has no code: no GitHub repository is linked.",
    "project": "This paper has no project page.",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A bookmark or read mark the user made, which `u` can take back."""

    what: Literal["bookmarked", "read"]
    paper_ids: tuple[str, ...]
    value: bool

    def describe(self) -> str:
        papers = plural(len(self.paper_ids), "paper")
        if self.what == "bookmarked":
            return f"{'bookmarked' if self.value else 'removed the bookmark of'} {papers}"
        return f"marked {papers} {'read' if self.value else 'unread'}"


class PaperActions:
    """Actions on the paper under the cursor (and `R` on the whole list)."""

    last_mark: Mark | None = None  # what `u` undoes

    def action_open_link(self: MainScreenParts, kind: str) -> None:
        """Open one of the selected paper's links, if it has one."""
        paper = self.require_paper()
        if paper is None:
            return
        url = link_url(paper, kind)
        if not url:
            self.notify(NO_LINK.get(kind, "This paper has no such link."), markup=False,
                        severity="warning")
            return
        self.app.open_url(url)
        if kind in READING_LINKS and self.config.mark_read_on_open and not paper.state.read:
            self.set_read(paper, True)

    def action_toggle_bookmark(self: MainScreenParts) -> None:
        paper = self.require_paper()
        if paper is not None:
            value = not paper.state.bookmarked
            self.store.set_bookmarked([paper.paper.id], value)
            self.last_mark = Mark("bookmarked", (paper.paper.id,), value)
            # The row shows it at once: no toast to cover the list during quick triage.
            self.reload_selected()
            if self.listing.sort == "for-you":
                self.load_keys()  # a bookmark is what for-you learns from most

    def action_toggle_read(self: MainScreenParts) -> None:
        paper = self.require_paper()
        if paper is not None:
            self.set_read(paper, not paper.state.read)

    def set_read(self: MainScreenParts, paper: StoredPaper, value: bool) -> None:
        self.store.set_read([paper.paper.id], value)
        self.last_mark = Mark("read", (paper.paper.id,), value)
        if value:
            # While read papers are hidden, it stays in place until the list changes.
            self.listing = self.listing.read([paper.paper.id])
        self.reload_selected()
        self.show_count()

    def action_toggle_not_interested(self: MainScreenParts) -> None:
        paper = self.require_paper()
        if paper is None:
            return
        value = not paper.state.not_interested
        self.store.set_not_interested([paper.paper.id], value)
        self.reload_selected()
        self.status.set_message("not interested: left out of for you (x takes it back)"
                                if value else "interested again: back in for you")
        if self.listing.sort == "for-you":
            self.load_keys()

    def action_undo(self: MainScreenParts) -> None:
        """Undo the last bookmark or read mark (`R` included)."""
        mark = self.last_mark
        if mark is None:
            self.notify("Nothing to undo.", markup=False)
            return
        self.last_mark = None
        if mark.what == "bookmarked":
            self.store.set_bookmarked(mark.paper_ids, not mark.value)
        else:
            self.store.set_read(mark.paper_ids, not mark.value)
        self.paper_list.forget_all()
        self.reload_selected()
        self.show_count()
        self.status.set_message(f"undone: {mark.describe()}")

    def action_mark_all_read(self: MainScreenParts) -> None:
        keys = self.paper_list.keys
        count = len(keys)
        if not count:
            self.notify("There are no papers in the list.", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.mark_all_read(keys)

        from papertui.screens.dialogs import ConfirmScreen

        self.app.push_screen(ConfirmScreen(f"Mark all {plural(count, 'paper')} in the list read?"),
                             answered)

    @work(thread=True, exclusive=True, group="mark", exit_on_error=False)
    def mark_all_read(self: MainScreenParts, keys: array) -> None:
        ids = self.store.unread_among(self.store.ids_for_keys(keys))
        self.store.set_read(ids, True)
        self.app.call_from_thread(self._all_marked, ids)

    def _all_marked(self: MainScreenParts, ids: list[str]) -> None:
        self.last_mark = Mark("read", tuple(ids), True)
        self.listing = self.listing.read(ids)
        self.paper_list.forget_all()
        self.reload_selected()
        self.show_count()
        self.status.set_message(f"marked {plural(len(ids), 'paper')} read (u undoes it)")

    def action_edit_note(self: MainScreenParts) -> None:
        paper = self.require_paper()
        if paper is None:
            return

        def saved(text: str | None) -> None:
            if text is not None:
                self.store.set_note(paper.paper.id, text)
                self.reload_selected()
                self.status.set_message("note saved" if text.strip() else "note removed")

        from papertui.screens.dialogs import NoteEditor

        self.app.push_screen(NoteEditor(paper.paper.title, paper.state.note), saved)

    def action_edit_tags(self: MainScreenParts) -> None:
        paper = self.require_paper()
        if paper is None:
            return

        def saved(tags: list[str] | None) -> None:
            if tags is not None:
                self.store.set_tags(paper.paper.id, tags)
                self.filters.show_tags(self.store.tags())
                self.reload_selected()
                self.status.set_message("tags saved")

        from papertui.screens.dialogs import TagsEditor

        self.app.push_screen(TagsEditor(paper.paper.title, paper.state.tags, self.store.tags()),
                             saved)

    def action_copy_link(self: MainScreenParts) -> None:
        paper = self.require_paper()
        if paper is not None:
            self.app.copy_to_clipboard(paper.paper.hf_url)
            self.status.set_message(f"copied {paper.paper.hf_url}")

    def action_export(self: MainScreenParts) -> None:
        from papertui.screens.export import ExportScreen

        current = self.paper_list.highlighted

        def done(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)

        self.app.push_screen(
            ExportScreen(store=self.store, visible=self.listing.spec,
                         selected_id=current.paper.id if current else None,
                         config=self.config),
            done)
