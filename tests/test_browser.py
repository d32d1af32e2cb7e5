"""The built site as readers meet it, in a real browser: Debian's Chromium driven by
Playwright, against the site served on a free loopback port. (What must hold in Firefox
and WebKit as well, clean loads and the Run buttons, is in tests/test_every_browser.py.)

Without Chromium these tests are skipped with the reason (install it with
`apt-get install chromium`); under CI=true a missing Chromium fails the run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from docsite.browser import (
    PAGES,
    RUN_FINISHED,
    SHOW_TAB,
    programs_by_page,
    url_of,
    watch,
)
from docsite.config import BENCHMARK, GLOSSARY, ROOT, rel, why_not_in_browser
from docsite.outputs import expected_output_path, shown_cells
from docsite.site import html_pages, served, site_pages
from docsite.sources import notebooks, pages_showing, shown_source

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.fixture
def page(browser, base_url: str):
    context = browser.new_context(
        base_url=base_url, permissions=["clipboard-read", "clipboard-write"]
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def problems(page, base_url: str) -> list[str]:
    return watch(page, base_url)


@dataclass
class Shown:
    """A page of the site open in the browser, and what went wrong on it so far."""

    path: str
    page: object
    problems: list[str]


@pytest.fixture(scope="session")
def opened(browser, base_url: str) -> Iterator[dict[str, Shown]]:
    """The pages this worker has open, by path: each loaded once for all its checks."""
    pages: dict[str, Shown] = {}
    yield pages
    for shown in pages.values():
        shown.page.context.close()


# The checks of one page run on one worker, which loads the page once for all of them.
ON_ONE_WORKER = [
    pytest.param(p, marks=pytest.mark.xdist_group(f"page {p}")) for p in PAGES
]


@pytest.fixture(params=ON_ONE_WORKER)
def shown(request, opened, browser, base_url: str) -> Shown:
    """One page of the site, open in the browser for every check of that page."""
    path = request.param
    if path not in opened:
        context = browser.new_context(
            base_url=base_url,
            permissions=["clipboard-read", "clipboard-write"],
            viewport=DESKTOP,
        )
        page = context.new_page()
        problems = watch(page, base_url)
        page.goto(path, wait_until="networkidle")
        opened[path] = Shown(path, page, problems)
    return opened[path]


def test_every_built_page_is_tested(site: Path):
    assert site_pages(site) == PAGES


def test_search_finds_a_term_from_a_deep_page_and_opens_it(page, problems):
    page.goto("/", wait_until="networkidle")
    page.keyboard.press("/")  # Material's search shortcut
    # A word only the Backend differences page uses (MariaDB's isolation level).
    page.locator("input.md-search__input").press_sequentially("REPEATABLE", delay=20)
    result = page.locator("a.md-search-result__link").first
    result.wait_for(timeout=10_000)
    result.click()
    page.wait_for_load_state("networkidle")
    assert "/backend-differences/" in page.url
    assert not problems, "\n".join(problems)


# What readers search for about applications in production, and the page it must land on
# (issue 18): the first result of the site's own search.
PRODUCTION_SEARCHES = {
    "QueuePool": "/pool/",
    "pool_pre_ping": "/pool/",
    "idle in transaction": "/pool/",
    "scoped_session": "/web-apps/",
    "FastAPI": "/web-apps/",
    "Flask": "/web-apps/",
}


@pytest.mark.parametrize("term", list(PRODUCTION_SEARCHES))
def test_a_production_search_lands_on_its_page(page, term: str):
    page.goto("/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(term, delay=10)
    result = page.locator("a.md-search-result__link").first
    result.wait_for(timeout=10_000)
    href = result.get_attribute("href")
    assert PRODUCTION_SEARCHES[term] in href, f"searching {term!r} lands on {href}"


# Words of error messages the examples print, and the section that shows and explains
# each: a search finds it, and the Pitfalls table of every error the site shows, which
# links it (docsite/error_codes.py). (Material's search matches words, not phrases.)
ERROR_SEARCHES = {
    "provisioning": "/web-apps/?h=provisioning#concurrent-use",
    "concurrent operations": "/web-apps/?h=concurrent+operations#concurrent-use",
    "greenlet_spawn": "/pitfalls/?h=greenlet_spawn#async-pitfalls",
    "QueuePool limit": "/pool/?h=queuepool+limit#queuepool-limit",
    "IllegalStateChangeError": "/pitfalls/?h=illegalstatechangeerror#async-session-shared",
}
ERRORS_TABLE = "/pitfalls/?h={}#errors-this-site-shows"


@pytest.mark.parametrize("term", list(ERROR_SEARCHES))
def test_an_error_message_search_finds_its_section_and_the_errors_table(
    page, term: str
):
    page.goto("/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(term, delay=10)
    table = ERRORS_TABLE.format("+".join(term.lower().split()))
    results = page.locator("a.md-search-result__link")
    for section in (ERROR_SEARCHES[term], table):
        # Found, if perhaps folded under the page's first result ("1 more on this page").
        found = page.locator(f'a.md-search-result__link[href$="{section}"]')
        try:
            found.first.wait_for(state="attached", timeout=10_000)
        except PlaywrightTimeout:
            hrefs = results.evaluate_all("as => as.map(a => a.getAttribute('href'))")
            pytest.fail(f"searching {term!r} does not find {section}: {hrefs}")
    first = urlparse(results.first.get_attribute("href")).path
    pages = {urlparse(ERROR_SEARCHES[term]).path, "/pitfalls/"}
    assert first in pages, f"searching {term!r}: the first result is {first}"


def test_content_tabs_switch(page):
    page.goto("/backend-differences/", wait_until="load")
    # The first set of tabs by backend (others are by SQLAlchemy version).
    postgresql = page.locator(".tabbed-labels label").filter(
        has_text=re.compile("^PostgreSQL$")
    )
    block = postgresql.first.locator(
        "xpath=ancestor::div[contains(@class,'tabbed-set')][1]"
    )
    postgresql.first.click()
    visible = block.locator(".tabbed-block:visible .filename").first.inner_text()
    assert visible == "Output on PostgreSQL"


def test_the_light_dark_toggle_switches_the_scheme(page):
    page.goto("/", wait_until="load")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = body.get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}, (before, after)


BLOCKS = """() => [...document.querySelectorAll("div.language-python.highlight")]
  .filter(block => block.querySelector(".filename"))
  .map((block, index) => {
    let next = block.nextElementSibling;
    while (next && !next.matches(".example-output, .tabbed-set")) {
      next = next.nextElementSibling;
    }
    const output = next && (next.matches(".example-output") ? next
      : next.querySelector(".example-output"));
    return {
      index,
      file: block.querySelector(".filename").textContent,
      output: output ? output.querySelector("code").textContent : "",
    };
  })"""


# Code blocks: one stylesheet colours every token class on every page. axe checks their
# contrast (most of its time) on the fewest pages whose blocks hold every class the site
# uses (highlighted lines included), and leaves them out elsewhere. (Notebook cells, a
# stylesheet of their own, are checked everywhere.)
CODE = ".highlight pre"
PAGE_CODE = re.compile(
    r'<div class="[^"]*\bhighlight\b[^"]*"[^>]*>(.*?)</pre>', re.DOTALL
)
TOKEN = re.compile(r'<span class="([^"]+)"')


def code_classes(html: str) -> set[str]:
    """The token classes inside a built page's program and output blocks (`hll` is a
    highlighted line)."""
    blocks = PAGE_CODE.findall(html)
    return {c for block in blocks for c in TOKEN.findall(block)} | (
        {"plain text"} if blocks else set()
    )


@pytest.fixture(scope="session")
def pages_checking_code(site: Path) -> set[str]:
    """The fewest pages (greedy) whose code blocks hold every token class of the site."""
    classes = {path: code_classes(built_page(site, path).read_text()) for path in PAGES}
    left, chosen = set().union(*classes.values()), set()
    while left:
        best = max(PAGES, key=lambda path: len(classes[path] & left))
        chosen.add(best)
        left -= classes[best]
    return chosen


def built_page(site: Path, path: str) -> Path:
    """/sessions/ -> site/sessions/index.html"""
    return site / path.lstrip("/") / ("index.html" if path.endswith("/") else "")


def axe_violations(shown: Shown, pages_checking_code: set[str]) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    exclude = None if shown.path in pages_checking_code else {"exclude": [[CODE]]}
    return [
        f"{shown.path}: {v['id']} ({v['help']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(shown.page, context=exclude).response["violations"]
    ]


def test_axe_finds_no_accessibility_violation_in_light_mode(
    shown: Shown, pages_checking_code
):
    """axe-core on the page as a reader who prefers light mode sees it (Material picks
    its palette from the preference), as loaded: before the checks below click on it.
    `make a11y-report` prints the same as figures."""
    found = axe_violations(shown, pages_checking_code)
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)


def test_every_copy_button_copies_the_program_whose_output_the_page_shows(
    shown: Shown,
):
    """The copy button copies the program file exactly (test_examples.py runs that file
    and checks what it prints), and the Output under it is that file's recorded output.
    """
    failures, page = [], shown.page
    python_blocks = page.locator("div.language-python.highlight:has(.filename)")
    for block in page.evaluate(BLOCKS):
        element = python_blocks.nth(block["index"])
        element.evaluate(SHOW_TAB)  # a block in a closed tab or admonition: show it
        element.hover()
        element.locator('button[data-md-type="copy"]').click()
        copied = page.evaluate("navigator.clipboard.readText()")
        program = ROOT / block["file"]
        where = f"{shown.path} {block['file']}"
        # The copy button copies the highlighted code, which Pygments ends at its last
        # line of text: the file's final newline, and any blank lines a marker at the
        # end left, are dropped. Nothing else may differ.
        if copied != shown_source(program).rstrip("\n"):
            failures.append(f"{where}: the copy button copies other text")
            continue
        if program == BENCHMARK.program:
            continue  # prints timings: the page shows its results file instead
        _, backend, line = shown_cells(program, None)[0]
        recorded = expected_output_path(program, backend, line)
        if block["output"] != recorded.read_text():
            failures.append(f"{where}: the Output is not {rel(recorded)}")
    assert not failures, "\n".join(failures)
    assert not shown.problems, "\n".join(shown.problems)


def test_every_program_has_a_page_with_its_copy_button():
    shown = {url_of(inc.page) for incs in pages_showing().values() for inc in incs}
    assert shown <= set(PAGES)


def test_notebook_pages_show_outputs_and_offer_a_valid_download(page, problems):
    for notebook in notebooks():
        # networkidle, not load: the favicon is fetched after load, and leaving the page
        # while it is in flight aborts it (a failed request that is no reader's problem).
        page.goto(f"/notebooks/{notebook.stem}/", wait_until="networkidle")
        assert page.locator(".jp-OutputArea-output").count() > 0, notebook.stem
        assert not page.locator(".run-example").count(), "cells have their download"
        link = page.locator(f'a[href="{notebook.stem}.ipynb"][download]')
        with page.expect_download() as download:
            link.click()
        data = json.loads(Path(download.value.path()).read_text())
        assert data["nbformat"] == 4 and data["cells"], notebook.stem
    assert not problems, "\n".join(problems)


SCROLLING_CODE = """() => {
  for (const block of document.querySelectorAll(".md-typeset .highlight")) {
    block.style.contentVisibility = "visible";  // laid out, as when scrolled to
  }
  return [...document.querySelectorAll(".md-typeset pre > code")]
    .filter(code => code.scrollWidth > code.clientWidth + 1)
    .map(code => (code.closest(".highlight").querySelector(".filename") || {}).textContent);
}"""


def test_no_code_block_scrolls_sideways_on_a_desktop(shown: Shown):
    """At 1280 px every program fits, and Output blocks wrap their long lines."""
    assert shown.page.viewport_size == DESKTOP
    scrolling = shown.page.evaluate(SCROLLING_CODE)
    assert not scrolling, f"{shown.path}: code blocks that scroll sideways: {scrolling}"


@pytest.mark.parametrize("path", PAGES)
def test_the_page_fits_a_phone(browser, base_url: str, path: str):
    """At 390 px no page scrolls sideways as a whole (tables become cards, Output blocks
    wrap; a program may scroll inside its own block)."""
    context = browser.new_context(base_url=base_url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(path, wait_until="load")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 390, f"{path} is {width} px wide on a 390 px phone"


# --- Glossary terms: the definition on hover and on keyboard focus ----------------------

# The tooltip Material shows for the focused or hovered element, as the reader sees it:
# its text, whether the element names it as its description, and its box.
TOOLTIP_OF = """element => {
  const id = element.getAttribute("aria-describedby");
  const tip = id && document.getElementById(id);
  if (!tip || !tip.classList.contains("md-tooltip2--active")) return null;
  const box = tip.querySelector(".md-tooltip2__inner").getBoundingClientRect();
  return {text: tip.textContent, role: tip.getAttribute("role"),
          left: box.left, right: box.right, height: box.height};
}"""


@pytest.mark.parametrize(
    "viewport, phone", [(DESKTOP, False), (PHONE, True)], ids=["desktop", "phone"]
)
def test_a_glossary_term_shows_its_definition_on_hover_and_keyboard_focus(
    browser, base_url: str, viewport: dict, phone: bool
):
    """A glossary term (hooks/glossary.py) shows its definition in Material's tooltip,
    inside the screen, when pointed at and when reached with the Tab key; the tooltip is
    the term's accessible description while it shows."""
    from docsite.glossary import parse_glossary

    definitions = {
        t.anchor: t.definition for t in parse_glossary(GLOSSARY.read_text(), "")
    }
    context = browser.new_context(
        base_url=base_url, viewport=viewport, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    problems = watch(page, base_url)
    page.goto("/pool/", wait_until="networkidle")
    terms = page.locator("article abbr[data-term]")
    first = terms.first
    definition = definitions[first.get_attribute("data-term")]
    assert first.get_attribute("title") == definition
    if not phone:
        first.hover()
        page.wait_for_function(
            f"() => ({TOOLTIP_OF})(document.querySelector('article abbr[data-term]'))"
        )
        hovered = first.evaluate(TOOLTIP_OF)
        assert hovered["text"] == definition and hovered["role"] == "tooltip", hovered
        page.mouse.move(0, 0)
        page.wait_for_function(
            f"() => !({TOOLTIP_OF})(document.querySelector('article abbr[data-term]'))"
        )
    for _ in range(300):  # the Tab key, from the top of the page, to the first term
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr[data-term]')"):
            break
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("e => e.matches('abbr[data-term]')"), "Tab reaches no term"
    page.wait_for_function(f"e => ({TOOLTIP_OF})(e)", arg=focused)
    shown = focused.evaluate(TOOLTIP_OF)
    term = focused.evaluate("e => e.dataset.term")
    context.close()
    assert shown["text"] == definitions[term] and shown["role"] == "tooltip", shown
    assert (
        shown["height"] > 0
        and 0 <= shown["left"]
        and shown["right"] <= viewport["width"]
    ), shown
    assert not problems, problems


# The Home page's answer (its first paragraph) and its link to the decision guide, as
# rectangles in the first screen: readers arriving from a search read them unscrolled.
FIRST_ANSWER = """() => {
  const answer = document.querySelector("article h1 + p");
  const link = answer.querySelector('a[href$="which-one/"]');
  return [answer, link].map((element) => element && element.getBoundingClientRect().bottom);
}"""


@pytest.mark.parametrize(
    "viewport, phone", [(DESKTOP, False), (PHONE, True)], ids=["desktop", "phone"]
)
def test_the_home_page_answers_in_the_first_screen(
    browser, base_url: str, viewport: dict, phone: bool
):
    context = browser.new_context(base_url=base_url, viewport=viewport, is_mobile=phone)
    page = context.new_page()
    page.goto("/", wait_until="load")
    answer_bottom, link_bottom = page.evaluate(FIRST_ANSWER)
    context.close()
    assert link_bottom is not None, "the answer does not link to which-one/"
    assert answer_bottom <= viewport["height"], (
        f"docs/index.md: the answer ends {answer_bottom:.0f} px down a "
        f"{viewport['height']} px screen"
    )


def test_code_blocks_carry_their_reserved_height(site: Path):
    sized = sum(p.read_text().count("--code-lines:") for p in html_pages(site))
    assert sized > 100, f"only {sized} code blocks carry a reserved height"


def test_every_internal_link_and_anchor_resolves_in_the_served_site(page, site: Path):
    """A crawl from the home page: every link to the site itself reaches a page, and
    every #anchor exists on the page it points to."""
    ids_of: dict[str, set[str]] = {}  # page -> the ids on it
    anchors: list[tuple[str, str, str]] = []  # (linking page, target page, anchor)
    queue, broken = ["/"], []
    while queue:
        path = queue.pop()
        if path in ids_of:
            continue
        if not path.endswith(("/", ".html")):  # a file: fetch it
            response = page.request.get(path)
            ids_of[path] = set()
            if response.status != 200:
                broken.append(f"{path}: HTTP {response.status}")
            continue
        response = page.goto(path, wait_until="domcontentloaded")
        if response is None or response.status != 200:
            broken.append(f"{path}: HTTP {response.status if response else '?'}")
            ids_of[path] = set()
            continue
        ids_of[path] = set(page.evaluate(IDS))
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        for href in page.evaluate(LINKS):
            url = urlparse(href)
            if url.netloc == urlparse(page.url).netloc:
                queue.append(url.path)
                if url.fragment:
                    anchors.append((path, url.path, url.fragment))
    broken += [
        f"{source}: link to {target}#{anchor}: no such anchor"
        for source, target, anchor in anchors
        if anchor not in ids_of.get(target, set())
    ]
    assert not broken, "\n".join(sorted(set(broken)))
    assert set(site_pages(site)) - set(ids_of) <= {"/404.html"}, "pages no link reaches"


IDS = "[...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.name)"
LINKS = "[...document.querySelectorAll('a[href]')].map(a => a.href)"


def test_axe_finds_no_accessibility_violation_in_dark_mode(
    shown: Shown, browser, base_url: str, pages_checking_code
):
    """The same for a reader who prefers dark mode, in a browser context of its own
    (Material reads the preference when a page loads)."""
    context = browser.new_context(base_url=base_url, color_scheme="dark")
    dark = Shown(shown.path, context.new_page(), [])
    dark.page.goto(shown.path, wait_until="load")
    scheme = dark.page.locator("body").get_attribute("data-md-color-scheme")
    found = axe_violations(dark, pages_checking_code)
    context.close()
    assert scheme == "slate", f"{shown.path} shows the {scheme} palette"
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)


