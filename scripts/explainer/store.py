"""Cached access to content for the build, which converts one page at a time.

Data files are re-read only when they change (so ``mkdocs serve`` picks up an
edit), and each problem in them is logged once per change, not once a page.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .content import DATA_FILES, Data, Page, load_data, load_pages, read_page

# Under MkDocs a logger below "mkdocs" counts towards --strict; elsewhere
# (Zensical, plain Python-Markdown) the messages still reach the console.
log = logging.getLogger("mkdocs.explainer")

_data_cache: dict[str, tuple[tuple, Data]] = {}
_title_cache: dict[str, tuple[tuple, str]] = {}


def _stamp(paths: list[Path]) -> tuple:
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def data(data_dir: str) -> Data:
    """The project's data, loaded once per change of the data files."""
    folder = Path(data_dir)
    stamp = _stamp([folder / name for name in DATA_FILES.values()])
    cached = _data_cache.get(data_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    loaded = load_data(folder)
    for problems in loaded.problems.values():
        for problem in problems:
            log.warning(problem.format())
    _data_cache[data_dir] = (stamp, loaded)
    return loaded


def pages(docs_dir: str) -> dict[str, Page]:
    """Every page, for whole-site markers (sources, coverage); read each build."""
    loaded, problems = load_pages(Path(docs_dir))
    return loaded


def page_title(docs_dir: str, path: str) -> str | None:
    """The title of one page, or None if the page does not exist."""
    full = Path(docs_dir) / path
    stamp = _stamp([full])
    cached = _title_cache.get(str(full))
    if cached and cached[0] == stamp:
        return cached[1]
    if stamp == (None,):
        return None
    page, _ = read_page(full, path, path)
    title = page.title if page else path
    _title_cache[str(full)] = (stamp, title)
    return title
