"""Quotations: every quotation in the site's own text is word for word the article's, or a cited source's.

A quotation is two or more words between “curly” or "straight" double quotes
in a page (its title and description too), a claim's paraphrase or note, or an
event's title or summary. It must occur in the article (docs/data/article.yml:
its title, standfirst, headings and paragraphs), skipping words only with an
ellipsis (…), or in an excerpt (sources.yml ``excerpts:``) or the title of a
source cited in the same paragraph.
Quoting an excerpt's translation is allowed when the sentence says so
("translated from Spanish"). Not quotations: a single word in quotes (a scare
quote) and titles of works (every word of four letters or more capitalised,
or the title of a bibliography entry). Only typographic quotes, whitespace,
Markdown emphasis, the case of the first letter and punctuation at either end
(a comma or full stop placed inside the closing mark) are normalised.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterator

from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project
from explainer.model.records import Data
from explainer.model.texts import WORD, Block, Quotation, all_blocks, normalise

_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*")
_EMPHASIS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)")
_EDGE = ",.;:!? "
_ALL_QUOTES = str.maketrans({"'": '"'})
TRANSLATED = re.compile(r"\btranslat(?:ed|ion|ing)\b", re.I)
NEAR = 0.6   # how alike a passage must be to be offered as the nearest match


@dataclass(frozen=True)
class Text:
    """A text a quotation may come from, and how a message names it."""

    text: str
    name: str
    translation: bool = False


def check(project: Project) -> Iterator[Diagnostic]:
    data = project.data
    article = article_texts(data)
    titles = {_norm(source.title.strip("[]")) for source in data.sources.values() if source.title}
    titles.update(_norm(text.text) for text in article)
    for block in all_blocks(project.pages, data, project.docs_dir):
        for quotation in block.quotations():
            if quotation.words < 2 or is_title(quotation.text, titles):
                continue
            problem = judge(quotation, block, article, data)
            if problem:
                rule, message = problem
                line, col = block.place(quotation.start - 1)
                yield Diagnostic(block.path, line, col, rule, message)


def article_texts(data: Data) -> list[Text]:
    """The article's words: title, standfirst, headings and paragraphs."""
    article = data.article
    texts = [Text(article.title, "the article's title"), Text(article.subtitle, "the article's standfirst")]
    for section in dict.fromkeys(p.section for p in article.paragraphs if p.section):
        texts.append(Text(section, "an article heading"))
    texts += [Text(p.text, f"the article, ¶{p.id.removeprefix('p')}") for p in article.paragraphs]
    return [text for text in texts if text.text]


def is_title(quoted: str, titles: set[str]) -> bool:
    """The title of a work, not a quotation: in title case, or a bibliography entry's title (or its part before a colon)."""
    text = _norm(quoted)
    if any(title == text or title.startswith(text + ":") for title in titles):
        return True
    words = WORD.findall(quoted)
    long_words = [word for word in words if len(word) >= 4]
    return bool(words) and words[0][0].isupper() and all(word[0].isupper() for word in long_words)


def judge(quotation: Quotation, block: Block, article: list[Text], data: Data) -> tuple[str, str] | None:
    """None if the quotation is verbatim where it may come from, else (rule, message)."""
    if any(occurs(quotation.text, text.text) for text in article):
        return None
    excerpts = excerpt_texts(data, block.keys)
    if any(occurs(quotation.text, text.text) for text in excerpts if not text.translation):
        return None
    translated = [text for text in excerpts if text.translation and occurs(quotation.text, text.text)]
    if translated:
        if TRANSLATED.search(_sentence_of(block, quotation)):
            return None
        return ("quotation-translation-unmarked",
                f"“{_short(quotation.text)}” quotes a translation ({translated[0].name}); say so in the sentence, "
                "e.g. “(translated from Spanish)”")
    where = "the article" + (" or in an excerpt of a source cited in this paragraph"
                             if block.keys - {data.article.source} else "")
    message = f"“{_short(quotation.text)}” is not word for word in {where}"
    nearest = near_match(quotation.text, article + excerpt_texts(data, set(data.sources)))
    if nearest:
        passage, text = nearest
        cited = text.name.startswith("the article") or any(f"'{key}'" in text.name for key in block.keys)
        hint = "" if cited else ", which this paragraph does not cite"
        message += f"; nearest: “{_short(passage)}” ({text.name}{hint})"
    message += ". Copy the words exactly (mark left-out words with …), or remove the quotation marks and attribute the paraphrase"
    return "quotation-not-found", message


def excerpt_texts(data: Data, keys: set[str]) -> list[Text]:
    texts = []
    for key in sorted(keys):
        source = data.sources.get(key)
        if source and source.title and not source.title.startswith("["):   # a [descriptive title] is not the source's words
            texts.append(Text(source.title, f"the title of '{key}'"))
        for excerpt in (source.excerpts.values() if source else ()):
            name = f"excerpt '{excerpt.id}' of '{key}'"
            texts.append(Text(excerpt.text, name))
            if excerpt.translation:
                texts.append(Text(excerpt.translation, f"the translation of {name}", translation=True))
    return texts


def occurs(quoted: str, text: str) -> bool:
    """The quotation is in the text word for word, its parts in order where an ellipsis leaves words out."""
    haystack = _norm(text)
    parts = [part for part in _ELLIPSIS.split(_norm(_EMPHASIS.sub("", quoted))) if part.strip(_EDGE)]
    if not parts:
        return True
    for trimmed in (False, True):
        position, found = 0, True
        for index, part in enumerate(parts):
            if trimmed:
                part = part.strip(_EDGE)
            if index == 0:
                at = _find_first(haystack, part, position)
            else:
                at = haystack.find(part, position)
            if at < 0:
                found = False
                break
            position = at + len(part)
        if found:
            return True
    return False


def _find_first(haystack: str, part: str, position: int) -> int:
    """Find the quotation's first part; its first letter may change case (“Do …” for “do …”)."""
    at = haystack.find(part, position)
    if at < 0 and part:
        at = haystack.find(part[0].swapcase() + part[1:], position)
    return at


def near_match(quoted: str, texts: list[Text]) -> tuple[str, Text] | None:
    """The passage most like the quotation, in any of the texts, if one is alike enough."""
    wanted = [word.lower() for word in WORD.findall(quoted)]
    if not wanted:
        return None
    best: tuple[float, str, Text] | None = None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    for text in texts:
        spans = [(match.start(), match.end()) for match in WORD.finditer(text.text)]
        words = [text.text[start:end].lower() for start, end in spans]
        if not set(wanted) & set(words):
            continue
        for size in range(max(min(2, len(wanted)), len(wanted) - 2), len(wanted) + 3):
            for first in range(0, max(1, len(words) - size + 1)):
                matcher.set_seq1(words[first:first + size])
                if matcher.real_quick_ratio() < NEAR or matcher.quick_ratio() < NEAR:
                    continue
                ratio = matcher.ratio()
                if best is None or ratio > best[0]:
                    last = min(first + size, len(spans)) - 1
                    best = (ratio, text.text[spans[first][0]:spans[last][1]], text)
    if best is None or best[0] < NEAR:
        return None
    return best[1], best[2]


def _sentence_of(block: Block, quotation: Quotation) -> str:
    for start, end in block.sentences():
        if start <= quotation.start < end:
            return block.text[start:end]
    return block.text


def _norm(text: str) -> str:
    return normalise(text).translate(_ALL_QUOTES)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
