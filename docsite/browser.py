"""A real browser against the built site: which Chromium, how it starts, and the page
scripts the tests and commands share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from docsite.config import BROWSERS, DOCS_DIR, rel, why_not_in_browser
from docsite.sources import notebooks, pages, pages_showing

BROWSER = BROWSERS["chromium"]

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


def watch(page, base_url: str) -> list[str]:
    """What goes wrong while a page is open, from now on (a list the
    browser's events append to): console errors, failed
    requests, and any request to a host other than the site's own (blocked before it
    leaves)."""
    found: list[str] = []
    origin = urlparse(base_url).netloc

    def route(route_, request):
        if urlparse(request.url).netloc not in (origin, ""):
            found.append(f"request to another host: {request.url}")
            route_.abort()
        else:
            route_.continue_()

    def response(r):
        if r.status >= 400 and not r.url.endswith("/404.html"):
            found.append(f"HTTP {r.status}: {r.url}")

    page.route("**/*", route)
    page.on(
        "console", lambda m: m.type == "error" and found.append(f"console: {m.text}")
    )
    page.on("pageerror", lambda e: found.append(f"script error: {e}"))
    page.on(
        "requestfailed", lambda r: found.append(f"failed request: {r.url} {r.failure}")
    )
    page.on("response", response)
    return found


# --- The site's pages and their Run buttons, as a browser reaches them ---------------------


def url_of(page_file: Path) -> str:
    """docs/sessions.md -> /sessions/ (docs/index.md -> /)."""
    stem = page_file.relative_to(DOCS_DIR).with_suffix("").as_posix()
    return "/" if stem == "index" else f"/{stem}/"


# Every page of the site, from its sources (tests/test_browser.py checks the built site
# has no other).
PAGES = sorted(
    [url_of(p) for p in pages()]
    + [f"/notebooks/{nb.stem}/" for nb in notebooks()]
    + ["/404.html"]
)


def programs_by_page(runnable: bool) -> dict[str, set[str]]:
    """URL path -> the programs it shows that can (or cannot) run in the browser."""
    found: dict[str, set[str]] = {}
    for program, shown_at in pages_showing().items():
        if (why_not_in_browser(program) is None) == runnable:
            for include in shown_at:
                found.setdefault(url_of(include.page), set()).add(rel(program))
    return found


# What the page shows as the output a browser run must reproduce: the output block marked
# by docsite/example_blocks.py (SQLite on the locked line) between this bar and the badges.
EXPECTED_OUTPUT = """bar => {
  for (let next = bar.nextElementSibling; next; next = next.nextElementSibling) {
    if (next.matches(".verified-on")) return "";
    const block = next.matches(".expected-in-browser") ? next
      : next.querySelector(".expected-in-browser");
    if (block) return block.querySelector("code").textContent;
  }
  return "";
}"""
# What a run printed: the panel the Run button opens under its bar.
RUN_OUTPUT = "bar => bar.nextElementSibling.querySelector('code').textContent"
