"""A comment's Markdown turned into text a person reads in a terminal.

Paragraphs stay paragraphs, lists keep their bullets and numbers, code keeps its lines
(indented), quotes get "> ", and a link reads "text (url)" - its URL shown only when it is
one papertui would open (http/https with a host), otherwise "(link removed)". Raw HTML in
the Markdown is reduced to its text. The input is already cleaned of escape sequences; the
output is plain text, never markup.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from papertui.core.context import html_text
from papertui.core.safety import clean_text, safe_url

# "breaks": Hugging Face renders a single line break in a comment as a line break.
_PARSER = MarkdownIt("commonmark", {"breaks": True, "html": True}).enable("table")
INDENT = "    "


def markdown_text(markdown: str) -> str:
    """Readable plain text of `markdown` (see the module docstring)."""
    tokens = _PARSER.parse(clean_text(markdown))
    blocks: list[tuple[str, bool]] = []  # (text, joins the previous block without a gap)
    prefixes: list[str] = []  # "> " for quotes, list markers for items
    counters: list[int | None] = []  # per open list: next number, or None for bullets
    pending_marker: list[str] = []
    table_row: list[str] = []
    table: list[list[str]] = []
    list_starts = False  # the next block opens a top-level list: a gap before it

    def emit(text: str, tight: bool = False) -> None:
        lead = "".join(prefixes)
        marker = pending_marker.pop() if pending_marker else ""
        lines = text.split("\n")
        first = lead[: len(lead) - len(marker)] + marker if marker else lead
        out = [first + lines[0]] + [lead + line for line in lines[1:]]
        blocks.append(("\n".join(line.rstrip() for line in out), tight))

    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            if table_row is not None and _in_table(tokens, index):
                table_row.append(_inline(token))
            else:
                text = _inline(token)
                opener = tokens[index - 1] if index else None
                h1 = opener is not None and opener.type == "heading_open" and opener.tag == "h1"
                # Items of a tight list ("hidden" paragraphs) stay on consecutive lines.
                tight = opener is not None and opener.hidden and not list_starts
                emit(text.upper() if h1 else text, tight)
                list_starts = False
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            emit("\n".join(INDENT + line for line in code.split("\n")))
        elif kind == "html_block":
            if text := html_text(token.content).strip():
                emit(text)
        elif kind == "hr":
            emit("―" * 20)
        elif kind == "blockquote_open":
            prefixes.append("> ")
        elif kind == "blockquote_close":
            prefixes.pop()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            list_starts = list_starts or not counters
            if kind == "bullet_list_open":
                counters.append(None)
            else:
                counters.append(int(str(start)) if str(start).isdigit() else 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
        elif kind == "list_item_open":
            number = counters[-1] if counters else None
            marker = "• " if number is None else f"{number}. "
            if number is not None:
                counters[-1] = number + 1
            prefixes.append(" " * len(marker))
            pending_marker.append(marker)
        elif kind == "list_item_close":
            prefixes.pop()
            pending_marker.clear()
        elif kind == "tr_open":
            table_row = []
        elif kind == "tr_close":
            table.append(table_row)
        elif kind == "table_close":
            emit("\n".join(" | ".join(row) for row in table))
            table = []
    return _join(blocks)


def _in_table(tokens: list[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].type in ("th_open", "td_open")


def _join(blocks: list[tuple[str, bool]]) -> str:
    """Blocks separated by blank lines, except the items of a tight list."""
    parts: list[str] = []
    for text, tight in blocks:
        if text.strip():
            parts.append(("\n" if tight and parts else "\n\n" if parts else "") + text)
    return "".join(parts).strip()


def _inline(token: Token) -> str:
    parts: list[str] = []
    links: list[str | None] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "link_open":
            href = child.attrGet("href")
            links.append(href if isinstance(href, str) else None)
            parts.append("\0")  # where the link text starts, to compare it with the URL
        elif kind == "link_close":
            target = links.pop() if links else None
            start = len(parts) - 1 - parts[::-1].index("\0") if "\0" in parts else len(parts)
            label = "".join(parts[start + 1:])
            del parts[start:]
            parts.append(_link(label, target))
        elif kind == "image":
            src = child.attrGet("src")
            alt = child.content or "image"
            url = safe_url(src) if isinstance(src, str) else None
            parts.append(f"[image: {alt}] ({url})" if url else f"[image: {alt}]")
        elif kind == "html_inline":
            continue  # tags such as <b> or <script>: their text, if any, is a text token
    return "".join(parts).replace("\0", "").strip()


def _link(label: str, href: str | None) -> str:
    url = safe_url(href)
    if url is None:
        return f"{label} (link removed)" if label else "(link removed)"
    if label.strip() in (url, url.removeprefix("https://"), url.removeprefix("http://"),
                         url.removeprefix("mailto:")):
        return url
    return f"{label} ({url})" if label else url
