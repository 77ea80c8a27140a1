"""Every external address in the explainer, with each place it is written.

The online check asks about each address once but reports a broken one on
every line that uses it; the offline check applies the URL policy to the
data files here (pages are scanned in ``docs``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from explainer.model.records import DATA_FILES
from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project
from explainer.model.urls import is_external
from explainer.checks.links import policy
from explainer.checks.links.docs import DocsSite

_SOURCE_FIELD = re.compile(r"^\s*(?:-\s+)?(?P<key>URL|archive_location)\s*:\s*(?P<value>\S.*?)\s*$")
_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s\"'<>\]]+")
_MARKDOWN_LINK = re.compile(r"\]\((?P<url>[A-Za-z][A-Za-z0-9+.-]*:[^)\s]+)")
_TEXT_FILES = ("timeline", "claims")   # data files whose text fields may hold links


@dataclass(frozen=True)
class Occurrence:
    """One place an external address is written; ``source`` is the bibliography id, if any."""

    url: str
    path: str
    line: int
    col: int
    field: str = ""
    source: str = ""


def page_urls(docs: DocsSite) -> Iterator[Occurrence]:
    """External links written in pages (links made by markers come from data files, found there)."""
    for page in docs.project.pages.values():
        for link in docs.links(page):
            if not link.generated and is_external(link.url):
                yield Occurrence(link.url.strip(), page.display, link.line, link.col)


def data_urls(project: Project) -> Iterator[Occurrence]:
    """External addresses in sources.yml (URL, archive_location) and in timeline and claims text."""
    data = project.data
    owners = {}
    for source in data.sources.values():
        owners.setdefault(source.url, source.id)
        owners.setdefault(source.archive_url, source.id)
    for number, line in _lines(data, "sources"):
        match = _SOURCE_FIELD.match(line)
        if match:
            url = match.group("value").strip("'\"")
            col = match.start("value") + 1 + (match.group("value")[:1] in "'\"")
            yield Occurrence(url, data.path("sources"), number, col, match.group("key"), owners.get(url, ""))
    for kind in _TEXT_FILES:
        for number, line in _lines(data, kind):
            for col, url in _urls_in(line):
                yield Occurrence(url, data.path(kind), number, col)


def data_policy(project: Project) -> Iterator[Diagnostic]:
    """The URL policy for data files; sources.yml's https rule is the citations check's own."""
    for found in data_urls(project):
        for rule, message in policy.problems(found.url, check_scheme=not found.field):
            yield Diagnostic(found.path, found.line, found.col, rule, message)


def _lines(data, kind: str) -> Iterator[tuple[int, str]]:
    try:
        text = (data.data_dir / DATA_FILES[kind]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # the data loader reports unreadable files
    for number, line in enumerate(text.splitlines(), 1):
        if not line.lstrip().startswith("#"):
            yield number, line


def _urls_in(line: str) -> Iterator[tuple[int, str]]:
    seen = set()
    for match in _MARKDOWN_LINK.finditer(line):
        seen.add(match.start("url"))
        yield match.start("url") + 1, match.group("url")
    for match in _BARE_URL.finditer(line):
        if match.start() not in seen:
            yield match.start() + 1, _trim(match.group(0))


def _trim(url: str) -> str:
    """A URL found in running text, without the punctuation that ends the sentence."""
    url = url.rstrip(".,;:!?")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:!?")
    return url
