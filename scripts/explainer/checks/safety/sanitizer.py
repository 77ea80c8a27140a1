"""A built page's content judged by Ammonia (nh3), a well-kept HTML sanitizer: what it would strip is reported.

Ammonia parses HTML as browsers do (html5ever), so markup that the
hand-written scanner might read differently is still judged. It cleans the
content of each built page (the page's <article>) twice: allowing
everything the content holds, and with the site's allow-list (allowlist.py:
what pages may write, plus what the build writes). The same output means
nothing would be stripped. Otherwise each element the allow-list drops, and
each attribute it strips, is reported at the start tag the hand-written
scanner found for it, so with an exact line and column; the rare element
that no tag wrote (the parser made it) at the last tag placed before it.
"""
from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from typing import Callable, Iterator, NamedTuple

import nh3

from explainer.checks.safety.addresses import browser_scheme
from explainer.checks.safety.allowlist import (ALLOWED_TAGS, BUILD_CELL_STYLES, BUILD_GLOBAL_ATTRIBUTES, BUILD_TAGS,
                                               DANGEROUS_SCHEMES, EVENT_HANDLER, GLOBAL_ATTRIBUTES, GLOBAL_PREFIXES,
                                               SAFE_SCHEMES, TAG_REASONS, URL_ATTRIBUTES)
from explainer.checks.safety.findings import Finding
from explainer.checks.safety.tags import scan_tags
from explainer.checks.safety.unicode import visible

# The site's allow-list, as Ammonia takes it.
_TAGS = set(ALLOWED_TAGS) | set(BUILD_TAGS)
_ATTRIBUTES = {tag: ALLOWED_TAGS.get(tag, set()) | BUILD_TAGS.get(tag, set()) for tag in _TAGS}
_ATTRIBUTES["*"] = GLOBAL_ATTRIBUTES | BUILD_GLOBAL_ATTRIBUTES
_CELL_STYLES = {"th": {"style": BUILD_CELL_STYLES}, "td": {"style": BUILD_CELL_STYLES}}
_ALLOW_LIST = "scripts/explainer/checks/safety/allowlist.py"
_SITE = nh3.Cleaner(tags=_TAGS, attributes=_ATTRIBUTES, generic_attribute_prefixes=set(GLOBAL_PREFIXES),
                    tag_attribute_values=_CELL_STYLES, url_schemes=set(SAFE_SCHEMES), link_rel=None,
                    strip_comments=False)

# Added to every element kept, so that the attribute callback sees each one, in document order,
# after its own attributes. The space makes it a name that no HTML can write.
_MARK = "explainer element"
_TAG_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")
# The scheme of an attribute value: after '=' or a quote, spaces and control characters (which URL parsers drop).
_VALUE_SCHEME = re.compile(r"[=\"'][\x00-\x20]*([A-Za-z][A-Za-z0-9+.\-]*):")
_PRINTABLE = {chr(code) for code in range(0x21, 0x7F)} | {"\ufffd"}   # what an attribute name can start with
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# SVG element names the HTML parser writes in camelCase (the HTML standard's table).
_SVG_NAMES = {name.lower(): name for name in (
    "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion", "animateTransform", "clipPath",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
    "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "foreignObject", "glyphRef", "linearGradient",
    "radialGradient", "textPath")}
_LOOKAHEAD = 8   # start tags searched for an element's own; the parser adds or drops a few at most


class Element(NamedTuple):
    """An element as Ammonia kept it: its name and attributes, values decoded."""

    name: str
    attrs: tuple[tuple[str, str], ...]


