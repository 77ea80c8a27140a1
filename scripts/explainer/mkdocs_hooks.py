"""MkDocs hook: publish the data as JSON (docs/data/*.yml -> site/data/*.json).

Kept thin on purpose: Zensical does not run hooks, so nothing a reader sees
may depend on this file; tests/test_build.py fails when its output is missing.
"""
from pathlib import Path

from explainer.model import cache
from explainer.render.exports import write_exports


def on_post_build(config, **kwargs):
    data = cache.data(str(Path(config["docs_dir"]) / "data"))   # as the extensions loaded it, unless it changed
    write_exports(data, Path(config["site_dir"]))
