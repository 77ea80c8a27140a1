"""Read Markdown source text the way the build will: code is not prose.

The build (Markdown extensions) and the checks both use these scanners, so a
citation the checker counts is exactly a citation the reader sees.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
_NOT_PROSE = re.compile(r"(`+).+?\1|<!--.*?-->")

# Pandoc citations: [@key], [@key, para. 7], [see @a; @b, p. 3]. A bracket
# that is a link's text ("[...](" or "[...][") is not a citation.
_BRACKET = re.compile(r"\[(?P<body>[^\[\]\n]*)\](?![(\[:])")
_ITEM = re.compile(r"^(?P<prefix>.*?)(?<![\w.])-?@(?P<key>[\w](?:[\w:.#$%&\-+?<>~/]*[\w])?)?(?P<rest>.*)$", re.S)
# The part of a citation's locator that points at one of the source's excerpts:
# [@key, excerpt=kabul] or [@key, p. 4, excerpt=kabul]. Pandoc reads it as a suffix.
_EXCERPT = re.compile(r"(?:^|,)\s*excerpt=(?P<id>[^\s,;]*)\s*(?=,|$)")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:")
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
# A link destination with no parenthesis, escape or '<' in it: most of them.
_SIMPLE_DESTINATION = re.compile(r"[ \t]*(?P<url>[^\s()\\<]*)(?P<next>.?)")


@dataclass(frozen=True)
class CiteItem:
    key: str
    locator: str

    @property
    def excerpt(self) -> str:
        """The id of the excerpt the citation points at (``excerpt=id``), or ""."""
        match = _EXCERPT.search(self.locator) if "excerpt=" in self.locator else None
        return match.group("id") if match else ""

    @property
    def place(self) -> str:
        """The locator as the reference shows it (page, paragraph), without ``excerpt=id``."""
        if "excerpt=" not in self.locator:
            return self.locator
        return _EXCERPT.sub("", self.locator).strip().strip(",").strip()

    @classmethod
    def parse(cls, text: str) -> "CiteItem":
        """A data file's source entry, written as a citation without its @: ``key`` or ``key, excerpt=id``."""
        key, _, locator = text.partition(",")
        return cls(key.strip(), locator.strip())


@dataclass(frozen=True)
class Citation:
    """One bracketed citation in a page, with where it starts."""

    line: int
    col: int
    end_col: int
    raw: str
    items: tuple[CiteItem, ...]

    @property
    def label(self) -> str:
        """The footnote label the build gives this citation: short, and the same for the same sources.

        A digest of the cited keys and locators, not the keys themselves: the label is
        written four times per footnote (and again on the Sources page), and long keys
        made footnote ids 6 to 8 % of a long page's gzip weight.
        """
        return cite_label(self.items)


def cite_label(items: Iterable["CiteItem"]) -> str:
    """``cite-`` and eight hex digits of the citation's keys and locators, in the order cited."""
    text = "; ".join(item.key + (f", {item.locator}" if item.locator else "") for item in items)
    return "cite-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class FootnoteMark:
    line: int
    col: int
    label: str


def _fenced(lines: Iterable[str], first_line: int) -> Iterator[tuple[int, str, bool]]:
    """Yield (line number, line, is_code) tracking fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(lines, first_line):
        if fence is None:
            match = _FENCE.match(line) if "```" in line or "~~~" in line else None
            if match:
                fence = match.group("fence")
            yield number, line, fence is not None
            continue
        stripped = line.strip()
        if stripped.startswith(fence) and set(stripped) <= {fence[0]}:
            fence = None
        yield number, line, True


def _split_code(line: str) -> list[tuple[bool, str]]:
    """Split a line into (is_prose, text) pieces; inline code and comments are not prose."""
    if "`" not in line and "<!--" not in line:
        return [(True, line)]   # most lines: nothing to split (fast path)
    pieces: list[tuple[bool, str]] = []
    position = 0
    for match in _NOT_PROSE.finditer(line):
        pieces.append((True, line[position:match.start()]))
        pieces.append((False, match.group(0)))
        position = match.end()
    pieces.append((True, line[position:]))
    return pieces


def prose_lines(lines: Iterable[str], first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) outside fenced code, inline code and comments blanked.

    Blanking keeps columns right for diagnostics; a commented-out citation is
    not shown to readers, so it is not counted either.
    """
    for number, line, is_code in _fenced(lines, first_line):
        if not is_code:
            yield number, _blank_code(line)


