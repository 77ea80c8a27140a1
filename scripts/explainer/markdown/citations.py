"""Old name of ``explainer.extensions.citations`` (kept for mkdocs.yml files of explainers made earlier)."""
from explainer.extensions.citations import *  # noqa: F401,F403
from explainer.extensions.citations import makeExtension  # noqa: F401
