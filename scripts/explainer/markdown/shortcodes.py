"""Old name of ``explainer.extensions.markers`` (kept for mkdocs.yml files of explainers made earlier)."""
from explainer.extensions.markers import *  # noqa: F401,F403
from explainer.extensions.markers import makeExtension  # noqa: F401
