"""Build step: the Performance page's chart, table and figures, from the results file,
and the check of the claims its sentences make.

`make benchmark` runs examples/performance/benchmark.py and writes its figures to the
results file named in pyproject.toml ([tool.session-docs.benchmark]): for each layer, the
statements it sent and its seconds and ratio to the raw driver, each as the median, min
and max over the rounds. A page shows them with three markers, each alone on its line,
and placeholders inside prose:

    <!-- benchmark: chart -->      an SVG bar chart of every ratio (log scale), a whisker
                                   from the fastest to the slowest round on each bar
    <!-- benchmark: table -->      the same figures as tables, with milliseconds and
                                   statements
    <!-- benchmark: measured -->   when, where and how they were measured
    {{ sqlite.insert.orm }}             one ratio, median and range: "47× (45–48)"
    {{ sqlite.insert.orm.seconds }}     its time: "668 ms (650–700)"
    {{ sqlite.insert.orm.statements }}  the statements that layer sent: "10,000"
    {{ sqlite.rows }}                   a run's rows, rows_one_by_one or rounds: "10,000"

and a claim beside each sentence that compares figures, checked against them and removed
from the page (see benchmark_results.py):

    <!-- claim: sqlite.insert.orm > sqlite.insert.core -->

So no figure on the page is typed by hand, and no comparison is trusted by hand: rerun
the benchmark and the figures follow; a sentence the new figures no longer support fails
the build. A marker, placeholder or claim that is malformed, names something the results
do not hold, or claims what they deny fails the build with the page and line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape
from typing import NoReturn

from docsite.benchmark_results import (
    CLAIM,
    benchmark_groups,
    claim_problem,
    measure_of,
    read_results,
)
from docsite.config import BENCHMARK, rel


class BenchmarkPageError(Exception):
    """A marker, placeholder or claim the results cannot back; the message starts with
    the page's file and line."""


MARKER = re.compile(r"^<!-- benchmark: (?P<what>[a-z]+) -->[ \t]*$", re.MULTILINE)
FIGURE = re.compile(r"\{\{(?P<key>[^{}\n]*)\}\}")
CLAIM_LINE = re.compile(
    rf"^[ \t]*(?:{CLAIM.pattern}[ \t]*)+\n", CLAIM.flags | re.MULTILINE
)
RUN_NUMBERS = ["rows", "rows_one_by_one", "rounds"]  # {{ sqlite.rows }} and the like
TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]  # the chart's axis
GROUP_TITLES = {
    "insert": "Insert {rows} rows",
    "select": "Select {rows} rows",
    "one_by_one": "Insert {rows_one_by_one} rows, one statement and commit each",
}


# --- Rendering -------------------------------------------------------------------------


def label_of(dialect: str) -> str:
    return next((b.label for b in BENCHMARK.backends if b.dialect == dialect), dialect)


def number(value: float) -> str:
    """A ratio as text: 0.79, 1.0, 3.7, 47."""
    if value < 1:
        return f"{value:.2g}"
    return f"{value:.1f}" if value < 10 else f"{value:,.0f}"


def ratio_text(ratio: dict) -> str:
    """'47× (45–48)': the median, then the fastest and slowest rounds' ratios."""
    median, low, high = (number(ratio[k]) for k in ("median", "min", "max"))
    return f"{median}×" if low == median == high else f"{median}× ({low}–{high})"


def ms_text(seconds: dict) -> str:
    """'668 ms (650–700)'; 5.68 ms, 14.1 ms below 100 ms."""
    ms = [seconds[k] * 1000 for k in ("median", "min", "max")]
    median, low, high = (f"{v:,.{0 if v >= 100 else 1 if v >= 10 else 2}f}" for v in ms)
    return f"{median} ms ({low}–{high})"


def statements_text(count: int) -> str:
    return f"{count:,} statement{'' if count == 1 else 's'}"


def group_title(group: str, run: dict) -> str:
    return GROUP_TITLES[group].format(
        rows=f"{run['rows']:,}", rows_one_by_one=f"{run['rows_one_by_one']:,}"
    )


