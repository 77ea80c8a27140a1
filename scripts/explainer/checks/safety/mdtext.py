"""Markdown text held to the rules: raw HTML, links, attribute lists, template syntax, addresses, at exact columns.

Pages, front matter and every string of the data files are read this way.
"""
from __future__ import annotations

import html
import re
from typing import Iterator

from explainer.checks.safety.addresses import attribute_urls, url_findings
from explainer.checks.safety.allowlist import (ALLOWED_TAGS, EVENT_HANDLER, GLOBAL_ATTRIBUTES, GLOBAL_PREFIXES,
                                               LOADING_ATTRIBUTES, TAG_REASONS, URL_ATTRIBUTES)
from explainer.checks.safety.findings import Finding
from explainer.checks.safety.hosts import host_findings
from explainer.checks.safety.tags import COMMENT, Attr, Tag, scan_tags
from explainer.checks.safety.unicode import visible
from explainer.model.mdsource import link_destination, prose_lines


# What is code, what is raw HTML ------------------------------------------------------

_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")
_BLOCK_START = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav",
    "ol", "p", "pre", "section", "table", "ul", "canvas", "colgroup", "dd", "body", "dt", "group", "html",
    "iframe", "li", "legend", "math", "map", "noscript", "output", "object", "option", "progress", "script",
    "style", "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center",
}


def masks(lines: list[str]) -> tuple[str, str]:
    """The text with code blanked (for template syntax), and also comments blanked (for HTML).

    Blanking keeps every offset, so problems keep their line and column.
    Fenced code is code. Inline code (`...`) is code, except inside a raw
    HTML block, where Markdown leaves backticks alone and the browser sees
    whatever they surround.
    """
    prose = {number for number, _ in prose_lines(lines, 0)}
    raw_block = _raw_html_lines(lines, prose)
    masked = []
    for number, line in enumerate(lines):
        if number not in prose:
            masked.append(" " * len(line))
        elif number in raw_block:
            masked.append(line)
        else:
            masked.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    code_text = "\n".join(masked)
    html_text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), code_text)
    return code_text, html_text


def _raw_html_lines(lines: list[str], prose: set[int]) -> set[int]:
    """Lines inside raw HTML blocks (Python-Markdown passes them through untouched).

    A block starts with a block-level tag at the start of a line and lasts
    until that tag is closed (or the page ends). Blocks opened with a
    ``markdown`` attribute hold Markdown, so they do not count.
    """
    inside: set[int] = set()
    number = 0
    while number < len(lines):
        match = _BLOCK_START.match(lines[number]) if number in prose else None
        if not match or match.group(1).lower() not in _BLOCK_TAGS or re.search(r"\smarkdown\b", lines[number]):
            number += 1
            continue
        name = match.group(1).lower()
        if name == "hr":
            inside.add(number)
            number += 1
            continue
        opener = re.compile(rf"<{name}(?=[\s/>])", re.I)
        closer = re.compile(rf"</{name}\s*>", re.I)
        depth = 0
        while number < len(lines):
            inside.add(number)
            depth += len(opener.findall(lines[number])) - len(closer.findall(lines[number]))
            number += 1
            if depth <= 0:
                break
    return inside


# Rules on the text -------------------------------------------------------------------

_TEMPLATE = re.compile(r"\{\{|\{%|\{#")
_ATTR_LIST_ID = re.compile(r"\{#[A-Za-z][\w:.\-]*(?:[ \t]+[^}\n]*)?\}")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n]*=[^}\n]*)\}")
_ATTR_PAIR = re.compile(r"""([^\s=}]+)=("[^"\n]*"?|'[^'\n]*'?|[^\s}]+)""")
_LINK_OPEN = re.compile(r"\]\(")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\n?[ \t]*", re.M)  # not footnotes [^1]:
_BARE_URL = re.compile(r"(?:https?:)?//[^\s<>()\[\]\"'`]+", re.I)


def text_findings(code_text: str, html_text: str) -> Iterator[Finding]:
    """Every rule that reads Markdown text: HTML, links, attribute lists, templates, addresses."""
    yield from _template_findings(code_text)
    yield from _html_findings(html_text)
    yield from _markdown_link_findings(html_text)
    yield from _attr_list_findings(html_text)
    for match in _BARE_URL.finditer(html_text):
        if match.group(0).startswith("//") and match.start() and html_text[match.start() - 1] not in " \t\n":
            continue  # "a//b" is not an address
        yield from host_findings(match.group(0), match.start())


def _template_findings(text: str) -> Iterator[Finding]:
    for match in _TEMPLATE.finditer(text):
        if match.group(0) == "{#":
            attr_list = _ATTR_LIST_ID.match(text, match.start())
            if attr_list and not attr_list.group(0).endswith("#}"):
                continue  # {#anchor .class}: Markdown's attribute list, not a template comment
        yield Finding(match.start(), "template-syntax",
                      f"'{match.group(0)}' is template syntax: text in pages and data must never reach the "
                      "site's templates. To show these characters, put them in backticks (`{{ }}`), or write "
                      "&#123; for '{'", match.group(0))


