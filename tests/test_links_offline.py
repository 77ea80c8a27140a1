"""The offline links check: one fixture per rule, the real site, and the built HTML.

Each tests/fixtures/links/<name>.yml changes files in a copy of the small
explainer in tests/fixtures/mini (built with mkdocs when it says
``build: true``) and lists exactly the lines ``check.py links`` must print.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import FIXTURES, REPO, mkdocs_build, run_check
from conftest import make_mini as make_project
from explainer.checks.links.docs import DocsSite
from explainer.model.project import Project

LINK_FIXTURES = sorted((FIXTURES / "links").glob("*.yml"))
_EXPECT = re.compile(r"^(?P<place>\S+:\d+:\d+): (?P<severity>error|warning): \[(?P<rule>[\w-]+)\]$")
_LINE = re.compile(r"^(?P<place>\S+:\d+:\d+): (?P<severity>error|warning): .* \[(?P<rule>[\w-]+)\]$")


def build(root: Path) -> Path:
    done = mkdocs_build(root, root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def found(result) -> set[tuple[str, str, str]]:
    return {(m["place"], m["severity"], m["rule"]) for m in map(_LINE.match, result.lines) if m}


# One fixture per rule ---------------------------------------------------------

@pytest.mark.parametrize("fixture", LINK_FIXTURES, ids=[path.stem for path in LINK_FIXTURES])
def test_rule(fixture: Path, tmp_path: Path):
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    root = make_project(tmp_path / "project", spec["files"])
    if spec.get("build"):
        build(root)
    result = run_check(*spec["args"], root=root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.code == spec["exit"], output
    expected = {(m["place"], m["severity"], m["rule"]) for m in map(_EXPECT.match, spec["expect"])}
    assert found(result) == expected, output
    assert len(result.lines) == len(expected), f"one line per problem:\n{output}"


def test_the_mini_explainer_has_no_link_problems(tmp_path: Path):
    root = make_project(tmp_path / "project", {})
    build(root)
    result = run_check("links", root=root)
    assert (result.code, result.lines) == (0, []), result.stdout + result.stderr


# The real explainer -------------------------------------------------------------

def test_the_repository_is_clean():
    result = run_check("links")
    assert result.code == 0, result.stdout + result.stderr


def test_the_real_built_site_is_clean(built_site: Path):
    result = run_check("links", "--site", str(built_site))
    assert result.code == 0, result.stdout + result.stderr


def test_anchors_foreseen_from_markdown_are_the_real_sites(built_site: Path):
    """The Markdown scan's anchors are exactly the ids the build puts in each page's article."""
    _assert_same_anchors(REPO, built_site)


def test_anchors_of_tricky_headings_match_the_build(tmp_path: Path):
    page = """---
title: Headings
---

# Headings

## Costs & *benefits* of `code`

## Costs & *benefits* of `code`

## Ünïcode — “quotes” and [a link](index.md)

## With its own id {#chosen-id}

## With attributes { .wide #other-id }

Setext heading
--------------

## A cited heading[@report-one]

!!! note "Context"

    ### Inside an admonition

## snake_case_name and __strong__ words

## <span>Raw</span> HTML &amp; entities

<div id="raw-id" markdown>Text with a note.[^n]</div>

A paragraph with an id.
{ #para-id }

[^n]: The note.
"""
    root = make_project(tmp_path / "project", {"docs/headings.md": page})
    _assert_same_anchors(root, build(root))


def _assert_same_anchors(root: Path, site: Path) -> None:
    project = Project.load(root)
    docs = DocsSite(project)
    for path in project.pages:
        foreseen = docs.anchors(path)
        if foreseen is None:  # the tags plugin's page: left to the built-site check
            continue
        document = etree.parse(str(site / docs.html_path(path)), etree.HTMLParser())
        built = set(document.xpath("//article//@id"))
        assert foreseen == built, f"{path}: only foreseen {sorted(foreseen - built)}, only built {sorted(built - foreseen)}"


# The built site -------------------------------------------------------------------

def test_a_theme_link_is_reported_once_for_the_whole_site(tmp_path: Path):
    config = (FIXTURES / "mini" / "mkdocs.yml").read_text(encoding="utf-8")
    config += "extra:\n  social:\n    - icon: fontawesome/brands/mastodon\n      link: http://social.example.org/@mini\n"
    root = make_project(tmp_path / "project", {"mkdocs.yml": config})
    build(root)
    result = run_check("links", root=root)
    assert result.code == 1
    [line] = result.lines
    assert re.match(r"^site/404\.html:\d+:1: error: 'http://social\.example\.org/@mini' is not secure.*"
                    r"also on \d+ other built page\(s\).*\[link-insecure\]$", line), line


def test_a_stale_site_is_not_checked_but_said_so(tmp_path: Path):
    root = make_project(tmp_path / "project", {})
    site = build(root)
    (site / "topic" / "index.html").write_text('<a href="#nowhere">x</a>', encoding="utf-8")
    later = time.time() + 60
    os.utime(root / "docs" / "topic.md", (later, later))
    result = run_check("links", root=root)
    assert result.code == 0, result.stdout
    assert found(result) == {("docs/topic.md:1:1", "warning", "link-site-stale")}


def test_the_site_option_checks_a_site_elsewhere(tmp_path: Path):
    root = make_project(tmp_path / "project", {})
    site = tmp_path / "elsewhere"
    assert mkdocs_build(root, site).returncode == 0
    page = site / "topic" / "index.html"
    broken = page.read_text(encoding="utf-8").replace("</article>", '<a href="../#nowhere">x</a></article>')
    page.write_text(broken, encoding="utf-8")
    result = run_check("links", "--site", str(site), root=root)
    assert result.code == 1
    [line] = result.lines
    assert line.startswith("docs/topic.md:") and line.endswith("[link-missing-anchor]"), line
    assert f"in the built page {site.as_posix()}/topic/index.html, line " in line


# Bad input is reported, never a traceback -----------------------------------------------

def test_odd_markdown_gives_no_traceback(tmp_path: Path):
    page = "# Odd\n\n[unclosed](<nowhere\n[empty]() ![]( ) <a href=>x</a> <img>\n[x](#)\n[y](https://[::1/)\n\x00\n"
    root = make_project(tmp_path / "project", {"docs/odd.md": page})
    result = run_check("links", root=root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.code == 1
    rules = {rule for _, _, rule in found(result)}
    assert rules == {"link-missing-page", "image-no-alt", "link-malformed"}, result.stdout


def test_a_bad_report_name_is_a_usage_error():
    assert run_check("links", "--online", "--report", "report.txt").code == 2
    assert run_check("links", "--per-host", "0").code == 2
    jobs = run_check("links", "--jobs", "0")
    assert jobs.code == 2 and "--jobs must be at least 1" in jobs.stderr and "Traceback" not in jobs.stderr
