"""One page, read once in order: citations become footnotes, markers become finished HTML.

The build (the Markdown extension) and the checks (links, the Sources page's
back-links) run the same pass, so footnote numbers and back-link ids agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from explainer.model.mdsource import footnote_marks, map_prose, replace_citations
from explainer.render.markers import Context, Html, Renderer, expand

Store = Callable[[str], str]   # the build's HTML stash: finished HTML in, a placeholder line out


@dataclass
class RenderedPage:
    lines: list[str]        # the page's Markdown, citations as footnote references, markers as HTML
    definitions: dict[str, str]   # footnote label -> its text (finished HTML)


def render_page(lines: list[str], context: Context, renderers: dict[str, Renderer],
                on_error: Callable[[int, str], list[str]], reference: Callable[[tuple], str],
                store: Store | None = None) -> RenderedPage:
    """``reference(items)`` formats one footnote's text; ``store`` keeps HTML out of Python-Markdown's way."""
    notes = context.notes
    notes.handwritten = len(footnote_marks(lines)[0])
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.extend(map_prose(run, lambda text: replace_citations(text, notes.cite_markdown)))
            run.clear()

    for part in expand(lines, context, renderers, on_error):
        if not isinstance(part, Html):
            run.append(part)
            continue
        flush()
        finished = notes.resolve(part.html)
        block = [store(finished)] if store else finished.split("\n")
        out.extend(part.indent + line if line else "" for line in [*block, ""])
    flush()
    definitions = {label: reference(items) for label, items in notes.definitions.items()}
    return RenderedPage(out, definitions)


def render_source(lines: list[str], context: Context, renderers: dict[str, Renderer],
                  on_error: Callable[[int, str], list[str]]) -> list[str]:
    """The page's lines with each marker replaced (on its own line's place) by what it makes,
    citations left as written: what the checks scan for links, anchors and citations."""
    out: list[str] = []
    for part in expand(lines, context, renderers, on_error):
        if isinstance(part, Html):
            out.extend(part.indent + line if line else "" for line in context.notes.as_citations(part.html).split("\n"))
        else:
            out.append(part)
    return out
