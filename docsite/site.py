"""The built site: building it as `make build` does, serving it as a static host does,
and reading what a built page shows."""

from __future__ import annotations

import fcntl
import functools
import gzip
import hashlib
import html.parser
import http.server
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from docsite.config import ROOT

CACHE = ROOT / ".cache"  # where builds, run from ROOT, keep their caches

# A build sees the venv first (then git, for last-updated dates), and of the caller's
# environment only what the build is meant to read: the deploy workflow's SITE_URL and
# EDIT_URI, and the backend URL overrides. It writes no bytecode next to the hooks: a
# contributor's `make serve` watches that folder and would rebuild.
BUILD_ENV = {
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    **{k: v for k, v in os.environ.items()
       if k in ("SITE_URL", "EDIT_URI") or k.startswith("SESSION_DOCS_")},
}  # fmt: skip


def mkdocs_build(
    config: Path, site_dir: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the project whose mkdocs.yml is `config` (this one, or a
    scratch copy), run from this project's root so that every build shares the caches
    in .cache/."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "-f", str(config), "-d", str(site_dir)]  # fmt: skip
    env = {**BUILD_ENV, "SESSION_DOCS_ROOT": str(config.parent), **env}
    with caches_filled_once() as filled:
        build = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, check=False, env=env
        )
        if build.returncode == 0:
            filled()
    return build


@contextmanager
def caches_filled_once() -> Iterator[Callable[[], None]]:
    """The first build after the sources change fills .cache/ (notebook outputs, the Run
    buttons' files); two builds doing that at once (test workers) would write the same
    files. So builds wait for each other until one has succeeded with the current
    notebooks and Run-button inputs; after that they run side by side. Yields what to
    call once a build has succeeded."""
    from docsite.browser_run import assets_key  # the Run buttons' inputs, hashed
    from docsite.sources import notebooks

    key = hashlib.sha256(
        b"".join(nb.read_bytes() for nb in notebooks()) + assets_key().encode()
    ).hexdigest()
    marker = CACHE / "filled"
    if marker.is_file() and marker.read_text() == key:
        yield lambda: None
        return
    CACHE.mkdir(exist_ok=True)
    with open(CACHE / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield lambda: marker.write_text(key)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path: '/', '/connections/', ..."""
    paths = []
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        paths.append("/" + path.removesuffix("index.html"))
    return sorted(paths)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server whose requests are checked by the tests, not logged."""

    # Whatever the machine's /etc/mime.types says: a browser imports a module only if
    # it is served as JavaScript, and compiles WebAssembly while it streams only if it is
    # served as application/wasm (Pyodide, for the Run buttons).
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
    }

    def log_message(self, *args) -> None:
        pass


class GzipHandler(QuietHandler):
    """A static file server that compresses text and WebAssembly, as GitHub Pages or
    Netlify do (zip files, compressed already, go as they are). Like them, it compresses
    each file once, not on every request."""

    COMPRESSED: ClassVar[set[str]] = {".html", ".css", ".js", ".mjs", ".wasm", ".py", ".json", ".svg",
                  ".xml", ".txt", ".ipynb"}  # fmt: skip
    _compressed: ClassVar[dict[tuple[Path, float], bytes]] = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in self.COMPRESSED and gzip_ok):
            return super().send_head()
        key = (path, path.stat().st_mtime)
        if key not in self._compressed:
            self._compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self._compressed[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class LoopbackServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page, or stops a download it no longer needs, drops the
    connection: no error of the server's, so no traceback (others are still printed)."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def served(site: Path, handler: type = QuietHandler) -> Iterator[str]:
    """The built site over HTTP on a free loopback port, as a static host serves it."""
    server = LoopbackServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def built_and_served(handler: type = QuietHandler) -> Iterator[tuple[Path, str]]:
    """For the commands in tools/: a fresh `mkdocs build --strict` in a scratch
    directory and its address; a failing build ends the command with the build's errors.
    """
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch, "site")
        build = mkdocs_build(ROOT / "mkdocs.yml", site)
        if build.returncode != 0:
            sys.exit(build.stderr)
        with served(site, handler) as base:
            yield site, base


# --- Output quoted in prose ----------------------------------------------------------------

