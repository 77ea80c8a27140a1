"""Benchmark the real site: its own pages replicated, and the writer's loop on the site itself.

    python tools/bench_real.py [--pages 100,300,1000] [--repeat 3] [--json FILE]

For each size, tools/real_corpus.py copies the real site's topic pages
beside themselves until there are about that many (the whole-site pages
stay single, as in a large real explainer), and three builds are timed as
in tools/bench.py: the project's, plain Material on the same pages
(citations left as text, markers as comments), and plain Material on the
pages with markers and citations written out. Then ``mkdocs serve`` runs on
the real site itself and the time from a one-line edit of a page to the
server returning it is measured (the writer's loop). It prints a Markdown
table and the growth from one size to the next; it asserts nothing.
tools/bench.py runs it too, after the synthetic corpus.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Bench, _environment, _machine, _s  # noqa: E402
from real_corpus import REPO, replicate, topic_pages  # noqa: E402

DEFAULT_PAGES = (100, 300, 1000)
TARGET_RATIO = 1.8   # the project's build at most 1.8x plain Material's on ~300 pages (issue 17)


def measure(workdir: Path, sizes: list[int], repeat: int, env: dict, serve: bool = True) -> dict:
    """Build times per replicated size, and the serve rebuild on the real site."""
    per_copy = len(topic_pages(REPO / "docs"))
    results: dict = {"sizes": {}}
    for wanted in sizes:
        copies = max(1, round(wanted / per_copy))
        corpus = replicate(workdir / f"real-{wanted}", copies)
        print(f"real site x{copies} ({len(corpus.pages)} topic pages): building ...", file=sys.stderr, flush=True)
        figures = Bench(corpus, repeat, env, serve=False, checks=False).measure()
        results["sizes"][len(corpus.pages)] = {**figures, "copies": copies}
    if serve:
        corpus = replicate(workdir / "real-site", 1)
        print("real site: mkdocs serve, editing one page ...", file=sys.stderr, flush=True)
        ready = "</html>"
        figures = Bench(corpus, repeat, env, serve=True, checks=False, ready=ready).measure()
        results["serve"] = {"page": corpus.pages[0], **figures}
    return results


def report(results: dict) -> str:
    sizes = sorted(results["sizes"])
    lines = ["| Topic pages (real, replicated) | Build, project | Build, plain Material | project ÷ plain "
             "| Build, content written out | Machinery overhead |", "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in sizes:
        r = results["sizes"][n]
        project, plain, written = (r[key]["median_s"] for key in ("build_project", "build_plain", "build_handwritten"))
        lines.append(f"| {n:,} | {_s(project)} | {_s(plain)} | {project / plain:.2f}× | {_s(written)} "
                     f"| {project / written - 1:+.0%} |")
    for small, large in zip(sizes, sizes[1:]):
        a, b = results["sizes"][small], results["sizes"][large]
        lines.append(f"\nGrowth {small:,} → {large:,} topic pages ({large / small:.1f}× pages): project build "
                     f"{b['build_project']['median_s'] / a['build_project']['median_s']:.1f}×, plain Material "
                     f"{b['build_plain']['median_s'] / a['build_plain']['median_s']:.1f}×")
    near = min(sizes, key=lambda n: abs(n - 300)) if sizes else None
    if near:
        r = results["sizes"][near]
        ratio = r["build_project"]["median_s"] / r["build_plain"]["median_s"]
        lines.append(f"\nTarget (issue 17): the project's build at most {TARGET_RATIO}× plain Material's at ~300 pages: "
                     f"{ratio:.2f}× at {near:,} — {'holds' if ratio <= TARGET_RATIO else 'DOES NOT HOLD'}")
    if "serve" in results:
        serve = results["serve"]["serve_rebuild"]
        lines.append(f"\nWriter's loop: mkdocs serve on the real site, one page edited ({results['serve']['page']}): "
                     f"{_s(serve['median_s'])} to the page served again (median of {len(serve['runs_s'])}).")
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("give page counts separated by commas, like 100,300,1000")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_real.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=_sizes, default=list(DEFAULT_PAGES), metavar="N,N,...",
                        help="about how many topic pages to replicate to (default 100,300,1000)")
    parser.add_argument("--repeat", type=int, default=3, metavar="R", help="runs of each build (default 3)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="explainer-bench-real-"))
    started = time.perf_counter()
    try:
        results = measure(workdir, args.pages, args.repeat, _environment(), serve=not args.no_serve)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": _machine(), "total_seconds": round(time.perf_counter() - started, 1),
                                         **results}, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
