"""The go-to-date dialog: type a date, list its papers."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from papertui.core.models import parse_date


class DateDialog(ModalScreen[dt.date | None]):
    """Asks for a date (YYYY-MM-DD, or MM-DD in the current year); Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, day: dt.date, today: dt.date) -> None:
        super().__init__(classes="dialog-screen")
        self.day = day
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to date", classes="dialog-question")
            yield Input(self.day.isoformat(), placeholder="YYYY-MM-DD", id="date")
            yield Label("Enter lists that day; Esc cancels.", id="date-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    @on(Input.Submitted, "#date")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if len(text) == 5 and text[2] == "-":  # MM-DD: this year
            text = f"{self.today.year}-{text}"
        try:
            day = parse_date(text)
        except ValueError as error:
            self.query_one("#date-hint", Label).update(Content(f"{error}. Esc cancels."))
            return
        if day > self.today:
            self.query_one("#date-hint", Label).update(
                Content(f"{day.isoformat()} is after today: no papers yet. Esc cancels."))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
