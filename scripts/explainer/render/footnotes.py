"""The footnotes of one page: each citation's label, number and back-link id, in reading order.

Python-Markdown's footnotes extension numbers footnotes by the order of their
definitions and gives the k-th reference to a footnote the id ``fnrefk:label``.
A citation inside a generated block is written out as finished HTML, so it is
numbered here by the same rules; the build then tells the extension which ids
are taken (``claim``), and the Sources page links back to the same ids.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from explainer.model.mdsource import CiteItem, cite_label


# A citation inside generated HTML waits as a token until the page is read in order.
_TOKEN = re.compile("\x0ecite(\\d+)\x0f")


def ref_id(label: str, occurrence: int) -> str:
    """The id Python-Markdown gives the ``occurrence``-th reference (from 1) to a footnote."""
    return f"fnref:{label}" if occurrence == 1 else f"fnref{occurrence}:{label}"


@dataclass
class PageFootnotes:
    """Citations of one page, in reading order; ``handwritten`` counts the page's own footnote definitions."""

    handwritten: int = 0
    definitions: dict[str, tuple[CiteItem, ...]] = field(default_factory=dict)   # label -> items, first use first
    uses: list[tuple[str, str, tuple[CiteItem, ...]]] = field(default_factory=list)   # (label, ref id, items)
    stashed: list[str] = field(default_factory=list)   # ref ids written as HTML (the extension never sees them)
    _count: Counter = field(default_factory=Counter)
    _waiting: list[tuple[CiteItem, ...]] = field(default_factory=list)

    def cite_later(self, items: tuple[CiteItem, ...]) -> str:
        """A citation inside generated HTML: a token that ``resolve`` turns into the reference."""
        self._waiting.append(items)
        return f"\x0ecite{len(self._waiting) - 1}\x0f"

    def as_citations(self, html: str) -> str:
        """Generated HTML with its citation tokens written back as citations (``[@a; @b]``), for the checks."""
        if "\x0e" not in html:
            return html
        return _TOKEN.sub(lambda match: _citation_text(self._waiting[int(match.group(1))]), html)

    def resolve(self, html: str) -> str:
        """Generated HTML with its citation tokens replaced, in reading order."""
        if "\x0e" not in html:
            return html
        return _TOKEN.sub(lambda match: self.cite_html(self._waiting[int(match.group(1))]), html)

    def cite_markdown(self, items: tuple[CiteItem, ...]) -> str:
        """A citation in the contributor's Markdown: a footnote reference the extension renders."""
        label = self._use(items)
        return f"[^{label}]"

    def cite_html(self, items: tuple[CiteItem, ...]) -> str:
        """A citation inside a generated block: the footnote reference, finished."""
        label = self._use(items)
        ref = self.uses[-1][1]
        self.stashed.append(ref)
        number = self.handwritten + list(self.definitions).index(label) + 1
        return f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{label}">{number}</a></sup>'

    def _use(self, items: tuple[CiteItem, ...]) -> str:
        label = cite_label(items)
        self.definitions.setdefault(label, items)
        self._count[label] += 1
        self.uses.append((label, ref_id(label, self._count[label]), items))
        return label


def _citation_text(items: tuple[CiteItem, ...]) -> str:
    return "[" + "; ".join(f"@{item.key}" + (f", {item.locator}" if item.locator else "") for item in items) + "]"


Cite = Callable[[tuple[CiteItem, ...]], str]
