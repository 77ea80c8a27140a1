"""The site's own words, block by block: where each piece of text is, its sentences, quotations and citations.

A block is what a reader takes in at once: a paragraph, list item, heading or
table row of a page, or a claim's note, a claim's paraphrase, an event's title
or summary. Markup, code, links' addresses and citations are blanked to spaces,
so offsets still map to the file's line and column, and whatever the block
cites is kept beside it. The quotations and prose checks read the site this way.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from explainer.model.mdsource import CiteItem, find_citations, prose_lines
from explainer.model.records import Data, Page

# Markup that is not words, blanked before reading (columns are kept).
_HTML_TAG = re.compile(r"<[^<>\n]*>")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S")
_CITATION = re.compile(r"\[[^\[\]\n]*@[^\[\]\n]*\]|\[\^[^\]\s]+\]:?")
_ATTRIBUTES = re.compile(r"\{[:#.][^{}\n]*\}")
_URL = re.compile(r"(?:https?|mailto):[^\s)>\]]+")
_ADMONITION = re.compile(r"^(?P<syntax>\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*)(?:\s+(?P<title>\".*\"))?\s*$")
_NEW_BLOCK = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||!!!|\?\?\?|>)")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_TABLE = re.compile(r"^\s*\|")

# Quotations: “...” or "..." (an opening mark follows a space, bracket or dash; a closing one precedes one).
_QUOTE = re.compile(r"“(?P<curly>[^“”]+)”|(?<![\w\"])\"(?P<straight>[^\"\n]+)\"(?![\w\"])")
_TYPOGRAPHIC = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"})
WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")

# Sentence ends: . ! ? or … followed by closing marks, then a space and a capital, digit or opening mark.
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]*_]*(?=\s+[\"“‘(\[*_]*[A-Z0-9À-ÖØ-ÞА-Я])")
_NOT_AN_END = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|"
                         r"St|Mt|No|Nos|para|paras|p|pp|ch|fig|vol|ed|eds|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
                         r"Nov|Dec|approx|ca|c)|\b[A-Z]|(?:\b\w\.)+\w)$")


@dataclass
class Quotation:
    start: int      # offset of the first character inside the marks
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))


@dataclass
class Block:
    """One block of the site's text, as readers see it, with where each character came from."""

    path: str                     # as diagnostics show it
    text: str                     # markup blanked to spaces, so offsets map back to the file
    kind: str                     # "text", "heading" or "table"
    anchors: list[tuple[int, int, int]]   # (offset, line, col) where a stretch of the file starts
    cites: tuple[CiteItem, ...] = ()      # everything the block cites
    where: str = ""               # what the block is, for messages ("the note of claim 'x'")
    _starts: list[int] = field(default_factory=list, repr=False)

    def place(self, offset: int) -> tuple[int, int]:
        """The file's line and column of an offset in ``text``."""
        if not self._starts:
            self._starts = [anchor[0] for anchor in self.anchors]
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        start, line, col = self.anchors[index]
        return line, col + offset - start

    @property
    def keys(self) -> set[str]:
        return {item.key for item in self.cites}

    def quotations(self) -> list[Quotation]:
        found = []
        for match in _QUOTE.finditer(self.text):
            group = "curly" if match.group("curly") is not None else "straight"
            found.append(Quotation(match.start(group), match.end(group), match.group(group)))
        return found

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence, quotations kept whole."""
        quoted = [(q.start, q.end) for q in self.quotations()]
        spans, start = [], 0
        for match in _SENTENCE_END.finditer(self.text):
            end = match.end()
            if any(s <= match.start() < e - 1 for s, e in quoted):
                continue   # a full stop inside a quotation ends the quotation's sentence, not the site's
            if match.group(0)[0] == "." and _NOT_AN_END.search(self.text[max(0, match.start() - 12):match.start()]):
                continue
            spans.append((start, end))
            start = end
        if self.text[start:].strip():
            spans.append((start, len(self.text)))
        return [(s + len(self.text[s:e]) - len(self.text[s:e].lstrip()), e) for s, e in spans if self.text[s:e].strip()]


# Pages --------------------------------------------------------------------------------------

def page_blocks(page: Page) -> Iterator[Block]:
    """The page's prose, block by block (code, comments and markers are not prose)."""
    citations: dict[int, list] = {}
    for citation in find_citations(page.body, page.body_line):
        citations.setdefault(citation.line, []).append(citation)
    lines: list[tuple[int, str]] = []
    for number, line in prose_lines(page.body, page.body_line):
        starts_block = not line.strip() or _NEW_BLOCK.match(line) or (lines and (_HEADING.match(lines[-1][1])
                                                                                  or _TABLE.match(lines[-1][1])))
        if starts_block and lines:
            yield _page_block(page, lines, citations)
            lines = []
        if line.strip() and not line.startswith("*[") and not _REFERENCE_DEFINITION.match(line):
            lines.append((number, _blank_markup(line)))
    if lines:
        yield _page_block(page, lines, citations)


def _page_block(page: Page, lines: list[tuple[int, str]], citations: dict[int, list]) -> Block:
    anchors, offset = [], 0
    for number, line in lines:
        anchors.append((offset, number, 1))
        offset += len(line) + 1
    first = lines[0][1]
    kind = "heading" if _HEADING.match(first) else "table" if _TABLE.match(first) else "text"
    cites = tuple(item for number, _ in lines for citation in citations.get(number, ()) for item in citation.items)
    return Block(page.display, "\n".join(line for _, line in lines), kind, anchors, cites)