@dataclass(frozen=True)
class Scale:
    """The chart's log-scale axis: from the last tick at or below the lowest whisker to
    the first at or above the highest."""

    ticks: list[float]
    left: float = 190  # room for the labels
    width: float = 420

    @classmethod
    def spanning(cls, low: float, top: float) -> Scale:
        ticks = [t for t in TICKS if t <= low][-1:] + [
            t for t in TICKS if low < t < top
        ]
        return cls(ticks + [t for t in TICKS if t >= top][:1])

    def x(self, ratio: float) -> float:
        x0, x1 = math.log10(self.ticks[0]), math.log10(self.ticks[-1])
        return self.left + (math.log10(ratio) - x0) / (x1 - x0) * self.width


BAR, GAP = 12, 8  # the height of one backend's bar, and the gap after each layer


def bar(scale: Scale, dialect: str, ratio: dict, top: float) -> str:
    """One backend's bar: its length the median ratio, its whisker the fastest to the
    slowest round, its label the median."""
    low_x, high_x = scale.x(ratio["min"]), scale.x(ratio["max"])
    middle, width = top + (BAR - 1) / 2, max(scale.x(ratio["median"]) - scale.left, 1)
    return (
        f'<rect class="bench-{dialect}" x="{scale.left}" y="{top}" '
        f'width="{width:.1f}" height="{BAR - 1}"/>'
        f'<path class="bench-whisker" d="M{low_x:.1f} {middle:.1f}H{high_x:.1f}'
        f'M{low_x:.1f} {top + 1}v{BAR - 3}M{high_x:.1f} {top + 1}v{BAR - 3}"/>'
        f'<text class="bench-value" x="{high_x + 4:.1f}" y="{top + BAR - 1}">'
        f'{number(ratio["median"])}×</text>'
    )


def chart(runs: dict[str, dict]) -> str:
    """Horizontal bars on a log scale, one bar per backend for each layer; 1× is the raw
    driver. Colours come from CSS (extra.css), so both palettes work."""
    groups = benchmark_groups()
    ratios = [run[g][layer]["ratio"] for run in runs.values()
              for g, layers in groups.items() for layer in layers]  # fmt: skip
    scale = Scale.spanning(min(r["min"] for r in ratios), max(r["max"] for r in ratios))
    parts = [f'<rect class="bench-{d}" x="{scale.left + i * 130}" y="4" width="12" height="12"/>'
             f'<text x="{scale.left + i * 130 + 18}" y="14">{escape(label_of(d))}</text>'
             for i, d in enumerate(runs)]  # fmt: skip
    y = 24
    for group, layers in groups.items():
        y += 22
        title = group_title(group, next(iter(runs.values())))
        parts.append(f'<text class="bench-group" x="0" y="{y}">{escape(title)}</text>')
        y += 8
        for layer, label in layers.items():
            height = BAR * len(runs)
            parts.append(
                f'<text x="0" y="{y + height / 2 + 4:.0f}">{escape(label)}</text>'
            )
            parts += [bar(scale, dialect, run[group][layer]["ratio"], y + i * BAR)
                      for i, (dialect, run) in enumerate(runs.items())]  # fmt: skip
            y += height + GAP
    y += 6
    axis = [f'<line class="bench-axis" x1="{scale.x(t):.1f}" y1="30" x2="{scale.x(t):.1f}" y2="{y}"/>'
            f'<text class="bench-tick" x="{scale.x(t):.1f}" y="{y + 14}">{t:g}×</text>'
            for t in scale.ticks]  # fmt: skip
    summary = "; ".join(
        f"{label_of(d)} {label} {ratio_text(run[g][layer]['ratio'])}"
        for d, run in runs.items() for g in groups for layer, label in groups[g].items()
    )  # fmt: skip
    return (
        f'<figure class="bench-chart" tabindex="0"><svg viewBox="0 0 '
        f'{scale.left + scale.width + 60} {y + 20}" '
        f'role="img" aria-labelledby="bench-title bench-desc">'
        f'<title id="bench-title">Time of each layer as a multiple of the raw driver '
        f'(log scale)</title><desc id="bench-desc">{escape(summary)}</desc>'
        + "".join(axis + parts)
        + "</svg><figcaption>Time as a multiple of the raw driver's time in the same "
        "round (1× = raw driver; log scale): each bar is the median of the rounds, its "
        "whisker runs from the fastest round to the slowest. The tables below have every "
        "figure.</figcaption></figure>"
    )


