"""What a reader sees (issue 8): the built site in a real browser, and its sharing metadata.

The site is built once with ``mkdocs build --strict`` (``built_site`` in
conftest.py), served on 127.0.0.1 and driven with Playwright through Debian's
Chromium (/usr/bin/chromium; Playwright never downloads a browser). The
browser tests are marked ``browser``: without Chromium they are skipped
locally and fail in CI (when the ``CI`` environment variable is set).

Screenshots go to test-artifacts/screenshots/ (git-ignored) for CI to upload.
The sharing metadata (Open Graph, Twitter card, schema.org JSON-LD) is checked
in the built HTML without a browser. Timings are not asserted here:
tools/bench_reader.py prints weights and Lighthouse scores.
"""
from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html

from conftest import DESKTOP, REPO, copy_project, mkdocs_build

PHONE = {"width": 390, "height": 844}
PHONE_412 = {"width": 412, "height": 915}   # a larger phone (issue 20's maps)
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"

# WCAG 2.2 AA, as axe-core tags its rules. Only "serious" and "critical"
# violations fail. No rule is excluded.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}

# Query -> the pages that answer it best. The first of these pages to appear
# in the results must be among the first three pages listed, and open.
SEARCHES = {
    "Tartus": ("countries/syria/", "glossary/"),
    "Angola": ("argument/history/",),
    "BRICS": ("countries/argentina/", "glossary/"),
    "North-South": ("countries/iran/", "glossary/"),
}

# Each page's maps, by accessible name (docs/data/places.yml, <!-- md:map --> markers).
MAPS = {
    "countries/syria/": "Locator map: Syria",
    "countries/iran/": "Locator map: Iran",
    "countries/venezuela/": "Locator map: Venezuela",
    "countries/argentina/": "Locator map: Argentina",
    "countries/iran/#corridor": "Route map: North–South corridor",
    "argument/history/": "Locator map: Moscow, Kabul and Luanda",
}
# Issue 19: the pages a reader reads, each opening with its question and a short answer.
TOPIC_PAGES = ["", "argument/", "argument/charge/", "countries/syria/", "countries/iran/", "countries/venezuela/",
               "countries/argentina/", "argument/history/"]
ANSWER_PHONE = {"width": 412, "height": 915}   # a common Android phone (CSS pixels)

# The article this site explains, as the JSON-LD must describe it.
ARTICLE = yaml.safe_load((REPO / "docs" / "data" / "article.yml").read_text(encoding="utf-8"))
SOURCES = yaml.safe_load((REPO / "docs" / "data" / "sources.yml").read_text(encoding="utf-8"))
ARTICLE_URL = next(ref["URL"] for ref in SOURCES["references"] if ref["id"] == "article")
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
AUTHOR = "The explainer's contributors"

browser_test = pytest.mark.browser


# Helper functions -------------------------------------------------------------

# Every page of a built site, as paths relative to its root ("" is the overview).
def _site_pages(site: Path) -> list[str]:
    pages = sorted(path.parent.relative_to(site).as_posix() for path in site.rglob("index.html"))
    return ["" if page == "." else f"{page}/" for page in pages] + ["404.html"]


# The front matter of every Markdown page, keyed by its site path ("argument/charge/").
def _front_matter() -> dict[str, dict]:
    pages = {}
    for path in sorted((REPO / "docs").rglob("*.md")):
        relative = path.relative_to(REPO / "docs").as_posix()
        if relative.startswith(("includes/", "data/")):
            continue
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        stem = relative.removesuffix(".md")
        pages["" if stem == "index" else f"{stem.removesuffix('/index')}/"] = meta or {}
    return pages


# The built HTML file behind a site path.
def _html_file(site: Path, page: str) -> Path:
    return site / page if page.endswith(".html") else site / page / "index.html"


# Width and height of a PNG, from its IHDR chunk.
def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


# Type a query into Material's search box until the worker answers (the first
# keystrokes can arrive before the search index has loaded).
def _search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    for _ in range(30):
        box.fill("")
        box.type(query)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try again
            continue
    else:
        pytest.fail(f"search for {query!r} showed no results: {page.locator('.md-search-result__meta').inner_text()}")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    documents = []
    for href in hrefs:
        path = urlsplit(href).path.lstrip("/")
        if path not in documents:
            documents.append(path)
    return documents


