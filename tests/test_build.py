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

DATA = load_data(REPO / "docs" / "data")
THEMED = ["argument/charge.md", "argument/history.md", "argument/elites.md", "argument/pragmatism.md",
          "countries/syria.md", "countries/iran.md", "countries/venezuela.md", "countries/argentina.md",
          "countries/russia.md"]


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


def html_path(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def tree(site: Path, page: str):
    return html.fromstring(html_path(site, page).read_bytes())


def test_every_nav_page_is_built(built_site):
    pages = nav_pages()
    assert len(pages) == 15
    for page in pages:
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
    doc = tree(built_site, "argument/pragmatism.md")
    source = DATA.sources["wapo-2025-syria-could-allow-russia-bases"]
    note = doc.get_element_by_id("fn:cite-wapo-2025-syria-could-allow-russia-bases")
    text = note.text_content()
    assert source.title in text and "The Washington Post" in text and "6 February 2025" in text
    assert note.cssselect(f"a[href='{source.url}']")
    # A locator travels with the citation: the article cited by paragraph.
    assert "para. 11" in doc.get_element_by_id("fn:cite-article-para-11").text_content()


def test_search_index_holds_every_page_and_finds_key_terms(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    docs = index["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    for page in nav_pages():
        stem = page.removesuffix(".md")
        expected = "" if stem == "index" else stem + "/"
        assert expected in locations, page

    def pages_with(term: str) -> set[str]:
        return {doc["location"].split("#")[0] for doc in docs if term.lower() in (doc["title"] + doc["text"]).lower()}
    assert {"argument/pragmatism/", "countries/syria/"} <= pages_with("Tartus")
    assert "argument/history/" in pages_with("Angola")
    assert {"argument/pragmatism/", "countries/iran/"} <= pages_with("North–South") | pages_with("North-South")


def test_overview_links_to_every_section(built_site):
    doc = tree(built_site, "index.md")
    hrefs = {a.get("href").split("#")[0] for a in doc.cssselect("article a[href]")}
    for page in THEMED + ["timeline.md", "claims.md", "sources.md", "about.md"]:
        target = page.removesuffix(".md") + "/"
        assert target in hrefs, page


def test_every_article_paragraph_is_covered(built_site):
    heading = tree(built_site, "about.md").get_element_by_id("coverage-of-the-article")
    rows = heading.xpath("following-sibling::table[1]/tbody/tr")
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
    items = doc.cssselect("li.timeline__event")
    assert len(items) == len(DATA.events) >= 25
    dates = [item.cssselect("time")[0].get("datetime") for item in items]
    assert dates == [event.date.iso for event in DATA.events]
    assert [item.get("id") for item in items] == [event.anchor for event in DATA.events]
    assert all(item.cssselect("sup a.footnote-ref") for item in items), "every event shows its source"
    assert doc.cssselect("ol.timeline")
    assert doc.cssselect(".timeline-filter[hidden] button[data-tag='syria']"), "filter is progressive enhancement"


def test_embedded_timelines_are_filtered(built_site):
    doc = tree(built_site, "countries/syria.md")
    items = doc.cssselect("ol.timeline--embedded li.timeline__event")
    assert items and all("syria" in item.get("data-tags").split() for item in items)
    assert len(items) == sum("syria" in event.tags for event in DATA.events)
    doc = tree(built_site, "argument/charge.md")
    ids = [item.get("id") for item in doc.cssselect("li.timeline__event")]
    assert ids == [event.anchor for event in DATA.events if "argument/charge.md" in event.pages]


def test_claims_page_lists_every_claim(built_site):
    doc = tree(built_site, "claims.md")
    rows = doc.cssselect("article table tbody tr")
    assert len(rows) == len(DATA.claims)
    for claim in DATA.claims:
        section = doc.get_element_by_id(f"claim-{claim.id}")
        assert section is not None
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


def test_article_text_is_not_published(built_site):
    assert not (built_site / "data" / "article.yml").exists()
    assert not list(built_site.rglob("*.yml"))


def test_extensions_work_without_mkdocs(monkeypatch):
    """What Zensical would do: plain Python-Markdown with the extensions named in mkdocs.yml."""
    monkeypatch.chdir(REPO)
    page = (REPO / "docs" / "countries" / "syria.md").read_text().split("---", 2)[2]
    out = markdown.markdown(page, extensions=["footnotes", "md_in_html", "attr_list", "tables", "admonition",
                                              "explainer.extensions.markers", "explainer.extensions.citations"])
    assert 'id="fn:cite-afp-2024-russia-syria-bases-threat"' in out
    assert 'class="timeline timeline--embedded"' in out
    assert "<!-- md:" not in out


@pytest.mark.parametrize("broken, message", [
    ("<!-- md:timelime -->", "unknown marker 'md:timelime'"),
    ("<!-- md:timeline tag=atlantis -->", "unknown tag in md:timeline"),
    ("Cited.[@no-such-source]", "unknown source '@no-such-source'"),
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
    Markdown route gave (tests/fixtures/mini-article/ was built by that route, before the change)."""
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
        assert article == snapshot.read_text(encoding="utf-8"), page


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
