"""Papers out of papertui: Markdown, BibTeX, CSV and the JSON backup.

Everything rendered here comes from strangers (titles, abstracts, author names) or from the
user (notes, tags), so each format escapes it for its own syntax: a hostile title can never
add a link, a heading or HTML to the Markdown, unbalance the BibTeX, or run a formula in a
spreadsheet. The JSON backup and its import live in `backup`; `render` reaches all formats.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from papertui.core.backup import ImportReport, import_json, render_json
from papertui.core.models import (
    EXPORT_FORMATS, GROUPS, SUMMARIES, ExportFormat, Group, StoredPaper, Summary,
)
from papertui.core.context_store import ContextSummary
from papertui.core.safety import safe_url
from papertui.core.wording import plural

__all__ = ["SUFFIXES", "ImportReport", "bibtex_key", "escape_markdown", "import_json", "render"]

SUFFIXES: dict[ExportFormat, str] = {"md": ".md", "bibtex": ".bib", "json": ".json", "csv": ".csv"}


def render(
    papers: Sequence[StoredPaper], fmt: ExportFormat, *, group: Group = "day",
    summary: Summary = "ai_summary", watches: Sequence[dict[str, object]] | None = None,
    contexts: Mapping[str, ContextSummary] | None = None,
) -> str:
    """`papers` as a document in format `fmt` (md, bibtex, json or csv).

    `group` (day or tag) arranges the Markdown; `summary` (ai_summary or abstract) says which
    text the Markdown shows under each paper, the other standing in when it is empty.
    `watches` (core/watch.py's watches_json) go into the JSON backup.
    `contexts` (from context_store.context_summaries) adds linked-repo counts and top
    model ids to Markdown and JSON, for the papers whose context is known.
    """
    if fmt == "md":
        if group not in GROUPS:
            raise ValueError(f"unknown grouping {group!r} (expected one of {', '.join(GROUPS)})")
        if summary not in SUMMARIES:
            raise ValueError(f"unknown summary {summary!r} (expected one of {', '.join(SUMMARIES)})")
        return render_markdown(papers, group=group, summary=summary, contexts=contexts)
    if fmt == "bibtex":
        return render_bibtex(papers)
    if fmt == "json":
        return render_json(papers, watches, contexts)  # the backup keeps the watch list too
    if fmt == "csv":
        return render_csv(papers)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")


# -- Markdown ------------------------------------------------------------------------------

# Characters that are syntax anywhere in a line (CommonMark plus GitHub's tables,
# strikethrough and math). Escaping every one of them keeps all remote text literal.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~#$])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What can open a block at the start of a line: lists, headings, quotes, thematic breaks,
# setext underlines, table delimiter rows, ordered lists ("1." or "1)").
_MD_LINE_START = re.compile(r"^([-+=:])|^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """`text` (one line) escaped so CommonMark/GitHub show it literally, as inline text."""
    text = re.sub(r"[&<>]", lambda m: _MD_ENTITIES[m[0]], text.strip())
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _md_url(url: str) -> str:
    """A link destination that cannot end the link early or be read as an entity."""
    return (url.replace("&", "&amp;").replace("\\", "%5C").replace("(", "%28")
            .replace(")", "%29").replace("<", "%3C").replace(">", "%3E").replace('"', "%22"))


def _md_link(label: str, url: str | None) -> str:
    url = safe_url(url)
    return f"[{escape_markdown(label)}]({_md_url(url)})" if url else ""


def _date_range(papers: Iterable[StoredPaper]) -> str:
    days = sorted({stored.paper.day for stored in papers if stored.paper.day})
    if not days:
        return ""
    return days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}"


def render_markdown(papers: Sequence[StoredPaper], *, group: Group = "day",
                    summary: Summary = "ai_summary",
                    contexts: Mapping[str, ContextSummary] | None = None) -> str:
    """A Markdown document: a title with the date range, then one section per day (or tag),
    each a list with one item per paper."""
    span = _date_range(papers)
    title = f"papertui export: {span}" if span else (
        "papertui export" if papers else "papertui export: (no papers)")
    lines = [f"# {title}", ""]
    if papers:
        lines += [f"{plural(len(papers), 'paper')}, from Hugging Face Daily Papers.", ""]
    sections = _by_tag(papers) if group == "tag" else _by_day(papers)
    for heading, members in sections:
        lines += [f"## {heading}", ""]
        for stored in members:
            lines += _md_paper(stored, summary, (contexts or {}).get(stored.paper.id))
    return "\n".join(lines).rstrip("\n") + "\n"


def _by_day(papers: Sequence[StoredPaper]) -> list[tuple[str, list[StoredPaper]]]:
    days: dict[str, list[StoredPaper]] = {}
    for stored in papers:
        days.setdefault(stored.paper.day, []).append(stored)
    ordered = sorted((day for day in days if day), reverse=True)
    sections = [(day, days[day]) for day in ordered]
    if "" in days:
        sections.append(("Undated", days[""]))
    return sections


def _by_tag(papers: Sequence[StoredPaper]) -> list[tuple[str, list[StoredPaper]]]:
    tags: dict[str, list[StoredPaper]] = {}
    untagged: list[StoredPaper] = []
    for stored in papers:
        for tag in stored.state.tags:
            tags.setdefault(tag, []).append(stored)
        if not stored.state.tags:
            untagged.append(stored)
    sections = [(escape_markdown(tag), tags[tag]) for tag in sorted(tags, key=str.casefold)]
    if untagged:
        sections.append(("Untagged", untagged))
    return sections


def _md_paper(stored: StoredPaper, summary: Summary,
              linked: ContextSummary | None = None) -> list[str]:
    """One list item: paragraphs indented under the bullet, separated by blank lines."""
    paper, state = stored.paper, stored.state
    blocks: list[list[str]] = []
    blocks.append([f"**{_md_link(paper.title or paper.id, paper.hf_url)}**"])
    if paper.authors:
        blocks.append([escape_markdown(", ".join(paper.authors))])
    links = [_md_link(f"arXiv {paper.id}", paper.arxiv_url), _md_link("PDF", paper.pdf_url)]
    github = _md_link("GitHub", paper.github_repo)
    if github:
        stars = "" if paper.github_stars is None else f" ({plural(paper.github_stars, 'star')})"
        links.append(github + stars)
    links.append(_md_link("project page", paper.project_page))
    blocks.append([" · ".join(link for link in links if link)])
    facts = [plural(paper.upvotes, "upvote"), plural(paper.comments, "comment")]
    if paper.organization:
        facts.append(escape_markdown(paper.organization))
    if state.tags:
        facts.append("tags: " + ", ".join(escape_markdown(tag) for tag in state.tags))
    marks = [word for word, on in (("bookmarked", state.bookmarked), ("read", state.read)) if on]
    blocks.append([" · ".join(facts + marks)])
    if linked is not None:
        blocks.append([_md_linked(linked)])
    if state.note.strip():
        blocks.append(_md_quote(state.note))
    chosen = paper.abstract if summary == "abstract" else paper.ai_summary
    text = chosen or paper.ai_summary or paper.abstract
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph.strip():
            blocks.append([escape_markdown(" ".join(paragraph.split()))])
    lines: list[str] = []
    for index, block in enumerate(blocks):
        for number, line in enumerate(block):
            lead = "- " if index == 0 and number == 0 else "  "
            lines.append(f"{lead}{line}" if line else "")
        lines.append("")
    return lines


def _md_linked(linked: ContextSummary) -> str:
    """"3 models (a/b, c/d) · 1 dataset · 0 Spaces" on Hugging Face."""
    models = plural(linked.num_models, "model")
    if linked.top_models:
        models += " (" + ", ".join(escape_markdown(repo) for repo in linked.top_models) + ")"
    return " · ".join((models, plural(linked.num_datasets, "dataset"),
                       plural(linked.num_spaces, "Space")))


def _md_quote(note: str) -> list[str]:
    """The user's note as a blockquote, line breaks kept as hard breaks."""
    quoted: list[str] = []
    paragraphs = re.split(r"\n\s*\n", note.strip())
    for number, paragraph in enumerate(paragraphs):
        if number:
            quoted.append(">")
        rows = [escape_markdown(row) for row in paragraph.split("\n") if row.strip()]
        # A trailing backslash is CommonMark's portable hard line break.
        quoted += [f"> {row}" + ("\\" if i < len(rows) - 1 else "") for i, row in enumerate(rows)]
    return quoted


# -- BibTeX --------------------------------------------------------------------------------

# Escapes that keep braces balanced: BibTeX counts even \{ when matching braces, so literal
# braces and backslashes become text commands instead.
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_TEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_STOPWORDS = frozenset(
    "a an the on of for in to and with from by via at is are as towards toward into what "
    "how why when do does can we your our you its it this that be not no".split()
)


def escape_tex(text: str) -> str:
    """`text` with every TeX special character escaped, so the entry always parses."""
    return _TEX_SPECIAL.sub(lambda m: _TEX_SPECIALS[m[0]], " ".join(text.split()))


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _id_year(paper_id: str) -> str:
    """The year an arXiv id was issued: 2605.05242 -> 2026, cs/0112017 -> 2001."""
    match = re.search(r"(?:^|/)(\d{2})\d{2}[.\d]", paper_id)
    if not match:
        return ""
    yy = int(match[1])
    return str(1900 + yy if yy >= 91 else 2000 + yy)


def bibtex_key(stored: StoredPaper) -> str:
    """The citation key: first author's last name, year, first significant title word, then
    the arXiv id - e.g. li2026beyond_2605.05242.

    Built only from what does not change between fetches (the id fixes the year), so the
    same paper gets the same key in every export, whatever else is exported with it, and
    two papers can never share one.
    """
    paper = stored.paper
    first = paper.authors[0].split() if paper.authors else []
    # A name with no ASCII letters (李伟) adds nothing rather than a misleading "anon".
    name = _ascii_word(first[-1]) if first else "noauthor"
    words = (_ascii_word(word) for word in re.split(r"[\s\-:/]+", paper.title))
    word = next((w for w in words if w and w not in _STOPWORDS), "")
    ident = re.sub(r"[^a-z0-9.]", "-", paper.id.lower())
    return f"{name}{_id_year(paper.id)}{word}_{ident}"


def _bib_author(name: str) -> str:
    escaped = escape_tex(name)
    # A name holding the word "and" would be split into two authors; braces keep it whole.
    return f"{{{escaped}}}" if re.search(r"\sand\s", escaped, re.IGNORECASE) else escaped


def render_bibtex(papers: Sequence[StoredPaper]) -> str:
    """One @misc entry per paper, in arXiv's recommended shape (eprint, archivePrefix)."""
    entries: list[str] = []
    seen: set[str] = set()
    for stored in papers:
        paper = stored.paper
        key = bibtex_key(stored)
        if key in seen:  # the same paper twice: one entry is enough
            continue
        seen.add(key)
        year = paper.published_at[:4] if re.match(r"\d{4}", paper.published_at) else ""
        fields = [
            ("title", f"{{{escape_tex(paper.title or paper.id)}}}"),
            ("author", " and ".join(_bib_author(a) for a in paper.authors if a.strip())),
            ("year", year or _id_year(paper.id) or paper.day[:4]),
            ("eprint", paper.id),
            ("archivePrefix", "arXiv"),
            ("url", paper.arxiv_url),
            ("doi", f"10.48550/arXiv.{paper.id}"),
            ("note", f"Hugging Face Daily Papers: {paper.hf_url}"),
            ("keywords", escape_tex(", ".join(stored.state.tags))),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        entries.append(f"@misc{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


# -- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "title", "authors", "day", "published_at", "upvotes", "comments", "organization",
    "github_repo", "github_stars", "project_page", "hf_url", "arxiv_url", "pdf_url",
    "bookmarked", "read", "tags", "note", "ai_summary", "abstract",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading
    apostrophe, the spreadsheet convention for "this is text"."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def render_csv(papers: Sequence[StoredPaper]) -> str:
    """A header row, then one row per paper (authors joined by "; ", tags by ", ")."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for stored in papers:
        paper, state = stored.paper, stored.state
        row = (
            paper.id, paper.title, "; ".join(paper.authors), paper.day, paper.published_at,
            paper.upvotes, paper.comments, paper.organization, paper.github_repo,
            "" if paper.github_stars is None else paper.github_stars, paper.project_page,
            paper.hf_url, paper.arxiv_url, paper.pdf_url, "yes" if state.bookmarked else "",
            "yes" if state.read else "", ", ".join(state.tags), state.note, paper.ai_summary,
            paper.abstract,
        )
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()
