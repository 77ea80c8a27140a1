"""Link checking: what a link may point at, where links are, and whether they work.

``policy`` says which external addresses are allowed; ``markdown`` and
``html`` find links and anchors in the sources and in the built site;
``occurrences`` gathers every external address with the places it appears;
``online`` asks the web, politely, and ``cache``/``summary`` keep and report
the answers. The checks in ``explainer.checks.links`` put them together.
"""
