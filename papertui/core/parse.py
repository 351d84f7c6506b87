"""Turning what Hugging Face sends (JSON lists, listing pages, paper pages) into `Paper`s.

Nothing here touches the network: the client hands over bodies, this module hands back
cleaned papers or raises `ParseError`. Every string taken from a response goes through the
cleaners in `safety`, so what leaves this module is safe to store and to show.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Required, TypeGuard, TypedDict
from urllib.parse import urljoin, urlsplit

from papertui.core.models import Paper, parse_date
from papertui.core.safety import clean_line, clean_paragraphs, normalise_arxiv_id, safe_url
from papertui.core.wording import plural

if TYPE_CHECKING:  # the HTML parser loads with the first page parsed: JSON needs none of it
    from selectolax.lexbor import LexborHTMLParser, LexborNode

HF_BASE = "https://huggingface.co"
# The largest whole number a JSON number holds exactly. A bigger "count" is garbage, and
# would not fit SQLite's INTEGER either (that ended the whole fetch with an OverflowError).
MAX_COUNT = 2**53 - 1

# Paths that name a paper, on Hugging Face (/papers/ID) and on arXiv (/abs/ID, /pdf/ID).
_PAPER_PATH = re.compile(r"^/papers/([^/?#]+?)/?$")
_ARXIV_PATH = re.compile(r"^/(?:abs|pdf)/([^?#]+?)(?:\.pdf)?/?$")
_COUNT = re.compile(r"^\d[\d,]*$")
# Markup split around inline links leaves "word ." once collapsed; the abstract had "word.".
_NO_SPACE_BEFORE = re.compile(r"\s+([.,;:!?)])")
_DATE_LINK = re.compile(
    r"^(?:https://huggingface\.co)?/papers(?:\?(?:[^#]*&)?date=|/date/)(\d{4}-\d{2}-\d{2})"
)


class ParseError(ValueError):
    """The service sent something papertui cannot read; the message is one sentence for a user."""


class _VisibleFields(TypedDict, total=False):
    """The `Paper` fields a paper page's visible markup gave (only those found)."""

    title: Required[str]
    authors: tuple[str, ...]
    abstract: str
    ai_summary: str
    day: str
    upvotes: int
    github_repo: str
    github_stars: int
    project_page: str


# --- JSON items ---------------------------------------------------------------------------


def parse_item(item: dict) -> Paper:
    """Build a `Paper` from one item of the service.

    Accepts a daily item (`{"paper": {...}, "numComments": ..., ...}`), a search result (the
    same shape), and a bare paper object (`/api/papers/{id}`, or the `paper` of a paper page)
    whose fields sit at the top level. Raises `ParseError` when there is no valid arXiv id.
    """
    if not isinstance(item, dict):
        raise ParseError(f"the service sent {_kind(item)} where a paper was expected")
    nested = item.get("paper")
    paper = nested if isinstance(nested, dict) else item
    arxiv_id = normalise_arxiv_id(paper.get("id"))
    if arxiv_id is None:
        shown = clean_line(paper.get("id"))[:40] or "no id"
        raise ParseError(f"the service sent a paper without a valid arXiv id ({shown})")

    # The daily item's own publishedAt is when it was put on Daily Papers (the 2024 schema
    # has no submittedOnDailyAt); a bare paper's publishedAt is the arXiv date, so it must
    # not stand in for the submission time there.
    listed_at = item.get("publishedAt") if paper is not item else None
    submitted_at = _first_str(paper.get("submittedOnDailyAt"), listed_at)

    return Paper(
        id=arxiv_id,
        title=clean_line(_first_str(paper.get("title"), item.get("title"))),
        abstract=clean_paragraphs(_first_str(paper.get("summary"), item.get("summary"))),
        authors=tuple(_author_names(paper.get("authors"))),
        day=_day_of(submitted_at),
        published_at=clean_line(paper.get("publishedAt")),
        submitted_at=clean_line(submitted_at),
        upvotes=_count(paper.get("upvotes", item.get("upvotes"))),
        comments=_count(item.get("numComments", paper.get("numComments"))),
        organization=_display_name(paper.get("organization"), item.get("organization")),
        submitter=_display_name(item.get("submittedBy"), paper.get("submittedOnDailyBy")),
        ai_summary=clean_paragraphs(paper.get("ai_summary")),
        ai_keywords=tuple(_keywords(paper.get("ai_keywords"))),
        github_repo=_url(paper.get("githubRepo")),
        github_stars=_stars(paper.get("githubStars")),
        project_page=_url(paper.get("projectPage")),
        thumbnail=_url(_first_str(item.get("thumbnail"), paper.get("thumbnail"))),
    )


