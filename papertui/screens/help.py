"""The `?` screen: every key, as the user's keymap has it now, and what the list's marks mean."""

from __future__ import annotations

import textwrap

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from papertui.widgets.paper_list import LEGEND

KEYS_WIDTH = 14  # the keys column; a longer key list gets a line of its own
WIDE_DESCRIPTION = 52


class HelpScreen(ModalScreen[None]):
    """Lists the live keymap: (section, [(keys, description, tooltip), ...]) rows."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help_close",
                tooltip="Close the help screen"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__(classes="dialog-screen")
        self.sections = sections
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-help"):
            yield Label(Content.styled("papertui keys", "bold"), classes="dialog-question")
            with VerticalScroll(id="help-keys"):
                # Laid out again for its real width once it has one (see on_resize).
                yield Static(self.render_keys(self.app.size.width - 8), id="help-text")
            # A Static, not a Label: it wraps at 80 columns instead of being cut.
            yield Static(Content("Remap keys in the config file's [keys] table, e.g. "
                                 'toggle_bookmark = "b,ctrl+b".  esc closes.'), classes="hint")

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._lay_out)

    def _lay_out(self) -> None:
        text = self.query_one("#help-text", Static)
        width = text.content_region.width
        if width and width != self._laid_out_for:
            self._laid_out_for = width
            text.update(self.render_keys(width))

    def render_keys(self, width: int) -> Content:
        """Three columns - keys, what they do, the action name to remap them by - each
        description wrapped within its own column so it never runs into the action name."""
        names = max((len(name) for _, rows in self.sections for *_, name in rows), default=0)
        room = width - 2 - KEYS_WIDTH - 2 - names
        description_width = max(20, min(WIDE_DESCRIPTION, room))
        lines: list[Content] = []
        for section, rows in self.sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(section, "bold $accent"))
            for keys, description, binding_id in rows:
                lines.extend(self._row(keys, description, binding_id, description_width))
        lines.append(Content(""))
        lines.append(Content.styled("In the list", "bold $accent"))
        for glyph, meaning in LEGEND:
            lines.extend(self._row(glyph, meaning, "", description_width))
        return Content("\n").join(lines)

    @staticmethod
    def _row(keys: str, description: str, name: str, width: int) -> list[Content]:
        indent = " " * (2 + KEYS_WIDTH)
        wrapped = textwrap.wrap(description, width) or [""]
        lines: list[Content] = []
        if len(keys) >= KEYS_WIDTH:
            lines.append(Content.styled(f"  {keys}", "bold"))
            first = Content(indent)
        else:
            first = Content.styled(f"  {keys:<{KEYS_WIDTH}}", "bold")
        lines.append(Content.assemble(first, Content(f"{wrapped[0]:<{width}}  "),
                                      Content.styled(name, "$text-muted")))
        lines.extend(Content(indent + line) for line in wrapped[1:])
        return lines

    def action_close(self) -> None:
        self.dismiss(None)
