"""Expands ``<!-- md:NAME args -->`` markers: timeline, claims, sources, coverage.

An unknown marker, tag or page is logged as a warning (so ``mkdocs build
--strict`` fails) and shown on the page as an error box, never dropped silently.
"""
from __future__ import annotations

from functools import partial

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .. import render, store
from ..render import claims, coverage, sources, timeline


def _error_box(number: int, message: str) -> list[str]:
    store.log.warning(f"marker on line {number} of a page body: {message}")
    return ['!!! failure "Build error"', "", f"    {message}"]


def renderers(context: render.Context) -> dict:
    """Markers by name; the sources index expands pages with the others."""
    plain = {"timeline": timeline.render, "claims": claims.render, "coverage": coverage.render}

    def expand_page(lines: list[str]) -> list[str]:
        return render.expand(lines, context, plain, lambda number, message: [])

    return {**plain, "sources": partial(sources.render, expand_page=expand_page)}


class MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, data_dir: str, docs_dir: str):
        super().__init__(md)
        self.data_dir, self.docs_dir = data_dir, docs_dir

    def run(self, lines: list[str]) -> list[str]:
        if not any("md:" in line for line in lines):
            return lines
        context = render.Context(self.data_dir, self.docs_dir)
        return render.expand(lines, context, renderers(context), _error_box)


class ShortcodeExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "data_dir": ["docs/data", "Folder holding the data files"],
            "docs_dir": ["docs", "Folder holding the pages (for whole-site markers)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Before citations (31), so generated text is cited like written text.
        md.preprocessors.register(MarkerPreprocessor(md, self.getConfig("data_dir"), self.getConfig("docs_dir")),
                                  "explainer-markers", 31.5)


def makeExtension(**kwargs) -> ShortcodeExtension:
    return ShortcodeExtension(**kwargs)
