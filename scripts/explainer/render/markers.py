"""Markers (``<!-- md:NAME args -->``), what a renderer may read, and what it returns.

A marker is an HTML comment, so a page still reads cleanly in GitHub's
preview. At build time it becomes finished HTML (``Html``), which
Python-Markdown stores as it is instead of parsing it again; only headings
stay Markdown, so the table of contents and permalinks still see them.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable

from explainer.model.records import Data, Page
from explainer.render.footnotes import PageFootnotes
from explainer.render.html import Abbreviations

CLAIMS_PAGE = "claims.md"   # the page holding the full ledger (<!-- md:claims -->)
TIMELINE_PAGE = "timeline.md"
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*md:(?P<name>[\w-]+)(?P<args>(?:\s+[\w-]+=\S+)*)\s*-->\s*$")


class MarkerError(Exception):
    """A marker that cannot be expanded: unknown name, tag or argument."""


@dataclass(frozen=True)
class Html:
    """A block of finished HTML: the build stores it as it is, Python-Markdown never parses it."""

    html: str
    indent: str = ""


@dataclass
class Context:
    """What a renderer may read: the data, the site's pages, and the page being rendered.

    ``page`` is the docs-relative path of that page when the builder says which
    it is (links are then written relative to it); ``notes`` numbers its footnotes;
    ``extra`` is mkdocs.yml's ``extra:`` (``as_of``, read by ``md:tally``).
    """

    data: Data
    titles: Callable[[str], str | None]            # page path -> title, None if there is no such page
    all_pages: Callable[[], dict[str, Page]]       # every page, for the whole-site markers
    page: str | None = None
    directory_urls: bool = True
    notes: PageFootnotes = field(default_factory=PageFootnotes)
    abbreviations: Abbreviations = field(default_factory=lambda: Abbreviations({}))
    source_links: bool = False   # the builder rewrites links in HTML as in Markdown (Zensical): write the files' paths
    extra: dict = field(default_factory=dict)

    @classmethod
    def of(cls, data: Data, pages: dict[str, Page], page: str | None = None, extra: dict | None = None) -> "Context":
        """A context over loaded pages (the checks'), rendering ``page``."""
        return cls(data, lambda path: pages[path].title if path in pages else None, lambda: pages, page,
                   extra=extra or {})

    @property
    def pages(self) -> dict[str, Page]:
        return self.all_pages()

    def page_title(self, path: str) -> str | None:
        return self.titles(path)

    def for_page(self, page: str | None, abbreviations: Abbreviations | None = None) -> "Context":
        """The same site, rendering another page (with fresh footnotes)."""
        return Context(self.data, self.titles, self.all_pages, page, self.directory_urls, PageFootnotes(),
                       abbreviations or self.abbreviations, self.source_links, self.extra)

    def url(self, path: str, anchor: str = "") -> str:
        """A link for generated HTML to a page (docs-relative path), relative to the page being rendered:
        its built address, or its file where the builder rewrites links in HTML (Zensical)."""
        if self.source_links:
            return self.markdown_link(path, anchor)
        target = page_address(path, self.directory_urls)
        if self.page is None:
            address = "/" + target
        else:
            address = posixpath.relpath("/" + target, "/" + self._built_folder())
            if target.endswith("/") or target == "":
                address = "./" if address == "." else address + "/"
        return address + (f"#{anchor}" if anchor else "")

    def file_url(self, path: str) -> str:
        """A link for generated HTML to a file the build publishes (docs-relative, e.g. "data/timeline.json")."""
        if self.page is None:
            return "/" + path
        if self.source_links:
            return posixpath.relpath(path, posixpath.dirname(self.page) or ".")
        return posixpath.relpath("/" + path, "/" + self._built_folder())

    def _built_folder(self) -> str:
        """The folder the page being rendered is published in ("topics/example" for directory URLs)."""
        address = page_address(self.page, self.directory_urls)
        return posixpath.dirname(address.rstrip("/") + "/" if self.directory_urls else address)

    def markdown_link(self, path: str, anchor: str = "") -> str:
        """A link to a page for Markdown text: the page's file, relative to the page being rendered,
        which every builder rewrites to the page's address."""
        if self.page is None:
            address = "/" + path
        else:
            address = posixpath.relpath(path, posixpath.dirname(self.page) or ".")
        return address + (f"#{anchor}" if anchor else "")

    def claim_link(self, claim_id: str, markdown: bool = False) -> str | None:
        """Where the full ledger shows a claim, if the site has a claims page."""
        if self.page_title(CLAIMS_PAGE) is None:
            return None
        if markdown:
            return self.markdown_link(CLAIMS_PAGE, f"claim-{claim_id}")
        return self.url(CLAIMS_PAGE, f"claim-{claim_id}")


def page_address(path: str, directory_urls: bool = True) -> str:
    """The built address of a page, as MkDocs and Zensical lay them out."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


Renderer = Callable[[dict, Context], list]


def parse_args(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split())


def expand(lines: list[str], context: Context, renderers: dict[str, Renderer],
           on_error: Callable[[int, str], list[str]]) -> list:
    """Each marker line replaced by what its renderer makes, indented like the marker:
    Markdown lines (``str``) and finished blocks (``Html``), in reading order."""
    result: list = []
    for number, line in enumerate(lines, 1):
        match = MARKER.match(line) if "md:" in line else None
        if not match:
            result.append(line)
            continue
        name = match.group("name")
        indent = match.group("indent")
        try:
            renderer = renderers.get(name)
            if renderer is None:
                raise MarkerError(f"unknown marker 'md:{name}'; known markers: {', '.join(sorted(renderers))}")
            generated = renderer(parse_args(match.group("args")), context)
        except MarkerError as error:
            generated = on_error(number, str(error))
        result.append("")
        for part in generated:
            if isinstance(part, Html):
                result.append(Html(part.html, indent))
            else:
                result.append(indent + part if part else "")
        result.append("")
    return result


STYLES = ("full", "compact")   # style=compact: one line per item, linking to the full entry


@dataclass
class Selection:
    """The ``tag=`` and ``page=`` filters of an embed marker, and its ``style=``, checked."""

    tags: list[str]
    pages: list[str]
    style: str = "full"

    @property
    def everything(self) -> bool:
        return not self.tags and not self.pages

    def matches(self, tags: list[str], pages: list[str]) -> bool:
        return self.everything or bool(set(self.tags) & set(tags) or set(self.pages) & set(pages))

    def pick(self, items: list, index: dict[tuple[str, str], list[int]]) -> list:
        """The items that match, in their order, looked up in ``index`` (``Data.events_index``,
        ``Data.claims_index``) instead of testing every item: an excerpt costs its own size."""
        if self.everything:
            return list(items)
        positions: set[int] = set()
        for tag in self.tags:
            positions.update(index.get(("tag", tag), ()))
        for page in self.pages:
            positions.update(index.get(("page", page), ()))
        return [items[position] for position in sorted(positions)]


def selection(name: str, args: dict, context: Context) -> Selection:
    """Read a marker's filters and style, refusing unknown arguments, tags, pages and styles."""
    unknown = set(args) - {"tag", "page", "style"}
    if unknown:
        raise MarkerError(f"md:{name} takes 'tag=...', 'page=...' or 'style=...', not {', '.join(sorted(unknown))}")
    style = args.get("style", "full")
    if style not in STYLES:
        raise MarkerError(f"md:{name} style must be {' or '.join(STYLES)}, not '{style}'")
    chosen = Selection(split_list(args.get("tag")), split_list(args.get("page")), style)
    require_known(chosen.tags, context.data.tags, f"tag in md:{name} (see docs/data/tags.yml)")
    for page in chosen.pages:
        if context.page_title(page) is None:
            raise MarkerError(f"md:{name} names a missing page '{page}'")
    return chosen


def require_known(values: list[str], known, what: str) -> None:
    for value in values:
        if value not in known:
            raise MarkerError(f"unknown {what} '{value}'")


def split_list(value: str | None) -> list[str]:
    return [part for part in (value or "").split(",") if part]
