"""The docs folder as the build will publish it: files, pages, their links and anchors.

Links are resolved with MkDocs' rules (relative to the page; ``/x.md``
relative to docs, as ``absolute_links: relative_to_docs`` says), and markers
are expanded first, so links and anchors the build generates are known too.
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import posixpath
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from explainer.render import markers
from explainer.model.records import Page
from explainer.model.diagnostics import Diagnostic
from explainer.render.page import render_source
from explainer.render.registry import renderers
from explainer.model.project import Project
from explainer.model.urls import is_external
from explainer.model.settings import read_settings
from explainer.checks.links import policy
from explainer.checks.links.mdlinks import Link, Row, find_anchors, find_links

_PLUGIN_ANCHORS = ("<!-- material/tags",)  # pages whose anchors a plugin makes: not modelled here
_OPEN_FRAGMENTS = {"", "top"}               # a browser scrolls to the top for these


@dataclass(frozen=True)
class Target:
    """Where a link goes: ``kind`` is external, page (a docs file), outside or empty."""

    kind: str
    path: str = ""
    fragment: str = ""


class DocsSite:
    """Pages and files of one explainer, with links and anchors worked out once."""

    def __init__(self, project: Project):
        self.project = project
        self.config = read_settings(project.root / "mkdocs.yml")
        self.files = _docs_files(project.docs_dir, self.config.get("exclude_docs") or "")
        self._anchors: dict[str, set[str] | None] = {}
        self._rows: dict[str, list[Row]] = {}
        self._links: dict[str, list[Link]] = {}

    # Pages as the build sees them.
    @cached_property
    def _context(self) -> tuple[markers.Context, dict]:
        context = markers.Context.of(self.project.data, self.project.pages, extra=self.project.extra)
        return context, renderers(context)

    def rows(self, page: Page) -> list[Row]:
        """The page's body lines, each marker replaced by what it expands to (on the marker's line)."""
        if page.path not in self._rows:
            self._rows[page.path] = list(self._expand(page))
        return self._rows[page.path]

    def _expand(self, page: Page) -> Iterator[Row]:
        for number, line in enumerate(page.body, page.body_line):
            if "md:" not in line or not markers.MARKER.match(line):
                yield number, line, False
                continue
            context, known = self._context
            for text in render_source([line], context.for_page(page.path), known, lambda n, message: []):
                yield number, text, True

    def links(self, page: Page) -> list[Link]:
        if page.path not in self._links:
            self._links[page.path] = list(find_links(self.rows(page)))
        return self._links[page.path]

    def anchors(self, path: str) -> set[str] | None:
        """Ids of a page's built HTML, or None when a plugin adds ids this cannot foresee."""
        if path not in self._anchors:
            page = self.project.pages[path]
            if any(marker in line for line in page.body for marker in _PLUGIN_ANCHORS):
                self._anchors[path] = None
            else:
                self._anchors[path] = find_anchors(self.rows(page))
        return self._anchors[path]

    # Resolving and judging one link.
    def resolve(self, page: Page, url: str, raw_html: bool = False) -> Target:
        """Where a link goes. Markdown links are relative to the page's file, as MkDocs
        rewrites them; raw HTML ones are left as written, so relative to the page's URL."""
        url = url.strip()
        if not url:
            return Target("empty")
        if is_external(url):
            return Target("external", url)
        path, _, fragment = url.partition("#")
        path = unquote(path.split("?", 1)[0])
        if not path:
            return Target("page", page.path, unquote(fragment))
        if raw_html:
            return self._resolve_built(page, path, unquote(fragment))
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page.path), path)
        target = posixpath.normpath(joined) if joined else "."
        if target == ".." or target.startswith("../"):
            return Target("outside", target, unquote(fragment))
        return Target("page", target + ("/" if path.endswith("/") and target != "." else ""), unquote(fragment))

    def _resolve_built(self, page: Page, path: str, fragment: str) -> Target:
        """A raw HTML link: found in the built site's layout, or "unknown" (a hook may make it)."""
        base = posixpath.dirname(self.html_path(page.path))
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
        built = posixpath.normpath(joined) if joined else "."
        for candidate in (built, posixpath.join(built, "index.html")):
            candidate = candidate.removeprefix("./")
            if candidate in self._published:
                return Target("page", self._published[candidate], fragment)
        return Target("unknown", built, fragment)

    @cached_property
    def _published(self) -> dict[str, str]:
        """Built path -> docs path, for every page and file MkDocs publishes."""
        published = {path: path for path in self.files if not path.endswith(".md")}
        published.update((self.html_path(path), path) for path in self.project.pages)
        return published

    def problem(self, page: Page, link: Link) -> Diagnostic | None:
        """What is wrong with one link of a page, as a diagnostic at the link; None if nothing."""
        found = self.judge(page, link)
        if found is None:
            return None
        rule, message = found
        if link.generated:
            message = f"a link made by the marker on this line: {message}"
        return Diagnostic(page.display, link.line, link.col, rule, message)

    def judge(self, page: Page, link: Link) -> tuple[str, str] | None:
        if link.lacks_alt():
            return "image-no-alt", "the image has no alt text; describe it for readers who cannot see it: ![what it shows](...)"
        target = self.resolve(page, link.url, link.html)
        if target.kind == "unknown":
            return None  # not a docs file: only the built site can say (checked there)
        if target.kind == "empty":
            return "link-missing-page", "the link has no address; put the page or https:// address between the ( )"
        if target.kind == "external":
            if link.generated:
                return None  # addresses from data files are checked where they are written
            found = policy.problems(link.url)
            return found[0] if found else None
        return self._judge_internal(link.url, target)

    def _judge_internal(self, url: str, target: Target) -> tuple[str, str] | None:
        if target.kind == "outside":
            return "link-missing-page", f"'{url}' points outside the docs folder; link to a page inside docs/"
        path = target.path
        if path not in self.files or (path.endswith(".md") and path not in self.project.pages):
            return ("link-missing-page",
                    f"'{url}' points to 'docs/{path.rstrip('/')}', which does not exist{self._hint(url, path)}")
        if path.endswith(".md") and target.fragment not in _OPEN_FRAGMENTS and not target.fragment.startswith(":~:"):
            anchors = self.anchors(path)
            if anchors is not None and target.fragment not in anchors:
                return "link-missing-anchor", missing_anchor_message(url, f"docs/{path}", target.fragment, anchors)
        return None

    def _hint(self, url: str, path: str) -> str:
        bare = path.rstrip("/")
        if _looks_like_domain(url):
            return f"; for a web address write it in full: https://{url}"
        for candidate in (f"{bare}.md", f"{bare}/index.md", posixpath.splitext(bare)[0] + ".md"):
            if candidate in self.project.pages and candidate != path:
                return f"; link to the Markdown file '{candidate}' instead"
        close = difflib.get_close_matches(path, list(self.project.pages), n=1, cutoff=0.75)
        return f"; did you mean '{close[0]}'?" if close else ""

    # Where a page ends up in the built site.
    def html_path(self, path: str) -> str:
        """The built file for a docs file: ``a/b.md`` -> ``a/b/index.html`` (directory URLs)."""
        if not path.endswith(".md"):
            return path
        stem = path[:-3]
        directory, name = posixpath.split(stem)
        if name in ("index", "README"):
            return posixpath.join(directory, "index.html")
        if self.config.get("use_directory_urls", True) is False:
            return stem + ".html"
        return stem + "/index.html"


