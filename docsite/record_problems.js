// Not part of the site: the browser tests' server (docsite/engines.py) puts this first in
// every page it serves, so that what goes wrong is known in every engine, WebKit
// included, whose driver reports no console. docsite/engines.py reads window.__problems.
(() => {
  const found = (window.__problems = []);
  // A ResizeObserver loop is reported with no hint of its cause: keep which elements the
  // last observer callback was told about, and what it was, to name them with the error.
  const Observer = window.ResizeObserver;
  let lastNotified = "";
  const describe = (element) =>
    element.tagName.toLowerCase() +
    (element.id ? `#${element.id}` : "") +
    [...element.classList].map((name) => `.${name}`).join("");
  window.ResizeObserver = class extends Observer {
    constructor(callback) {
      super((entries, observer) => {
        lastNotified = `${entries.map((entry) => describe(entry.target)).join(", ")} by ${
          String(callback).slice(0, 80)}`;
        callback(entries, observer);
      });
    }
  };
  addEventListener(
    "error",
    (event) => {
      const element = event.target;
      if (element !== window && element instanceof Element) {
        found.push(`failed to load: ${element.src || element.href || element.tagName}`);
      } else if (String(event.message).includes("ResizeObserver loop")) {
        found.push(`script error: ${event.message} (last notified: ${lastNotified})`);
      } else {
        found.push(`script error: ${event.message} (${event.filename}:${event.lineno})`);
      }
    },
    true, // a failed <img> or <script> does not bubble: catch it on its way down
  );
  addEventListener("unhandledrejection", (event) =>
    found.push(`unhandled rejection: ${event.reason}`),
  );
  document.addEventListener("securitypolicyviolation", (event) =>
    found.push(`refused by the policy: ${event.effectiveDirective} ${event.blockedURI}`),
  );
  const error = console.error;
  console.error = (...args) => {
    found.push(`console: ${args.join(" ")}`);
    error.apply(console, args);
  };
})();
