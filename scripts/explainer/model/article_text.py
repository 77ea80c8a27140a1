"""Split an article's plain text into numbered paragraphs: the numbering scheme.

The scheme, documented on the About page and used by every explainer:

* blocks are separated by blank lines; the first block is the title (a
  leading ``date YYYY-MM-DD`` is read as the publication date);
* a short block (at most 14 words) without closing punctuation is a heading;
  the first heading right after the title is the subtitle;
* a block starting with ``Photo:``, ``Image:`` or similar is a caption;
* every other block is a paragraph, numbered p1, p2, ... in reading order.
  Headings and captions are kept but not numbered.

Ids are written into ``article.yml`` once and never recomputed, so a later
correction to the text does not renumber what pages and claims cite.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_DATE_PREFIX = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<title>.+)$", re.S)
_CAPTION = re.compile(r"^(photo|image|photograph|illustration|picture|caption)\s*:", re.I)
_CLOSING = tuple(".!?:;\"”’'…)")


@dataclass
class Block:
    kind: str   # "heading", "caption" or "paragraph"
    text: str
    id: str = ""


@dataclass
class ArticleText:
    title: str
    date: str = ""
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "paragraph"]


def split_blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]


def is_heading(block: str) -> bool:
    return len(block.split()) <= 14 and not block.endswith(_CLOSING)


def parse_article(text: str) -> ArticleText:
    """Read plain text into title, date, subtitle and numbered blocks."""
    chunks = split_blocks(text)
    if not chunks:
        raise ValueError("the article has no text")
    first = chunks.pop(0)
    match = _DATE_PREFIX.match(first)
    article = ArticleText(title=match["title"].strip() if match else first, date=match["date"] if match else "")
    if chunks and is_heading(chunks[0]) and not _CAPTION.match(chunks[0]):
        article.subtitle = chunks.pop(0)
    number = 0
    for chunk in chunks:
        if _CAPTION.match(chunk):
            article.blocks.append(Block("caption", chunk))
        elif is_heading(chunk):
            article.blocks.append(Block("heading", chunk))
        else:
            number += 1
            article.blocks.append(Block("paragraph", chunk, f"p{number}"))
    return article


def to_yaml(article: ArticleText, source_key: str) -> str:
    """The article data file, with a header explaining the numbering."""
    import yaml

    blocks = []
    for block in article.blocks:
        if block.kind == "paragraph":
            blocks.append({"id": block.id, "text": block.text})
        else:
            blocks.append({block.kind: block.text})
    body = {"title": article.title, "subtitle": article.subtitle or None, "date": article.date or None,
            "source": source_key, "paragraphs": blocks}
    header = (
        "# The article, kept as source data for checking quotes and coverage.\n"
        "# It is NOT published: mkdocs.yml excludes docs/data/ from the site.\n"
        "# Paragraphs are numbered p1, p2, ... in reading order; headings and\n"
        "# captions are kept but not numbered (see the About page). Never renumber:\n"
        "# a paragraph added later gets a letter, e.g. p4a.\n"
    )
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100000)
