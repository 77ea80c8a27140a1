"""The timeline: known tags, sources and pages for every event."""
from __future__ import annotations

from typing import Iterator

from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project


def check(project: Project) -> Iterator[Diagnostic]:
    data = project.data
    yield from data.problems["timeline"]
    yield from data.problems["tags"]
    path = data.path("timeline")
    for event in data.events:
        if not event.sources:   # unfinished work: a warning while drafting, an error for a release
            yield Diagnostic(path, event.line, 1, "timeline-no-source", "the event has no 'sources'; add at least one bibliography id",
                             "error" if project.release else "warning")
        for tag in event.tags:
            if tag not in data.tags:
                yield Diagnostic(path, event.lines.get("tags", event.line), 1, "timeline-unknown-tag",
                                 f"unknown tag '{tag}'; use one from {data.path('tags')} or add it there")
        for key in event.sources:
            if "sources" not in data.unreadable and key not in data.sources:
                yield Diagnostic(path, event.lines.get("sources", event.line), 1, "timeline-unknown-source",
                                 f"no source '{key}' in {data.path('sources')}")
        for page in event.pages:
            if page not in project.pages:
                yield Diagnostic(path, event.lines.get("pages", event.line), 1, "timeline-unknown-page",
                                 f"no page 'docs/{page}'; give a path under docs/, like argument/history.md")
