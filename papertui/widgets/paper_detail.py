"""The detail pane: everything known about one paper, scrollable.

Every remote string goes in as plain text inside `Content` objects, never through markup, so
a title such as "[@click=app.quit]x[/]" or "$\\mathcal{O}(n)$ [MoE]" is shown exactly as the
authors wrote it. The links are clickable through an action that names the *kind* of link
("hf", "code"...), never the URL; the screen's open_link action finds the URL of the
paper it shows and opens it through the one checked path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from papertui.core.models import Paper, StoredPaper
from papertui.core.safety import clean_line, clean_text

if TYPE_CHECKING:
    from papertui.core.related import RelatedPaper
from papertui.core.wording import long_date, plural, short_count

AUTHORS_SHOWN = 12

# (kind, label): the order links appear in, and the kinds `open_link` accepts.
LINKS = (("hf", "Hugging Face"), ("arxiv", "arXiv"), ("pdf", "PDF"), ("code", "GitHub"),
         ("project", "project page"))


def link_url(stored: StoredPaper, kind: str) -> str:
    """The URL of one kind of link of a paper ("" when the paper has none)."""
    paper = stored.paper
    return {
        "hf": paper.hf_url, "arxiv": paper.arxiv_url, "pdf": paper.pdf_url,
        "code": paper.github_repo, "project": paper.project_page,
    }.get(kind, "")


class PaperDetail(VerticalScroll, can_focus=True):
    """Shows one paper. `show(None, message)` shows a message instead."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("shift+space", "page_up", "Page up", show=False),
    ]

    DEFAULT_CSS = """
    PaperDetail > #detail-body { width: 1fr; height: auto; padding: 0 1; }
    PaperDetail > #detail-related { width: 1fr; height: auto; padding: 1 1 0 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.paper: StoredPaper | None = None
        self._width = 0  # the width the text was laid out for

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="detail-body")
        yield Static(Content(""), id="detail-related")

    def show(self, stored: StoredPaper | None, message: str = "") -> None:
        """Show `stored` (scrolling back to the top when it is another paper)."""
        same = (stored is not None and self.paper is not None
                and stored.paper.id == self.paper.paper.id)
        width = self._text_width()
        if same and stored == self.paper and not message and width == self._width:
            return  # the same paper, unchanged: a rebuild would only cost a re-layout
        self.paper = stored
        self._width = width
        body = self.query_one("#detail-body", Static)
        body.update(render_paper(stored, width) if stored is not None else Content(message))
        if not same:
            self.query_one("#detail-related", Static).update(Content(""))
            self.scroll_home(animate=False)

    def show_related(self, paper_id: str, related: Sequence[RelatedPaper], why: str,
                     watching: Sequence[str] = ()) -> None:
        """Add the papers most like the one shown, and why it is ranked for the user, once
        they are found (after the paper itself is on screen)."""
        if self.paper is None or self.paper.paper.id != paper_id:
            return  # the cursor has moved on
        self.query_one("#detail-related", Static).update(
            render_related(related, why, watching))

    def _text_width(self) -> int:
        # The body's padding, and the scrollbar that a long paper brings after the layout.
        return max(20, self.size.width - 3)

    def on_resize(self) -> None:
        if self.paper is not None and self._text_width() != self._width:
            self.show(self.paper)


def render_related(related: Sequence[RelatedPaper], why: str,
                   watching: Sequence[str] = ()) -> Content:
    """The related papers under the detail, each with the reason it was found; the watches
    the paper matches; and why it is in the for-you order, when it is. Remote text, so
    plain Content only."""
    parts: list[Content] = []
    if watching:
        parts += [Content.assemble(Content.styled("◆ Matches your watch: ", "bold"),
                                   Content(clean_line(", ".join(watching)))), Content("")]
    if why:
        parts += [Content.styled("Why for you", "bold"), Content(clean_text(why)), Content("")]
    if related:
        parts.append(Content.assemble(Content.styled("Related papers", "bold"),
                                      Content.styled(" · L lists them all", "$text-muted")))
        for paper in related:
            parts.append(Content.assemble(Content(f"• {clean_line(paper.title)}"),
                                          Content.styled(f" · {clean_line(paper.reason)}",
                                                         "$text-muted")))
    return Content("\n").join(parts)


def shown_url(url: str, room: int) -> str:
    """A link as shown beside its name: no scheme, cut to `room` cells with an ellipsis, so a
    long link never wraps in the middle of itself (the click opens the whole link)."""
    text = clean_line(url)
    for scheme in ("https://", "http://"):
        if text.startswith(scheme):
            text = text[len(scheme):]
    if room < 8:
        return ""
    return text if len(text) <= room else text[: room - 1] + "…"


def render_paper(stored: StoredPaper, width: int = 80) -> Content:
    """The detail text of one paper, built from plain strings only: what it is about first
    (AI summary, abstract), then links and the rest. `width` is the room for a line."""
    paper, state = _cleaned(stored.paper), stored.state
    muted = "$text-muted"
    label = "bold"
    parts: list[Content] = []

    def line(*pieces: Content | str) -> None:
        parts.append(Content.assemble(*pieces))

    def field(name: str, value: str) -> None:
        if value:
            line(Content.styled(f"{name}: ", label), Content(value))

    parts.append(Content.styled(paper.title or paper.id, "bold $accent"))
    marks = [paper.id]
    if state.bookmarked:
        marks.append("★ bookmarked")
    marks.append("read" if state.read else "unread")
    marks.append(f"▲ {paper.upvotes} · {plural(paper.comments, 'comment')}")
    line(Content.styled(" · ".join(marks), muted))
    authors = list(paper.authors)
    if authors:
        shown = ", ".join(authors[:AUTHORS_SHOWN])
        more = len(authors) - AUTHORS_SHOWN
        line(Content(shown),
             Content.styled(f" … and {more} more ({len(authors)} authors)", muted) if more > 0 else "")
    parts.append(Content(""))

    if paper.ai_summary:
        parts.append(Content.styled("AI summary", label))
        parts.append(Content(paper.ai_summary))
        parts.append(Content(""))
    parts.append(Content.styled("Abstract", label))
    parts.append(Content(paper.abstract or "(no abstract)"))
    parts.append(Content(""))

    parts.append(Content.styled("Links", label))
    for kind, name in LINKS:
        url = link_url(stored, kind)
        if not url:
            continue
        text = name
        if kind == "code" and paper.github_stars is not None:
            text = f"{name} ★{short_count(paper.github_stars)}"
        # The click names the kind of link, never the URL: nothing remote reaches an action.
        click = Style.from_meta({"@click": f"screen.open_link({kind!r})"})
        line(Content.styled(f"  {text}", "underline $text-primary").stylize(click),
             Content.styled(f"  {shown_url(url, width - len(text) - 4)}", muted))
    parts.append(Content(""))

    if paper.ai_keywords:
        line(Content.styled("Keywords: ", label), Content(", ".join(paper.ai_keywords)))
    field("Organization", paper.organization)
    field("Submitted by", paper.submitter)
    dates = []
    if paper.published_at:
        dates.append(f"arXiv {long_date(paper.published_at)}")
    if paper.day:
        dates.append(f"Daily Papers {long_date(paper.day)}")
    field("Dates", " · ".join(dates))
    parts.append(Content(""))
    tags, note = ", ".join(clean_line(tag) for tag in state.tags), clean_text(state.note)
    line(Content.styled("Tags: ", label),
         Content(tags) if tags else Content.styled("none (t to add)", muted))
    parts.append(Content.styled("Note", label))
    parts.append(Content(note) if note else Content.styled("none (n to write one)", muted))
    return Content("\n").join(parts)


def _cleaned(paper: Paper) -> Paper:
    """`paper` with its text cleaned again. Content sends text to the terminal as it is, so
    a store filled by anything but papertui's cleaners must still not reach it raw."""
    return replace(
        paper, id=clean_line(paper.id), title=clean_line(paper.title),
        abstract=clean_text(paper.abstract), authors=tuple(map(clean_line, paper.authors)),
        day=clean_line(paper.day), published_at=clean_line(paper.published_at),
        organization=clean_line(paper.organization), submitter=clean_line(paper.submitter),
        ai_summary=clean_text(paper.ai_summary),
        ai_keywords=tuple(map(clean_line, paper.ai_keywords)))
