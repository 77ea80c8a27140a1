"""External links get ``rel="noopener noreferrer"``: the site they open cannot
reach back into this page (``window.opener``) nor learn which page sent the reader.

Links written in Markdown are elements of the page tree; links written as raw
HTML (``<a href="https://...">``) wait in Python-Markdown's stash as text until
the end, so both are handled here. Nothing else is changed: no ``target``, no
other attribute; a ``rel`` already present keeps its words.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from explainer.model.urls import is_web_link

REL = ("noopener", "noreferrer")


def with_rel(rel: str | None) -> str:
    """The rel value with noopener and noreferrer added once, existing words kept in order."""
    words = (rel or "").split()
    present = {word.lower() for word in words}
    return " ".join(words + [word for word in REL if word not in present])


class ExternalLinkTreeprocessor(Treeprocessor):
    """Adds the rel words to every external link in the page tree and in stashed raw HTML."""

    def run(self, root: etree.Element) -> None:
        _mark_tree(root)
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if isinstance(block, etree.Element):
                _mark_tree(block)
            elif isinstance(block, str) and "<a" in block.lower():
                stash[index] = mark_raw_html(block)


def _mark_tree(root: etree.Element) -> None:
    for link in root.iter("a"):
        if is_web_link(link.get("href")):
            link.set("rel", with_rel(link.get("rel")))


# Raw HTML ---------------------------------------------------------------------

class _AnchorFinder(HTMLParser):
    """Records where each external <a ...> start tag sits in a piece of raw HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, int, str]] = []   # (line, column, length, rewritten start tag)

    def handle_starttag(self, tag, attrs):
        self._anchor(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._anchor(tag, attrs, closed=True)

    def _anchor(self, tag, attrs, closed):
        href = dict(attrs).get("href")
        if tag != "a" or not is_web_link(href):
            return
        attrs = [(name, value) for name, value in attrs if name != "rel"] + \
                [("rel", with_rel(next((value for name, value in attrs if name == "rel"), None)))]
        text = "<a" + "".join(f' {name}="{html.escape(value, quote=True)}"' if value is not None else f" {name}"
                              for name, value in attrs) + ("/>" if closed else ">")
        line, column = self.getpos()
        self.found.append((line, column, len(self.get_starttag_text() or ""), text))


# Generated blocks (explainer.render) write every link as <a name="value" ...> with plain
# double-quoted values: those need no HTML parser, and a page can hold hundreds of them.
_ANY_ANCHOR = re.compile(r"<a[\s>/]", re.I)
_PLAIN_ANCHOR = re.compile(r'<a((?: [a-z-]+="[^"<>]*")*)>')
_PLAIN_ATTRIBUTE = re.compile(r' ([a-z-]+)="([^"<>]*)"')


def mark_raw_html(text: str) -> str:
    """The same HTML with each external <a ...> start tag carrying the rel words."""
    if len(_PLAIN_ANCHOR.findall(text)) == len(_ANY_ANCHOR.findall(text)):
        return _PLAIN_ANCHOR.sub(_plain_anchor, text)
    finder = _AnchorFinder()
    try:
        finder.feed(text)
        finder.close()
    except Exception:  # HTMLParser tolerates almost anything; never break a build over a link
        return text
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    for line, column, length, replacement in reversed(finder.found):
        start = starts[line - 1] + column
        if length and text.startswith("<", start):
            text = text[:start] + replacement + text[start + length:]
    return text


def _plain_anchor(match: re.Match) -> str:
    attrs = dict(_PLAIN_ATTRIBUTE.findall(match.group(1)))
    if not is_web_link(attrs.get("href")):
        return match.group(0)
    rel = with_rel(attrs.pop("rel", None))
    return "<a" + "".join(f' {name}="{value}"' for name, value in attrs.items()) + f' rel="{rel}">'


class ExternalLinkExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline links exist ('inline', 20), footnotes and abbreviations
        # are added, and the table of contents is built ('toc', 5).
        md.treeprocessors.register(ExternalLinkTreeprocessor(md), "explainer-external-links", 1)


def makeExtension(**kwargs) -> ExternalLinkExtension:
    return ExternalLinkExtension(**kwargs)
