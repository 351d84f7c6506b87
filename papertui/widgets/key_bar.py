"""The bottom line: the main keys of whatever has focus.

Textual's Footer builds one widget per key and rebuilds them all whenever focus moves; in a
large store that was the larger part of clearing a search (Esc moves focus from the search
box to the list). This bar is one line of text, redrawn only when it changes.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Shows each binding marked `show=True` that is active now: key, then what it does."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._shown: Content | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    @staticmethod
    def _key(key: str, description: str) -> Content:
        return Content.styled(key, "bold $footer-key-foreground") + Content(f" {description}")

    def on_resize(self, event: events.Resize) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        # (part, whether it must stay): the app's own keys (quit, help) and the palette are
        # the way to everything else, so they stay and the others give way from the end.
        parts: list[tuple[Content, bool]] = []
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            parts.append((self._key(self.app.get_key_display(binding), binding.description),
                          node is self.app))
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append((self._key("^p", "palette"), True))
        line = self._fit(parts, self.content_region.width)
        if line != self._shown:
            self._shown = line
            self.update(line)

    @staticmethod
    def _fit(parts: list[tuple[Content, bool]], width: int) -> Content:
        """The parts that fit in `width` cells, in order: the ones that must stay, then as
        many of the others as fit, from the front (the later, the less used). Before anything
        is dropped the gaps narrow to two cells."""
        for gap in ("   ", "  "):
            if not width or sum(part.cell_length for part, _ in parts) \
                    + len(gap) * (len(parts) - 1) <= width:
                return Content(gap).join(part for part, _ in parts)
        used = sum(part.cell_length + 2 for part, kept in parts if kept) - 2
        shown = [kept for _, kept in parts]
        for index, (part, kept) in enumerate(parts):
            if kept:
                continue
            if used + 2 + part.cell_length > width:
                break
            shown[index] = True
            used += 2 + part.cell_length
        return Content("  ").join(part for (part, _), show in zip(parts, shown) if show)
