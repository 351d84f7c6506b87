"""Small modal dialogs: confirm, edit a note, edit tags."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, TextArea

from papertui.core.safety import clean_line


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes", tooltip="Answer yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no", tooltip="Answer no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self):
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", variant="primary", id="yes")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class NoteEditor(ModalScreen[str | None]):
    """Edit a paper's note; dismisses with the new text, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note_save", tooltip="Save the note"),
        Binding("escape", "cancel", "Cancel", id="note_cancel", tooltip="Close without saving"),
    ]

    def __init__(self, title: str, note: str) -> None:
        super().__init__(classes="dialog-screen")
        self.paper_title = title
        self.note = note

    def compose(self):
        with Vertical(classes="dialog dialog-wide"):
            yield Label(Content("Note on: " + clean_line(self.paper_title)), classes="dialog-question")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label(Content("ctrl+s save · esc cancel"), classes="hint")

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-text", TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagsEditor(ModalScreen[list[str] | None]):
    """Edit a paper's tags as comma-separated text; dismisses with the list, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="tags_cancel", tooltip="Close without saving"),
    ]

    def __init__(self, title: str, tags: tuple[str, ...], known: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.paper_title = title
        self.tags = tags
        self.known = known

    def compose(self):
        with Vertical(classes="dialog dialog-wide"):
            yield Label(Content("Tags on: " + clean_line(self.paper_title)), classes="dialog-question")
            yield Input(", ".join(self.tags), placeholder="tag, another tag", id="tags-text",
                        suggester=_TagSuggester(self.known))
            yield Label(Content("comma-separated · enter save · esc cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#tags-text", Input).focus()

    @on(Input.Submitted, "#tags-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss([tag.strip() for tag in event.value.split(",") if tag.strip()])

    def action_cancel(self) -> None:
        self.dismiss(None)


class _TagSuggester(SuggestFromList):
    """Completes the tag being typed (the text after the last comma) from known tags."""

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        word = last.lstrip()
        if not word:
            return None
        suggestion = await super().get_suggestion(word)
        if suggestion is None:
            return None
        prefix = value[: len(value) - len(word)]
        return prefix + suggestion
