"""The one loader: data files and pages into typed records, with diagnostics.

The build (Markdown extensions), every check and the generator read content
through ``load_data`` and ``load_pages``: one parse, one schema, one set of
problems, each with a file and a line.
"""
from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from . import yamlfile
from .dates import PartialDate, parse_date
from .diagnostics import Diagnostic
from .mdtext import Citation, find_citations

DATA_FILES = {
    "sources": "sources.yml",
    "timeline": "timeline.yml",
    "claims": "claims.yml",
    "article": "article.yml",
    "tags": "tags.yml",
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
ASSESSMENTS = {"consistent": "Consistent with independent reports", "contested": "Contested",
               "unverifiable": "Not independently verifiable", "inaccurate": "Inaccurate"}
MAX_PAGE_BYTES = 1_000_000
_SOURCE_ID = re.compile(r"^[\w][\w:.#$%&\-+?<>~/]*$")
_PARAGRAPH_ID = re.compile(r"^p[1-9]\d*[a-z]?$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


# Records -------------------------------------------------------------------

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
class Data:
    """Everything in the data folder, validated."""

    data_dir: Path
    display_dir: str
    sources: dict[str, Source] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    article: Article = field(default_factory=Article)
    tags: dict[str, Tag] = field(default_factory=dict)
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)   # files that could not be parsed at all

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


# Loading -------------------------------------------------------------------

def load_data(data_dir: Path | str, display_dir: str | None = None) -> Data:
    """Load and validate every data file; problems are collected, never raised."""
    with _collector_paused():
        return _load_data(Path(data_dir), display_dir)


def _load_data(data_dir: Path, display_dir: str | None) -> Data:
    data = Data(data_dir, display_dir or display_path(data_dir))
    raw = {}
    for kind, name in DATA_FILES.items():
        path = data_dir / name
        data.problems[kind] = []
        if not path.exists():
            raw[kind] = None
            continue
        raw[kind], problems = yamlfile.load(path, data.path(kind))
        data.problems[kind].extend(problems)
        if raw[kind] is None and problems:
            data.unreadable.add(kind)
    _Validator(data).run(raw)
    return data


@contextmanager
def _collector_paused():
    """Loading makes hundreds of thousands of small objects that all stay alive, and
    each pass of the cyclic garbage collector would walk them all again: at 10,000
    pages that was half the loading time. Nothing here makes cycles, so it can wait."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_pages(docs_dir: Path | str, display_dir: str | None = None) -> tuple[dict[str, Page], list[Diagnostic]]:
    """Every Markdown page under docs, except snippet folders (``includes``, ``_*``)."""
    docs_dir = Path(docs_dir)
    display_dir = display_dir or display_path(docs_dir)
    pages: dict[str, Page] = {}
    problems: list[Diagnostic] = []
    for full, relative in page_files(docs_dir):
        page, page_problems = read_page(full, relative, f"{display_dir}/{relative}")
        problems.extend(page_problems)
        if page is not None:
            pages[relative] = page
    return pages, problems


def page_files(docs_dir: Path) -> Iterator[tuple[Path, str]]:
    """(file, path relative to docs) of every page ``load_pages`` reads, in its order."""
    for directory, subdirs, files in os.walk(docs_dir):
        subdirs[:] = sorted(d for d in subdirs if d != "includes" and not d.startswith((".", "_")))
        for name in sorted(files):
            if name.endswith(".md"):
                full = Path(directory) / name
                yield full, full.relative_to(docs_dir).as_posix()


def read_page(full: Path, relative: str, display: str) -> tuple[Page | None, list[Diagnostic]]:
    """Read one page and its front matter."""
    text, problems = yamlfile.read_text(full, display, MAX_PAGE_BYTES, "page")
    if text is None:
        return None, problems
    meta: Any = yamlfile.LocatedDict()
    meta.key_lines = {}
    body_line = 1
    match = FRONT_MATTER.match(text)
    if match:
        parsed, meta_problems = yamlfile.parse(match.group("yaml") or "", display, line_offset=1)
        problems.extend(meta_problems)
        if isinstance(parsed, dict):
            meta = parsed
        elif parsed is not None:
            problems.append(Diagnostic(display, 2, 1, "page-front-matter", "front matter must be a list of 'key: value' lines"))
        body_line = text.count("\n", 0, match.end()) + 1
        text = text[match.end():]
    return Page(relative, display, meta, text.splitlines(), body_line), problems


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as diagnostics show it: relative to root (default: the current folder)."""
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def url_key(url: str) -> str:
    """A URL reduced to what makes two bibliography entries the same source."""
    url = url.strip()
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.").removesuffix(":443")
    return f"{host}{slash}{path}".rstrip("/").split("#")[0]


def slug(text: str, limit: int = 48) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-")


# Validation ----------------------------------------------------------------

class _Validator:
    """Turns raw located YAML into records, reporting schema problems."""

    def __init__(self, data: Data):
        self.data = data

    def problem(self, kind: str, line: int, rule: str, message: str, col: int = 1) -> None:
        self.data.problems[kind].append(Diagnostic(self.data.path(kind), line, col, rule, message))

    def run(self, raw: dict) -> None:
        self.tags(raw["tags"])
        self.article(raw["article"])
        self.sources(raw["sources"])
        self.events(raw["timeline"])
        self.claims(raw["claims"])

    # Helpers: entries of a list file, and typed fields of an entry.
    def entries(self, kind: str, value: Any, key: str) -> list[yamlfile.LocatedDict]:
        if value is None:
            return []
        if isinstance(value, dict) and key in value:
            value = value[key]
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(kind, getattr(value, "line", 1), "data-shape", f"expected a list of entries under '{key}:'")
            return []
        result = []
        for item, line in zip(value, value.item_lines):
            if isinstance(item, dict):
                result.append(item)
            else:
                self.problem(kind, line, "data-shape", "each entry must be a mapping of 'field: value' lines, starting with '- '")
        return result

    def text(self, kind: str, entry: dict, key: str, required: bool = True, rule: str = "missing-field") -> str:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(kind, entry.line, f"{_prefix(kind)}-{rule}", f"the entry has no '{key}'; add '{key}: ...'")
            return ""
        if isinstance(value, (dict, list)):
            self.problem(kind, entry.line_of(key), "data-shape", f"'{key}' must be text")
            return ""
        return str(value).strip()

    def words(self, kind: str, entry: dict, key: str) -> list[str]:
        value = entry.get(key)
        if value is None:
            return []
        if isinstance(value, (str, int)):
            return [str(value)]
        if isinstance(value, list) and all(isinstance(item, (str, int)) for item in value):
            return [str(item) for item in value]
        self.problem(kind, entry.line_of(key), "data-shape", f"'{key}' must be a list of words, like [a, b]")
        return []

    # tags.yml: {group: {slug: label}}
    def tags(self, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.problem("tags", getattr(value, "line", 1), "data-shape", "expected groups of 'slug: Label' lines")
            return
        for group, members in value.items():
            if not isinstance(members, dict):
                self.problem("tags", value.line_of(group), "data-shape", f"'{group}' must hold 'slug: Label' lines")
                continue
            for tag_slug, label in members.items():
                if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", tag_slug):
                    self.problem("tags", members.line_of(tag_slug), "tag-bad-slug",
                                 f"tag '{tag_slug}' must be lowercase words joined by hyphens")
                    continue
                if tag_slug in self.data.tags:
                    self.problem("tags", members.line_of(tag_slug), "tag-duplicate", f"tag '{tag_slug}' is defined twice")
                self.data.tags[tag_slug] = Tag(tag_slug, str(label), str(group))

    # article.yml
    def article(self, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.problem("article", getattr(value, "line", 1), "data-shape", "expected 'title:', 'date:' and 'paragraphs:'")
            return
        article = self.data.article
        article.title = self.text("article", value, "title")
        article.subtitle = self.text("article", value, "subtitle", required=False)
        article.source = self.text("article", value, "source", required=False)
        if "date" in value:
            article.date = parse_date(value["date"])
            if article.date is None:
                self.problem("article", value.line_of("date"), "article-bad-date", "the date must be YYYY-MM-DD")
        section = ""
        seen: set[str] = set()
        for block in self.entries("article", value, "paragraphs"):
            if "heading" in block:
                section = self.text("article", block, "heading")
                continue
            if "caption" in block:
                continue
            pid = self.text("article", block, "id")
            text = self.text("article", block, "text")
            if not pid:
                continue
            if not _PARAGRAPH_ID.match(pid):
                self.problem("article", block.line_of("id"), "article-bad-id", f"paragraph id '{pid}' must look like p1, p2, ... (or p4a for an insertion)")
            if pid in seen:
                self.problem("article", block.line_of("id"), "article-duplicate-id", f"paragraph id '{pid}' is used twice")
            seen.add(pid)
            article.paragraphs.append(Paragraph(pid, text, block.line_of("text"), section))

    # sources.yml (CSL YAML; a Zotero or pandoc export works as is)
    def sources(self, value: Any) -> None:
        seen_urls: dict[str, str] = {}
        for entry in self.entries("sources", value, "references"):
            source_id = self.text("sources", entry, "id")
            source_type = self.text("sources", entry, "type")
            title = self.text("sources", entry, "title")
            if not source_id:
                continue
            if not _SOURCE_ID.match(source_id):
                self.problem("sources", entry.line_of("id"), "source-bad-id", f"id '{source_id}' may use letters, digits and - _ : . only")
            if source_id in self.data.sources:
                self.problem("sources", entry.line_of("id"), "source-duplicate-id",
                             f"id '{source_id}' is already used by the entry on line {self.data.sources[source_id].line}")
                continue
            if source_type and source_type not in CSL_TYPES:
                self.problem("sources", entry.line_of("type"), "source-bad-type",
                             f"'{source_type}' is not a CSL type; use e.g. article-newspaper, webpage, entry-encyclopedia, report")
            source = Source(source_id, source_type, title, entry.line, _plain(entry))
            source.authors = self.names(entry)
            source.container = self.text("sources", entry, "container-title", required=False)
            source.publisher = self.text("sources", entry, "publisher", required=False)
            is_article = source_id == self.data.article.source
            if not (source.authors or source.container or source.publisher or is_article):
                self.problem("sources", entry.line, "source-missing-field",
                             "the entry needs an 'author', a 'publisher' or a 'container-title' (the outlet)")
            for key in ("issued", "accessed"):
                if key in entry:
                    parsed = parse_date(entry[key])
                    if parsed is None:
                        self.problem("sources", entry.line_of(key), "source-bad-date",
                                     f"'{key}' is not a real date; write YYYY-MM-DD, YYYY-MM or YYYY")
                    setattr(source, key, parsed)
            verified = entry.get("verified", True)
            source.verified = verified is not False
            source.verification = self.text("sources", entry, "verification", required=False)
            if not source.verified and not source.verification:
                self.problem("sources", entry.line_of("verified"), "source-missing-field",
                             "an entry marked 'verified: false' needs 'verification: ...' saying what is missing")
            source.url = self.text("sources", entry, "URL", required=False)
            source.archive_url = self.text("sources", entry, "archive_location", required=False)
            source.group = self.text("sources", entry, "group", required=False)
            if not source.url and source.verified and not is_article:
                self.problem("sources", entry.line, "source-missing-field", "the entry has no 'URL'; add 'URL: https://...'")
            for key, url in (("URL", source.url), ("archive_location", source.archive_url)):
                if url and not url.startswith("https://"):
                    self.problem("sources", entry.line_of(key), "source-insecure-url", f"'{key}' must be an https:// address, not '{url[:60]}'")
            if source.url:
                key = url_key(source.url)
                if key in seen_urls:
                    self.problem("sources", entry.line_of("URL"), "source-duplicate-url",
                                 f"the same URL is already the source '{seen_urls[key]}'; cite that one instead")
                seen_urls.setdefault(key, source_id)
            self.data.sources[source_id] = source

    def names(self, entry: dict) -> list[str]:
        names = entry.get("author") or []
        if not isinstance(names, list):
            self.problem("sources", entry.line_of("author"), "data-shape", "'author' must be a list like [{family: Doe, given: Jane}]")
            return []
        result = []
        for name in names:
            if isinstance(name, dict) and (name.get("family") or name.get("literal")):
                result.append(str(name.get("literal") or " ".join(str(name[k]) for k in ("given", "family") if name.get(k))))
            else:
                self.problem("sources", entry.line_of("author"), "data-shape", "each author needs 'family' (and 'given'), or 'literal'")
        return result

    # timeline.yml
    def events(self, value: Any) -> None:
        seen: dict[tuple, int] = {}
        for entry in self.entries("timeline", value, "events"):
            title = self.text("timeline", entry, "title")
            summary = self.text("timeline", entry, "summary")
            if "date" not in entry:
                self.problem("timeline", entry.line, "timeline-missing-field", "the event has no 'date'; add 'date: YYYY-MM-DD'")
                continue
            date = parse_date(entry["date"])
            if date is None:
                self.problem("timeline", entry.line_of("date"), "timeline-bad-date",
                             f"'{entry['date']}' is not a real date; write YYYY, YYYY-MM or YYYY-MM-DD")
                continue
            end = None
            if entry.get("end") is not None:
                end = parse_date(entry["end"])
                if end is None:
                    self.problem("timeline", entry.line_of("end"), "timeline-bad-date",
                                 f"'{entry['end']}' is not a real date; write YYYY, YYYY-MM or YYYY-MM-DD")
                elif end.covers_end() < date.start():
                    self.problem("timeline", entry.line_of("end"), "timeline-end-before-start",
                                 f"the event ends ({end.iso}) before it starts ({date.iso})")
            anchor = self.text("timeline", entry, "id", required=False) or f"{date.iso}-{slug(title, 40)}"
            identity = (date, title.lower())
            if identity in seen:
                self.problem("timeline", entry.line, "timeline-duplicate", f"the same event is already on line {seen[identity]}")
                continue
            seen[identity] = entry.line
            event = Event("ev-" + anchor, date, title, summary, entry.line, end,
                          self.words("timeline", entry, "tags"), self.words("timeline", entry, "sources"),
                          self.words("timeline", entry, "pages"), dict(entry.key_lines))
            self.data.events.append(event)
        self.data.events.sort(key=lambda event: (event.date.start(), event.line))

    # claims.yml
    def claims(self, value: Any) -> None:
        seen: dict[str, int] = {}
        for entry in self.entries("claims", value, "claims"):
            claim_id = self.text("claims", entry, "id")
            if not claim_id:
                continue
            if claim_id in seen:
                self.problem("claims", entry.line_of("id"), "claim-duplicate-id", f"id '{claim_id}' is already used on line {seen[claim_id]}")
                continue
            seen[claim_id] = entry.line
            todo = entry.get("status") == "todo"
            kind = self.text("claims", entry, "kind", required=not todo)
            if kind and kind not in CLAIM_KINDS:
                self.problem("claims", entry.line_of("kind"), "claim-bad-kind", f"kind '{kind}' must be one of: {', '.join(CLAIM_KINDS)}")
            assessment = self.text("claims", entry, "assessment", required=False)
            if assessment and assessment not in ASSESSMENTS:
                self.problem("claims", entry.line_of("assessment"), "claim-bad-assessment",
                             f"assessment '{assessment}' must be one of: {', '.join(ASSESSMENTS)}")
            claim = Claim(claim_id, entry.line, self.words("claims", entry, "paragraphs"),
                          self.text("claims", entry, "quote", required=not todo),
                          self.text("claims", entry, "paraphrase", required=not todo),
                          kind, assessment, self.text("claims", entry, "note", required=False),
                          self.words("claims", entry, "sources"), self.words("claims", entry, "pages"),
                          self.words("claims", entry, "tags"), todo, dict(entry.key_lines))
            self.data.claims.append(claim)


def _prefix(kind: str) -> str:
    return {"sources": "source", "timeline": "timeline", "claims": "claim", "article": "article", "tags": "tag"}[kind]


def _plain(value: Any) -> Any:
    """Located values back to plain ones (for CSL JSON export)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
