"""A Markdown article: front matter for metadata, the body reduced to plain blocks.

The body is rendered with Python-Markdown (the site's own renderer) and read
back as text, so emphasis, links and entities become the words a reader sees
and quotes can later be checked against them.
"""
from __future__ import annotations

import datetime as dt

import markdown
import yaml
from lxml import html

from explainer.model.loader import FRONT_MATTER
from explainer.generator import GeneratorError
from explainer.generator.article_file import ArticleFile, compose
from explainer.generator.metadata import Metadata, clean, split_authors

_KEYS = {
    "title": ("title",),
    "subtitle": ("subtitle", "standfirst", "description"),
    "date": ("date", "published", "issued"),
    "outlet": ("outlet", "site_name", "sitename", "publisher", "container-title"),
    "url": ("url", "URL", "canonical_url", "canonical"),
    "author": ("author", "authors", "byline"),
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def read_markdown(text: str, name: str) -> ArticleFile:
    front, body = _front_matter(text, name)
    meta = Metadata(**{key: _text(front, key) for key in ("title", "subtitle", "date", "outlet", "url")})
    author = _first(front, "author")
    meta.authors = [clean(a) for a in author] if isinstance(author, list) else split_authors(author)
    blocks = _blocks(body)
    if not meta.title and blocks and blocks[0][0] == "h1":
        meta.title = blocks.pop(0)[1]
    return ArticleFile(compose(meta.title, [text for _, text in blocks]), meta, "markdown", title_in_text=False)


def _front_matter(text: str, name: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        front = yaml.safe_load(match.group("yaml") or "") or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 2
        raise GeneratorError(f"{name}:{line}: the front matter (between the --- lines) is not valid YAML") from None
    if not isinstance(front, dict):
        raise GeneratorError(f"{name}:2: the front matter must be 'key: value' lines")
    return front, text[match.end():]


def _first(front: dict, key: str):
    for name in _KEYS[key]:
        if front.get(name) not in (None, ""):
            return front[name]
    return None


def _text(front: dict, key: str) -> str:
    value = _first(front, key)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return clean(value) if isinstance(value, (str, int, float)) else ""


def _blocks(body: str) -> list[tuple[str, str]]:
    """(tag, text) for each heading, paragraph, list item and quoted paragraph."""
    rendered = markdown.markdown(body, extensions=["extra"])
    if not rendered.strip():
        return []
    blocks = []
    for element in html.fragment_fromstring(rendered, create_parent="div").iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HEADINGS or tag in ("p", "li", "pre") and not _inside_block(element):
            text = clean(element.text_content())
            if not text and tag == "p":
                alts = [clean(img.get("alt")) for img in element.iter("img") if clean(img.get("alt"))]
                text = f"Image: {' '.join(alts)}" if alts else ""
            if text:
                blocks.append((tag, text))
    return blocks


def _inside_block(element) -> bool:
    return any(parent.tag in ("p", "li", "pre") for parent in element.iterancestors())
