"""Citations and the bibliography: every key resolves, every source is used."""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from explainer.model.diagnostics import Diagnostic
from explainer.model.mdsource import footnote_marks
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
        yield from _footnotes(page)
    for source in data.sources.values():
        if source.id not in project.cited_keys:
            yield Diagnostic(data.path("sources"), source.line, 1, "source-unused",
                             f"source '{source.id}' is cited nowhere; cite it with [@{source.id}] or remove it")


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
