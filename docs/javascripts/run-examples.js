// The Run buttons under the example programs. The build writes each bar
// (hooks/example_blocks.py): <div class="run-example" data-program="examples/x.py">
// with Run, Edit, Reset and Stop buttons. This script only listens: nothing loads until
// the reader points at a Run button (a mouse over it, a finger or pen on it), when
// run-examples-worker.js starts Pyodide from this site, so that Python's start overlaps
// the reader's move to click.
//
// State of a bar, in data-state (the browser tests wait on it):
//   idle -> loading (first run: Python starting) -> running -> done | failed | stopped
(() => {
  const workerUrl = new URL("run-examples-worker.js", document.currentScript.src);
  let worker = null;
  let ready = false; // the worker's Python is up
  let versions = null; // what the worker reports once Python is up
  let current = null; // the run under way: {id, bar, output, clickedAt}
  let nextId = 1;

  // How the page normalised its Output (docsite/outputs.py): the same patterns, so that
  // a run reads as the page does, with the program's printed lines set apart.
  const rules = JSON.parse(
    document.querySelector('meta[name="run-examples-normalise"]').content,
  );
  const logPrefix = new RegExp(rules.logPrefix);
  const timing = new RegExp(rules.timing, "g");
  const address = new RegExp(rules.address, "g");
  const parameters = new RegExp(rules.parameters);

  function expandTabs(line) {
    let out = "";
    for (const char of line) {
      out += char === "\t" ? " ".repeat(4 - (out.length % 4)) : char;
    }
    return out;
  }

  function clean(line) {
    return expandTabs(
      line.replace(logPrefix, "").replace(timing, "...").replace(address, "0x..."),
    );
  }

  // The run's lines as the page shows them, each marked printed or not: a log record
  // starts with the log's prefix, and the lines after it are its own only when the next
  // record is its statement's parameters (docsite/outputs.py, log_lines_of_run).
  function normalised(raw) {
    const lines = raw.split("\n");
    if (lines.at(-1) === "") lines.pop();
    const starts = [];
    lines.forEach((line, i) => logPrefix.test(line) && starts.push(i));
    const log = new Set(starts);
    starts.forEach((start, k) => {
      const next = k + 1 < starts.length ? starts[k + 1] : lines.length;
      if (next < lines.length && parameters.test(clean(lines[next]))) {
        for (let i = start; i < next; i++) log.add(i);
      }
    });
    return lines.map((line, i) => ({ text: clean(line), printed: !log.has(i) }));
  }

  // Which run lines are not in a longest common subsequence with the page's lines.
  function differing(run, page) {
    const n = run.length;
    const m = page.length;
    const table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i][j] =
          run[i] === page[j]
            ? table[i + 1][j + 1] + 1
            : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    const differs = new Set();
    let i = 0;
    let j = 0;
    while (i < n) {
      if (j < m && run[i] === page[j]) {
        i++;
        j++;
      } else if (j < m && table[i][j + 1] >= table[i + 1][j]) {
        j++;
      } else {
        differs.add(i++);
      }
    }
    return { differs, missing: m - table[0][0] };
  }

  // The Output the page shows under this program, for SQLite (the first tab).
  function pageOutputOf(bar) {
    for (let next = bar.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.matches(".verified-on")) return null;
      const block = next.matches(".expected-in-browser")
        ? next
        : next.querySelector(".expected-in-browser");
      if (block) return block.querySelector("code").textContent;
    }
    return null;
  }

  // The run's output, normalised and styled as the page's, and whether it matches it.
  function showRun(bar, code, raw) {
    const lines = normalised(raw);
    const expected = pageOutputOf(bar);
    const pageLines = expected === null ? [] : expected.replace(/\n$/, "").split("\n");
    const { differs, missing } = differing(
      lines.map((line) => line.text),
      pageLines,
    );
    code.replaceChildren(
      ...lines.map((line, i) => {
        const span = document.createElement("span");
        span.className = [line.printed ? "printed" : "", differs.has(i) ? "differs" : ""]
          .join(" ")
          .trim();
        span.textContent = line.text + "\n";
        return span;
      }),
    );
    const verdict = bar.nextElementSibling.querySelector(".run-example__verdict");
    if (expected === null) verdict.textContent = "";
    else if (differs.size === 0 && missing === 0)
      verdict.textContent = "The same as the Output on this page.";
    else
      verdict.textContent =
        `Not the same as the Output on this page: ${differs.size} line(s) marked here` +
        (missing ? `, ${missing} of the page's missing.` : ".");
  }

  function assetsUrl() {
    const meta = document.querySelector('meta[name="run-examples-assets"]');
    return new URL(meta.content, document.baseURI).href;
  }

  function codeOf(bar) {
    return bar.previousElementSibling.querySelector("pre > code");
  }

  // The program as the reader sees it with every fold open. Not textContent: the fold
  // buttons (code-folds.js) sit inside the code but are not part of it, and a browser
  // may store a newline typed in Edit mode as <br> or as a new <div> (Firefox, WebKit),
  // which textContent would drop, joining two lines.
  function textOf(node) {
    let text = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      else if (child.nodeName === "BR") text += "\n";
      else if (child.nodeType !== Node.ELEMENT_NODE) continue;
      else if (child.classList.contains("fold-toggle")) continue;
      else if (child.nodeName === "DIV" || child.nodeName === "P") {
        if (text && !text.endsWith("\n")) text += "\n"; // a block starts a line
        text += textOf(child);
      } else text += textOf(child);
    }
    return text;
  }

  function sourceOf(bar) {
    return textOf(codeOf(bar));
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
        '<span class="filename"></span><pre><code tabindex="0"></code></pre>' +
        '<p class="run-example__verdict" role="status"></p>';
      bar.after(panel);
    }
    panel.querySelector(".filename").textContent =
      "Your run, in your browser" +
      (versions
        ? ` (Python ${versions.python}, SQLAlchemy ${versions.sqlalchemy},` +
          ` SQLite ${versions.sqlite})`
        : "");
    panel.querySelector(".run-example__verdict").textContent = "";
    return panel.querySelector("code");
  }

  function startWorker() {
    const thisWorker = new Worker(workerUrl, { type: "module" });
    worker = thisWorker;
    ready = false;
    // A stopped worker's last events may still be queued: they are not this run's.
    thisWorker.onmessage = ({ data }) => {
      if (thisWorker !== worker) return;
      if (data.type === "ready") {
        ready = true;
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
        current.raw += data.text;
        current.output.textContent += data.text;
      } else if (data.type === "done" || data.type === "failed") {
        const { bar, clickedAt } = current;
        if (data.total > current.raw.length) {
          current.raw += `\n… (${data.total} characters printed; the first ${current.raw.length} are shown)`;
        }
        const ms = Math.round(performance.now() - clickedAt);
        bar.dataset.ms = ms;
        if (data.type === "failed") current.raw += data.text;
        showRun(bar, current.output, current.raw);
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
      if (thisWorker !== worker) return;
      worker.terminate();
      worker = null; // the next Run tries again
      if (!current) return; // it failed while warming up: no run to tell
      const { bar } = current;
      current.output.textContent += `Could not start Python: ${event.message}`;
      current = null;
      setState(bar, "failed", "Python could not start in this browser.");
    };
  }

  function run(bar) {
    if (current) return;
    const cold = !ready;
    if (worker === null) startWorker();
    const output = outputOf(bar);
    output.textContent = "";
    current = { id: nextId++, bar, output, raw: "", clickedAt: performance.now() };
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
    ready = false;
    showRun(bar, current.output, current.raw + "\n(stopped)");
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

  function warmUp() {
    if (worker !== null) return;
    startWorker();
    worker.postMessage({ type: "start", assets: assetsUrl() });
  }

  document.addEventListener("pointerover", (event) => {
    if (event.target.closest(".run-example__run")) warmUp();
  });

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
