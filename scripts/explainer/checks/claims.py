"""Claims: verbatim quotes, real paragraphs, complete coverage, sourced facts."""
from __future__ import annotations

from typing import Iterator

from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project
from explainer.model.coverage import coverage_map
from explainer.model.texts import normalise


def check(project: Project) -> Iterator[Diagnostic]:
    data = project.data
    yield from data.problems["article"]
    yield from data.problems["claims"]
    path = data.path("claims")
    paragraphs = data.article.by_id
    last = data.article.paragraphs[-1].id if data.article.paragraphs else "none"
    for claim in data.claims:
        line = claim.lines.get
        if claim.todo:
            if project.release:
                yield Diagnostic(path, claim.line, 1, "claim-todo", f"claim '{claim.id}' is still marked 'status: todo'")
            continue
        for pid in claim.paragraphs:
            if pid not in paragraphs:
                yield Diagnostic(path, line("paragraphs", claim.line), 1, "claim-paragraph-out-of-range",
                                 f"the article has no paragraph '{pid}' (paragraphs run p1 to {last})")
        if claim.quote:
            texts = [paragraphs[pid].text for pid in claim.paragraphs if pid in paragraphs] or \
                    [p.text for p in data.article.paragraphs]
            if not any(normalise(claim.quote) in normalise(text) for text in texts):
                where = ", ".join(claim.paragraphs) or "the article"
                yield Diagnostic(path, line("quote", claim.line), 1, "claim-quote-not-verbatim",
                                 f"the quote does not occur word for word in {where}; copy it exactly from docs/data/article.yml")
        if claim.kind == "factual" and not claim.assessment:
            yield Diagnostic(path, claim.line, 1, "claim-no-assessment",
                             "a factual claim needs an 'assessment' (consistent, contested, unverifiable or inaccurate)")
        if claim.kind in ("opinion", "prediction") and claim.assessment:
            yield Diagnostic(path, line("assessment", claim.line), 1, "claim-judged-opinion",
                             f"an {claim.kind} is labelled, not judged; remove 'assessment'")
        if claim.kind == "factual" and not claim.sources:
            yield Diagnostic(path, claim.line, 1, "claim-no-source", "a factual claim needs 'sources' that bear on it")
        for key in claim.sources:
            if "sources" not in data.unreadable and key not in data.sources:
                yield Diagnostic(path, line("sources", claim.line), 1, "claim-unknown-source", f"no source '{key}' in {data.path('sources')}")
        for page in claim.pages:
            if page not in project.pages:
                yield Diagnostic(path, line("pages", claim.line), 1, "claim-unknown-page", f"no page 'docs/{page}'")
        for tag in claim.tags:
            if tag not in data.tags:
                yield Diagnostic(path, line("tags", claim.line), 1, "claim-unknown-tag", f"unknown tag '{tag}'; see {data.path('tags')}")
    covered = coverage_map(data, project.pages)
    for paragraph in data.article.paragraphs:
        if not covered.get(paragraph.id):
            yield Diagnostic(data.path("article"), paragraph.line, 1, "paragraph-uncovered",
                             f"paragraph {paragraph.id} is covered by no page and no claim; list it in a page's "
                             f"'covers:' or add a claim for it", "error" if project.release else "warning")
