"""Pandoc-style citations (``[@key]``, ``[@key, para. 7]``, ``[@a; @b]``) to footnotes.

Each citation becomes a footnote reference whose label depends only on the
keys and locators, and a definition holding the formatted reference is added
to the page. Python-Markdown's own footnotes extension then renders them, so
Material's footnote tooltips show the source on hover.
"""
from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from explainer.model import cache
from explainer.model.mdsource import Citation, CiteItem, map_prose, replace_citations
from explainer.render.references import escape, format_reference


class CitationPreprocessor(Preprocessor):
    """Replaces citations with footnote references and appends their definitions."""

    def __init__(self, md: Markdown, data_dir: str):
        super().__init__(md)
        self.data_dir = data_dir

    def run(self, lines: list[str]) -> list[str]:
        if not any("@" in line for line in lines):
            return lines
        data = cache.data(self.data_dir)
        notes: dict[str, str] = {}

        def to_footnote(items: tuple[CiteItem, ...]) -> str:
            label = Citation(0, 0, 0, "", items).label
            if label not in notes:
                notes[label] = "; ".join(_reference(data, item) for item in items)
            return f"[^{label}]"

        lines = map_prose(lines, lambda text: replace_citations(text, to_footnote))
        if notes:
            lines.append("")
            lines.extend(f"[^{label}]: {text}" for label, text in notes.items())
        return lines


def _reference(data, item: CiteItem) -> str:
    source = data.sources.get(item.key)
    if source is None:
        cache.log.warning(f"citation of unknown source '@{item.key}': add it to {data.path('sources')} "
                          f"or fix the key (python scripts/check.py citations shows the file and line)")
        return f"**Unknown source: {escape(item.key)}**"
    if _formatted[0] is not data:
        _formatted[:] = [data, {}]
    known = _formatted[1]
    key = (item.key, item.locator)
    if key not in known:
        known[key] = format_reference(source, item.locator)
    return known[key]


# References formatted for the data last loaded: pages cite the same sources over and over.
_formatted: list = [None, {}]


class CitationExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"data_dir": ["docs/data", "Folder holding sources.yml and the other data files"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After pymdownx.snippets (32) has inserted included text, before
        # fenced code is stashed; footnotes are parsed later by their own extension.
        md.preprocessors.register(CitationPreprocessor(md, self.getConfig("data_dir")), "explainer-citations", 31)


def makeExtension(**kwargs) -> CitationExtension:
    return CitationExtension(**kwargs)
