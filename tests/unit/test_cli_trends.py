"""`papertui trends` on a store whose figures are known by hand."""

from __future__ import annotations

import json

import pytest

from papertui.__main__ import main
from papertui.core.models import Paper
from papertui.core.store import STORE_FILENAME, Store
from papertui.core.trends import compute_trends, keyword_spec, keyword_weeks


def papers() -> list[Paper]:
    made: list[Paper] = []

    def add(day: str, upvotes: int, keywords: tuple[str, ...], code: bool = False,
            org: str = "") -> None:
        made.append(Paper(id=f"2605.{len(made) + 1:05d}", title=f"Paper {len(made) + 1}",
                          day=day, upvotes=upvotes, ai_keywords=keywords, organization=org,
                          github_repo="https://github.com/x/y" if code else ""))

    # the last week (2026-05-08 .. 05-14): agents rising, diffusion falling
    add("2026-05-14", 1, ("Agents", "diffusion"), code=True, org="Qwen")
    add("2026-05-14", 9, ("agents",), org="Qwen")
    add("2026-05-14", 5, ("agents", "speech"), org="Meta AI")
    add("2026-05-13", 2, ("speech",), code=True, org="Qwen")
    add("2026-05-13", 4, ("speech",), code=True)
    # the week before (05-01 .. 05-07)
    add("2026-05-05", 7, ("diffusion", "agents"))
    add("2026-05-04", 3, ("diffusion",), org="Meta AI")
    add("2026-05-04", 8, ("diffusion",))
    # remote text with the characters the keyword query must escape
    add("2026-05-12", 0, ('Say "hi" \\ [b]there[/b]',))
    add("2026-05-11", 0, ('say "hi" \\ [b]there[/b]',))
    return made


@pytest.fixture
def run(cli, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    store = Store(data / STORE_FILENAME)
    store.save_papers(papers())
    store.close()
    return cli(data)


def test_json_figures(run):
    status, out, err = run("trends", "--weeks", "2", "--json")
    assert status == 0, err
    figures = json.loads(out)
    assert (figures["since"], figures["until"], figures["weeks"]) == ("2026-05-01", "2026-05-14", 2)
    assert figures["week_starts"] == ["2026-05-01", "2026-05-08"]
    days = {d["day"]: d for d in figures["days"]}
    assert sorted(days) == ["2026-05-04", "2026-05-05", "2026-05-11", "2026-05-12",
                            "2026-05-13", "2026-05-14"]
    assert (days["2026-05-14"]["papers"], days["2026-05-14"]["median_upvotes"]) == (3, 5.0)
    assert days["2026-05-13"]["median_upvotes"] == 3.0  # mean of the middle two
    assert days["2026-05-14"]["with_code"] == pytest.approx(1 / 3)
    assert days["2026-05-13"]["with_code"] == 1.0
    assert figures["organizations"] == [{"organization": "Qwen", "papers": 3},
                                        {"organization": "Meta AI", "papers": 2}]
    rising = {k["keyword"]: k for k in figures["rising_keywords"]}
    assert [k["keyword"] for k in figures["rising_keywords"]][:2] == ["speech", "agents"]
    assert (rising["agents"]["now"], rising["agents"]["before"], rising["agents"]["rise"]) == (3, 1, 2)
    assert rising["agents"]["weekly"] == [1, 3]
    assert "diffusion" not in rising  # one paper this week: not rising
    assert rising['say "hi" \\ [b]there[/b]']["now"] == 2


def test_the_report_and_the_default_period(run):
    status, out, _ = run("trends")
    assert status == 0
    assert out.splitlines()[0] == "trends 2026-02-20 to 2026-05-14 (12 weeks, 10 papers on 6 days)"
    assert "     3  Qwen" in out
    assert out.rstrip().endswith("3 vs 1       +2  ▁▁▁▁▁▁▁▁▁▁▃█  agents\n"
                                 '     2 vs 0       +2  ▁▁▁▁▁▁▁▁▁▁▁█  say "hi" \\ [b]there[/b]')


def test_since_until_and_bad_input(run):
    status, out, _ = run("trends", "--since", "2026-05-08", "--json")
    assert json.loads(out)["until"] == "2026-05-14"
    status, _, err = run("trends", "--until", "2026-05-08")
    assert (status, err.strip()) == (1, "papertui: --until needs --since")
    status, _, err = run("trends", "--since", "2026-05-08", "--until", "2026-05-01")
    assert status == 1 and "before it starts" in err
    status, _, err = run("trends", "--since", "May 8")
    assert status == 1 and "is not a date" in err


def test_an_empty_store_says_so(tmp_path, capsys):
    status = main(["trends", "--data-dir", str(tmp_path / "empty"),
                   "--config", str(tmp_path / "none.toml")])
    assert status == 1
    assert "the store is empty" in capsys.readouterr().err


def test_a_keywords_weeks_and_its_papers(store):
    store.save_papers(papers())
    assert keyword_weeks(store, "Agents", "2026-05-01", "2026-05-14") == [1, 3]
    trends = compute_trends(store, "2026-05-01", "2026-05-14")
    assert trends.papers == 10
    listed = {p.paper.id for p in store.select(keyword_spec("agents", "2026-05-08", "2026-05-14"))}
    assert listed == {"2605.00001", "2605.00002", "2605.00003"}


def test_a_keyword_with_non_ascii_letters_is_counted_in_its_weeks(store):
    """The ranking lowers keywords as SQLite does (ASCII letters only): the weekly counts
    must find the same keyword, not a differently lowered one."""
    store.save_papers([
        Paper(id=f"2605.0010{n}", title=f"Paper {n}", day=day, ai_keywords=(keyword,))
        for n, (day, keyword) in enumerate([("2026-05-14", "Über Modelle"),
                                            ("2026-05-13", "ÜBER Modelle"),
                                            ("2026-05-05", "Über modelle")])])
    trends = compute_trends(store, "2026-05-01", "2026-05-14")
    [trend] = [trend for trend in trends.rising if "modelle" in trend.keyword]
    assert (trend.keyword, trend.now, trend.before) == ("Über modelle", 2, 1)
    assert trend.weekly == (1, 2)
