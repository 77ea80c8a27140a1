"""The house citation style, documented in CONTRIBUTING.md.

    Author(s). "Title." *Outlet*, Publisher, 8 December 2024. [host](URL).
    "The source's own sentence, when the citation points at an excerpt."

citeproc-py 0.11 was tried first; with the standard Chicago and APA styles
it printed a stray "Edition." and repeated titles for entries without an
author, so this project formats the few fields it uses itself, the same way
everywhere (footnotes, Sources page, claims table).
"""
from __future__ import annotations

import re

from explainer.model import languages
from explainer.model.mdsource import CiteItem
from explainer.model.records import Excerpt, Source
from explainer.model.urls import host
from explainer.render import html
from explainer.render.html import Abbreviations

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#])")
# Characters Python-Markdown has no backslash escape for: entities instead.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
_ENTITY_TABLE = str.maketrans(_ENTITIES)

# Groups of the Sources page, in the order they are shown; "article" is the
# one entry the article file names as its source.
GROUPS = {
    "article": "The article",
    "news": "News reports",
    "analysis": "Analysis and commentary",
    "reference": "Reference works",
    "official": "Official documents",
}
_GROUP_OF_TYPE = {
    "article-newspaper": "news", "article-magazine": "news", "broadcast": "news", "post": "news",
    "article-journal": "analysis", "report": "analysis", "post-weblog": "analysis", "book": "analysis",
    "chapter": "analysis", "paper-conference": "analysis", "thesis": "analysis", "review": "analysis",
    "entry": "reference", "entry-encyclopedia": "reference", "entry-dictionary": "reference", "dataset": "reference",
    "legislation": "official", "treaty": "official", "bill": "official", "legal_case": "official",
    "speech": "official", "document": "official", "standard": "official",
}


def escape(text: str) -> str:
    """Text from data files, made safe to place inside Markdown."""
    text = text.translate(_ENTITY_TABLE)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def group_of(source: Source, article_key: str) -> str:
    if source.id == article_key:
        return "article"
    if source.group in GROUPS:
        return source.group
    return _GROUP_OF_TYPE.get(source.type, "reference")


def format_reference(source: Source, abbreviations: Abbreviations, locator: str = "") -> str:
    """One source as finished HTML, in the house style."""
    say = abbreviations.text
    parts = []
    if source.authors:
        parts.append(say(_join(source.authors)) + ".")
    parts.append(f"“{say(source.title.rstrip('.'))}.”")
    where = []
    if source.container:
        where.append(f"<em>{say(source.container)}</em>")
    if source.publisher and source.publisher != source.container:
        where.append(say(source.publisher))
    if source.issued:
        where.append(say(source.issued.human))
    if locator:
        where.append(say(locator))
    if where:
        parts.append(", ".join(where) + ".")
    if source.url:
        shown = (host(source.url) or source.url).removeprefix("www.")   # the link's text: the site's name
        parts.append(html.link(source.url, say(shown)))
        if source.archive_url:
            parts.append(f"({html.link(source.archive_url, say('archived copy'))})")
    if not source.verified:
        parts.append(f"<em>{say('Unverified: ' + source.verification)}</em>")
    return " ".join(parts)


def format_citation(source: Source, item: CiteItem, abbreviations: Abbreviations) -> str:
    """One item of a footnote: the reference, with its locator, and the excerpt it points at, if any."""
    reference = format_reference(source, abbreviations, item.place)
    excerpt = source.excerpts.get(item.excerpt) if item.excerpt else None
    return reference + " " + format_excerpt(excerpt, abbreviations) if excerpt else reference


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def format_excerpt(excerpt: Excerpt, abbreviations: Abbreviations) -> str:
    """A source's own sentence as finished HTML, to follow its reference; a translation says so
    and keeps the original beside it."""
    say = abbreviations.text
    original = f'<span lang="{html.attribute(excerpt.lang)}">{say(excerpt.text)}</span>' if excerpt.lang else say(excerpt.text)
    if excerpt.translation:
        source_language = f" from {say(languages.name(excerpt.lang))}" if excerpt.lang else ""
        shown = f"{_quoted(excerpt.translation, say(excerpt.translation))} (translated{source_language}; original: {_quoted(excerpt.text, original)})"
    else:
        shown = _quoted(excerpt.text, original)
    return f'<span class="citation-excerpt">{shown}</span>'


def _quoted(text: str, shown: str) -> str:
    """In quotation marks, unless the sentence is itself a quotation and already starts with one."""
    return shown if text[:1] in "“\"‘«„" else f"“{shown}”"
