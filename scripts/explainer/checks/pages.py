"""Pages: readable files, known tags and paragraphs in front matter, valid markers, no verdicts typed by hand."""
from __future__ import annotations

import re
from typing import Iterator

from explainer.render import markers
from explainer.model.diagnostics import Diagnostic
from explainer.model.records import ASSESSMENTS
from explainer.render.registry import renderers
from explainer.model.project import Project


def check(project: Project) -> Iterator[Diagnostic]:
    yield from project.page_problems
    data = project.data
    labels = data.tag_labels
    paragraphs = data.article.by_id
    context = markers.Context.of(data, project.pages, extra=project.extra)
    known = renderers(context)
    for page in project.pages.values():
        tags = page.meta.get("tags") or []
        for tag in tags if isinstance(tags, list) else [tags]:
            if str(tag) not in labels:
                yield Diagnostic(page.display, page.meta_line("tags"), 1, "page-unknown-tag",
                                 f"unknown tag '{tag}'; use a label from {data.path('tags')} or add it there")
        if not str(page.meta.get("description") or "").strip():
            yield Diagnostic(page.display, 1, 1, "page-no-description",
                             "the page has no 'description' in its front matter: search engines and link previews "
                             "show the site's instead; add one sentence saying what the page answers",
                             "error" if project.release else "warning")
        covers = page.meta.get("covers") or []
        for pid in covers if isinstance(covers, list) else [covers]:
            if str(pid) not in paragraphs:
                yield Diagnostic(page.display, page.meta_line("covers"), 1, "page-unknown-paragraph",
                                 f"'covers' names '{pid}', which is not a paragraph id in {data.path('article')}")
        yield from _typed_verdicts(page)
        if any("md:" in line for line in page.body):
            problems: list[Diagnostic] = []

            def record(number: int, message: str, page=page, problems=problems) -> list[str]:
                problems.append(Diagnostic(page.display, page.body_line + number - 1, 1, "marker-invalid", message))
                return []

            markers.expand(page.body, context.for_page(page.path), known, record)
            yield from problems


# A call-out title or a bold lead-in that opens with a verdict label: !!! warning "Contested: ..." or **Contested.**
_LEAD_IN = re.compile(r'^\s*(?:(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s+"(?P<title>[^"]*)"|\*\*(?P<bold>[^*]+)\*\*)')
_VERDICT = re.compile(r"^\W*(?:" + "|".join(re.escape(label) for label in ASSESSMENTS.values()) + r")\b", re.I)


def _typed_verdicts(page) -> Iterator[Diagnostic]:
    """A verdict typed by hand can drift from the claim's assessment; the compact claims marker cannot."""
    for number, line in enumerate(page.body, page.body_line):
        match = _LEAD_IN.match(line)
        words = match and (match.group("title") or match.group("bold") or "")
        if words and _VERDICT.match(words):
            yield Diagnostic(page.display, number, 1, "page-typed-verdict",
                             f"'{words.strip()}' types a verdict by hand; show the claim with "
                             "<!-- md:claims page=... style=compact --> so its label comes from claims.yml")
