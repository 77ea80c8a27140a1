"""The Python-Markdown extension: hands each page to ``render_page`` and its output to Python-Markdown.

Citations (``[@key]``, ``[@key, para. 7]``, ``[@a; @b]``) become footnotes,
markers (``<!-- md:NAME args -->``) become finished HTML kept in Python-Markdown's
HTML stash, so only what contributors wrote is parsed as Markdown. Python-Markdown's
footnotes extension still numbers and lists the footnotes, so Material's
tooltips show each source on hover. Everything else lives in ``explainer.render``.

``strict: true`` stops the build at an unknown source or a broken marker, with
the page and the key, whichever builder runs it; otherwise the problem is
logged as a warning (``mkdocs build --strict`` fails on it) and shown on the page.
"""
from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from explainer.model import cache
from explainer.model.mdsource import CiteItem
from explainer.render.html import Abbreviations
from explainer.render.markers import Context
from explainer.render.page import render_page
from explainer.render.references import format_citation
from explainer.render.registry import renderers
from explainer.render.sources import remember_uses

# Under MkDocs a logger below "mkdocs" counts towards --strict; elsewhere the messages still reach the console.
log = logging.getLogger("mkdocs.explainer")
_ID = re.compile(r'\sid="([^"]+)"')


class ExplainerBuildError(Exception):
    """A page the build must not publish: an unknown source or a broken marker (``strict: true``)."""


class PagePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, settings: dict):
        super().__init__(md)
        self.settings = settings

    def run(self, lines: list[str]) -> list[str]:
        if not any("@" in line or "md:" in line for line in lines):
            return lines
        builder = _builder(self.md, self.settings["directory_urls"])
        page = builder.page
        data = cache.data(self.settings["data_dir"])
        docs_dir = self.settings["docs_dir"]
        context = Context(data, lambda path: cache.page_title(docs_dir, path), lambda: cache.pages(docs_dir),
                          page, builder.directory_urls, abbreviations=Abbreviations.from_lines(lines),
                          source_links=builder.rewrites_html_links, extra=cache.extra(self.settings["config_file"]))
        where = page or "a page"

        def on_error(number: int, message: str) -> list[str]:
            self._problem(f"{where}, line {number}: {message}")
            return ['!!! failure "Build error"', "", f"    {message}"]

        def reference(items: tuple[CiteItem, ...]) -> str:
            texts = []
            separator = ""
            for item in items:
                source = data.sources.get(item.key)
                if source is None:
                    self._problem(f"{where}: citation of unknown source '@{item.key}': add it to "
                                  f"{data.path('sources')} or fix the key (python scripts/check.py citations "
                                  "shows the file and line)")
                    texts.append(f"{separator}<strong>Unknown source: {context.abbreviations.text(item.key)}</strong>")
                    separator = "; "
                    continue
                if item.excerpt and item.excerpt not in source.excerpts:
                    self._problem(f"{where}: citation of '@{item.key}' points at an excerpt '{item.excerpt}' the source "
                                  f"does not have: add it under the source's 'excerpts:' in {data.path('sources')} "
                                  "or fix the id (python scripts/check.py citations shows the file and line)")
                texts.append(separator + _formatted(data, source, item, context.abbreviations))
                # An excerpt is a block of its own: the next reference starts below it, without a semicolon.
                separator = " " if item.excerpt in source.excerpts else "; "
            return "".join(texts)

        ids: set[str] = set()

        def store(html: str) -> str:
            ids.update(_ID.findall(html))
            return self.md.htmlStash.store(html)

        rendered = render_page(lines, context, renderers(context), on_error, reference, store)
        self.ids = ids
        source = cache.page(docs_dir, page) if page else None
        if source is not None:
            remember_uses(source, data, context.notes.uses)   # so the Sources page need not render it again
        _claim_ref_ids(self.md, context.notes.stashed)
        if rendered.definitions:
            rendered.lines.append("")
            rendered.lines.extend(f"[^{label}]: {self.md.htmlStash.store(text)}"
                                  for label, text in rendered.definitions.items())
        return rendered.lines

    def _problem(self, message: str) -> None:
        if self.settings["strict"]:
            # The build stops here: show the contributor the message, not the builder's stack.
            sys.tracebacklimit = 0
            raise ExplainerBuildError(message)
        log.warning(message)


