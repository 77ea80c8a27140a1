"""How far an explainer is from done: printed by every check run."""
from __future__ import annotations

from explainer.model.project import Project
from explainer.model.coverage import coverage_map


def progress(project: Project) -> dict[str, int]:
    data = project.data
    covered = coverage_map(data, project.pages)
    return {
        "paragraphs": len(data.article.paragraphs),
        "covered": sum(1 for p in data.article.paragraphs if covered.get(p.id)),
        "claims": sum(1 for c in data.claims if not c.todo),
        "claims_todo": sum(1 for c in data.claims if c.todo),
        "events": len(data.events),
        "events_unsourced": sum(1 for e in data.events if not e.sources),
        "sources": len(data.sources),
    }


def progress_line(project: Project) -> str:
    figures = progress(project)
    return (f"Progress: {figures['covered']} of {figures['paragraphs']} paragraphs covered, "
            f"{figures['claims']} claims ({figures['claims_todo']} to do), "
            f"{figures['events']} events ({figures['events_unsourced']} without sources), "
            f"{figures['sources']} sources")
