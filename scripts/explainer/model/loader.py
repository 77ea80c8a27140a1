"""The one loader: data files and pages into typed records, with diagnostics.

The build (Markdown extensions), every check and the generator read content
through ``load_data`` and ``load_pages``: one parse, one schema, one set of
problems, each with a file and a line.
"""
from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from explainer.model import yamlfile
from explainer.model.diagnostics import Diagnostic
from explainer.model.records import DATA_FILES, Data, Page
from explainer.model.schema import validate

MAX_PAGE_BYTES = 1_000_000
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def load_data(data_dir: Path | str, display_dir: str | None = None, keep_yaml: bool = False) -> Data:
    """Load and validate every data file; problems are collected, never raised.

    ``keep_yaml`` keeps each file's located YAML in ``Data.yaml`` for the
    checks that judge every string (the safety check), so that they do not
    parse the files again; the build does not need it.
    """
    with _collector_paused():
        return _load_data(Path(data_dir), display_dir, keep_yaml)


def _load_data(data_dir: Path, display_dir: str | None, keep_yaml: bool) -> Data:
    data = Data(data_dir, display_dir or display_path(data_dir))
    raw = {}
    for kind, name in DATA_FILES.items():
        path = data_dir / name
        data.problems[kind] = []
        if not path.exists():
            raw[kind] = None
            continue
        raw[kind], problems = yamlfile.load(path, data.path(kind))
        if keep_yaml:
            data.yaml[kind] = (raw[kind], problems)
        data.problems[kind].extend(problems)
        if raw[kind] is None and problems:
            data.unreadable.add(kind)
    validate(data, raw)
    return data


@contextmanager
def _collector_paused():
    """Loading makes hundreds of thousands of small objects that all stay alive, and
    each pass of the cyclic garbage collector would walk them all again: at 10,000
    pages that was half the loading time. Nothing here makes cycles, so it can wait."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_pages(docs_dir: Path | str, display_dir: str | None = None) -> tuple[dict[str, Page], list[Diagnostic]]:
    """Every Markdown page under docs, except snippet folders (``includes``, ``_*``)."""
    docs_dir = Path(docs_dir)
    display_dir = display_dir or display_path(docs_dir)
    pages: dict[str, Page] = {}
    problems: list[Diagnostic] = []
    for full, relative in page_files(docs_dir):
        page, page_problems = read_page(full, relative, f"{display_dir}/{relative}")
        problems.extend(page_problems)
        if page is not None:
            pages[relative] = page
    return pages, problems


def page_files(docs_dir: Path) -> Iterator[tuple[Path, str]]:
    """(file, path relative to docs) of every page ``load_pages`` reads, in its order."""
    for directory, subdirs, files in os.walk(docs_dir):
        subdirs[:] = sorted(d for d in subdirs if d != "includes" and not d.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(".md"):
                full = Path(directory) / name
                yield full, full.relative_to(docs_dir).as_posix()


def read_page(full: Path, relative: str, display: str) -> tuple[Page | None, list[Diagnostic]]:
    """Read one page and its front matter."""
    text, problems = yamlfile.read_text(full, display, MAX_PAGE_BYTES, yamlfile.PAGE_FILE)
    if text is None:
        return None, problems
    meta: Any = yamlfile.LocatedDict()
    meta.key_lines = {}
    body_line = 1
    match = FRONT_MATTER.match(text)
    if match:
        parsed, meta_problems = yamlfile.parse(match.group("yaml") or "", display, line_offset=1)
        problems.extend(meta_problems)
        if isinstance(parsed, dict):
            meta = parsed
        elif parsed is not None:
            problems.append(Diagnostic(display, 2, 1, "page-front-matter", "front matter must be a list of 'key: value' lines"))
        body_line = text.count("\n", 0, match.end()) + 1
        text = text[match.end():]
    return Page(relative, display, meta, text.splitlines(), body_line), problems


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as diagnostics show it: relative to root (default: the current folder)."""
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return path.as_posix()
