"""What Hugging Face knows about a paper beyond the daily list: linked models, datasets and
Spaces, the discussion, the collections that include it, and its full text.

Nothing here touches the network or the store: the client hands over bodies, this module
hands back cleaned dataclasses. Every string from a response goes through `safety`'s
cleaners and every URL through `safe_url`, so what leaves this module is safe to store and
to show. Comments are written by strangers: their Markdown is kept as the author wrote it
(cleaned, and capped) and turned into readable text only for display (see `markdown_text`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from papertui.core.parse import _absolute, _island
from papertui.core.safety import clean_line, clean_text, safe_url

if TYPE_CHECKING:  # the HTML parser loads with the first page parsed, not with stored context
    from selectolax.lexbor import LexborHTMLParser

RepoKind = Literal["model", "dataset", "space"]
REPO_KINDS: tuple[RepoKind, ...] = ("model", "dataset", "space")
HUB = "https://huggingface.co"
_HUB_PREFIX: dict[RepoKind, str] = {"model": "", "dataset": "datasets/", "space": "spaces/"}

# Caps that keep a hostile page from filling the store or the screen. The figures are
# far above anything real (the busiest real threads hold tens of comments).
MAX_COMMENTS = 2_000
MAX_COMMENT_CHARS = 20_000
MAX_REPLY_DEPTH = 8
MAX_REPOS = 5_000
MAX_COLLECTIONS = 500
MAX_FULL_TEXT_CHARS = 4_000_000
MAX_COUNT = 2**53 - 1


@dataclass(frozen=True, slots=True)
class LinkedRepo:
    """A model, dataset or Space on the Hub that cites the paper."""

    kind: RepoKind
    id: str  # "owner/name"
    likes: int = 0
    downloads: int | None = None  # Spaces have none
    last_modified: str = ""
    pipeline_tag: str = ""  # models
    library_name: str = ""  # models
    sdk: str = ""  # Spaces

    @property
    def url(self) -> str:
        """The repo's page on the Hub."""
        return f"{HUB}/{_HUB_PREFIX[self.kind]}{quote(self.id, safe='/')}"

    @property
    def detail(self) -> str:
        """The task, library or SDK, whichever the Hub gave."""
        return " · ".join(part for part in (self.pipeline_tag, self.library_name, self.sdk) if part)

    @property
    def download_command(self) -> str:
        """The command that downloads the repo (`hf download`), or "" for a Space."""
        if self.kind == "space":
            return ""
        kind = " --repo-type dataset" if self.kind == "dataset" else ""
        return f"hf download {self.id}{kind}"

    def to_json(self) -> dict[str, object]:
        """The shape of `papertui show --json`: only the fields the Hub gave."""
        data: dict[str, object] = {"id": self.id, "likes": self.likes}
        if self.downloads is not None:
            data["downloads"] = self.downloads
        data["last_modified"] = self.last_modified
        for name in ("pipeline_tag", "library_name", "sdk"):
            if value := getattr(self, name):
                data[name] = value
        data["url"] = self.url
        return data


@dataclass(frozen=True, slots=True)
class Reaction:
    emoji: str
    count: int


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment of the discussion. `text` is the author's Markdown, cleaned; a hidden
    comment keeps no text, only why it was hidden."""

    author: str
    created_at: str = ""
    edited: bool = False
    hidden: bool = False
    hidden_reason: str = ""
    reactions: tuple[Reaction, ...] = ()
    text: str = ""
    author_fullname: str = ""
    replies: tuple[Comment, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The shape of `papertui show --json`."""
        data: dict[str, object] = {
            "author": self.author, "created_at": self.created_at, "edited": self.edited,
            "hidden": self.hidden, "text": self.text,
        }
        if self.hidden:
            data["hidden_reason"] = self.hidden_reason
        if self.reactions:
            data["reactions"] = [{"emoji": r.emoji, "count": r.count} for r in self.reactions]
        data["replies"] = [reply.to_json() for reply in self.replies]
        return data


@dataclass(frozen=True, slots=True)
class Collection:
    """A Hub collection that includes the paper."""

    title: str
    url: str
    items: int | None = None
    updated_at: str = ""

    def to_json(self) -> dict[str, object]:
        return {"title": self.title, "url": self.url, "items": self.items}


@dataclass(slots=True)
class RepoLinks:
    """The linked repos of a paper by kind, and how many the Hub counts of each (which may
    exceed the list when only the first few were sent)."""

    repos: dict[RepoKind, list[LinkedRepo]] = field(
        default_factory=lambda: {kind: [] for kind in REPO_KINDS})
    totals: dict[RepoKind, int] = field(default_factory=dict)

    def count(self, kind: RepoKind) -> int:
        return max(self.totals.get(kind, 0), len(self.repos[kind]))


