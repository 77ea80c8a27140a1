"""Finished HTML from data text, written exactly as Python-Markdown would serialise it.

Generated blocks skip Python-Markdown's parsing, so what its abbreviations
extension would have added on the way (``<abbr>`` for the site's
abbreviations) is added here, the same way, so a reader cannot tell. (Links
to other sites get their ``rel`` from the external-links extension, which
reads stored HTML too.)
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# The abbreviation definitions Python-Markdown's abbr extension reads: *[UN]: United Nations
_ABBREVIATION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*(?P<title>.*)$")


def text(value: str) -> str:
    """Text content, escaped as ElementTree's HTML serialiser does."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """An attribute value (for double quotes), escaped as ElementTree's HTML serialiser does."""
    return text(value).replace('"', "&quot;")


@dataclass
class Abbreviations:
    """The page's abbreviations, applied to text as Python-Markdown's abbr treeprocessor does."""

    titles: dict[str, str]

    @classmethod
    def from_lines(cls, lines: list[str]) -> "Abbreviations":
        """The definitions in a page's lines (every page repeats the same appended list: made once)."""
        return _abbreviations(tuple(line for line in lines if line.startswith("*[")))

    def __post_init__(self):
        keys = sorted((key for key, title in self.titles.items() if title), key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(re.escape(key) for key in keys) + r")\b") if keys else None

    def text(self, value: str) -> str:
        """Escaped text with each known abbreviation wrapped in ``<abbr title>``."""
        if self._pattern is None:
            return text(value)
        parts, last = [], 0
        for match in self._pattern.finditer(value):
            word = match.group(0)
            parts.append(text(value[last:match.start()]))
            parts.append(f'<abbr title="{attribute(self.titles[word])}">{text(word)}</abbr>')
            last = match.end()
        parts.append(text(value[last:]))
        return "".join(parts)


@functools.lru_cache(maxsize=16)
def _abbreviations(definitions: tuple[str, ...]) -> Abbreviations:
    titles: dict[str, str] = {}
    for line in definitions:
        match = _ABBREVIATION.match(line)
        if match:
            title = match.group("title").strip()
            if len(title) > 1 and title[0] == title[-1] and title[0] in "\"'":
                title = title[1:-1]
            titles[match.group("abbr")] = title
    return Abbreviations(titles)


def link(href: str, label_html: str) -> str:
    return f'<a href="{attribute(href)}">{label_html}</a>'
