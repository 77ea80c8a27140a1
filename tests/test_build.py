"""The real site, built with ``mkdocs build --strict``, as a reader receives it."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from lxml import html

from conftest import FIXTURES, REPO, mkdocs_build
from explainer.model.loader import load_data
from explainer.model.mdsource import CiteItem, cite_label
from explainer.model.records import ASSESSMENTS

DATA = load_data(REPO / "docs" / "data")
# The pages a reader reads, each answering one question; the rest are reference pages.
THEMED = ["argument/index.md", "argument/charge.md", "countries/syria.md", "countries/iran.md",
          "countries/venezuela.md", "countries/argentina.md", "argument/history.md"]
TOPIC = ["index.md", *THEMED]
REFERENCE = ["timeline.md", "claims.md", "sources.md", "glossary.md", "tags.md", "about.md", "about/coverage.md",
             "about/audit.md"]
MAX_TOPIC_WORDS = 7000      # issue 19: all topic pages together
MAX_PAGE_WORDS = 1200       # ...and any one of them


def nav_pages() -> list[str]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # !ENV tags stay text

    def walk(items):
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    yield from ([value] if isinstance(value, str) else walk(value))
    return list(walk(config["nav"]))


def url_path(page: str) -> str:
    """A page's address in the site, relative to its root: "" for the overview, "argument/" for argument/index.md."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def html_path(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def tree(site: Path, page: str):
    return html.fromstring(html_path(site, page).read_bytes())


def test_every_nav_page_is_built(built_site):
    pages = nav_pages()
    assert pages == TOPIC[:3] + THEMED[2:] + ["timeline.md", "claims.md", "sources.md", "glossary.md",
                                               "about.md", "about/audit.md"], pages
    for page in pages + ["tags.md", "about/coverage.md"]:   # the last two: off the reading path
        assert html_path(built_site, page).is_file(), page


def test_themed_pages_have_headings_and_footnotes(built_site):
    for page in THEMED:
        doc = tree(built_site, page)
        article = doc.cssselect("article.md-content__inner")[0]
        assert len(article.cssselect("h1")) == 1, page
        assert len(article.cssselect("h2")) >= 2, page
        notes = article.cssselect("div.footnote li[id^='fn:cite-']")
        assert len(notes) >= 3, page
        for ref in article.cssselect("sup[id^='fnref'] a.footnote-ref"):
            assert doc.get_element_by_id(ref.get("href")[1:]) is not None


def test_citation_footnote_shows_the_full_reference(built_site):
    doc = tree(built_site, "countries/syria.md")
    source = DATA.sources["dawn-2025-sharaa-putin-kremlin"]
    note = doc.get_element_by_id("fn:" + cite_label([CiteItem.parse("dawn-2025-sharaa-putin-kremlin")]))
    text = note.text_content()
    assert source.title in text and "Dawn (Reuters)" in text and "15 October 2025" in text
    assert note.cssselect(f"a[href='{source.url}']")
    # A locator travels with the citation: the article cited by paragraph.
    doc = tree(built_site, "argument/charge.md")
    assert "para. 11" in doc.get_element_by_id("fn:" + cite_label([CiteItem.parse("article, para. 11")])).text_content()


