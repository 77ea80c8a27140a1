"""The synthetic corpus (tools/synthetic_corpus.py) that the benchmarks use.

A clean corpus builds with ``mkdocs build --strict`` and passes every check;
with planted problems, ``check.py`` on the corpus and its built site reports
exactly the planted ones: the same files, lines and rule ids, nothing more.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, mkdocs_build, run_check
from explainer.trim_html import collapse

import synthetic_corpus  # noqa: E402

PAGES = 25   # two nav sections, every kind of page and marker
_DIAGNOSTIC = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):\d+: (?:error|warning): .* \[(?P<rule>[\w-]+)\]$")


def reported(lines: list[str]) -> list[tuple[str, int, str]]:
    places = []
    for line in lines:
        match = _DIAGNOSTIC.match(line)
        assert match, f"not a diagnostic line: {line}"
        places.append((match["path"], int(match["line"]), match["rule"]))
    return sorted(places)


def test_clean_corpus_builds_strict_and_passes_every_check(tmp_path: Path):
    corpus = synthetic_corpus.generate(tmp_path / "corpus", PAGES)
    assert corpus.planted == []
    site = tmp_path / "site"
    done = mkdocs_build(corpus.root, site, env={"NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    page = site / corpus.url(corpus.pages[4]) / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'class="footnote-ref"' in html and '<ol class="timeline' in html   # citations and a marker were expanded
    result = run_check("--site", str(site), root=corpus.root)
    assert result.code == 0, result.stdout + result.stderr
    assert result.lines == []


def test_check_finds_exactly_the_planted_problems(tmp_path: Path):
    corpus = synthetic_corpus.generate(tmp_path / "corpus", PAGES, problems=True)
    assert len({planted.rule for planted in corpus.planted}) >= 15
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=corpus.root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    result = run_check("--site", str(site), root=corpus.root)
    assert result.code == 1
    assert reported(result.lines) == [(p.path, p.line, p.rule) for p in corpus.planted]
    for jobs in ("1", "3"):   # one process, or more processes than this machine may have: the same report
        again = run_check("--site", str(site), "--jobs", jobs, root=corpus.root)
        assert (again.code, again.stdout) == (result.code, result.stdout), jobs


def test_plain_config_is_the_project_config_without_its_extensions_and_hook(tmp_path: Path):
    corpus = synthetic_corpus.generate(tmp_path / "corpus", 3)
    project = yaml.safe_load(corpus.config.read_text(encoding="utf-8"))
    plain = yaml.safe_load(corpus.plain_config.read_text(encoding="utf-8"))
    assert project["hooks"] and "hooks" not in plain

    def names(config):
        return [item if isinstance(item, str) else next(iter(item)) for item in config["markdown_extensions"]]
    assert [name for name in names(project) if not name.startswith("explainer.")] == names(plain)
    assert {key: value for key, value in project.items() if key not in ("hooks", "markdown_extensions")} == \
           {key: value for key, value in plain.items() if key != "markdown_extensions"}


def test_generation_is_deterministic(tmp_path: Path):
    first = synthetic_corpus.generate(tmp_path / "a", 12, problems=True)
    second = synthetic_corpus.generate(tmp_path / "b", 12, problems=True)
    files = sorted(path.relative_to(first.root) for path in first.root.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second.root) for path in second.root.rglob("*") if path.is_file())
    for relative in files:
        assert (first.root / relative).read_bytes() == (second.root / relative).read_bytes(), relative


def test_too_few_pages_for_the_planted_problems_is_refused(tmp_path: Path):
    with pytest.raises(ValueError):
        synthetic_corpus.generate(tmp_path / "corpus", 2, problems=True)


def test_content_written_out_renders_as_the_project_build_does(tmp_path: Path):
    """The bench's "by hand" reference really is the same content: same article HTML, page by page."""
    corpus = synthetic_corpus.generate(tmp_path / "corpus", PAGES)
    synthetic_corpus.write_handwritten(corpus)
    plain = yaml.safe_load(corpus.handwritten_config.read_text(encoding="utf-8"))
    assert "hooks" not in plain and not any("explainer" in str(item) for item in plain["markdown_extensions"])
    env = {"NO_MKDOCS_2_WARNING": "1"}
    assert mkdocs_build(corpus.root, tmp_path / "site", env).returncode == 0
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(corpus.handwritten_config),
                           "-d", str(tmp_path / "by-hand")], cwd=corpus.root, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr

    def article(path: Path) -> str:
        """The article, less what written-out HTML cannot reproduce: rel (external_links, a tree
        processor), blank lines between tags, and the footnote's extra back-links to references
        inside generated HTML (Python-Markdown counts only the references it parses itself), and the
        indentation the project's publish step takes out of its pages (trim_html)."""
        text = collapse(path.read_text(encoding="utf-8"))
        text = text[text.index("<article"):text.index("</article>")].replace(' rel="noopener noreferrer"', "")
        text = re.sub(r'<a class="footnote-backref" href="#fnref\d+:[^"]*" title="[^"]*">&#8617;</a>', "", text)
        return re.sub(r">\s*\n\s*<", ">\n<", text)
    compared = 0
    for page in (tmp_path / "site").rglob("index.html"):
        relative = page.relative_to(tmp_path / "site")
        if relative.parts[0] in {"search", "assets"} or relative.as_posix() == "404.html":
            continue
        assert article(page) == article(tmp_path / "by-hand" / relative), relative
        compared += 1
    assert compared == PAGES + 6


def test_bench_prints_every_figure_and_writes_json(tmp_path: Path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(REPO / "tools" / "bench.py"), "--sizes", "3,6", "--repeat", "1",
                           "--no-serve", "--real", "5", "--json", str(out), "--workdir", str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    [(pages, real)] = report["real"]["sizes"].items()   # the real site's pages, one copy each
    assert int(pages) >= 5 and all(real[key]["median_s"] > 0 for key in ("build_project", "build_plain", "build_handwritten"))
    assert "The real site's own pages, replicated" in done.stdout
    for n in ("3", "6"):
        figures = report["results"][n]
        for key in ("build_project", "build_plain", "build_handwritten", "check", "lychee"):
            assert figures[key]["median_s"] > 0 and figures[key]["peak_mib"] > 0, (n, key)
        assert figures["found"]["check_planted_found"] == figures["found"]["planted"]
        assert set(report["ratios"][n]) == {"extensions_overhead", "machinery_overhead", "check_vs_lychee"}
    assert "3->6" in report["growth"]
    for label in ("Build, project", "Build, plain Material", "Machinery overhead", "check / lychee", "Growth"):
        assert label in done.stdout, label
