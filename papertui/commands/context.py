"""`papertui show`, `papertui text` and `papertui fetch --context`: a paper's context on the
command line. Registered from `build_parser`; imports (asyncio included) stay inside the
commands, so `papertui list` pays nothing for them.
"""

from __future__ import annotations

import argparse
import sys
# typing.TYPE_CHECKING would import typing (milliseconds) on every `papertui` start.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from papertui.core.config import Config
    from papertui.core.context import PaperContext
    from papertui.core.context_fetch import ContextFetchSummary, ContextProgress
    from papertui.core.models import StoredPaper
    from papertui.core.store import Store


def register(commands, common: argparse.ArgumentParser, fetch: argparse.ArgumentParser,
             views) -> None:
    """Add `show` and `read`, and `--context` (with `--bookmarks` and IDs) to `fetch`."""
    show = commands.add_parser(
        "show", parents=[common], help="everything known about one paper",
        description="Show one paper with its linked models, datasets and Spaces, its "
        "collections and its discussion. Fetches what is missing or stale unless --offline.")
    show.add_argument("id", metavar="ID", help="arXiv id, e.g. 2509.24002")
    show.add_argument("--json", action="store_true",
                      help="the `list --json` object plus the paper's context")
    show.set_defaults(run=run_show)

    # `papertui read ID` already marks papers read (a stable interface scripts use), so
    # the full text has a name of its own.
    read = commands.add_parser(
        "text", aliases=["fulltext"], parents=[common], help="a paper's full text as Markdown",
        description="Print a paper's full text (Markdown) on standard output, through $PAGER "
        "on a terminal. Fetches it first unless it is stored or --offline is given.")
    read.add_argument("id", metavar="ID", help="arXiv id, e.g. 2606.13681")
    read.set_defaults(run=run_read)

    fetch.add_argument("--context", action="store_true",
                       help="fetch papers' context and full text for offline reading "
                       "(with --bookmarks, --date, --week or IDs)")
    views.add_argument("--bookmarks", action="store_true",
                       help="with --context: the bookmarked papers")
    fetch.add_argument("ids", nargs="*", metavar="ID", help="with --context: these papers")
    # IDs alone are a valid choice with --context, so the view group cannot stay required.
    views.required = False
    papers_fetch = fetch.get_default("run")

    def run_fetch(args: argparse.Namespace) -> int:
        if args.context:
            return run_fetch_context(args)
        # Usage errors, as argparse itself reports them (exit status 2).
        if args.ids or args.bookmarks:
            fetch.error("IDs and --bookmarks need --context")
        chosen = [getattr(args, name, None) is not None
                  for name in ("date", "week", "month", "days", "search")]
        if not any(chosen) and not args.latest and not args.trending:
            fetch.error("one of the arguments --date --week --month --days --latest --trending "
                        "--search is required (or --context with --bookmarks, --date, --week or "
                        "IDs)")
        return papers_fetch(args)

    fetch.set_defaults(run=run_fetch)


# -- show ------------------------------------------------------------------------------------


def run_show(args: argparse.Namespace) -> int:
    """Print one paper and its context; fetch the context first when missing or stale."""
    from papertui.__main__ import EXIT_OK, CommandError, _context, _open_store
    from papertui.core.context_store import load_context, needs_context

    paper_id = _checked_id(args.id)
    paths, config, base_url = _context(args)
    store = _open_store(paths)
    try:
        problem = ""
        if not args.offline and needs_context(store, paper_id,
                                              refresh_hours=config.context_refresh_hours):
            problem = _fetch(store, [paper_id], base_url, config, full_text=False)
        stored, context = store.get(paper_id), load_context(store, paper_id)
    finally:
        store.close()
    if stored is None and (context is None or not context.has_page):
        where = "Hugging Face has no page for it" if context else (
            problem or "use it without --offline to fetch it")
        raise CommandError(f"{paper_id} is not in the store; {where}")
    if problem:
        print(f"papertui: warning: {problem}; showing what is stored", file=sys.stderr)
    if args.json:
        import json

        data: dict[str, object] = stored.to_json() if stored else {"id": paper_id}
        # `comments` is the list's count there and the comments themselves here (as the
        # issue specifies); the count stays, as `num_comments`.
        data["num_comments"] = data.pop("comments", None)
        data.update(_context_json(context))
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(describe(paper_id, stored, context))
    return EXIT_OK


def _context_json(context: PaperContext | None) -> dict[str, object]:
    if context is not None:
        return context.to_json()
    return {"models": [], "datasets": [], "spaces": [], "num_models": None,
            "num_datasets": None, "num_spaces": None, "collections": [], "comments": [],
            "context_fetched_at": None}


