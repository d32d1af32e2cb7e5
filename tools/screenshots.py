"""Screenshots for review: every page of the built site, light and dark, as PNG.

make screenshots        (writes .cache/screenshots/<page>-<light|dark>.png)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from docsite.browser import CHROMIUM_ARGS
from docsite.config import BROWSER, ROOT
from docsite.site import mkdocs_build, served, site_pages

OUT_DIR = ROOT / ".cache" / "screenshots"


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        build = mkdocs_build(ROOT / "mkdocs.yml", site)
        if build.returncode != 0:
            print(build.stderr, file=sys.stderr)
            return 1
        with served(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(BROWSER), args=CHROMIUM_ARGS
            )
            for scheme in ("light", "dark"):
                page = browser.new_page(
                    color_scheme=scheme, viewport={"width": 1280, "height": 900}
                )
                for path in site_pages(site):
                    page.goto(url + path, wait_until="networkidle")
                    name = path.strip("/").replace("/", "-").removesuffix(".html")
                    png = OUT_DIR / f"{name or 'index'}-{scheme}.png"
                    page.screenshot(path=png, full_page=True)
                    print(png.relative_to(ROOT))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
