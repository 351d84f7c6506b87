"""The status line: what the last refresh did, progress while fetching, and the count."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar

from papertui.core.safety import clean_line


class StatusBar(Horizontal):
    """One line under the panes. Messages are plain text on one line, with control
    characters removed (they can quote remote text, or a search the user pasted)."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; }
    StatusBar > #status-message { width: 1fr; padding: 0 1; }
    StatusBar > #status-progress { width: 24; }
    StatusBar > #status-count { width: auto; padding: 0 1; color: $text-muted; }
    """

    def compose(self):
        yield Label(Content(""), id="status-message")
        yield Label(Content(""), id="status-count")

    def set_message(self, text: str) -> None:
        self.query_one("#status-message", Label).update(Content(clean_line(text)))

    def set_count(self, text: str) -> None:
        self.query_one("#status-count", Label).update(Content(clean_line(text)))

    def set_progress(self, done: int | None, total: int | None) -> None:
        """Show fetch progress; `done=None` takes the bar away. It is there only while
        fetching: hidden, its animation would still tick and repaint fifteen times a
        second, for as long as papertui is open."""
        bars = self.query("#status-progress").results(ProgressBar)
        bar = next(bars, None)
        if done is None:
            if bar is not None:
                bar.remove()
            return
        if bar is None:
            bar = ProgressBar(show_eta=False, show_percentage=False, id="status-progress")
            self.mount(bar, before="#status-count")
        bar.update(total=total or None, progress=done)
