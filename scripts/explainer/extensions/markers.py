"""Expands ``<!-- md:NAME args -->`` markers: timeline, claims, sources, coverage.

An unknown marker, tag or page is logged as a warning (so ``mkdocs build
--strict`` fails) and shown on the page as an error box, never dropped silently.
"""
from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from explainer.render import markers

from explainer.model import cache
from explainer.render.registry import renderers


def _error_box(number: int, message: str) -> list[str]:
    cache.log.warning(f"marker on line {number} of a page body: {message}")
    return ['!!! failure "Build error"', "", f"    {message}"]


class MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, data_dir: str, docs_dir: str):
        super().__init__(md)
        self.data_dir, self.docs_dir = data_dir, docs_dir

    def run(self, lines: list[str]) -> list[str]:
        if not any("md:" in line for line in lines):
            return lines
        context = markers.Context(self.data_dir, self.docs_dir)
        return markers.expand(lines, context, renderers(context), _error_box)


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
