"""Screenshots for review: every page of the built site, light and dark, on a desktop
(1280 px) and a phone (390 px), as PNG; and each picture drawn from a run, its tab opened
(docsite/pictures.py), as <page>-picture-<n>-<screen>-<scheme>.png.

    make screenshots        (writes .cache/screenshots/<page>-<desktop|phone>-<scheme>.png)
"""

from __future__ import annotations

import sys

from docsite.browser import launch_chromium
from docsite.config import ROOT
from docsite.site import built_and_served, site_pages

OUT_DIR = ROOT / ".cache" / "screenshots"
SCREENS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}
# Code blocks outside the viewport are skipped by the browser until scrolled near
# (content-visibility, docsite/page_speed.py): a full-page picture would show them blank.
RENDER_EVERY_BLOCK = (
    ".md-typeset .highlight { content-visibility: visible !important; }"
)


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with built_and_served() as (site, url), sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for screen, viewport in SCREENS.items():
            for scheme in ("light", "dark"):
                page = browser.new_page(
                    color_scheme=scheme, viewport=viewport, is_mobile=screen == "phone"
                )
                for path in site_pages(site):
                    page.goto(url + path, wait_until="networkidle")
                    page.add_style_tag(content=RENDER_EVERY_BLOCK)
                    name = path.strip("/").replace("/", "-").removesuffix(".html")
                    png = OUT_DIR / f"{name or 'index'}-{screen}-{scheme}.png"
                    page.screenshot(path=png, full_page=True)
                    print(png.relative_to(ROOT))
                    for n, shot in enumerate(pictures(page), 1):
                        png = (
                            OUT_DIR
                            / f"{name or 'index'}-picture-{n}-{screen}-{scheme}.png"
                        )
                        shot.screenshot(path=png)
                        print(png.relative_to(ROOT))
                page.close()
        browser.close()
    return 0


def pictures(page):
    """Each picture on the page, shown: its tab chosen (the last of its set), inside any
    collapsed block it sits in; the element to take, the tabs with it."""
    page.evaluate(
        "document.querySelectorAll('details').forEach(d => { d.open = true })"
    )
    figures = page.locator("figure.picture-figure")
    for i in range(figures.count()):
        figure = figures.nth(i)
        tabs = figure.locator("xpath=ancestor::div[contains(@class,'tabbed-set')][1]")
        if tabs.count():
            tabs.locator(".tabbed-labels label").last.click()
            figure = tabs
        figure.scroll_into_view_if_needed()
        yield figure


if __name__ == "__main__":
    sys.exit(main())