def table(runs: dict[str, dict]) -> str:
    """One table per group: a row per layer, a column per database; each cell the ratio,
    the milliseconds (median and range) and the statements sent."""
    heads = " | ".join(label_of(d) for d in runs)
    tables = []
    for group, layers in benchmark_groups().items():
        lines = [
            f"| {group_title(group, next(iter(runs.values())))} | {heads} |",
            "|---|" + "---:|" * len(runs),
        ]
        for layer, label in layers.items():
            cells = " | ".join(
                f"{ratio_text(f['ratio'])}<br>{ms_text(f['seconds'])}<br>"
                f"{statements_text(f['statements'])}"
                for f in (run[group][layer] for run in runs.values())
            )
            lines.append(f"| {label} | {cells} |")
        tables.append("\n".join(lines))
    # In a div (md_in_html) so that CSS can keep each line of a cell whole on a phone.
    return (
        '<div class="bench-tables" markdown>\n\n' + "\n\n".join(tables) + "\n\n</div>"
    )


def measured(runs: dict[str, dict]) -> str:
    first = next(iter(runs.values()))
    engines = ", ".join(
        f"{label_of(d)} {run['database'].split()[-1]} via {run['driver']}"
        for d, run in runs.items()
    )
    return (
        f"Measured {first['measured']} on {first['machine']} with Python "
        f"{first['python']} and SQLAlchemy {first['sqlalchemy']}: {engines}. "
        f"Each group of operations is timed in {first['rounds']} rounds, after one "
        "untimed round; a round runs every layer of the group once, in an order that "
        "rotates from round to round, so that a change in the machine's load hits every "
        "layer alike. A ratio divides a layer's time by the raw driver's in the same "
        "round. Each figure is the median of the rounds, followed, in brackets, by the "
        "fastest and the slowest round (min–max). Statements are those each "
        "layer handed the driver, counted with SQLAlchemy's `before_cursor_execute` "
        "event (an `executemany()` is one). "
        f"Source: `{rel(BENCHMARK.results)}`."
    )


RENDER = {"chart": chart, "table": table, "measured": measured}
TEXT_OF = {
    "ratio": ratio_text,
    "seconds": ms_text,
    "statements": lambda v: f"{v['median']:,}",
}


def figure(key: str, runs: dict[str, dict]) -> str:
    """A placeholder's text (see the module's docstring); KeyError if the results hold
    no such figure."""
    dialect, _, field = key.partition(".")
    if field in RUN_NUMBERS:
        return f"{runs[dialect][field]:,}"
    kind, value = measure_of(runs, key)
    return TEXT_OF[kind](value)


def render_benchmark(
    markdown: str, page_path: str, first_line: int = 1, written: str | None = None
) -> str:
    """Check the page's markers, placeholders and claims, then render them. `written` is
    the page's Markdown as in its file from first_line on, where errors are located;
    `markdown` is the same after other hooks rewrote it (an include gains its badges).
    """
    written = markdown if written is None else written
    if not any(p.search(written) for p in (MARKER, FIGURE, CLAIM)):
        return markdown
    try:
        runs = read_results()
    except ValueError as exc:
        raise BenchmarkPageError(f"{page_path}: {exc}") from None

    def fail(m: re.Match[str], problem: str) -> NoReturn:
        line = first_line + written.count("\n", 0, m.start())
        raise BenchmarkPageError(f"{page_path}:{line}: {problem}")

    for m in MARKER.finditer(written):
        if m["what"] not in RENDER:
            fail(m, f"unknown marker 'benchmark: {m['what']}'; use one of "
                    f"{', '.join(RENDER)}")  # fmt: skip
    for m in FIGURE.finditer(written):
        try:
            figure(m["key"].strip(), runs)
        except (KeyError, TypeError):
            fail(m, f"'{m[0]}' names no figure in {BENCHMARK.results.name}; write "
                    "<database>.<group>.<layer>[.seconds|.statements] (sqlite.insert.orm)"
                    f" or <database>.<{'|'.join(RUN_NUMBERS)}>")  # fmt: skip
    for m in CLAIM.finditer(written):
        if problem := claim_problem(m["claim"], runs):
            fail(m, problem)

    text = FIGURE.sub(lambda m: figure(m["key"].strip(), runs), markdown)
    text = MARKER.sub(lambda m: RENDER[m["what"]](runs), text)
    # Claims are checked; a reader has no use for them: removed, with the lines they
    # stand on.
    return CLAIM.sub("", CLAIM_LINE.sub("", text))