def test_search_index_holds_every_page_and_finds_key_terms(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    docs = index["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    for page in nav_pages():
        assert url_path(page) in locations, page

    def pages_with(term: str) -> set[str]:
        return {doc["location"].split("#")[0] for doc in docs if term.lower() in (doc["title"] + doc["text"]).lower()}
    assert {"countries/syria/", "glossary/"} <= pages_with("Tartus")
    assert "argument/history/" in pages_with("Angola")
    assert {"countries/iran/", "glossary/"} <= pages_with("North–South") | pages_with("North-South")


def test_overview_links_to_every_section(built_site):
    doc = tree(built_site, "index.md")
    hrefs = {a.get("href").split("#")[0] for a in doc.cssselect("article a[href]")}
    for page in THEMED + ["timeline.md", "claims.md", "sources.md", "glossary.md", "about.md"]:
        assert url_path(page) in hrefs, page


def test_every_article_paragraph_is_covered(built_site):
    rows = tree(built_site, "about/coverage.md").cssselect("article table tbody tr")
    assert len(DATA.article.paragraphs) == 14
    assert len(rows) == 14
    for row in rows:
        assert "not covered" not in row.text_content()
        assert row.cssselect("td:nth-child(4) a")


def test_sources_page_links_back_to_each_citation(built_site):
    doc = tree(built_site, "sources.md")
    for source in DATA.sources.values():
        item = doc.get_element_by_id(f"source-{source.id}")
        links = item.cssselect(".bibliography__uses a[href]")
        assert links, source.id
        for link in links:
            page, _, anchor = link.get("href").partition("#")
            target = (html_path(built_site, "sources.md").parent / page / "index.html").resolve()
            assert html.fromstring(target.read_bytes()).get_element_by_id(anchor) is not None, link.get("href")


def test_timeline_renders_every_event_in_order(built_site):
    doc = tree(built_site, "timeline.md")
    items = doc.cssselect("ol.timeline > li")
    assert len(items) == len(DATA.events) >= 25
    dates = [item.cssselect("time")[0].get("datetime") for item in items]
    assert dates == [event.date.iso for event in DATA.events]
    assert [item.get("id") for item in items] == [event.anchor for event in DATA.events]
    assert all(item.cssselect("sup a.footnote-ref") for item in items), "every event shows its source"
    assert doc.cssselect("ol.timeline")
    assert doc.cssselect(".timeline-filter[hidden] button[data-tag='syria']"), "filter is progressive enhancement"


def test_key_dates_link_to_the_one_timeline_entry(built_site):
    """An event is told once, on the Timeline; a topic page lists its key dates, each linking there."""
    timeline = tree(built_site, "timeline.md")
    for page in TOPIC:
        doc = tree(built_site, page)
        assert not doc.cssselect("article ol.timeline > li"), f"{page} tells events again"
        expected = [event for event in DATA.events if page in event.pages]
        items = doc.cssselect("ul.key-dates > li")
        if page.startswith("countries/") or page == "argument/history.md":
            assert expected and len(items) == len(expected), page
        for item, event in zip(items, expected):
            assert item.cssselect("time")[0].get("datetime") == event.date.iso
            href = item.cssselect("a")[0].get("href")
            assert href.split("#")[0].endswith("timeline/") and href.endswith("#" + event.anchor), (page, href)
            assert timeline.get_element_by_id(event.anchor) is not None


def test_claim_labels_on_pages_are_the_ledgers(built_site):
    """A claim is assessed once, on the claims page; every label elsewhere is generated from it."""
    claims = {claim.id: claim for claim in DATA.claims}
    ledger = tree(built_site, "claims.md")
    for page in TOPIC:
        doc = tree(built_site, page)
        for item in doc.cssselect("ul.claims-glance > li"):
            claim_id = item.cssselect("a")[0].get("href").rsplit("#claim-", 1)[1]
            label = item.cssselect("span.claim-label")[0]
            shown = ledger.get_element_by_id(f"claim-{claim_id}").xpath("following-sibling::p[1]//span[contains(@class, 'claim-label')]")[0]
            assert label.text_content() == shown.text_content(), (page, claim_id)
            assert label.get("class") == shown.get("class")
            assert page in claims[claim_id].pages
        # No verdict typed by hand: an admonition or bold lead-in never opens with a ledger label.
        for title in doc.cssselect("article .admonition-title, article p > strong:first-child"):
            assert not re.match(r"(Consistent|Contested|Not independently verifiable|Inaccurate)\b", title.text_content()), page


def test_the_tally_is_the_ledgers(built_site):
    tally = tree(built_site, "index.md").cssselect("article p.tally")[0]
    recorded = [claim for claim in DATA.claims if not claim.todo]
    judged = [claim for claim in recorded if claim.assessment]
    text = " ".join(tally.text_content().split())
    assert f"{len(judged)} of the article’s {len(recorded)} claims" in text
    for key, label in ASSESSMENTS.items():
        count = sum(claim.assessment == key for claim in judged)
        assert f"{count} {label}" in text, (key, text)
        assert tally.cssselect(f"span.claim-label--{key}")[0].text_content() == label
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    as_of = config["extra"]["as_of"]
    assert tally.cssselect("time")[0].get("datetime") == as_of
    assert max(event.date.iso for event in DATA.events) <= as_of, "the timeline runs past extra.as_of"


def test_every_page_says_what_date_its_account_runs_to(built_site):
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    for page in TOPIC + REFERENCE:
        stamp = tree(built_site, page).cssselect("p.explainer-as-of time")
        assert stamp and stamp[0].get("datetime") == config["extra"]["as_of"], page
        assert stamp[0].text_content() == "19 February 2026"


def reader_words(doc) -> int:
    """What a reader reads of a built page: its article, without footnotes, reference lists, closed
    <details>, permalinks, tags and the "as of" line."""
    article = doc.cssselect("article.md-content__inner")[0]
    for selector in ("div.footnote", "details:not([open])", "ul.bibliography", "a.headerlink", "nav.md-tags",
                     "p.explainer-as-of", ".md-source-file"):
        for element in article.cssselect(selector):
            element.drop_tree()
    return len(re.findall(r"\w[\w'’.-]*", article.text_content()))


# A sentence ends at . ? or ! (after any closing quote or bracket) before a capital or a figure.
_SENTENCE_END = re.compile(r"(?<=[.?!])[”’)]*\s+(?=[“‘(]?[A-Z0-9])")


def sentences(doc) -> list[str]:
    """The sentences a reader reads on a built page: paragraphs, list items, definitions and headings
    of its article, without footnotes, note numbers, tables and the bibliography."""
    article = doc.cssselect("article.md-content__inner")[0]
    for selector in ("div.footnote", "sup", "a.headerlink", "nav.md-tags", "p.explainer-as-of", "ul.bibliography",
                     "table"):
        for element in article.cssselect(selector):
            element.drop_tree()
    found = []
    for block in article.xpath(".//p | .//li | .//dd | .//dt | .//h1 | .//h2 | .//h3"):
        if block.xpath(".//p | .//li"):
            continue   # a container: its own blocks are read
        found += [part for part in _SENTENCE_END.split(" ".join(block.text_content().split())) if part]
    return found


def test_sentences_are_plain(built_site):
    """Issue 19: 25 words or fewer a sentence on average, none over 40, on every page a reader reads."""
    for page in TOPIC + ["glossary.md", "about.md"]:
        lengths = [(len(re.findall(r"\w[\w'’.-]*", sentence)), sentence) for sentence in sentences(tree(built_site, page))]
        assert sum(n for n, _ in lengths) / len(lengths) <= 25, page
        longest = max(lengths)
        assert longest[0] <= 40, (page, longest)


def test_topic_pages_are_short_enough_to_finish(built_site):
    counts = {page: reader_words(tree(built_site, page)) for page in TOPIC}
    assert sum(counts.values()) <= MAX_TOPIC_WORDS, counts
    assert max(counts.values()) <= MAX_PAGE_WORDS, counts
    assert set(nav_pages()) <= set(TOPIC) | set(REFERENCE), "a new page: say whether it is a topic or a reference page"


def test_claims_page_lists_every_claim(built_site):
    doc = tree(built_site, "claims.md")
    rows = doc.cssselect("article table tbody tr")
    assert len(rows) == len(DATA.claims)
    for claim in DATA.claims:
        heading = doc.get_element_by_id(f"claim-{claim.id}")
        # The heading stands alone in the table of contents and in search results: it names the claimant.
        paragraphs = ", ".join("¶" + pid.removeprefix("p") for pid in claim.paragraphs)
        assert heading.text_content().startswith(f"The article claims ({paragraphs}): {claim.paraphrase}")
    labels = {span.get("class") for span in doc.cssselect("span.claim-label")}
    assert any("claim-label--contested" in label for label in labels)


def test_data_is_published_as_json(built_site):
    """The hook's output: this fails if the (optional) hook stops running."""
    timeline = json.loads((built_site / "data" / "timeline.json").read_text())
    assert len(timeline["events"]) == len(DATA.events)
    assert timeline["events"][0]["sources"][0]["url"].startswith("https://")
    claims = json.loads((built_site / "data" / "claims.json").read_text())
    assert len(claims["claims"]) == len(DATA.claims)
    sources = json.loads((built_site / "data" / "sources.json").read_text())
    assert {entry["id"] for entry in sources} == set(DATA.sources)
    places = json.loads((built_site / "data" / "places.json").read_text())
    assert places["type"] == "FeatureCollection"
    points = {feature["id"]: feature["geometry"]["coordinates"] for feature in places["features"]
              if feature["geometry"]["type"] == "Point"}
    assert points == {place.id: [place.lon, place.lat] for place in DATA.places.values()}


def test_the_sites_own_scripts_are_served_minified(built_site, tmp_path):
    """Written to be read in overrides/, served without comments and indentation; the theme's untouched.
    What they do is tested in Chromium on the built site (test_reader, test_footnote_tooltips)."""
    import material
    import rjsmin
    from explainer.publish import minify_own_scripts

    for source in (REPO / "overrides" / "assets" / "javascripts").glob("*.js"):
        served = (built_site / "assets" / "javascripts" / source.name).read_text()
        assert served == rjsmin.jsmin(source.read_text()) and len(served) < 0.8 * len(source.read_text())
    site = tmp_path / "site"
    shutil.copytree(built_site / "assets" / "javascripts", site / "assets" / "javascripts")
    assert minify_own_scripts(site) == []     # twice changes nothing
    [bundle] = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    theirs = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / bundle.name
    assert bundle.read_bytes() == theirs.read_bytes()


def test_article_text_is_not_published(built_site):
    assert not (built_site / "data" / "article.yml").exists()
    assert not list(built_site.rglob("*.yml"))


def test_extensions_work_without_mkdocs(monkeypatch):
    """What Zensical would do: plain Python-Markdown with the extensions named in mkdocs.yml."""
    monkeypatch.chdir(REPO)
    page = (REPO / "docs" / "countries" / "syria.md").read_text().split("---", 2)[2]
    out = markdown.markdown(page, extensions=["footnotes", "md_in_html", "attr_list", "tables", "admonition",
                                              "explainer.extensions.markers", "explainer.extensions.citations"])
    assert 'id="fn:%s"' % cite_label([CiteItem.parse("afp-2024-russia-syria-bases-threat")]) in out
    assert 'class="key-dates"' in out and 'class="claims-glance"' in out
    assert "<!-- md:" not in out


@pytest.mark.parametrize("broken, message", [
    ("<!-- md:timelime -->", "unknown marker 'md:timelime'"),
    ("<!-- md:timeline tag=atlantis -->", "unknown tag in md:timeline"),
    ("Cited.[@no-such-source]", "unknown source '@no-such-source'"),
    ("<!-- md:map place=atlantis -->", "unknown place in md:map"),
    ("<!-- md:timeline tag=testland style=tiny -->", "md:timeline style must be full or compact, not 'tiny'"),
    ("<!-- md:tally count=all -->", "md:tally takes no arguments"),
])
def test_strict_build_fails_on_broken_content(tmp_path, broken, message):
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    page = project / "docs" / "topic.md"
    page.write_text(page.read_text() + f"\n{broken}\n")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_generated_blocks_render_as_before_byte_for_byte(tmp_path):
    """Markers and citations render straight to HTML; a reader gets exactly the article HTML the
    Markdown route gave (tests/fixtures/mini-article/ was built by that route, before the change; since then
    the timeline page gained the overview strip and the Sources page the back-links to the map page, issue 20;
    the strip's marks then lost the tags the filter reads on the entries, issue 17)."""
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=FIXTURES / "mini", capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    expected = sorted((FIXTURES / "mini-article").glob("*.html"))
    assert len(expected) == 4
    for snapshot in expected:
        page = snapshot.stem.replace("__", "/")
        built = (site / ("" if page == "index" else page) / "index.html").read_text(encoding="utf-8")
        article = re.search(r"<article[^>]*>(.*)</article>", built, re.S).group(1)
        assert _lines(article) == _lines(snapshot.read_text(encoding="utf-8")), page


def _lines(html_text: str) -> list[str]:
    """HTML lines without the blank ones the theme's template adds around blocks (front matter changes them)."""
    return [line for line in html_text.split("\n") if line.strip()]


def test_no_page_skips_a_heading_level(built_site):
    """Headings go down one level at a time on every page (axe and Lighthouse: heading-order)."""
    skipped = {}
    for path in sorted(built_site.rglob("*.html")):
        article = html.parse(str(path)).getroot().find(".//article")
        if article is None:
            continue
        levels = [int(el.tag[1]) for el in article.iter() if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag)]
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if jumps:
            skipped[path.relative_to(built_site).as_posix()] = jumps
    assert not skipped, f"headings that skip a level (from, to): {skipped}"


def test_every_page_has_a_description_of_its_own(built_site):
    site_description = " ".join(yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                                          Loader=yaml.BaseLoader)["site_description"].split())
    for path in sorted(built_site.rglob("index.html")):
        page = path.parent.relative_to(built_site).as_posix()
        description = html.parse(str(path)).getroot().xpath("//meta[@name='description']/@content")
        assert description and description[0].strip(), f"{page}: no meta description"
        if page != ".":
            assert description[0] != site_description, f"{page}: shows the site's description, not its own"


def test_the_tally_and_the_as_of_date_come_from_the_data(tmp_path):
    """md:tally counts claims.yml and reads mkdocs.yml's extra.as_of; a date that is not a date stops the build."""
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    (project / "docs" / "index.md").write_text((project / "docs" / "index.md").read_text() + "\n<!-- md:tally -->\n")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<p class="tally">This site has' in page   # no extra.as_of: no date
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + '\nextra:\n  as_of: "2026-03-02"\n')
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    page = html.fromstring((tmp_path / "site" / "index.html").read_bytes())
    assert page.cssselect("p.tally time")[0].text_content() == "2 March 2026"   # (the mini has no page template)
    config.write_text(config.read_text().replace("2026-03-02", "2026-13-02"))
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0 and "extra.as_of in mkdocs.yml must be a date written YYYY-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr
