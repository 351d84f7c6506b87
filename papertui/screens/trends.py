"""The Trends screen: charts of papers per day, median upvotes, the share with code, the
busiest organizations and the AI keywords rising fastest.

The figures are computed in a thread worker; the charts (plotext through textual-plotext,
imported only when this screen is built, so the app's start never pays for it) are drawn
when they arrive. Choosing a keyword shows its weekly counts; `l` (or Enter) dismisses the
screen with a KeywordChoice so the caller can list that keyword's papers.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Label, LoadingIndicator
from textual.worker import Worker, WorkerState

from papertui.core.query import FilterSpec
from papertui.core.store import Store
from papertui.core.trends import (
    DEFAULT_WEEKS, KeywordTrend, Trends, compute_trends, default_period, keyword_spec,
)

SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class KeywordChoice:
    """The user asked to list a keyword's papers over the period shown."""

    keyword: str
    since: str
    until: str

    @property
    def spec(self) -> FilterSpec:
        """The papers to list: those mentioning the keyword as a phrase, in the period."""
        return keyword_spec(self.keyword, self.since, self.until)


def spark(values: tuple[int, ...] | list[int]) -> str:
    """Block characters, one per value, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(7, int(v / top * 7 + 0.5))] for v in values)


class TrendsScreen(Screen["KeywordChoice | None"]):
    """Trends over the given days, or the `weeks` weeks up to the newest cached day."""

    DEFAULT_CSS = """
    TrendsScreen { layout: vertical; }
    TrendsScreen #trends-title { height: 1; padding: 0 1; text-style: bold; }
    TrendsScreen #trends-status { height: 1; padding: 0 1; color: $text-muted; }
    TrendsScreen #trends-charts { grid-size: 3 1; height: 1fr; min-height: 8; }
    TrendsScreen #trends-lower { height: 1fr; }
    /* Hidden until the figures arrive: an empty plotext chart costs as much to draw as a
       full one, and the first frame should not wait for four of them. */
    TrendsScreen.-computing #trends-charts, TrendsScreen.-computing #trends-lower {
        display: none;
    }
    TrendsScreen #trends-organizations { width: 34; }
    TrendsScreen #trends-keywords { width: 1fr; }
    TrendsScreen #trends-keyword-side { width: 1fr; }
    TrendsScreen #trends-keyword-title { height: 1; padding: 0 1; }
    TrendsScreen .trends-chart { height: 1fr; }
    TrendsScreen LoadingIndicator { height: 3; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="trends.close",
                tooltip="Leave the Trends screen"),
        Binding("l", "list_keyword", "List papers", id="trends.list_keyword",
                tooltip="List the papers of the chosen keyword in this period"),
    ]

    def __init__(self, store: Store, *, since: str = "", until: str = "",
                 weeks: int = DEFAULT_WEEKS) -> None:
        super().__init__(classes="-computing")
        self.store = store
        self.since, self.until, self.weeks = since, until, weeks
        self.trends: Trends | None = None

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot  # lazily: only this screen draws charts

        yield Label(Content("Trends"), id="trends-title")
        yield Label(Content("computing…"), id="trends-status")
        yield LoadingIndicator(id="trends-loading")
        with Grid(id="trends-charts"):
            yield PlotextPlot(id="chart-papers", classes="trends-chart")
            yield PlotextPlot(id="chart-upvotes", classes="trends-chart")
            yield PlotextPlot(id="chart-code", classes="trends-chart")
        with Horizontal(id="trends-lower"):
            yield DataTable(id="trends-keywords", cursor_type="row", zebra_stripes=True)
            with Vertical(id="trends-keyword-side"):
                yield Label(Content(""), id="trends-keyword-title")
                yield PlotextPlot(id="chart-keyword", classes="trends-chart")
            yield DataTable(id="trends-organizations", cursor_type="row")

    def on_mount(self) -> None:
        keywords = self.query_one("#trends-keywords", DataTable)
        keywords.add_columns("rising keyword", "now", "before", "rise", "weeks")
        self.query_one("#trends-organizations", DataTable).add_columns("organization", "papers")
        keywords.focus()
        self.compute()

    @work(thread=True, exclusive=True, group="trends", exit_on_error=False)
    def compute(self) -> Trends | None:
        since, until = self.since, self.until
        if not since:
            since, until = default_period(self.store, self.weeks)
        elif not until:
            until = self.store.newest_day() or since
        if not since:
            return None
        return compute_trends(self.store, since, until)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "trends":
            return
        if event.state == WorkerState.SUCCESS:
            self.show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.query_one("#trends-loading").display = False
            self._status(f"Trends could not be computed: {event.worker.error}")
            report = getattr(self.app, "report_worker_failure", None)
            if report is not None:
                report(event)

    def _status(self, text: str) -> None:
        self.query_one("#trends-status", Label).update(Content(text))

    def show(self, trends: Trends | None) -> None:
        """Fill the charts and tables with `trends` (None: the store is empty)."""
        self.query_one("#trends-loading").display = False
        self.remove_class("-computing")
        if trends is None:
            self._status("No papers in the store yet: fetch some first.")
            return
        self.trends = trends
        self.query_one("#trends-title", Label).update(Content(
            f"Trends {trends.since} to {trends.until} · {trends.weeks} weeks · "
            f"{trends.papers:,} papers on {len(trends.days)} days"))
        self._status("↑↓ choose a keyword · l list its papers · esc back")
        days = trends.days
        labels = [day.day[5:] for day in days]
        self._chart("#chart-papers", "papers per day", labels, [d.papers for d in days], bar=True)
        self._chart("#chart-upvotes", "median upvotes", labels, [d.median_upvotes for d in days])
        self._chart("#chart-code", "% with code", labels, [round(d.with_code * 100) for d in days])
        organizations = self.query_one("#trends-organizations", DataTable)
        organizations.clear()
        for name, count in trends.organizations:
            organizations.add_row(Content(name), f"{count:,}")
        keywords = self.query_one("#trends-keywords", DataTable)
        keywords.clear()
        for index, trend in enumerate(trends.rising):
            keywords.add_row(Content(trend.keyword), str(trend.now), str(trend.before),
                             f"{trend.rise:+d}", spark(trend.weekly), key=str(index))
        if trends.rising:
            self.show_keyword(trends.rising[0])
        else:
            self.query_one("#trends-keyword-title", Label).update(
                Content("No AI keyword rose in the last week."))

    def _chart(self, selector: str, title: str, labels: list[str], values: list,
               *, bar: bool = False) -> None:
        from textual_plotext import PlotextPlot

        chart = self.query_one(selector, PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        if values:
            positions: list[float] = list(range(1, len(values) + 1))
            if bar:
                plt.bar(positions, values, marker="sd")
            else:
                plt.plot(positions, values, marker="braille")
            step = max(1, len(labels) // 4)
            plt.xticks(positions[::step], labels[::step])
        chart.refresh()

    def show_keyword(self, trend: KeywordTrend) -> None:
        """Draw one keyword's weekly counts."""
        if self.trends is None:
            return
        self.query_one("#trends-keyword-title", Label).update(Content.assemble(
            Content.styled(trend.keyword, "bold"),
            Content(f"  {trend.now} papers this week, {trend.before} the week before")))
        starts = [start[5:] for start in self.trends.week_starts]
        self._chart("#chart-keyword", "papers a week", starts, list(trend.weekly), bar=True)

    @property
    def chosen(self) -> KeywordTrend | None:
        """The keyword under the cursor, if any."""
        if self.trends is None or not self.trends.rising:
            return None
        row = self.query_one("#trends-keywords", DataTable).cursor_row
        return self.trends.rising[row] if 0 <= row < len(self.trends.rising) else None

    @on(DataTable.RowHighlighted, "#trends-keywords")
    def _keyword_highlighted(self, event: DataTable.RowHighlighted) -> None:
        trend = self.chosen
        if trend is not None:
            self.show_keyword(trend)

    @on(DataTable.RowSelected, "#trends-keywords")
    def _keyword_selected(self, event: DataTable.RowSelected) -> None:
        self.action_list_keyword()

    def action_list_keyword(self) -> None:
        trend = self.chosen
        if trend is None or self.trends is None:
            self.notify("No keyword to list.", severity="warning", markup=False)
            return
        self.dismiss(KeywordChoice(trend.keyword, self.trends.since, self.trends.until))

    def action_close(self) -> None:
        self.dismiss(None)

    def charts(self) -> list[Widget]:
        """The chart widgets (for tests and screenshots)."""
        return list(self.query(".trends-chart"))