def _blank_code(line: str) -> str:
    """The line with inline code and comments replaced by spaces."""
    if "`" not in line and "<!--" not in line:
        return line
    return "".join(text if prose else " " * len(text) for prose, text in _split_code(line))


def map_prose(lines: Iterable[str], change) -> list[str]:
    """Apply ``change(text) -> text`` to the prose pieces of each line, leaving code alone."""
    result = []
    for _, line, is_code in _fenced(lines, 1):
        if is_code or "@" not in line:
            result.append(line)
        else:
            result.append("".join(change(text) if prose else text for prose, text in _split_code(line)))
    return result


def parse_citation_body(body: str) -> tuple[CiteItem, ...] | None:
    """Items of a bracket's text, () for an empty citation, None if not a citation."""
    if "@" not in body:
        return None
    items = []
    for chunk in body.split(";"):
        match = _ITEM.match(chunk.strip())
        if not match:
            if chunk.strip():
                return None
            continue
        if match.group("prefix") and not match.group("prefix").endswith(" "):
            return None  # "name@example.org" is an address, not a citation
        key = match.group("key") or ""
        locator = match.group("rest").strip().lstrip(",").strip()
        if key:
            items.append(CiteItem(key, locator))
    return tuple(items)


def find_citations(lines: Iterable[str], first_line: int = 1) -> Iterator[Citation]:
    """Every pandoc-style citation in Markdown text, in reading order."""
    for number, line, is_code in _fenced(lines, first_line):
        if is_code or "@" not in line:   # blanking code only removes text: check the line first
            continue
        text = _blank_code(line)
        if "@" not in text:
            continue
        for match in _BRACKET.finditer(text):
            if match.start() > 0 and text[match.start() - 1] == "!":
                continue  # image alt text
            items = parse_citation_body(match.group("body"))
            if items is None:
                continue
            yield Citation(number, match.start() + 1, match.end() + 1, match.group(0), items)


def replace_citations(text: str, replace) -> str:
    """Apply ``replace(items) -> str`` to each citation bracket in one line."""
    def substitute(match: re.Match) -> str:
        if match.start() > 0 and text[match.start() - 1] == "!":
            return match.group(0)
        items = parse_citation_body(match.group("body"))
        return match.group(0) if not items else replace(items)
    return _BRACKET.sub(substitute, text)


def footnote_marks(lines: Iterable[str], first_line: int = 1) -> tuple[list[FootnoteMark], list[FootnoteMark]]:
    """Plain footnote definitions and references, in reading order."""
    definitions: list[FootnoteMark] = []
    references: list[FootnoteMark] = []
    for number, line, is_code in _fenced(lines, first_line):
        if is_code or "[^" not in line:   # both patterns need "[^"; blanking code only removes text
            continue
        text = _blank_code(line)
        definition = _FOOTNOTE_DEF.match(text)
        if definition:
            definitions.append(FootnoteMark(number, definition.start("label") - 1, definition.group("label")))
            text = " " * definition.end() + text[definition.end():]
        for match in _FOOTNOTE_REF.finditer(text):
            references.append(FootnoteMark(number, match.start() + 1, match.group("label")))
    return definitions, references


def link_destination(text: str, start: int, limit: int | None = None) -> tuple[str, int] | None:
    """The destination of a Markdown link whose ``](`` ends at ``start``: (url, offset of the url in ``text``).

    Spaces and tabs before it are skipped. ``<...>`` is read to its '>' (None
    if there is none); anything else up to white space or an unbalanced ')',
    with balanced parentheses and backslash escapes, as Markdown reads it.
    ``limit`` caps how many characters are read, for text that may be hostile.
    """
    end = len(text) if limit is None else min(len(text), start + limit)
    simple = _SIMPLE_DESTINATION.match(text, start, end)
    if simple.group("next") not in ("(", "\\", "<"):   # no parentheses or escapes: the usual case
        return simple.group("url"), simple.start("url")
    i = simple.start("url")
    if i < end and text[i] == "<":
        close = text.find(">", i, end)
        return (text[i + 1:close], i + 1) if close != -1 else None
    depth, j = 0, i
    while j < end:
        char = text[j]
        if char == "\\":
            j += 2
            continue
        if char.isspace() or (char == ")" and depth == 0):
            break
        depth += {"(": 1, ")": -1}.get(char, 0)
        j += 1
    return text[i:min(j, end)], i
