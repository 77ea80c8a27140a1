"""The generator: from any article to a new, checked explainer in one command.

``python -m explainer new ARTICLE DEST`` reads an article (plain text,
Markdown or a saved HTML page), numbers its paragraphs with the scheme in
``explainer.article_text`` and writes a complete explainer: content written
once (``docs/``, ``mkdocs.yml``, ``README.md``) and the machinery copied from
this repository with a manifest (``.explainer/machinery.json``), so that
``python -m explainer update DEST`` can later bring newer machinery without
touching content. See the "Generator" section of the repository's README.md.
"""
from __future__ import annotations

from explainer.model.diagnostics import EXIT_USAGE


class GeneratorError(Exception):
    """A problem with the input or the destination: one line for the user, and an exit status."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code
