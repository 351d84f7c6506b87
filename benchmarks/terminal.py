"""Just enough of a terminal to read Textual's output in a benchmark: a grid of characters
and their colours, fed the bytes the app writes. It follows cursor moves, text, colours,
erasing, and synchronized output (mode 2026), so a reader can tell when a frame is complete.
"""

from __future__ import annotations

import codecs
import re

_TOKEN = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[^\[\]]"  # two-character escapes
    r"|([^\x00-\x1f\x1b]+)"  # text
    r"|[\x00-\x1a\x1c-\x1f]",  # other control characters (a lone ESC waits for more)
    re.DOTALL,
)
STALE = "\0"


class Screen:
    """Just enough of a terminal for Textual's output: a grid of characters and colours."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.text = [[" "] * cols for _ in range(rows)]
        self.style = [[""] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.sgr = ""
        self.syncing = False  # inside a synchronized-output frame
        self.asked_sync = False
        self._pending = ""
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decode(data)
        position = 0
        for match in _TOKEN.finditer(text):
            if match.start() != position:
                break  # an escape sequence split across reads: keep it for the next one
            position = match.end()
            token = match.group(0)
            if match.group(3) is not None:
                self._put(token)
            elif token.startswith("\x1b["):
                self._csi(match.group(1), match.group(2))
            elif token == "\r":
                self.x = 0
            elif token == "\n":
                self.y = min(self.rows - 1, self.y + 1)
        self._pending = text[position:]

    def _put(self, run: str) -> None:
        y, x = self.y, self.x
        if not run.isascii():  # wide characters take two cells, as in a terminal
            import unicodedata

            cells: list[str] = []
            for char in run:
                cells.append(char)
                if unicodedata.east_asian_width(char) in "WF":
                    cells.append("")
            run = cells  # type: ignore[assignment]
        end = min(self.cols, x + len(run))
        self.text[y][x:end] = list(run)[: end - x]
        self.style[y][x:end] = [self.sgr] * (end - x)
        self.x = end

    def _csi(self, params: str, final: str) -> None:
        if final == "H" or final == "f":
            parts = [int(p) if p.isdigit() else 1 for p in params.split(";")] + [1, 1]
            self.y = max(0, min(self.rows - 1, parts[0] - 1))
            self.x = max(0, min(self.cols - 1, parts[1] - 1))
        elif final == "m":
            self.sgr = "" if params in ("", "0") else params
        elif final == "J" and params == "2":
            for y in range(self.rows):
                self.text[y] = [" "] * self.cols
        elif final == "K":
            self.text[self.y][self.x:] = [" "] * (self.cols - self.x)
        elif params == "?2026" and final in "hl":
            self.syncing = final == "h"
        elif params == "?2026$" or (params.startswith("?2026") and final == "p"):
            self.asked_sync = True

    def line(self, y: int, start: int = 0, end: int | None = None) -> str:
        return "".join(self.text[y][start:end])

    def find(self, needle: str) -> list[tuple[int, int]]:
        """Every (row, column) where `needle` starts."""
        found = []
        for y in range(self.rows):
            line = self.line(y)
            x = line.find(needle)
            while x >= 0:
                found.append((y, x))
                x = line.find(needle, x + 1)
        return found

    def blank(self, y: int, start: int = 0, end: int | None = None) -> None:
        """Forget what a row shows, so only a repaint after this moment can satisfy a wait."""
        end = self.cols if end is None else end
        self.text[y][start:end] = [STALE] * (end - start)