# Tag names and the pages listed under each on the tags page (in the browser).
_TAG_SECTIONS_JS = """() => Object.fromEntries(
  [...document.querySelectorAll('article h2[id^="tag:"]')].map(h2 => {
    const list = h2.nextElementSibling;
    const pages = list ? [...list.querySelectorAll('a[href]')].map(a => new URL(a.href).pathname.slice(1)) : [];
    return [h2.querySelector('.md-tag').textContent.trim(), pages.sort()];
  }))"""

# Marks every visible link in the main content and returns their hrefs.
_MARK_CONTENT_LINKS_JS = """() => {
  const links = [...document.querySelectorAll('article.md-content__inner a[href]')]
    .filter(a => a.checkVisibility({visibilityProperty: true}) && a.tabIndex >= 0);
  links.forEach((a, i) => a.dataset.readerLink = String(i));
  window.__readerFocused = new Set();
  document.addEventListener('focusin', e => {
    const id = e.target.dataset && e.target.dataset.readerLink;
    if (id !== undefined) window.__readerFocused.add(id);
  });
  return links.map(a => a.getAttribute('href'));
}"""


# Tests: sharing metadata in the built HTML --------------------------------------

def test_every_page_has_its_description_and_sharing_tags(built_site):
    front_matter = _front_matter()
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for page in _site_pages(built_site):
        doc = html.fromstring(_html_file(built_site, page).read_bytes())
        meta = {(tag.get("property") or tag.get("name")): tag.get("content") for tag in doc.iter("meta")}
        expected = front_matter.get(page, {}).get("description") or " ".join(config["site_description"].split())
        assert meta.get("description") == expected, f"{page or 'index'}: <meta name=description> is wrong or broken"
        for key in ("og:title", "og:description", "og:url", "og:image", "og:image:alt"):
            assert meta.get(key), f"{page or 'index'}: no {key}"
        # X (Twitter) falls back to the og: tags; repeating them only weighs the page.
        assert not {"twitter:title", "twitter:description", "twitter:image"} & set(meta), page
        assert meta["og:type"] == "article"
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:description"] == expected
        for key in ("og:url", "og:image"):
            parts = urlsplit(meta[key])
            assert parts.scheme in {"http", "https"} and parts.netloc, f"{page}: {key} is not absolute: {meta[key]}"
        canonical = doc.xpath("//link[@rel='canonical']/@href")
        if page != "404.html":
            assert canonical and meta["og:url"] == canonical[0], f"{page}: og:url differs from the canonical URL"
            assert meta["og:url"].endswith("/" + page), meta["og:url"]
            title = front_matter[page].get("title")
            assert meta["og:title"] == (config["site_name"] if page == "" else title), page


def test_social_card_is_a_1200x630_png_in_the_site(built_site):
    doc = html.fromstring((built_site / "index.html").read_bytes())
    image = doc.xpath("//meta[@property='og:image']/@content")[0]
    site_root = doc.xpath("//link[@rel='canonical']/@href")[0]
    assert image.startswith(site_root), "og:image is not on the site"
    card = built_site / image.removeprefix(site_root)
    assert card.is_file(), f"{card} was not copied into the site"
    assert _png_size(card) == (1200, 630)
    assert doc.xpath("//meta[@property='og:image:width']/@content") == ["1200"]
    assert doc.xpath("//meta[@property='og:image:height']/@content") == ["630"]


def test_json_ld_describes_each_page_as_an_article_about_the_explained_article(built_site):
    for page in _site_pages(built_site):
        doc = html.fromstring(_html_file(built_site, page).read_bytes())
        blocks = doc.xpath("//script[@type='application/ld+json']/text()")
        assert len(blocks) == 1, f"{page}: expected one JSON-LD block, found {len(blocks)}"
        data = json.loads(blocks[0])
        meta = {(tag.get("property") or tag.get("name")): tag.get("content") for tag in doc.iter("meta")}
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Article"
        assert data["headline"] == meta["og:title"]
        assert data["description"] == meta["og:description"]
        assert data["url"] == meta["og:url"]
        assert data["image"] == meta["og:image"]
        assert data["author"] == {"@type": "Organization", "name": AUTHOR}
        assert data["license"] == LICENCE
        for key in ("about", "isBasedOn"):
            explained = data[key]
            assert explained["@type"] == "CreativeWork"
            assert explained["name"] == ARTICLE["title"]
            assert explained["datePublished"] == str(ARTICLE["date"]) == "2026-01-15"
            assert explained["url"] == ARTICLE_URL


