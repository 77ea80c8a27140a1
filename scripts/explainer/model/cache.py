"""Cached access to content for the build, which converts one page at a time.

Data files are re-read only when they change (so ``mkdocs serve`` picks up an
edit), and each problem in them is logged once per change, not once a page.
"""
from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

from explainer.model.loader import display_path, load_data, page_files, read_page
from explainer.model.records import DATA_FILES, Data, Page
from explainer.model.settings import site_extra

# Under MkDocs a logger below "mkdocs" counts towards --strict; elsewhere
# (Zensical, plain Python-Markdown) the messages still reach the console.
log = logging.getLogger("mkdocs.explainer")

_data_cache: dict[str, tuple[tuple, Data]] = {}
_page_cache: dict[str, tuple[tuple | None, Page | None]] = {}   # file -> (stamp, page): titles, whole-site markers
_extra_cache: dict[str, tuple[tuple | None, dict]] = {}


def data(data_dir: str) -> Data:
    """The project's data, loaded once per change of the data files (the extensions and the hook share it)."""
    data_dir = os.path.abspath(data_dir)
    stamp = tuple(_file_stamp(os.path.join(data_dir, name)) for name in DATA_FILES.values())
    cached = _data_cache.get(data_dir)
    if cached and cached[0] == stamp:
        return cached[1]
    loaded = load_data(Path(data_dir))
    for problems in loaded.problems.values():
        for problem in problems:
            log.warning(problem.format())
    _data_cache[data_dir] = (stamp, loaded)
    return loaded


def extra(config_file: str) -> dict:
    """mkdocs.yml's ``extra:``, re-read when the file changes."""
    key = os.path.abspath(config_file)
    stamp = _file_stamp(key)
    cached = _extra_cache.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, site_extra(key))
        _extra_cache[key] = cached
    return cached[1]


def pages(docs_dir: str) -> dict[str, Page]:
    """Every page, for whole-site markers (sources, coverage); a page is re-read when it changes."""
    docs = Path(docs_dir)
    display_dir = display_path(docs)
    loaded: dict[str, Page] = {}
    for full, relative in page_files(docs):
        key = str(full)
        stamp = _file_stamp(key)
        cached = _page_cache.get(key)
        display = f"{display_dir}/{relative}"
        if cached and cached[0] == stamp and cached[1] and cached[1].path == relative:
            page = cached[1]
            if page.display != display:   # read for a title (page_title), which names it by path
                page = replace(page, display=display)
                _page_cache[key] = (stamp, page)
        else:
            page, _ = read_page(full, relative, display)
            _page_cache[key] = (stamp, page)
        if page is not None:
            loaded[relative] = page
    return loaded


def page(docs_dir: str, path: str) -> Page | None:
    """One page as last read, re-read if it changed; None if it does not exist or cannot be read."""
    key = os.path.join(docs_dir, path)
    stamp = _file_stamp(key)
    if stamp is None:
        return None
    cached = _page_cache.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    loaded, _ = read_page(Path(key), path, path)
    _page_cache[key] = (stamp, loaded)
    return loaded


def page_title(docs_dir: str, path: str) -> str | None:
    """The title of one page, or None if the page does not exist."""
    if _file_stamp(os.path.join(docs_dir, path)) is None:
        return None
    found = page(docs_dir, path)
    return found.title if found else path


def _file_stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
