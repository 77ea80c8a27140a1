"""Safe to accept pull requests from strangers (issue 9).

- YAML is only ever loaded with a safe loader.
- Every hostile input in tests/fixtures/hostile/ (and the generated ones: a
  5 MB page, bytes that are not UTF-8, a symbolic link) is rejected by
  ``check.py safety`` with its file, line, column and rule, exit status 1 and
  no traceback; ordinary content and the real repository pass.
- External links in the built site carry rel="noopener noreferrer".
- The built site carries a strict Content-Security-Policy whose hashes match
  Material's inline scripts, and a real Chromium refuses an injected script
  while search, the colour switch and instant navigation keep working.
- Two builds of the same content are byte-identical apart from the sitemap dates.
"""
from __future__ import annotations

import ast
import functools
import gzip
import http.server
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from conftest import FIXTURES, REPO, Result, copy_project, mkdocs_build, run_check, with_instant_navigation
from explainer.checks import safety
from explainer.checks.safety import sanitizer
from explainer.model.project import Project
from explainer.model.urls import is_web_link

HOSTILE = FIXTURES / "hostile"

# Where the check must point for each fixture: (line, column, rule). Pages go
# to docs/, data files (.yml) to docs/data/, "file-*" fixtures to docs/ without
# the prefix. Fixtures that break several rules list the one they are about.
EXPECTED = {
    # Tags
    "tag-script.md": (4, 1, "html-disallowed-tag"),
    "tag-script-uppercase.md": (3, 6, "html-disallowed-tag"),
    "tag-iframe.md": (3, 1, "html-disallowed-tag"),
    "tag-object.md": (4, 1, "html-disallowed-tag"),
    "tag-embed.md": (3, 1, "html-disallowed-tag"),
    "tag-form.md": (3, 1, "html-disallowed-tag"),
    "tag-style-url.md": (3, 1, "html-disallowed-tag"),
    "tag-style-expression.md": (5, 1, "html-disallowed-tag"),
    "tag-meta-refresh.md": (3, 1, "html-disallowed-tag"),
    "tag-base.md": (3, 1, "html-disallowed-tag"),
    "tag-svg-onload.md": (3, 6, "html-event-handler"),
    "tag-nested.md": (3, 10, "html-disallowed-tag"),
    "tag-unclosed.md": (5, 6, "html-event-handler"),
    "tag-in-html-block-code.md": (4, 2, "html-disallowed-tag"),
    # Attributes
    "attr-event-handler.md": (3, 37, "html-event-handler"),
    "attr-event-handler-no-quotes.md": (3, 4, "html-event-handler"),
    "attr-srcdoc.md": (4, 6, "html-disallowed-attribute"),
    "attr-style.md": (3, 7, "html-disallowed-attribute"),
    "attr-list-handler.md": (3, 34, "html-event-handler"),
    "attr-reserved-id.md": (3, 6, "html-disallowed-attribute"),
    # Link schemes, however spelled
    "url-javascript.md": (3, 14, "url-dangerous-scheme"),
    "url-javascript-mixed-case.md": (3, 24, "url-dangerous-scheme"),
    "url-javascript-entities.md": (3, 9, "url-dangerous-scheme"),
    "url-javascript-hex-entities.md": (3, 10, "url-dangerous-scheme"),
    "url-javascript-whitespace.md": (3, 10, "url-dangerous-scheme"),
    "url-javascript-control.md": (3, 10, "url-dangerous-scheme"),
    "url-javascript-autolink.md": (3, 6, "url-dangerous-scheme"),
    "url-javascript-reference.md": (5, 8, "url-dangerous-scheme"),
    "url-vbscript.md": (3, 10, "url-dangerous-scheme"),
    "url-data.md": (3, 8, "url-dangerous-scheme"),
    "url-data-image.md": (3, 14, "url-dangerous-scheme"),
    "url-external-image.md": (3, 5, "html-external-resource"),
    # Deceptive addresses
    "url-homoglyph-cyrillic.md": (3, 23, "url-homoglyph"),
    "url-homoglyph-mixed.md": (3, 10, "url-homoglyph"),
    "url-homoglyph-whole-script.md": (3, 16, "url-homoglyph"),
    "url-punycode.md": (3, 6, "url-homoglyph"),
    "url-userinfo.md": (3, 7, "url-userinfo"),
    # Template syntax
    "template-expression.md": (3, 15, "template-syntax"),
    "template-statement.md": (3, 1, "template-syntax"),
    "template-comment.md": (3, 9, "template-syntax"),
    # Invisible characters
    "unicode-bidi-override.md": (3, 20, "unicode-bidi"),
    "unicode-bidi-isolate.md": (3, 8, "unicode-bidi"),
    "unicode-zero-width.md": (3, 18, "unicode-hidden"),
    "unicode-bom-mid-text.md": (3, 5, "unicode-hidden"),
    # Front matter
    "front-matter-breakout.md": (3, 24, "front-matter-markup"),
    "front-matter-redirect.md": (3, 1, "front-matter-template"),
    # Data files
    "data-script.yml": (3, 23, "html-disallowed-tag"),
    "data-javascript-url.yml": (4, 9, "url-dangerous-scheme"),
    "data-bidi-escape.yml": (3, 14, "unicode-bidi"),
    "data-template.yml": (2, 16, "template-syntax"),
    "data-billion-laughs.yml": (2, 4, "yaml-alias"),
    "data-deep-nesting.yml": (2, 40, "yaml-too-deep"),
    # Files a browser would run
    "file-page.html": (1, 1, "file-disallowed"),
    "file-payload.js": (1, 1, "file-disallowed"),
    "file-image-with-script.svg": (3, 3, "svg-script"),
}


