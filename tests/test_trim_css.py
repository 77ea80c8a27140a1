"""The theme's stylesheets lose only what no page can use (explainer/trim_css.py).

The rules are tested on small stylesheets; then, on the real site in Chromium,
every element of every page, and what Material's JavaScript opens, must compute
the same style with the trimmed files as with Material's own.
"""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import material
import pytest

from explainer.trim_css import Vocabulary, trim, trim_site
# test_reader's: every page of a built site; a search typed until Material's worker answers.
from test_reader import _search, _site_pages

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
OWN_STYLESHEETS = Path(__file__).parent.parent / "overrides" / "assets" / "stylesheets"


def trimmed(css: str, page: str = "", script: str = "", others: tuple = ()) -> str:
    return trim({"sheet": css}, Vocabulary([page], [script]), list(others))["sheet"]


@pytest.mark.parametrize("page,css,kept", [
    pytest.param('<p class="kept other">Words in the text, like missing, name no class.</p>',
                 ".kept{color:red}.missing{color:blue}.missing,.kept .other{margin:0}",
                 ".kept{color:red}.kept .other{margin:0}", id="a-class-no-tag-has-and-a-list-keeps-its-possible-selectors"),
    pytest.param('<div class="a"><p>x</p></div>',
                 ":is(.a,.b) p{color:red}:is(.b,.c) p{color:blue}.a:not(.zzz){margin:0}",
                 ":is(.a,.b) p{color:red}.a:not(.zzz){margin:0}", id="is-needs-one-possible-argument-not-needs-none"),
    pytest.param("<table><tr><td>1</td></tr></table>",
                 "table td{padding:0}kbd{font:inherit}tbody tr{color:red}",
                 "table td{padding:0}tbody tr{color:red}", id="element-types-need-a-tag-except-the-ones-a-browser-adds"),
    pytest.param('<body data-md-color-scheme="slate"><a href="https://example.org">x</a></body>',
                 "[data-md-color-scheme=slate]{color:red}[data-md-color-scheme=red]{color:blue}[href^=http]{margin:0}"
                 "[data-md-none]{x:y}",
                 "[data-md-color-scheme=slate]{color:red}[href^=http]{margin:0}",
                 id="an-exact-attribute-value-must-appear-a-partial-one-only-its-name"),
    pytest.param('<body DIR="ltr" data-md-color-primary="indigo"><p>x</p><script>x.dir==="rtl"||set("red")</script></body>',
                 "[dir=ltr] p{margin:0}[dir=rtl] p{margin:1px}[data-md-color-primary=indigo]{color:blue}"
                 "[data-md-color-primary=red]{color:red}",
                 "[dir=ltr] p{margin:0}[data-md-color-primary=indigo]{color:blue}",
                 id="text-direction-and-palette-colours-only-from-a-tag-not-a-script"),
])
def test_a_selector_stays_only_if_what_it_needs_appears_in_a_tag(page, css, kept):
    assert trimmed(css, page) == kept


def test_classes_the_javascript_adds_or_builds_are_kept():
    script = 'el.classList.add("md-tooltip--active");x=`md-tag--${name}`'
    css = ".md-tooltip--active{opacity:1}.md-tag--news{color:red}.md-other{color:blue}"
    assert trimmed(css, script=script) == ".md-tooltip--active{opacity:1}.md-tag--news{color:red}"
    inline = '<script>document.body.classList.add("from-inline")</script>'
    assert trimmed(".from-inline{color:red}", page=inline) == ".from-inline{color:red}"


def test_what_the_javascript_builds_inside_code_blocks_or_tabs_needs_a_page_with_them():
    """Material's script names the copy button's and the tabs' classes on every page; it adds them
    only to a code block or a tab set, so without one on any page their rules can never match."""
    script = 'x=["md-code__button","tabbed-labels","md-tooltip2"];y=`tabbed-control--${i}`;z="pre > code"'
    css = ".md-code__button{a:b}.tabbed-labels{c:d}.tabbed-control--prev{e:f}pre{g:h}.md-tooltip2{i:j}"
    assert trimmed(css, "<p>x</p>", script) == ".md-tooltip2{i:j}"
    assert trimmed(css, '<div class="highlight"><pre><code>x</code></pre></div>', script) == (
        ".md-code__button{a:b}pre{g:h}.md-tooltip2{i:j}")
    assert trimmed(css, '<div class="tabbed-set"><p>x</p></div>', script) == (
        ".tabbed-labels{c:d}.tabbed-control--prev{e:f}.md-tooltip2{i:j}")