# --- Run buttons: every example that can run in the browser runs there ------------------


# Records each state a bar goes through from now on; returns an expression for the list.
RECORD_STATES = """bar => {
  window.__states = [];
  new MutationObserver(() => window.__states.push(bar.dataset.state))
    .observe(bar, { attributes: true, attributeFilter: ["data-state"] });
  return "window.__states";
}"""


def test_pointing_at_a_run_button_starts_python_before_the_click(page, problems):
    page.goto("/connections/", wait_until="networkidle")
    bar = page.locator(".run-example").first
    started = "() => document.documentElement.dataset.runExamplesStartup !== undefined"
    assert not page.evaluate(started)
    bar.locator(".run-example__run").hover()
    page.wait_for_function(started, timeout=120_000)  # Python is up, nothing has run
    assert bar.get_attribute("data-state") == "idle"
    states = bar.evaluate(RECORD_STATES)
    bar.locator(".run-example__run").click()
    page.wait_for_function(RUN_FINISHED, arg=bar.element_handle())
    assert page.evaluate(states) == ["running", "done"]  # no "loading": Python was up
    assert not problems, "\n".join(problems)


def test_blocks_that_cannot_run_in_the_browser_say_why(page):
    for path, programs in programs_by_page(runnable=False).items():
        page.goto(path, wait_until="domcontentloaded")
        for program in programs:
            assert not page.locator(f'.run-example[data-program="{program}"]').count()
            block = page.locator(f'.highlight:has(> .filename:text-is("{program}"))')
            why = block.locator("xpath=following::p[contains(@class,'verified-on')][1]")
            assert why_not_in_browser(ROOT / program) in why.text_content(), program
    assert programs_by_page(runnable=False), "the benchmark at least has no Run button"


