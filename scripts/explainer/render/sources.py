"""``<!-- md:sources -->``: the bibliography, grouped, with links back to every use.

It reads every page the way the build does (``render_page``) to find where
each source is cited, and links to each footnote reference there.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from explainer.model.records import Page
from explainer.render import html
from explainer.render.markers import Context, Html, MarkerError
from explainer.render.references import GROUPS, format_reference, group_of

Uses = dict[str, list[tuple[str, str, list[str]]]]   # source key -> (page path, page title, [ref ids])

# Each page's citations as the build last rendered it: (page, data, [(label, ref id, items)]). The
# Sources page needs every page's; the build usually rendered most of them already.
_rendered: dict[str, tuple[Page, object, list]] = {}


def remember_uses(page: Page, data: object, uses: list) -> None:
    """Keep what rendering ``page`` with ``data`` found, for the Sources page of the same build."""
    _rendered[page.path] = (page, data, list(uses))


def _known_uses(page: Page, data: object) -> list | None:
    known = _rendered.get(page.path)
    return known[2] if known and known[0] is page and known[1] is data else None


def citation_uses(context: Context, cited_on: Callable[[Page, Context], list[tuple[str, str, tuple]]]) -> Uses:
    """For each source key: (page path, page title, [footnote reference ids]) in page order.

    ``cited_on(page, context)`` gives one page's (label, ref id, items) in reading order.
    """
    uses: dict[str, dict[str, list[str]]] = defaultdict(dict)
    titles = {}
    for path, page in sorted(context.pages.items()):
        titles[path] = page.title
        known = _known_uses(page, context.data)
        for _, ref, items in known if known is not None else cited_on(page, context.for_page(path)):
            for key in dict.fromkeys(item.key for item in items):
                uses[key].setdefault(path, []).append(ref)
    return {key: [(path, titles[path], refs) for path, refs in by_page.items()] for key, by_page in uses.items()}


def render(args: dict, context: Context, cited_on) -> list:
    if args:
        raise MarkerError("md:sources takes no arguments")
    data = context.data
    uses = citation_uses(context, cited_on)
    grouped = defaultdict(list)
    for source in data.sources.values():
        grouped[group_of(source, data.article.source)].append(source)
    parts: list = []
    for group, heading in GROUPS.items():
        members = sorted(grouped.get(group, []), key=lambda s: (s.title.lower().strip("[“\""), s.id))
        if not members:
            continue
        items = [f'<li id="source-{source.id}">{format_reference(source, context.abbreviations)}'
                 f'<span class="bibliography__uses">{_backlinks(uses.get(source.id, []), context)}</span></li>'
                 for source in members]
        parts += ["", f"## {heading}", "", Html("\n".join(['<ul class="bibliography">', *items, "</ul>"]))]
    return parts


def _backlinks(uses: list[tuple[str, str, list[str]]], context: Context) -> str:
    if not uses:
        return " Not cited on any page."
    say = context.abbreviations.text
    parts = []
    for path, title, refs in uses:
        if len(refs) == 1:
            parts.append(html.link(context.url(path, refs[0]), say(title)))
        else:
            numbered = ", ".join(html.link(context.url(path, ref), str(n)) for n, ref in enumerate(refs, 1))
            parts.append(f"{say(title)} ({numbered})")
    return " Cited in: " + "; ".join(parts) + "."