def missing_anchor_message(url: str, where: str, fragment: str, anchors) -> str:
    close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
    hint = f"; did you mean '#{close[0]}'?" if close else "; check the heading's spelling or give it an id with {#...}"
    return f"'{url}': there is no anchor '#{fragment}' in {where}{hint}"


def _looks_like_domain(url: str) -> bool:
    first = url.split("/", 1)[0]
    return first.startswith("www.") or (first.count(".") >= 1 and first.rsplit(".", 1)[-1] in _TLDS)


_TLDS = {"com", "org", "net", "ru", "int", "gov", "edu", "uk", "de", "fr", "io", "info", "eu", "ir", "sy", "ve", "ar"}


# Helper functions: the files MkDocs will publish.
def _docs_files(docs_dir: Path, exclude: str) -> set[str]:
    """Files under docs that MkDocs publishes: not hidden, not excluded by ``exclude_docs``."""
    patterns = [line.strip() for line in str(exclude).splitlines() if line.strip() and not line.startswith("#")]
    files = set()
    base = len(str(docs_dir)) + 1
    for directory, subdirs, names in os.walk(docs_dir):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        prefix = directory[base:].replace(os.sep, "/")
        for name in names:
            relative = f"{prefix}/{name}" if prefix else name
            if not name.startswith(".") and not any(_excluded(relative, pattern) for pattern in patterns):
                files.add(relative)
    return files


def _excluded(path: str, pattern: str) -> bool:
    """A small, sufficient subset of the gitignore patterns ``exclude_docs`` takes."""
    anchored = pattern.startswith("/")
    pattern = pattern.strip("/")
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    if anchored:
        return any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes)
    return any(fnmatch.fnmatchcase("/".join(parts[i:n]), pattern)
               for i in range(len(parts)) for n in range(i + 1, len(parts) + 1))