def test_sharing_tags_escape_hostile_text(tmp_path):
    """Quotes, ampersands and a closing </script> in a description stay data."""
    project = copy_project(tmp_path / "project")
    hostile = 'Say "hi" & </script><script>alert(1)</script> \u2028 done'
    about = project / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^description: .*$", lambda _: "description: " + json.dumps(hostile), text, count=1)
    about.write_text(text, encoding="utf-8")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    raw = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["description"] == hostile
    assert "<script>alert" not in block
    doc = html.fromstring(raw)
    assert doc.xpath("//meta[@property='og:description']/@content") == [hostile]


# Tests: in the browser -------------------------------------------------------

@browser_test
@pytest.mark.parametrize("query", list(SEARCHES))
def test_search_finds_the_page_that_answers(page, site_url, query):
    page.goto(site_url)
    documents = _search(page, query)
    wanted = [path for path in documents if path in SEARCHES[query]]
    assert wanted, f"search for {query!r} did not find {SEARCHES[query]}; found {documents}"
    best = wanted[0]
    assert documents.index(best) < 3, f"{best} is only result {documents.index(best) + 1} for {query!r}: {documents}"
    page.locator(f".md-search-result__item > a[href^='{site_url}{best}?']").first.click()
    page.wait_for_url(f"{site_url}{best}**")
    # Instant navigation changes the address before it swaps the page in; the canonical link comes with it.
    page.wait_for_function("path => document.querySelector('link[rel=canonical]').href.endsWith(path)", arg="/" + best)
    assert urlsplit(page.url).path == f"/{best}"
    words = [word.lower() for word in re.split(r"[-\s]+", query)]
    text = page.locator("article.md-content__inner").inner_text().lower().replace("\u2013", "-")
    assert query.lower() in text or all(word in text for word in words)


@browser_test
def test_timeline_is_in_order_and_its_filter_works(page, site_url):
    page.goto(site_url + "timeline/")
    bar = page.locator(".timeline-filter")
    bar.wait_for(state="visible")
    read_events = """() => [...document.querySelectorAll('ol.timeline > li')].map(e => ({
        date: e.querySelector('time').getAttribute('datetime'),
        tags: (e.dataset.tags || '').split(' '),
        visible: e.checkVisibility()}))"""
    events = page.evaluate(read_events)
    assert len(events) >= 20
    dates = [event["date"] for event in events]
    assert dates == sorted(dates), "timeline events are out of date order"
    assert all(event["visible"] for event in events)

    def pressed():
        return {button.inner_text(): button.get_attribute("aria-pressed") for button in bar.locator("button").all()}

    assert pressed()["All"] == "true"
    bar.get_by_role("button", name="Syria", exact=True).click()
    events = page.evaluate(read_events)
    shown = [event for event in events if event["visible"]]
    assert 0 < len(shown) < len(events)
    assert all("syria" in event["tags"] for event in shown)
    assert all("syria" not in event["tags"] for event in events if not event["visible"])
    state = pressed()
    assert state.pop("Syria") == "true" and set(state.values()) == {"false"}
    hidden_years = page.evaluate("""() => [...document.querySelectorAll('.timeline-year')]
        .filter(y => !y.checkVisibility()).every(y => !y.querySelector('ol.timeline > li:not([hidden])'))""")
    assert hidden_years, "a year with Syria events was hidden"

    bar.get_by_role("button", name="All", exact=True).click()
    assert all(event["visible"] for event in page.evaluate(read_events))
    state = pressed()
    assert state.pop("All") == "true" and set(state.values()) == {"false"}


@browser_test
def test_maps_on_a_phone(open_context, site_url):
    page = open_context(viewport=PHONE_412).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    for path, name in MAPS.items():
        page.goto(site_url + path, wait_until="networkidle")
        picture = page.get_by_role("img", name=name, exact=True)
        assert picture.count() == 1, f"{path}: no map named {name!r}"
        picture.scroll_into_view_if_needed()
        box = picture.bounding_box()
        assert picture.is_visible() and 300 <= box["width"] <= PHONE_412["width"], f"{path}: {box}"
        figure = page.locator("figure.geo-map").filter(has=picture)
        names = picture.locator("text.map-label").evaluate_all("texts => texts.map(t => t.textContent)")
        listed = figure.locator("figcaption li").all_inner_texts()
        assert names and len(listed) == len(names), f"{path}: the caption does not list every place"
        assert all(any(label in item for item in listed) for label in names)
        if path == "countries/syria/":
            assert {"Tartus", "Hmeimim air base"} <= set(names)

    outside = sorted({url for url in requests if urlsplit(url).scheme in ("http", "https")
                      and urlsplit(url).hostname != "127.0.0.1"})
    assert not outside, f"requests left 127.0.0.1: {outside}"