def parse_items(data: object) -> list[Paper]:
    """Build papers from a decoded JSON response: a list of items, or one item on its own.

    Items that are not objects or have no valid id are skipped; duplicates keep the first.
    Raises `ParseError` for any other top level, or when a non-empty list gave no paper.
    """
    if isinstance(data, dict):
        if isinstance(data.get("paper"), dict) or "id" in data:
            return [parse_item(data)]
        error = clean_line(data.get("error"))[:200]
        if error:
            raise ParseError(f"the service sent an error instead of papers: {error}")
        raise ParseError(
            "the service sent JSON of an unexpected shape (expected a list of papers, got an object)"
        )
    if not isinstance(data, list):
        raise ParseError(
            "the service sent JSON of an unexpected shape "
            f"(expected a list of papers, got {_kind(data)})"
        )
    papers: dict[str, Paper] = {}
    for item in data:
        try:
            paper = parse_item(item)
        except ParseError:
            continue  # one broken item should not cost the user the whole day
        papers.setdefault(paper.id, paper)
    if data and not papers:
        raise ParseError(
            f"none of the {plural(len(data), 'item')} the service sent is a paper with an arXiv id"
        )
    return list(papers.values())


# --- HTML pages ---------------------------------------------------------------------------


def parse_listing_html(html: str) -> list[Paper]:
    """Build papers from a listing page (/papers/date/..., /papers/trending, /papers?q=...).

    Reads the `DailyPapers` island's data when there is one, otherwise the visible cards.
    Raises `ParseError` when neither is there.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html or "")
    props = _island(tree, "DailyPapers")
    if props is not None and isinstance(props.get("dailyPapers"), list):
        return parse_items(props["dailyPapers"])
    papers = _cards(tree)
    if not papers:
        raise ParseError("the listing page holds no papers that papertui can read")
    return papers


def parse_paper_page(html: str) -> Paper:
    """Build the paper shown on a paper page (/papers/{id}).

    Reads the `PaperContent` island (and the upvote count of `UpvoteControl`); without
    islands, falls back to the visible markup. Gaps in the island are filled from the markup.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html or "")
    arxiv_id, visible = _visible_paper(tree)
    props = _island(tree, "PaperContent")
    if props is not None and isinstance(props.get("paper"), dict):
        item = dict(props["paper"])
        if "numComments" not in item and isinstance(props.get("comments"), list):
            item["numComments"] = len(props["comments"])
        if not isinstance(item.get("organization"), dict):
            item["organization"] = props.get("submitterOrganization")
        upvote_props = _island(tree, "UpvoteControl") or {}
        if _is_count(upvote_props.get("upvotes")):
            item["upvotes"] = upvote_props["upvotes"]
        paper = parse_item(item)
        for name, value in visible.items():
            if getattr(paper, name) in ("", None, ()):
                setattr(paper, name, value)
        return paper
    if arxiv_id is None:
        raise ParseError("the paper page names no arXiv paper that papertui can read")
    return Paper(id=arxiv_id, **visible)


def _island(tree: LexborHTMLParser, name: str) -> dict | None:
    """The decoded data-props of the Svelte island `name`, or None."""
    for node in tree.css("[data-target]"):
        if node.attributes.get("data-target") != name:
            continue
        try:
            props = json.loads(node.attributes.get("data-props") or "")
        except (ValueError, RecursionError):
            return None
        return props if isinstance(props, dict) else None
    return None


def _cards(tree: LexborHTMLParser) -> list[Paper]:
    """Papers read from the visible `article` cards of a listing page."""
    papers: dict[str, Paper] = {}
    for article in tree.css("article"):
        link = article.css_first("h3 a")
        arxiv_id = _paper_id_from_href(link.attributes.get("href") if link else None)
        if link is None or arxiv_id is None or arxiv_id in papers:
            continue
        heading = link.parent
        while heading is not None and heading.tag != "h3":
            heading = heading.parent
        papers[arxiv_id] = Paper(
            id=arxiv_id,
            title=clean_line(link.text()),
            upvotes=_first_count(article, heading=heading or link),
        )
    return list(papers.values())


def _first_count(article: LexborNode, heading: LexborNode) -> int:
    """The first bare number shown on a card outside its title, which on Hugging Face is
    the upvote count; 0 when the card shows none."""
    in_heading = {node.mem_id for node in heading.traverse()}
    for node in article.css("*"):
        if node.mem_id in in_heading:
            continue
        text = clean_line(node.text(deep=False))
        if _COUNT.match(text):
            return int(text.replace(",", ""))
    return 0


def _visible_paper(tree: LexborHTMLParser) -> tuple[str | None, _VisibleFields]:
    """What the visible markup of a paper page says: the arXiv id it names (None: none),
    and the other `Paper` fields it shows."""
    found: _VisibleFields = {"title": ""}
    # The page's own address names the paper most reliably; arXiv links in the comments
    # may name other papers, so the buttons come before any other link.
    candidates = [
        _paper_id_from_href(node.attributes.get("href") or node.attributes.get("content"))
        for node in tree.css('link[rel="canonical"], meta[property="og:url"]')
    ]
    for link in tree.css("a.btn[href]") + tree.css("a[href]"):
        url = _absolute(link.attributes.get("href") or "")
        parts = urlsplit(url) if url else None
        if parts is not None and parts.hostname in ("arxiv.org", "www.arxiv.org"):
            candidates.append(_arxiv_id_from_path(parts.path))
    arxiv_id = next((c for c in candidates if c), None)
    heading = tree.css_first("h1")
    if heading is not None:
        found["title"] = clean_line(heading.text())
    for button in tree.css("a.btn"):
        label = clean_line(button.text(deep=False)).lower()
        href = _url(_absolute(button.attributes.get("href") or ""))
        if label == "github" and href:
            found["github_repo"] = href
            stars = button.css_first("span")
            text = clean_line(stars.text()) if stars is not None else ""
            if _COUNT.match(text):
                found["github_stars"] = int(text.replace(",", ""))
        elif label == "project page" and href:
            found["project_page"] = href
    _read_visible_text(tree, found)
    for link in tree.css("a[href]"):
        match = _DATE_LINK.match(link.attributes.get("href") or "")
        if match and _day_of(match[1]):
            found["day"] = match[1]
            break
    return arxiv_id, found


