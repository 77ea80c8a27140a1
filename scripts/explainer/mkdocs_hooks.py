"""MkDocs hook: publish the data as JSON (docs/data/*.yml -> site/data/*.json).

Kept thin on purpose: Zensical does not run hooks, so nothing a reader sees
may depend on this file; tests/test_build.py fails when its output is missing.
"""
from pathlib import Path

from explainer.content import load_data
from explainer.export import write_exports


def on_post_build(config, **kwargs):
    data = load_data(Path(config["docs_dir"]) / "data")
    write_exports(data, Path(config["site_dir"]))
