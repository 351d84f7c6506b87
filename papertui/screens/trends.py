"""The Trends screen: papers per day, median upvotes, the share with code, the busiest
organizations and the AI keywords rising fastest.

The figures are computed in a thread worker. The daily figures are Textual Sparklines
(cheap to paint, nothing to import); only the chosen keyword's weekly counts get a real
chart with axes (plotext through textual-plotext), imported and mounted only once there
are figures to draw, so neither the app's start nor the screen's first frame pays for it.
Choosing a keyword shows its weekly counts; `l` (or Enter) dismisses the screen with a
KeywordChoice so the caller can list that keyword's papers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Label, LoadingIndicator, Sparkline
from textual.worker import Worker, WorkerState

from papertui.core.query import FilterSpec
from papertui.core.store import Store
from papertui.core.trends import (
    DEFAULT_WEEKS, KeywordTrend, Trends, compute_trends, default_period, keyword_spec,
)

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 12  # cells of the organizations' bars

# The daily rows: (id, title, the figure of a day, how a value reads).
DAILY = (
    ("papers", "papers per day", lambda day: day.papers, "{:,.0f}"),
    ("upvotes", "median upvotes", lambda day: day.median_upvotes, "{:,.1f}"),
    ("code", "% with code", lambda day: round(day.with_code * 100), "{:.0f} %"),
)


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


def _mean(values: Sequence[float]) -> float:
    """What a sparkline bar shows when it covers several days (statistics.mean, exact with
    fractions, costs more than the rest of the chart)."""
    return sum(values) / len(values)


class DayChart(Sparkline):
    """A sparkline whose bars rise from zero. Textual's scales from the smallest value to
    the largest, so 53 % and 54 % with code would draw as an empty bar and a full one."""

    def render(self) -> Text:
        values = [max(0.0, float(value)) for value in self.data or []]
        width, height = self.size.width, max(1, self.size.height)
        if not values or width <= 0:
            return Text("")
        # One column per day, or per run of days when they outnumber the columns.
        count = len(values)
        columns = [self.summary_function(values[c * count // width:
                                                max(c * count // width + 1,
                                                    (c + 1) * count // width)])
                   for c in range(width)]
        top = max(columns) or 1.0
        # Eighths of a cell; anything above zero shows at least the lowest block.
        levels = [0 if v <= 0 else max(1, round(v / top * height * 8)) for v in columns]
        rows = []
        for row in reversed(range(height)):
            cells = []
            for level in levels:
                part = level - row * 8
                cells.append(" " if part <= 0 else SPARKS[min(8, part) - 1])
            rows.append("".join(cells))
        return Text("\n".join(rows), style=self.get_component_rich_style("sparkline--max-color"))


def bar(value: int, top: int, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of `value` against `top`, in eighths of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    return "█" * (eighths // 8) + ("▏▎▍▌▋▊▉"[eighths % 8 - 1] if eighths % 8 else "")


class TrendsScreen(Screen["KeywordChoice | None"]):
    """Trends over the given days, or the `weeks` weeks up to the newest cached day."""

    DEFAULT_CSS = """
    TrendsScreen { layout: vertical; }
    TrendsScreen #trends-title { height: 1; padding: 0 1; text-style: bold; }
    TrendsScreen #trends-status { height: 1; padding: 0 1; color: $text-muted; }
    TrendsScreen #trends-daily { height: auto; padding: 0 1; }
    TrendsScreen .trends-day-row { height: 3; }
    TrendsScreen #row-upvotes, TrendsScreen #row-code { margin-top: 1; }
    TrendsScreen .trends-day-label { width: 22; height: 3; }
    TrendsScreen .trends-day-chart { width: 1fr; height: 3; }
    TrendsScreen #trends-axis { height: 1; padding-left: 22; }
    TrendsScreen #trends-axis Label { width: 1fr; color: $text-muted; }
    TrendsScreen #trends-axis-middle { text-align: center; }
    TrendsScreen #trends-axis-last { text-align: right; }
    TrendsScreen #trends-lower { height: 1fr; min-height: 8; }
    TrendsScreen.-computing #trends-daily, TrendsScreen.-computing #trends-lower {
        display: none;
    }
    TrendsScreen #trends-tables { width: 50%; max-width: 62; }
    TrendsScreen #trends-keywords { height: 1fr; min-height: 4; }
    TrendsScreen #trends-organizations { height: auto; max-height: 12; margin-top: 1; }
    TrendsScreen #trends-keyword-side { width: 1fr; }
    TrendsScreen #trends-keyword-title { height: 1; padding: 0 1; }
    TrendsScreen #chart-keyword { height: 1fr; }
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
        self.keyword_chart: Widget | None = None  # mounted after the first figures

    def compose(self) -> ComposeResult:
        yield Label(Content("Trends"), id="trends-title")
        yield Label(Content("computing…"), id="trends-status")
        yield LoadingIndicator(id="trends-loading")
        with Vertical(id="trends-daily"):
            for name, title, _, _ in DAILY:
                with Horizontal(id=f"row-{name}", classes="trends-day-row"):
                    yield Label(Content(title), id=f"label-{name}", classes="trends-day-label")
                    yield DayChart([], id=f"chart-{name}", classes="trends-day-chart",
                                   summary_function=_mean)
            with Horizontal(id="trends-axis"):
                yield Label(id="trends-axis-first")
                yield Label(id="trends-axis-middle")
                yield Label(id="trends-axis-last")
        with Horizontal(id="trends-lower"):
            with Vertical(id="trends-tables"):
                yield DataTable(id="trends-keywords", cursor_type="row", zebra_stripes=True)
                yield DataTable(id="trends-organizations", cursor_type="row")
            yield Vertical(Label(Content(""), id="trends-keyword-title"),
                           id="trends-keyword-side")

    def on_mount(self) -> None:
        keywords = self.query_one("#trends-keywords", DataTable)
        keywords.add_column("rising keyword", width=22)
        keywords.add_columns("now", "before", "rise", "weeks")
        organizations = self.query_one("#trends-organizations", DataTable)
        organizations.add_column("organization", width=30)
        organizations.add_columns("papers", "")
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
            self.query_one("#trends-daily").display = False
            self.query_one("#trends-lower").display = False
            self._status("No papers in the store yet: fetch some first.")
            return
        self.trends = trends
        self.query_one("#trends-title", Label).update(Content(
            f"Trends {trends.since} to {trends.until} · {trends.weeks} weeks · "
            f"{trends.papers:,} papers on {len(trends.days)} days"))
        self._status("↑↓ choose a keyword · l list its papers · esc back")
        days = trends.days
        for name, title, figure, shown in DAILY:
            values = [figure(day) for day in days]
            self.query_one(f"#chart-{name}", Sparkline).data = values
            self.query_one(f"#label-{name}", Label).update(_day_label(title, values, shown))
        if days:
            # The bars stretch evenly over the width, so the middle day sits in the middle.
            ticks = {"first": days[0].day[5:],
                     "middle": days[len(days) // 2].day[5:] if len(days) >= 3 else "",
                     "last": days[-1].day[5:] if len(days) >= 2 else ""}
            for place, tick in ticks.items():
                self.query_one(f"#trends-axis-{place}", Label).update(Content(tick))
        # Names are rich Texts (literal, never markup): DataTable measures a Content as one
        # cell wide, so its column would be cut to the header's width.
        organizations = self.query_one("#trends-organizations", DataTable)
        organizations.clear()
        top = max((count for _, count in trends.organizations), default=0)
        for name, count in trends.organizations:
            organizations.add_row(Text(name), f"{count:,}", bar(count, top))
        keywords = self.query_one("#trends-keywords", DataTable)
        keywords.clear()
        for index, trend in enumerate(trends.rising):
            keywords.add_row(Text(trend.keyword), str(trend.now), str(trend.before),
                             f"{trend.rise:+d}", spark(trend.weekly), key=str(index))
        if trends.rising:
            self._mount_keyword_chart()
        else:
            self.query_one("#trends-keyword-title", Label).update(
                Content("No AI keyword rose in the last week."))

    def _mount_keyword_chart(self) -> None:
        from textual_plotext import PlotextPlot  # lazily: only this chart needs plotext

        if self.keyword_chart is None:
            self.keyword_chart = PlotextPlot(id="chart-keyword")
            self.query_one("#trends-keyword-side").mount(self.keyword_chart)
        trend = self.chosen
        if trend is not None:
            self.show_keyword(trend)

    def show_keyword(self, trend: KeywordTrend) -> None:
        """Show one keyword's weekly counts (as a chart once it is mounted)."""
        if self.trends is None:
            return
        self.query_one("#trends-keyword-title", Label).update(Content.assemble(
            Content.styled(trend.keyword, "bold"),
            Content(f" · {trend.now} this week, {trend.before} the week before")))
        if self.keyword_chart is None:
            return
        starts = [start[5:] for start in self.trends.week_starts]
        plt = self.keyword_chart.plt  # type: ignore[attr-defined]
        plt.clear_data()
        plt.clear_figure()
        plt.title("papers a week")
        positions: list[float] = list(range(1, len(trend.weekly) + 1))
        plt.bar(positions, list(trend.weekly), width=0.5)  # narrow enough to stay apart
        top = max(trend.weekly, default=0)
        plt.yticks(list(range(0, top + 1, max(1, -(-top // 5)))))  # whole papers
        step = max(1, len(starts) // 4)
        plt.xticks(positions[::step], starts[::step])
        self.keyword_chart.refresh()

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


def _day_label(title: str, values: list, shown: str) -> Content:
    """A daily chart's caption: its title, then the range its bars span and the last day."""
    if not values:
        return Content.assemble(Content.styled(title, "bold"), Content("\nno days"))
    low, high = shown.format(min(values)), shown.format(max(values))
    return Content.assemble(Content.styled(title, "bold"),
                            Content(f"\n{low} to {high}\nlast day {shown.format(values[-1])}"))
