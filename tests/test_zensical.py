"""Both builders, one repository (issue 16): MkDocs + Material today, Zensical after Material's end of life.

The same ``mkdocs.yml`` is built with ``zensical build --clean --strict`` (in a
copy: Zensical writes only inside the project), the publish step adds the
data exports, and ``check.py safety links`` reads the output. Then each
build is served on 127.0.0.1 and driven in Chromium: search finds a term
under the Content-Security-Policy, a footnote's tooltip opens, the timeline
filter works (on the list and the overview's marks), and no page reports a CSP violation. The CSP's hash for the
style Zensical's search writes is recomputed here from what the browser sees.
"""
from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project, run_check

ZENSICAL = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
SEED = REPO.parent / "shared" / "seed" / "000_445668cc3e28de33.txt"
# Pages every explainer has, whatever its content: enough to exercise each feature.
PAGES = ["", "timeline/", "claims/", "sources/"]
browser_test = pytest.mark.browser

# Every CSP violation on a page, collected from the moment it starts loading.
_WATCH_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));"""


def zensical_build(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``zensical build --clean --strict`` in ``project`` (it writes site/ there), then the publish step."""
    if not Path(ZENSICAL).exists():
        if os.environ.get("CI"):
            pytest.fail("zensical is not installed: pip install --require-hashes -r requirements-zensical.txt")
        pytest.skip("zensical is not installed (pip install --require-hashes -r requirements-zensical.txt)")
    full_env = {**os.environ, **(env or {})}
    done = subprocess.run([ZENSICAL, "build", "--clean", "--strict"], cwd=project, capture_output=True, text=True,
                          env=full_env, timeout=600)
    if done.returncode == 0:
        published = subprocess.run([sys.executable, "-m", "explainer", "publish"], cwd=project, capture_output=True,
                                   text=True, env=full_env, timeout=120)
        assert published.returncode == 0, published.stdout + published.stderr
    return done


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    done = zensical_build(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No issues found" in done.stdout + done.stderr
    return project / "site"


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def either_site(request, built_site):
    """The real site as each builder makes it, served on 127.0.0.1: (builder, base URL)."""
    from browser import serve

    site = built_site if request.param == "mkdocs" else request.getfixturevalue("zensical_site")
    with serve(site) as url:
        yield request.param, url


@pytest.fixture
def watched_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce",
                                  service_workers="block")
    context.set_default_timeout(15_000)
    context.add_init_script(_WATCH_CSP)
    yield context.new_page()
    context.close()


# The build and its output --------------------------------------------------------

