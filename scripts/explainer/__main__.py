"""``python -m explainer COMMAND``: the one command line for everything.

check   run the content checks (the same as ``python scripts/check.py``)
new     make a new explainer from an article
update  bring newer machinery into an explainer made earlier
publish write the data exports into a built site (after mkdocs or zensical build)
"""
from __future__ import annotations

import sys

from explainer.model.diagnostics import EXIT_OK, EXIT_USAGE

_USAGE = """usage: python -m explainer {check,new,update,publish} ...

  check [CHECK ...] [--root DIR] [--release]   run the content checks (same as python scripts/check.py)
  new ARTICLE DEST [--title ... --date ...]     make a new explainer from an article (.txt, .md, .html)
  update DEST [--force]                         bring this machinery into an explainer made earlier
  publish [--root DIR] [--site DIR]             write the data exports into a built site (any builder)

Run `python -m explainer COMMAND --help` for a command's options."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(_USAGE, file=sys.stdout if argv else sys.stderr)
        return EXIT_OK if argv else EXIT_USAGE
    command, rest = argv[0], argv[1:]
    if command == "check":
        from explainer.cli import main as check
        return check(rest)
    if command == "new":
        from explainer.generator.cli import main_new
        return main_new(rest)
    if command == "update":
        from explainer.generator.cli import main_update
        return main_update(rest)
    if command == "publish":
        from explainer.publish import main as publish
        return publish(rest)
    print(_USAGE, file=sys.stderr)
    print(f"error: unknown command '{command}'; choose check, new, update or publish", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