def describe(paper_id: str, stored: StoredPaper | None, context: PaperContext | None) -> str:
    """The plain-text page of `papertui show`."""
    from papertui.core.markdown_text import markdown_text

    lines: list[str] = []
    if stored is not None:
        paper = stored.paper
        lines += [paper.title, f"{paper.id} · {paper.day or 'undated'} · {paper.upvotes} upvotes",
                  paper.hf_url, ""]
    else:
        lines += [paper_id, ""]
    if context is None:
        return "\n".join(lines + ["No context stored yet (run without --offline)."]) + "\n"
    if not context.has_page:
        lines += ["Hugging Face has no page for this paper.", ""]
    for label, kind, repos in (("Models", "model", context.models),
                               ("Datasets", "dataset", context.datasets),
                               ("Spaces", "space", context.spaces)):
        count = context.links.count(kind)  # type: ignore[arg-type]
        lines.append(f"{label} ({count})")
        for repo in sorted(repos, key=lambda r: -r.likes):
            downloads = "" if repo.downloads is None else f" · {repo.downloads:,} downloads"
            detail = f" · {repo.detail}" if repo.detail else ""
            lines.append(f"  {repo.id}{detail} · {repo.likes:,} likes{downloads}")
        lines.append("")
    lines.append(f"Collections ({len(context.collections)})")
    for collection in context.collections:
        items = "" if collection.items is None else f" · {collection.items:,} items"
        lines.append(f"  {collection.title}{items} · {collection.url}")
    lines += ["", f"Discussion ({context.comment_count})"]

    def comment_lines(comments, depth: int) -> None:
        pad = "  " * (depth + 1)
        for comment in comments:
            edited = " · edited" if comment.edited else ""
            lines.append(f"{pad}{comment.author} · {comment.created_at[:10]}{edited}")
            if comment.hidden:
                reason = f": {comment.hidden_reason}" if comment.hidden_reason else ""
                lines.append(f"{pad}  (hidden{reason})")
            else:
                lines.extend(f"{pad}  {line}" for line in markdown_text(comment.text).splitlines())
            lines.append("")
            comment_lines(comment.replies, depth + 1)

    comment_lines(context.comments, 0)
    when = context.fetched_at or "never completely"
    lines.append(f"Context as of {when}.")
    return "\n".join(lines) + "\n"


# -- read ------------------------------------------------------------------------------------


def run_read(args: argparse.Namespace) -> int:
    """The full text on stdout (through $PAGER on a terminal); exit 1 when there is none."""
    from papertui.__main__ import EXIT_OK, CommandError, _context, _open_store
    from papertui.core.context_store import load_full_text, needs_full_text

    paper_id = _checked_id(args.id)
    paths, config, base_url = _context(args)
    store = _open_store(paths)
    try:
        problem = ""
        if not args.offline and needs_full_text(store, paper_id,
                                                refresh_hours=config.context_refresh_hours):
            problem = _fetch(store, [paper_id], base_url, config, full_text=True)
        text = load_full_text(store, paper_id)
    finally:
        store.close()
    if text is None or not text.available:
        why = (text.problem if text else problem) or "it is not stored yet (run without --offline)"
        raise CommandError(f"no full text for {paper_id}: {why.rstrip('.')}")
    if sys.stdout.isatty():
        import pydoc

        pydoc.pager(text.markdown)
    else:
        sys.stdout.write(text.markdown.rstrip("\n") + "\n")
    return EXIT_OK


# -- fetch --context ---------------------------------------------------------------------------


def run_fetch_context(args: argparse.Namespace) -> int:
    """Fetch the context and full text of the chosen papers, with a progress bar."""
    from papertui.__main__ import EXIT_OK, CommandError, _context, _open_store, _ProgressBar
    from papertui.core.models import week_range
    from papertui.core.query import FilterSpec

    if args.offline:
        raise CommandError("fetch needs the network, and --offline was given")
    chosen = [bool(args.ids), args.bookmarks, bool(args.date), bool(args.week)]
    if sum(chosen) != 1 or args.month or args.days or args.latest or args.trending or args.search:
        raise CommandError("--context takes one of --bookmarks, --date, --week or IDs")
    paths, config, base_url = _context(args)
    store = _open_store(paths)
    try:
        if args.ids:
            ids = [_checked_id(raw) for raw in args.ids]
        else:
            try:
                if args.week:
                    first, last = week_range(args.week)
                    spec = FilterSpec(since=first.isoformat(), until=last.isoformat())
                elif args.date:
                    from papertui.core.models import parse_date

                    day = parse_date(args.date).isoformat()
                    spec = FilterSpec(since=day, until=day)
                else:
                    spec = FilterSpec(bookmarked=True)
            except ValueError as error:
                raise CommandError(str(error)) from None
            ids = [stored.paper.id for stored in store.select(spec.with_(sort="date"))]
            if not ids:
                raise CommandError("no papers in the store match; fetch their day first")
        bar = _ProgressBar(f"context of {len(ids)} papers") if sys.stderr.isatty() else None
        try:
            summary = _fetch_context(store, ids, base_url, config, force=args.force,
                                     progress=bar.update if bar else None)
        finally:
            if bar:
                bar.close()
    finally:
        store.close()
    if summary.errors and not summary.fetched:
        raise CommandError(summary.describe())
    print(summary.describe())
    return EXIT_OK


def _fetch_context(store: Store, ids: list[str], base_url: str, config: Config, *,
                   full_text: bool = True, force: bool = False,
                   progress: ContextProgress | None = None) -> ContextFetchSummary:
    """Fetch the context (and full text) of `ids`, as [network] and the config say."""
    import asyncio

    from papertui.core.context_fetch import fetch_context

    return asyncio.run(fetch_context(
        store, ids, base_url=base_url, full_text=full_text, force=force, progress=progress,
        refresh_hours=config.context_refresh_hours, client_options=config.client_options()))


def _fetch(store: Store, ids: list[str], base_url: str, config: Config, *,
           full_text: bool) -> str:
    """Fetch context for `ids`; the first failure as one sentence, or ""."""
    summary = _fetch_context(store, ids, base_url, config, full_text=full_text)
    return next(iter(summary.errors.values()), "")


def _checked_id(raw: str) -> str:
    from papertui.__main__ import CommandError
    from papertui.core.safety import normalise_arxiv_id

    paper_id = normalise_arxiv_id(raw)
    if paper_id is None:
        raise CommandError(f"{raw!r} is not an arXiv id (e.g. 2509.24002)")
    return paper_id
