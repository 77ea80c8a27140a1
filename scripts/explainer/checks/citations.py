"""Citations and the bibliography: every key and excerpt resolves, every source is used."""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from explainer.model import languages
from explainer.model.diagnostics import Diagnostic
from explainer.model.mdsource import CiteItem, footnote_marks
from explainer.model.project import Project


def check(project: Project) -> Iterator[Diagnostic]:
    data = project.data
    yield from data.problems["sources"]
    known_sources = "sources" not in data.unreadable   # else every key would look unknown
    for page in project.pages.values():
        for citation in page.citations:
            if not citation.items:
                yield Diagnostic(page.display, citation.line, citation.col, "citation-empty",
                                 f"'{citation.raw}' cites nothing; write [@source-id]")
            for item in citation.items:
                if known_sources and item.key not in data.sources:
                    yield Diagnostic(page.display, citation.line, citation.col, "citation-unknown-key",
                                     f"no source '{item.key}' in {data.path('sources')}; add it there or fix the id")
                problem = _unknown_excerpt(item, data)
                if problem:
                    yield Diagnostic(page.display, citation.line, citation.col, "citation-unknown-excerpt", problem)
        yield from _footnotes(page)
    for kind, records in (("claims", data.claims), ("timeline", data.events)):
        for record in records:
            for item in record.cites:
                problem = _unknown_excerpt(item, data)
                if problem:
                    yield Diagnostic(data.path(kind), record.lines.get("sources", record.line), 1,
                                     "citation-unknown-excerpt", problem)
    for source in data.sources.values():
        if source.id not in project.cited_keys:
            yield Diagnostic(data.path("sources"), source.line, 1, "source-unused",
                             f"source '{source.id}' is cited nowhere; cite it with [@{source.id}] or remove it")
        for excerpt in source.excerpts.values():
            if excerpt.lang and not excerpt.translation and not languages.same_language(excerpt.lang, project.language):
                yield Diagnostic(data.path("sources"), excerpt.line, 1, "source-excerpt-no-translation",
                                 f"excerpt '{excerpt.id}' is in {languages.name(excerpt.lang)} and the site in "
                                 f"{languages.name(project.language)}: add 'translation: ...' so readers can follow it")


def _unknown_excerpt(item: CiteItem, data) -> str:
    """Why a citation's ``excerpt=id`` cannot be shown, or ""."""
    source = data.sources.get(item.key)
    if not item.excerpt and "excerpt=" in item.locator:
        return f"'excerpt=' names no excerpt; write excerpt=ID with an id from the source's 'excerpts:'"
    if source is None or not item.excerpt or item.excerpt in source.excerpts:
        return ""
    known = ", ".join(source.excerpts) or "none yet"
    return (f"source '{item.key}' has no excerpt '{item.excerpt}' (its excerpts: {known}); "
            f"fix the id or add the excerpt under the source's 'excerpts:' in {data.path('sources')}")


def _footnotes(page) -> Iterator[Diagnostic]:
    definitions, references = footnote_marks(page.body, page.body_line)
    defined = Counter(mark.label for mark in definitions)
    referenced = {mark.label for mark in references}
    reported: set[str] = set()
    for mark in definitions:
        if defined[mark.label] > 1 and mark.label in reported:
            yield Diagnostic(page.display, mark.line, mark.col, "footnote-duplicate",
                             f"footnote [^{mark.label}] is defined twice; keep one definition")
        reported.add(mark.label)
        if mark.label not in referenced:
            yield Diagnostic(page.display, mark.line, mark.col, "footnote-unused",
                             f"footnote [^{mark.label}] is defined but never referenced; remove it or cite it")
    for mark in references:
        if mark.label not in defined:
            yield Diagnostic(page.display, mark.line, mark.col, "footnote-undefined",
                             f"footnote [^{mark.label}] has no definition; add a line '[^{mark.label}]: ...'")
