// The Run buttons under the example programs. The build writes each bar
// (hooks/example_blocks.py): <div class="run-example" data-program="examples/x.py">
// with Run, Edit, Reset and Stop buttons. This script only listens for clicks: nothing
// loads until the first Run, when run-examples-worker.js starts Pyodide from this site.
//
// State of a bar, in data-state (the browser tests wait on it):
//   idle -> loading (first run: Python starting) -> running -> done | failed | stopped
(() => {
  const workerUrl = new URL("run-examples-worker.js", document.currentScript.src);
  let worker = null;
  let versions = null; // what the worker reports once Python is up
  let current = null; // the run under way: {id, bar, output, clickedAt}
  let nextId = 1;

  function assetsUrl() {
    const meta = document.querySelector('meta[name="run-examples-assets"]');
    return new URL(meta.content, document.baseURI).href;
  }

  function codeOf(bar) {
    return bar.previousElementSibling.querySelector("pre > code");
  }

  // The program as the reader sees it with every fold open: the fold buttons
  // (code-folds.js) sit inside the code, but are not part of it.
  function sourceOf(bar) {
    const code = codeOf(bar).cloneNode(true);
    code.querySelectorAll(".fold-toggle").forEach((button) => button.remove());
    return code.textContent;
  }

  function setState(bar, state, text) {
    bar.dataset.state = state;
    bar.querySelector(".run-example__status").textContent = text;
    const running = state === "loading" || state === "running";
    bar.querySelector(".run-example__stop").hidden = !running;
    document.querySelectorAll(".run-example__run").forEach((button) => {
      button.disabled = current !== null;
    });
  }

  // The output panel, under the bar; made on the bar's first run.
  function outputOf(bar) {
    let panel = bar.nextElementSibling;
    if (!panel || !panel.classList.contains("run-example__output")) {
      panel = document.createElement("div");
      panel.className = "highlight run-example__output";
      panel.innerHTML =
        '<span class="filename"></span><pre><code tabindex="0"></code></pre>';
      bar.after(panel);
    }
    panel.querySelector(".filename").textContent =
      "Output in your browser" +
      (versions
        ? ` (Python ${versions.python}, SQLAlchemy ${versions.sqlalchemy},` +
          ` SQLite ${versions.sqlite})`
        : "");
    return panel.querySelector("code");
  }

  function startWorker() {
    const thisWorker = new Worker(workerUrl, { type: "module" });
    worker = thisWorker;
    // A stopped worker's last events may still be queued: they are not this run's.
    thisWorker.onmessage = ({ data }) => {
      if (thisWorker !== worker) return;
      if (data.type === "ready") {
        versions = data.versions;
        document.documentElement.dataset.runExamplesStartup = JSON.stringify(
          data.startup,
        );
        if (current) {
          outputOf(current.bar);
          setState(current.bar, "running", "Running…");
        }
        return;
      }
      if (!current || data.id !== current.id) return;
      if (data.type === "output") {
        current.output.textContent += data.text;
      } else if (data.type === "done" || data.type === "failed") {
        const { bar, clickedAt } = current;
        if (data.total > current.output.textContent.length) {
          current.output.textContent += `\n… (${data.total} characters printed; the first ${current.output.textContent.length} are shown)`;
        }
        const ms = Math.round(performance.now() - clickedAt);
        bar.dataset.ms = ms;
        if (data.type === "failed") current.output.textContent += data.text;
        current = null;
        if (data.type === "failed") {
          setState(bar, "failed", "Python could not start in this browser.");
        } else if (data.status === 0) {
          setState(bar, "done", `Ran in ${ms} ms.`);
        } else {
          setState(bar, "done", `Ran in ${ms} ms; exit status ${data.status}.`);
        }
      }
    };
    thisWorker.onerror = (event) => {
      event.preventDefault();
      if (thisWorker !== worker || !current) return;
      const { bar } = current;
      current.output.textContent += `Could not start Python: ${event.message}`;
      current = null;
      worker.terminate();
      worker = null;
      setState(bar, "failed", "Python could not start in this browser.");
    };
  }

  function run(bar) {
    if (current) return;
    const cold = worker === null;
    if (cold) startWorker();
    const output = outputOf(bar);
    output.textContent = "";
    current = { id: nextId++, bar, output, clickedAt: performance.now() };
    setState(
      bar,
      cold ? "loading" : "running",
      cold ? "Starting Python (first run only)…" : "Running…",
    );
    worker.postMessage({
      type: "run",
      id: current.id,
      source: sourceOf(bar),
      filename: bar.dataset.program,
      assets: assetsUrl(),
    });
  }

  // A run that does not end (a loop, say) is stopped by ending its worker; the next
  // run starts a fresh one.
  function stop(bar) {
    if (!current || current.bar !== bar) return;
    worker.terminate();
    worker = null;
    current.output.textContent += "\n(stopped)";
    current = null;
    setState(bar, "stopped", "Stopped.");
  }

  function edit(bar, button) {
    const code = codeOf(bar);
    const editing = button.getAttribute("aria-pressed") !== "true";
    if (editing && !code.dataset.original) {
      code.dataset.original = code.innerHTML;
      code.addEventListener("input", () => {
        bar.querySelector(".run-example__reset").hidden = false;
      });
    }
    button.setAttribute("aria-pressed", String(editing));
    if (editing) {
      bar.previousElementSibling.classList.add("fold-open"); // edit the whole program
      code.setAttribute("contenteditable", "plaintext-only");
      code.setAttribute("spellcheck", "false");
      code.focus();
    } else {
      code.removeAttribute("contenteditable");
    }
  }

  function reset(bar) {
    const code = codeOf(bar);
    if (code.dataset.original) code.innerHTML = code.dataset.original;
    code.removeAttribute("contenteditable");
    bar.querySelector(".run-example__edit").setAttribute("aria-pressed", "false");
    bar.querySelector(".run-example__reset").hidden = true;
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".run-example button");
    if (!button) return;
    const bar = button.closest(".run-example");
    if (button.classList.contains("run-example__run")) run(bar);
    else if (button.classList.contains("run-example__stop")) stop(bar);
    else if (button.classList.contains("run-example__edit")) edit(bar, button);
    else if (button.classList.contains("run-example__reset")) reset(bar);
  });
})();
