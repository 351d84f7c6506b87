"""`papertui watch add|list|remove`: the watch list from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from types import ModuleType


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,
             cli: ModuleType) -> None:
    """Add `watch` and its subcommands to the parser."""
    watch = commands.add_parser(
        "watch", parents=[common], help="follow keywords, authors, organizations, submitters",
        description="The watch list: papers matching a watch are marked in the app, listed "
        "by `papertui list --watched` and come first in `papertui digest`.",
    )
    actions = watch.add_subparsers(title="actions", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", parents=[common], help="watch a keyword, author, organization or submitter",
        description="Add a watch. A keyword uses the search box's syntax (all words must "
        'match, "a phrase" as a phrase) plus -word or -"a phrase" to exclude.')
    what = add.add_mutually_exclusive_group(required=True)
    what.add_argument("--keyword", metavar="K", help='e.g. "diffusion -video"')
    what.add_argument("--author", metavar="A", help="an author's full name, e.g. 'Wei Li'")
    what.add_argument("--org", metavar="O", help="an organization, e.g. 'Qwen'")
    what.add_argument("--submitter", metavar="S", help="who submitted it to Daily Papers")
    add.set_defaults(run=lambda args: run_add(args, cli))

    listing = actions.add_parser("list", parents=[common], help="show the watches",
                                 description="Show every watch with its id and its papers.")
    listing.add_argument("--json", action="store_true", help="a JSON array instead of a table")
    listing.set_defaults(run=lambda args: run_list(args, cli))

    remove = actions.add_parser("remove", parents=[common], help="stop watching",
                                description="Remove a watch by the id `watch list` shows.")
    remove.add_argument("id", metavar="ID", help="the watch's id")
    remove.set_defaults(run=lambda args: run_remove(args, cli))


def run_add(args: argparse.Namespace, cli: ModuleType) -> int:
    """Save one watch; an invalid one is refused with the reason and nothing is saved."""
    from papertui.core.watch import WatchError, add_watch, count_papers

    for kind in ("keyword", "author", "org", "submitter"):
        term = getattr(args, kind)
        if term is not None:
            break
    paths, _config, _base_url = cli._context(args)
    store = cli._open_store(paths)
    try:
        watch = add_watch(store, kind, term)
        count = count_papers(store, watch)
    except WatchError as error:
        raise cli.CommandError(f"not saved: {error}") from None
    finally:
        store.close()
    print(f"watching {watch.label} (#{watch.id}): " + (
        "1 paper in the store matches" if count == 1 else f"{count:,} papers in the store match"))
    return 0


def run_list(args: argparse.Namespace, cli: ModuleType) -> int:
    """Print the watches as a table or JSON."""
    from papertui.core.watch import list_watches

    paths, _config, _base_url = cli._context(args)
    store = cli._open_store(paths)
    try:
        watches = list_watches(store)
    finally:
        store.close()
    if args.json:
        json.dump([w.to_json() for w in watches], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not watches:
        print("no watches yet (add one with `papertui watch add --keyword K`)", file=sys.stderr)
        return 0
    print(f"{'ID':>4}  {'KIND':<12}  TERM")
    for watch in watches:
        print(f"{watch.id:>4}  {watch.kind:<12}  {watch.term}")
    return 0


def run_remove(args: argparse.Namespace, cli: ModuleType) -> int:
    """Delete one watch by id."""
    from papertui.core.watch import WatchError, remove_watch

    try:
        watch_id = int(args.id.lstrip("#"))
    except ValueError:
        raise cli.CommandError(f"{args.id!r} is not a watch id (a number from "
                               "`papertui watch list`)") from None
    paths, _config, _base_url = cli._context(args)
    store = cli._open_store(paths)
    try:
        watch = remove_watch(store, watch_id)
    except WatchError as error:
        raise cli.CommandError(str(error)) from None
    finally:
        store.close()
    print(f"stopped watching {watch.label} (#{watch.id})")
    return 0
