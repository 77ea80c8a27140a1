"""A saved web page: its main text and metadata, extracted offline with trafilatura.

trafilatura separates an article from the navigation, comments and
boilerplate around it, and reads the page's metadata (Open Graph, JSON-LD,
``<meta>``, ``<link rel=canonical>``). It never goes online when given the
page's bytes. Its date search is kept to the page's own date markup, so a
copyright year is never taken for a publication date.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

from lxml import etree

from explainer.generator import GeneratorError
from explainer.generator.article_file import ArticleFile, compose
from explainer.generator.metadata import Metadata, clean, split_authors

_BLOCKS = {"head": "heading", "p": "paragraph", "item": "paragraph", "quote": "paragraph", "code": "paragraph"}


def read_html(data: bytes, name: str) -> ArticleFile:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - it is in requirements.txt
        raise GeneratorError("reading HTML needs trafilatura: python -m pip install trafilatura") from None
    with _quiet():
        tree = trafilatura.load_html(data)
        if tree is None:
            raise GeneratorError(f"{name} is not an HTML page that can be read")
        found = trafilatura.extract_metadata(tree, extensive=False)
        xml = trafilatura.extract(data, output_format="xml", include_comments=False, include_tables=False,
                                  include_images=False, include_links=False, deduplicate=False)
    blocks = _blocks(xml)
    if not blocks:
        raise GeneratorError(f"no article text found in {name} (is it the article's page, saved complete?)")
    meta = Metadata(title=_field(found, "title"), date=_field(found, "date"), outlet=_field(found, "sitename"),
                    authors=split_authors(_field(found, "author")), url=_field(found, "url"))
    description = _field(found, "description")
    if description and len(description.split()) <= 40:
        meta.subtitle = description   # used when the text itself has no standfirst
    return ArticleFile(compose(meta.title, blocks), meta, "html", title_in_text=False)


def _field(found, name: str) -> str:
    """One metadata value as clean text; trafilatura leaves what it did not find as None."""
    return clean(getattr(found, name, None))


def _blocks(xml: str | None) -> list[str]:
    """The text of each heading, paragraph, list item and quote, in reading order."""
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        return []
    blocks = []
    for element in main.iter():
        if element.tag in _BLOCKS and not any(parent.tag in _BLOCKS for parent in element.iterancestors()):
            text = clean("".join(element.itertext()))
            if text:
                blocks.append(text)
    return blocks


@contextmanager
def _quiet():
    """trafilatura and htmldate log their doubts; the user gets one line from us instead."""
    loggers = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "courlan", "justext", "readability")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
