"""Markers (``<!-- md:NAME args -->``) and the Markdown each one expands to.

A marker is an HTML comment, so a page still reads cleanly in GitHub's
preview; at build time it becomes generated Markdown, which then goes
through the same citation and footnote machinery as hand-written text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from explainer.model import cache
from explainer.model.records import Data, Page

CLAIMS_PAGE = "claims.md"   # the page holding the full ledger (<!-- md:claims -->)
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*md:(?P<name>[\w-]+)(?P<args>(?:\s+[\w-]+=\S+)*)\s*-->\s*$")


class MarkerError(Exception):
    """A marker that cannot be expanded: unknown name, tag or argument."""


@dataclass
class Context:
    data_dir: str
    docs_dir: str
    renderers: dict = field(default_factory=dict)

    @cached_property
    def data(self) -> Data:
        return cache.data(self.data_dir)

    @cached_property
    def pages(self) -> dict[str, Page]:
        return cache.pages(self.docs_dir)

    def page_title(self, path: str) -> str | None:
        pages = self.__dict__.get("pages")   # already loaded (the checks hand over the project's pages)
        page = pages.get(path) if pages is not None else None
        if page is not None:
            return page.title
        return cache.page_title(self.docs_dir, path)

    def claim_link(self, claim_id: str) -> str | None:
        """Where the full ledger shows a claim, if the site has a claims page."""
        if self.page_title(CLAIMS_PAGE) is None:
            return None
        return f"/{CLAIMS_PAGE}#claim-{claim_id}"


Renderer = Callable[[dict, Context], list[str]]


def parse_args(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split())


def expand(lines: list[str], context: Context, renderers: dict[str, Renderer], on_error: Callable[[int, str], list[str]]) -> list[str]:
    """Replace each marker line by its renderer's lines (indented like the marker)."""
    result: list[str] = []
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
        result.extend(["", *(indent + text if text else "" for text in generated), ""])
    return result


@dataclass
class Selection:
    """The ``tag=`` and ``page=`` filters of an embed marker, checked."""

    tags: list[str]
    pages: list[str]

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
    """Read a marker's filters, refusing unknown arguments, tags and pages."""
    unknown = set(args) - {"tag", "page"}
    if unknown:
        raise MarkerError(f"md:{name} takes 'tag=...' or 'page=...', not {', '.join(sorted(unknown))}")
    chosen = Selection(split_list(args.get("tag")), split_list(args.get("page")))
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
