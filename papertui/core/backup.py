"""The lossless JSON backup: every paper with the user's state, and its import.

An import validates the whole file before it writes anything: a file that is not a
papertui export, or holds one bad value anywhere, changes nothing and says which paper and
field are at fault. A good file goes in through the same cleaners as a fetch (the file may
come from anyone), adds only papers the store lacks (fetched data in the store is newer
than a backup) and replaces the state of each paper the user had touched. Importing the
same file twice changes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from papertui.core.context_store import ContextSummary
from papertui.core.models import Paper, StoredPaper, UserState, parse_date, utc_now
from papertui.core.safety import clean_line, clean_text, normalise_arxiv_id, safe_url
from papertui.core.store import Store, normalise_tags
from papertui.core.wording import plural
from papertui.core.watch import parse_watches, restore_watches

FORMAT_NAME = "papertui-export"
FORMAT_VERSION = 1
MAX_TEXT = 100_000  # longer strings than any abstract or note are cut, not refused


def paper_json(stored: StoredPaper) -> dict[str, object]:
    """One paper of the backup: the `list --json` shape plus what restoring it needs."""
    data = stored.to_json()
    data.update(
        submitted_at=stored.paper.submitted_at,
        thumbnail=stored.paper.thumbnail or None,
        updated_at=stored.state.updated_at or None,
        not_interested=stored.state.not_interested,
    )
    return data


def render_json(papers: Sequence[StoredPaper],
                watches: Sequence[dict[str, object]] | None = None,
                contexts: Mapping[str, ContextSummary] | None = None) -> str:
    """The versioned backup document, as pretty-printed UTF-8 JSON, with the user's watches
    when given (see core/watch.py). Papers whose context is in `contexts` carry `linked`:
    their linked-repo counts and top model ids."""
    document: dict[str, object] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": utc_now(),
        "count": len(papers),
        "papers": [_with_linked(paper_json(stored), (contexts or {}).get(stored.paper.id))
                   for stored in papers],
    }
    if watches is not None:
        document["watches"] = list(watches)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _with_linked(data: dict[str, object], linked: ContextSummary | None) -> dict[str, object]:
    if linked is not None:
        data["linked"] = {"num_models": linked.num_models, "num_datasets": linked.num_datasets,
                          "num_spaces": linked.num_spaces, "top_models": list(linked.top_models)}
    return data


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import changed."""

    papers_added: int = 0
    states_changed: int = 0
    bookmarks: int = 0
    read_marks: int = 0
    notes: int = 0
    tags: int = 0
    watches_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.papers_added or self.states_changed or self.watches_added)

    def describe(self) -> str:
        """One line for the user, e.g. "restored 2 bookmarks, ... on 3 papers (1 paper added)"."""
        if not self.changed:
            return "nothing to change: the store already matches"
        if self.watches_added:
            rest = replace(self, watches_added=0)
            watches = f"restored {plural(self.watches_added, 'watch', 'watches')}"
            return watches if not rest.changed else f"{rest.describe()}; {watches}"
        added = plural(self.papers_added, "paper")
        if not self.states_changed:
            return f"added {added}; no bookmarks, read marks, notes or tags to restore"
        parts = [
            plural(self.bookmarks, "bookmark"), plural(self.read_marks, "read mark"),
            plural(self.notes, "note"), plural(self.tags, "tag"),
        ]
        line = f"restored {', '.join(parts)} on {plural(self.states_changed, 'paper')}"
        return line + (f" ({added} added)" if self.papers_added else "")


def import_json(store: Store, text: str) -> ImportReport:
    """Restore papers and the user's state from a backup document.

    Raises ValueError with one reason (naming the paper and field) when the file cannot be
    used; nothing is written then. Papers already in the store keep their fetched data.
    """
    document = load_document(text)
    entries = parse_papers(document)
    watches = parse_watches(document.get("watches"))
    unknown = set(store.unknown_ids(paper.id for paper, _ in entries))
    new_papers = [paper for paper, _ in entries if paper.id in unknown]
    current = dict(store.user_states())
    changed: list[tuple[str, UserState]] = []
    for paper, state in entries:
        if state is None:
            continue
        old = current.get(paper.id)
        if old is None or _comparable(old) != _comparable(state):
            changed.append((paper.id, state))
    if new_papers:
        store.save_papers(new_papers)
    if changed:
        store.restore_state(changed)
    watches_added = restore_watches(store, watches) if watches else 0
    return ImportReport(
        watches_added=watches_added,
        papers_added=len(new_papers),
        states_changed=len(changed),
        bookmarks=sum(state.bookmarked for _, state in changed),
        read_marks=sum(state.read for _, state in changed),
        notes=sum(bool(state.note) for _, state in changed),
        tags=len({tag for _, state in changed for tag in state.tags}),
    )


def _comparable(state: UserState) -> tuple:
    """The parts of a state the store keeps, in the form it keeps them."""
    return (state.bookmarked, state.bookmarked_at, state.read, state.read_at,
            clean_text(state.note).strip(), tuple(normalise_tags(state.tags)),
            state.not_interested)


def parse_backup(text: str) -> list[tuple[Paper, UserState | None]]:
    """Every paper of a backup document with its state (None: the user never touched it),
    cleaned; ValueError naming the first problem."""
    return parse_papers(load_document(text))


