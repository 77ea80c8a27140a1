"""The checks: each is a function from a loaded Project to diagnostics.

Adding a rule is adding a few lines to one of these modules and one fixture
under tests/fixtures/; the CLI, output format and exit codes are shared.
"""
from __future__ import annotations

from typing import Callable, Iterable

from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project

Check = Callable[[Project], Iterable[Diagnostic]]


def registry() -> dict[str, Check]:
    """Offline checks, in the order ``check.py`` runs them."""
    from explainer.checks import citations, claims, pages, places, prose, quotations, safety, timeline
    from explainer.checks.links import check as links

    return {
        "pages": pages.check,
        "citations": citations.check,
        "timeline": timeline.check,
        "claims": claims.check,
        "places": places.check,
        "quotations": quotations.check,
        "prose": prose.check,
        "safety": safety.check,
        "links": links.check,
    }


def parts(selected: list[str], checks: dict[str, Check]) -> list[Check]:
    """The selected checks as independent parts, those that read the whole built site first.

    ``parallel.run`` hands parts to its workers in this order, so the long
    ones start at once and the short ones fill the gaps.
    """
    from explainer.checks import safety

    heavy: list[Check] = []
    light: list[Check] = []
    for name in selected:
        if name == "safety":
            heavy.append(safety.check_built)
            light.append(safety.check_sources)
        else:
            (heavy if name == "links" else light).append(checks[name])
    return heavy + light