def _place(root: Path, fixture: Path) -> str:
    """Copy a fixture into a bare explainer at root; return its path as diagnostics show it."""
    (root / "docs" / "data").mkdir(parents=True, exist_ok=True)
    name = fixture.name.removeprefix("file-")
    relative = f"docs/data/{name}" if fixture.suffix == ".yml" else f"docs/{name}"
    shutil.copyfile(fixture, root / relative)
    return relative


HANG = 60   # seconds: the check needs well under one on any fixture; only runaway work comes near this


def _check_safety(root: Path) -> Result:
    """``python scripts/check.py safety --root ROOT``, as run_check does, but a hang fails with a message."""
    command = [sys.executable, str(REPO / "scripts" / "check.py"), "safety", "--root", str(root)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=root, timeout=HANG,
                              env={**os.environ, "GITHUB_ACTIONS": "false"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"check.py safety ran for over {HANG} s: a hostile input makes it work exponentially "
                    "(for YAML, look for aliases being expanded or walked without remembering visited nodes)")
    return Result(done.returncode, done.stdout, done.stderr)


def _assert_rejected(result, display: str, line: int, col: int | None, rule: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.code == 1, output
    place = f"{display}:{line}:{col}:" if col is not None else f"{display}:{line}:"
    assert any(found.startswith(place) and found.endswith(f"[{rule}]") for found in result.lines), \
        f"expected {place} ... [{rule}] in:\n{result.stdout}"
    assert all(found.startswith(display + ":") for found in result.lines), result.stdout


# Hostile inputs ---------------------------------------------------------------

def test_corpus_has_an_expectation_for_every_fixture():
    fixtures = {path.name for path in HOSTILE.iterdir()}
    assert fixtures == set(EXPECTED), f"fixtures without expectations: {fixtures - set(EXPECTED)}; " \
                                      f"expectations without fixtures: {set(EXPECTED) - fixtures}"
    assert len(fixtures) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_input_is_rejected_with_its_place_and_rule(tmp_path, name):
    display = _place(tmp_path, HOSTILE / name)
    line, col, rule = EXPECTED[name]
    _assert_rejected(_check_safety(tmp_path), display, line, col, rule)


def _huge_page(docs: Path) -> tuple[str, int, int]:
    block = "<script>alert(1)</script> {{ x }} [a](javascript:alert(1))\n"
    (docs / "huge.md").write_text("# Huge\n\n" + block * (5 * 1024 * 1024 // len(block) + 1), encoding="utf-8")
    return "docs/huge.md", 1, 1


def _not_utf8_page(docs: Path) -> tuple[str, int, int]:
    (docs / "latin1.md").write_bytes("# Caf\u00e9\n\nD\u00e9j\u00e0 vu\n".encode("latin-1"))
    return "docs/latin1.md", 1, 6


def _not_utf8_data(docs: Path) -> tuple[str, int, int]:
    (docs / "data" / "events.yml").write_bytes(b"- title: ok\n- title: \xff\xfe broken\n")
    return "docs/data/events.yml", 2, 10


def _huge_data(docs: Path) -> tuple[str, int, int]:
    (docs / "data" / "big.yml").write_text("- x\n" * 3_000_000, encoding="utf-8")   # over the 10 MB limit
    return "docs/data/big.yml", 1, 1


def _symlink(docs: Path) -> tuple[str, int, int]:
    os.symlink("/etc/hostname", docs / "hostname.txt")
    return "docs/hostname.txt", 1, 1


GENERATED = {  # made in the test: too big or too odd to commit
    "page-too-large": _huge_page,
    "page-encoding": _not_utf8_page,
    "yaml-encoding": _not_utf8_data,
    "yaml-too-large": _huge_data,
    "file-symlink": _symlink,
}


@pytest.mark.parametrize("rule", sorted(GENERATED))
def test_generated_hostile_input_is_rejected(tmp_path, rule):
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    display, line, col = GENERATED[rule](docs)
    _assert_rejected(_check_safety(tmp_path), display, line, col, rule)


def test_no_input_makes_the_check_crash(tmp_path):
    """Random mixtures of the hostile corpus, markup fragments and odd characters, as pages, data and
    built HTML: problems, never exceptions."""
    pieces = [path.read_text(encoding="utf-8") for path in sorted(HOSTILE.glob("*.md"))]
    pieces += ["<", ">", "\"", "'", "=", "`", "```", "~~~", "{", "}", "{:", "[", "](", "<!--", "-->", "\n", "\n\n",
               "&#", ";", "\u202e", "\u200b", "\x00", "\ufffd", "<a href=", "<img", " on", "xn--", "//", "@",
               "---\n", "\t", "<div>", "</div>", "<style>", "<script", "<meta http-equiv=", "</script>", "<body>",
               "<article>", "</article>", "<math>", "<svg>", "<table>", "<td>"]   # <article>: the sanitizer's part
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "data").mkdir(parents=True)
    site.mkdir()
    rng = random.Random(9)
    for round_ in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        (docs / "page.md").write_text(text, encoding="utf-8")
        (docs / "data" / "data.yml").write_text(f"key: {text!r}\nlist:\n  - {rng.choice(pieces)!r}\n",
                                                encoding="utf-8")
        (site / "index.html").write_text(text, encoding="utf-8")
        problems = list(safety.check(Project.load(tmp_path)))   # site/ is checked too, as it exists
        assert all(problem.line >= 1 and problem.col >= 1 for problem in problems), (round_, text)


# Ordinary content passes --------------------------------------------------------

BENIGN_PAGE = """\
---
title: An ordinary page
description: Everything here is allowed — “curly quotes” included.
---

# Allowed constructs {#top .lead}

Text with *emphasis*, `<script>` and `{{ braces }}` in inline code, a
[link](https://www.example.org/a_(b)?q=1#x "Title"), a [relative link](other.md#tartus),
[mail](mailto:editors@example.org), <https://www.un.org/en/> and <editors@example.org>.

## A heading with an id {#custom-id}

<div class="grid cards" markdown>

- `<iframe>` in code is just text
- A Persian name with a zero-width non-joiner: \u0645\u0647\u0633\u0627\u200c\u0627\u0645\u06cc\u0646\u06cc
- An emoji family joined by zero-width joiners: \U0001f468\u200d\U0001f469\u200d\U0001f467

</div>

<abbr title="United Nations">UN</abbr> <kbd>Ctrl</kbd> <span class="note" data-x="1" aria-label="n">n</span>
<img src="../assets/map.png" alt="A map" width="300" height="200" loading="lazy">
<a href="https://\u043f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442.\u0440\u0444/" hreflang="ru">Cyrillic</a>
and <a href="https://m\u00fcnchen.de/">a German one</a>, <time datetime="2026-01-15">15 January 2026</time>.

```html
<script>alert("code, not HTML")</script>
{{ template }} {% block %} {# comment #} [x](javascript:alert(1))
```

![A local image](../assets/map.png){ loading=lazy }

[ref]: https://www.reuters.com/world/ "Reuters"

A footnote[^1].

[^1]: Data: the figures come from the UN.

<!-- md:timeline tag=syria -->
"""


def test_ordinary_content_passes(tmp_path):
    docs = tmp_path / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "page.md").write_text(BENIGN_PAGE, encoding="utf-8")
    (docs / "data" / "notes.yml").write_text(
        "# One entry\n- title: \"Assad leaves Damascus\"\n"
        "  summary: \"Data: see [Reuters](https://www.reuters.com/world/).\"\n"
        "  URL: https://www.reuters.com/world/\n", encoding="utf-8")
    result = run_check("safety", root=tmp_path)
    assert result.code == 0, result.stdout + result.stderr


def test_real_repository_passes(tmp_path):
    project = copy_project(tmp_path / "project")   # pages, data, config; no stale site/
    result = run_check("safety", root=project)
    assert result.code == 0, result.stdout + result.stderr


SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def _yaml_loads(tree: ast.AST):
    """(line, loader name or None) of each yaml.load()/load_all() call, and unsafe helpers as loader '!'."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "yaml":
            if node.func.attr in {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}:
                yield node.lineno, "!"
            elif node.func.attr in {"load", "load_all"}:
                loader = next((keyword.value for keyword in node.keywords if keyword.arg == "Loader"),
                              node.args[1] if len(node.args) > 1 else None)
                name = loader.attr if isinstance(loader, ast.Attribute) else getattr(loader, "id", None)
                yield node.lineno, name


def test_yaml_is_only_ever_loaded_safely():
    """Every yaml.load in the machinery uses a safe loader (or a subclass of one defined next to it)."""
    unsafe = []
    for path in sorted((REPO / "scripts").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        safe_subclasses = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                           and any(getattr(base, "attr", None) in SAFE_LOADERS for base in node.bases)}
        for line, loader in _yaml_loads(tree):
            if loader not in SAFE_LOADERS | safe_subclasses:
                unsafe.append(f"{path.relative_to(REPO)}:{line}: yaml loaded with {loader or 'the default loader'}")
    assert not unsafe, "\n".join(unsafe)


def test_missing_site_folder_is_a_usage_error(tmp_path):
    (tmp_path / "docs").mkdir()
    result = run_check("safety", "--site", str(tmp_path / "nowhere"), root=tmp_path)
    assert result.code == 2 and "Traceback" not in result.stderr, result.stderr


# External links ----------------------------------------------------------------------

LINKS_MARKDOWN = """
[markdown](https://example.org/a) [scheme-relative](//example.org/b) [kept](https://example.org/c){: rel="nofollow" }
[internal](other.md) [anchor](#here) [mail](mailto:a@example.org) <https://example.org/auto>

Inline <a href="https://example.org/raw" title="a>b">raw</a> and <a href="/local">local</a>.

<div markdown>
[in a block](https://example.org/d)
</div>

<div>
<a href='HTTPS://EXAMPLE.ORG/E' rel="external">raw block</a>
</div>

A note[^n].

[^n]: See [the source](https://example.org/f).
"""


def test_external_links_get_noopener_noreferrer_and_nothing_else():
    out = markdown.markdown(LINKS_MARKDOWN, extensions=["attr_list", "md_in_html", "footnotes",
                                                         "explainer.extensions.external_links"])
    tree = lxml_html.fromstring(f"<div>{out}</div>")
    links = {link.text_content(): link for link in tree.iter("a")}
    for text in ("markdown", "scheme-relative", "https://example.org/auto", "raw", "in a block", "the source"):
        assert links[text].get("rel") == "noopener noreferrer", (text, out)
    assert links["kept"].get("rel") == "nofollow noopener noreferrer"
    assert links["raw block"].get("rel") == "external noopener noreferrer"
    assert links["raw"].get("title") == "a>b"
    for text in ("internal", "anchor", "mail", "local"):
        assert links[text].get("rel") is None, text
    assert all(link.get("target") is None for link in tree.iter("a"))


# The built site --------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


ALIGNED_TABLE = "\n\n| Left | Right |\n|:-----|------:|\n| a | aligned-right |\n"


def _project_with_links(destination: Path) -> Path:
    """A copy of the real explainer whose About page ends with external links of every kind and an aligned table,
    with instant navigation on: the browser test then also covers pages fetched and swapped in under the policy."""
    project = with_instant_navigation(copy_project(destination))
    about = project / "docs" / "about.md"
    samples = LINKS_MARKDOWN.split("\n\nA note")[0].replace("other.md", "index.md").replace("#here", "#link-samples")
    about.write_text(about.read_text(encoding="utf-8") + "\n\n## Link samples\n" + samples + ALIGNED_TABLE,
                     encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def port() -> int:
    return _free_port()


@pytest.fixture(scope="module")
def site(tmp_path_factory, port) -> Path:
    """The real explainer plus link samples, built with --strict for http://127.0.0.1:PORT/."""
    root = tmp_path_factory.mktemp("safety-site")
    project = _project_with_links(root / "project")
    done = mkdocs_build(project, root / "site", env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_built_external_links_carry_noopener_noreferrer(site):
    checked = 0
    for path in _pages(site):
        tree = lxml_html.fromstring(path.read_bytes())
        for link in tree.xpath("//*[contains(@class, 'md-content')]//a[@href]"):
            rel = (link.get("rel") or "").split()
            if is_web_link(link.get("href")):
                checked += 1
                assert {"noopener", "noreferrer"} <= set(rel), (path.relative_to(site), link.get("href"))
            else:
                assert "noreferrer" not in rel, (path.relative_to(site), link.get("href"))
    assert checked >= 6


def test_built_site_passes_the_safety_check(site):
    problems = list(safety.check_site(site, "site"))
    assert not problems, "\n".join(problem.format() for problem in problems)


def test_safety_check_reads_the_built_html(tmp_path, site):
    """Injected handlers, javascript: links and foreign scripts in built pages are found with their line.

    The same markup goes into two pages: the check judges each distinct tag
    once and must still report it on every page that has it.
    """
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    injected = ('<script>alert(1)</script>\n<a href="JaVaScRiPt:alert(1)">x</a>\n<img src="x.png" onerror="alert(1)">\n'
                '<script src="https://evil.example/x.js"></script>\n<iframe src="https://evil.example/"></iframe>\n')
    first_lines = {}
    for name in ("about", "sources"):
        page = copy / name / "index.html"
        text = page.read_text(encoding="utf-8")
        at = text.rfind("\n", 0, text.index("</article>")) + 1   # a line of its own
        text = text[:at] + injected + text[at:]
        page.write_text(text, encoding="utf-8")
        first_lines[name] = text[:at].count("\n") + 1
    (tmp_path / "docs").mkdir()
    for jobs in ("1", "2"):
        result = run_check("safety", "--site", str(copy), "--jobs", jobs, root=tmp_path)
        assert result.code == 1 and "Traceback" not in result.stdout + result.stderr
        for name, first in first_lines.items():
            display = f"site/{name}/index.html"   # shown relative to --root when the site is inside it
            for line, col, rule in [(first, 1, "site-inline-script"), (first + 1, 4, "url-dangerous-scheme"),
                                    (first + 2, 18, "html-event-handler"), (first + 3, 1, "site-script-source"),
                                    (first + 4, 1, "html-disallowed-tag")]:
                assert any(found.startswith(f"{display}:{line}:{col}:") and found.endswith(f"[{rule}]")
                           for found in result.lines), (jobs, display, line, col, rule, result.stdout)


# What the sanitizer (Ammonia, through nh3) adds: markup in a built page's content that the
# hand-written rules let through, or read differently from a browser. (line offset, column, rule)
SANITIZED = [
    ('<p style="color: red" target="_blank">styled</p>', [(0, 4, "html-disallowed-attribute"),
                                                           (0, 23, "html-disallowed-attribute")]),
    ('<a href="ftp://example.org/file">ftp</a>', [(0, 4, "url-scheme")]),
    ('<form><input name="q"></form>', [(0, 1, "html-disallowed-tag"), (0, 7, "html-disallowed-tag")]),
    ('<table><tr><td style="text-align: right; background: url(x)">cell</td></tr></table>',
     [(0, 16, "html-disallowed-attribute")]),
    # Inside MathML, <style> holds markup, not text: the <img> and its handler are elements to a browser
    # (and to Ammonia's parser), text to the hand-written scanner.
    ('<math><mi><mglyph><style><img src=x onerror=alert(2)></style></mglyph></mi></math>',
     [(0, 1, "html-disallowed-tag"), (0, 7, "html-disallowed-tag"), (0, 11, "html-disallowed-tag"),
      (0, 19, "html-disallowed-tag"), (0, 19, "html-disallowed-tag"), (0, 19, "html-event-handler")]),
]


def test_sanitizer_reports_what_the_scanner_lets_through_once(tmp_path, site):
    """Each problem in a built page's content is reported once, at its line and column: by the
    hand-written rules where they see it, by the sanitizer where only it does."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "about" / "index.html"
    text = page.read_text(encoding="utf-8")
    at = text.rfind("\n", 0, text.index("</article>")) + 1
    scanned = '<a href="JaVaScRiPt:alert(1)">x</a>\n<img src="x.png" onerror="alert(1)">\n<iframe src="/x"></iframe>\n'
    injected = scanned + "".join(markup + "\n" for markup, _ in SANITIZED)
    page.write_text(text[:at] + injected + text[at:], encoding="utf-8")
    first = text[:at].count("\n") + 1
    expected = [(first, 4, "url-dangerous-scheme"), (first + 1, 18, "html-event-handler"),
                (first + 2, 1, "html-disallowed-tag")]
    expected += [(first + 3 + index, col, rule) for index, (_, places) in enumerate(SANITIZED)
                 for _, col, rule in places]
    (tmp_path / "docs").mkdir()
    result = run_check("safety", "--site", str(copy), "--jobs", "1", root=tmp_path)
    assert result.code == 1 and "Traceback" not in result.stdout + result.stderr
    found = [(int(line), int(col), found.rsplit("[", 1)[1].rstrip("]")) for found in result.lines
             for _, line, col in [found.split(":")[:3]]]
    assert sorted(place for place in found if place[0] >= first) == sorted(expected), result.stdout


def test_sanitizer_allows_what_the_build_writes():
    """Material's edit buttons, source-file facts and tags, the timeline filter, footnotes, permalinks,
    aligned tables (copied from a build with REPO_URL and GIT_DATES set), locator maps and the timeline
    strip (shortened from the build) are not reported."""
    content = """
<a href="https://github.com/example/explainer/edit/main/docs/about.md" title="Edit this page" class="md-content__button md-icon" rel="edit">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M10 20H6V4h7v5h5v3.1l2-2V8l-6-6H6z"/></svg></a>
<h1 id="about">About<a class="headerlink" href="#about" title="Link to this section">&para;</a></h1>
<p>Text<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a></sup> <abbr title="United Nations">UN</abbr>
<a href="https://example.org/" rel="noopener noreferrer">out</a> <a href="mailto:a@example.org">mail</a></p>
<div class="admonition note"><p class="admonition-title">Note</p></div>
<details class="note"><summary>More</summary><p>x</p></details>
<table><thead><tr><th style="text-align: left;">a</th><th style="text-align: right;">b</th></tr></thead>
<tbody><tr><td style="text-align: center;">1</td><td>2</td></tr></tbody></table>
<div class="timeline-filter" role="group" aria-label="Show events about" hidden>
<button type="button" class="md-button" data-tag="" aria-pressed="true">All</button></div>
<p class="timeline-filter__status" role="status" aria-live="polite"></p>
<ol class="timeline"><li class="timeline__event" id="e1" data-tags="syria"><time datetime="2024-12-08">8 Dec</time></li></ol>
<div class="footnote"><hr /><ol><li id="fn:a"><p>Source.&#160;<a class="footnote-backref" href="#fnref:a" title="Back">&#8617;</a></p></li></ol></div>
<aside class="md-source-file"><span class="md-source-file__fact"><span class="md-icon" title="Last update">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M21 13.1"/></svg></span>
<span class="git-revision-date-localized-plugin" title="November 25, 2026">November 25, 2026</span></span></aside>
<nav class="md-tags"><a href="../tags/#tag:syria" class="md-tag">Syria</a></nav>
<figure class="geo-map" id="map-1">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="geo-map__svg" viewBox="0 0 400 300" role="img" aria-labelledby="map-1-t" aria-describedby="map-1-d" focusable="false">
<title id="map-1-t">Syria</title><desc id="map-1-d">A locator map.</desc>
<defs><g id="map-1-sym-city"><circle class="map-sym-bg" r="7"/><circle class="map-sym-fg" r="3.2"/></g></defs>
<rect class="map-sea" width="400" height="300"/><g class="map-countries" data-layer="world"><path class="map-land" d="M0 0h9v9z"/></g>
<g class="map-inset" aria-hidden="true" transform="translate(300 10)"><rect class="map-inset-box" x="1" y="2" width="3" height="4"/></g>
<g class="map-routes"><polyline class="map-route map-route--1" points="1,2 3,4"/></g>
<g class="map-places"><use xlink:href="#map-1-sym-city" class="map-sym map-sym--city" data-place="tartus" x="10" y="20"/></g>
<g class="map-labels"><text class="map-label" x="12" y="20" text-anchor="start">Tartus</text></g></svg>
<figcaption><ul><li><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="geo-map__key" viewBox="-8 -8 16 16" width="16" height="16" aria-hidden="true" focusable="false"><use xlink:href="#map-1-sym-city" class="map-sym map-sym--city"/></svg>Tartus</li></ul></figcaption>
</figure>
<figure class="tl-strip tl-strip--across" id="timeline-overview" aria-labelledby="timeline-overview-t" aria-describedby="timeline-overview-d">
<ol class="tl-years">
<li class="tl-break tl-end"><span class="tl-year">2024</span><a class="tl-mark" href="#ev-2024-12-08"><span>8 December 2024: Assad leaves</span></a><a class="tl-mark tl-mark--cluster" href="#ev-2024-12-09" data-events="ev-2024-12-09 ev-2024-12-10"><span class="tl-count" aria-hidden="true">2</span><span>2 events in 2024.</span></a></li>
</ol>
<figcaption><strong id="timeline-overview-t">Timeline overview</strong>. <span id="timeline-overview-d">57 events.</span></figcaption>
</figure>
"""
    assert list(sanitizer.findings(content, 0, len(content), lambda: [])) == []
    content += '<p style="color: red">one problem</p>\n'   # the rest is still not reported, when something is
    assert [finding.rule for finding in sanitizer.findings(content, 0, len(content), lambda: [])] == \
        ["html-disallowed-attribute"]


def _policy_tag(text: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', text)
    assert match, "no Content-Security-Policy <meta> tag"
    return match.group(0)


def test_every_page_carries_the_same_strict_policy(site):
    """Instant navigation keeps the first page's <head>: a policy that differed by page would stack."""
    policies = {_policy_tag(path.read_text(encoding="utf-8")) for path in _pages(site)}
    assert len(policies) == 1, policies
    policy = safety.content_security_policy(policies.pop())
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert all(source == "'self'" or source.startswith("'sha256-") for source in policy["script-src"])
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    for path in _pages(site):
        text = path.read_text(encoding="utf-8")
        assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in text, path
        assert text.index("Content-Security-Policy") < text.index("<body"), path


def test_policy_hashes_match_the_pages_inline_scripts(site):
    """When an inline script changes (Material's, or the toggle's in overrides/partials/javascripts/palette.html),
    this prints the list to paste into overrides/main.html."""
    needed = set()
    for path in _pages(site):
        needed.update(safety.inline_script_hashes(path.read_text(encoding="utf-8")))
    policy = safety.content_security_policy(_policy_tag((site / "index.html").read_text(encoding="utf-8")))
    listed = {source.strip("'") for source in policy["script-src"] if source.startswith("'sha256-")}
    wanted = "\n".join(f'    "\'{digest}\'",' for digest in sorted(needed))
    assert listed == needed, ("An inline script changed. In overrides/main.html, replace the list "
                              f"inline_scripts with:\n{wanted}")


def test_two_builds_are_byte_identical_apart_from_the_sitemap_dates(tmp_path, site, port):
    """A second build, from another folder and dated another day, differs only where MkDocs writes the date.

    Documented exceptions: sitemap.xml's <lastmod> (the build date, or
    SOURCE_DATE_EPOCH when set) and sitemap.xml.gz (the same text, and the
    same date in its gzip header). Both are compared after removing the date.
    """
    project = _project_with_links(tmp_path / "elsewhere" / "project")
    second = tmp_path / "second"
    dated = {"SITE_URL": f"http://127.0.0.1:{port}/", "SOURCE_DATE_EPOCH": "1000000000"}   # 9 September 2001
    done = mkdocs_build(project, second, env=dated)
    assert done.returncode == 0, done.stdout + done.stderr
    first_files = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    second_files = sorted(path.relative_to(second).as_posix() for path in second.rglob("*") if path.is_file())
    assert first_files == second_files

    def undated(text: str) -> str:
        return re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod/>", text)

    differing = []
    for name in first_files:
        a, b = (site / name).read_bytes(), (second / name).read_bytes()
        if name == "sitemap.xml":
            a, b = undated(a.decode()).encode(), undated(b.decode()).encode()
        elif name == "sitemap.xml.gz":
            a, b = undated(gzip.decompress(a).decode()).encode(), undated(gzip.decompress(b).decode()).encode()
        if a != b:
            differing.append(name)
    assert not differing, f"these files differ between two builds of the same content: {differing}"


# A real browser ----------------------------------------------------------------------------

@pytest.fixture
def serve(port):
    """Serve a folder on 127.0.0.1:PORT for the duration of a test."""
    servers = []

    def start(folder: Path) -> str:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


# Playwright runs these through the DevTools protocol, which the page's policy does not govern; but a
# wait_for_function() given a bare expression is eval()ed in the page, and the policy (no 'unsafe-eval')
# refuses that: always pass arrow functions.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  {directive: event.violatedDirective, blocked: event.blockedURI, line: event.lineNumber}));
"""


def _open(browser, url: str):
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)   # injected by the browser itself, not subject to the page's policy
    page.goto(url, wait_until="load")
    return page


@pytest.mark.browser
def test_policy_blocks_an_injected_inline_script_in_chromium(tmp_path, site, serve, browser):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    index = copy / "index.html"
    text = index.read_text(encoding="utf-8")
    at = text.index("</article>")
    index.write_text(text[:at] + '<script>window.__injected = "ran"; document.title = "pwned";</script>\n'
                     '<img src="missing.png" onerror="window.__handler = \'ran\'">\n' + text[at:], encoding="utf-8")
    page = _open(browser, serve(copy))
    page.wait_for_function("() => window.__violations.length >= 2", timeout=10_000)
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__handler") is None
    assert page.title() != "pwned"
    violations = page.evaluate("window.__violations")
    assert {(violation["directive"], violation["blocked"]) for violation in violations} == \
        {("script-src-elem", "inline"), ("script-src-attr", "inline")}, violations


@pytest.mark.browser
def test_material_works_under_the_policy_in_chromium(site, serve, browser):
    """Search (its web worker), the colour switch, instant navigation and table alignment, with no policy violation."""
    base = serve(site)
    page = _open(browser, base)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== '{scheme}'", timeout=5_000)

    page.evaluate("window.__still_here = true")   # survives instant navigation, not a full page load
    page.locator("a.md-nav__link[href$='countries/syria/']").first.click()
    page.wait_for_url("**/countries/syria/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__still_here") is True
    page.locator("a.md-nav__link[href$='timeline/']").first.click()
    page.wait_for_url("**/timeline/")
    page.wait_for_function("() => document.title.startsWith('Timeline')")   # the new page is in place
    assert page.evaluate("window.__still_here") is True

    page.locator("input.md-search__input").click()
    page.keyboard.type("Tartus")   # Material searches on key presses
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0"
                           " && document.querySelector('.md-search-result__list').textContent.includes('Tartus')",
                           timeout=10_000)   # the search worker, loaded from the site's assets, answered
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []

    # Python-Markdown writes column alignment as style attributes: style-src-attr lets them through.
    page.goto(base + "about/", wait_until="load")
    cell = page.locator("td", has_text="aligned-right")
    assert cell.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []
    assert errors == []
