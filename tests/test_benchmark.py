"""The benchmark behind docs/performance.md: examples/performance/benchmark.py runs, in a
smoke size, on each backend it measures, and writes a results file the page can be built
from; the committed results file is valid and was measured as pyproject.toml declares.
No timing is asserted: `make benchmark` prints and records the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docsite.benchmark_results import (
    benchmark_groups,
    claim_problem,
    claims,
    read_results,
)
from docsite.config import BENCHMARK, DOCS_DIR, rel
from docsite.running import run_as_reader
from docsite.servers import selected_backends

PAGE = DOCS_DIR / "performance.md"


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
        args=["--rows", "30", "--rounds", "2", "--json", str(results)],
    )
    assert run.returncode == 0, f"{rel(BENCHMARK.program)} failed:\n{run.stderr}"
    runs = read_results(
        results
    )  # raises, naming what is wrong, if the file is not valid
    assert len(runs) == 1
    figures = next(iter(runs.values()))
    assert (figures["rows"], figures["rounds"]) == (30, 2)
    # The statements are counted, not assumed: one INSERT per row, through every layer.
    sent = {layer: f["statements"] for layer, f in figures["one_by_one"].items()}
    assert set(sent.values()) == {figures["rows_one_by_one"]}, sent
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
        assert (run["rows"], run["rounds"]) == (BENCHMARK.rows, BENCHMARK.rounds), (
            f"{rel(BENCHMARK.results)}: {run['database']} measured with "
            f"{run['rows']} rows in {run['rounds']} rounds; pyproject.toml declares "
            f"{BENCHMARK.rows} in {BENCHMARK.rounds}: run `make benchmark`"
        )


def test_a_damaged_results_file_is_refused_with_its_name(tmp_path: Path):
    good = json.loads(BENCHMARK.results.read_text())
    damaged = tmp_path / "results.json"

    def refused(change, message: str) -> None:
        runs = json.loads(json.dumps(good))
        change(runs["runs"][0])
        damaged.write_text(json.dumps(runs))
        with pytest.raises(ValueError, match=message):
            read_results(damaged)

    refused(
        lambda run: run["insert"].pop("orm_bulk"),
        r"results\.json: runs\[0\]\.insert: layers",
    )
    refused(
        lambda run: run["insert"]["orm"].pop("statements"),
        r"insert\.orm: no statement count",
    )
    refused(
        lambda run: run["select"]["core"]["ratio"].update(min=99),
        r"select\.core: ratio: not 0 < min <= median <= max",
    )
    refused(lambda run: run["one_by_one"]["raw"].update(seconds=0.1), "seconds is not")
    damaged.write_text("{}")
    with pytest.raises(ValueError, match="not a benchmark results file"):
        read_results(damaged)


def test_every_claim_on_the_performance_page_holds_for_the_committed_figures():
    """Each sentence of docs/performance.md that compares figures carries a claim marker
    (<!-- claim: a > b -->); the build checks them too. If a rerun of the benchmark denies
    one, the sentence is wrong: rewrite it and its claim."""
    found = claims(PAGE.read_text())
    assert found, f"{rel(PAGE)} has no claim markers"
    runs = read_results()
    denied = [
        f"{rel(PAGE)}:{line}: {problem}"
        for line, claim in found
        if (problem := claim_problem(claim, runs))
    ]
    assert not denied, "\n".join(denied)


# Two ranges of a ratio, as the results file holds them, and how a claim reads them.
SLOW = {"median": 40.0, "min": 30.0, "max": 50.0}
FAST = {"median": 2.0, "min": 1.5, "max": 2.5}
WIDE = {"median": 2.0, "min": 0.5, "max": 35.0}


@pytest.mark.parametrize(
    ("a", "relation", "b", "holds"),
    [
        (SLOW, ">", FAST, True),
        (SLOW, "<", FAST, False),
        (FAST, "<", SLOW, True),
        (SLOW, "~", FAST, False),  # disjoint ranges are not "within variation"
        (SLOW, ">", WIDE, False),  # overlapping ranges rank nothing
        (WIDE, "<", SLOW, False),
        (SLOW, "~", WIDE, True),
    ],
)
def test_a_claim_holds_only_as_far_as_the_ranges_allow(a, relation, b, holds):
    runs = {"sqlite": {"insert": {"a": {"ratio": a}, "b": {"ratio": b}}}}
    problem = claim_problem(f": sqlite.insert.a {relation} sqlite.insert.b ", runs)
    assert (problem is None) == holds, problem


def test_statement_counts_are_compared_exactly_and_never_with_times():
    runs = {"sqlite": {"insert": {"a": {"statements": 10, "ratio": SLOW},
                                  "b": {"statements": 1, "ratio": SLOW}}}}  # fmt: skip

    def problem(claim: str) -> str | None:
        return claim_problem(f": sqlite.insert.{claim}", runs)

    assert problem("a.statements > sqlite.insert.b.statements") is None
    assert "a.statements's range 10–10 lies wholly above" in problem(
        "a.statements ~ sqlite.insert.b.statements"
    )
    assert problem("a ~ sqlite.insert.b") is None  # the same ratios
    assert "compares statements with ratio" in problem("a.statements > sqlite.insert.b")
