"""The built site: every internal href/src and #fragment resolves; problems go back to Markdown.

The built HTML is what readers get, so it is the final word: it also holds
what the Markdown scan cannot see (theme templates, snippets, plugins). A
problem whose link is in a page's Markdown is reported on that Markdown
line, with the same message the Markdown scan gives, so the two never
report one mistake twice.
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from explainer.model.diagnostics import Diagnostic
from explainer.model.urls import is_external
from explainer.checks.links import policy
from explainer.checks.links.docs import DocsSite, missing_anchor_message
from explainer.checks.links.htmlpages import HtmlPage, read_page, site_files


@dataclass(frozen=True)
class SiteProblem:
    """One problem in one built page; ``key`` says what it is about, for matching and grouping."""

    page: str
    line: int
    url: str
    rule: str
    message: str
    key: tuple


class BuiltSite:
    """All files of a built site and the parsed HTML pages."""

    def __init__(self, site_dir: Path, display: str):
        self.site_dir = site_dir
        self.display = display.rstrip("/")
        self.files = site_files(site_dir)
        self.pages = {path: read_page(site_dir / path, path) for path in sorted(self.files) if path.endswith(".html")}
        self.base_url, self.base_path = _base(self.pages.get("index.html"))
        self._policy_answers: dict[str, list[tuple[str, str]]] = {}

    def resolve(self, page: str, url: str, folder: str | None = None) -> tuple[str, str, str]:
        """(kind, file, fragment): kind is external, file, missing or outside; ``folder`` is the page's."""
        if url.startswith("#"):   # the commonest link (footnotes, permalinks): no path to work out
            return "file", page, unquote(url[1:]) if "%" in url else url[1:]
        if self.base_url and url.startswith(self.base_url):
            url = self.base_path + url[len(self.base_url):]
        elif is_external(url):
            return "external", url, ""
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
        if "%" in url:
            path, fragment = unquote(path), unquote(fragment)
        if not path:
            return "file", page, fragment
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return "outside", path, fragment
            joined = path[len(self.base_path):]
        else:
            folder = posixpath.dirname(page) if folder is None else folder
            joined = f"{folder}/{path}" if folder else path
        target = posixpath.normpath(joined) if joined else "."
        if target == ".." or target.startswith("../"):
            return "outside", target, fragment
        if target in self.files:
            return "file", target, fragment
        index = "index.html" if target == "." else target + "/index.html"
        if index in self.files:
            return "file", index, fragment
        return "missing", target, fragment

    def problems(self) -> Iterator[SiteProblem]:
        for page in self.pages.values():
            folder = posixpath.dirname(page.path)
            for url in page.urls:
                found = self._link_problem(page, url, folder)
                if found:
                    yield found
            for image in page.images_without_alt:
                yield SiteProblem(page.path, image.line, image.url, "image-no-alt", f"the image '{image.url}' has no alt text",
                                  ("image", self.resolve(page.path, image.url)[1]))

    def _link_problem(self, page: HtmlPage, url: str, folder: str) -> SiteProblem | None:
        kind, target, fragment = self.resolve(page.path, url, folder)
        if kind == "external":
            found = self._policy(url)
            return SiteProblem(page.path, page.line_of(url), url, *found[0], ("external", url)) if found else None
        if kind in ("missing", "outside"):
            return SiteProblem(page.path, page.line_of(url), url, "link-missing-page",
                               f"'{url}' points to '{target}', which is not in the built site", ("file", target, fragment))
        if not fragment or fragment == "top" or fragment.startswith(":~:") or not target.endswith(".html"):
            return None
        ids = self.pages[target].ids if target in self.pages else set()
        if fragment in ids:
            return None
        return SiteProblem(page.path, page.line_of(url), url, "link-missing-anchor",
                           missing_anchor_message(url, f"{self.display}/{target}", fragment, ids), ("file", target, fragment))

    def _policy(self, url: str) -> list[tuple[str, str]]:
        """The URL policy, asked once per address (a theme repeats its links on every page)."""
        if url not in self._policy_answers:
            self._policy_answers[url] = policy.problems(url)
        return self._policy_answers[url]


