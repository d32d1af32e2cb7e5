"""A real browser against the built site: which Chromium, how it starts, and the page
scripts the tests and commands share."""

from __future__ import annotations

import subprocess
import sys

from docsite.config import BROWSER

# Debian's Chromium, quiet: no first-run work, no background calls to Google's hosts
# (this machine's network refuses them, which would show up as failed requests).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserMissing(Exception):
    """No Chromium to drive; the message says how to get one."""


def chromium_executable() -> str | None:
    """The Chromium to launch: pyproject.toml's `browser` (Debian's), else Playwright's
    own, installed with `playwright install chromium` where its download host is
    reachable (None: Playwright knows where it is). BrowserMissing if neither."""
    if BROWSER.exists():
        return str(BROWSER)
    install = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if install.returncode == 0:
        return None
    reason = (install.stderr or install.stdout).strip().splitlines()[-1:]
    raise BrowserMissing(
        f"no browser: {BROWSER} does not exist (Debian: apt-get install chromium), and "
        f"`playwright install chromium` failed: {' '.join(reason)}"
    )


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=chromium_executable(), args=CHROMIUM_ARGS
    )


# Shows an element of a page that sits in a closed content tab or a collapsed admonition.
SHOW_TAB = """block => {
  const details = block.closest("details");  // a collapsed admonition: open it
  if (details) details.open = true;
  const panel = block.closest(".tabbed-block");
  if (!panel) return;
  const set = panel.closest(".tabbed-set");
  const index = [...panel.parentElement.children].indexOf(panel);
  set.querySelectorAll(":scope > input")[index].click();
}"""

# A Run button's bar (docs/javascripts/run-examples.js) says how its run went in
# data-state: loading and running go on to done, failed or stopped.
RUN_FINISHED = "bar => !['loading', 'running'].includes(bar.dataset.state)"


def click_run(page, bar, timeout: float = 120_000) -> None:
    """Click a bar's Run button (Playwright) and wait until the run has ended."""
    bar.locator(".run-example__run").click()
    page.wait_for_function(RUN_FINISHED, arg=bar.element_handle(), timeout=timeout)
