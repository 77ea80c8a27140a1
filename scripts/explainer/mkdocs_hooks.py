"""MkDocs hook: the publish step (``explainer.publish``) run inside ``mkdocs build`` and ``mkdocs serve``.

Kept thin on purpose: Zensical runs no hooks, so the workflows run
``python -m explainer publish`` after either builder, and nothing a reader
sees on a page depends on this file. It reuses the data the extensions loaded.
"""
from pathlib import Path

from explainer.model import cache
from explainer.publish import publish


def on_post_build(config, **kwargs):
    docs = Path(config["docs_dir"])
    data = cache.data(str(docs / "data"))   # as the extensions loaded it, unless it changed
    publish(data, cache.pages(str(docs)), Path(config["site_dir"]), bool(config["use_directory_urls"]),
            [Path(folder) for folder in config["theme"].dirs])
