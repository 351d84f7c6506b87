"""`papertui digest`: a reading brief for a period, ready for cron and mail."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,
             cli: ModuleType) -> None:
    """Add `digest` to the parser."""
    digest = commands.add_parser(
        "digest", parents=[common], help="a reading brief: watched, top and newly-with-code papers",
        description="Write a digest of the store (never touches the network): watched papers "
        "by watch, then the top N by upvotes, then older papers that newly have code. With no "
        "period it covers everything since the previous digest of the same format. Files are "
        "written atomically and never overwritten without --force.",
    )
    period = digest.add_mutually_exclusive_group()
    period.add_argument("--date", metavar="YYYY-MM-DD", help="one day's papers")
    period.add_argument("--week", metavar="YYYY-Www", help="an ISO week's papers, e.g. 2026-W19")
    period.add_argument("--since", metavar="YYYY-MM-DD", help="papers from this day on")
    digest.add_argument("--until", metavar="YYYY-MM-DD", help="with --since: up to this day")
    digest.add_argument("--watched", action="store_true", help="only the watched papers")
    digest.add_argument("--top", metavar="N", type=cli._positive_int, default=10,
                        help="how many top papers by upvotes (default 10)")
    digest.add_argument("--format", choices=("md", "html", "txt"), default="md")
    digest.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    digest.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    digest.set_defaults(run=lambda args: run_digest(args, cli))


def run_digest(args: argparse.Namespace, cli: ModuleType) -> int:
    """Build the digest, print it or write it, and remember it when it had no period."""
    from papertui.core import digest as digests
    from papertui.core.digest_render import render_digest
    from papertui.core.files import write_file

    if args.until and not args.since:
        raise cli.CommandError("--until needs --since")
    try:
        if args.date:
            period = digests.period_for_date(args.date)
        elif args.week:
            period = digests.period_for_week(args.week)
        elif args.since:
            period = digests.period_between(args.since, args.until or "")
        else:
            period = None
    except ValueError as error:
        raise cli.CommandError(str(error)) from None
    target = None if not args.output or args.output == "-" else Path(args.output).expanduser()
    if target is not None and not args.force and target.exists():
        raise cli.CommandError(f"{target} exists; use --force to overwrite it")
    paths, _config, _base_url = cli._context(args)
    store = cli._open_store(paths)
    try:
        chosen = period or digests.period_since_previous(store, args.format)
        built = digests.build_digest(store, chosen, watched_only=args.watched, top=args.top)
        text = render_digest(built, args.format)
        if target is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            try:
                write_file(target, text, force=args.force)
            except FileExistsError:
                raise cli.CommandError(f"{target} exists; use --force to overwrite it") from None
            except OSError as error:
                raise cli.CommandError(
                    f"cannot write {target}: {error.strerror or error}") from None
            print(f"digest of {built.count} papers ({chosen.label}) written to {target}",
                  file=sys.stderr)
        if period is None:  # only a digest "since the previous one" moves that mark
            digests.remember_digest(store, args.format)
    finally:
        store.close()
    return 0
