"""The checks: each is a function from a loaded Project to diagnostics.

Adding a rule is adding a few lines to one of these modules and one fixture
under tests/fixtures/; the CLI, output format and exit codes are shared.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..diagnostics import Diagnostic
from ..project import Project

Check = Callable[[Project], Iterable[Diagnostic]]


def registry() -> dict[str, Check]:
    """Offline checks, in the order ``check.py`` runs them."""
    from . import citations, claims, links, pages, safety, timeline

    return {
        "pages": pages.check,
        "citations": citations.check,
        "timeline": timeline.check,
        "claims": claims.check,
        "safety": safety.check,
        "links": links.check,
    }