@dataclass(slots=True)
class PaperContext:
    """Everything known about one paper beyond its list entry, as stored."""

    paper_id: str
    has_page: bool = True  # False: Hugging Face has no page for the paper (404)
    links: RepoLinks = field(default_factory=RepoLinks)
    comments: list[Comment] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    fetched_at: str = ""  # when it was last fetched in full; "" if never
    complete: bool = True  # False: the last fetch got only some parts

    @property
    def models(self) -> list[LinkedRepo]:
        return self.links.repos["model"]

    @property
    def datasets(self) -> list[LinkedRepo]:
        return self.links.repos["dataset"]

    @property
    def spaces(self) -> list[LinkedRepo]:
        return self.links.repos["space"]

    @property
    def comment_count(self) -> int:
        """Comments and replies, hidden ones included."""
        def size(comments: tuple[Comment, ...] | list[Comment]) -> int:
            return sum(1 + size(c.replies) for c in comments)
        return size(self.comments)

    def to_json(self) -> dict[str, object]:
        """The context part of `papertui show --json`."""
        return {
            "models": [r.to_json() for r in self.models],
            "datasets": [r.to_json() for r in self.datasets],
            "spaces": [r.to_json() for r in self.spaces],
            "num_models": self.links.count("model"),
            "num_datasets": self.links.count("dataset"),
            "num_spaces": self.links.count("space"),
            "collections": [c.to_json() for c in self.collections],
            "comments": [c.to_json() for c in self.comments],
            "context_fetched_at": self.fetched_at or None,
            "has_hf_page": self.has_page,
        }


@dataclass(frozen=True, slots=True)
class FullText:
    """The paper as Markdown (`/papers/{id}.md`), or why there is none."""

    markdown: str = ""
    problem: str = ""  # "" when there is text; else one sentence for the user
    fetched_at: str = ""

    @property
    def available(self) -> bool:
        return bool(self.markdown)


# --- the JSON endpoints ---------------------------------------------------------------------


def parse_repo(kind: RepoKind, data: object) -> LinkedRepo | None:
    """One repo of `/api/arxiv/{id}/repos` or `linkedModels` etc.; None when unusable
    (no id, a private repo, or an id that does not look like "owner/name")."""
    if not isinstance(data, dict) or data.get("private") is True:
        return None
    repo_id = clean_line(data.get("id") or data.get("modelId"))[:200]
    if not _is_repo_id(repo_id):
        return None
    downloads = data.get("downloads")
    return LinkedRepo(
        kind=kind, id=repo_id, likes=_count(data.get("likes")),
        downloads=_count(downloads) if _is_count(downloads) else None,
        last_modified=clean_line(data.get("lastModified"))[:40],
        pipeline_tag=clean_line(data.get("pipeline_tag"))[:60] if kind == "model" else "",
        library_name=clean_line(data.get("library_name"))[:60] if kind == "model" else "",
        sdk=clean_line(data.get("sdk"))[:40] if kind == "space" else "",
    )


def parse_repos(data: object) -> RepoLinks:
    """`GET /api/arxiv/{id}/repos`: `{"models": [...], "datasets": [...], "spaces": [...]}`.
    Anything of another shape gives no repos rather than an error."""
    links = RepoLinks()
    if not isinstance(data, dict):
        return links
    for kind in REPO_KINDS:
        _add_repos(links, kind, data.get(kind + "s"))
    return links


def parse_paper_api(data: object) -> RepoLinks:
    """The linked repos `GET /api/papers/{id}` carries: the first few of each kind
    (`linkedModels`...) and the Hub's totals (`numTotalModels`...)."""
    links = RepoLinks()
    if not isinstance(data, dict):
        return links
    for kind in REPO_KINDS:
        name = kind.capitalize() + "s"
        _add_repos(links, kind, data.get("linked" + name))
        if _is_count(total := data.get("numTotal" + name)):
            links.totals[kind] = _count(total)
    return links


def merge_links(first_few: RepoLinks, every: RepoLinks | None) -> RepoLinks:
    """The full list from the repos endpoint when it answered, with the paper's totals."""
    merged = every if every is not None else first_few
    for kind in REPO_KINDS:
        total = max(first_few.totals.get(kind, 0), len(merged.repos[kind]))
        if total:
            merged.totals[kind] = total
    return merged


def _add_repos(links: RepoLinks, kind: RepoKind, items: object) -> None:
    if not isinstance(items, list):
        return
    seen = {repo.id for repo in links.repos[kind]}
    for item in items[:MAX_REPOS]:
        repo = parse_repo(kind, item)
        if repo is not None and repo.id not in seen:
            seen.add(repo.id)
            links.repos[kind].append(repo)


def _is_repo_id(value: str) -> bool:
    """Whether `value` reads as the Hub's "owner/name". Neither part may start with "-" or
    ".": the id goes into a command the user copies (`hf download <id>`), where "-x/y" would
    be read as an option."""
    owner, _, name = value.partition("/")
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    return bool(owner and name and "/" not in name and set(owner) <= allowed
                and set(name) <= allowed and ".." not in value
                and owner[0] not in "-." and name[0] not in "-.")


# --- the paper page: discussion and collections -------------------------------------------


