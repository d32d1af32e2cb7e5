"""MkDocs hook: the Performance page's chart, table and figures, from the results file.

`make benchmark` runs examples/performance/benchmark.py and writes its figures to the
results file named in pyproject.toml ([tool.session-docs.benchmark]). A page shows them
with three markers, each alone on its line, and a placeholder inside prose:

    <!-- benchmark: chart -->      an SVG bar chart of every ratio (log scale)
    <!-- benchmark: table -->      the same figures as a table, with milliseconds
    <!-- benchmark: measured -->   when, where and with which versions they were measured
    {{ sqlite.insert.orm_bulk }}    one ratio in running text, e.g. "1.9×"

So no figure on the page is typed by hand: rerun the benchmark and the page follows. A
marker or placeholder naming something the results do not hold fails the build with the
page and line.
"""

from __future__ import annotations

import math
import re
from html import escape
from pathlib import Path

from benchmark_results import benchmark_groups, read_results
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from docsite.config import BENCHMARK, ROOT

MARKER = re.compile(r"^<!-- benchmark: (?P<what>[a-z]+) -->[ \t]*$", re.MULTILINE)
FIGURE = re.compile(r"\{\{\s*(?P<key>[a-z0-9_.]+)\s*\}\}")
GROUP_TITLES = {
    "insert": "Insert {rows} rows",
    "select": "Select {rows} rows",
    "one_by_one": "Insert {statements} rows, one statement and commit each",
}


# --- Rendering -------------------------------------------------------------------------


def label_of(dialect: str) -> str:
    return next((b.label for b in BENCHMARK.backends if b.dialect == dialect), dialect)


def ratio_text(ratio: float) -> str:
    return f"{ratio:.2g}×" if ratio < 10 else f"{ratio:.0f}×"


def chart(runs: dict[str, dict]) -> str:
    """Horizontal bars on a log scale, one bar per backend for each layer; 1× is the raw
    driver. Colours come from CSS (extra.css), so both palettes work."""
    groups = benchmark_groups()
    first = next(iter(runs.values()))
    top = max(
        f["ratio"] for run in runs.values() for g in groups for f in run[g].values()
    )
    low = min(
        f["ratio"] for run in runs.values() for g in groups for f in run[g].values()
    )
    ticks = [t for t in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500) if low / 2 <= t]
    ticks = ticks[: next(i for i, t in enumerate(ticks) if t >= top) + 1]
    left, width, bar, gap = 190, 420, 9, 8
    x0, x1 = math.log10(ticks[0]), math.log10(ticks[-1])

    def x(ratio: float) -> float:
        return left + (math.log10(ratio) - x0) / (x1 - x0) * width

    parts, y = [], 24
    legend = [f'<rect class="bench-{d}" x="{left + i * 130}" y="4" width="12" height="12"/>'
              f'<text x="{left + i * 130 + 18}" y="14">{escape(label_of(d))}</text>'
              for i, d in enumerate(runs)]  # fmt: skip
    parts += legend
    for group, layers in groups.items():
        y += 22
        title = GROUP_TITLES[group].format(
            rows=f"{first['rows']:,}", statements=f"{first['statements']:,}"
        )
        parts.append(f'<text class="bench-group" x="0" y="{y}">{escape(title)}</text>')
        y += 8
        for layer, label in layers.items():
            height = bar * len(runs)
            parts.append(
                f'<text x="0" y="{y + height / 2 + 4:.0f}">{escape(label)}</text>'
            )
            for i, (dialect, run) in enumerate(runs.items()):
                ratio = run[group][layer]["ratio"]
                width_of_bar = max(x(ratio) - left, 1)
                parts.append(
                    f'<rect class="bench-{dialect}" x="{left}" y="{y + i * bar}" '
                    f'width="{width_of_bar:.1f}" height="{bar - 1}"/>'
                    f'<text class="bench-value" x="{left + width_of_bar + 4:.1f}" '
                    f'y="{y + i * bar + bar - 1}">{ratio_text(ratio)}</text>'
                )
            y += height + gap
    y += 6
    axis = [f'<line class="bench-axis" x1="{x(t):.1f}" y1="30" x2="{x(t):.1f}" y2="{y}"/>'
            f'<text class="bench-tick" x="{x(t):.1f}" y="{y + 14}">{t:g}×</text>'
            for t in ticks]  # fmt: skip
    height = y + 20
    summary = "; ".join(
        f"{label_of(d)} {layer} {run[g][layer]['ratio']}×"
        for d, run in runs.items() for g in groups for layer in groups[g]
    )  # fmt: skip
    return (
        f'<figure class="bench-chart" tabindex="0"><svg viewBox="0 0 {left + width + 60} {height}" '
        f'role="img" aria-labelledby="bench-title bench-desc">'
        f'<title id="bench-title">Time of each layer as a multiple of the raw driver '
        f'(log scale)</title><desc id="bench-desc">{escape(summary)}</desc>'
        + "".join(axis + parts)
        + "</svg><figcaption>Time as a multiple of the raw driver's time in the same "
        "run (1× = raw driver; log scale). The table below has every figure.</figcaption>"
        "</figure>"
    )


