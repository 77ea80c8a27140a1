"""This explainer, as CI sees it: a strict build, the content checks, a sound article file.

Written by the explainer generator and refreshed by ``python -m explainer
update``: put tests of your own in other files of this folder.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "GITHUB_ACTIONS": "false"})


def nav_pages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # !ENV stays text

    def walk(items):
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    yield from ([value] if isinstance(value, str) else walk(value))
    return list(walk(config["nav"]))


def test_the_site_builds_with_strict(tmp_path):
    done = run("-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    for page in nav_pages():
        stem = page.removesuffix(".md")
        built = tmp_path / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
        assert built.is_file(), f"{page} is in the menu but was not built"


def test_the_content_checks_pass():
    done = run("scripts/check.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Progress: " in done.stderr


def test_the_article_is_numbered_p1_to_pn():
    article = yaml.safe_load((ROOT / "docs" / "data" / "article.yml").read_text(encoding="utf-8"))
    ids = [block["id"] for block in article["paragraphs"] if "id" in block]
    assert ids, "docs/data/article.yml has no paragraphs"
    assert len(ids) == len(set(ids)), "a paragraph id is used twice"
    assert article.get("title") and article.get("date"), "the article needs a title and a date"
