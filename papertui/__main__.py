"""The `papertui` command: the app with no subcommand, or a subcommand for scripts.

The subcommand names and options are a stable interface: scripts depend on them.
Imports are kept inside the commands so `papertui list` never pays for Textual or httpx.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from papertui import __version__

EXIT_OK, EXIT_FAILURE = 0, 1


class CommandError(Exception):
    """A failure to report as one line on stderr, with exit status 1."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run papertui with `argv` (default: the process arguments); returns the exit status."""
    import sqlite3

    from papertui.core.store import StoreError, describe_sqlite_error

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (CommandError, StoreError) as error:
        print(f"papertui: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except sqlite3.Error as error:  # a read that met a damaged or vanished store
        from papertui.core.config import resolve_paths
        from papertui.core.store import STORE_FILENAME

        store = resolve_paths(getattr(args, "data_dir", None)).data_dir / STORE_FILENAME
        print(f"papertui: {describe_sqlite_error(error, store)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("papertui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `papertui list | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


# -- arguments -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every subcommand."""
    from papertui.core.models import EXPORT_FORMATS, GROUPS, SORTS

    # Global options are accepted before or after the subcommand; SUPPRESS keeps a
    # subcommand's unset copy from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    _add_global_options(common, default=argparse.SUPPRESS)

    parser = argparse.ArgumentParser(
        prog="papertui",
        description="A keyboard-driven terminal reader for Hugging Face Daily Papers.",
        epilog="Run without a subcommand to start the app. "
        "`papertui COMMAND --help` describes each command.",
    )
    _add_global_options(parser, default=None)
    parser.add_argument("--version", action="version", version=f"papertui {__version__}")
    parser.set_defaults(run=run_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    fetch = commands.add_parser(
        "fetch", parents=[common], help="fetch papers into the local store",
        description="Fetch a view of Hugging Face Daily Papers into the local store. "
        "A finished past day already in the store is not fetched again unless --force.",
    )
    views = fetch.add_mutually_exclusive_group(required=True)
    views.add_argument("--date", metavar="YYYY-MM-DD", help="one day's papers")
    views.add_argument("--week", metavar="YYYY-Www", help="an ISO week's papers, e.g. 2026-W19")
    views.add_argument("--month", metavar="YYYY-MM", help="a month's papers")
    views.add_argument("--days", metavar="N", type=_positive_int, help="the last N days, one by one")
    views.add_argument("--latest", action="store_true", help="the latest batch")
    views.add_argument("--trending", action="store_true", help="what is trending now")
    views.add_argument("--search", metavar="QUERY", help="search the service (not the local store)")
    fetch.add_argument("--force", action="store_true", help="fetch again even when cached")
    fetch.set_defaults(run=run_fetch)

    listing = commands.add_parser(
        "list", parents=[common], help="list papers from the local store",
        description="List papers from the local store (never touches the network).",
    )
    _add_selection_options(listing)
    listing.add_argument("--unread", action="store_true", help="only papers not marked read")
    listing.add_argument("--bookmarked", action="store_true", help="only bookmarked papers")
    listing.add_argument("--has-code", action="store_true", help="only papers with a GitHub repo")
    listing.add_argument("--has-models", action="store_true",
                         help="only papers with linked models on Hugging Face (as last fetched)")
    listing.add_argument("--min-upvotes", metavar="N", type=_positive_int, default=0)
    listing.add_argument("--sort", choices=SORTS,
                         help="order (default: relevance with --query, else upvotes)")
    listing.add_argument("--limit", metavar="N", type=_positive_int, help="at most N papers")
    listing.add_argument("--json", action="store_true", help="a JSON array instead of a table")
    listing.add_argument("--watched", action="store_true", help="only papers a watch matches")
    listing.set_defaults(run=run_list)

    for name, value, verb in (
        ("bookmark", True, "bookmark papers"), ("unbookmark", False, "remove bookmarks"),
        ("read", True, "mark papers read"), ("unread", False, "mark papers unread"),
    ):
        command = commands.add_parser(name, parents=[common], help=verb, description=f"{verb[0].upper()}{verb[1:]} by arXiv id.")
        command.add_argument("ids", nargs="+", metavar="ID", help="arXiv id, e.g. 2605.05242")
        command.set_defaults(run=run_mark, field="bookmarked" if "bookmark" in name else "read", value=value)

    export = commands.add_parser(
        "export", parents=[common], help="export papers (default: bookmarks as Markdown)",
        description="Export papers from the local store. Default: bookmarks as Markdown to "
        "standard output. Files are written atomically and never overwritten without --force.",
    )
    scope = export.add_mutually_exclusive_group()
    scope.add_argument("--bookmarks", action="store_true", help="bookmarked papers (default)")
    scope.add_argument("--all", action="store_true", help="every paper in the store")
    _add_selection_options(export, scope)
    export.add_argument("--format", choices=EXPORT_FORMATS, default="md")
    export.add_argument("--group", choices=GROUPS, default="day",
                        help="how Markdown groups papers (default: day)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    export.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    export.add_argument("--for-you", metavar="N", type=_positive_int,
                        help="the first N papers in for-you order "
                        "(of everything, or of the selection)")
    export.set_defaults(run=run_export)

    restore = commands.add_parser(
        "import", parents=[common], help="restore bookmarks, read marks, notes and tags",
        description="Restore the user's state (and the papers) from a JSON export. "
        "Importing the same file twice changes nothing; an invalid file changes nothing.",
    )
    restore.add_argument("file", metavar="FILE", help="a file written by `papertui export --format json`")
    restore.set_defaults(run=run_import)

    from papertui.commands import digest, discovery, trends, watch

    for module in (watch, digest, trends):
        module.register(commands, common, sys.modules[__name__])
    discovery.add_commands(commands, common, cli=sys.modules[__name__])
    from papertui.commands import context as context_commands

    context_commands.register(commands, common, fetch, views)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="where the store lives (env PAPERTUI_DATA_DIR)")
    parser.add_argument("--config", metavar="FILE", default=default,
                        help="the config file (env PAPERTUI_CONFIG)")
    parser.add_argument("--base-url", metavar="URL", default=default,
                        help="the service's address (env PAPERTUI_BASE_URL)")
    parser.add_argument("--offline", action="store_true", default=default,
                        help="never touch the network")


def _add_selection_options(parser: argparse.ArgumentParser, group=None) -> None:
    target = group or parser
    target.add_argument("--query", "-q", metavar="Q", help="full-text search of the local store")
    target.add_argument("--date", metavar="YYYY-MM-DD", help="papers of one day")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="papers from this day on")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="papers up to this day")
    parser.add_argument("--tag", metavar="T", help="only papers with this tag")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


# -- shared set-up -------------------------------------------------------------------------


def _context(args: argparse.Namespace):
    """Paths, config (problems reported on stderr) and the base URL for this run."""
    from papertui.core.config import load_config, resolve_paths

    paths = resolve_paths(getattr(args, "data_dir", None), getattr(args, "config", None))
    config, problems = load_config(paths.config_file)
    for problem in problems:
        print(f"papertui: warning: {problem}", file=sys.stderr)
    base_url = (getattr(args, "base_url", None) or os.environ.get("PAPERTUI_BASE_URL")
                or config.base_url)
    return paths, config, base_url.rstrip("/")


def _open_store(paths):
    from papertui.core.repair import open_store
    from papertui.core.store import StoreError

    try:
        opened = open_store(paths.data_dir)
    except StoreError as error:
        raise CommandError(str(error)) from None
    for message in opened.messages:
        print(f"papertui: {message}", file=sys.stderr)
    return opened.store


def _selection(args: argparse.Namespace, **extra):
    from papertui.core.models import parse_date
    from papertui.core.query import FilterSpec

    since, until = args.since or "", args.until or ""
    if args.date:
        if since or until:
            raise CommandError("--date cannot be combined with --since/--until")
        since = until = args.date
    for value in (since, until):
        if value:
            try:
                parse_date(value)
            except ValueError as error:
                raise CommandError(str(error)) from None
    return FilterSpec(query=args.query or "", since=since, until=until, tag=args.tag or "", **extra)


# -- commands ------------------------------------------------------------------------------


def run_app(args: argparse.Namespace) -> int:
    """Start the terminal app."""
    paths, config, base_url = _context(args)
    # Start-up builds a great many objects that live as long as the app and almost no
    # garbage, yet the collector would pass over them again and again before the first
    # paint. It stays off until then; PaperTUI.first_paint_done turns it back on.
    gc.disable()
    make_app = import_app()
    app = make_app(paths, offline=bool(args.offline), base_url=base_url)
    app.run()
    return app.return_code or EXIT_OK


APP_FPS = "120"  # Textual's frame rate for papertui, unless TEXTUAL_FPS says otherwise


def import_app():
    """Import the app at papertui's frame rate.

    Textual draws at most TEXTUAL_FPS frames a second (60 by default), and after a pause its
    frame timer waits one tick too many, so the second frame of a keystroke - the detail pane
    after j, the list after a search letter - comes a tick late. At 120 a tick is half as
    long, for a little more CPU while a key is held and none at rest (benchmarks/ measures
    both). Textual reads the variable once, on import, so it is set only for the import: a
    browser papertui starts never sees it."""
    ours = "TEXTUAL_FPS" not in os.environ
    if ours:
        os.environ["TEXTUAL_FPS"] = APP_FPS
    try:
        from papertui.app import make_app
    except ImportError as error:  # pragma: no cover - only in a broken install
        raise CommandError(f"the app cannot start: {error}") from None
    finally:
        if ours:
            del os.environ["TEXTUAL_FPS"]
    return make_app


def run_fetch(args: argparse.Namespace) -> int:
    """Fetch views into the store, with progress on a terminal and a summary line."""
    import asyncio

    from papertui.core.fetch import describe_views, fetch_views, last_days
    from papertui.core.models import View

    if args.offline:
        raise CommandError("fetch needs the network, and --offline was given")
    try:
        if args.date:
            views = [View.day(args.date)]
        elif args.week:
            views = [View.week(args.week)]
        elif args.month:
            views = [View.month(args.month)]
        elif args.days is not None:
            if not 1 <= args.days <= 3660:
                raise CommandError("--days must be between 1 and 3660")
            views = last_days(args.days)
        elif args.latest:
            views = [View("latest")]
        elif args.trending:
            views = [View("trending")]
        else:
            if not args.search.strip():
                raise CommandError("--search needs some words to search for")
            views = [View("search", args.search.strip())]
    except ValueError as error:
        raise CommandError(str(error)) from None

    paths, config, base_url = _context(args)
    store = _open_store(paths)
    bar = _ProgressBar(describe_views(views)) if sys.stderr.isatty() else None
    try:
        summary = asyncio.run(fetch_views(
            store, views, base_url=base_url, force=args.force,
            refresh_after_minutes=config.refresh_after_minutes,
            progress=bar.update if bar else None, client_options=config.client_options(),
        ))
    finally:
        if bar:
            bar.close()
        store.close()
    if summary.error:
        raise CommandError(summary.describe(views))
    print(summary.describe(views))
    return EXIT_OK


class _ProgressBar:
    """A one-line progress bar on stderr, for people watching a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label

    def update(self, done: int, total: int, view) -> None:
        width = 30
        filled = width * done // total if total else width
        line = f"\r{self.label}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        sys.stderr.write(line[:200])
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def run_list(args: argparse.Namespace) -> int:
    """Print the matching papers as a table or as JSON."""
    sort = args.sort or ("relevance" if args.query else "upvotes")
    spec = _selection(args, unread=args.unread, bookmarked=args.bookmarked,
                      has_code=args.has_code, has_models=args.has_models,
                      min_upvotes=args.min_upvotes, sort=sort, watched=args.watched)
    paths, _config, _base_url = _context(args)
    store = _open_store(paths)
    try:
        if sort == "for-you":
            from papertui.commands.discovery import list_for_you

            papers = list_for_you(store, spec, args.limit)
        else:
            papers = store.select(spec, limit=args.limit)
    finally:
        store.close()
    if args.json:
        json.dump([paper.to_json() for paper in papers], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(papers)
    return EXIT_OK


def _print_table(papers) -> None:
    if not papers:
        print("no papers match (fetch some with `papertui fetch --latest`)", file=sys.stderr)
        return
    import shutil

    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 1000
    print(f"{'ID':<11} {'DAY':<10} {'UP':>4} {'STARS':>6} {'COM':>3} {'':2} TITLE")
    for stored in papers:
        paper, state = stored.paper, stored.state
        marks = ("*" if state.bookmarked else " ") + ("r" if state.read else " ")
        stars = "" if paper.github_stars is None else str(paper.github_stars)
        if paper.github_repo and not stars:
            stars = "code"
        head = f"{paper.id:<11} {paper.day:<10} {paper.upvotes:>4} {stars:>6} {paper.comments:>3} {marks}"
        room = max(10, width - len(head) - 1)
        title = paper.title if len(paper.title) <= room else paper.title[: room - 1] + "…"
        print(f"{head} {title}")


def run_mark(args: argparse.Namespace) -> int:
    """Bookmark/unbookmark or mark read/unread; every id must be in the store."""
    from papertui.core.safety import normalise_arxiv_id

    ids = []
    for raw in args.ids:
        paper_id = normalise_arxiv_id(raw)
        if paper_id is None:
            raise CommandError(f"{raw!r} is not an arXiv id (e.g. 2605.05242)")
        ids.append(paper_id)
    paths, _config, _base_url = _context(args)
    store = _open_store(paths)
    try:
        unknown = store.unknown_ids(ids)
        if unknown:
            raise CommandError(f"not in the store: {', '.join(unknown)} "
                               "(fetch its day first, or check the id)")
        if args.field == "bookmarked":
            store.set_bookmarked(ids, args.value)
        else:
            store.set_read(ids, args.value)
    finally:
        store.close()
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Export papers in the chosen format to stdout or a file."""
    from papertui.core import export
    from papertui.core.files import write_file
    from papertui.core.wording import plural
    from papertui.core.context_store import context_summaries

    selected = bool(args.all or args.query or args.date or args.since or args.until)
    if args.for_you is not None:  # of everything unless --bookmarks says otherwise
        selected = not args.bookmarks
    spec = _selection(args, bookmarked=not selected, sort="date")
    paths, config, _base_url = _context(args)
    store = _open_store(paths)
    try:
        if args.for_you is not None:
            from papertui.commands.discovery import list_for_you

            papers = list_for_you(store, spec, args.for_you)
        else:
            papers = store.select(spec)
        contexts = context_summaries(store, [stored.paper.id for stored in papers])
        if args.format == "json":  # the backup restores the watch list too
            from papertui.core.watch import watches_json

            watches = watches_json(store)
    finally:
        store.close()
    text = export.render(papers, args.format, group=args.group, summary=config.export_summary,
                         watches=watches if args.format == "json" else None, contexts=contexts)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output).expanduser()
    try:
        write_file(target, text, force=args.force)
    except FileExistsError:
        raise CommandError(f"{target} exists; use --force to overwrite it") from None
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error.strerror or error}") from None
    print(f"exported {plural(len(papers), 'paper')} to {target}", file=sys.stderr)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Restore papers and user state from a JSON export."""
    from papertui.core import export

    source = Path(args.file).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {source}: {getattr(error, 'strerror', None) or error}") from None
    paths, _config, _base_url = _context(args)
    store = _open_store(paths)
    try:
        report = export.import_json(store, text)
    except ValueError as error:
        raise CommandError(f"{source}: {error}; nothing was changed") from None
    finally:
        store.close()
    print(report.describe())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
