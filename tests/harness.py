"""Everything the tests know about the project: where things are, how pages embed examples,
how an example is run as a reader runs it (on SQLite, or pointed at PostgreSQL or MariaDB),
and how its output is normalised and compared.

Paths and the verification matrix come from the [tool.session-docs] table of pyproject.toml,
read by hooks/docs_config.py; the build hooks read it through the same module.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import html.parser
import http.server
import io
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # docs_config is shared with the build hooks

from docs_config import (
    BACKENDS,
    BENCHMARK,
    BROWSER,
    DEFAULT_BACKEND,
    DOCS_DIR,
    EXAMPLES_DIR,
    LOCKED_LINE,
    NOTEBOOKS_DIR,
    OUTPUT_SUFFIX,
    SQLALCHEMY_LINES,
    Backend,
    SQLAlchemyLine,
    backends_for,
    cell_of_output,
    expected_output_path,
    output_chain,
    shown_source,
    why_not_in_browser,
)

__all__ = [
    "BACKENDS",
    "BENCHMARK",
    "BROWSER",
    "DEFAULT_BACKEND",
    "DOCS_DIR",
    "EXAMPLES_DIR",
    "LOCKED_LINE",
    "NOTEBOOKS_DIR",
    "OUTPUT_SUFFIX",
    "SQLALCHEMY_LINES",
    "Backend",
    "SQLAlchemyLine",
    "backends_for",
    "cell_of_output",
    "expected_output_path",
    "output_chain",
    "shown_source",
    "why_not_in_browser",
]
UPDATE_COMMAND = "make update-outputs"


def locked_version(package: str, lock_file: Path = LOCKED_LINE.lock) -> str:
    """The version a lock file (by default requirements.lock) pins for a package."""
    lock = lock_file.read_text()
    return re.search(rf"^{re.escape(package)}==([^\s;]+)", lock, re.MULTILINE)[1]


def rel(path: Path) -> str:
    """A path as contributors type it: relative to the project root."""
    return path.relative_to(ROOT).as_posix()


# --- Which page shows which example ---------------------------------------------------

INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<path>[^"]+)"[ \t]*$', re.MULTILINE)
FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})[ \t]*\{?\.?(?P<lang>[\w-]*)"
)
PYTHON_LANGS = {"py", "python", "python3", "pycon", "py3"}


@dataclass(frozen=True)
class Include:
    page: Path
    line: int
    target: str  # as written: "examples/x.py" or "examples/x.py:section"

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"

    @property
    def path(self) -> Path:
        return ROOT / self.target.split(":", 1)[0]


def pages() -> list[Path]:
    return sorted(DOCS_DIR.rglob("*.md"))


def includes(page: Path) -> list[Include]:
    text = page.read_text()
    return [
        Include(page, text.count("\n", 0, m.start()) + 1, m["path"])
        for m in INCLUDE.finditer(text)
    ]


@dataclass(frozen=True)
class InlineBlock:
    page: Path
    line: int
    lang: str

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"


def inline_python_blocks(page: Path) -> list[InlineBlock]:
    """Python fences whose body is anything but include lines: code typed into a page."""
    found, lines, i = [], page.read_text().splitlines(), 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        start, close = i, m["indent"] + m["ticks"]
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith(close):
            body.append(lines[i])
            i += 1
        i += 1
        typed = [b for b in body if b.strip() and not INCLUDE.match(b)]
        if m["lang"].lower() in PYTHON_LANGS and typed:
            found.append(InlineBlock(page, start + 1, m["lang"]))
    return found


def example_programs() -> list[Path]:
    """Every runnable example that a page embeds and whose output is recorded. Notebooks
    are checked by the build; the benchmark, whose output is timings, by test_benchmark.py.
    """
    return sorted(
        p
        for p in EXAMPLES_DIR.rglob("*.py")
        if NOTEBOOKS_DIR not in p.parents and p != BENCHMARK.program
    )


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("*.py"))


@cache
def pages_showing() -> dict[Path, list[Include]]:
    """example file -> the includes (page and line) that show it."""
    shown: dict[Path, list[Include]] = {}
    for page in pages():
        for inc in includes(page):
            shown.setdefault(inc.path, []).append(inc)
    return shown


def example_id(program: Path) -> str:
    """Test id naming the page first: 'docs/connections.md › examples/connections/x.py'."""
    shown = pages_showing().get(program)
    if program.parent == NOTEBOOKS_DIR:
        page = f"notebooks/{program.stem}"
    else:
        page = rel(shown[0].page) if shown else "(no page)"
    return f"{page} › {rel(program)}"


def recorded_output_path(program: Path) -> Path:
    """What the page shows: the default backend on the locked SQLAlchemy line."""
    return program.with_suffix(OUTPUT_SUFFIX)


def installed_line() -> SQLAlchemyLine:
    """The matrix line of the SQLAlchemy installed here (each line has its own venv)."""
    installed = version("sqlalchemy")
    for line in SQLALCHEMY_LINES:
        if line.version == installed:
            return line
    raise RuntimeError(
        f"SQLAlchemy {installed} is installed, but pyproject.toml's matrix declares "
        + ", ".join(line.version for line in SQLALCHEMY_LINES)
        + "; recreate the venv (make clean test)"
    )


# --- Running an example the way a reader does -------------------------------------------

# echo=True prefixes every log line with a timestamp and the logger name; SQLAlchemy's own
# docs show the statement alone, and so do we.
LOG_PREFIX = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?:INFO|DEBUG|WARNING) sqlalchemy\.[\w.]+ ",
    re.MULTILINE,
)
# Timings such as "[generated in 0.00012s]", "[cached since 0.0021s ago]" and
# "[no key 0.00006s]" are shown as [...], the way SQLAlchemy's tutorial shows them.
# Other bracket notes (insertmanyvalues batches) stay.
TIMING = re.compile(r"(?:generated in|cached since|no key) \d+(?:\.\d+)?s(?: ago)?")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
# The schema or database made for one run (see private_database) is shown as the
# database of the backend's URL, the one a reader running the example would use.
PRIVATE_PREFIX = "sessiondocs_"
PRIVATE_NAME = re.compile(rf"\b{PRIVATE_PREFIX}(?P<pid>\d+)_[0-9a-f]{{8}}\b")


def normalise(output: str, backend: Backend = DEFAULT_BACKEND) -> str:
    """What the page shows for a run: volatile parts replaced, nothing else touched."""
    output = LOG_PREFIX.sub("", output)
    output = TIMING.sub("...", output)
    output = ADDRESS.sub("0x...", output)
    # The SQL log indents CREATE TABLE columns with tabs; a page shows every tab as
    # spaces (Markdown expands them), so the recorded output does too.
    output = output.expandtabs(4)
    if backend != DEFAULT_BACKEND:
        output = PRIVATE_NAME.sub(database_name(backend), output)
    return output


@dataclass(frozen=True)
class Run:
    program: Path
    returncode: int
    stdout: str
    stderr: str
    leftovers: list[str]  # files the program left in its working directory


# Runs an example with its create_engine("sqlite://") pointed at another database.
REDIRECT_RUNNER = Path(__file__).with_name("run_redirected.py")


def run_as_reader(
    program: Path,
    backend: Backend = DEFAULT_BACKEND,
    timeout: float = 120,
    source: str | None = None,
    args: Sequence[str] = (),
) -> Run:
    """Run a copy of the program in a fresh interpreter and an empty directory, as a
    reader who pasted it into a file would; report what it printed and left behind.
    On another backend the unchanged program runs in a schema (or database) of its own.
    """
    with (
        tempfile.TemporaryDirectory(prefix="example-") as workdir,
        private_database(backend) as redirect,
    ):
        script = Path(workdir, program.name)
        script.write_text(program.read_text() if source is None else source)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PYTHONIOENCODING"] = "utf-8"
        command = [sys.executable, "-X", "utf8", script.name, *args]
        if redirect is not None:
            env["SESSION_DOCS_REDIRECT"] = json.dumps(redirect)
            command[3:3] = [str(REDIRECT_RUNNER)]
        proc = subprocess.run(
            command,
            cwd=workdir,
            check=False,  # the caller reports a failure with the program's stderr
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
        leftovers = sorted(
            p.name for p in Path(workdir).iterdir() if p.name != script.name
        )
    return Run(program, proc.returncode, proc.stdout, proc.stderr, leftovers)


NOTEBOOK_CELL = re.compile(r"^# %%(?P<header>.*)$", re.MULTILINE)


def notebook_as_program(notebook: Path) -> str:
    """A jupytext percent notebook as one program that runs its code cells in order, as
    nbclient does at build time: a cell tagged raises-exception must raise, and the run
    goes on after it."""
    text = notebook.read_text()
    heads = list(NOTEBOOK_CELL.finditer(text))
    program = [text[: heads[0].start()] if heads else text]
    for head, nxt in zip(heads, [*heads[1:], None], strict=True):
        if "[markdown]" in head["header"]:
            continue
        body = text[head.end() : nxt.start() if nxt else len(text)]
        line = text.count("\n", 0, head.start()) + 1
        if "raises-exception" not in head["header"]:
            program.append(f"# cell at line {line}{body}")
            continue
        where = f"{rel(notebook)}:{line}"
        program.append(
            f"try:  # cell at line {line}, tagged raises-exception\n"
            f"    exec(compile({body!r}, {where!r}, 'exec'))\n"
            "except Exception as exc:\n"
            f"    print('[raised as intended]', type(exc).__name__)\n"
            "else:\n"
            f"    raise SystemExit({where!r} + ': tagged raises-exception, raised nothing')\n"
        )
    return "\n".join(program)


# --- Other backends: a private schema or database for each run ---------------------------


def selected_backends(asked: list[str]) -> list[Backend]:
    """The backends named by --backend options ('all' for every one; none: the default)."""
    asked = asked or [DEFAULT_BACKEND.name]
    unknown = sorted(set(asked) - set(BACKENDS) - {"all"})
    if unknown:
        raise ValueError(
            f"--backend {', '.join(unknown)}: not declared in pyproject.toml; "
            f"choose from {', '.join(BACKENDS)} or all"
        )
    return [b for name, b in BACKENDS.items() if name in asked or "all" in asked]


class BackendUnavailable(Exception):
    """A backend that was asked for cannot be used; the message names its URL."""


def shown_url(backend: Backend) -> str:
    from sqlalchemy import make_url

    return make_url(backend.url).render_as_string(hide_password=True)


def database_name(backend: Backend) -> str:
    from sqlalchemy import make_url

    return make_url(backend.url).database or ""


_admin_engines: dict[str, object] = {}
_unavailable: dict[str, BackendUnavailable] = {}


def admin_engine(backend: Backend):
    """An AUTOCOMMIT engine on the backend's own URL, made once per process; on first use
    it drops the private schemas that runs which crashed left behind (see below)."""
    if backend.name in _unavailable:
        raise _unavailable[backend.name]
    if backend.name not in _admin_engines:
        from sqlalchemy import create_engine

        try:
            engine = create_engine(
                backend.url,
                isolation_level="AUTOCOMMIT",
                connect_args={"connect_timeout": 10},
            )
            with engine.connect():
                pass
        except Exception as exc:  # noqa: BLE001 - whatever the driver says, reported
            reason = str(exc).strip().splitlines()[0]
            _unavailable[backend.name] = BackendUnavailable(
                f"{backend.label} was asked for (--backend {backend.name}) but "
                f"{shown_url(backend)} cannot be used: {reason}\n"
                f"Start the server, or point {backend.env_var()} at one that runs."
            )
            raise _unavailable[backend.name] from None
        drop_abandoned_private_databases(backend, engine)
        _admin_engines[backend.name] = engine
    return _admin_engines[backend.name]


def _schema_word(backend: Backend) -> str:
    if backend.dialect == "postgresql":
        return "SCHEMA"
    if backend.dialect in ("mysql", "mariadb"):
        return "DATABASE"
    raise BackendUnavailable(f"{shown_url(backend)}: no private-database recipe here")


@contextmanager
def private_database(backend: Backend) -> Iterator[dict | None]:
    """A schema (PostgreSQL) or database (MariaDB) made for one run and dropped after it,
    so runs in parallel never meet and nothing the run did not create is touched. Yields
    how to point the example at it (None for the default, embedded backend). Its name
    holds the pid of the process that owns it (see drop_abandoned_private_databases)."""
    if backend == DEFAULT_BACKEND:
        yield None
        return
    engine = admin_engine(backend)
    word = _schema_word(backend)
    name = f"{PRIVATE_PREFIX}{os.getpid()}_{secrets.token_hex(4)}"
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE {word} {name}")
    try:
        if backend.dialect == "postgresql":
            # Same URL, other search_path: the example's own tables land in the schema.
            yield {
                "url": backend.url,
                "connect_args": {"options": f"-csearch_path={name}"},
            }
        else:
            from sqlalchemy import make_url

            url = make_url(backend.url).set(database=name)
            yield {"url": url.render_as_string(hide_password=False), "connect_args": {}}
    finally:
        drop_private_database(backend, engine, name)


def drop_private_database(backend: Backend, engine, name: str) -> None:
    if not PRIVATE_NAME.fullmatch(name):  # never anything this module did not name
        raise ValueError(f"{name!r} is not a private schema name")
    cascade = " CASCADE" if backend.dialect == "postgresql" else ""
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP {_schema_word(backend)} IF EXISTS {name}{cascade}")


def private_databases(backend: Backend, engine) -> list[str]:
    """Every schema or database on the server whose name is one private_database makes."""
    with engine.connect() as conn:
        if backend.dialect == "postgresql":
            names = conn.exec_driver_sql("SELECT nspname FROM pg_namespace").scalars()
        else:
            names = conn.exec_driver_sql("SHOW DATABASES").scalars()
        return [n for n in names if PRIVATE_NAME.fullmatch(n)]


def drop_abandoned_private_databases(backend: Backend, engine) -> list[str]:
    """A run that crashed (or was killed) could not drop its schema. Its name holds the
    owner's pid: drop it only if no process of that pid is alive on this machine, so a
    run in progress is never disturbed and no other name is ever touched."""
    dropped = []
    for name in private_databases(backend, engine):
        pid = int(PRIVATE_NAME.fullmatch(name)["pid"])
        if pid_is_alive(pid):
            continue
        drop_private_database(backend, engine, name)
        dropped.append(name)
    return dropped


def pid_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True


def output_diff(recorded: str, actual: str, recorded_path: Path) -> tuple[int, str]:
    """The first differing line number of the recorded file, and a unified diff."""
    rec_lines, act_lines = recorded.splitlines(), actual.splitlines()
    first = next(
        (
            i
            for i, (a, b) in enumerate(zip(rec_lines, act_lines, strict=False))
            if a != b
        ),
        min(len(rec_lines), len(act_lines)),
    )
    diff = "\n".join(
        difflib.unified_diff(
            rec_lines,
            act_lines,
            fromfile=f"{rel(recorded_path)} (recorded)",
            tofile="what the program prints now",
            lineterm="",
        )
    )
    return first + 1, diff


# --- The built site ------------------------------------------------------------------------


# A build sees the venv first (then git, for last-updated dates), and of the caller's
# environment only what the build is meant to read: the deploy workflow's SITE_URL and
# EDIT_URI, and the backend URL overrides.
BUILD_ENV = {
    "NO_MKDOCS_2_WARNING": "1",
    "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    **{k: v for k, v in os.environ.items()
       if k in ("SITE_URL", "EDIT_URI") or k.startswith("SESSION_DOCS_")},
}  # fmt: skip


def mkdocs_build(
    config: Path, site_dir: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict`, run from the project root so that every build shares the
    notebook cache in .cache/."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**BUILD_ENV, **env},
    )  # fmt: skip


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


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
    Netlify do (zip files, compressed already, go as they are)."""

    COMPRESSED: ClassVar[set[str]] = {".html", ".css", ".js", ".mjs", ".wasm", ".py", ".json", ".svg",
                  ".xml", ".txt", ".ipynb"}  # fmt: skip

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in self.COMPRESSED and gzip_ok):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(site: Path, handler: type = QuietHandler) -> Iterator[str]:
    """The built site over HTTP on a free loopback port, as a static host serves it."""
    server = http.server.ThreadingHTTPServer(
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
    """For the benchmark commands: a fresh `mkdocs build --strict` in a scratch directory
    and its address; a failing build ends the command with the build's errors."""
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


class PageText(html.parser.HTMLParser):
    """A built page's code spans in prose, each with the links beside it, and the text
    of each output the page shows: Output blocks under programs, notebooks' output
    cells."""

    OUTPUT = re.compile(r"\b(?:example-output|jp-OutputArea-output)\b")
    BLOCKS: ClassVar[set[str]] = {"p", "li", "tr", "dt", "dd", "h1", "h2", "h3",
                                  "h4", "h5", "h6"}  # fmt: skip
    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img",
                                "input", "link", "meta", "source", "track", "wbr"}  # fmt: skip

    def __init__(self, page: Path) -> None:
        super().__init__()
        self.spans: list[Span] = []
        self.outputs: list[str] = []
        self._open: list[str] = []
        self._blocks: list[tuple[list[str], list[str]]] = []  # (spans, links)
        self._output_at: int | None = None  # depth of the open output element
        self._text: list[str] | None = None  # the code span or output being read
        self._skip_at: int | None = None  # depth of a block title (span.filename)
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
        if tag in self.BLOCKS:
            self._blocks.append(([], []))
        if tag == "a" and self._blocks and attrs.get("href"):
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
                    self._blocks[-1][0].append("".join(self._text))
                self._text = None
            if opened in self.BLOCKS and self._blocks:
                spans, links = self._blocks.pop()
                self.spans += [Span(text, tuple(links)) for text in spans]
            if opened == tag:
                break

    def handle_data(self, data):
        if self._text is not None and self._skip_at is None:
            self._text.append(data)


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


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path: '/', '/connections/', ..."""
    paths = []
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        paths.append("/" + path.removesuffix("index.html"))
    return sorted(paths)


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
