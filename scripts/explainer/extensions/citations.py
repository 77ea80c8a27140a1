"""Old name of ``explainer.extensions.page`` (citations and markers are one pass now); kept for mkdocs.yml files that name it."""
from explainer.extensions.page import PageExtension, makeExtension  # noqa: F401
