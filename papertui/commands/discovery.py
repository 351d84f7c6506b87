"""`papertui related`, `papertui not-interested` and `papertui interested`.

Added to the parser by `__main__.build_parser`; the shared set-up (paths, config, opening
the store, errors) is `__main__`'s, passed in as `cli` so this module never imports it
(under `python -m papertui` that would load a second copy of it).
"""

from __future__ import annotations

import argparse
import json
import sys
from types import ModuleType
from typing import Any


def add_commands(commands: Any, common: argparse.ArgumentParser, cli: ModuleType) -> None:
    """Add the discovery subcommands to `commands` (build_parser's subparsers)."""
    related = commands.add_parser(
        "related", parents=[common], help="papers like one paper, from the local store",
        description="The papers of the local store most like one paper (shared distinctive "
        "words, keyword phrases and authors), best first, each with the reason.",
    )
    related.add_argument("id", metavar="ID", help="arXiv id, e.g. 2605.05242")
    related.add_argument("--limit", metavar="N", type=cli._positive_int, default=10,
                         help="at most N papers (default 10)")
    related.add_argument("--json", action="store_true",
                         help="a JSON array: the `list --json` objects plus score and reason")
    related.set_defaults(run=run_related, cli=cli)

    for name, value, verb in (
        ("not-interested", True, "mark papers not interested (hidden from the for-you order)"),
        ("interested", False, "clear the not-interested mark"),
    ):
        command = commands.add_parser(name, parents=[common], help=verb,
                                      description=f"{verb[0].upper()}{verb[1:]}, by arXiv id.")
        command.add_argument("ids", nargs="+", metavar="ID", help="arXiv id, e.g. 2605.05242")
        command.set_defaults(run=run_not_interested, value=value, cli=cli)


def _paper_id(cli: ModuleType, raw: str) -> str:
    from papertui.core.safety import normalise_arxiv_id

    paper_id = normalise_arxiv_id(raw)
    if paper_id is None:
        raise cli.CommandError(f"{raw!r} is not an arXiv id (e.g. 2605.05242)")
    return paper_id


def run_related(args: argparse.Namespace) -> int:
    """Print the papers most like one paper, as a table or JSON."""
    from papertui.core.related import related_by_id

    cli = args.cli
    paper_id = _paper_id(cli, args.id)
    paths, _config, _base_url = cli._context(args)
    store = cli._open_store(paths)
    try:
        found = related_by_id(store, paper_id, args.limit)
        if found is None:
            raise cli.CommandError(f"not in the store: {paper_id} (fetch its day first, or "
                                   "check the id)")
        papers = store.papers_by_key([item.key for item in found])
    finally:
        store.close()
    if args.json:
        rows = []
        for item in found:
            data = papers[item.key].to_json()
            data.update(score=item.score, reason=item.reason)
            rows.append(data)
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return cli.EXIT_OK
    if not found:
        print(f"no paper in the store is like {paper_id}", file=sys.stderr)
        return cli.EXIT_OK
    print(f"{'ID':<11} {'SCORE':>6}  TITLE / WHY")
    for item in found:
        print(f"{item.paper_id:<11} {item.score:>6.1f}  {item.title}")
        if item.reason:
            print(f"{'':<11} {'':>6}    {item.reason}")
    return cli.EXIT_OK


def run_not_interested(args: argparse.Namespace) -> int:
    """Mark papers not interested, or clear the mark; every id must be in the store."""
    cli = args.cli
    ids = [_paper_id(cli, raw) for raw in args.ids]
    paths, _config, _base_url = cli._context(args)
    store = cli._open_store(paths)
    try:
        unknown = store.unknown_ids(ids)
        if unknown:
            raise cli.CommandError(f"not in the store: {', '.join(unknown)} "
                                   "(fetch its day first, or check the id)")
        store.set_not_interested(ids, args.value)
    finally:
        store.close()
    return cli.EXIT_OK


def list_for_you(store: Any, spec: Any, limit: int | None) -> list:
    """`list --sort for-you` and `export --for-you N`: the papers in for-you order; says on
    stderr when there was nothing to learn from (the order is then by upvotes)."""
    from papertui.core.for_you import for_you_papers

    papers, ranking = for_you_papers(store, spec, limit)
    if not ranking.learned:
        print(f"papertui: {ranking.status}", file=sys.stderr)
    return papers
