"""Ids and links in built HTML pages, read with lxml's C parser.

Compiled XPath pulls out only the attribute values that matter, as plain
strings, so a thousand pages are read in well under a second; the line of a
link is looked up in the page's text only when the link turns out broken.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from explainer.model.urls import srcset_urls

_X = {"smart_strings": False}
# Addresses a browser goes to or loads; <link rel=preconnect/dns-prefetch> are hints, not links.
_HREFS = etree.XPath("//a/@href | //area/@href | //link[not(contains(@rel, 'preconnect')) and "
                     "not(contains(@rel, 'dns-prefetch'))]/@href", **_X)
_SRCS = etree.XPath("//img/@src | //script/@src | //iframe/@src | //source/@src | //video/@src | //video/@poster"
                    " | //audio/@src | //embed/@src", **_X)
_SRCSETS = etree.XPath("//img/@srcset | //source/@srcset", **_X)
_IDS = etree.XPath("//@id | //a/@name", **_X)
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href", **_X)
# An image needs alt text; alt="" is fine only when the image is marked as decoration.
_NO_ALT = etree.XPath("//img[not(@alt) or (normalize-space(@alt) = '' and not(@role = 'presentation' or "
                      "@role = 'none' or @aria-hidden = 'true'))]")
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


@dataclass(frozen=True)
class HtmlLink:
    line: int
    url: str


@dataclass
class HtmlPage:
    path: str                     # relative to the site folder, with forward slashes
    ids: set[str] = field(default_factory=set)
    urls: list[str] = field(default_factory=list)
    images_without_alt: list[HtmlLink] = field(default_factory=list)
    canonical: str = ""
    full: Path | None = None

    def line_of(self, url: str) -> int:
        """The line where ``url`` is written as an attribute value (1 if it cannot be found).

        Looked up only for a broken link, so a clean page's text is never searched."""
        try:
            text = self.full.read_text(encoding="utf-8", errors="replace") if self.full else ""
        except OSError:
            return 1
        for written in (html.escape(url, quote=True), url, url.replace("&", "&amp;")):
            for quote in ('"', "'"):
                position = text.find(f"={quote}{written}{quote}")
                if position != -1:
                    return text.count("\n", 0, position) + 1
        return 1


def site_files(site_dir: Path) -> set[str]:
    """Every file in the built site, relative, with forward slashes."""
    files = set()
    base = len(str(site_dir)) + 1
    for directory, _, names in os.walk(site_dir):
        prefix = directory[base:].replace(os.sep, "/")
        files.update(f"{prefix}/{name}" if prefix else name for name in names)
    return files


def read_page(full: Path, relative: str) -> HtmlPage:
    """The ids, link addresses and unlabelled images of one HTML file; an unreadable file has none."""
    page = HtmlPage(relative, full=full)
    try:
        data = full.read_bytes()
    except OSError:
        return page
    try:
        root = etree.fromstring(data, _PARSER) if data.strip() else None
    except (etree.LxmlError, ValueError):
        root = None   # not HTML at all: it has no links or ids to check
    if root is None:
        return page
    page.ids = set(_IDS(root))
    canonical = _CANONICAL(root)
    page.canonical = canonical[0].strip() if canonical else ""
    page.urls = [url.strip() for url in _HREFS(root)] + [url.strip() for url in _SRCS(root)]
    page.urls += [url for value in _SRCSETS(root) for url in srcset_urls(value)]
    page.images_without_alt = [HtmlLink(image.sourceline or 1, (image.get("src") or "").strip()) for image in _NO_ALT(root)]
    return page