def load_document(text: str) -> dict[str, Any]:
    """The backup document, checked to be a papertui export this papertui can read;
    ValueError saying why not."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except (TypeError, ValueError):
        raise ValueError("not JSON") from None
    except RecursionError:
        raise ValueError("not a papertui export (JSON nested too deeply to read)") from None
    if isinstance(document, list):
        raise ValueError("a JSON list, not a papertui export (`papertui list --json` output "
                         "cannot be imported; use `papertui export --format json`)")
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ValueError(f'not a papertui export (no "format": "{FORMAT_NAME}")')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError('"version" must be a whole number')
    if version > FORMAT_VERSION:
        raise ValueError(f"written by a newer papertui (export version {version}; this "
                         f"papertui reads version {FORMAT_VERSION}); upgrade papertui")
    if version < 1:
        raise ValueError(f"unknown export version {version}")
    return document


def parse_papers(document: dict[str, Any]) -> list[tuple[Paper, UserState | None]]:
    """Every paper of a loaded backup document with its state, cleaned; ValueError naming
    the first problem."""
    papers = document.get("papers")
    if not isinstance(papers, list):
        raise ValueError('"papers" must be a list')
    entries: list[tuple[Paper, UserState | None]] = []
    first_seen: dict[str, int] = {}
    for index, item in enumerate(papers):
        where = f"papers[{index}] (paper #{index + 1})"
        if not isinstance(item, dict):
            raise ValueError(f"{where} is {_kind(item)}, not an object")
        reader = _Fields(item, where)
        paper, state = reader.paper(), reader.state()
        if paper.id in first_seen:
            raise ValueError(f"{where}: {paper.id} appears twice (also paper #{first_seen[paper.id]})")
        first_seen[paper.id] = index + 1
        entries.append((paper, state))
    return entries


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


class _Fields:
    """Typed, cleaned reads of one paper object, each failure naming the paper and field."""

    def __init__(self, item: dict[str, Any], where: str) -> None:
        self.item = item
        self.where = where

    def fail(self, name: str, problem: str) -> ValueError:
        return ValueError(f'{self.where}: "{name}" {problem}')

    def text(self, name: str, *, line: bool = True, nullable: bool = True) -> str:
        value = self.item.get(name)
        if value is None and nullable:
            return ""
        if not isinstance(value, str):
            raise self.fail(name, f"must be text, not {_kind(value)}")
        cleaned = clean_line(value) if line else clean_text(value)
        return cleaned[:MAX_TEXT]

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.item.get(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of text")
        return tuple(cleaned for v in value if (cleaned := clean_line(v)[:1000]))

    def count(self, name: str, *, nullable: bool = False) -> int | None:
        value = self.item.get(name)
        if value is None:
            return None if nullable else 0
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(name, f"must be a whole number of 0 or more, not {value!r}"[:200])
        return value

    def flag(self, name: str) -> bool:
        value = self.item.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(name, f"must be true or false, not {_kind(value)}")
        return value

    def url(self, name: str) -> str:
        # An unsafe link is dropped, not refused: the rest of the paper is still worth having.
        return safe_url(self.text(name)) or ""

    def time(self, name: str) -> str:
        # Kept as written, not checked against a pattern: the store holds whatever the
        # service sent, and a backup must always import into the store it came from.
        return self.text(name)[:200]

    def paper(self) -> Paper:
        raw_id = self.item.get("id")
        paper_id = normalise_arxiv_id(raw_id) if isinstance(raw_id, str) else None
        if paper_id is None:
            raise self.fail("id", f"is not an arXiv id ({clean_line(raw_id)[:40] or _kind(raw_id)!r})")
        self.where = f"{self.where} {paper_id}"
        day = self.text("day")
        if day:
            try:
                parse_date(day)
            except ValueError:
                raise self.fail("day", f"is not a date ({day[:40]!r})") from None
        return Paper(
            id=paper_id,
            title=self.text("title", nullable=False),
            abstract=self.text("abstract", line=False),
            authors=self.texts("authors"),
            day=day,
            published_at=self.time("published_at"),
            submitted_at=self.time("submitted_at"),
            upvotes=self.count("upvotes") or 0,
            comments=self.count("comments") or 0,
            organization=self.text("organization"),
            submitter=self.text("submitter"),
            ai_summary=self.text("ai_summary", line=False),
            ai_keywords=self.texts("ai_keywords"),
            github_repo=self.url("github_repo"),
            github_stars=self.count("github_stars", nullable=True),
            project_page=self.url("project_page"),
            thumbnail=self.url("thumbnail"),
        )

    def state(self) -> UserState | None:
        state = UserState(
            bookmarked=self.flag("bookmarked"),
            read=self.flag("read"),
            note=self.text("note", line=False).strip(),
            tags=tuple(normalise_tags(self.texts("tags"))),
            bookmarked_at=self.time("bookmarked_at"),
            read_at=self.time("read_at"),
            updated_at=self.time("updated_at"),
            not_interested=self.flag("not_interested"),
        )
        # A paper the user never touched has no state row; restoring one would invent it
        # (and could clear a bookmark made since the backup).
        if state == UserState():
            return None
        return state
