"""Pages served without their templates' indentation look and read exactly the same (issue 17).

``explainer.trim_html`` rewrites each whitespace run that holds a line break
as that line break alone, outside tags and outside pre, code, textarea, script
and style. The browser test builds the real site without the publish step (so
the pages are as MkDocs wrote them), writes each page's collapsed copy beside
it, and compares what Chromium shows for both: the text and the box of every
element, on a phone and on a desktop.
"""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import copy_project, mkdocs_build
from explainer.publish import trim_pages
from explainer.trim_html import collapse
from test_reader import _html_file, _site_pages

PAGE = """
<!doctype html>
<html>
  <head>
    <title>A   page</title>
    <script>
      var kept = "two\n    lines";
    </script>
    <style>
      p { color: red; }
    </style>
  </head>
  <body>
    <nav class="md-nav">
      <a href="#a"
         title="a
           title">Link</a>
      <!--
        a comment
      -->
    </nav>
    <p>One <em>word</em>
       and   another.</p>
    <pre><code>indented
    code   stays</code></pre>
    <p>Inline <code>a
      b</code> too.</p>
    <textarea>
      typed
    </textarea>
  </body>
</html>
"""


def test_line_breaks_and_the_indentation_after_them_become_one_line_break():
    small = collapse(PAGE)
    assert "\n    <nav" not in small and "\n<nav" in small
    assert "<em>word</em>\nand   another." in small   # spaces within a line are left as written
    assert small.startswith("\n<!doctype html>\n<html>\n<head>\n")
    assert collapse(small) == small


@pytest.mark.parametrize("kept", [
    '<script>\n      var kept = "two\n    lines";\n    </script>',
    "<style>\n      p { color: red; }\n    </style>",
    "<pre><code>indented\n    code   stays</code></pre>",
    "<code>a\n      b</code>",
    "<textarea>\n      typed\n    </textarea>",
    '<a href="#a"\n         title="a\n           title">',
    "<!--\n        a comment\n      -->",
])
def test_tags_comments_and_whitespace_sensitive_elements_are_left_exactly(kept):
    assert kept in PAGE
    assert kept in collapse(PAGE)


def test_a_page_that_would_not_change_is_not_rewritten(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>done</p>\n", encoding="utf-8")
    assert trim_pages(tmp_path) == [tmp_path / "a.html"]
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == collapse(PAGE)
    assert trim_pages(tmp_path) == []


def test_the_published_site_is_served_without_indentation(built_site):
    page = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|code|textarea|script|style)\b.*?</\1>", "", page, flags=re.S)
    assert not re.search(r"\n[ \t]+<", outside)


@pytest.fixture(scope="module")
def as_written_and_collapsed(tmp_path_factory):
    """The real site built without the publish step (no hook), each page beside its collapsed copy."""
    project = copy_project(tmp_path_factory.mktemp("unpublished") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    without_hook = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    assert without_hook != text, "mkdocs.yml has no hooks: entry to leave out"
    config.write_text(without_hook, encoding="utf-8")
    site = project / "site"
    done = mkdocs_build(project, site, env={"NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    pages = []
    for path in _site_pages(site):
        original = _html_file(site, path)
        written, collapsed = (original.with_name(f"{original.stem}.{kind}.html") for kind in ("written", "collapsed"))
        shutil.copy2(original, written)
        collapsed.write_text(collapse(original.read_text(encoding="utf-8")), encoding="utf-8")
        pages.append(tuple(copy.relative_to(site).as_posix() for copy in (written, collapsed)))
    return site, pages


# Every element's box and the page's text, as Chromium lays them out; everything rendered (the
# Timeline's later years use content-visibility: auto, whose skipped text innerText reads by timing;
# the context bypasses the pages' Content-Security-Policy, which would refuse this <style>).
_LAYOUT = """() => {
  const style = document.createElement('style');
  style.textContent = '* { content-visibility: visible !important; }';
  document.head.append(style);
  return {
  text: document.body.innerText,
  boxes: [...document.body.querySelectorAll('*')].map(el => {
    const box = el.getBoundingClientRect();
    return [el.tagName, box.x, box.y, box.width, box.height];
  }),
}}"""


# Same element, placed and sized alike within 1 px: Chromium's table layout varies by a fraction of a
# pixel between two loads of one file; a space gained or lost moves things by a space's width or a line.
def _same_box(written: list, collapsed: list) -> bool:
    return written[0] == collapsed[0] and all(abs(a - b) <= 1 for a, b in zip(written[1:], collapsed[1:]))


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 412, "height": 915}, {"width": 1280, "height": 800}])
def test_every_page_looks_and_reads_the_same_without_its_indentation(browser, as_written_and_collapsed, viewport):
    from browser import serve

    site, pages = as_written_and_collapsed
    context = browser.new_context(viewport=viewport, reduced_motion="reduce", java_script_enabled=False,
                                  bypass_csp=True)
    try:
        with serve(site) as url:
            page = context.new_page()
            for path, collapsed_path in pages:
                page.goto(url + path, wait_until="load")
                written = page.evaluate(_LAYOUT)
                page.goto(url + collapsed_path, wait_until="load")
                collapsed = page.evaluate(_LAYOUT)
                assert collapsed["text"] == written["text"], path
                differ = [(a, b) for a, b in zip(written["boxes"], collapsed["boxes"]) if not _same_box(a, b)]
                assert len(written["boxes"]) == len(collapsed["boxes"]) and not differ, f"{path}: {differ[:3]}"
    finally:
        context.close()
