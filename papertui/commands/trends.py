"""`papertui trends`: what is rising, from the store."""

from __future__ import annotations

import argparse
import json
import sys
from types import ModuleType

SPARKS = "▁▂▃▄▅▆▇█"


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,
             cli: ModuleType) -> None:
    """Add `trends` to the parser."""
    trends = commands.add_parser(
        "trends", parents=[common], help="papers per day, code share, organizations, rising keywords",
        description="Trends in the store (never touches the network). Default: the 12 weeks "
        "up to the newest cached day.",
    )
    period = trends.add_mutually_exclusive_group()
    period.add_argument("--weeks", metavar="N", type=cli._positive_int,
                        help="the N weeks up to the newest cached day")
    period.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on")
    trends.add_argument("--until", metavar="YYYY-MM-DD",
                        help="with --since: up to this day (default: the newest cached day)")
    trends.add_argument("--json", action="store_true", help="the figures as JSON")
    trends.set_defaults(run=lambda args: run_trends(args, cli))


def spark(values: list[int] | list[float]) -> str:
    """A row of block characters, one per value, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1) + 0.5))]
                   for v in values)


def run_trends(args: argparse.Namespace, cli: ModuleType) -> int:
    """Compute the trends and print them as a report or JSON."""
    from papertui.core.models import parse_date
    from papertui.core.trends import DEFAULT_WEEKS, compute_trends, default_period

    if args.until and not args.since:
        raise cli.CommandError("--until needs --since")
    if args.weeks is not None and not 1 <= args.weeks <= 520:
        raise cli.CommandError("--weeks must be between 1 and 520")
    for value in (args.since, args.until):
        if value:
            try:
                parse_date(value)
            except ValueError as error:
                raise cli.CommandError(str(error)) from None
    paths, _config, _base_url = cli._context(args)
    store = cli._open_store(paths)
    try:
        if args.since:
            since, until = args.since, args.until or store.newest_day() or args.since
        else:
            since, until = default_period(store, args.weeks or DEFAULT_WEEKS)
        if not since:
            raise cli.CommandError("the store is empty: fetch some papers first "
                                   "(`papertui fetch --latest`)")
        try:
            trends = compute_trends(store, since, until)
        except ValueError as error:
            raise cli.CommandError(str(error)) from None
    finally:
        store.close()
    if args.json:
        json.dump(trends.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_report(trends)
    return 0


def _print_report(trends) -> None:
    days = trends.days
    print(f"trends {trends.since} to {trends.until} ({trends.weeks} weeks, "
          f"{trends.papers:,} papers on {len(days)} days)")
    if not days:
        print("no papers in this period")
        return
    print()
    print(f"papers per day        {spark([d.papers for d in days])}  "
          f"(min {min(d.papers for d in days)}, max {max(d.papers for d in days)})")
    print(f"median upvotes        {spark([d.median_upvotes for d in days])}  "
          f"(latest {days[-1].median_upvotes:g})")
    share = sum(d.with_code * d.papers for d in days) / max(1, trends.papers)
    print(f"share with code       {spark([d.with_code for d in days])}  ({share:.0%} overall)")
    print()
    print("organizations with most papers")
    for name, count in trends.organizations:
        print(f"  {count:>6,}  {name}")
    print()
    print("AI keywords rising fastest (papers this week vs the week before)")
    for trend in trends.rising:
        print(f"  {trend.now:>4} vs {trend.before:<4} {trend.rise:+5}  "
              f"{spark(list(trend.weekly))}  {trend.keyword}")