def findings(text: str, begin: int, end: int, starts: Callable[[], list[tuple[int, str]]]) -> Iterator[Finding]:
    """What the sanitizer would strip from ``text[begin:end]``, placed at the start tags ``starts()`` gives.

    ``starts()`` is (offset, lower-case name) of each start tag the
    hand-written scanner found in that part of the text, in order; it is
    asked for only when something is to be reported.
    """
    content = text[begin:end]
    if "<" not in content:
        return
    names, schemes = _everything(content)
    cleaned = _SITE.clean(content)
    if cleaned == _permissive(names, schemes).clean(content):
        return   # nothing stripped: the usual case, decided without reading either output
    everything = _elements(content, **_options(names, schemes))
    kept = _kept(cleaned)
    places = _places(everything, starts(), begin)
    position = 0
    for index, element in enumerate(everything):
        match = kept[position] if position < len(kept) else None
        if match is None or match.name != element.name.lower():
            yield _tag_finding(places[index], element)
            for name, value in element.attrs:   # what it would run in a browser, said too
                if EVENT_HANDLER.match(name.lower()) or _dangerous(name, value):
                    yield _attribute_finding(text, places[index], element.name, name, value)
            continue
        position += 1
        remaining = set(match.attrs)
        for name, value in element.attrs:
            if (name.lower(), value) not in remaining:
                yield _attribute_finding(text, places[index], element.name, name, value)


def _elements(content: str, tags: set[str], **options) -> list[Element]:
    """Every element of ``content`` that these options let Ammonia see, in document order, as its parser made them.

    Ammonia calls the attribute filter for each element it sees; it may
    still drop one afterwards (an element out of its namespace), so what it
    keeps is read from its output instead (``_kept``).
    """
    elements: list[Element] = []
    attrs: list[tuple[str, str]] = []

    def record(tag: str, name: str, value: str) -> str:
        nonlocal attrs
        if name == _MARK:
            elements.append(Element(tag, tuple(attrs)))
            attrs = []
        else:
            attrs.append((name, value))
        return value

    nh3.clean(content, tags=tags, attribute_filter=record, set_tag_attribute_values={tag: {_MARK: ""} for tag in tags},
              **options)
    return elements


class _Output(HTMLParser):
    """The start tags of Ammonia's output, in order: well-formed HTML with no raw-text element left in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(Element(tag, tuple((_local(name), value or "") for name, value in attrs)))

    handle_startendtag = handle_starttag


def _local(name: str) -> str:
    """An attribute's name as the parser keeps it in SVG and MathML: xlink:href is 'href', xmlns:xlink 'xlink'."""
    prefix, colon, local = name.partition(":")
    return local if colon and prefix in ("xlink", "xml", "xmlns") else name


def _kept(cleaned: str) -> list[Element]:
    """The elements of Ammonia's output (names and attribute names in lower case), in document order."""
    output = _Output()
    output.feed(cleaned)
    output.close()
    return output.elements


def _everything(content: str) -> tuple[frozenset[str], frozenset[str]]:
    """The tag names and the schemes Ammonia must allow to keep every element and address of ``content``.

    Ammonia takes allow-lists only, so they are made from the text: every
    tag name in it (as the parser spells it) and every scheme an attribute
    value in it can start with.
    """
    names = {name.translate(_ASCII_LOWER).replace("\0", "\ufffd") for name in set(_TAG_NAME.findall(content))}
    names |= {_SVG_NAMES[name] for name in names if name in _SVG_NAMES}
    # Values as the parser decodes them (character references), and as URL parsers read them (no tabs or newlines).
    decoded = html.unescape(content) if "&" in content else content
    decoded = decoded.replace("\t", "").replace("\n", "").replace("\r", "")
    schemes = {scheme.lower() for scheme in _VALUE_SCHEME.findall(decoded)}
    return frozenset(names | _TAGS), frozenset(schemes | SAFE_SCHEMES)


def _options(names: frozenset[str], schemes: frozenset[str]) -> dict:
    """Ammonia's options that keep every element named, every attribute and every address with these schemes.

    Attribute names are allowed by their first character: any printable
    ASCII one (a name that starts otherwise does nothing in a browser).
    """
    return {"tags": set(names), "clean_content_tags": set(), "generic_attribute_prefixes": set(_PRINTABLE),
            "url_schemes": set(schemes), "link_rel": None, "strip_comments": False}