FOLDS = """block => [
  [...block.querySelectorAll(".folded")].filter(line => line.offsetParent).length,
  block.querySelectorAll(".folded").length,
  [...block.querySelectorAll(".fold-toggle")].map(b => b.getAttribute("aria-expanded")),
]"""


def test_a_program_shows_its_focus_and_unfolds_the_rest_on_request(page):
    """Set-up lines are folded behind a button that opens them; the program stays whole
    for copy and Run (tested above, on every block)."""
    page.goto("/sessions/", wait_until="load")
    block = page.locator(".highlight[data-fold]").first
    block.evaluate(SHOW_TAB)  # a block in a closed tab or admonition: show it
    block.scroll_into_view_if_needed()
    visible, folded, expanded = block.evaluate(FOLDS)
    assert folded > 0 and visible == 0 and set(expanded) == {"false"}
    block.locator(".fold-toggle").first.click()
    visible, folded, expanded = block.evaluate(FOLDS)
    assert visible == folded and set(expanded) == {"true"}


def test_without_javascript_every_line_of_a_program_shows(browser, base_url: str):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sessions/", wait_until="load")
    block = page.locator(".highlight[data-fold]").first
    block.evaluate(
        "block => block.closest('.highlight').style.contentVisibility = 'visible'"
    )
    visible, folded, _ = block.evaluate(FOLDS)
    toggles = block.locator(".fold-toggle:visible").count()
    context.close()
    assert visible == folded > 0 and toggles == 0
