"""Built pages without the indentation their templates leave (issue 17's page weight).

Material's templates indent every line of the header, the navigation and the
footer; a page carries several kilobytes of spaces that gzip cannot wholly
remove (0.5 to 0.6 KB per page). A browser shows any run of whitespace between
words or tags as one space at most, so a run that holds a line break is
written as that line break alone: a reader sees the same page.

Left exactly as written: the inside of every tag (attribute values), comments,
and the elements whose whitespace counts (``pre``, ``code``, ``textarea``:
preformatted; ``script``, ``style``: code, and the Content-Security-Policy
allows the inline scripts by the hash of their exact text). The publish step
(``explainer.publish.trim_pages``) runs it over every built page.
"""
from __future__ import annotations

import re

KEPT = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
TAG = re.compile(r"""<!--.*?-->|<[A-Za-z/!?][^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>""", re.S)
BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def collapse(html: str) -> str:
    """``html`` with each whitespace run that holds a line break, outside tags and kept elements, as one line break."""
    parts, start = [], 0
    for kept in KEPT.finditer(html):
        parts += [_text_collapsed(html[start:kept.start()]), kept.group()]
        start = kept.end()
    parts.append(_text_collapsed(html[start:]))
    return "".join(parts)


def _text_collapsed(chunk: str) -> str:
    """``chunk`` (no kept element in it) with its text's line breaks collapsed, its tags untouched."""
    parts, start = [], 0
    for tag in TAG.finditer(chunk):
        parts += [BREAK.sub("\n", chunk[start:tag.start()]), tag.group()]
        start = tag.end()
    parts.append(BREAK.sub("\n", chunk[start:]))
    return "".join(parts)
