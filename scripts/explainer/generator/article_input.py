"""Read an article file (.txt, .md, .html) into plain text in the numbering scheme's layout.

Every format ends as the same thing: blocks separated by blank lines, the
title first, so ``explainer.article_text.parse_article`` numbers paragraphs
the same way whatever the article came as. Bad input is refused here, before
anything is written, with one line saying what to do.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from explainer.generator import GeneratorError
from explainer.generator.article_file import ArticleFile, plain
from explainer.generator.html_input import read_html
from explainer.generator.markdown_input import read_markdown
from explainer.generator.metadata import Metadata

MAX_BYTES = 5_000_000
KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def read_article(path: Path) -> ArticleFile:
    """Refuse a missing, empty, binary or unknown file; otherwise read it by its kind."""
    name = str(path)
    kind = KINDS.get(path.suffix.lower())
    if not path.exists():
        raise GeneratorError(f"{name}: no such file")
    if not path.is_file():
        raise GeneratorError(f"{name} is not a file; give the article as a .txt, .md or .html file")
    if kind is None:
        raise GeneratorError(f"{name}: unknown kind of file '{path.suffix or '(no extension)'}'; "
                             "give the article as .txt, .md or a saved .html page")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GeneratorError(f"{name}: cannot read it ({error.strerror})") from None
    if len(data) > MAX_BYTES:
        raise GeneratorError(f"{name} is {len(data) // 1_000_000} MB, too large for one article (limit {MAX_BYTES // 1_000_000} MB)")
    if not data.strip():
        raise GeneratorError(f"{name} is empty")
    if b"\x00" in data[:65536]:
        raise GeneratorError(f"{name} is not a text file (it contains binary data); save the article as UTF-8 text or HTML")
    if kind == "html":
        return read_html(data, name)
    text = _decode(data, name)
    if kind == "markdown":
        return read_markdown(text, name)
    return ArticleFile(text, Metadata(), "text", title_in_text=True)


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GeneratorError(f"{name} is not UTF-8 text (is it a binary file?); save it as UTF-8 and try again") from None
    if sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t") > 8:
        raise GeneratorError(f"{name} is not a text file (it contains control characters); save the article as UTF-8 text")
    return plain(text)