def test_zensical_builds_the_repository_and_the_checks_find_nothing(zensical_site):
    for name in ("timeline.json", "claims.json", "sources.json"):
        assert (zensical_site / "data" / name).is_file(), f"data/{name} was not published"
    assert (zensical_site / "tags.json").is_file()
    timeline = (zensical_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="tl-strip' in timeline and 'class="tl-mark" href="#ev-' in timeline
    result = run_check("safety", "links", "--site", str(zensical_site), "--jobs", "1")
    assert result.code == 0 and result.lines == [], result.stdout + result.stderr


def test_both_builds_link_every_page_to_the_same_places(built_site, zensical_site):
    """Generated links (timeline, claims, sources, coverage) resolve to the same addresses in both builds."""
    from lxml import html

    def links(site: Path) -> dict[str, list[str]]:
        found = {}
        for path in sorted(site.rglob("index.html")):
            page = path.parent.relative_to(site).as_posix()
            article = html.fromstring(path.read_bytes()).find(".//article")
            if article is not None:
                hrefs = [a.get("href") for a in article.iter("a") if a.get("href") and a.get("class") != "headerlink"]
                found[page] = sorted(_absolute(page, href) for href in hrefs if "://" not in href)
        return found

    ours, theirs = links(built_site), links(zensical_site)
    assert set(ours) == set(theirs)
    for page in ours:
        missing = sorted(set(ours[page]) - set(theirs[page]))
        assert not missing, f"{page}: links of the MkDocs build that the Zensical build lacks: {missing[:5]}"


def _absolute(page: str, href: str) -> str:
    import posixpath
    path, _, fragment = href.partition("#")
    base = "" if page == "." else page + "/"
    target = posixpath.normpath(posixpath.join(base, path)) if path else base.rstrip("/") or "."
    return f"{target.strip('./') or '.'}#{fragment}"


def test_a_new_explainer_builds_with_zensical_too(tmp_path):
    dest = tmp_path / "explainer"
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    made = subprocess.run([sys.executable, "-m", "explainer", "new", str(SEED), str(dest)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    done = zensical_build(dest, {"PYTHONPATH": str(dest / "scripts")})
    assert done.returncode == 0, done.stdout + done.stderr
    assert (dest / "site" / "timeline" / "index.html").is_file() and (dest / "site" / "data" / "timeline.json").is_file()


# What a reader does, in both builds -----------------------------------------------

@browser_test
def test_search_finds_a_term_under_the_policy(either_site, watched_page):
    builder, url = either_site
    page = watched_page
    page.goto(url, wait_until="networkidle")
    if builder == "mkdocs":
        page.locator("input.md-search__input").click()
        results = ".md-search-result__item"
    else:
        page.locator(".md-search__button").click()
        results = "ol[role='listbox'] > li"   # Zensical's search dialog, in its shadow root
    page.keyboard.type("Tartus")
    page.wait_for_selector(results, timeout=15_000)
    assert page.locator(results).count() > 0
    assert page.evaluate("window.__csp") == []


@browser_test
def test_a_footnote_tooltip_opens(either_site, watched_page):
    _, url = either_site
    page = watched_page
    page.goto(url + "timeline/", wait_until="networkidle")
    ref = page.locator("article a.footnote-ref").first
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    note = page.locator(f"[id='{ref.get_attribute('href').split('#', 1)[1]}']")
    first_words = " ".join(note.inner_text().split()[:3])
    assert first_words in " ".join(tooltip.inner_text().split())
    assert page.evaluate("window.__csp") == []


@browser_test
def test_the_timeline_filter_works(either_site, watched_page):
    _, url = either_site
    page = watched_page
    page.goto(url + "timeline/", wait_until="networkidle")
    bar = page.locator(".timeline-filter")
    bar.wait_for(state="visible")
    tag = bar.locator("button[data-tag]:not([data-tag=''])").first
    name = tag.get_attribute("data-tag")
    tag.click()
    shown = page.evaluate("""() => [...document.querySelectorAll('ol.timeline > li')]
        .filter(e => e.checkVisibility()).map(e => e.dataset.tags.split(' '))""")
    total = page.locator("ol.timeline > li").count()
    assert 0 < len(shown) < total and all(name in tags for tags in shown)
    marks = page.evaluate("""() => [...document.querySelectorAll('.tl-strip .tl-mark')]   // the overview too
        .map(a => [a.checkVisibility(), document.getElementById(decodeURIComponent(a.hash.slice(1))).dataset.tags.split(' ')])""")
    assert len(marks) == total and all(visible == (name in tags) for visible, tags in marks)
    assert page.evaluate("window.__csp") == []


@browser_test
def test_no_page_breaks_the_policy(either_site, watched_page):
    _, url = either_site
    page = watched_page
    for path in PAGES:
        page.goto(url + path, wait_until="networkidle")
        assert page.evaluate("window.__csp") == [], f"{path or 'overview'}: {page.evaluate('window.__csp')}"


@browser_test
def test_the_policy_allows_exactly_the_style_zensicals_search_writes(zensical_site, watched_page):
    """Recomputed from what the browser sees, never typed: a Zensical upgrade that changes the style fails here."""
    from browser import serve

    with serve(zensical_site) as url:
        page = watched_page
        page.goto(url, wait_until="networkidle")
        styles = page.evaluate("""() => [...document.querySelectorAll('body > *')].filter(e => e.shadowRoot)
            .flatMap(e => [...e.shadowRoot.querySelectorAll('style')].map(s => s.textContent))""")
        policy = page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
    style_src = next(part for part in policy.split(";") if part.strip().startswith("style-src "))
    needed = {f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'" for style in styles}
    allowed = {word for word in style_src.split() if word.startswith("'sha256-")}
    assert needed == allowed, f"overrides/main.html: Zensical's style-src hashes are now {' '.join(sorted(needed))}"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
@pytest.mark.parametrize("mistake, said", [
    ("See this.[@no-such-source]", "about.md: citation of unknown source '@no-such-source'"),
    ("<!-- md:timeline tag=no-such-tag -->", "about.md, line"),
])
def test_strict_extensions_stop_either_builder_with_the_page_and_the_key(tmp_path, builder, mistake, said):
    """EXPLAINER_STRICT=true (as the workflows build): a broken citation or marker fails the build, one clear line."""
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{mistake}\n", encoding="utf-8")
    env = {"EXPLAINER_STRICT": "true", "NO_MKDOCS_2_WARNING": "1"}
    if builder == "mkdocs":
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                              cwd=project, capture_output=True, text=True, env={**os.environ, **env}, timeout=300)
    else:
        done = zensical_build(project, env)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert said in output and "Traceback" not in output, output


def test_both_builds_show_the_as_of_date_under_every_page(built_site, zensical_site):
    """The page template's "as of" block renders alike in Jinja2 (MkDocs) and MiniJinja (Zensical)."""
    for site in (built_site, zensical_site):
        for path in sorted(site.rglob("index.html")):
            text = path.read_text(encoding="utf-8")
            if "<article" in text:
                assert '<p class="explainer-as-of">This explainer’s account runs to <time datetime="' in text, path
