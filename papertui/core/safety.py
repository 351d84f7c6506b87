"""Cleaning of untrusted remote text and URLs.

Everything papertui shows comes from strangers. Text is cleaned once, on the way into the
store, so no later layer has to remember to; URLs are checked again right before they are
opened, because the store can also be filled by an import file.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Terminal escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# strings (ESC P/X/^/_ ... ST) and two-byte escapes. Removed whole, so no payload leaks out
# as visible text once the ESC itself is gone.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?          # CSI
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)? # OSC, ended by BEL or ST (or cut off)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?      # DCS, SOS, PM, APC
  | \x9b[0-?]*[ -/]*[@-~]?            # 8-bit CSI
  | \x9d[^\x07\x9c]*[\x07\x9c]?       # 8-bit OSC
  | \x1b[@-Z\\-_]?                    # any other escape
    """,
    re.VERBOSE,
)

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi controls
# (embeddings, overrides, isolates, marks) that can make text display in a different order
# from the one stored. Zero-width joiners stay: emoji sequences need them.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n")

# arXiv identifiers: new style 2606.12282 (4 or 5 digits after the dot, optional version)
# and old style cs/0112017 or math.GT/0309136.
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")

MAX_URL_LENGTH = 2048
# What str.isspace() calls space (re's \s is the same test), C0 controls, DEL and C1.
_URL_BLANK_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def clean_text(value: object) -> str:
    """Return `value` as a string with escape sequences and control characters removed.

    Tabs become spaces; newlines are kept. Non-strings become "".
    """
    if not isinstance(value, str):
        return ""
    text = _ESCAPE_SEQUENCE.sub("", value)
    text = _CONTROL.sub("", text)
    return text.replace("\t", " ").replace("\r", "")


def clean_line(value: object) -> str:
    """Clean `value` and collapse all whitespace (newlines included) to single spaces."""
    return _SPACES.sub(" ", clean_text(value)).strip()


def clean_paragraphs(value: object) -> str:
    """Clean `value` keeping paragraph breaks: hard-wrapped lines are joined, and blank
    lines between paragraphs become one blank line."""
    text = clean_text(value).strip()
    paragraphs = (_SPACES.sub(" ", part).strip() for part in _BLANK_LINES.split(text))
    return "\n\n".join(part for part in paragraphs if part)


def normalise_arxiv_id(value: object) -> str | None:
    """Return the arXiv id without its version suffix, or None when it is not an arXiv id."""
    text = clean_line(value)
    if not _ARXIV_ID.match(text):
        return None
    return re.sub(r"v\d+$", "", text)


def safe_url(value: object) -> str | None:
    """Return `value` if it is an http(s) URL with a host that is safe to hand to a browser.

    Refused: other schemes (javascript:, file:, data:, smb:, ...), URLs with whitespace,
    control characters or invisible format characters (bidi overrides), no host, a leading
    "-" (could be read as a browser option), and anything longer than MAX_URL_LENGTH.
    """
    return value if url_problem(value) is None else None  # type: ignore[return-value]


def url_problem(value: object) -> str | None:
    """Explain why `value` is not a URL papertui will open, or return None if it is fine."""
    if not isinstance(value, str) or not value:
        return "there is no link"
    if len(value) > MAX_URL_LENGTH:
        return f"the link is {len(value):,} characters long"
    if _URL_BLANK_OR_CONTROL.search(value):
        return "the link contains spaces or control characters"
    # Invisible format characters (bidi overrides, zero-width spaces) make a link read as
    # another one: "github.com/x/\u202eexe.pdf" shows as ".../fdp.exe". ASCII has none.
    if not value.isascii() and any(unicodedata.category(ch) == "Cf" for ch in value):
        return "the link contains invisible or direction-changing characters"
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return "the link is malformed"
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        return f"only http and https links are opened, not {scheme[:20]}"
    if not host:
        return "the link has no host"
    return None