@browser_test
def test_the_timeline_overview_on_a_phone_with_instant_navigation(open_context, instant_site_url):
    """The overview's marks are HTML links: reached by instant navigation (which rewrites every
    relative href), each followed to its event without a page error; big enough to tap; filtered."""
    page = open_context(viewport=PHONE_412).new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(instant_site_url, wait_until="networkidle")
    page.evaluate("window.__still_here = true")   # survives instant navigation, not a full page load
    page.locator("article a[href$='timeline/']").first.click()
    page.wait_for_function("() => document.title.startsWith('Timeline')")   # the URL's hash follows the scroll
    assert urlsplit(page.url).path == "/timeline/"
    assert page.evaluate("window.__still_here") is True, "instant navigation did not load the timeline"

    overview = page.get_by_role("figure", name=re.compile(r"^Timeline overview, \d{4}–\d{4}$"))
    overview.scroll_into_view_if_needed()
    assert overview.is_visible()
    marks = overview.get_by_role("link")
    targets = marks.evaluate_all("links => links.map(a => a.hash)")   # instant navigation made them absolute
    anchors = page.evaluate("() => [...document.querySelectorAll('ol.timeline > li')].map(e => e.id)")
    assert targets == ["#" + anchor for anchor in anchors], "the overview does not link every event once, in order"
    names = marks.evaluate_all("links => links.map(a => a.textContent)")
    titles = page.evaluate("() => [...document.querySelectorAll('ol.timeline > li > strong')].map(e => e.textContent)")
    assert all(name.endswith(": " + title) for name, title in zip(names, titles))
    boxes = marks.evaluate_all("links => links.map(a => a.getBoundingClientRect().toJSON())")
    assert all(box["width"] >= 24 and box["height"] >= 24 for box in boxes), "a mark is smaller than 24×24 px"
    assert all(0 <= box["left"] and box["right"] <= PHONE_412["width"] for box in boxes)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE_412["width"]

    for index in (len(targets) // 2, len(targets) - 1):
        mark = marks.nth(index)
        mark.scroll_into_view_if_needed()
        mark.click()
        page.wait_for_function("""id => { const top = document.getElementById(id).getBoundingClientRect().top;
            return 0 <= top && top < innerHeight; }""", arg=targets[index][1:])   # its entry is on screen
        assert page.evaluate("window.__still_here") is True
        highlighted = page.eval_on_selector_all("ol.timeline > li", "items => items.filter(li => li.matches(':target, .is-target')).map(li => li.id)")
        assert highlighted == [targets[index][1:]], highlighted   # the entry followed, and only it

    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".timeline-filter").get_by_role("button", name="Syria", exact=True).click()
    shown = overview.locator("a.tl-mark:not(.is-filtered)").evaluate_all("links => links.map(a => a.hash)")
    entries = page.eval_on_selector_all("ol.timeline > li:not([hidden])", "items => items.map(li => '#' + li.id)")
    assert 0 < len(shown) < len(targets) and shown == entries, "the overview's marks are not the Syria entries'"
    assert all("syria" in page.get_attribute(f"[id='{target[1:]}']", "data-tags").split() for target in shown)
    assert overview.locator("a.tl-mark.is-filtered").first.is_hidden()
    page.locator(".timeline-filter").get_by_role("button", name="All", exact=True).click()
    assert overview.locator("a.tl-mark.is-filtered").count() == 0

    assert not errors, errors
    outside = sorted({url for url in requests if urlsplit(url).scheme in ("http", "https")
                      and urlsplit(url).hostname != "127.0.0.1"})
    assert not outside, f"requests left 127.0.0.1: {outside}"


