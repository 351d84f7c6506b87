"""A digest as Markdown (CommonMark), mail-ready HTML or plain text.

Every title, name, summary and keyword comes from strangers. Markdown escapes them with
`escape_markdown`; HTML escapes every one with `html.escape` and uses only inline styles,
no scripts, no images and no external resources, so the file reads the same in a mail
client as in a browser. Links are written only when `safe_url` accepts them.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable

from papertui.core.digest import Digest, DigestFormat, DigestSection
from papertui.core.export import _md_link, escape_markdown
from papertui.core.models import StoredPaper
from papertui.core.safety import safe_url

MAX_AUTHORS = 8
TITLE = "papertui digest"


def render_digest(digest: Digest, fmt: DigestFormat) -> str:
    """The digest as a document in `fmt` (md, html or txt)."""
    renderers: dict[str, Callable[[Digest], str]] = {
        "md": render_markdown, "html": render_html, "txt": render_text}
    if fmt not in renderers:
        raise ValueError(f"unknown digest format {fmt!r} (expected md, html or txt)")
    return renderers[fmt](digest)


def _authors(paper: StoredPaper) -> str:
    names = list(paper.paper.authors)
    shown = ", ".join(names[:MAX_AUTHORS])
    return shown + (f" and {len(names) - MAX_AUTHORS} more" if len(names) > MAX_AUTHORS else "")


def _facts(stored: StoredPaper) -> list[str]:
    paper = stored.paper
    facts = [f"{paper.upvotes:,} upvote" + ("" if paper.upvotes == 1 else "s")]
    if paper.github_stars is not None:
        facts.append(f"{paper.github_stars:,} star" + ("" if paper.github_stars == 1 else "s"))
    if paper.day:
        facts.append(paper.day)
    return facts


def _links(stored: StoredPaper) -> list[tuple[str, str]]:
    paper = stored.paper
    links = [(f"arXiv {paper.id}", paper.arxiv_url), ("PDF", paper.pdf_url),
             ("code", paper.github_repo), ("project page", paper.project_page)]
    return [(label, url) for label, url in links if safe_url(url)]


def _for(label: str) -> str:
    """'for week 2026-W19', but 'since the previous digest (...)' as it is."""
    return label if label.startswith("since") else f"for {label}"


def _empty_line(digest: Digest) -> str:
    return f"Nothing new {_for(digest.period.label)}: no papers to read. Enjoy the quiet."


def _section_empty(section: DigestSection) -> str:
    return {"watched": "No watched papers in this period.",
            "top": "No papers in this period.",
            "new_code": "No older paper got code in this period."}.get(section.kind, "Nothing.")


def _summary_line(digest: Digest) -> str:
    count = digest.count
    return (f"{count} paper{'' if count == 1 else 's'} {_for(digest.period.label)}, "
            f"made {digest.generated_at.replace('T', ' ').replace('Z', ' UTC')}.")


# -- Markdown ------------------------------------------------------------------------------


def render_markdown(digest: Digest) -> str:
    """CommonMark: a heading per section (and per watch), one list item per paper."""
    lines = [f"# {TITLE}", "", escape_markdown(_summary_line(digest)), ""]
    if not digest.count:
        return "\n".join([*lines, escape_markdown(_empty_line(digest))]) + "\n"
    for section in digest.sections:
        lines += [f"## {escape_markdown(section.title)}", ""]
        if not section.count:
            lines += [escape_markdown(_section_empty(section)), ""]
        for group in section.groups:
            if group.heading:
                lines += [f"### {escape_markdown(group.heading)}", ""]
            for stored in group.papers:
                lines += _md_paper(stored)
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_paper(stored: StoredPaper) -> list[str]:
    paper = stored.paper
    blocks = [f"**{_md_link(paper.title or paper.id, paper.hf_url)}**"]
    if paper.authors:
        blocks.append(escape_markdown(_authors(stored)))
    facts = _facts(stored)
    if paper.organization:
        facts.insert(0, escape_markdown(paper.organization))
    blocks.append(" · ".join(facts))
    blocks.append(" · ".join(_md_link(label, url) for label, url in _links(stored)))
    if paper.ai_summary.strip():
        blocks.append(escape_markdown(" ".join(paper.ai_summary.split())))
    lines: list[str] = []
    for index, block in enumerate(blocks):
        lines += [("- " if index == 0 else "  ") + block, ""]
    return lines


# -- HTML ----------------------------------------------------------------------------------

_BODY = ("margin:0;padding:16px;background:#f6f6f4;color:#1d1d1f;"
         "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;")
_CARD = "max-width:720px;margin:0 auto;background:#ffffff;padding:20px 24px;border-radius:6px;"
_H1 = "font-size:22px;margin:0 0 4px 0;"
_H2 = "font-size:18px;margin:24px 0 8px 0;padding-bottom:4px;border-bottom:1px solid #ddd;"
_H3 = "font-size:15px;margin:16px 0 6px 0;color:#555;"
_MUTED = "color:#666;font-size:13px;margin:2px 0;"
_PAPER = "margin:0 0 16px 0;"
_TITLE_LINK = "color:#0b57d0;font-weight:bold;text-decoration:none;font-size:16px;"
_LINK = "color:#0b57d0;"
_SUMMARY = "margin:6px 0 0 0;line-height:1.4;"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _a(label: str, url: str, style: str = _LINK) -> str:
    checked = safe_url(url)
    if not checked:
        return _e(label)
    return f'<a href="{_e(checked)}" style="{style}">{_e(label)}</a>'


def render_html(digest: Digest) -> str:
    """One self-contained HTML file for mail: inline styles, no scripts or images."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(TITLE)}: {_e(digest.period.label)}</title></head>",
        f'<body style="{_BODY}"><div style="{_CARD}">',
        f'<h1 style="{_H1}">{_e(TITLE)}</h1>',
        f'<p style="{_MUTED}">{_e(_summary_line(digest))}</p>',
    ]
    if not digest.count:
        parts.append(f"<p>{_e(_empty_line(digest))}</p>")
    else:
        for section in digest.sections:
            parts.append(f'<h2 style="{_H2}">{_e(section.title)}</h2>')
            if not section.count:
                parts.append(f'<p style="{_MUTED}">{_e(_section_empty(section))}</p>')
            for group in section.groups:
                if group.heading:
                    parts.append(f'<h3 style="{_H3}">{_e(group.heading)}</h3>')
                parts.extend(_html_paper(stored) for stored in group.papers)
    parts.append(f'<p style="{_MUTED}">Made by papertui from its local store.</p>')
    parts.append("</div></body></html>")
    return "\n".join(parts) + "\n"


