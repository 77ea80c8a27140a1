"""The ``new`` and ``update`` commands: arguments, and one ``error:`` line for every refusal.

Exit status, as for the checks: 0 done; 1 ``update`` found machinery files
changed locally and updated nothing; 2 the command could not run as given
(a bad or unreadable article, missing title or date, a DEST that is not
empty, a wrong option). A refused command writes nothing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explainer.model.diagnostics import EXIT_USAGE
from explainer.generator import GeneratorError
from explainer.usage import UsageParser


def new_parser() -> argparse.ArgumentParser:
    parser = UsageParser(prog="python -m explainer new",
                         description="Make a new explainer from an article (.txt, .md or a saved .html page).")
    parser.add_argument("article", metavar="ARTICLE", type=Path, help="the article: plain text, Markdown or a saved HTML page")
    parser.add_argument("dest", metavar="DEST", type=Path, help="the folder to create (must be empty or new)")
    parser.add_argument("--title", help="the article's title (instead of the one found in the file)")
    parser.add_argument("--subtitle", help="its standfirst or subtitle")
    parser.add_argument("--date", help="its publication date, YYYY-MM-DD")
    parser.add_argument("--url", help="its address (https:// only)")
    parser.add_argument("--outlet", help="the publication or website it appeared in")
    parser.add_argument("--author", help="its author(s), separated by ';' or ','")
    parser.add_argument("--force", action="store_true",
                        help="write into a DEST that is not empty: files that change are kept as FILE.orig, nothing is deleted")
    parser.add_argument("--from", dest="source", type=Path, metavar="DIR",
                        help="the machinery to copy (default: the repository this command runs from)")
    return parser


def update_parser() -> argparse.ArgumentParser:
    parser = UsageParser(prog="python -m explainer update",
                         description="Replace an explainer's machinery files with the current machinery; content is never touched.")
    parser.add_argument("dest", metavar="DEST", type=Path, help="the explainer to update (made by `new`)")
    parser.add_argument("--force", action="store_true",
                        help="also replace machinery files changed locally (each kept as FILE.orig)")
    parser.add_argument("--from", dest="source", type=Path, metavar="DIR",
                        help="the newer machinery (default: the repository this command runs from)")
    return parser


def main_new(argv: list[str]) -> int:
    args = new_parser().parse_args(argv)
    from explainer.generator.new import generate
    return _run(generate, args.article, args.dest, sys.stdout, force=args.force, source=args.source,
                title=args.title, subtitle=args.subtitle, date=args.date, url=args.url, outlet=args.outlet,
                author=args.author)


def main_update(argv: list[str]) -> int:
    args = update_parser().parse_args(argv)
    from explainer.generator.update import update
    return _run(update, args.dest, sys.stdout, force=args.force, source=args.source)


def _run(command, *args, **kwargs) -> int:
    try:
        return command(*args, **kwargs)
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.code
    except OSError as error:   # a disk or permission problem while writing
        print(f"error: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