@browser_test
def test_tags_page_lists_the_pages_that_carry_each_tag(page, site_url):
    expected: dict[str, list[str]] = {}
    for path, meta in _front_matter().items():
        for tag in meta.get("tags") or []:
            expected.setdefault(tag, []).append(path)
    expected = {tag: sorted(paths) for tag, paths in expected.items()}
    assert expected, "no page has tags"

    page.goto(site_url + "tags/")
    assert page.evaluate(_TAG_SECTIONS_JS) == expected

    # A tag on a page leads to its section of the tags page.
    page.goto(site_url + "countries/argentina/")
    page.locator("article nav.md-tags a.md-tag", has_text="BRICS").click()
    page.wait_for_url("**/tags/#tag:*")
    section = urlsplit(page.url).fragment
    listed = page.locator(f"[id='{section}'] + ul a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert "/countries/argentina/" in listed


@browser_test
def test_palette_toggle_switches_and_is_remembered(page, site_url):
    page.goto(site_url)
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    toggle = page.locator("form.md-header__option label:not([hidden])")
    assert toggle.count() == 1
    assert scheme() == "default"
    toggle.click()
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate", "the chosen palette was not remembered"
    page.locator("article a[href$='timeline/']").first.click()   # the next page keeps it
    page.wait_for_function("() => document.title.startsWith('Timeline')")
    assert scheme() == "slate"
    toggle.click()
    assert scheme() == "default"
    # From the keyboard: Tab reaches the chosen option, Enter switches to the other one.
    page.locator("input[name='__palette']:checked").focus()
    page.keyboard.press("Enter")
    assert scheme() == "slate"
    assert toggle.get_attribute("title") == "Switch to light mode"


@browser_test
def test_the_browser_is_told_the_palettes_colours(open_context, site_url):
    """As Material's own toggle does: theme-color (a phone browser's bar) is the header's colour, and
    color-scheme (the page's scrollbar and canvas) follows the palette, on load and on each switch."""
    page = open_context(color_scheme="light").new_page()
    page.goto(site_url)
    def told():
        return page.evaluate("""() => {
            const meta = name => [...document.head.querySelectorAll(`meta[name="${name}"]`)].map(tag => tag.content);
            return [meta("theme-color"), meta("color-scheme"),
                    getComputedStyle(document.querySelector("header")).backgroundColor]}""")
    theme, scheme, header = told()
    assert (theme, scheme) == ([header], ["light"])
    page.locator("form.md-header__option label:not([hidden])").click()
    theme, scheme, header = told()
    assert (theme, scheme) == ([header], ["dark"]), "one tag each, updated on the switch"
    dark = open_context(color_scheme="dark").new_page()
    dark.goto(site_url + "timeline/")
    assert dark.evaluate("document.head.querySelector('meta[name=color-scheme]').content") == "dark"


@browser_test
def test_a_reader_whose_system_is_dark_gets_the_dark_palette_on_the_first_paint(open_context, site_url):
    """No flash of the light palette: the choice is made where the header is parsed, before the content."""
    page = open_context(color_scheme="dark").new_page()
    # The scheme as soon as the page's text exists, while Material's bundle (at the end) is still loading.
    page.add_init_script("""new MutationObserver((records, observer) => {
        if (!document.querySelector("article")) return;
        window.__schemeWhenTextArrives = document.body.dataset.mdColorScheme;
        observer.disconnect();
    }).observe(document, {childList: true, subtree: true});""")
    page.goto(site_url + "timeline/")
    assert page.evaluate("window.__schemeWhenTextArrives") == "slate"
    assert page.locator("form.md-header__option label:not([hidden])").get_attribute("title") == "Switch to light mode"


@browser_test
def test_stylesheet_addresses_are_settled_before_the_content_is_styled(page, instant_site_url):
    """Material's instant navigation writes every relative address out in full when it starts, and
    Chromium then applies a stylesheet whose link changed again, over the whole page (issue 17). The
    header's script writes them out first, while the page is only its header; Material's rewrite then
    changes nothing. Each sheet is still fetched once."""
    page.add_init_script("""window.__sheetChanges = [];
    new MutationObserver(records => {
        for (const record of records)
            if (record.target.matches("link[rel=stylesheet]") && record.oldValue !== record.target.getAttribute("href"))
                window.__sheetChanges.push({href: record.target.getAttribute("href"),
                                            contentParsed: !!document.querySelector("article")});
    }).observe(document, {attributes: true, attributeFilter: ["href"], attributeOldValue: true, subtree: true});""")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(instant_site_url + "timeline/")
    page.wait_for_function("() => window.document$ !== undefined")
    changes = page.evaluate("window.__sheetChanges")
    sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(link => link.href)")
    assert sheets and all(url.startswith(instant_site_url) for url in sheets)
    assert changes, "the header's script wrote no stylesheet address out"
    assert not [change for change in changes if change["contentParsed"]], changes
    assert all(requests.count(url) == 1 for url in sheets), requests


@browser_test
def test_no_page_scrolls_sideways_on_a_phone(open_context, site_url, built_site):
    phone = open_context(viewport=PHONE).new_page()
    too_wide = {}
    for path in _site_pages(built_site):
        phone.goto(site_url + path)
        widths = phone.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths[1] == PHONE["width"]
        if widths[0] > widths[1]:
            too_wide[path or "index"] = widths[0]
    assert not too_wide, f"pages wider than {PHONE['width']} px on a phone: {too_wide}"


@browser_test
def test_tab_reaches_every_link_in_the_main_content(page, site_url, built_site):
    unreached = {}
    for path in _site_pages(built_site):
        page.goto(site_url + path)
        links = page.evaluate(_MARK_CONTENT_LINKS_JS)
        focusable = page.evaluate("() => document.querySelectorAll('a[href], button, input, select, textarea, label[tabindex], [tabindex]').length")
        presses = 0
        while presses < focusable + 40:
            for _ in range(20):
                page.keyboard.press("Tab")
            presses += 20
            if page.evaluate("() => window.__readerFocused.size") == len(links):
                break
        reached = set(page.evaluate("() => [...window.__readerFocused]"))
        missing = [href for index, href in enumerate(links) if str(index) not in reached]
        if missing:
            unreached[path or "index"] = missing
    assert not unreached, f"links Tab never reaches: {unreached}"


@browser_test
def test_no_console_errors_or_policy_violations(page, site_url, built_site):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    for path in _site_pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")
    assert not problems, "\n".join(problems)


@browser_test
@pytest.mark.parametrize("palette,scheme", [("light", "default"), ("dark", "slate")])
def test_axe_finds_no_serious_violations(open_context, site_url, built_site, palette, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = open_context(color_scheme=palette).new_page()
    found = []
    for path in _site_pages(built_site):
        page.goto(site_url + path)
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
        # axe samples the rendered page for contrast; blocks the browser has not rendered yet
        # (content-visibility: auto, issue 17) have nothing to sample, so render them as a reader
        # scrolling there would. The accessibility tree does not depend on it.
        page.evaluate(_RENDER_SKIPPED_JS)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                          "resultTypes": ["violations"]})
        for violation in results.response["violations"]:
            if violation["impact"] in AXE_FAILING_IMPACTS:
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
                found.append(f"{path or 'index'} [{palette}] {violation['id']} ({violation['impact']}): "
                             f"{violation['help']} at {targets}")
    assert not found, "\n".join(found)