# A code span in prose that quotes output rather than naming code: an error with its
# message, a line of the SQL log, or a phrase of the log (`batch not supported`).
QUOTED_ERROR = re.compile(
    r"^[A-Z]\w*(?:Error|Found|Exception|Warning|Transaction):\s+\S"
)
QUOTED_SQL = re.compile(
    r"^(?:BEGIN|COMMIT|ROLLBACK|SELECT|INSERT|UPDATE|DELETE|SAVEPOINT|RELEASE|CREATE|"
    r"DROP|PRAGMA|DESCRIBE|SHOW)\b"
)
QUOTED_PHRASE = re.compile(r"^(?!(?:pip|make|python|npm) )[a-z]+(?:[ -][a-z]+)+$")
ELISION = re.compile(r"\s*(?:\.\.\.|…)\s*")  # "..." in a quote: any text in between


def quotes_output(span: str) -> bool:
    return any(p.match(span) for p in (QUOTED_ERROR, QUOTED_SQL, QUOTED_PHRASE))


def shows_quote(quote: str, output: str) -> bool:
    """Does this output hold the quoted text, its parts in order? Runs of spaces and
    line breaks count as one space."""
    if QUOTED_ERROR.match(quote):  # the examples print `type(exc).__name__, exc`
        quote = quote.replace(":", " ... ", 1)
    output, at = " ".join(output.split()), 0
    for part in ELISION.split(" ".join(quote.split())):
        part = part.rstrip(" .")
        found = output.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


@dataclass(frozen=True)
class Span:
    text: str  # a code span in prose
    links: tuple[str, ...]  # the links of its paragraph, list item or table row
    in_link: bool = False  # the span is (inside) a link's text
    in_title: bool = False  # in a heading, a <summary> or a tab's <label>


class PageText(html.parser.HTMLParser):
    """A built page's code spans in prose, each with the links beside it, the links of
    each paragraph, list item or table row, and the text of each output the page shows:
    Output blocks under programs, notebooks' output cells."""

    OUTPUT = re.compile(r"\b(?:example-output|jp-OutputArea-output)\b")
    BLOCKS: ClassVar[set[str]] = {"p", "li", "tr", "dt", "dd", "h1", "h2", "h3",
                                  "h4", "h5", "h6"}  # fmt: skip
    TITLES: ClassVar[set[str]] = {"h1", "h2", "h3", "h4", "h5", "h6", "summary",
                                  "label"}  # fmt: skip
    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img",
                                "input", "link", "meta", "source", "track", "wbr"}  # fmt: skip

    def __init__(self, page: Path) -> None:
        super().__init__()
        self.spans: list[Span] = []
        self.outputs: list[str] = []
        self.links: list[tuple[str, ...]] = []  # of each block of prose that has any
        self._open: list[str] = []
        # (spans, links) of each open block; a span is (text, in a link, in a title)
        self._blocks: list[tuple[list[tuple[str, bool, bool]], list[str]]] = []
        self._output_at: int | None = None  # depth of the open output element
        self._text: list[str] | None = None  # the code span or output being read
        self._skip_at: int | None = None  # depth of a block title (span.filename)
        self._code_in = (False, False)  # the open code span: in a link, in a title
        self.feed(page.read_text())

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        self._open.append(tag)
        classes = attrs.get("class") or ""
        if self._output_at is None and self.OUTPUT.search(classes):
            self._output_at, self._text = len(self._open), []
        elif "filename" in classes.split() and self._skip_at is None:
            self._skip_at = len(self._open)
        elif tag == "code" and "pre" not in self._open:
            self._text = []
            self._code_in = (
                "a" in self._open,
                any(t in self.TITLES for t in self._open),
            )
        if tag in self.BLOCKS:
            self._blocks.append(([], []))
        # A name linked to SQLAlchemy's reference (docsite/reference_links.py, through
        # autorefs) is no citation of the paragraph: its links are the prose's own.
        if (
            tag == "a"
            and self._blocks
            and attrs.get("href")
            and "autorefs" not in classes
        ):
            self._blocks[-1][1].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in self._open:
            return
        while self._open:
            depth, opened = len(self._open), self._open.pop()
            if depth == self._skip_at:
                self._skip_at = None
            if depth == self._output_at:
                self.outputs.append("".join(self._text))
                self._output_at, self._text = None, None
            elif (
                opened == "code" and self._text is not None and self._output_at is None
            ):
                if self._blocks:
                    self._blocks[-1][0].append(("".join(self._text), *self._code_in))
                self._text = None
            if opened in self.BLOCKS and self._blocks:
                spans, links = self._blocks.pop()
                self.spans += [
                    Span(text, tuple(links), *where) for text, *where in spans
                ]
                if links:
                    self.links.append(tuple(links))
            if opened == tag:
                break

    def handle_data(self, data):
        if self._text is not None and self._skip_at is None:
            self._text.append(data)
