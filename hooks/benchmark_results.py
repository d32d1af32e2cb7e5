"""The benchmark's results file (examples/performance/results.json), read and checked.

Shared by the Performance page's build hook (hooks/benchmark_page.py) and the tests
(tests/test_benchmark.py). It needs nothing but the standard library, so the tests can
use it in every venv of the matrix, MkDocs installed or not.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from docsite.config import BENCHMARK

RUN_FIELDS = ["database", "driver", "sqlalchemy", "python", "machine", "measured",
              "rows", "statements", "repeat"]  # fmt: skip


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
                if not (figure.get("seconds", 0) > 0 and figure.get("ratio", 0) > 0):
                    raise ValueError(f"{where}.{group}.{layer}: no positive timing")
        by_dialect[run["database"].split()[0]] = run
    return by_dialect
