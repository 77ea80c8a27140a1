"""What each marker renders to: one table, shared by the build and the checks."""
from __future__ import annotations

from functools import partial

from explainer.render import claims, coverage, markers, sources, timeline


def renderers(context: markers.Context) -> dict[str, markers.Renderer]:
    """Markers by name; the sources index expands pages with the others."""
    plain = {"timeline": timeline.render, "claims": claims.render, "coverage": coverage.render}

    def expand_page(lines: list[str]) -> list[str]:
        return markers.expand(lines, context, plain, lambda number, message: [])

    return {**plain, "sources": partial(sources.render, expand_page=expand_page)}
