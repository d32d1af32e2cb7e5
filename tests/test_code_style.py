"""The project's own Python (the docsite package, hooks, tests, commands, the Run buttons'
runner) meets the same style as the examples."""

from __future__ import annotations

import subprocess
import sys

from docsite.config import ROOT

CODE = ["docsite", "hooks", "tests", "tools", "docs/javascripts"]


def test_ruff_finds_nothing():
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format=concise", *CODE],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ruff.returncode == 0, ruff.stdout


def test_black_changes_nothing():
    black = subprocess.run(
        [sys.executable, "-m", "black", "--check", *CODE],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert black.returncode == 0, black.stderr
