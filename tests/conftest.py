"""Command-line options of the test suite (the helpers themselves live in harness.py)."""

from __future__ import annotations

import pytest
from harness import BACKENDS, selected_backends


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


def pytest_configure(config: pytest.Config) -> None:
    try:
        selected_backends(config.getoption("backend"))
    except ValueError as wrong:
        raise pytest.UsageError(str(wrong)) from None
