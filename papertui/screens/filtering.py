"""What the user does to the listing: search, the filters and the sort, the period and the
day. A part of MainScreen (its methods take `self: MainScreenParts`). The filter pane's
messages are handled by name (`on_filter_pane_…`): Textual finds named handlers on every
class a screen mixes in, but `@on` handlers only on its own."""

from __future__ import annotations

import datetime as dt

from papertui.core.listing import SORT_CHOICES, TOGGLES, Period
from papertui.core.safety import clean_line
from papertui.screens.parts import MainScreenParts
from papertui.widgets.filter_pane import SORT_NAMES, FilterPane


class Filtering:
    """Search, filters, sort, period and day."""

    def on_filter_pane_search_changed(self: MainScreenParts,
                                      event: FilterPane.SearchChanged) -> None:
        if event.text != self.filters.search_text:
            return  # stale: the box has changed since, and that change is (or will be) applied
        if event.submitted:
            self.show_listing(self.listing.ranked(), cursor="top")
        else:
            # Typed or pasted: a pasted escape sequence must not reach the header or status line.
            self.show_listing(self.listing.searched(clean_line(event.text)))

    def on_filter_pane_toggled(self: MainScreenParts, event: FilterPane.Toggled) -> None:
        self.show_listing(self.listing.toggled(event.toggle, event.value))

    def on_filter_pane_minimum_changed(self: MainScreenParts,
                                       event: FilterPane.MinimumChanged) -> None:
        self.show_listing(self.listing.filtered(min_upvotes=event.value))

    def on_filter_pane_tag_chosen(self: MainScreenParts, event: FilterPane.TagChosen) -> None:
        self.show_listing(self.listing.filtered(tag=event.tag))

    def on_filter_pane_sort_changed(self: MainScreenParts, event: FilterPane.SortChanged) -> None:
        self.show_listing(self.listing.filtered(sort=event.sort))

    def on_filter_pane_period_chosen(self: MainScreenParts, event: FilterPane.PeriodChosen) -> None:
        self.choose_period(event.period)

    def on_filter_pane_remote_search(self: MainScreenParts, event: FilterPane.RemoteSearch) -> None:
        if self.offline:
            self.notify("papertui is offline (--offline): only the cache is searched.",
                        markup=False)
            return
        self.filters.set_search_text("")
        self.show_listing(self.listing.searched_remotely(clean_line(event.text)))
        self.refresh_views(True)

    def choose_period(self: MainScreenParts, period: Period) -> None:
        self.show_listing(self.listing.choose(period))
        if not self.offline and self.listing.view is not None:
            self.refresh_views(False)

    def action_step_day(self: MainScreenParts, step: int) -> None:
        """Previous/next day: days with cached papers first, else the calendar day."""
        listing = self.listing
        found = self.store.adjacent_day(listing.day.isoformat(), step)
        stepped = listing.stepped(step, found)
        if stepped is None:
            self.notify("There are no papers after today yet.", markup=False)
            return
        self.show_listing(stepped)
        if not self.offline:
            self.refresh_views(False)

    def action_toggle_hide_read(self: MainScreenParts) -> None:
        unread = not self.listing.unread
        self.show_listing(self.listing.filtered(unread=unread))
        self.status.set_message("hiding read papers" if unread else "showing read papers")

    def action_submit_search(self: MainScreenParts) -> None:
        """Enter in the search box: on to the list at once; the search box submits (and the
        list is ranked by relevance) once it has taken the keys typed before Enter."""
        search = self.filters.search_box
        self.set_focus(self.paper_list)
        search.call_later(search.action_submit)

    def action_leave_search(self: MainScreenParts) -> None:
        """Esc in the search box: on to the list at once; the search is cleared once the
        search box has taken the keys typed before Esc."""
        self.set_focus(self.paper_list)
        self.filters.search_box.call_later(self.clear_search)

    def action_focus_search(self: MainScreenParts) -> None:
        self.remove_class("-hide-filters")
        # set_focus, not widget.focus(), which waits its turn in the message queue while the
        # keys typed after "/" are handed to the old focus. Every focus change on this screen
        # is made at once for the same reason.
        self.set_focus(self.filters.search_box)

    def action_search_everything(self: MainScreenParts) -> None:
        """Widen the search to every cached paper."""
        if self.listing.period == "all":
            self.notify("The search already covers every cached paper.", markup=False)
            return
        self.show_listing(self.listing.choose("all"), cursor="top")

    def action_toggle_filter(self: MainScreenParts, toggle: str) -> None:
        for name in TOGGLES:
            if name == toggle:
                self.show_listing(self.listing.toggled(name, not getattr(self.listing, name)))

    def action_cycle_sort(self: MainScreenParts) -> None:
        sorts = SORT_CHOICES
        current = self.listing.sort
        following = sorts[(sorts.index(current) + 1) % len(sorts)] if current in sorts else sorts[0]
        self.show_listing(self.listing.filtered(sort=following))
        self.status.set_message(f"sorted by {SORT_NAMES.get(following, following)}")

    async def action_minimum_upvotes(self: MainScreenParts) -> None:
        self.remove_class("-hide-filters")
        await self.filters.build_controls()  # keys typed meanwhile wait for this action
        self.set_focus(self.filters.query_one("#min-upvotes"))

    async def action_filter_by_tag(self: MainScreenParts) -> None:
        if not self.store.tags():
            self.notify("No paper has a tag yet: t tags the paper under the cursor.",
                        markup=False)
            return
        self.remove_class("-hide-filters")
        await self.filters.build_controls()
        self.set_focus(self.filters.query_one("#tag"))

    def action_reset_filters(self: MainScreenParts) -> None:
        self.filters.set_search_text("")
        listing = self.listing
        self.show_listing(listing.unfiltered())
        self.status.set_message("filters cleared")

    def action_go_to_date(self: MainScreenParts) -> None:
        from papertui.screens.go_to_date import DateDialog

        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.show_listing(self.listing.on_day(day))
                if not self.offline:
                    self.refresh_views(False)

        self.app.push_screen(DateDialog(self.listing.day, self.listing.today), chosen)

    def clear_search(self: MainScreenParts) -> None:
        if self.filters.search_text or self.listing.query:
            self.filters.set_search_text("")
            self.show_listing(self.listing.searched(""))