def parse_page_context(html: str | bytes) -> tuple[list[Comment], list[Collection]]:
    """The discussion (the `PaperContent` island's `comments`) and the "Collections
    including this paper" cards of a paper page. A page without them gives empty lists."""
    from selectolax.lexbor import LexborHTMLParser

    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    tree = LexborHTMLParser(html or "")
    props = _island(tree, "PaperContent") or {}
    comments = parse_comments(props.get("comments"))
    return comments, _collections(tree)


def parse_comments(items: object, depth: int = 0) -> list[Comment]:
    """Comments as the page's island holds them; replies nest when the data nests them."""
    if not isinstance(items, list) or depth > MAX_REPLY_DEPTH:
        return []
    comments = []
    for item in items[:MAX_COMMENTS]:
        comment = _comment(item, depth)
        if comment is not None:
            comments.append(comment)
    return comments


def _comment(item: object, depth: int) -> Comment | None:
    if not isinstance(item, dict) or item.get("type", "comment") != "comment":
        return None
    data, author = _dict(item.get("data")), _dict(item.get("author"))
    latest = _dict(data.get("latest"))
    hidden = data.get("hidden") is True
    text = ""
    if not hidden:
        raw = latest.get("raw")
        text = clean_text(raw) if isinstance(raw, str) else html_text(latest.get("html"))
        text = cap_text(text.strip(), MAX_COMMENT_CHARS, "comment")
    replies = item.get("replies", data.get("replies"))
    return Comment(
        author=clean_line(author.get("name"))[:80] or "(unknown)",
        author_fullname=clean_line(author.get("fullname"))[:120],
        created_at=clean_line(item.get("createdAt"))[:40],
        edited=data.get("edited") is True,
        hidden=hidden,
        hidden_reason=clean_line(data.get("hiddenReason"))[:120] if hidden else "",
        reactions=_reactions(data.get("reactions")),
        text=text,
        replies=tuple(parse_comments(replies, depth + 1)),
    )


def _reactions(items: object) -> tuple[Reaction, ...]:
    if not isinstance(items, list):
        return ()
    found = []
    for item in items[:50]:
        if not isinstance(item, dict):
            continue
        emoji = clean_line(item.get("reaction") or item.get("emoji"))[:16]
        users = item.get("users")
        count = item.get("count", len(users) if isinstance(users, list) else 0)
        if emoji and _is_count(count) and count > 0:
            found.append(Reaction(emoji, _count(count)))
    return tuple(found)


def _collections(tree: LexborHTMLParser) -> list[Collection]:
    found: dict[str, Collection] = {}
    for link in tree.css('a[href^="/collections/"], a[href^="https://huggingface.co/collections/"]'):
        url = safe_url(_absolute(link.attributes.get("href")))
        if url is None or url in found:
            continue
        heading = link.css_first("h4") or link.css_first("header")
        title = clean_line(heading.text() if heading else "")[:200]
        if not title:
            continue
        items = None
        for span in link.css("span"):
            words = clean_line(span.text()).split()
            if len(words) == 2 and words[1] in ("item", "items") and words[0].replace(",", "").isdigit():
                items = min(int(words[0].replace(",", "")), MAX_COUNT)
                break

        time = link.css_first("time")
        updated = clean_line(time.attributes.get("datetime") if time else "")[:40]
        found[url] = Collection(title=title, url=url, items=items, updated_at=updated)
        if len(found) >= MAX_COLLECTIONS:
            break
    return list(found.values())


# --- full text -------------------------------------------------------------------------------


def parse_full_text(body: bytes | str) -> FullText:
    """The body of `/papers/{id}.md`: cleaned Markdown (invalid UTF-8 replaced, escape
    sequences removed), capped at MAX_FULL_TEXT_CHARS with a note saying so. A web page
    where Markdown was promised is "no full text", not a page shown as text."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    head = text[:1024].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body")):
        return FullText(problem="Hugging Face sent a web page instead of the paper's "
                                "Markdown, so there is no full text to read here.")
    text = clean_text(text).strip()
    if not text:
        return FullText(problem="Hugging Face has no full text for this paper.")
    return FullText(markdown=cap_text(text, MAX_FULL_TEXT_CHARS, "full text"))


def cap_text(text: str, limit: int, what: str) -> str:
    """`text` cut at a line end before `limit` characters, with a closing note that says
    it was cut; unchanged when shorter."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return (f"{text[:cut].rstrip()}\n\n[papertui: the {what} is {len(text):,} characters long; "
            f"only the first {cut:,} are kept.]")


def html_text(value: object) -> str:
    """The readable text of an HTML fragment (where Markdown was promised but HTML came)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(value.replace("<br>", "\n").replace("</p>", "</p>\n\n"))
    root = tree.body or tree.root
    return clean_text(root.text(deep=True, separator="") if root else "")


# --- small readers -----------------------------------------------------------------------------


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT


def _count(value: object) -> int:
    return value if _is_count(value) else 0  # type: ignore[return-value]


def parse_json_body(body: bytes) -> object:
    """A JSON body, or None when it is not JSON (or nested deep enough to be an attack)."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None
