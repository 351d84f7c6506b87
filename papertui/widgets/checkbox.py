"""A checkbox whose state shows without colour: `[x]` when ticked, `[ ]` when not.

Textual's Checkbox draws `▐X▌` either way and tells the two apart only by the X's colour,
which a monochrome terminal, a colour-blind reader or a low-contrast theme loses.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A Checkbox (same messages, keys and value) drawn `[x]` or `[ ]`."""

    DEFAULT_CSS = """
    TickBox {
        & > .toggle--button { color: $foreground; background: transparent; }
        &.-on > .toggle--button { color: $text-success; background: transparent; }
        &:ansi > .toggle--button { color: $ansi-foreground; background: ansi_default; }
    }
    """

    TICKED = "[x]"
    UNTICKED = "[ ]"

    @property
    def _button(self) -> Content:
        # Replaces Checkbox's three-part ▐X▌, whose sides only make sense as coloured blocks.
        style = self.get_visual_style("toggle--button")
        return Content.styled(self.TICKED if self.value else self.UNTICKED, style)