def _read_visible_text(tree: LexborHTMLParser, found: _VisibleFields) -> None:
    """Add the authors, abstract, AI summary and upvotes a paper page shows to `found`."""
    authors = [clean_line(node.text()).rstrip(",").strip() for node in tree.css("span.author")]
    if any(authors):
        found["authors"] = tuple(name for name in authors if name)
    for heading in tree.css("h2"):
        if clean_line(heading.text()).lower() != "abstract" or heading.next is None:
            continue
        body: LexborNode | None = heading.next
        while body is not None and not body.is_element_node:
            body = body.next
        paragraphs = []
        # In HTML, line breaks inside a <p> are just spaces: each <p> is one paragraph.
        for para in body.css("p") if body is not None else ():
            text = _NO_SPACE_BEFORE.sub(r"\1", clean_line(para.text()))
            if _labelled_ai_summary(para):
                found["ai_summary"] = text
            else:
                paragraphs.append(text)
        found["abstract"] = "\n\n".join(part for part in paragraphs if part)
        break
    for node in tree.css("div"):
        if clean_line(node.text(deep=False)) == "Upvote":
            for child in node.css("*"):
                text = clean_line(child.text(deep=False))
                if _COUNT.match(text):
                    found["upvotes"] = int(text.replace(",", ""))
                    break
            break


def _labelled_ai_summary(para: LexborNode) -> bool:
    """Whether a sibling of `para` labels it as the AI-generated summary."""
    sibling = para.next
    while sibling is not None:
        if sibling.is_element_node and clean_line(sibling.text()) == "AI-generated summary":
            return True
        sibling = sibling.next
    return False


def _paper_id_from_href(href: object) -> str | None:
    """The arXiv id in a Hugging Face paper link (relative or absolute), or None."""
    url = _absolute(href)
    match = _PAPER_PATH.match(urlsplit(url).path) if url else None
    return normalise_arxiv_id(match[1]) if match else None


def _absolute(href: object) -> str | None:
    """A link of the page made absolute; None when it is not a link at all (urljoin
    raises ValueError on some, such as "http://[x", and that must not end the parse)."""
    if not isinstance(href, str):
        return None
    try:
        url = urljoin(HF_BASE + "/", href)
        urlsplit(url).hostname  # noqa: B018 - raises ValueError for a malformed host too
    except ValueError:
        return None
    return url


def _arxiv_id_from_path(path: str) -> str | None:
    match = _ARXIV_PATH.match(path)
    return normalise_arxiv_id(match[1]) if match else None


# --- small readers, each tolerant of whatever the field holds -------------------------------


def _first_str(*values: object) -> str:
    """The first value that is a non-empty string, else ""."""
    return next((v for v in values if isinstance(v, str) and v.strip()), "")


def _is_count(value: object) -> TypeGuard[int]:
    # bool is an int subclass; True is not "1 upvote".
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT


def _count(value: object) -> int:
    return value if _is_count(value) else 0


def _stars(value: object) -> int | None:
    return value if _is_count(value) else None


def _url(value: object) -> str:
    return safe_url(value) or ""


def _day_of(timestamp: object) -> str:
    """The YYYY-MM-DD date at the start of an ISO timestamp, or "" if it is not one."""
    text = clean_line(timestamp)[:10]
    try:
        return parse_date(text).isoformat()
    except ValueError:
        return ""


def _display_name(*owners: object) -> str:
    """The full name (else the user name) of the first user/organization object given."""
    for owner in owners:
        if isinstance(owner, dict):
            name = clean_line(owner.get("fullname")) or clean_line(owner.get("name"))
            if name:
                return name
    return ""


def _author_names(authors: object) -> Iterable[str]:
    if not isinstance(authors, list):
        return
    for author in authors:
        if isinstance(author, dict):
            if author.get("hidden") is True:
                continue
            name = clean_line(author.get("name"))
        else:
            name = clean_line(author)
        if name:
            yield name


def _keywords(keywords: object) -> Iterable[str]:
    if not isinstance(keywords, list):
        return
    for keyword in keywords:
        text = clean_line(keyword)
        if text:
            yield text


def _kind(value: object) -> str:
    """How a JSON value's type is named to a user."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
