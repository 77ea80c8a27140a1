"""Weigh every page of the built site as a reader's browser loads it, and score every page with Lighthouse.

    python tools/bench_reader.py [--runs 3] [--no-lighthouse] [--keep DIR]

It builds the site with ``mkdocs build --strict`` for the address it then
serves it at (127.0.0.1, gzip-compressed like a static host such as GitHub
Pages), loads every page in a fresh Chromium profile (cold cache) and prints,
per page, the requests made and the gzip size of the HTML, CSS and JavaScript
fetched, excluding the shared search index. Then it runs Lighthouse 12
(``npx --yes lighthouse@12``, Chromium at /usr/bin/chromium, mobile emulation
with simulated throttling, its default) on every page (or the pages given
with --pages), several times each, and prints the median run's performance,
accessibility, best-practices and SEO scores with the audits that cost points,
and then how many single runs of all pages fell under the performance target.
Performance depends on the machine: the script prints Lighthouse's CPU
benchmark index and the load average next to the scores.

Targets (issue 17): the median page at most 70 KB of HTML+CSS+JS gzip, the
heaviest at most 80 KB (search index excluded); on every page Lighthouse 100
for accessibility, best practices and SEO, at least 96 for performance.
It prints figures and whether each target is met; it asserts nothing.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))  # works before `pip install -e .` too

from browser import CHROMIUM, CHROMIUM_ARGS, free_port, launch, serve  # noqa: E402

WEIGHT_LIMIT = 80 * 1024          # the heaviest page
MEDIAN_LIMIT = 70 * 1024          # the median page
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 96, "accessibility": 100, "best-practices": 100, "seo": 100}
# Search is fetched after the page has loaded, and only for search: its index and Material's
# search worker (which builds the index) are counted apart, as issue 17 measures weight.
SEARCH_FILES = re.compile(r"^(search/search_index\.json|search\.json|assets/javascripts/workers/search\.[\w.]+\.js)$")


@dataclass
class Weight:
    page: str
    requests: int = 0
    transferred: int = 0                              # every response body, as sent (gzip where the server compressed)
    kinds: dict[str, int] = field(default_factory=lambda: {"html": 0, "css": 0, "js": 0})   # gzip bytes
    search_index: int = 0                             # gzip bytes of the search index and worker, not counted

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


# Helper functions -------------------------------------------------------------

# Build the site for the address it will be served at, so canonical URLs match.
def _build(site: Path, base_url: str) -> None:
    env = {**os.environ, "SITE_URL": base_url, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"error: mkdocs build --strict failed\n{done.stdout}\n{done.stderr}")


# Every page of the built site, as paths relative to its root ("" is the overview).
def _pages(site: Path) -> list[str]:
    pages = sorted(path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return ["" if page == "." else f"{page}/" for page in pages] + ["404.html"]


# HTML, CSS or JS by what the server said it is, or None for anything else.
def _kind(content_type: str, resource_type: str) -> str | None:
    if resource_type == "document" or content_type.startswith("text/html"):
        return "html"
    if resource_type == "stylesheet" or content_type.startswith("text/css"):
        return "css"
    if resource_type == "script" or "javascript" in content_type:
        return "js"
    return None


# Load one page in a fresh browser context and add up what it fetched.
def _weigh(browser, base_url: str, page_path: str) -> Weight:
    weight = Weight(page_path or "(overview)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(base_url + page_path, wait_until="networkidle")
    page.wait_for_timeout(500)   # the search worker fetches its index after load
    for request in finished:
        response = request.response()
        if response is None:
            continue
        weight.requests += 1
        weight.transferred += max(request.sizes().get("responseBodySize", 0), 0)
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            continue
        packed = len(gzip.compress(body, compresslevel=6))
        if SEARCH_FILES.match(urlsplit(request.url).path.lstrip("/")):
            weight.search_index += packed
            continue
        kind = _kind(response.headers.get("content-type", ""), request.resource_type)
        if kind:
            weight.kinds[kind] += packed
    context.close()
    return weight


# Run Lighthouse on one URL; returns its JSON report, or None with the reason printed.
def _lighthouse(url: str, out_dir: Path, run: int) -> dict | None:
    npx = shutil.which("npx")
    if not npx:
        print("  lighthouse: npx is not installed (Node.js); skipped")
        return None
    report = out_dir / f"{urlsplit(url).path.strip('/').replace('/', '-') or 'overview'}-{run}"
    command = [npx, "--yes", "lighthouse@12", url, "--quiet", "--output=json", f"--output-path={report}.json",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        print("  lighthouse: timed out after 600 s")
        return None
    if done.returncode or not Path(f"{report}.json").is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        print("  lighthouse failed (could npm fetch lighthouse@12?):\n    " + "\n    ".join(tail))
        return None
    return json.loads(Path(f"{report}.json").read_text(encoding="utf-8"))


# The audits that cost a category points, one line each.
def _lost_points(report: dict, category: str) -> list[str]:
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"{audit['id']}: {audit['title']}{value}")
    return lines


# A Lighthouse category's score out of 100 (a run that could not score one counts 0).
def _score(report: dict, category: str) -> int:
    return round(100 * (report["categories"][category]["score"] or 0))


# How far single runs stray from the medians: a median met by a page whose runs often miss is luck.
def _spread(runs: list[dict]) -> str:
    under = sum(1 for run in runs if _score(run, "performance") < TARGETS["performance"])
    blocking = [run["audits"]["total-blocking-time"]["numericValue"] for run in runs]
    index = [run["environment"]["benchmarkIndex"] for run in runs]
    return (f"All {len(runs)} runs: {under} with performance under {TARGETS['performance']}; "
            f"Total Blocking Time median {statistics.median(blocking):.0f} ms, highest {max(blocking):.0f} ms; "
            f"CPU benchmark index {min(index):.0f} to {max(index):.0f}; load average now {os.getloadavg()[0]:.1f}")


def _kb(size: int) -> str:
    return f"{size / 1024:6.1f}"


# The benchmark -------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print each page's weight and requests, and Lighthouse scores for three pages.")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is shown (default 3)")
    parser.add_argument("--no-lighthouse", action="store_true", help="only weigh the pages")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (and the Lighthouse reports)")
    parser.add_argument("--pages", help="Lighthouse only these pages, comma-separated site paths (\"\" is the overview)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-reader-"))
    site, reports = work / "site", work / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    _build(site, base_url)
    missed = []
    with serve(site, port=port, compress=True) as url:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            weights = [_weigh(browser, url, page) for page in _pages(site)]
            browser.close()

        print(f"Page weight, cold cache: gzip KB of what each page fetched (search index and worker, "
              f"{_kb(weights[0].search_index).strip()} KB, shared and not counted); limit {WEIGHT_LIMIT // 1024} KB")
        print(f"{'page':<24}{'requests':>9}{'HTML':>8}{'CSS':>8}{'JS':>8}{'total':>8}{'sent':>8}")
        for weight in weights:
            over = " OVER" if weight.total > WEIGHT_LIMIT else ""
            print(f"{weight.page:<24}{weight.requests:>9}{_kb(weight.kinds['html']):>8}{_kb(weight.kinds['css']):>8}"
                  f"{_kb(weight.kinds['js']):>8}{_kb(weight.total):>8}{_kb(weight.transferred):>8}{over}")
            if over:
                missed.append(f"{weight.page} weighs {weight.total / 1024:.1f} KB")
        heaviest = max(weights, key=lambda weight: weight.total)
        median = sorted(weight.total for weight in weights)[len(weights) // 2]
        print(f"heaviest: {heaviest.page} at {heaviest.total / 1024:.1f} KB (limit {WEIGHT_LIMIT // 1024} KB); "
              f"median {median / 1024:.1f} KB (limit {MEDIAN_LIMIT // 1024} KB)")
        if median > MEDIAN_LIMIT:
            missed.append(f"the median page weighs {median / 1024:.1f} KB")

        if not args.no_lighthouse:
            print(f"\nLighthouse 12 (mobile, simulated throttling), median of {args.runs} runs; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            print(f"{'page':<24}" + "".join(f"{name:>16}" for name in CATEGORIES) + "  performance by run")
            chosen = args.pages.split(",") if args.pages is not None else [page for page in _pages(site)]
            every_run = []
            for page in chosen:
                runs = [report for run in range(args.runs) if (report := _lighthouse(url + page, reports, run))]
                every_run += runs
                if not runs:
                    missed.append(f"Lighthouse did not run on {page or '(overview)'}")
                    continue
                runs.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
                report = runs[len(runs) // 2]
                scores = {name: _score(report, name) for name in CATEGORIES}
                by_run = ", ".join(str(_score(run, "performance")) for run in runs)
                print(f"{page or '(overview)':<24}" + "".join(f"{scores[name]:>16}" for name in CATEGORIES)
                      + f"  {by_run} (CPU benchmark index {report['environment']['benchmarkIndex']:.0f})")
                metrics = report["audits"]
                print("  " + ", ".join(f"{metrics[key]['title']} {metrics[key].get('displayValue', '')}".strip()
                                       for key in ("first-contentful-paint", "largest-contentful-paint",
                                                   "total-blocking-time", "cumulative-layout-shift", "speed-index")))
                for name in CATEGORIES:
                    if scores[name] < TARGETS[name]:
                        missed.append(f"{page or '(overview)'}: {name} {scores[name]} < {TARGETS[name]}")
                    for line in _lost_points(report, name):
                        print(f"  {name}: {line}")
            if every_run:
                print(_spread(every_run))

    print("\nTargets: " + ("all met" if not missed else "missed:\n  " + "\n  ".join(missed)))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