_RENDER_SKIPPED_JS = """() => { for (const e of document.querySelectorAll('article *'))
    if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible'; }"""


@browser_test
def test_the_timelines_later_years_are_rendered_only_when_the_reader_comes_near(open_context, site_url):
    """Issue 17: the Timeline's years below the first screen are not styled or laid out while Material
    starts; a scroll or an address still reaches them."""
    page = open_context(viewport=PHONE_412).new_page()
    # The last entry: an element inside a block the browser skips is not "visible".
    skipped = "() => ![...document.querySelectorAll('ol.timeline > li')].at(-1).checkVisibility({contentVisibilityAuto: true})"
    page.goto(site_url + "timeline/")
    assert page.evaluate(skipped), "the last year of the Timeline is rendered before it is needed"
    page.locator("ol.timeline > li").last.scroll_into_view_if_needed()
    page.wait_for_function(f"() => !({skipped})()")

    last = page.evaluate("() => [...document.querySelectorAll('ol.timeline > li')].at(-1).id")
    page.goto("about:blank")
    page.goto(site_url + "timeline/#" + last)   # a link from another site lands on its entry
    page.wait_for_function("""id => { const top = document.getElementById(id).getBoundingClientRect().top;
        return 0 <= top && top < innerHeight / 2; }""", arg=last)
    assert page.locator(f"[id='{last}']").evaluate("li => li.matches(':target')")


