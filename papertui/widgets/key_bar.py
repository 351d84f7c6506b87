"""The bottom line: the main keys of whatever has focus.

Textual's Footer builds one widget per key and rebuilds them all whenever focus moves; in a
large store that was the larger part of clearing a search (Esc moves focus from the search
box to the list). This bar is one line of text, redrawn only when it changes.
"""

from __future__ import annotations

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

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        parts: list[Content] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            parts.append(self._key(self.app.get_key_display(binding), binding.description))
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append(self._key("^p", "palette"))
        line = Content("   ").join(parts)
        if line != self._shown:
            self._shown = line
            self.update(line)
