"""Accessibility report: axe-core on every page of the built site, light and dark mode.

    make a11y-report    (builds the site, serves it on a free port, prints the figures)

Prints the number of pages failing each axe rule, per colour scheme, then each page's
count. tests/test_browser.py enforces zero; this command shows where a change broke it.
"""

from __future__ import annotations

import sys
from collections import Counter

from docsite.browser import launch_chromium
from docsite.site import built_and_served, site_pages


def main() -> int:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    by_rule: Counter = Counter()
    by_page: Counter = Counter()
    with built_and_served() as (site, url), sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        axe = Axe()
        for scheme in ("light", "dark"):
            # The reader's system preference picks Material's palette on first visit.
            page = browser.new_page(color_scheme=scheme)
            for path in site_pages(site):
                page.goto(url + path, wait_until="networkidle")
                for violation in axe.run(page).response["violations"]:
                    by_rule[(scheme, violation["id"])] += 1
                    by_page[(scheme, path)] += 1
        browser.close()
    print("axe violations: rule, number of pages where it fails")
    for (scheme, rule), pages in sorted(by_rule.items()):
        print(f"  {scheme:<8} {rule:<30} {pages:>3}")
    print("per page:")
    for (scheme, path), rules in sorted(by_page.items()):
        print(f"  {scheme:<8} {path:<40} {rules:>3} rules")
    print(f"total: {sum(by_rule.values())} (rule, page, scheme) violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