@browser_test
def test_print_shows_footnotes_and_link_addresses_without_chrome(page, site_url):
    page.goto(site_url + "countries/syria/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search',
        '.md-footer', '.md-tags', '.md-content__button', '.md-top', '.md-skip', '.md-progress']
        .filter(s => document.querySelector(s))
        .filter(s => [...document.querySelectorAll(s)].some(e => e.checkVisibility()))""")
    assert hidden == [], f"printed although it is screen chrome: {hidden}"
    assert page.locator("article .footnote").is_visible()
    source = page.locator("article .footnote a[rel~='noreferrer']").first
    after = source.evaluate("a => getComputedStyle(a, '::after').content")
    assert source.get_attribute("href") in after, f"the printed source link does not show its address: {after}"


@browser_test
def test_overview_answers_on_the_first_phone_screen(open_context, site_url):
    """Issue 19: before any scrolling, a phone shows the article's thesis (attributed), the verdict tally,
    what Pravda.ru is, and the date the site's account runs to."""
    page = open_context(viewport=ANSWER_PHONE).new_page()
    page.goto(site_url, wait_until="networkidle")
    height = ANSWER_PHONE["height"]

    def on_first_screen(locator) -> bool:
        box = locator.bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height

    answer = page.locator("article p.answer").first
    assert on_first_screen(answer)
    text = answer.inner_text()
    assert "The article argues" in text and "Pravda.ru is a Russian news website" in text
    assert "not Pravda, the Communist Party’s newspaper" in text
    tally = page.locator("article p.tally")
    assert on_first_screen(tally), "the tally is below the first screen"
    assert on_first_screen(tally.locator("time")) and tally.locator("time").get_attribute("datetime")
    assert tally.locator(".claim-label").count() == 4
    assert page.evaluate("() => document.scrollingElement.scrollTop") == 0


@browser_test
def test_topic_pages_open_with_their_question_and_answer_on_a_phone(open_context, site_url):
    """Each topic page opens with a question and a short answer on the first screen, and each of its
    key dates leads to that event's entry on the Timeline."""
    page = open_context(viewport=ANSWER_PHONE).new_page()
    for path in TOPIC_PAGES:
        page.goto(site_url + path)
        heading = page.locator("article h1")
        assert heading.count() == 1
        title = heading.inner_text().replace("¶", "").strip()
        assert title.endswith("?"), f"{path or 'index'}: the heading is not a question: {title!r}"
        answer = page.locator("article h1 + p.answer")
        assert answer.count() == 1, f"{path or 'index'}: no short answer right under the question"
        box = answer.bounding_box()
        assert box["y"] + box["height"] <= ANSWER_PHONE["height"], f"{path or 'index'}: the answer is below the first screen"
        words = answer.inner_text().split()
        assert len(words) <= 80, f"{path or 'index'}: the short answer has {len(words)} words"
        links = page.locator("article ul.key-dates a").evaluate_all("links => links.map(a => a.href)")
        for href in links:
            target = urlsplit(href)
            assert target.path == "/timeline/" and target.fragment, href
        if path.startswith("countries/") or path == "argument/history/":
            assert links, f"{path}: no key dates"
    page.goto(site_url + "timeline/")
    ids = set(page.eval_on_selector_all("ol.timeline > li", "items => items.map(li => li.id)"))
    for path in TOPIC_PAGES:
        page.goto(site_url + path)
        for href in page.locator("article ul.key-dates a").evaluate_all("links => links.map(a => a.href)"):
            assert urlsplit(href).fragment in ids, href
    # One key date, followed in the browser, lands on its entry.
    page.goto(site_url + "countries/syria/")
    first = page.locator("article ul.key-dates a").first
    fragment = urlsplit(first.get_attribute("href")).fragment
    first.click()
    page.wait_for_url(f"**/timeline/#{fragment}")
    entry = page.locator(f"[id='{fragment}']")
    entry.wait_for(state="visible")
    assert entry.is_visible()
    page.wait_for_function("id => document.getElementById(id).classList.contains('is-target')", arg=fragment)
    assert entry.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)", "the entry is not highlighted"


@browser_test
def test_screenshots_for_review(open_context, site_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = {"overview": "", "syria": "countries/syria/", "timeline": "timeline/"}
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for palette in ("light", "dark"):
            page = open_context(viewport=viewport, color_scheme=palette).new_page()
            for name, path in shots.items():
                if palette == "dark" and name != "syria":
                    continue
                page.goto(site_url + path, wait_until="networkidle")
                target = SCREENSHOTS / f"{name}-{device}{'-dark' if palette == 'dark' else ''}.png"
                page.screenshot(path=str(target), full_page=True)
                assert _png_size(target)[0] == viewport["width"]
