"""Issue 18: sources keep excerpts, a citation can point at one, and its footnote shows the evidence.

The bibliography stays CSL YAML that pandoc's citeproc reads: a test runs
pandoc on a document citing every source the way the site does.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, make_mini, mkdocs_build, run_check

from explainer.model.mdsource import CiteItem, cite_label
from explainer.model.records import Excerpt
from explainer.render.html import Abbreviations
from explainer.render.references import format_excerpt

def test_the_excerpt_locator_is_pandoc_syntax_and_is_read_apart_from_the_page():
    item = CiteItem("report", "p. 4, excerpt=growth")
    assert (item.excerpt, item.place) == ("growth", "p. 4")
    assert CiteItem.parse("report, excerpt=growth") == CiteItem("report", "excerpt=growth")
    assert CiteItem("report", "para. 3").excerpt == ""


def test_a_translated_excerpt_shows_the_translation_marked_and_the_original():
    excerpt = Excerpt("growth", "La economía creció un 3 %.", "es", 1, "The economy grew by 3%.")
    html = format_excerpt(excerpt, Abbreviations({}))
    assert html == ('<span class="citation-excerpt">“The economy grew by 3%.” (translated from Spanish; original: '
                    '“<span lang="es">La economía creció un 3 %.</span>”)</span>')
    own = format_excerpt(Excerpt("q", "“We are leaving,” he said.", "", 1), Abbreviations({}))
    assert own == '<span class="citation-excerpt">“We are leaving,” he said.</span>'   # no doubled quotation marks


def test_the_footnote_and_the_claims_ledger_show_the_excerpt(built_site: Path):
    claims = (built_site / "claims" / "index.html").read_text(encoding="utf-8")
    assert claims.count('class="citation-excerpt"') >= 14   # the assessed claims point at their sources' sentences
    assert "(translated from Russian; original: “<span lang=\"ru\">" in claims
    timeline = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'class="citation-excerpt"' in timeline   # events can point at excerpts too


def test_a_citation_of_a_missing_excerpt_stops_the_strict_build(tmp_path: Path):
    topic = (REPO / "tests" / "fixtures" / "mini" / "docs" / "topic.md").read_text(encoding="utf-8")
    project = make_mini(tmp_path / "project", {"docs/topic.md": topic.replace("[@report-one;", "[@report-one, excerpt=no-such-excerpt;")})
    done = mkdocs_build(project, tmp_path / "site", env={"NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert "points at an excerpt 'no-such-excerpt' the source does not have" in done.stdout + done.stderr
    result = run_check("citations", root=project)
    assert [line.split(": error: ")[0] for line in result.lines] == ["docs/topic.md:9:21"], result.stdout
    assert result.lines[0].endswith("[citation-unknown-excerpt]")


def test_a_footnote_with_excerpts_puts_each_reference_after_the_sentence_above_it(tmp_path: Path):
    sources = (REPO / "tests" / "fixtures" / "mini" / "docs" / "data" / "sources.yml").read_text(encoding="utf-8")
    sources = sources.replace("    URL: https://example.org/reports/one\n", "    URL: https://example.org/reports/one\n"
                              "    excerpts:\n      - id: growth\n        text: The economy grew by three percent.\n")
    topic = (REPO / "tests" / "fixtures" / "mini" / "docs" / "topic.md").read_text(encoding="utf-8")
    project = make_mini(tmp_path / "project", {"docs/data/sources.yml": sources,
                                               "docs/topic.md": topic.replace("[@report-one;", "[@report-one, excerpt=growth;")})
    done = mkdocs_build(project, tmp_path / "site", env={"NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tmp_path / "site" / "topic" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<li id="fn:%s">\s*<p>(.*?)</p>' % _label("report-one, excerpt=growth", "report-two, p. 4"), html, re.S).group(1)
    assert '<span class="citation-excerpt">“The economy grew by three percent.”</span> Jane Doe.' in note, note
    assert ", p. 4." in note and "excerpt=" not in note


# pandoc's citeproc reads the bibliography ------------------------------------------------------------

def test_pandoc_citeproc_reads_sources_yml_and_resolves_every_citation(tmp_path: Path):
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        message = "pandoc is not installed: apt-get install -y pandoc (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from explainer.model.project import Project

    project = Project.load(REPO)
    # Every source, and every citation as the pages write it (with locators and excerpts).
    cited = [f"[@{key}]" for key in project.data.sources]
    cited += [citation.raw for page in project.pages.values() for citation in page.citations]
    cited += ["[" + "; ".join(f"@{item.key}" + (f", {item.locator}" if item.locator else "") for item in record.cites) + "]"
              for record in [*project.data.claims, *project.data.events] if record.cites]
    document = tmp_path / "all.md"
    document.write_text("\n\n".join(f"Cited {citation}." for citation in cited) + "\n", encoding="utf-8")
    done = subprocess.run([pandoc, "--citeproc", "--bibliography", str(REPO / "docs" / "data" / "sources.yml"),
                           str(document), "-t", "plain"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "not found" not in done.stderr, done.stderr
    assert "[WARNING]" not in done.stderr, done.stderr
    assert "Last Soviet Soldiers Leave Afghanistan" in done.stdout   # the bibliography pandoc printed
    assert len(cited) > len(project.data.sources)


def _label(*items: str) -> str:
    """The footnote label of a citation of these items (``key`` or ``key, locator``)."""
    return cite_label(CiteItem.parse(item) for item in items)
