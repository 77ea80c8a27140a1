"""What each marker renders to: one table, shared by the build and the checks."""
from __future__ import annotations

from functools import partial

from explainer.model.records import Page
from explainer.render import claims, coverage, downloads, maps, sources, tally, timeline
from explainer.render.markers import Context, Renderer
from explainer.render.page import render_page


def renderers(context: Context) -> dict[str, Renderer]:
    """Markers by name; the sources index reads every page with the others."""
    plain = {"timeline": timeline.render, "claims": claims.render, "coverage": coverage.render,
             "download": downloads.render, "map": maps.render, "tally": tally.render}

    def cited_on(page: Page, page_context: Context) -> list:
        render_page(page.body, page_context, plain, lambda number, message: [], lambda items: "")
        return page_context.notes.uses

    return {**plain, "sources": partial(sources.render, cited_on=cited_on)}
