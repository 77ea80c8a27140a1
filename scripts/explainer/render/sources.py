"""``<!-- md:sources -->``: the bibliography, grouped, with links back to every use.

It reads every page (expanding their markers the way the build does) to find
where each source is cited, and links to each footnote reference there.
"""
from __future__ import annotations

from collections import defaultdict

from explainer.render.references import GROUPS, escape, format_reference, group_of
from explainer.model.mdsource import find_citations
from explainer.render.markers import Context, MarkerError


def citation_uses(context: Context, expand_page) -> dict[str, list[tuple[str, str, list[str]]]]:
    """For each source key: (page path, page title, [anchor ids]) in page order."""
    uses: dict[str, dict[str, list[str]]] = defaultdict(dict)
    titles = {}
    for path, page in sorted(context.pages.items()):
        counts: dict[str, int] = defaultdict(int)
        titles[path] = page.title
        for citation in find_citations(expand_page(page.body)):
            label = citation.label
            counts[label] += 1
            number = counts[label]
            anchor = f"fnref:{label}" if number == 1 else f"fnref{number}:{label}"
            for item in {item.key for item in citation.items}:
                uses[item].setdefault(path, []).append(anchor)
    return {key: [(path, titles[path], anchors) for path, anchors in by_page.items()] for key, by_page in uses.items()}


def render(args: dict, context: Context, expand_page) -> list[str]:
    if args:
        raise MarkerError("md:sources takes no arguments")
    data = context.data
    uses = citation_uses(context, expand_page)
    grouped = defaultdict(list)
    for source in data.sources.values():
        grouped[group_of(source, data.article.source)].append(source)
    lines = []
    for group, heading in GROUPS.items():
        members = sorted(grouped.get(group, []), key=lambda s: (s.title.lower().strip("[“\""), s.id))
        if not members:
            continue
        lines += ["", f"## {heading}", "", '<ul class="bibliography" markdown>']
        for source in members:
            back = _backlinks(uses.get(source.id, []))
            lines.append(f'<li id="source-{source.id}" markdown>{format_reference(source)}'
                         f'<span class="bibliography__uses">{back}</span></li>')
        lines += ["</ul>"]
    return lines


def _backlinks(uses: list[tuple[str, str, list[str]]]) -> str:
    if not uses:
        return " Not cited on any page."
    parts = []
    for path, title, anchors in uses:
        if len(anchors) == 1:
            parts.append(f"[{escape(title)}](/{path}#{anchors[0]})")
        else:
            numbered = ", ".join(f"[{n}](/{path}#{anchor})" for n, anchor in enumerate(anchors, 1))
            parts.append(f"{escape(title)} ({numbered})")
    return " Cited in: " + "; ".join(parts) + "."
