"""Links and anchors in Markdown source, with the line and column of each.

Anchors are worked out the way the build makes them (Python-Markdown's toc
slugify and de-duplication, attr_list ``{#id}``, raw HTML ids, footnote and
citation ids), so a broken ``#fragment`` is reported on the line a writer
edits rather than in the built HTML.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from markdown.extensions.toc import slugify, unique

from explainer.model.mdsource import find_citations, footnote_marks, link_destination, prose_lines

# One row of a page as the build sees it: (file line, text, made by a marker).
Row = tuple[int, str, bool]


@dataclass(frozen=True)
class Link:
    """A link or image destination written (or generated) on a line."""

    line: int
    col: int
    url: str
    image: bool = False
    alt: str | None = None
    generated: bool = False
    html: bool = False

    def lacks_alt(self) -> bool:
        """Markdown ``![](x)`` has no alt text; raw HTML needs the attribute (``alt=""`` marks decoration)."""
        if not self.image:
            return False
        return self.alt is None if self.html else not (self.alt or "").strip()


_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*(?P<url><[^>\n]*>|\S+)")
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_TAG = re.compile(r"<(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s+[^>]*)?)/?>")
_ATTR = re.compile(r"""(?P<name>[\w:-]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+)))?""")
_LINK_ATTRS = {"a": ("href",), "area": ("href",), "img": ("src",), "link": ("href",), "script": ("src",),
               "iframe": ("src",), "source": ("src",), "video": ("src", "poster"), "audio": ("src",)}
_EMPTY_REF_IMAGE = re.compile(r"!\[\s*\]\[")
_ATX = re.compile(r"^[ \t]*(?P<hashes>#{1,6})(?P<text>.*?)#*[ \t]*$")
_SETEXT = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")
_HEADER_ATTRS = re.compile(r"[ ]+\{:?[ ]*(?P<attrs>[^}\n ][^\n]*)\}[ ]*$")
_BLOCK_ATTRS = re.compile(r"\{:?[ ]*(?P<attrs>[^}\n ][^}\n]*)\}")
_ATTR_ID = re.compile(r"""(?:^|\s)(?:#(?P<hash>[^\s}]+)|id=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s}]+)))""")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_CITATION = re.compile(r"\[[^\[\]\n]*@[^\[\]\n]*\](?![(\[:])")
_INLINE_LINK = re.compile(r"!?\[(?P<text>[^\[\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_CODE = re.compile(r"(`+)(?P<code>.+?)\1")
_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(?P<text>\S(?:.*?\S)?)\1(?!\w)")
_ESCAPE = re.compile(r"\\(?P<char>[\\`*_{}\[\]()#+\-.!<>|:\"'])")
_HTML_TAG = re.compile(r"<[^>\n]*>")
_NOT_SETEXT = ("-", "*", "+", ">", "|", "!!!", "???", "<")


# Links ----------------------------------------------------------------------

def find_links(rows: Sequence[Row]) -> Iterator[Link]:
    """Every link and image destination in the prose of ``rows`` (code is skipped)."""
    for index, text in prose_lines([row[1] for row in rows], 0):
        number, _, generated = rows[index]
        if not any(mark in text for mark in ("](", "]:", "<")):
            continue
        for col, url, image, alt, raw_html in _links_in(text):
            yield Link(number, 1 if generated else col, url, image, alt, generated, raw_html)


def _links_in(text: str) -> Iterator[tuple[int, str, bool, str | None, bool]]:
    """(column, url, is image, alt text, is raw HTML) for each link on one line of prose."""
    yield from _inline_links(text)
    definition = _REF_DEF.match(text)
    if definition:
        url = definition.group("url").strip("<>")
        yield definition.start("url") + 1, url, False, None, False
    for match in _EMPTY_REF_IMAGE.finditer(text):
        yield match.start() + 1, "", True, "", False
    for match in _AUTOLINK.finditer(text):
        yield match.start("url") + 1, match.group("url"), False, None, False
    for match in _TAG.finditer(text):
        yield from _tag_links(match)


def _inline_links(text: str) -> Iterator[tuple[int, str, bool, str | None, bool]]:
    position = text.find("](")
    while position != -1:
        start = position + 2
        destination = link_destination(text, start)
        if destination is not None:
            url, offset = destination
            opening = _opening_bracket(text, position)
            image = opening is not None and opening > 0 and text[opening - 1] == "!"
            alt = text[opening + 1:position] if image else None
            yield offset + 1, url, image, alt, False
        position = text.find("](", start)


def _opening_bracket(text: str, closing: int) -> int | None:
    """Where the ``[`` matching the ``]`` at ``closing`` is, or None if it is on an earlier line."""
    depth = 0
    for i in range(closing - 1, -1, -1):
        if text[i] == "]" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif text[i] == "[" and (i == 0 or text[i - 1] != "\\"):
            if depth == 0:
                return i
            depth -= 1
    return None


def _tag_links(match: re.Match) -> Iterator[tuple[int, str, bool, str | None, bool]]:
    name = match.group("name").lower()
    attrs = tag_attributes(match.group("attrs"), match.start("attrs"))
    for attr in _LINK_ATTRS.get(name, ()):
        if attr in attrs:
            value, col = attrs[attr]
            alt = attrs["alt"][0] if "alt" in attrs else None
            yield col + 1, value, name == "img", alt if name == "img" else None, True


def tag_attributes(text: str, offset: int = 0) -> dict[str, tuple[str, int]]:
    """Attributes of one HTML tag: name -> (value, 0-based column of the value)."""
    found = {}
    for attr in _ATTR.finditer(text):
        value_group = next((g for g in ("dq", "sq", "bare") if attr.group(g) is not None), None)
        value = html.unescape(attr.group(value_group)) if value_group else ""
        column = offset + (attr.start(value_group) if value_group else attr.start())
        found.setdefault(attr.group("name").lower(), (value, column))
    return found


# Anchors --------------------------------------------------------------------

def find_anchors(rows: Sequence[Row]) -> set[str]:
    """Every id the built page will have: headings, attr_list and HTML ids, footnotes, citations."""
    texts = [row[1] for row in rows]
    prose = list(prose_lines(texts, 0))
    explicit = set(_explicit_ids(prose))
    anchors = set(explicit)
    used = set(explicit)
    counters: dict[str, int] = {}
    for heading_text, own_id in _headings(prose, texts):
        if own_id:
            continue
        anchors.add(unique(slugify(heading_plain_text(heading_text), "-"), used, counters))
    anchors.update(_footnote_ids(texts))
    return anchors


def _explicit_ids(prose: Iterable[tuple[int, str]]) -> Iterator[str]:
    """Ids written by hand: ``{#id}`` attribute lists and ``id``/``name`` in raw HTML."""
    for _, text in prose:
        if "{" in text:
            for block in _BLOCK_ATTRS.finditer(text):
                yield from _attr_ids(block.group("attrs"))
        if "<" in text:
            for tag in _TAG.finditer(text):
                attrs = tag_attributes(tag.group("attrs"))
                if "id" in attrs:
                    yield attrs["id"][0]
                if tag.group("name").lower() == "a" and "name" in attrs:
                    yield attrs["name"][0]


def _attr_ids(attrs: str) -> Iterator[str]:
    for match in _ATTR_ID.finditer(attrs):
        value = next((match.group(g) for g in ("hash", "dq", "sq", "bare") if match.group(g) is not None), "")
        if value:
            yield value


def _headings(prose: list[tuple[int, str]], texts: list[str]) -> Iterator[tuple[str, bool]]:
    """(heading text, has its own id) for each ATX or setext heading, in order.

    ``prose`` says which lines are outside fenced code; the heading's own
    text is taken from ``texts``, because inline code counts in its id.
    """
    previous_blank = True
    for position, (index, text) in enumerate(prose):
        atx = _ATX.match(texts[index]) if text.lstrip().startswith("#") else None
        if atx:
            yield _split_header_attrs(atx.group("text").strip())
        elif previous_blank and text.strip() and position + 1 < len(prose):
            next_index, next_text = prose[position + 1]
            if next_index == index + 1 and _SETEXT.match(next_text) and not text.lstrip().startswith(_NOT_SETEXT):
                yield _split_header_attrs(texts[index].strip())
        previous_blank = not text.strip()


def _split_header_attrs(text: str) -> tuple[str, bool]:
    match = _HEADER_ATTRS.search(" " + text)
    if not match:
        return text, False
    return (" " + text)[:match.start()].strip(), bool(list(_attr_ids(match.group("attrs"))))


def heading_plain_text(text: str) -> str:
    """A heading's text as toc sees it: markup, tags, footnote marks and images removed."""
    text = _FOOTNOTE_REF.sub("", text)
    text = _CITATION.sub("", text)
    text = _CODE.sub(lambda m: m.group("code").strip().replace("\\", "\x00"), text)
    text = _INLINE_LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group("text"), text)
    for _ in range(2):
        text = _EMPHASIS.sub(lambda m: m.group("text"), text)
    text = _ESCAPE.sub(lambda m: m.group("char"), text).replace("\x00", "\\")
    text = _HTML_TAG.sub("", text)
    return html.unescape(" ".join(text.split()))


def _footnote_ids(texts: list[str]) -> set[str]:
    """``fn:label`` for each definition, ``fnref:label``, ``fnref2:label``... for each reference."""
    definitions, references = footnote_marks(texts)
    defined = {mark.label for mark in definitions}
    counts = Counter(mark.label for mark in references if mark.label in defined)
    counts.update(citation.label for citation in find_citations(texts) if citation.items)
    ids = {f"fn:{label}" for label in defined | set(counts)}
    for label, count in counts.items():
        ids.add(f"fnref:{label}")
        ids.update(f"fnref{n}:{label}" for n in range(2, count + 1))
    return ids