def check_site(site: BuiltSite, docs: DocsSite, data_urls: set[str] = frozenset()) -> Iterator[Diagnostic]:
    """Site problems as diagnostics: on the Markdown line when the link is in the page's text.

    External addresses written in data files (``data_urls``) are reported
    there, where they are fixed, not on every page that shows them.
    """
    sources = {docs.html_path(path): page for path, page in docs.project.pages.items()}
    unmatched: dict[tuple, list[SiteProblem]] = defaultdict(list)
    for problem in site.problems():
        if problem.key[0] == "external" and problem.url.strip() in data_urls:
            continue
        page = sources.get(problem.page)
        diagnostic = _on_markdown(problem, page, site, docs) if page else None
        if diagnostic:
            yield diagnostic
        else:
            unmatched[(problem.rule, problem.key)].append(problem)
    for group in unmatched.values():
        yield _unmatched(group, sources, site)


def _on_markdown(problem: SiteProblem, page, site: BuiltSite, docs: DocsSite) -> Diagnostic | None:
    """The diagnostic at the Markdown link that made this HTML link, if there is one."""
    for link in docs.links(page):
        about_image = problem.rule == "image-no-alt"
        if about_image and not link.image:
            continue
        if link.url.strip() != problem.url.strip() and _site_key(link, page, docs, about_image) != problem.key:
            continue
        diagnostic = docs.problem(page, link)
        if diagnostic is None or diagnostic.rule != problem.rule:  # the built page knows better
            made = "a link made by the marker on this line: " if link.generated else ""
            diagnostic = Diagnostic(page.display, link.line, link.col, problem.rule, made + problem.message)
        return diagnostic
    return None


def _site_key(link, page, docs: DocsSite, about_image: bool) -> tuple:
    """The key a Markdown link's HTML counterpart would have in a SiteProblem."""
    target = docs.resolve(page, link.url, link.html)
    if target.kind == "external":
        return ("external", link.url.strip())
    built = docs.html_path(target.path.rstrip("/")) if target.kind == "page" else target.path
    if about_image:
        return ("image", built)
    return ("file", built, target.fragment)


def _unmatched(group: list[SiteProblem], sources: dict, site: BuiltSite) -> Diagnostic:
    """One diagnostic for a problem not in any Markdown text (theme, snippet, plugin)."""
    first = group[0]
    pages = sorted({problem.page for problem in group})
    where = f"{site.display}/{first.page}"
    if len(pages) > 1:
        more = f" (also on {len(pages) - 1} other built page(s); it probably comes from the theme or overrides/)"
        return Diagnostic(where, first.line, 1, first.rule, first.message + more)
    page = sources.get(first.page)
    if page is None:
        return Diagnostic(where, first.line, 1, first.rule, first.message)
    line = _guess_line(page, first)
    return Diagnostic(page.display, line, 1, first.rule,
                      f"{first.message} (in the built page {where}, line {first.line}; "
                      f"the link is not in this file's text, so it comes from an included snippet, a marker or a plugin)")


def _guess_line(page, problem: SiteProblem) -> int:
    """The body line that most likely made the link: one naming its target, else an include or marker."""
    needles = [str(part) for part in problem.key[1:] if part]
    needles = [posixpath.basename(n.removesuffix("/index.html")) or n for n in needles]
    for needles_to_try in (needles, ["--8<--", "<!-- md:", "<!-- material/"]):
        for number, line in enumerate(page.body, page.body_line):
            if any(needle and needle in line for needle in needles_to_try):
                return number
    return page.body_line


def _base(index: HtmlPage | None) -> tuple[str, str]:
    """The site's own address and path prefix, from the home page's canonical link."""
    if index is None or not index.canonical or not is_external(index.canonical):
        return "", "/"
    base = index.canonical if index.canonical.endswith("/") else index.canonical.rsplit("/", 1)[0] + "/"
    try:
        path = urlsplit(base).path or "/"
    except ValueError:
        return "", "/"
    return base, path
