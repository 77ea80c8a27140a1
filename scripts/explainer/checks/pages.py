"""Pages: readable files, known tags and paragraphs in front matter, valid markers."""
from __future__ import annotations

from typing import Iterator

from explainer.render import markers
from explainer.model.diagnostics import Diagnostic
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
        covers = page.meta.get("covers") or []
        for pid in covers if isinstance(covers, list) else [covers]:
            if str(pid) not in paragraphs:
                yield Diagnostic(page.display, page.meta_line("covers"), 1, "page-unknown-paragraph",
                                 f"'covers' names '{pid}', which is not a paragraph id in {data.path('article')}")
        if any("md:" in line for line in page.body):
            problems: list[Diagnostic] = []

            def record(number: int, message: str, page=page, problems=problems) -> list[str]:
                problems.append(Diagnostic(page.display, page.body_line + number - 1, 1, "marker-invalid", message))
                return []

            markers.expand(page.body, context.for_page(page.path), known, record)
            yield from problems
