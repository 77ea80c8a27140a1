"""Old name of ``explainer.extensions.external_links`` (kept for mkdocs.yml files of explainers made earlier)."""
from explainer.extensions.external_links import *  # noqa: F401,F403
from explainer.extensions.external_links import makeExtension  # noqa: F401
