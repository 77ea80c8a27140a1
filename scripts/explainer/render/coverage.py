"""``<!-- md:coverage -->``: the table from article paragraph to the pages covering it."""
from __future__ import annotations

from collections import defaultdict

from explainer.model.coverage import coverage_map
from explainer.render.references import escape
from explainer.render.markers import Context, MarkerError


def render(args: dict, context: Context) -> list:
    if args:
        raise MarkerError("md:coverage takes no arguments")
    data, pages = context.data, context.pages
    covered = coverage_map(data, pages)
    claims_of = defaultdict(list)
    for claim in data.claims:
        for pid in claim.paragraphs:
            claims_of[pid].append(claim)
    lines = ["| ¶ | Article section | Opens with | Covered on | Claims |", "| --- | --- | --- | --- | --- |"]
    for paragraph in data.article.paragraphs:
        words = paragraph.text.split()
        opening = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
        on = ", ".join(f"[{escape(pages[p].title)}]({context.markdown_link(p)})" for p in covered.get(paragraph.id, []) if p in pages) or "**not covered**"
        claims = ", ".join(_claim(c.id, context) for c in claims_of[paragraph.id] if not c.todo) or "—"
        lines.append(f"| {paragraph.id.removeprefix('p')} | {escape(paragraph.section or '(opening)')} | "
                     f"{escape(opening)} | {on} | {claims} |")
    return lines


def _claim(claim_id: str, context: Context) -> str:
    link = context.claim_link(claim_id, markdown=True)
    return f"[{claim_id}]({link})" if link else claim_id
