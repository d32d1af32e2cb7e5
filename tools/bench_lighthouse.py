"""Page speed and quality: Lighthouse 12 on every page of the built site.

    make bench-lighthouse            (RUNS=3 by default: each figure a median of 3 audits)

Builds the site, serves it on a free loopback port with gzip (as a static host would),
runs Lighthouse (npm `lighthouse@12`, installed into .cache/lighthouse on first use) with
Debian's Chromium and the mobile preset on each page, and prints, per page, the four
category scores and the bytes transferred. It writes the same table to
.cache/lighthouse/report.md.

Targets: performance >= 0.98, accessibility, best practices and SEO 1.00. The command
exits 1 when a page scores below 1.00 for accessibility or SEO, so CI can enforce those two;
performance and best practices are reported only (their figures vary with machine load).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docsite.browser import CHROMIUM_ARGS
from docsite.config import BROWSERS, ROOT
from docsite.site import GzipHandler, built_and_served, site_pages

LIGHTHOUSE = "lighthouse@12.2.3"
TOOL_DIR = ROOT / ".cache" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ENFORCED = ["accessibility", "seo"]


def lighthouse_bin() -> Path:
    binary = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL_DIR.mkdir(parents=True, exist_ok=True)
        # A package.json of its own: without one, npm installs into the nearest folder
        # that has one, this project's root (puppeteer-core's package.json).
        (TOOL_DIR / "package.json").write_text('{"private": true}\n')
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", LIGHTHOUSE],
            cwd=TOOL_DIR, check=True,
        )  # fmt: skip
    return binary


def audit(binary: Path, url: str, out: Path) -> dict:
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)],
        check=True, env={**os.environ, "CHROME_PATH": str(BROWSERS["chromium"])},
    )  # fmt: skip
    report = json.loads(out.read_text())
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    blocking = report["audits"]["total-blocking-time"]["numericValue"]
    failing = {
        c: [
            ref["id"]
            for ref in report["categories"][c]["auditRefs"]
            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for c in ENFORCED
        if scores[c] < 1
    }
    return {"scores": scores, "bytes": int(weight), "tbt": blocking, "failing": failing}


def median_audit(binary: Path, url: str, out: Path, runs: int) -> dict:
    """Lighthouse's figures vary from run to run on a busy machine (its CPU throttling is
    simulated from the observed trace): each score is the median of `runs` audits."""
    results = [audit(binary, url, out) for _ in range(runs)]
    scores = {c: statistics.median(r["scores"][c] for r in results) for c in CATEGORIES}
    failing = {c: sorted({i for r in results for i in r["failing"].get(c, [])})
               for c in ENFORCED if scores[c] < 1}  # fmt: skip
    tbt = statistics.median(r["tbt"] for r in results)
    return {
        "scores": scores,
        "bytes": results[0]["bytes"],
        "tbt": tbt,
        "failing": failing,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse on every page")
    parser.add_argument("--runs", type=int, default=3, help="audits per page (median)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="pages audited at once (CI: 2; the performance figures then suffer from "
        "the contention, accessibility and SEO do not)",
    )
    args = parser.parse_args()
    runs = args.runs
    binary = lighthouse_bin()
    rows, below = [], []
    with (
        built_and_served(GzipHandler) as (site, base),
        ThreadPoolExecutor(args.jobs) as pool,
    ):
        paths = site_pages(site)
        results = pool.map(
            lambda i: median_audit(
                binary, base + paths[i], site.parent / f"report-{i}.json", runs
            ),
            range(len(paths)),
        )
        for path, result in zip(paths, results, strict=True):
            rows.append((path, result))
            below += [f"{path}: {c} {result['scores'][c]}: {ids}"
                      for c, ids in result["failing"].items()]  # fmt: skip
    lines = [
        f"Median of {runs} Lighthouse run(s) per page, mobile preset, served with "
        + f"gzip, {args.jobs} page(s) at a time.",
        "",
        "| page | performance | accessibility | best practices | SEO | bytes | TBT ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for path, r in rows:
        s = r["scores"]
        lines.append(
            f"| {path} | {s['performance']:.2f} | {s['accessibility']:.2f} | "
            f"{s['best-practices']:.2f} | {s['seo']:.2f} | {r['bytes']:,} | {r['tbt']:.0f} |"
        )
    report = "\n".join(lines)
    TOOL_DIR.mkdir(parents=True, exist_ok=True)
    (TOOL_DIR / "report.md").write_text(report + "\n")
    print(report)
    if below:
        print("\nbelow 1.00 (enforced):\n  " + "\n  ".join(below), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