def _html_findings(text: str) -> Iterator[Finding]:
    for tag in scan_tags(text, content=True):
        if tag.closing:
            continue
        if tag.autolink is not None:
            yield from url_findings(tag.autolink, tag.offset + 1, "link")
            continue
        yield from _tag_findings(tag, text)


def _tag_findings(tag: Tag, text: str) -> Iterator[Finding]:
    """The allow-list and the attribute rules for one start tag in a page."""
    allowed = ALLOWED_TAGS.get(tag.name)
    if allowed is None:
        reason = TAG_REASONS.get(tag.name, "it is not on the list of allowed tags at the top of "
                                            "scripts/explainer/checks/safety/allowlist.py")
        if tag.name == "style":
            body = text[tag.end:tag.end + 5000].lower()
            if re.search(r"url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding", body.split("</style")[0]):
                reason = "its url()/expression()/@import rules load or run content from elsewhere"
        if tag.name == "meta" and any(attr.name == "http-equiv" for attr in tag.attrs):
            reason = TAG_REASONS["meta"]
        yield Finding(tag.offset, "html-disallowed-tag",
                      f"the HTML tag <{visible(tag.raw_name)}> is not allowed in pages: {reason}. Remove it, or use "
                      "Markdown formatting instead; to show it as text, put it in backticks", f"<{tag.raw_name}")
    for attr in tag.attrs:
        yield from _attribute_findings(tag.name, attr, allowed)


def _attribute_findings(tag: str, attr: Attr, allowed: set[str] | None) -> Iterator[Finding]:
    name = attr.name
    value = attr.value if attr.value is not None else ""
    if EVENT_HANDLER.match(name):
        yield Finding(attr.offset, "html-event-handler",
                      f"the attribute '{visible(name)}' runs code in readers' browsers when something happens "
                      "on the page; remove it", attr.raw_name)
        return
    if name == "srcdoc":
        yield Finding(attr.offset, "html-disallowed-attribute",
                      "the attribute 'srcdoc' embeds a whole web page that can run code; remove it", attr.raw_name)
        return
    if name == "style":
        why = ("its url()/expression() can load or run content from elsewhere"
               if re.search(r"url\s*\(|expression\s*\(|behavior|binding|@import|\\", html.unescape(value), re.I)
               else "pages may not restyle the site")
        yield Finding(attr.offset, "html-disallowed-attribute",
                      f"the attribute 'style' is not allowed: {why}. Use a class from the site's style sheet "
                      "(overrides/assets/stylesheets/)", attr.raw_name)
        return
    if name in {"id", "name", "for", "form"} and html.unescape(value).strip().startswith("__"):
        yield Finding(attr.offset, "html-disallowed-attribute",
                      f"'{name}' values starting with '__' are reserved for the theme's own elements; "
                      "a page using them can break search, the menu or the colour switch", attr.raw_name)
    if name in URL_ATTRIBUTES:
        for url in attribute_urls(name, value):
            yield from url_findings(url, attr.value_offset, "load" if name in LOADING_ATTRIBUTES else "link")
    if allowed is not None and name not in GLOBAL_ATTRIBUTES | allowed and not name.startswith(GLOBAL_PREFIXES):
        yield Finding(attr.offset, "html-disallowed-attribute",
                      f"the attribute '{visible(attr.raw_name)}' is not allowed on <{tag}>; remove it (allowed "
                      f"everywhere: {', '.join(sorted(GLOBAL_ATTRIBUTES))}, data-*, aria-*)", attr.raw_name)


def _markdown_link_findings(text: str) -> Iterator[Finding]:
    """Links and images written in Markdown: [text](url), ![alt](url), [id]: url."""
    for match in _LINK_OPEN.finditer(text):
        start = match.end()
        while start < len(text) and text[start] in " \t\n":
            start += 1
        url = _destination(text, start)
        yield from url_findings(url, start, "load" if _is_image(text, match.start()) else "link")
    for match in _REFERENCE.finditer(text):
        start = match.end()
        url = _destination(text, start)
        if url:
            yield from url_findings(url, start, "link")


def _is_image(text: str, close: int) -> bool:
    """Whether the ']' at ``close`` ends an image's alt text (![alt](...))."""
    depth = 0
    for index in range(close, max(close - 2000, -1), -1):
        if text[index] == "]":
            depth += 1
        elif text[index] == "[":
            depth -= 1
            if depth == 0:
                return index > 0 and text[index - 1] == "!"
    return False


def _destination(text: str, start: int) -> str:
    """A link's address as Markdown reads it; for a '<' never closed, the rest of the line (suspicious)."""
    found = link_destination(text, start, limit=2000)
    if found is not None:
        return found[0]
    newline = text.find("\n", start)
    return text[start + 1:newline if newline >= 0 else len(text)]


def _attr_list_findings(text: str) -> Iterator[Finding]:
    """Attribute lists ({: key="value" }) set HTML attributes too: same rules as raw HTML."""
    for match in _ATTR_LIST.finditer(text):
        for pair in _ATTR_PAIR.finditer(match.group(1)):
            value = pair.group(2)
            if value[:1] in "\"'":
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            offset = match.start(1) + pair.start()
            attr = Attr(pair.group(1).lower(), pair.group(1), value, offset, match.start(1) + pair.start(2))
            yield from _attribute_findings("element", attr, None)
