"""What must hold in every browser engine readers use: Chromium (Chrome, Edge), Firefox
and WebKit (Safari), Debian's packages all, driven alike through docsite/engines.py.

Each page loads with no error and no request to another host; its code blocks reserve
the height they take; every Run button prints what the page shows; a reader can edit a program, see their traceback, stop a loop and
reset; and the browser itself refuses a request to another host (the page's policy).
Layout, search, copy buttons and axe-core are checked in Chromium (tests/test_browser.py).

An engine that is not installed is skipped, with the reason and what to install; under
CI=true it fails the run.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from docsite.browser import (
    EXPECTED_OUTPUT,
    PAGES,
    RUN_OUTPUT,
    SHOW_TAB,
    programs_by_page,
)
from docsite.config import ROOT
from docsite.engines import (
    ENGINES,
    Chromium,
    EngineMissing,
    Tab,
    launch,
    served_for_engines,
)
from docsite.outputs import normalise
from docsite.sources import shown_source

RUNNABLE = programs_by_page(runnable=True)


@pytest.fixture(scope="session")
def engines_url(site: Path) -> Iterator[str]:
    with served_for_engines(site) as url:
        yield url


@pytest.fixture(scope="session")
def launched() -> Iterator[dict]:
    """The engines this worker has started, by name: each started once, when first
    needed, and closed at the end."""
    engines: dict = {}
    yield engines
    for engine in engines.values():
        engine.quit()


@pytest.fixture
def tab(request, engine: str, launched: dict, engines_url: str) -> Iterator[Tab]:
    if engine == "chromium" and engine not in launched:
        launched[engine] = Chromium(request.getfixturevalue("browser"))  # conftest.py
    if engine not in launched:
        try:
            launched[engine] = launch(engine)
        except EngineMissing as missing:
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI=true needs {engine}: {missing}", pytrace=False)
            pytest.skip(f"{engine.upper()} TESTS NOT RUN: {missing}")
    opened = launched[engine].tab(engines_url)
    yield opened
    opened.close()


# --- The page's own scripts, called through Tab.call ------------------------------------

# Numbers the Run bars (data-check) and their programs' code (data-check-code), so that a
# real click or key can be aimed at each; returns the bars' programs in page order.
NUMBER_BARS = """() => [...document.querySelectorAll(".run-example")].map((bar, i) => {
  bar.dataset.check = i;
  bar.previousElementSibling.querySelector("pre > code").dataset.checkCode = i;
  return bar.dataset.program;
})"""
BAR = 'document.querySelector(`.run-example[data-check="${i}"]`)'
SHOW_BAR = f"i => ({SHOW_TAB})({BAR})"
# Waits (polling: no driver waits alike) until the run that a click started has ended.
RUN_ENDED = f"""async (i, seconds) => {{
  const bar = {BAR};
  const until = performance.now() + seconds * 1000;
  while (["loading", "running"].includes(bar.dataset.state) && performance.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return {{
    state: bar.dataset.state,
    status: bar.querySelector(".run-example__status").textContent,
    output: ({RUN_OUTPUT})(bar),
    expected: ({EXPECTED_OUTPUT})(bar),
    verdict: bar.nextElementSibling.querySelector(".run-example__verdict").textContent,
    differs: bar.nextElementSibling.querySelectorAll(".differs").length,
  }};
}}"""
STATE = f"i => {BAR}.dataset.state"
# Each code block with a reserved height (docsite/page_speed.py), scrolled to so that it
# renders: its title, the height reserved for it, the height it takes, and its content's.
HEIGHTS = """() => [...document.querySelectorAll(".md-typeset > .highlight[style]")]
  .map((block) => {
    block.scrollIntoView();
    const box = block.getBoundingClientRect();
    return [
      block.querySelector(".filename").textContent,
      parseFloat(getComputedStyle(block).containIntrinsicHeight.split(" ")[1]),
      box.height,
      block.querySelector("pre").getBoundingClientRect().bottom - box.top,
    ];
  })"""
PYODIDE_REQUESTED = """() => performance.getEntriesByType("resource")
  .some((entry) => entry.name.includes("/assets/pyodide/"))"""


def run(tab: Tab, i: int, seconds: float = 150) -> dict:
    """Click bar i's Run button, as a reader does; how the run ended."""
    tab.call(SHOW_BAR, i)
    tab.click(f'.run-example[data-check="{i}"] .run-example__run')
    return tab.call(RUN_ENDED, i, seconds)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("engine", ENGINES)
def test_the_page_loads_cleanly_and_every_run_button_prints_what_it_shows(
    tab: Tab, path: str
):
    tab.goto(path)
    problems = tab.problems()
    assert not problems, f"{path} on load:\n" + "\n".join(problems)
    # A block skipped while off screen reserves the height it takes once rendered, and
    # its content fills it (to a pixel), so nothing moves as the reader scrolls.
    wrong = [
        f"{name}: reserves {reserved}px, takes {taken}px, its content {content}px"
        for name, reserved, taken, content in tab.call(HEIGHTS)
        if abs(reserved - taken) > 0.01 or abs(content - reserved) > 1
    ]
    assert not wrong, f"{path}:\n" + "\n".join(wrong)
    programs = tab.call(NUMBER_BARS)
    assert set(programs) == RUNNABLE.get(path, set())
    assert not tab.call(PYODIDE_REQUESTED), "Pyodide loaded before any click"
    failures = []
    for i, program in enumerate(programs):
        ran = run(tab, i)
        if ran["state"] != "done" or "exit status" in ran["status"]:  # only 0 is unsaid
            failures.append(
                f"{program}: {ran['state']}, {ran['status']}\n{ran['output']}"
            )
        elif normalise(ran["output"]).splitlines() != ran["expected"].splitlines():
            diff = difflib.unified_diff(
                ran["expected"].splitlines(), normalise(ran["output"]).splitlines(),
                "the page", "Run in the browser", lineterm="",
            )  # fmt: skip
            failures.append(f"{program}: prints something else\n" + "\n".join(diff))
        elif ran["verdict"] != "The same as the Output on this page.":
            failures.append(f"{program}: the panel says {ran['verdict']!r}")
    assert not failures, f"{path}:\n" + "\n".join(failures)
    problems = tab.problems()
    assert not problems, f"{path} while running:\n" + "\n".join(problems)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_reader_can_edit_run_see_their_traceback_stop_a_loop_and_reset(tab: Tab):
    tab.goto("/connections/")
    program = tab.call(NUMBER_BARS)[0]
    bar = '.run-example[data-check="0"]'
    code = '[data-check-code="0"]'
    original = run(tab, 0)
    assert original["verdict"] == "The same as the Output on this page."

    def edited(source: str) -> dict:
        if tab.call(f"() => document.querySelector('{bar} .run-example__edit')"
                    ".getAttribute('aria-pressed')") != "true":  # fmt: skip
            tab.click(f"{bar} .run-example__edit")
        tab.type(code, source)  # real keys: a newline is Enter
        return run(tab, 0)

    # A program of several typed lines runs as its own __main__ module, as `python x.py`
    # does; an edited program's run is not the page's Output, and the panel marks it.
    ran = edited("import sys\nclass A: ...\nprint(sys.modules[A.__module__].A is A)")
    assert ran["output"] == "True\n", ran
    assert ran["verdict"].startswith("Not the same as the Output on this page"), ran
    assert ran["differs"] == 1, ran

    # A standard-library module that no Run needed at build time is fetched on import.
    ran = edited("import csv\nimport email.mime.text\nprint(csv.QUOTE_ALL, 'mime')")
    assert ran["output"] == "1 mime\n", ran

    # Its traceback names the reader's line and shows none of Pyodide's own.
    ran = edited('print("before")\n\n1 / 0')
    output = ran["output"]
    assert output.startswith("before\nTraceback (most recent call last):\n"), output
    assert f'File "{program}", line 3, in <module>\n    1 / 0' in output, output
    assert output.rstrip().endswith("ZeroDivisionError: division by zero"), output
    assert "/lib/python" not in output and "pyodide" not in output, output
    assert "exit status 1" in ran["status"], ran

    # A loop that never ends is stopped; the page stays responsive meanwhile.
    tab.type(code, "while True:\n    print('again')")
    tab.call(SHOW_BAR, 0)
    tab.click(f"{bar} .run-example__run")
    assert tab.call(STATE, 0) == "running"  # Python is up: no "loading" first
    tab.call("() => new Promise((resolve) => setTimeout(resolve, 500))")
    tab.click(f"{bar} .run-example__stop")
    stopped = tab.call(RUN_ENDED, 0, 10)
    assert stopped["state"] == "stopped", stopped
    assert "again" in stopped["output"], stopped

    # Reset brings the program back; it runs again (in a new interpreter) as before.
    tab.click(f"{bar} .run-example__reset")
    assert tab.call(f"""() => {{
          const code = document.querySelector('{code}').cloneNode(true);
          code.querySelectorAll(".fold-toggle").forEach((button) => button.remove());
          return [code.textContent, code.hasAttribute("contenteditable")];
        }}""") == [shown_source(ROOT / program), False]
    again = run(tab, 0)
    assert normalise(again["output"]) == normalise(original["output"])
    problems = tab.problems()
    assert not problems, "\n".join(problems)


# Requests the page's Content Security Policy must refuse: another host, and a script
# written into the page after the build (its hash is not in the policy).
TRY_TO_LEAVE = """async () => {
  const refused = [];
  document.addEventListener("securitypolicyviolation", (event) =>
    refused.push(`${event.effectiveDirective} ${event.blockedURI}`));
  const elsewhere = "http://127.0.0.2:9/";
  await fetch(elsewhere + "fetched").catch(() => {});
  const image = document.createElement("img");
  image.src = elsewhere + "image.png";
  document.body.append(image);
  const script = document.createElement("script");
  script.textContent = "window.injected = true";
  document.body.append(script);
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { refused: refused.sort(), injected: window.injected === true };
}"""


@pytest.mark.parametrize("engine", ENGINES)
def test_the_browser_itself_refuses_requests_to_other_hosts(tab: Tab):
    tab.goto("/")
    assert tab.call(TRY_TO_LEAVE) == {
        "refused": [
            "connect-src http://127.0.0.2:9/fetched",
            "img-src http://127.0.0.2:9/image.png",
            "script-src-elem inline",
        ],
        "injected": False,
    }
