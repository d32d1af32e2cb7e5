// Debian's Firefox, driven by puppeteer-core over WebDriver BiDi, for docsite/engines.py
// (Playwright's BiDi mode fails on this Firefox ESR; Debian has no geckodriver).
//
//   node docsite/firefox_bridge.mjs /usr/bin/firefox-esr 1280 800   (the window's size)
//
// One JSON request per line on stdin, one JSON answer per line on stdout, in order:
//   {op: "open"} -> {ok: tab}            a new page in a new, empty profile
//   {op: "goto", tab, url}               waits for the load event
//   {op: "call", tab, expression}        the expression's value (a promise is awaited)
//   {op: "click", tab, selector}         a real click at the element's centre
//   {op: "type", tab, selector, text}    click the element, select all, type (\n is Enter)
//   {op: "problems", tab} -> {ok: [...]} console errors, page errors, failed requests,
//                                        requests to another host, since the last call
//   {op: "close", tab}
// An answer is {ok: value} or {error: message}. End of stdin closes Firefox.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.argv[2],
  headless: true,
});
const [width, height] = process.argv.slice(3, 5).map(Number);
const tabs = new Map();
let nextTab = 1;

async function open() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height });
  const found = [];
  let origin = null;
  page.on("console", (m) => m.type() === "error" && found.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => found.push(`script error: ${e.message ?? e}`));
  page.on("requestfailed", (r) => found.push(`failed request: ${r.url()}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    // Firefox reports data: URLs (Material's icons) as requests: they load nothing.
    if (origin && url.protocol.startsWith("http") && url.origin !== origin) {
      found.push(`request to another host: ${r.url()}`);
    }
  });
  const tab = nextTab++;
  tabs.set(tab, { context, page, found, setOrigin: (o) => (origin = o) });
  return tab;
}

const ops = {
  open,
  async goto({ tab, url }) {
    const { page, setOrigin } = tabs.get(tab);
    setOrigin(new URL(url).origin);
    await page.goto(url, { waitUntil: "load" });
  },
  async call({ tab, expression }) {
    return await tabs.get(tab).page.evaluate(expression);
  },
  async click({ tab, selector }) {
    await tabs.get(tab).page.click(selector);
  },
  async type({ tab, selector, text }) {
    const { page } = tabs.get(tab);
    await page.click(selector);
    await page.keyboard.down("Control");
    await page.keyboard.press("a");
    await page.keyboard.up("Control");
    await page.keyboard.press("Delete");
    await page.keyboard.type(text);
  },
  async problems({ tab }) {
    const { found } = tabs.get(tab);
    return found.splice(0);
  },
  async close({ tab }) {
    await tabs.get(tab).context.close();
    tabs.delete(tab);
  },
};

for await (const line of readline.createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  let answer;
  try {
    answer = { ok: (await ops[request.op](request)) ?? null };
  } catch (error) {
    answer = { error: String(error?.message ?? error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
await browser.close();
