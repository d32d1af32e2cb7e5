"""`make benchmark`: rerun examples/performance/benchmark.py at the size and on the
backends pyproject.toml declares ([tool.session-docs.benchmark]) and rewrite the results
file that docs/performance.md is built from. Prints the figures as it goes.

Each backend's URL is the one the tests use (SESSION_DOCS_<NAME>_URL overrides it). On a
server, the benchmark's table lives in a private schema dropped afterwards.
"""

from __future__ import annotations

import json
import sys

from docsite.config import BENCHMARK, rel
from docsite.running import run_as_reader


def main() -> int:
    args = ["--rows", str(BENCHMARK.rows), "--rounds", str(BENCHMARK.rounds)]
    runs = []
    for backend in BENCHMARK.backends:
        print(
            f"=== {backend.label}: {rel(BENCHMARK.program)} {' '.join(args)}",
            flush=True,
        )
        out = BENCHMARK.results.with_suffix(f".{backend.name}.tmp")
        run = run_as_reader(
            BENCHMARK.program, backend, timeout=1800, args=[*args, "--json", str(out)]
        )
        print(run.stdout, end="")
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return 1
        runs += json.loads(out.read_text())["runs"]
        out.unlink()
    BENCHMARK.results.write_text(json.dumps({"runs": runs}, indent=2) + "\n")
    print(f"wrote {rel(BENCHMARK.results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
