"""Command-line options of the test suite (the helpers themselves live in harness.py)."""

from __future__ import annotations

import pytest
from harness import BACKENDS


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        action="append",
        default=[],
        metavar="NAME",
        help="run the examples on this backend (repeatable; 'all' for every one): "
        + ", ".join(BACKENDS)
        + ". Default: the first, embedded one. A backend asked for must be reachable.",
    )
