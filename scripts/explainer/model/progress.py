"""How far an explainer is from done, and how long its pages take to read: printed by every check run."""
from __future__ import annotations

import math

from explainer.model.project import Project
from explainer.model.coverage import coverage_map
from explainer.model.texts import reading_words

WORDS_A_MINUTE = 200   # a common figure for reading on screen
LISTED_PAGES = 30      # a larger site lists its longest pages only


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
    """What is done and how long the pages take to read, in two lines."""
    figures = progress(project)
    return (f"Progress: {figures['covered']} of {figures['paragraphs']} paragraphs covered, "
            f"{figures['claims']} claims ({figures['claims_todo']} to do), "
            f"{figures['events']} events ({figures['events_unsourced']} without sources), "
            f"{figures['sources']} sources\n" + reading_line(project))


def reading_minutes(project: Project) -> dict[str, int]:
    """Minutes to read each page's own text (generated blocks are not counted), at least one."""
    return {path: max(1, math.ceil(reading_words(page) / WORDS_A_MINUTE)) for path, page in sorted(project.pages.items())}


def reading_line(project: Project) -> str:
    minutes = reading_minutes(project)
    shown = sorted(minutes.items(), key=lambda item: (-item[1], item[0])) if len(minutes) > LISTED_PAGES else minutes.items()
    listed = ", ".join(f"{path} {count} min" for path, count in list(shown)[:LISTED_PAGES])
    longest = " (longest first)" if len(minutes) > LISTED_PAGES else ""
    return f"Reading time at {WORDS_A_MINUTE} words a minute{longest}: {listed or 'no pages'}; {sum(minutes.values())} min in all"