def test_custom_properties_stay_while_anything_reads_them():
    page = '<p class="x" style="color:var(--inline)">x</p>'
    css = ":root{--a:1px;--b:var(--a);--unused:2px;--inline:red;--elsewhere:blue}.x{margin:var(--b)}"
    assert trimmed(css, page, others=(".site{color:var(--elsewhere)}",)) == \
        ":root{--a:1px;--b:var(--a);--inline:red;--elsewhere:blue}.x{margin:var(--b)}"


def test_a_property_one_sheet_defines_and_another_reads_is_kept():
    sheets = {"palette": "[data-scheme=dark]{--fg:white}", "main": ".x{color:var(--fg)}"}
    result = trim(sheets, Vocabulary(['<p class="x" data-scheme="dark">'], []))
    assert result == sheets


def test_emptied_blocks_go_and_other_at_rules_stay():
    css = ("@media screen{.gone{color:red}}@media print{.x{color:red}}@supports (display:grid){.gone{x:y}}"
           "@font-face{font-family:a;src:url(a.woff2)}@keyframes spin{to{transform:rotate(1turn)}}")
    assert trimmed(css, '<p class="x">') == ("@media print{.x{color:red}}@font-face{font-family:a;src:url(a.woff2)}"
                                              "@keyframes spin{to{transform:rotate(1turn)}}")


def test_important_and_values_survive_as_written():
    css = ".x{color:red!important;margin:.5rem 0 calc(1px + 2em);background:url(\"data:image/svg+xml;a,<svg/>\")}"
    assert trimmed(css, '<p class="x">') == css


def test_the_build_trims_materials_stylesheets_and_minifies_the_sites_own(built_site: Path):
    served = built_site / "assets" / "stylesheets"
    for name in ("main", "palette"):
        [original] = MATERIAL_STYLESHEETS.glob(f"{name}.*.min.css")
        before, after = (len(gzip.compress(path.read_bytes())) for path in (original, served / original.name))
        assert after < before * 0.8, f"{original.name}: {before} -> {after} bytes gzip"
    for own in OWN_STYLESHEETS.glob("*.css"):
        text = (served / own.name).read_text()
        assert "/*" not in text and "\n" not in text and len(text) < len(own.read_text()) * 0.8, own.name


