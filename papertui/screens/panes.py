"""Where the panes go and which has the focus: the layout by terminal width, Tab between
the panes, F2/F3 to show or hide them, and reading a paper full screen. A part of MainScreen
(its methods take `self: MainScreenParts`)."""

from __future__ import annotations

from textual.widget import Widget

from papertui.screens.parts import MainScreenParts

NARROW_WIDTH = 100  # below this many columns the detail goes under the list
COMPACT_WIDTH = 140  # below this many columns the filter pane waits for F2 or /
READING_WIDTH = 140  # below this many columns Enter reads the paper full screen
# The detail's inline rules while reading (start_reading sets them, end_reading clears).
READING_DETAIL_RULES = ("width", "max_width", "border_top", "border_right", "border_bottom",
                        "border_left")


class Panes:
    """Layout, focus and full-screen reading."""

    _layout = ""  # "narrow", "compact" or "wide", as last laid out

    def on_resize(self: MainScreenParts) -> None:
        self.lay_out(self.size.width)

    def lay_out(self: MainScreenParts, width: int) -> None:
        """The layout for `width` columns. The screen calls it as it composes too: a class
        set on the screen later restyles every widget on it, and a filter pane that a first
        layout showed, however briefly, would build its controls."""
        layout = "narrow" if width < NARROW_WIDTH else "compact" if width < COMPACT_WIDTH else "wide"
        if layout != self._layout:
            self._layout = layout
            # Titles need the room more than the filters do; F2 or / brings them back.
            self.update_classes({"-narrow": layout == "narrow", "-compact": layout == "compact",
                                 "-hide-filters": layout != "wide"})

    @property
    def reading(self: MainScreenParts) -> bool:
        """Whether the detail has the whole screen."""
        return self.has_class("-reading")

    def start_reading(self: MainScreenParts) -> None:
        """The detail takes the whole screen, the key bar kept.

        Inline styles on the three panes rather than CSS keyed on a screen class: any class
        set on the screen restyles every widget on it, which was most of the time Enter took
        to paint. The class stays, unstyled, to say the screen is reading."""
        if self.reading:
            return
        self.add_class("-reading", update=False)
        self.filters.display = False
        self.paper_list.display = False
        styles = self.context.styles
        styles.width = "1fr"
        styles.max_width = "100%"
        styles.border = ("none", "black")

    def end_reading(self: MainScreenParts) -> None:
        """The panes as the layout's CSS has them again."""
        if not self.reading:
            return
        self.remove_class("-reading", update=False)
        for pane in (self.filters, self.paper_list):
            pane.styles.clear_rule("display")
            pane.refresh(layout=True)
        for rule in READING_DETAIL_RULES:
            self.context.styles.clear_rule(rule)
        self.context.refresh(layout=True)

    def stop_reading(self: MainScreenParts) -> None:
        self.end_reading()
        self.set_focus(self.paper_list)
        self.call_after_refresh(self.paper_list.scroll_to_cursor)

    def visible_panes(self: MainScreenParts) -> list[str]:
        panes = []
        if not self.has_class("-hide-filters"):
            panes.append("filters")
        panes.append("list")
        if not self.has_class("-hide-detail"):
            panes.append("detail")
        return panes

    def current_pane(self: MainScreenParts) -> str:
        node: Widget | None = self.focused
        while node is not None:
            if node.id in ("filters", "list", "detail"):
                return node.id
            if node.id == "context":
                return "detail"  # the detail is its first tab
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return "list"

    def action_cycle_panes(self: MainScreenParts, step: int = 1) -> None:
        self.end_reading()
        panes = self.visible_panes()
        current = self.current_pane()
        index = panes.index(current) if current in panes else 0
        self.focus_pane(panes[(index + step) % len(panes)])

    def focus_pane(self: MainScreenParts, pane: str) -> None:
        if pane == "filters":
            self.set_focus(self.filters.search_box)
        else:
            self.set_focus(self.query_one(f"#{pane}"))

    def action_toggle_pane(self: MainScreenParts, pane: str) -> None:
        hidden = f"-hide-{pane}"
        self.toggle_class(hidden)
        if self.has_class(hidden) and self.current_pane() == pane:
            self.set_focus(self.paper_list)
        self.call_after_refresh(self.paper_list.scroll_to_cursor)