def table(runs: dict[str, dict]) -> str:
    groups = benchmark_groups()
    heads = " | ".join(f"{label_of(d)}" for d in runs)
    lines = [f"| Operation | Layer | {heads} |", "|---|---|" + "---:|" * len(runs)]
    first = next(iter(runs.values()))
    for group, layers in groups.items():
        title = GROUP_TITLES[group].format(
            rows=f"{first['rows']:,}", statements=f"{first['statements']:,}"
        )
        for layer, label in layers.items():
            cells = " | ".join(
                f"{ratio_text(run[group][layer]['ratio'])} "
                f"({run[group][layer]['seconds'] * 1000:,.1f} ms)"
                for run in runs.values()
            )
            lines.append(f"| {title} | {label} | {cells} |")
    return "\n".join(lines)


def measured(runs: dict[str, dict]) -> str:
    first = next(iter(runs.values()))
    engines = ", ".join(
        f"{label_of(d)} {run['database'].split()[-1]} via {run['driver']}"
        for d, run in runs.items()
    )
    return (
        f"Measured {first['measured']} on {first['machine']} with Python "
        f"{first['python']} and SQLAlchemy {first['sqlalchemy']}: {engines}. "
        f"Each figure is the median of {first['repeat']} runs, after one untimed run. "
        f"Source: `{BENCHMARK.results.relative_to(ROOT).as_posix()}`."
    )


RENDER = {"chart": chart, "table": table, "measured": measured}


def figure(key: str, runs: dict[str, dict]) -> str:
    """'sqlite.insert.orm_bulk' -> that ratio as text; KeyError if there is none."""
    dialect, group, layer = key.split(".")
    return ratio_text(runs[dialect][group][layer]["ratio"])


def render_benchmark(markdown: str, page_path: str, first_line: int = 1) -> str:
    if not MARKER.search(markdown) and not FIGURE.search(markdown):
        return markdown
    try:
        runs = read_results()
    except ValueError as exc:
        raise PluginError(f"{page_path}: {exc}") from None

    def line_of(m: re.Match[str]) -> str:
        return f"{page_path}:{first_line + markdown.count(chr(10), 0, m.start())}"

    def block(m: re.Match[str]) -> str:
        if m["what"] not in RENDER:
            raise PluginError(f"{line_of(m)}: unknown marker 'benchmark: {m['what']}'; "
                              f"use one of {', '.join(RENDER)}")  # fmt: skip
        return RENDER[m["what"]](runs)

    def inline(m: re.Match[str]) -> str:
        try:
            return figure(m["key"], runs)
        except (KeyError, ValueError):
            raise PluginError(
                f"{line_of(m)}: '{{{{ {m['key']} }}}}' names no figure in "
                f"{BENCHMARK.results.name}; write <database>.<group>.<layer>, "
                f"e.g. sqlite.insert.orm_bulk"
            ) from None

    # Figures first: they keep the line count, so markers still report their own line.
    return MARKER.sub(block, FIGURE.sub(inline, markdown))


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    text = source.read_text()
    # Where the page's Markdown starts, after its front matter, in the file as written
    # (the markdown passed in has already been rewritten by example_blocks.py).
    body, _ = get_data(text)
    first_line = text.count("\n", 0, text.find(body)) + 1 if body else 1
    return render_benchmark(markdown, source.relative_to(ROOT).as_posix(), first_line)
