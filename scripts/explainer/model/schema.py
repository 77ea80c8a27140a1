"""The schema of the data files: raw located YAML in, typed records and problems out."""
from __future__ import annotations

import math
import re
from typing import Any

from explainer.model import languages, yamlfile
from explainer.model.dates import parse_date
from explainer.model.diagnostics import Diagnostic
from explainer.model.mdsource import CiteItem
from explainer.model.records import (ASSESSMENTS, CLAIM_KINDS, CSL_TYPES, LABEL_POSITIONS, PLACE_KINDS, Article,
                                     Claim, Data, Event, Excerpt, Paragraph, Place, Route, Source, Tag, slug)
from explainer.model.urls import url_key

_SOURCE_ID = re.compile(r"^[\w][\w:.#$%&\-+?<>~/]*$")
_PARAGRAPH_ID = re.compile(r"^p[1-9]\d*[a-z]?$")
_PLACE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EXCERPT_ID = re.compile(r"^[\w-]+$")
_MISSING_FIELD = {"sources": "source-missing-field", "timeline": "timeline-missing-field",
                  "claims": "claim-missing-field", "article": "article-missing-field", "tags": "tag-missing-field",
                  "places": "place-missing-field"}


def validate(data: Data, raw: dict) -> None:
    """Fill ``data`` with the records in ``raw`` (one parsed value per data file), reporting problems."""
    _Validator(data).run(raw)


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
        self.places(raw["places"])

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

    def text(self, kind: str, entry: dict, key: str, required: bool = True) -> str:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(kind, entry.line, _MISSING_FIELD[kind], f"the entry has no '{key}'; add '{key}: ...'")
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
                if label is None or not str(label).strip():
                    self.problem("tags", members.line_of(tag_slug), "tag-missing-field",
                                 f"tag '{tag_slug}' has no label; write '{tag_slug}: Label'")
                    label = tag_slug
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
            source.language = self.language(entry, "language", "")
            source.excerpts = self.excerpts(entry, source)
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

    def language(self, entry: dict, key: str, default: str) -> str:
        tag = self.text("sources", entry, key, required=False)
        if tag and languages.primary(tag) is None:
            self.problem("sources", entry.line_of(key), "source-excerpt-bad-lang",
                         f"'{tag}' is not a language tag this site knows; use a two-letter code such as en, es, fr, ru")
            return default
        return tag or default

    # excerpts: [{id, text, lang, translation}], an extension of CSL (pandoc's citeproc ignores it)
    def excerpts(self, entry: dict, source: Source) -> dict[str, Excerpt]:
        value = entry.get("excerpts")
        if value is None:
            return {}
        if not isinstance(value, list):
            self.problem("sources", entry.line_of("excerpts"), "data-shape",
                         "'excerpts' must be a list of entries, each starting with '- id: ...'")
            return {}
        found: dict[str, Excerpt] = {}
        for item, line in zip(value, value.item_lines):
            if not isinstance(item, dict):
                self.problem("sources", line, "data-shape", "each excerpt must be 'id:', 'text:' and, if needed, 'lang:' and 'translation:' lines")
                continue
            excerpt_id, text = (self.excerpt_field(item, key) for key in ("id", "text"))
            if not excerpt_id or not text:
                continue
            if not _EXCERPT_ID.match(excerpt_id):
                self.problem("sources", item.line_of("id"), "data-shape",
                             f"excerpt id '{excerpt_id}' may use letters, digits and hyphens only")
                continue
            if excerpt_id in found:
                self.problem("sources", item.line_of("id"), "source-excerpt-duplicate-id",
                             f"source '{source.id}' already has an excerpt '{excerpt_id}' (line {found[excerpt_id].line})")
                continue
            excerpt = Excerpt(excerpt_id, text, self.language(item, "lang", source.language), item.line,
                              self.text("sources", item, "translation", required=False))
            if excerpt.translation and not excerpt.lang and "lang" not in item:
                self.problem("sources", item.line_of("translation"), "source-excerpt-bad-lang",
                             "a translated excerpt needs the language it was translated from: add 'lang: ...' (es, fr, ru, ...)")
            found[excerpt_id] = excerpt
        return found

    def excerpt_field(self, item: dict, key: str) -> str:
        value = item.get(key)
        if isinstance(value, (dict, list)):
            self.problem("sources", item.line_of(key), "data-shape", f"the excerpt's '{key}' must be text")
            return ""
        if value is None or not str(value).strip():
            self.problem("sources", item.line_of(key), "source-excerpt-missing-field", f"the excerpt has no '{key}'; add '{key}: ...'")
            return ""
        return str(value).strip()

    def cites(self, kind: str, entry: dict) -> tuple[list[str], tuple[CiteItem, ...]]:
        """A 'sources:' list: each entry a source id, optionally pointing at an excerpt ('id, excerpt=x')."""
        items = tuple(CiteItem.parse(word) for word in self.words(kind, entry, "sources"))
        return [item.key for item in items], items

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
            keys, cites = self.cites("timeline", entry)
            event = Event("ev-" + anchor, date, title, summary, entry.line, end,
                          self.words("timeline", entry, "tags"), keys,
                          self.words("timeline", entry, "pages"), dict(entry.key_lines), cites)
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
            keys, cites = self.cites("claims", entry)
            claim = Claim(claim_id, entry.line, self.words("claims", entry, "paragraphs"),
                          self.text("claims", entry, "quote", required=not todo),
                          self.text("claims", entry, "paraphrase", required=not todo),
                          kind, assessment, self.text("claims", entry, "note", required=False),
                          keys, self.words("claims", entry, "pages"),
                          self.words("claims", entry, "tags"), todo, dict(entry.key_lines), cites)
            self.data.claims.append(claim)

    # places.yml: points and routes for the locator maps (<!-- md:map -->)
    def places(self, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.problem("places", getattr(value, "line", 1), "data-shape", "expected a 'places:' list and a 'routes:' list")
            return
        for key in value:
            if key not in ("places", "routes"):
                self.problem("places", value.line_of(key), "data-shape", f"unknown section '{key}:'; use 'places:' and 'routes:'")
        written: set[str] = set()   # every place id written, valid or not, so a route names no place twice over
        for entry in self.entries("places", value.get("places"), "places"):
            place = self.place(entry)
            if place is None:
                continue
            written.add(place.id)
            if place.id in self.data.places:
                self.problem("places", entry.line_of("id"), "place-duplicate-id",
                             f"place '{place.id}' is already defined on line {self.data.places[place.id].line}")
            elif place.lat is not None and place.lon is not None:
                self.data.places[place.id] = place
        for entry in self.entries("places", value.get("routes"), "routes"):
            self.route(entry, written)

    def place(self, entry: dict) -> Place | None:
        place_id = self.text("places", entry, "id")
        name = self.text("places", entry, "name")
        if not place_id:
            return None
        if not _PLACE_ID.match(place_id):
            self.problem("places", entry.line_of("id"), "place-bad-id",
                         f"place id '{place_id}' must be lowercase words joined by hyphens, like old-harbour")
        lat = self.coordinate(entry, "lat", 90, "latitude", "-90 (south) and 90 (north)")
        lon = self.coordinate(entry, "lon", 180, "longitude", "-180 (west) and 180 (east)")
        kind = self.text("places", entry, "kind")
        if kind and kind not in PLACE_KINDS:
            self.problem("places", entry.line_of("kind"), "place-bad-kind",
                         f"kind '{kind}' must be one of: {', '.join(PLACE_KINDS)}")
        label = self.text("places", entry, "label", required=False)
        if label and label not in LABEL_POSITIONS:
            self.problem("places", entry.line_of("label"), "data-shape",
                         f"'label' says where the name goes: one of {', '.join(LABEL_POSITIONS)}")
            label = ""
        place = Place(place_id, name, lat, lon, kind, entry.line, self.text("places", entry, "country", required=False),
                      label, self.words("places", entry, "tags"), self.words("places", entry, "sources"),
                      entry.get("verified", True) is not False, self.text("places", entry, "verification", required=False),
                      dict(entry.key_lines))
        if not place.verified and not place.verification:
            self.problem("places", entry.line_of("verified"), "place-missing-field",
                         "a place marked 'verified: false' needs 'verification: ...' saying what is missing")
        if place.verified and not place.sources:
            self.problem("places", entry.line, "place-missing-field",
                         "the place has no 'sources'; add the id of a source in sources.yml that states its coordinates")
        return place

    def coordinate(self, entry: dict, key: str, limit: int, what: str, bounds: str) -> float | None:
        """A latitude or longitude in decimal degrees, or None (reported) when it is missing or impossible."""
        value = entry.get(key)
        if value is None:
            self.problem("places", entry.line, "place-missing-field",
                         f"the place has no '{key}'; add '{key}: ...' in decimal degrees, as the source gives it")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.problem("places", entry.line_of(key), "place-bad-coordinates",
                         f"'{key}' must be a number of degrees, like 34.883 (south and west are negative), not '{value}'")
            return None
        if not -limit <= value <= limit:
            self.problem("places", entry.line_of(key), "place-bad-coordinates",
                         f"'{key}' is {value:g}, but a {what} lies between {bounds}")
            return None
        return float(value)

    def route(self, entry: dict, written: set[str]) -> None:
        route_id = self.text("places", entry, "id")
        name = self.text("places", entry, "name")
        if not route_id:
            return
        if not _PLACE_ID.match(route_id):
            self.problem("places", entry.line_of("id"), "place-bad-id",
                         f"route id '{route_id}' must be lowercase words joined by hyphens, like ferry-line")
        if route_id in self.data.routes:
            self.problem("places", entry.line_of("id"), "place-duplicate-id",
                         f"route '{route_id}' is already defined on line {self.data.routes[route_id].line}")
            return
        raw = entry.get("paths")
        line = entry.line_of("paths")
        if raw is None:
            self.problem("places", entry.line, "place-missing-field",
                         "the route has no 'paths'; add 'paths: [[first-place, next-place, ...]]'")
            raw = []
        if not isinstance(raw, list) or not all(isinstance(path, list) for path in raw):
            self.problem("places", line, "data-shape", "'paths' must be a list of paths, each a list of place ids: [[a, b, c]]")
            raw = []
        paths = []
        for path in raw:
            ids = [str(item) for item in path]
            if len(ids) < 2:
                self.problem("places", line, "route-too-short", "each path of a route needs at least two places")
                continue
            for place_id in ids:
                if place_id not in written:
                    self.problem("places", line, "route-unknown-place",
                                 f"the route passes through '{place_id}', which is not a place in this file")
            paths.append(ids)
        sources = self.words("places", entry, "sources")
        if not sources:
            self.problem("places", entry.line, "place-missing-field",
                         "the route has no 'sources'; add the id of a source in sources.yml that describes it")
        self.data.routes[route_id] = Route(route_id, name, paths, entry.line, self.words("places", entry, "tags"),
                                           sources, dict(entry.key_lines))


def _plain(value: Any) -> Any:
    """Located values back to plain ones (for CSL JSON export)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
