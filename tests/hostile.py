"""What the tests throw at papertui: terminal attacks, markup and hostile links, in one
catalogue, so the cleaners, the parser, the panes and the real terminal meet the same ones."""

from __future__ import annotations

import re

# What must never survive cleaning or be drawn: C0 controls but tab/newline (tab becomes a
# space; newline only between the detail's lines), DEL, C1 controls, and the bidi controls
# that reorder what is shown.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

# The terminal attacks, each with the visible text that may survive and the payload that
# must not (the payload is what a terminal would act on).
ESCAPES = {
    "clear screen": ("a\x1b[2Jb", "ab"),
    "CSI with odd parameters": ("a\x1b[31;1;4;7mb", "ab"),
    "window title (BEL)": ("a\x1b]0;PWNED-TITLE\x07b", "ab"),
    "window title (ST)": ("a\x1b]2;PWNED-TITLE\x1b\\b", "ab"),
    "OSC 8 hyperlink": ("a\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
    "OSC 52 clipboard": ("a\x1b]52;c;RVZJTC1DTElQ\x07b", "ab"),
    "DCS string": ("a\x1bP1$qm\x1b\\b", "ab"),
    "8-bit CSI": ("a\x9b2Jb", "ab"),
    "8-bit OSC": ("a\x9d0;PWNED-TITLE\x9cb", "ab"),
    "C1 NEL and friends": ("a\x85\x8d\x90b", "ab"),
    "NUL and DEL": ("a\x00b\x7fc", "abc"),
    "bell and backspace": ("a\x07\x08b", "ab"),
    "right-to-left override": ("abc\u202edcba", "abcdcba"),
    "isolates and marks": ("x\u2066y\u2069\u200ez\u200f\u061c", "xyz"),
    "byte order mark": ("\ufeffab", "ab"),
}
PAYLOADS = ("PWNED-TITLE", "evil.example", "RVZJTC1DTElQ", "\x1b", "\x9b", "\x9d")

# Rich/Textual markup that must stay literal text (parse must not "fix" it either).
MARKUP = ("[/]", "[/bold]", "a[b", "[bold]x", "[@click=app.quit]x[/]", "[@click=app.bookmark]",
          "[@click=screen.toggle_bookmark]b[/]", "[link='file:///etc/passwd']x[/link]",
          "[MoE]", "[CLS]", "[Re]")

# Terminal attacks as they would sit in a store written by something other than papertui's
# own cleaners (an older version, a hand edit, a future importer that forgets).
RAW = ("\x1b[2J\x1b]0;PWNED-TITLE\x07\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"
       "\x1b]52;c;RVZJTC1DTElQ\x07\x9b31m\x00\x7f\u202egnp.exe\nnext line\r\t")

# Every attack in one string, each carrying a payload that is unmistakable in a terminal's
# output if any of it gets out.
CLEAR = "\x1b[2J\x1b[3J\x1b[H"
TITLE = "\x1b]0;PWNED-TITLE\x07\x1b]2;PWNED-TITLE\x1b\\"
LINK = "\x1b]8;;http://evil.example/x\x1b\\click me\x1b]8;;\x1b\\"
CLIPBOARD = "\x1b]52;c;RVZJTC1DTElQQk9BUkQ=\x07"  # base64 of EVIL-CLIPBOARD
C1 = "\x9b2J\x9d0;PWNED-TITLE\x9c\x85"
BYTES = "\x00\x7f\x07\x08"
BIDI = "\u202egnp.exe\u202c"
REPORT = "\x1b[6n\x1b[c"  # would make the terminal type an answer into the app
ATTACK = CLEAR + TITLE + LINK + CLIPBOARD + C1 + BYTES + BIDI + REPORT

# Links that must never be opened nor stored.
HOSTILE_URLS = {
    "javascript": "javascript:alert(1)",
    "file": "file:///etc/passwd",
    "data": "data:text/html,<script>alert(1)</script>",
    "smb": "smb://host/share",
    "leading dash": "-https://example.org",
    "space": "https://example.org/a b",
    "leading space": " https://example.org/",
    "tab": "https://example.org/\tx",
    "newline": "https://example.org/\nx",
    "ESC": "https://example.org/\x1b]0;x\x07",
    "C1": "https://example.org/\x9b2J",
    "NUL": "https://example.org/\x00",
    "DEL": "https://example.org/\x7f",
    "no host": "https:///path",
    "no host at all": "https://",
    "no scheme": "//example.org/x",
    "scheme only": "https:example.org",
    "bad IPv6": "http://[::1/x",
    "10 KB": "https://example.org/" + "a" * 10_000,
    "right-to-left override": "https://github.com/evil/\u202egpj.exe",
    "isolate": "https://example.org/\u2066x\u2069",
    "zero-width space": "https://git\u200bhub.com/x",
    "byte order mark": "\ufeffhttps://example.org/",
    "line separator": "https://example.org/\u2028x",
}


def assert_one_clear_sentence(message: str) -> None:
    """What every fault must come to: one short sentence, no control character, no traceback."""
    assert message and "\n" not in message and not UNSAFE.search(message)
    assert message.endswith(".") and "Traceback" not in message
    assert len(message) < 300
