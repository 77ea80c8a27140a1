"""Start and end tags as a browser would read them, with offsets, from any text: pages, SVG or built HTML."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator


_MAX_VALUE = 20_000        # how far an unclosed attribute value is followed
COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.S)


@dataclass
class Attr:
    name: str               # lower-cased
    raw_name: str
    value: str | None       # as written: entities not decoded
    offset: int             # where the name starts
    value_offset: int


@dataclass
class Tag:
    name: str               # lower-cased
    raw_name: str
    offset: int             # of "<"
    end: int                # just after ">" (or where scanning stopped)
    closing: bool
    attrs: list[Attr] = field(default_factory=list)
    autolink: str | None = None   # <https://...> and <javascript:...> are addresses, not tags
    content: str = ""             # text of <script> and <style> (site and SVG mode)
    content_offset: int = 0

    def attr(self, name: str) -> str | None:
        for attr in self.attrs:
            if attr.name == name:
                return attr.value
        return None


_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][^\s/><\x00]*)")
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe", "plaintext"}


def scan_tags(text: str, content: bool, position: int = 0) -> Iterator[Tag]:
    """Start and end tags the way a browser would read them, tolerant of any input.

    In page text (``content=True``) scanning is deliberately suspicious: it
    restarts after every '<', so a tag hidden in another (``<scr<script>ipt>``)
    or in an attribute value is still seen, and an unclosed tag's attributes
    stop at a blank line. In built HTML (``content=False``) comments are
    skipped and the text of <script> and <style> is kept, not scanned.
    Scanning starts at ``position``.
    """
    length = len(text)
    while True:
        start = text.find("<", position)
        if start < 0:
            return
        if not content and text.startswith("<!--", start):
            close = COMMENT.match(text, start)
            position = close.end() if close else length
            continue
        match = _TAG_OPEN.match(text, start)
        if not match:
            position = start + 1
            continue
        raw_name = match.group(2)
        closing = bool(match.group(1))
        if content and ":" in raw_name and not closing:
            end = text.find(">", match.end(), match.end() + 2000)
            rest = text[start + 1:end if end >= 0 else match.end()]
            if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<]*$", rest):
                yield Tag(raw_name.lower(), raw_name, start, start + len(rest) + 2, False, autolink=rest)
                position = start + 1
                continue
        if content and "@" in raw_name:
            position = start + 1  # <name@example.org> is an e-mail address
            continue
        attrs, end = _attributes(text, match.end(), content)
        tag = Tag(raw_name.lower(), raw_name, start, end, closing, attrs)
        if not content and not closing and tag.name in RAW_TEXT:
            close = re.compile(rf"</{re.escape(tag.name)}[\s/>]", re.I).search(text, end)
            stop = close.start() if close else length
            tag.content, tag.content_offset = text[end:stop], end
            yield tag
            position = stop
            continue
        yield tag
        position = start + 1 if content else max(end, start + 1)


def _attributes(text: str, position: int, content: bool) -> tuple[list[Attr], int]:
    attrs: list[Attr] = []
    length = len(text)
    while position < length:
        while position < length and (text[position].isspace() or text[position] == "/"):
            if content and text[position] == "\n" and _blank_line_after(text, position):
                return attrs, position
            position += 1
        if position >= length:
            break
        if text[position] == ">":
            return attrs, position + 1
        if content and text[position] == "<":
            return attrs, position  # an unclosed tag; the scan restarts at this '<'
        start = position
        position += 1  # a name may start with '='
        while position < length and not text[position].isspace() and text[position] not in "/>=" \
                and not (content and text[position] == "<"):
            position += 1
        raw_name = text[start:position]
        value, value_offset = None, position
        probe = position
        while probe < length and text[probe] in " \t\r\n" \
                and not (content and text[probe] == "\n" and _blank_line_after(text, probe)):
            probe += 1
        if probe < length and text[probe] == "=":
            probe += 1
            while probe < length and text[probe] in " \t\r\n":
                probe += 1
            if probe < length and text[probe] in "\"'":
                quote = text[probe]
                limit = min(length, probe + 1 + _MAX_VALUE)
                close = text.find(quote, probe + 1, limit)
                if content:
                    blank = re.compile(r"\n[ \t]*\n").search(text, probe + 1, close if close >= 0 else limit)
                    if blank:
                        close = -1
                        limit = blank.start()
                value_offset = probe + 1
                value = text[probe + 1:close if close >= 0 else limit]
                position = close + 1 if close >= 0 else limit
            else:
                value_offset = probe
                while probe < length and not text[probe].isspace() and text[probe] != ">":
                    probe += 1
                value = text[value_offset:probe]
                position = probe
        attrs.append(Attr(raw_name.lower(), raw_name, value, start, value_offset))
    return attrs, position


def _blank_line_after(text: str, newline: int) -> bool:
    probe = newline + 1
    while probe < len(text) and text[probe] in " \t\r":
        probe += 1
    return probe >= len(text) or text[probe] == "\n"
