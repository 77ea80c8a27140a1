"""``<!-- md:coverage -->``: the map from article paragraph to the pages covering it.

A page covers a paragraph when its front matter lists it (``covers: [p2]``)
or when a claim drawn from that paragraph names the page.
"""
from __future__ import annotations

from collections import defaultdict

from ..content import Data, Page
from ..references import escape
from . import Context, MarkerError


def coverage_map(data: Data, pages: dict[str, Page]) -> dict[str, list[str]]:
    """Paragraph id -> pages covering it, in page order."""
    covered: dict[str, list[str]] = defaultdict(list)
    for path, page in sorted(pages.items()):
        covers = page.meta.get("covers") or []
        for pid in covers if isinstance(covers, list) else [covers]:
            if path not in covered[str(pid)]:
                covered[str(pid)].append(path)
    for claim in data.claims:
        for pid in claim.paragraphs:
            for path in claim.pages:
                if path not in covered[pid]:
                    covered[pid].append(path)
    return covered


def render(args: dict, context: Context) -> list[str]:
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
        on = ", ".join(f"[{escape(pages[p].title)}](/{p})" for p in covered.get(paragraph.id, []) if p in pages) or "**not covered**"
        claims = ", ".join(_claim(c.id, context) for c in claims_of[paragraph.id] if not c.todo) or "—"
        lines.append(f"| {paragraph.id.removeprefix('p')} | {escape(paragraph.section or '(opening)')} | "
                     f"{escape(opening)} | {on} | {claims} |")
    return lines


def _claim(claim_id: str, context: Context) -> str:
    link = context.claim_link(claim_id)
    return f"[{claim_id}]({link})" if link else claim_id
