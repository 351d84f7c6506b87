"""The filter pane's checkboxes show whether they are ticked in their text, not only in
their colour."""

from __future__ import annotations

from textual.app import App, ComposeResult

from papertui.widgets.checkbox import TickBox


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Unread only", id="off")
        yield TickBox("Has code", value=True, id="on")


def drawn(app: App, box_id: str) -> str:
    box = app.query_one(f"#{box_id}", TickBox)
    return "".join(box.render_line(y).text for y in range(box.size.height))


async def test_ticked_and_unticked_differ_in_text():
    app = Boxes()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        assert "[ ] Unread only" in drawn(app, "off")
        assert "[x] Has code" in drawn(app, "on")
        # Space ticks it and the text says so; Textual's own ▐X▌ is gone.
        app.query_one("#off", TickBox).focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.query_one("#off", TickBox).value is True
        assert "[x] Unread only" in drawn(app, "off")
        assert "X" not in drawn(app, "off")
        await pilot.press("enter")
        await pilot.pause()
        assert "[ ] Unread only" in drawn(app, "off")
