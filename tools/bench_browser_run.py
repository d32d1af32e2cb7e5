"""How fast the Run buttons are, in Debian's headless Chromium; prints figures.

    make bench-browser-run            (RUNS=3 by default: cold figures are medians)

Builds the site and serves it with gzip, as a static host would. Each run opens a page in
a new browser profile (empty cache), clicks the first Run button and measures:

* cold start: from the click until the program's whole output is shown, Python included,
  with the pointer moved onto Run and clicked at once (Python starts when the reader
  points at Run), and with the pointer resting on it for HOVER_MS first, as a reader's
  does between pointing and clicking;
* bytes transferred from the click on (compressed sizes, as the network carries them);
* a warm run: the same button again, Python already up (median of 5 clicks), and each
  other block of the page once.

Targets on this machine: cold <= 4 s, warm <= 50 ms, <= 8 MB. Nothing is asserted: the
figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter

from docsite.browser import SHOW_TAB, click_run, launch_chromium
from docsite.site import GzipHandler, built_and_served

WARM_CLICKS = 5
HOVER_MS = 300  # pointer on Run before the click (a reader's move from hover to click)


def timed_run(page, bar) -> float:
    """Click Run; the page's own click-to-output time in ms (data-ms, set by the page)."""
    click_run(page, bar)
    if bar.get_attribute("data-state") != "done":
        raise RuntimeError(f"the run ended {bar.get_attribute('data-state')}")
    return float(bar.get_attribute("data-ms"))


def cold_after_hover(browser, base: str, path: str) -> float:
    """A cold start in a new profile, the pointer on Run for HOVER_MS before the click."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    bar = page.locator(".run-example").first
    bar.evaluate(SHOW_TAB)
    bar.locator(".run-example__run").hover()
    page.wait_for_timeout(HOVER_MS)
    ms = timed_run(page, bar)
    context.close()
    return ms


def measure(browser, base: str, path: str) -> dict:
    context = browser.new_context(base_url=base)  # a new profile: nothing cached
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    transferred: Counter[str] = Counter()

    def count(request) -> None:
        sizes = request.sizes()
        name = request.url.rsplit("/", 1)[-1]
        body = sizes["responseBodySize"]
        if not body and (response := request.response()):
            # Chromium reports no body size for a worker's own script: its header says.
            body = int(response.headers.get("content-length", 0))
        transferred[name] += body + sizes["responseHeadersSize"]

    context.on("requestfinished", count)
    bar = page.locator(".run-example").first
    bar.evaluate(SHOW_TAB)  # it may sit in a collapsed admonition or a closed tab
    program = bar.get_attribute("data-program")
    cold = timed_run(page, bar)
    startup = json.loads(
        page.evaluate("document.documentElement.dataset.runExamplesStartup")
    )
    page.wait_for_load_state("networkidle")
    warm = [timed_run(page, bar) for _ in range(WARM_CLICKS)]
    every_block = {}  # program -> ms: a warm run of each other block on the page
    bars = page.locator(".run-example")
    for i in range(1, bars.count()):
        other = bars.nth(i)
        other.evaluate(SHOW_TAB)
        every_block[other.get_attribute("data-program")] = timed_run(page, other)
    context.close()
    return {
        "program": program,
        "cold": cold,
        "cold_after_hover": cold_after_hover(browser, base, path),
        "startup": startup,
        "warm": warm,
        "every_block": every_block,
        "bytes": transferred,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts (median)")
    parser.add_argument("--page", default="/sessions/", help="page whose first Run")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with (
        built_and_served(GzipHandler) as (_, base),
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        runs = [measure(browser, base, args.page) for _ in range(args.runs)]
        browser.close()
    first = runs[0]
    cold = [r["cold"] for r in runs]
    hovered = [r["cold_after_hover"] for r in runs]
    warm = [ms for r in runs for ms in r["warm"]]
    steps = {
        name: statistics.median(r["startup"][name] for r in runs)
        for name in first["startup"]
    }
    print(f"Run button on {args.page} ({first['program']}), headless Chromium, gzip")
    print(f"cold start, click to output: median {statistics.median(cold) / 1000:.2f} s "
          f"({', '.join(f'{ms / 1000:.2f}' for ms in cold)}; target <= 4 s)")  # fmt: skip
    for name, ms in steps.items():
        print(f"  {ms:>6.0f} ms  {name}")
    print(f"cold start, pointer on Run {HOVER_MS} ms before the click: median "
          f"{statistics.median(hovered) / 1000:.2f} s "
          f"({', '.join(f'{ms / 1000:.2f}' for ms in hovered)}; target <= 1.3 s)")  # fmt: skip
    print(f"warm run, click to output:   median {statistics.median(warm):.0f} ms "
          f"(min {min(warm):.0f}, max {max(warm):.0f}; target <= 50 ms)")  # fmt: skip
    blocks = first["every_block"]
    if blocks:
        slowest = max(blocks, key=blocks.get)
        print(f"warm run of each other block on the page ({len(blocks)}): median "
              f"{statistics.median(blocks.values()):.0f} ms, slowest {blocks[slowest]:.0f} ms "
              f"({slowest})")  # fmt: skip
    total = sum(first["bytes"].values())
    print(f"transferred on the first run: {total / 1e6:.2f} MB (target <= 8 MB)")
    for name, size in first["bytes"].most_common():
        print(f"  {size:>11,}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
