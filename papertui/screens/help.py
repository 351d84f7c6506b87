"""The `?` screen: every key, as the user's keymap has it now."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    """Lists the live keymap: (section, [(keys, description, tooltip), ...]) rows."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help_close",
                tooltip="Close the help screen"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__(classes="dialog-screen")
        self.sections = sections

    def compose(self):
        with Vertical(classes="dialog dialog-help"):
            yield Label(Content.styled("papertui keys", "bold"), classes="dialog-question")
            with VerticalScroll(id="help-keys"):
                yield Static(self.render_keys(), id="help-text")
            yield Label(Content("Remap keys in the config file's [keys] table, e.g. "
                                'toggle_bookmark = "b,ctrl+b".  esc closes.'), classes="hint")

    def render_keys(self) -> Content:
        # Keys, what they do, and the action name to remap them by: narrower on small screens.
        wide = self.app.size.width >= 110
        lines: list[Content] = []
        for section, rows in self.sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(section, "bold $accent"))
            for keys, description, binding_id in rows:
                lines.append(Content.assemble(
                    Content.styled(f"  {keys:<14}", "bold"),
                    Content(f"{description:<52} " if wide else f"{description}  "),
                    Content.styled(binding_id, "$text-muted"),
                ))
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
