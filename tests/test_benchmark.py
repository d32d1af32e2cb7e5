"""The benchmark behind docs/performance.md: examples/performance/benchmark.py runs, in a
smoke size, on each backend it measures, and writes a results file the page can be built
from; the committed results file is valid and was measured as pyproject.toml declares.
No timing is asserted: `make benchmark` prints and records the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmark_results import benchmark_groups, read_results

from docsite.config import BENCHMARK, rel
from docsite.running import run_as_reader
from docsite.servers import selected_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "measured_backend" in metafunc.fixturenames:
        chosen = selected_backends(metafunc.config.getoption("backend"))
        backends = [b for b in BENCHMARK.backends if b in chosen]
        metafunc.parametrize(
            "measured_backend",
            backends,
            ids=[f"{rel(BENCHMARK.program)} on {b.name}" for b in backends],
        )


def test_benchmark_smoke(measured_backend, tmp_path: Path):
    results = tmp_path / "results.json"
    run = run_as_reader(
        BENCHMARK.program,
        measured_backend,
        args=["--rows", "30", "--repeat", "1", "--json", str(results)],
    )
    assert run.returncode == 0, f"{rel(BENCHMARK.program)} failed:\n{run.stderr}"
    runs = read_results(
        results
    )  # raises, naming what is wrong, if the file is not valid
    assert len(runs) == 1 and next(iter(runs.values()))["rows"] == 30
    # What it printed names every layer it timed.
    for layers in benchmark_groups().values():
        for label in layers.values():
            assert label in run.stdout, f"{label!r} missing from the printed report"


def test_committed_results_are_valid_and_measured_as_declared():
    runs = read_results()
    assert sorted(runs) == sorted(
        b.dialect for b in BENCHMARK.backends
    ), f"{rel(BENCHMARK.results)} holds {sorted(runs)}; run `make benchmark`"
    for run in runs.values():
        assert (run["rows"], run["repeat"]) == (BENCHMARK.rows, BENCHMARK.repeat), (
            f"{rel(BENCHMARK.results)}: {run['database']} measured with "
            f"{run['rows']} rows x {run['repeat']}; pyproject.toml declares "
            f"{BENCHMARK.rows} x {BENCHMARK.repeat}: run `make benchmark`"
        )


def test_a_damaged_results_file_is_refused_with_its_name(tmp_path: Path):
    good = json.loads(BENCHMARK.results.read_text())
    del good["runs"][0]["insert"]["orm_bulk"]
    damaged = tmp_path / "results.json"
    damaged.write_text(json.dumps(good))
    with pytest.raises(ValueError, match=r"results\.json: runs\[0\]\.insert: layers"):
        read_results(damaged)
    damaged.write_text("{}")
    with pytest.raises(ValueError, match="not a benchmark results file"):
        read_results(damaged)


def test_what_the_performance_page_says_holds_for_the_committed_figures():
    """docs/performance.md states its figures through placeholders, but its sentences also
    compare them. If a rerun changes an order below, the page is wrong: rewrite it."""
    runs = read_results()
    sqlite, postgresql = runs["sqlite"], runs["postgresql"]

    def ratio(run: dict, key: str) -> float:
        group, layer = key.split(".")
        return run[group][layer]["ratio"]

    claims = {
        "the bulk insert is far cheaper than add_all() on SQLite": (
            ratio(sqlite, "insert.orm_bulk") * 3 < ratio(sqlite, "insert.orm")
        ),
        "the bulk insert is cheaper than add_all() everywhere": all(
            ratio(r, "insert.orm_bulk") < ratio(r, "insert.orm") for r in runs.values()
        ),
        "columns are cheaper than entities": all(
            ratio(r, "select.orm_columns") < ratio(r, "select.orm")
            for r in runs.values()
        ),
        "writing objects shrinks on PostgreSQL": (
            ratio(postgresql, "insert.orm") < ratio(sqlite, "insert.orm")
            and ratio(postgresql, "one_by_one.orm") < ratio(sqlite, "one_by_one.orm")
        ),
        "reading entities does not shrink on PostgreSQL": (
            ratio(postgresql, "select.orm") > ratio(postgresql, "insert.orm")
        ),
        "the ORM's add_all() costs more than Core on SQLite (the FAQ's order)": (
            ratio(sqlite, "insert.orm") > 5 * ratio(sqlite, "insert.core")
        ),
    }
    wrong = [claim for claim, holds in claims.items() if not holds]
    assert (
        not wrong
    ), f"docs/performance.md claims what {rel(BENCHMARK.results)} denies: {wrong}"
