// The Python behind the Run buttons, in a Web Worker so that a long run never freezes the
// page (run-examples.js stops a run by ending this worker). Loaded when the reader first
// points at a Run button.
//
// Messages in:  {type: "start", assets} (start Python, run nothing yet),
//               {type: "run", id, source, filename, assets}
// Messages out: {type: "ready", versions} once, then per run {type: "output", id, text}
//               (batched), and {type: "done", id, status} or {type: "failed", id, text}.
//
// Everything comes from this site: Pyodide and the prepared packages sit in `assets`
// (docsite/browser_run.py), the runner beside this file.

let started = null; // the promise of a ready interpreter and its run() function

async function start(assets) {
  // How long each step of a cold start takes (ms), for `make bench-browser-run`.
  const startup = {};
  let mark = performance.now();
  const step = (name) => {
    startup[name] = Math.round(performance.now() - mark);
    mark = performance.now();
  };
  // The interpreter starts while the packages are still downloading.
  const downloads = Promise.all([
    fetch(assets + "site-packages.zip").then(ok).then((r) => r.arrayBuffer()),
    fetch(new URL("run_example.py", import.meta.url)).then(ok).then((r) => r.text()),
    fetch(assets + "python_stdlib_rest.json").then(ok).then((r) => r.json()),
  ]);
  downloads.catch(() => {}); // a failure surfaces where it is awaited, below
  const { loadPyodide } = await import(assets + "pyodide.mjs");
  step("download Pyodide's loader");
  const pyodide = await loadPyodide({
    indexURL: assets,
    lockFileURL: assets + "pyodide-lock.json",
  });
  step("download and start the interpreter");
  const [packages, runner, restOfStdlib] = await downloads;
  step("finish downloading the packages");
  pyodide.setStdout({ write: writer(), isatty: true });
  pyodide.setStderr({ write: writer(), isatty: true });
  // Its paths start with Pyodide's own site-packages folder (docsite/browser_run.py).
  pyodide.unpackArchive(packages, "zip", { extractDir: "/" });
  step("unpack the packages");
  const versions = pyodide
    .runPython(
      "import sys, sqlite3, sqlalchemy\n" +
        "{'python': sys.version.split()[0], 'sqlite': sqlite3.sqlite_version," +
        " 'sqlalchemy': sqlalchemy.__version__}",
    )
    .toJs({ dict_converter: Object.fromEntries });
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(runner, { globals: namespace, filename: "run_example.py" });
  // The standard library's modules no Run needed at build time come when imported.
  namespace.get("fetch_on_import")(
    pyodide.toPy(restOfStdlib),
    assets + "python_stdlib_rest.zip",
  );
  step("import SQLAlchemy");
  postMessage({ type: "ready", versions, startup });
  return { run: namespace.get("run") };
}

function ok(response) {
  if (!response.ok) throw new Error(`${response.status} ${response.url}`);
  return response;
}

// What the program prints is sent in batches, at most every 50 ms while it runs, and
// only the first LIMIT characters: a program printing in a tight loop must not flood
// the page (run-examples.js shows that much and says it cut the rest).
const LIMIT = 100_000;
let runId = null;
let pending = "";
let total = 0; // characters printed by this run so far
let lastSent = 0;

// One per stream: each decodes its own bytes, both feed the same batch.
function writer() {
  const decoder = new TextDecoder();
  return (bytes) => {
    const text = decoder.decode(bytes, { stream: true });
    if (total < LIMIT) pending += text.slice(0, LIMIT - total);
    total += text.length;
    if (performance.now() - lastSent > 50) send();
    return bytes.length;
  };
}

function send() {
  if (pending) postMessage({ type: "output", id: runId, text: pending, total });
  pending = "";
  lastSent = performance.now();
}

onmessage = async ({ data }) => {
  if (data.type === "start") {
    started ??= start(data.assets);
    started.catch(() => {}); // a failure is reported to the run that awaits it
    return;
  }
  if (data.type !== "run") return;
  try {
    started ??= start(data.assets);
    const { run } = await started;
    runId = data.id;
    total = 0;
    lastSent = performance.now();
    const status = run(data.source, data.filename);
    send();
    postMessage({ type: "done", id: data.id, status, total });
  } catch (error) {
    send();
    postMessage({ type: "failed", id: data.id, text: String(error) });
  }
};
