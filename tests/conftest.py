"""Command-line options of the test suite, and the built site its tests share (the
helpers themselves live in the docsite package)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docsite.config import BACKENDS, ROOT
from docsite.servers import selected_backends
from docsite.site import mkdocs_build


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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test process with `mkdocs build --strict`."""
    site_dir = tmp_path_factory.mktemp("site")
    build = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr}"
    return site_dir
