"""Runs a reader's program inside Pyodide, for the Run buttons (run-examples-worker.js).

Each run should behave like `python example.py` in a fresh interpreter and an empty
directory, which is how the test suite runs every example (docsite/running.py): so each run
gets a new `__main__` module, its own `sys.argv` and a new working directory, and whatever
a run changed in the interpreter's shared state (logging handlers, warning filters) is put
back afterwards. SQLAlchemy itself stays imported between runs: importing it is most of a
cold start, so the worker imports it before this module notes the clean state.
"""

import importlib.abc
import importlib.machinery
import logging
import os
import sys
import tempfile
import traceback
import types
import warnings


def _logging_state():
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    return {
        logger: (list(logger.handlers), logger.level, logger.propagate, logger.disabled)
        for logger in loggers
    }


_CLEAN_LOGGING = _logging_state()


def _restore_logging():
    for logger in _logging_state():
        handlers, level, propagate, disabled = _CLEAN_LOGGING.get(
            logger, ([], logging.NOTSET, True, False)
        )
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate, logger.disabled = propagate, disabled


def run(source: str, filename: str) -> int:
    """Run `source` as the program `filename`; return its exit status, as a shell would."""
    import linecache

    # Tracebacks quote the reader's lines from here, as they would from the file.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    # A real module: what looks a class's module up in sys.modules (string annotations
    # such as Mapped["Employee"], pickle) finds the program's, as in `python x.py`.
    main = types.ModuleType("__main__")
    main.__file__ = filename
    saved = sys.modules["__main__"], sys.argv
    sys.modules["__main__"], sys.argv = main, [filename]
    status = 0
    home = os.getcwd()
    # catch_warnings: the run's filters go when it ends, and a warning shown once
    # (the "default" action) shows again in the next run, as in a new interpreter.
    with (
        tempfile.TemporaryDirectory(prefix="example-") as workdir,
        warnings.catch_warnings(),
    ):
        os.chdir(workdir)
        try:
            code = compile(source, filename, "exec", dont_inherit=True)
            exec(code, main.__dict__)  # noqa: S102  (running it is the point)
        except SystemExit as exit_:
            status = _exit_status(exit_)
        except BaseException as error:  # noqa: BLE001  (reported as Python would)
            # Show the reader's frames only: the first frame is this function's.
            if error.__traceback__ is not None:
                error.__traceback__ = error.__traceback__.tb_next
            sys.stdout.flush()  # what it printed first, shows first
            traceback.print_exception(error)
            status = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.chdir(home)
            sys.modules["__main__"], sys.argv = saved
            linecache.cache.pop(filename, None)
            _restore_logging()
    return status


def _exit_status(exit_: SystemExit) -> int:
    if exit_.code is None:
        return 0
    if isinstance(exit_.code, int):
        return exit_.code
    print(exit_.code, file=sys.stderr)
    return 1


class _RestOfTheStandardLibrary(importlib.abc.MetaPathFinder):
    """The worker starts Python with the modules of the standard library that Runs need;
    the rest (docsite/compile_for_pyodide.mjs) is one zip, fetched the first time a
    program imports one of its modules. A package may be split between the two zips:
    its part in the second joins the package's __path__."""

    def __init__(self, names, url: str) -> None:
        self.names, self.url, self.zip_path = set(names), url, None

    def find_spec(self, name, path=None, target=None):
        if name not in self.names:
            return None
        if self.zip_path is None:
            self.zip_path = self._fetch()
            sys.path.append(self.zip_path)
        parent, _, _ = name.rpartition(".")
        if not parent:
            return importlib.machinery.PathFinder.find_spec(name)
        package = sys.modules[parent]
        part = os.path.join(self.zip_path, *parent.split("."))
        if part not in package.__path__:
            package.__path__.append(part)
        return importlib.machinery.PathFinder.find_spec(name, package.__path__)

    def _fetch(self) -> str:
        from js import XMLHttpRequest  # a worker may fetch synchronously

        request = XMLHttpRequest.new()
        request.open("GET", self.url, False)
        request.responseType = "arraybuffer"
        request.send(None)
        if request.status != 200:
            raise ImportError(f"could not fetch {self.url} ({request.status})")
        zip_path = os.path.join(sys.prefix, "lib", "python_stdlib_rest.zip")
        with open(zip_path, "wb") as zip_file:
            zip_file.write(request.response.to_bytes())
        return zip_path


def fetch_on_import(names, url: str) -> None:
    sys.meta_path.append(_RestOfTheStandardLibrary(names, url))