@functools.lru_cache(maxsize=256)   # pages of one site share a few sets of names and schemes
def _permissive(names: frozenset[str], schemes: frozenset[str]) -> nh3.Cleaner:
    return nh3.Cleaner(**_options(names, schemes))


def _places(elements: list[Element], starts: list[tuple[int, str]], begin: int) -> list[int]:
    """The offset of each element's start tag; for an element no tag wrote, that of the last one placed."""
    places = []
    last = begin
    probe = 0
    for element in elements:
        name = element.name.lower()
        for candidate in range(probe, min(probe + _LOOKAHEAD, len(starts))):
            if starts[candidate][1] == name:
                last = starts[candidate][0]
                probe = candidate + 1
                break
        places.append(last)
    return places


def _dangerous(name: str, value: str) -> str | None:
    """The scheme of an address that can run code or hide content (javascript:, data:...), if it is one."""
    scheme = browser_scheme(value) if name.lower() in URL_ATTRIBUTES else None
    return scheme if scheme in DANGEROUS_SCHEMES else None


def _tag_finding(offset: int, element: Element) -> Finding:
    if element.name in _TAGS:   # allowed, but not where the parser puts it
        reason = "here the HTML parser reads it as part of inline SVG or MathML, which can hide scripts"
    else:
        reason = TAG_REASONS.get(element.name.lower(), "it is not on the site's list of allowed tags")
    return Finding(offset, "html-disallowed-tag",
                   f"the built page's content has <{visible(element.name)}>, which the site's HTML sanitizer "
                   f"(Ammonia) would remove: {reason}. Remove it where a page or data file writes it; if the "
                   f"theme or an extension makes it, review it and add it to BUILD_TAGS in {_ALLOW_LIST}")


def _attribute_finding(text: str, tag_offset: int, tag: str, name: str, value: str) -> Finding:
    offset = _attribute_offset(text, tag_offset, name)
    shown = f"'{visible(name)}' on <{visible(tag)}>"
    if EVENT_HANDLER.match(name.lower()):
        return Finding(offset, "html-event-handler",
                       f"the built page's content has the event handler {shown}, which runs code; the site's "
                       "HTML sanitizer (Ammonia) would remove it. Remove it where a page or data file writes it")
    scheme = _dangerous(name, value)
    if scheme:
        what = "shows content the checks cannot see" if scheme == "data" else "can run code"
        return Finding(offset, "url-dangerous-scheme",
                       f"the built page's content has a '{visible(scheme)}:' address in {shown}, which {what}; "
                       "the site's HTML sanitizer (Ammonia) would remove it")
    if name in _ATTRIBUTES.get(tag, set()) | _ATTRIBUTES["*"]:   # an allowed attribute: its address is not
        return Finding(offset, "url-scheme",
                       f"the built page's content has the address '{visible(value)}' in {shown}, which the site's "
                       "HTML sanitizer (Ammonia) would remove: links may only start with https://, http://, "
                       "mailto: or tel:, or point to another page of this site")
    allowed = "only 'text-align: left;', 'center;' or 'right;' on table cells, as tables write it" \
        if name == "style" else f"it is not on the allow-list in {_ALLOW_LIST}"
    return Finding(offset, "html-disallowed-attribute",
                   f"the built page's content has the attribute {shown}, which the site's HTML sanitizer (Ammonia) "
                   f"would remove: {allowed}. Remove it where a page or data file writes it; if the theme or an "
                   "extension makes it, review it and add it to BUILD_TAGS there")


def _attribute_offset(text: str, tag_offset: int, name: str) -> int:
    """Where the attribute ``name`` of the tag at ``tag_offset`` starts (the tag's '<' if it cannot be found)."""
    tag = next(scan_tags(text, content=False, position=tag_offset), None)
    if tag is not None and tag.offset == tag_offset:
        for attr in tag.attrs:
            if attr.name == name.lower():
                return attr.offset
    return tag_offset
