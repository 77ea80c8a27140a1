"""``python scripts/check.py [check ...]``: run the content checks.

Output is one line per problem, ``path:line:col: severity: message [rule]``
(and GitHub annotations when GITHUB_ACTIONS=true). Exit status: 0 clean
(warnings allowed), 1 problems found, 2 the command was used wrongly.
"""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from explainer.checks.links import check as links_check
from explainer.checks import parts, registry
from explainer.checks.rules import rule_lines, rule_table
from explainer.model.diagnostics import EXIT_OK, EXIT_PROBLEMS, report
from explainer.checks.runner import available_cores, run
from explainer.model.project import Project
from explainer.model.progress import progress_line
from explainer.usage import UsageParser


def build_parser(checks: list[str]) -> argparse.ArgumentParser:
    parser = UsageParser(prog="check.py", description="Check the explainer's pages and data; print file:line problems.",
                         error_prefix="check.py: error: ")
    parser.add_argument("checks", nargs="*", metavar="CHECK", help=f"which checks to run (default: all): {', '.join(checks)}")
    parser.add_argument("--root", default=".", help="the explainer's folder (default: current folder)")
    parser.add_argument("--release", action="store_true",
                        help="treat unfinished work (uncovered paragraphs, to-do claims, events without sources) as errors, as the deploy does")
    parser.add_argument("--site", metavar="DIR",
                        help="a built site for the safety and links checks to read (default: site/ when it exists)")
    parser.add_argument("--list-rules", action="store_true",
                        help="print every rule with its check, what it means and the fix, then exit")
    parser.add_argument("--markdown", action="store_true", help="with --list-rules: print the table CONTRIBUTING.md shows")
    parser.add_argument("--jobs", type=int, default=available_cores(), metavar="N",
                        help="processes to run the checks on (default: one per core; 1 runs them one after another)")
    links_check.add_arguments(parser)
    return parser


# A check run allocates millions of small objects and frees few of them; with
# Python's default thresholds the cyclic GC rescans the growing heap so often
# that, measured on 4,000 pages, it costs 10-25% of the time, and more the
# larger the site. Peak memory was the same either way.
GC_THRESHOLDS = (100_000, 50, 1000)


def main(argv: list[str] | None = None) -> int:
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)


def _main(argv: list[str] | None) -> int:
    checks = registry()
    parser = build_parser(list(checks))
    args = parser.parse_args(argv)
    if args.list_rules:
        print(rule_table() if args.markdown else rule_lines())
        return EXIT_OK
    unknown = [name for name in args.checks if name not in checks]
    if unknown:
        parser.error(f"unknown check {', '.join(map(repr, unknown))}; choose from {', '.join(checks)}")
    checks["links"] = links_check.configured(args, parser.error)
    root = Path(args.root)
    if not (root / "docs").is_dir():
        parser.error(f"no docs/ folder in '{root}'; run from the explainer's folder or pass --root")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.site and not (Path(args.site) / "index.html").is_file():
        parser.error(f"no built site in '{args.site}' (index.html is missing); run mkdocs build first")
    project = Project.load(root, release=args.release)
    project.site = Path(args.site) if args.site else None
    selected = args.checks or list(checks)
    diagnostics = run(project, parts(selected, checks), args.jobs)
    errors = report(diagnostics, sys.stdout)
    warnings = len(set(diagnostics)) - errors
    print(progress_line(project), file=sys.stderr)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s) from: {', '.join(selected)}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"No errors ({warnings} warning(s)) from: {', '.join(selected)}", file=sys.stderr)
    return EXIT_OK
