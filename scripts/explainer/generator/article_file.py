"""The article as every input format hands it on: plain text in the numbering scheme's layout."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from explainer.generator.metadata import Metadata

_KEEP = {"\n", "\t", "\u200c", "\u200d"}   # joiners are part of Persian, Indic and emoji text


@dataclass
class ArticleFile:
    """The article as plain text for the scheme, and what the file said about it."""

    text: str
    meta: Metadata
    kind: str
    title_in_text: bool   # plain text: the first block is the title (``date YYYY-MM-DD Title``)


def plain(text: str) -> str:
    """Drop invisible formatting characters (soft hyphens, zero-width spaces): the checks refuse them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch) not in ("Cc", "Cf"))


def compose(title: str, blocks: list[str]) -> str:
    """Title and blocks as the scheme's plain text (a stand-in title keeps the layout when none is known)."""
    body = [re.sub(r"\s+", " ", plain(block)).strip() for block in blocks]
    body = [block for block in body if block]
    if body and title and _same(body[0], title):
        body.pop(0)   # the page repeats its title as a heading
    return "\n\n".join([title or "Untitled"] + body)


def _same(one: str, other: str) -> bool:
    return re.sub(r"\W+", " ", one).strip().lower() == re.sub(r"\W+", " ", other).strip().lower()
