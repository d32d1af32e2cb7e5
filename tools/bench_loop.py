"""Time the contributor loop on this machine and print the figures (`make bench-loop`).

A benchmark, not a test: it asserts nothing. It measures
* a warm test run: the whole suite, environment installed, caches filled;
* a warm `mkdocs build`: notebook outputs already cached in .cache/mkdocs-jupyter.
Each is run once to warm up, then RUNS times; the median and the range are printed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docsite.config import ROOT
from docsite.sources import example_programs, notebooks

RUNS = 3
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def measure(name: str, cmd: list[str]) -> None:
    timed(cmd)  # warm-up: fills caches
    times = [timed(cmd) for _ in range(RUNS)]
    print(
        f"{name:<28} median {statistics.median(times):6.2f} s   "
        f"(min {min(times):.2f}, max {max(times):.2f}, {RUNS} runs)"
    )


def main() -> None:
    tests = subprocess.run(
        [BIN / "pytest", "--collect-only", "-q", "-n", "0"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    print(f"examples: {len(example_programs())} programs, {len(notebooks())} notebooks; "
          f"tests: {tests}")  # fmt: skip
    with tempfile.TemporaryDirectory() as site:
        measure("warm mkdocs build", [BIN / "mkdocs", "build", "-q", "-d", site])
    measure("warm test run (make test)", [BIN / "pytest", "-q"])


if __name__ == "__main__":
    main()