class AnchorPreprocessor(Preprocessor):
    """Adds the ids of the stored HTML blocks to what MkDocs knows a page contains (it reads raw HTML
    from the lines, where those blocks are only placeholders), so its anchor validation sees them."""

    def __init__(self, md: Markdown, page: PagePreprocessor):
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        ids = getattr(self.page, "ids", None)
        if ids and "mkdocs_raw_html" in self.md.preprocessors:
            known = getattr(self.md.preprocessors["mkdocs_raw_html"], "present_anchor_ids", None)
            if isinstance(known, set):
                known.update(ids)
        self.page.ids = set()
        return lines


@dataclass(frozen=True)
class Builder:
    """What the builder converting this page says about it."""

    page: str | None          # docs-relative path ("topics/economy.md"), None if it does not say
    directory_urls: bool
    rewrites_html_links: bool   # Zensical rewrites relative links in raw HTML as it does in Markdown


def _builder(md: Markdown, directory_urls: bool) -> Builder:
    """Where the builder says which page it converts.

    A tool converting pages itself sets ``md.explainer_page``; Zensical registers a
    preprocessor ("rendering_context") holding the page and its config; MkDocs a tree
    processor ("relpath") holding the page's file and its config.
    """
    told = getattr(md, "explainer_page", None)
    if told:
        return Builder(told, directory_urls, False)
    if "rendering_context" in md.preprocessors:
        context = md.preprocessors["rendering_context"]
        page, config = getattr(context, "page", None), getattr(context, "config", None) or {}
        path = getattr(page, "path", None)
        if path:
            return Builder(path, bool(config.get("use_directory_urls", directory_urls)), True)
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    file = getattr(relpath, "file", None)
    if file is not None and getattr(file, "src_uri", None):
        config = getattr(relpath, "config", None) or {}
        return Builder(file.src_uri, bool(config.get("use_directory_urls", directory_urls)), False)
    return Builder(None, directory_urls, False)


def _claim_ref_ids(md: Markdown, ref_ids: list[str]) -> None:
    """Tell Python-Markdown's footnotes extension which reference ids the HTML blocks took, so its
    own references skip them and each footnote lists a back-link for every reference."""
    if not ref_ids or "footnote" not in md.treeprocessors:
        return
    footnotes = getattr(md.treeprocessors["footnote"], "footnotes", None)
    if footnotes is None:
        return
    for ref in ref_ids:
        prefix, _, label = ref.partition(":")
        footnotes.used_refs.add(ref)
        original = f"fnref{footnotes.get_separator()}{label}"
        footnotes.found_refs[original] = footnotes.found_refs.get(original, 0) + 1
        footnotes.addFootnoteRef(label)


# References formatted for the data last loaded: pages cite the same sources over and over.
_formatted_cache: list = [None, {}]


def _formatted(data, source, item: CiteItem, abbreviations: Abbreviations) -> str:
    if _formatted_cache[0] is not data:
        _formatted_cache[:] = [data, {}]
    key = (source.id, item.locator, id(abbreviations))
    known = _formatted_cache[1]
    if key not in known:
        known[key] = format_citation(source, item, abbreviations)
    return known[key]


class PageExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "data_dir": ["docs/data", "Folder holding the data files"],
            "docs_dir": ["docs", "Folder holding the pages (for whole-site markers)"],
            "strict": [False, "Stop the build at an unknown source or a broken marker"],
            "directory_urls": [True, "Pages are published as folder/index.html (when the builder does not say)"],
            "config_file": ["mkdocs.yml", "The site settings, read for extra.as_of (the md:tally marker)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After pymdownx.snippets (32) has inserted included text (abbreviations among it) and
        # after whitespace is normalised (30, which would delete the stash's placeholders), before
        # fenced code is stashed (25); footnotes are parsed later by their own extension.
        page = PagePreprocessor(md, self.getConfigs())
        md.preprocessors.register(page, "explainer-page", 29)
        md.preprocessors.register(AnchorPreprocessor(md, page), "explainer-anchors", 20.9)   # after MkDocs' (21)


def makeExtension(**kwargs) -> PageExtension:
    return PageExtension(**kwargs)
