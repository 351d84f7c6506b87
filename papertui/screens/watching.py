"""The watch list on the main screen: the list's watched marks, `W` to watch and edit, the
watched papers new since the last visit (`ctrl+n`), and the Trends screen (`T`). A part of
MainScreen (its methods take `self: MainScreenParts`).

The watch and trends modules load on first use, as the dialogs do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from papertui.screens.parts import MainScreenParts

if TYPE_CHECKING:
    from papertui.core.visit import Visit


class Watching:
    """Watch marks, the watch dialog, new watched papers and Trends."""

    previous_visit: Visit | None = None  # the last start before this one

    @work(thread=True, exclusive=True, group="watched", exit_on_error=False)
    def load_watched(self: MainScreenParts) -> None:
        """Which papers the watch list matches, for the list's ◆ marks."""
        from papertui.core.watch import watched_keys

        keys = watched_keys(self.store)
        self.app.call_from_thread(self.paper_list.set_watched, keys)

    def action_watch(self: MainScreenParts) -> None:
        from papertui.screens.watch import WatchDialog

        def closed(changed: bool | None) -> None:
            if changed:
                self.load_watched()
                self.paper_list.forget_all()
                self.show_paper(self.paper_list.highlighted)
                self.schedule_counts()
                if self.listing.watched or self.listing.period == "new":
                    self.load_keys()

        self.app.push_screen(WatchDialog(self.store, self.paper_list.highlighted), closed)

    def action_trends(self: MainScreenParts) -> None:
        from papertui.screens.trends import KeywordChoice, TrendsScreen

        def closed(choice: KeywordChoice | None) -> None:
            if choice is not None:
                self.filters.set_search_text(choice.spec.query)
                # The search box says what is listed, and may be hidden below 140 columns.
                self.remove_class("-hide-filters")
                listing = self.listing.unfiltered().choose("all").searched(choice.spec.query)
                self.show_listing(listing.filtered(sort="date"), cursor="top")

        self.app.push_screen(TrendsScreen(self.store), closed)

    def action_list_new_watched(self: MainScreenParts) -> None:
        visit = self.previous_visit
        if visit is None:
            self.notify("This is the first visit: nothing is new since the last one.",
                        markup=False)
            return
        self.filters.set_search_text("")
        self.show_listing(self.listing.new_watched(visit.key, visit.label), cursor="top")

    @work(thread=True, exclusive=True, group="visit", exit_on_error=False)
    def begin_visit(self: MainScreenParts) -> None:
        """Note this visit, and say how many watched papers arrived since the last one
        (again once the start-up refresh has landed)."""
        from papertui.core.visit import begin_visit

        previous = begin_visit(self.store)
        self.app.call_from_thread(self.load_watched)
        self.app.call_from_thread(setattr, self, "previous_visit", previous)
        self.app.call_from_thread(self.announce_new_watched)

    def announce_new_watched(self: MainScreenParts) -> None:
        from papertui.core.visit import count_new_watched, describe_new

        visit = self.previous_visit
        if visit is None or self.fetching:
            return
        count = count_new_watched(self.store, visit)
        if count:
            self.status.set_message(f"{describe_new(count, visit)} · ctrl+n lists them")
