"""Command-line options of the test suite, and the built site its tests share (the
helpers themselves live in the docsite package)."""

from __future__ import annotations

import fcntl
import os
import re
from pathlib import Path

import pytest

from docsite.browser import CHROMIUM_ARGS, BrowserMissing, chromium_executable
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


# A browser check of one page (test_browser.py: `[/sessions/]`) shares the page's load
# with the other checks of that page: they are one unit of work, sent to one worker.
# Every other test is a unit of its own. (pytest-xdist's loadgroup left them apart.)
PAGE_CHECK = re.compile(r"^tests/test_browser\.py::\w+\[(?P<path>/[^\]]*)\]$")


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByPage(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            m = PAGE_CHECK.match(nodeid)
            return f"page {m['path']}" if m else nodeid

    return ByPage(config, log)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site, built once per test run with `mkdocs build --strict`: the first worker
    to need it builds it, the others wait for it and share it (nothing writes to it)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # pytest-xdist: the workers' folders share a parent
        shared = shared.parent
    site_dir = shared / "site"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (shared / "site.built").exists():
            build = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
            assert (
                build.returncode == 0
            ), f"mkdocs build --strict failed:\n{build.stderr}"
            (shared / "site.built").touch()
    return site_dir


@pytest.fixture(scope="session")
def browser():
    """Chromium, driven by Playwright: one per test process (Playwright's sync API runs
    one at a time), for tests/test_browser.py and the Chromium of test_every_browser.py.
    """
    try:
        executable = chromium_executable()
    except BrowserMissing as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs the browser tests: {missing}", pytrace=False)
        pytest.skip(f"BROWSER TESTS NOT RUN: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