def _blank_markup(line: str) -> str:
    """The line with markup that is not words blanked to spaces, quotation marks of admonition titles included."""
    def blank(match: re.Match) -> str:
        return " " * len(match.group(0))

    admonition = _ADMONITION.match(line)
    if admonition:
        title = admonition.group("title")
        line = " " * len(admonition.group("syntax")) + line[admonition.end("syntax"):]
        if title:
            start = admonition.start("title")
            line = line[:start] + " " + title[1:-1] + " " + line[start + len(title):]
    for pattern in (_HTML_TAG, _LINK_TARGET, _CITATION, _ATTRIBUTES, _URL):
        if pattern is _LINK_TARGET and "](" not in line:
            continue
        line = pattern.sub(blank, line)
    if line.lstrip().startswith("|") and set(line.strip()) <= set("|-: "):
        return " " * len(line)
    return line


# Data files ---------------------------------------------------------------------------------

def data_blocks(data: Data) -> Iterator[Block]:
    """The site's words in the data files: claims' paraphrases and notes, events' titles and summaries."""
    raw = {kind: _file_lines(data.data_dir / name) for kind, name in (("claims", "claims.yml"), ("timeline", "timeline.yml"))}
    for claim in data.claims:
        for key in ("paraphrase", "note"):
            value = getattr(claim, key)
            if value:
                yield yaml_block(data.path("claims"), raw["claims"], claim.lines.get(key, claim.line), key, value,
                                 claim.cites, f"the {key} of claim '{claim.id}'")
    for event in data.events:
        for key, kind in (("title", "heading"), ("summary", "text")):
            value = getattr(event, key)
            if value:
                block = yaml_block(data.path("timeline"), raw["timeline"], event.lines.get(key, event.line), key, value,
                                   event.cites, f"the {key} of the event of {event.date.iso}")
                block.kind = kind
                yield block


def _file_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def yaml_block(path: str, raw: list[str], line: int, key: str, value: str, cites: tuple[CiteItem, ...],
               where: str) -> Block:
    """A text value of a data file, mapped back to the lines and columns it was written on (a plain,
    quoted or folded scalar); where the text cannot be found there, to the start of its key's line."""
    anchors = [(0, line, 1)]
    text_line = raw[line - 1] if 0 < line <= len(raw) else ""
    at = text_line.find(key + ":")
    if at >= 0:
        col = at + len(key) + 1
        col += len(text_line[col:]) - len(text_line[col:].lstrip())
        if text_line[col:col + 1] in "\"'" and text_line[col:col + 1]:
            col += 1
        rest = text_line[col:]
        anchors = [(0, line, col + 1)]
        if rest.rstrip("\"' ") and value.startswith(rest.rstrip("\"' ")[:20]):
            offset = len(rest.rstrip("\"' "))
        else:
            offset = 0
        number = line
        while offset < len(value) and number < len(raw):   # continuation lines of a folded scalar
            following = raw[number]
            stripped = following.strip().rstrip("\"'")
            if not stripped or re.match(r"^\s*(?:-\s|[\w-]+:\s)", following):
                break
            found = value.find(stripped[:30], offset)
            if found < 0:
                break
            anchors.append((found, number + 1, len(following) - len(following.lstrip()) + 1))
            offset = found + len(stripped)
            number += 1
    return Block(path, value, "text", anchors, cites, where)


def front_matter_blocks(page: Page, docs_dir: Path) -> Iterator[Block]:
    """The page's title and description, which search results and link previews show."""
    keys = [key for key in ("title", "description") if isinstance(page.meta.get(key), str) and page.meta[key].strip()]
    if not keys:
        return
    raw = _file_lines(docs_dir / page.path)[:page.body_line]
    for key in keys:
        block = yaml_block(page.display, raw, page.meta_line(key), key, page.meta[key].strip(), (),
                           f"the page's {key}")
        block.kind = "heading" if key == "title" else "text"
        yield block


def all_blocks(pages: dict[str, Page], data: Data, docs_dir: Path | None = None) -> Iterator[Block]:
    """Every block of the site's own words: pages (with their front matter when ``docs_dir`` is given), then data."""
    for page in pages.values():
        if docs_dir is not None:
            yield from front_matter_blocks(page, docs_dir)
        yield from page_blocks(page)
    yield from data_blocks(data)


def blank_quotations(block: Block) -> str:
    """The block's text with every quotation, its marks included, blanked: only the site's own words."""
    text = block.text
    for quotation in block.quotations():
        text = text[:quotation.start - 1] + " " * (quotation.end - quotation.start + 2) + text[quotation.end + 1:]
    return text


def words(text: str) -> int:
    return len(WORD.findall(text))


_NOT_READ = re.compile(r"<[^<>\n]*>|\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|\[[^\[\]\n]*@[^\[\]\n]*\]|\[\^[^\]\s]+\]:?|"
                       r"\{[:#.][^{}\n]*\}|(?:https?|mailto):[^\s)>\]]+|^\*\[.*$", re.M)


def reading_words(page: Page) -> int:
    """The words a reader reads in the page's own text: prose, without code, markup, addresses or citations."""
    text = "\n".join(line for _, line in prose_lines(page.body))
    return words(_NOT_READ.sub(" ", text))


def normalise(text: str) -> str:
    """Only whitespace and typographic quotes/apostrophes are normalised."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHIC)).strip()
