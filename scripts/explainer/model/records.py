"""The records every layer shares: sources, events, claims, the article, tags, places, pages.

Each record keeps the line it came from, so any rule about it can point there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from explainer.model.dates import PartialDate
from explainer.model.diagnostics import Diagnostic
from explainer.model.mdsource import Citation, CiteItem, find_citations

DATA_FILES = {
    "sources": "sources.yml",
    "timeline": "timeline.yml",
    "claims": "claims.yml",
    "article": "article.yml",
    "tags": "tags.yml",
    "places": "places.yml",
}

CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "graphic",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture", "pamphlet",
    "paper-conference", "personal_communication", "post", "post-weblog", "report", "review", "speech",
    "thesis", "treaty", "webpage", "standard", "software",
}

CLAIM_KINDS = {"factual": "Factual assertion", "interpretation": "Interpretation",
               "opinion": "Opinion", "prediction": "Prediction"}
# What a place on a map is; the key is written in places.yml, the value in captions.
PLACE_KINDS = {"capital": "capital", "city": "city", "port": "port", "naval-base": "naval base",
               "air-base": "air base", "base": "military base"}
LABEL_POSITIONS = ("e", "w", "n", "s", "ne", "se", "nw", "sw")   # where a place's name may go on a map
ASSESSMENTS = {"consistent": "Consistent with independent reports", "contested": "Contested",
               "unverifiable": "Not independently verifiable", "inaccurate": "Inaccurate"}


# Records -------------------------------------------------------------------

@dataclass
class Excerpt:
    """A sentence copied word for word from a source's page: the evidence a footnote shows.

    ``lang`` is the language it is written in; ``translation``, for an excerpt
    not in the site's language, is a translation into it, shown marked as one.
    """

    id: str
    text: str
    lang: str
    line: int
    translation: str = ""


@dataclass
class Source:
    id: str
    type: str
    title: str
    line: int
    csl: dict
    authors: list[str] = field(default_factory=list)
    container: str = ""
    publisher: str = ""
    issued: PartialDate | None = None
    accessed: PartialDate | None = None
    url: str = ""
    archive_url: str = ""
    verified: bool = True
    verification: str = ""
    group: str = ""
    language: str = ""          # CSL 'language': what the source is written in
    excerpts: dict[str, Excerpt] = field(default_factory=dict)   # id -> excerpt, in file order


@dataclass
class Event:
    anchor: str
    date: PartialDate
    title: str
    summary: str
    line: int
    end: PartialDate | None = None
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    lines: dict = field(default_factory=dict)
    cites: tuple[CiteItem, ...] = ()   # the sources as citation items (``key, excerpt=id`` points at an excerpt)


@dataclass
class Claim:
    id: str
    line: int
    paragraphs: list[str]
    quote: str
    paraphrase: str
    kind: str
    assessment: str = ""
    note: str = ""
    sources: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    todo: bool = False
    lines: dict = field(default_factory=dict)
    cites: tuple[CiteItem, ...] = ()   # the sources as citation items (``key, excerpt=id`` points at an excerpt)


@dataclass
class Paragraph:
    id: str
    text: str
    line: int
    section: str = ""


@dataclass
class Article:
    title: str = ""
    subtitle: str = ""
    date: PartialDate | None = None
    source: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def by_id(self) -> dict[str, Paragraph]:
        return {paragraph.id: paragraph for paragraph in self.paragraphs}


@dataclass
class Tag:
    slug: str
    label: str
    kind: str


@dataclass
class Place:
    """A point for the locator maps: where it is, what it is, and the page that states its coordinates."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    line: int
    country: str = ""      # ISO 3166-1 alpha-3 code, highlighted on the map
    label: str = ""        # preferred side for the name (e, w, n, s, ne, se, nw, sw)
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    verified: bool = True
    verification: str = ""
    lines: dict = field(default_factory=dict)


@dataclass
class Route:
    """A named line on a map, such as a transport corridor: one or more paths through places, in order."""

    id: str
    name: str
    paths: list[list[str]]
    line: int
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    lines: dict = field(default_factory=dict)


@dataclass
class Data:
    """Everything in the data folder, validated."""

    data_dir: Path
    display_dir: str
    sources: dict[str, Source] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    article: Article = field(default_factory=Article)
    tags: dict[str, Tag] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)   # files that could not be parsed at all
    # Each file's located YAML value and YAML problems as read (load_data(keep_yaml=True): the checks).
    yaml: dict[str, tuple[Any, list[Diagnostic]]] = field(default_factory=dict)

    def path(self, kind: str) -> str:
        return f"{self.display_dir}/{DATA_FILES[kind]}"

    @property
    def tag_labels(self) -> dict[str, Tag]:
        return {tag.label: tag for tag in self.tags.values()}

    # Indexes for the markers, so a page's excerpt costs its size, not the whole timeline's.
    @cached_property
    def events_index(self) -> dict[tuple[str, str], list[int]]:
        """("tag", slug) and ("page", path) -> positions in ``events``."""
        return _positions(self.events)

    @cached_property
    def claims_index(self) -> dict[tuple[str, str], list[int]]:
        """("tag", slug) and ("page", path) -> positions in ``claims``."""
        return _positions(self.claims)


def _positions(items: list) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = {}
    for position, item in enumerate(items):
        for tag in item.tags:
            index.setdefault(("tag", tag), []).append(position)
        for page in item.pages:
            index.setdefault(("page", page), []).append(position)
    return index


@dataclass
class Page:
    """One Markdown page: front matter, body lines and where the body starts."""

    path: str          # relative to docs, with forward slashes: "topics/economy.md"
    display: str       # as shown in diagnostics: "docs/topics/economy.md"
    meta: dict
    body: list[str]
    body_line: int     # file line number of body[0]

    @property
    def title(self) -> str:
        if self.meta.get("title"):
            return str(self.meta["title"])
        for line in self.body:
            if line.startswith("# "):
                return line[2:].strip()
        return self.path

    @property
    def citations(self) -> list[Citation]:
        return list(find_citations(self.body, self.body_line))

    def meta_line(self, key: str) -> int:
        lines = getattr(self.meta, "key_lines", {})
        return lines.get(key, 1)


def slug(text: str, limit: int = 48) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-")