def test_trimming_twice_changes_nothing(built_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    sizes = trim_site(site)
    assert sizes and all(before == after for before, after in sizes.values())


def test_under_zensical_only_the_sites_own_stylesheets_are_minified(tmp_path: Path):
    """Zensical's theme sheets sit in subfolders (classic/, modern/): left whole, for now."""
    (tmp_path / "index.html").write_text('<p class="own">x</p>')
    folder = tmp_path / "assets" / "stylesheets"
    (folder / "classic").mkdir(parents=True)
    theirs = "/* theme */\n.unused { color: red }\n"
    (folder / "classic" / "main.css").write_text(theirs)
    (folder / "own.css").write_text("/* ours */\n.own {\n  color: blue;\n}\n.later { margin: 0 }\n")
    assert trim_site(tmp_path) == {folder / "own.css": (56, 32)}
    assert (folder / "own.css").read_text() == ".own{color:blue}.later{margin:0}"
    assert (folder / "classic" / "main.css").read_text() == theirs
    assert trim_site(tmp_path) == {folder / "own.css": (32, 32)}   # a second run changes nothing


# In the browser ---------------------------------------------------------------

# Each element's computed style (and its pseudo-elements'), as a hash per element, without the custom
# properties (the trimmed files drop the ones nothing reads; what they feed into is compared).
# Elements are read through computedStyleMap(): computed values, what the cascade decided ("auto"),
# not getComputedStyle's used values for margins and sizes, which are layout results Chromium
# sometimes reports from a stale layout (the header's auto margins read 0 px, then 30 px, for the
# same rules; search results' block-size likewise). Pseudo-elements have no computedStyleMap().
_STYLES = """() => {
  const hash = text => { let h = 2166136261; for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619); return h >>> 0; };
  const names = [...getComputedStyle(document.body)].filter(name => !name.startsWith('--'));
  const computed = el => { const map = el.computedStyleMap(); return names.map(name => String(map.get(name))).join(';'); };
  const describe = style => names.map(name => style.getPropertyValue(name)).join(';');
  return [...document.querySelectorAll('*')].flatMap(el => {
    const label = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    const found = [label + ' ' + hash(computed(el))];
    for (const pseudo of ['::before', '::after', ...(el.tagName === 'LI' ? ['::marker'] : []),
                          ...(el.tagName === 'INPUT' ? ['::placeholder'] : [])]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo.endsWith('before') || pseudo.endsWith('after'))
        if (style.content === 'none' || style.content === 'normal') { found.push(label + pseudo + ' none'); continue; }
      found.push(label + pseudo + ' ' + hash(describe(style)));
    }
    return found;
  });
}"""

# Let running transitions end before a measurement: those the page's own start-up began (Material's
# header, the drawer), and those a stylesheet swap starts (the page is briefly unstyled in between).
_SETTLE = """async () => {
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
  await new Promise(resolve => setTimeout(resolve, 400));   // and those on pseudo-elements, which it does not list
}"""

# Swap each served stylesheet for the one it was made from (served from untrimmed/), and wait until they apply.
_UNTRIM = """async () => {
  const links = [...document.querySelectorAll('link[rel=stylesheet]')].filter(link => /\\/stylesheets\\/[^/]+\\.css$/.test(link.href));
  await Promise.all(links.map(link => new Promise((resolve, reject) => {
    link.onload = resolve; link.onerror = reject;
    link.href = link.href.replace(/\\/stylesheets\\//, '/stylesheets/untrimmed/');
  })));
  return links.length;
}"""


@pytest.fixture(scope="module")
def both_stylesheets(built_site: Path, tmp_path_factory) -> Path:
    """The built site, with Material's own stylesheets and the site's unminified ones beside the
    served ones (in untrimmed/)."""
    site = tmp_path_factory.mktemp("trimmed") / "site"
    shutil.copytree(built_site, site)
    untrimmed = site / "assets" / "stylesheets" / "untrimmed"
    untrimmed.mkdir()
    for sheet in (site / "assets" / "stylesheets").glob("*.css"):
        source = MATERIAL_STYLESHEETS if sheet.name.endswith(".min.css") else OWN_STYLESHEETS
        shutil.copy2(source / sheet.name, untrimmed / sheet.name)
    return site


def _same_styles(page) -> None:
    page.evaluate(_SETTLE)
    trimmed_styles = page.evaluate(_STYLES)
    assert page.evaluate(_UNTRIM) >= 3, "expected Material's two stylesheets and the site's own"
    page.evaluate(_SETTLE)
    material_styles = page.evaluate(_STYLES)
    assert len(trimmed_styles) == len(material_styles)
    differ = [(ours, theirs) for ours, theirs in zip(trimmed_styles, material_styles) if ours != theirs]
    assert not differ, f"{page.url}: {len(differ)} elements style differently, first {differ[:3]}"


@pytest.mark.browser
@pytest.mark.parametrize("viewport,scheme", [({"width": 412, "height": 915}, "light"),
                                             ({"width": 1280, "height": 800}, "dark")])
def test_every_page_looks_the_same_with_the_trimmed_stylesheets(browser, both_stylesheets, viewport, scheme):
    from browser import serve

    context = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    try:
        with serve(both_stylesheets) as url:
            page = context.new_page()
            for path in _site_pages(both_stylesheets):
                page.goto(url + path, wait_until="networkidle")
                _same_styles(page)
    finally:
        context.close()


@pytest.mark.browser
def test_what_materials_script_opens_looks_the_same(browser, both_stylesheets):
    """Search results, a footnote's tooltip, the phone's navigation drawer, and print."""
    from browser import serve

    with serve(both_stylesheets) as url:
        desktop = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
        phone = browser.new_context(viewport={"width": 412, "height": 915}, reduced_motion="reduce")
        try:
            page = desktop.new_page()
            page.goto(url, wait_until="networkidle")
            assert _search(page, "Tartus")
            # The worker answers each keystroke: wait until the list stops changing.
            page.wait_for_function("""() => { const now = document.querySelector('.md-search-result').innerHTML;
                const same = now === window.__results; window.__results = now; return same; }""", polling=500)
            _same_styles(page)

            page = desktop.new_page()
            page.goto(url + "timeline/", wait_until="networkidle")
            page.locator("article sup a.footnote-ref").first.hover()
            page.locator(".md-tooltip2").first.wait_for()
            _same_styles(page)

            page = desktop.new_page()
            page.emulate_media(media="print")
            page.goto(url + "claims/", wait_until="networkidle")
            _same_styles(page)

            page = phone.new_page()
            page.goto(url + "countries/syria/", wait_until="networkidle")
            page.locator("label.md-header__button[for='__drawer']").click()
            page.wait_for_function("document.getElementById('__drawer').checked")
            _same_styles(page)
        finally:
            desktop.close()
            phone.close()


def test_a_build_that_keeps_the_trimmed_file_trims_materials_own_again(built_site: Path, tmp_path: Path):
    """As after `mkdocs serve --dirty`: a page now uses a class the last build had no use for."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    [served] = (site / "assets" / "stylesheets").glob("main.*.min.css")
    assert ".md-typeset .admonition.warning" not in served.read_text()
    (site / "new.html").write_text('<div class="md-typeset"><div class="admonition warning">Careful</div></div>')
    trim_site(site, [MATERIAL_STYLESHEETS.parent.parent])
    assert ".admonition.warning" in served.read_text()
