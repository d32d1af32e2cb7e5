"""The benchmark's results file (examples/performance/results.json), read and checked, and
the claims a page makes about it.

Shared by the Performance page's build step (docsite/benchmark_page.py) and the tests
(tests/test_benchmark.py). It needs nothing but the standard library, so the tests can
use it in every venv of the matrix, MkDocs installed or not.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from docsite.config import BENCHMARK

RUN_FIELDS = ["database", "driver", "sqlalchemy", "python", "machine", "measured",
              "rows", "rows_one_by_one", "rounds"]  # fmt: skip
SUMMARY = ["median", "min", "max"]  # of each figure, over the rounds

# A figure is named <database>.<group>.<layer>, its ratio to the raw driver, or with
# .seconds or .statements after it: sqlite.insert.orm, sqlite.insert.orm.statements.
FIGURE_KEY = r"[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+(?:\.seconds|\.statements)?"

# A sentence that compares two figures carries a claim beside it, on one line:
#     <!-- claim: sqlite.insert.orm > sqlite.insert.core -->
# Each side is a figure of the same kind, taken as its range over the rounds (min-max; a
# statement count is one number). "a > b": a's range lies wholly above b's (slower, a
# larger multiple, more statements); "a < b": wholly below; "a ~ b": the ranges overlap
# (within run-to-run variation; for statement counts, equal). The build and
# tests/test_benchmark.py check every claim against the results.
CLAIM = re.compile(r"<!--\s*claim\b(?P<claim>.*?)-->", re.DOTALL | re.IGNORECASE)
CLAIM_SYNTAX = re.compile(
    rf":\s*(?P<a>{FIGURE_KEY})\s*(?P<relation>[<>~])\s*(?P<b>{FIGURE_KEY})\s*"
)
RELATIONS = {"<": "lies wholly below", ">": "lies wholly above", "~": "overlaps"}


def benchmark_groups() -> dict[str, dict[str, str]]:
    """What the program times (group -> layer id -> label): its GROUPS literal, read
    without running it."""
    tree = ast.parse(BENCHMARK.program.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "GROUPS":
            return ast.literal_eval(node.value)
    raise ValueError(f"{BENCHMARK.program}: no GROUPS table")


def read_results(path: Path = BENCHMARK.results) -> dict[str, dict]:
    """The results file, checked: dialect name ("sqlite") -> that run's figures.
    Raises ValueError naming the file and what is wrong."""
    try:
        runs = json.loads(path.read_text())["runs"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a benchmark results file ({exc!r})") from None
    groups, by_dialect = benchmark_groups(), {}
    for index, run in enumerate(runs):
        where = f"{path}: runs[{index}]"
        missing = [f for f in [*RUN_FIELDS, *groups] if f not in run]
        if missing:
            raise ValueError(f"{where} lacks {', '.join(missing)}")
        for group, layers in groups.items():
            if list(run[group]) != list(layers):
                raise ValueError(f"{where}.{group}: layers {list(run[group])}, "
                                 f"the program times {list(layers)}")  # fmt: skip
            for layer, figure in run[group].items():
                problem = figure_problem(figure)
                if problem:
                    raise ValueError(f"{where}.{group}.{layer}: {problem}")
        by_dialect[run["database"].split()[0]] = run
    return by_dialect


def figure_problem(figure: dict) -> str | None:
    """What is wrong with one layer's figures, if anything."""
    if not (isinstance(figure.get("statements"), int) and figure["statements"] > 0):
        return "no statement count"
    for name in ("seconds", "ratio"):
        summary = figure.get(name)
        if not isinstance(summary, dict) or sorted(summary) != sorted(SUMMARY):
            return f"{name} is not {{{', '.join(SUMMARY)}}}"
        if not 0 < summary["min"] <= summary["median"] <= summary["max"]:
            return f"{name}: not 0 < min <= median <= max ({summary})"
    return None


def measure_of(runs: dict[str, dict], key: str) -> tuple[str, dict]:
    """A figure by name (see FIGURE_KEY) -> its kind ("ratio", "seconds" or "statements")
    and its {median, min, max}; KeyError naming the key if the results hold none."""
    parts = key.split(".")
    kind = parts.pop() if parts[-1] in ("seconds", "statements") else "ratio"
    try:
        dialect, group, layer = parts
        value = runs[dialect][group][layer][kind]
    except (KeyError, ValueError, TypeError):
        raise KeyError(key) from None
    if kind == "statements":
        value = dict.fromkeys(SUMMARY, value)
    return kind, value


def relation(a: dict, b: dict) -> str:
    """'<' if range a lies wholly below range b, '>' wholly above, '~' if they overlap."""
    if a["max"] < b["min"]:
        return "<"
    if a["min"] > b["max"]:
        return ">"
    return "~"


def claims(page: str) -> list[tuple[int, str]]:
    """Each claim marker in a page's text: its line and what follows 'claim'."""
    return [
        (page.count("\n", 0, m.start()) + 1, m["claim"]) for m in CLAIM.finditer(page)
    ]


def claim_problem(claim: str, runs: dict[str, dict]) -> str | None:
    """Why a claim marker's text is wrong or not supported by the results; None if it
    holds. `claim` is what follows 'claim' in the marker."""
    m = CLAIM_SYNTAX.fullmatch(claim)
    if m is None or "\n" in claim:
        return (
            f"'<!-- claim{claim}-->' is not a claim; write, on one line, "
            "<!-- claim: <figure> <, > or ~ <figure> -->, each figure "
            "<database>.<group>.<layer>[.seconds|.statements]"
        )
    try:
        (kind, a), (other_kind, b) = measure_of(runs, m["a"]), measure_of(runs, m["b"])
    except KeyError as exc:
        return f"claim names no figure {exc}; write <database>.<group>.<layer>"
    if kind != other_kind:
        return f"claim compares {kind} with {other_kind}; compare like with like"
    found = relation(a, b)
    if found == m["relation"]:
        return None
    return (
        f"claims {m['a']} {m['relation']} {m['b']}, but {m['a']}'s range {span(a)} "
        f"{RELATIONS[found]} {m['b']}'s {span(b)}: rewrite the sentence and its claim"
    )


def span(value: dict) -> str:
    return f"{value['min']:g}–{value['max']:g}"
