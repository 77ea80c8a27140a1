"""Which pages cover each paragraph of the article.

A page covers a paragraph when its front matter lists it (``covers: [p2]``)
or when a claim drawn from that paragraph names the page.
"""
from __future__ import annotations

from collections import defaultdict

from explainer.model.records import Data, Page


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
