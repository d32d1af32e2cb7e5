"""Running a program the way a reader does: a copy of it, in a fresh interpreter and an
empty directory, on SQLite or pointed at a server (docsite.redirected)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docsite.config import DEFAULT_BACKEND, Backend, rel, run_with
from docsite.servers import open_connections, private_database


@dataclass(frozen=True)
class Run:
    program: Path
    returncode: int
    stdout: str
    stderr: str
    # What the program left behind: files in its working directory, threads alive when
    # it exited, processes it started that outlived it, connections to the server.
    leftovers: list[str]
    # SQLAlchemy's events, as recorded (docsite/events.py), if they were asked for.
    events: str | None = None


def run_as_reader(
    program: Path,
    backend: Backend = DEFAULT_BACKEND,
    timeout: float = 120,
    source: str | None = None,
    args: Sequence[str] = (),
    record_events: bool = False,
) -> Run:
    """Run a copy of the program in a fresh interpreter and an empty directory, as a
    reader who pasted it into a file would; report what it printed and left behind.
    On another backend the unchanged program runs in a schema (or database) of its own.
    record_events: record SQLAlchemy's events too (docsite/events.py), in the same run.
    """
    with (
        tempfile.TemporaryDirectory(prefix="example-") as workdir,
        private_database(backend) as redirect,
    ):
        script = Path(workdir, program.name)
        script.write_text(program.read_text() if source is None else source)
        # Without PYTHON* settings, and without a terminal size: tools such as pytest
        # then draw their output 80 columns wide, as recorded.
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("PYTHON") and k not in ("COLUMNS", "LINES")
        }
        env["PYTHONIOENCODING"] = "utf-8"
        # Bytecode a tool writes beside the program (pytest's rewritten test modules in
        # __pycache__) is no leftover of the program's own.
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        command = [sys.executable, "-X", "utf8", *run_with(program), script.name, *args]
        if redirect is not None:
            env["SESSION_DOCS_REDIRECT"] = json.dumps(redirect)
            command[3:3] = ["-m", "docsite.redirected"]
        with tempfile.TemporaryDirectory(prefix="example-watch-") as watch:
            # docsite/at_exit/sitecustomize.py, imported at start-up, lists the threads
            # still alive at exit in this file (outside the program's folder).
            env["PYTHONPATH"] = str(AT_EXIT)
            env["SESSION_DOCS_THREADS_FILE"] = threads_file = str(
                Path(watch, "threads")
            )
            events_file = Path(watch, "events")
            if record_events:  # docsite/at_exit/_session_docs_events.py writes it
                env["SESSION_DOCS_EVENTS_FILE"] = str(events_file)
                env["SESSION_DOCS_EVENTS_PROGRAM"] = script.name
            proc = subprocess.Popen(
                command,
                cwd=workdir,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                start_new_session=True,  # its own session: what it starts is found
            )
            stdout, stderr, outlived = wait_for(proc, program, timeout)
            leftovers = [
                f"file {p.name}"
                for p in sorted(Path(workdir).iterdir())
                if p.name != script.name
            ]
            if Path(threads_file).exists():
                leftovers += Path(threads_file).read_text().splitlines()
            events = events_file.read_text() if events_file.exists() else None
        # Connections first: a process left running may hold one (it is killed next).
        if redirect is not None and (
            count := open_connections(backend, redirect["name"])
        ):
            leftovers.append(f"{count} connection(s) to {backend.label} still open")
        leftovers += [f"process {p}" for p in outlived + stop_session(proc.pid)]
    return Run(program, proc.returncode, stdout, stderr, leftovers, events)


def wait_for(
    proc: subprocess.Popen, program: Path, timeout: float
) -> tuple[str, str, list[str]]:
    """The program's stdout and stderr once it has ended, and the processes it started
    that outlived it while holding its output open (killed after a grace of 3 s, so the
    output can be read)."""
    start, ended, outlived = time.monotonic(), None, []
    while True:
        try:
            stdout, stderr = proc.communicate(timeout=0.5)
            return stdout, stderr, outlived
        except subprocess.TimeoutExpired:
            now = time.monotonic()
            if ended is None and proc.poll() is not None:
                ended = now
            if ended is not None and now - ended > 3:
                outlived += stop_session(proc.pid)  # each kill reported, once
            elif ended is None and now - start > timeout:
                stop_session(proc.pid)
                proc.communicate()
                raise TimeoutError(
                    f"{rel(program)} did not end within {timeout:.0f} s"
                ) from None


# A folder holding only sitecustomize.py, put on the program's PYTHONPATH.
AT_EXIT = Path(__file__).with_name("at_exit")


def stop_session(session: int) -> list[str]:
    """Kill the processes still running in a session (the one a program ran as the
    leader of); return each as "<pid> (<command line>)". Linux's /proc lists them."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = stat.with_name("cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, IndexError):
            continue  # it ended meanwhile
        if int(fields[3]) != session or fields[0] == "Z":  # field 6, session id
            continue
        pid = int(stat.parent.name)
        found.append(f"{pid} ({command.decode(errors='replace').strip()})")
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return found


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