def _html_paper(stored: StoredPaper) -> str:
    paper = stored.paper
    rows = [f'<div style="{_PAPER}">',
            _a(paper.title or paper.id, paper.hf_url, _TITLE_LINK)]
    if paper.authors:
        rows.append(f'<p style="{_MUTED}">{_e(_authors(stored))}</p>')
    facts = ([_e(paper.organization)] if paper.organization else []) + \
        [_e(fact) for fact in _facts(stored)]
    rows.append(f'<p style="{_MUTED}">{" · ".join(facts)}</p>')
    links = " · ".join(_a(label, url) for label, url in _links(stored))
    rows.append(f'<p style="{_MUTED}">{links}</p>')
    if paper.ai_summary.strip():
        rows.append(f'<p style="{_SUMMARY}">{_e(" ".join(paper.ai_summary.split()))}</p>')
    rows.append("</div>")
    return "\n".join(rows)


# -- plain text ----------------------------------------------------------------------------


def render_text(digest: Digest) -> str:
    """Plain text for a terminal or a text-only mail, wrapped at 78 columns."""
    lines = [TITLE.upper(), _summary_line(digest), ""]
    if not digest.count:
        return "\n".join([*lines, _empty_line(digest)]) + "\n"
    for section in digest.sections:
        lines += [section.title.upper(), "=" * len(section.title), ""]
        if not section.count:
            lines += [_section_empty(section), ""]
        for group in section.groups:
            if group.heading:
                lines += [f"-- {group.heading} --", ""]
            for stored in group.papers:
                lines += _text_paper(stored)
    return "\n".join(lines).rstrip("\n") + "\n"


def _text_paper(stored: StoredPaper) -> list[str]:
    paper = stored.paper
    wrap = textwrap.TextWrapper(width=78, initial_indent="  ", subsequent_indent="  ")
    lines = textwrap.wrap(paper.title or paper.id, width=78, initial_indent="* ",
                          subsequent_indent="  ")
    lines.append(f"  {paper.hf_url}")
    if paper.authors:
        lines += wrap.wrap(_authors(stored))
    facts = ([paper.organization] if paper.organization else []) + _facts(stored)
    lines += wrap.wrap(" · ".join(facts))
    lines += [f"  {label}: {url}" for label, url in _links(stored)]
    if paper.ai_summary.strip():
        lines += wrap.wrap(" ".join(paper.ai_summary.split()))
    return [*lines, ""]
