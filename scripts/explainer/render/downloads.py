"""``<!-- md:download data=timeline -->``: a link to one of the data files the build publishes.

A marker rather than a link in the page, because the two builders treat a
link to a file outside the pages differently (MkDocs leaves raw HTML links as
written; Zensical rewrites them from the page's file): the marker writes the
form each one needs.
"""
from __future__ import annotations

from explainer.render import html
from explainer.render.markers import Context, Html, MarkerError

# What `python -m explainer publish` (render/exports.py) writes, and how to describe it.
DOWNLOADS = {
    "timeline": ("data/timeline.json", "the timeline as JSON"),
    "claims": ("data/claims.json", "the claims as JSON"),
    "sources": ("data/sources.json", "the bibliography as CSL JSON, for reference managers such as Zotero"),
}


def render(args: dict, context: Context) -> list:
    name = args.get("data", "")
    if set(args) != {"data"} or name not in DOWNLOADS:
        raise MarkerError(f"md:download takes data={'|'.join(DOWNLOADS)}")
    path, what = DOWNLOADS[name]
    link = html.link(context.file_url(path), html.text(path.rsplit("/", 1)[-1]))
    return [Html(f'<p class="download">Download {html.text(what)}: {link}</p>')]
