"""The full-text reader's keys, declared here apart from the reader: the app reads them
at start for the keymap, help and palette, before any reader (and its parsers) loads."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The reader screen's own keys.
READER_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "Back", id="reader_back", tooltip="Close the reader"),
    Binding("slash", "find", "Find", id="reader_find", tooltip="Find in the text"),
    Binding("n", "next_match", "Next match", id="reader_next_match",
            tooltip="Go to the next match of the search"),
    Binding("N", "previous_match", "Previous match", id="reader_previous_match",
            tooltip="Go to the previous match of the search"),
    Binding("t", "contents", "Contents", id="reader_contents",
            tooltip="Show or hide the table of contents, to jump to a section"),
    Binding("p", "pdf", "PDF", id="reader_pdf", tooltip="Open the paper's PDF"),
]

# The text's keys (FullTextView), which answer while the text has the focus.
FULL_TEXT_BINDINGS: list[BindingType] = [
    Binding("j,down", "scroll_down", "Down", show=False, id="reader_down",
            tooltip="Scroll down a line"),
    Binding("k,up", "scroll_up", "Up", show=False, id="reader_up", tooltip="Scroll up a line"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="reader_page_down",
            tooltip="Scroll down a page"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="reader_page_up",
            tooltip="Scroll up a page"),
    Binding("g,home", "scroll_home", "Top", show=False, id="reader_top",
            tooltip="Go to the beginning"),
    Binding("G,end", "scroll_end", "End", show=False, id="reader_end", tooltip="Go to the end"),
    Binding("l", "next_link", "Next link", id="reader_next_link",
            tooltip="Select the next link on screen"),
    Binding("L", "previous_link", "Previous link", show=False, id="reader_previous_link",
            tooltip="Select the previous link on screen"),
    Binding("enter,o", "open_selected_link", "Open link", id="reader_open_link",
            tooltip="Open the selected link in the browser"),
]
