"""Footnote tooltips: a reference shows its note on hover and on focus (issues 1, 17, 18).

The site's own script (overrides/assets/javascripts/footnote-tooltips.js) builds
Material's tooltip only for the reference a reader points at, instead of Material
mounting a component for every reference as the page starts. These tests drive
Debian's Chromium over the real site, as a reader would: pointer, keyboard,
instant navigation.
"""
from __future__ import annotations

from test_reader import SCREENSHOTS, browser_test

TOOLTIP = ".md-tooltip2"
OPEN = ".md-tooltip2--active"


@browser_test
def test_citation_shows_its_source_on_hover_and_on_focus(page, site_url):
    page.goto(site_url + "countries/syria/")
    refs = page.locator("article sup[id^='fnref:cite-'] a.footnote-ref")
    assert refs.count() >= 3
    tooltip = page.locator(".md-tooltip2--active")

    for index, action in ((0, "hover"), (2, "focus")):
        ref = refs.nth(index)
        note_id = ref.get_attribute("href").split("#", 1)[1]
        note = page.locator(f"[id='{note_id}']")
        source = note.inner_text().replace("\u21a9", "").strip()
        if action == "hover":
            ref.hover()
        else:
            page.mouse.move(1, 1)
            tooltip.wait_for(state="detached")
            ref.focus()
        tooltip.wait_for(state="visible")
        shown = tooltip.inner_text().replace("\u21a9", "").strip()
        assert source[:60] in shown, f"{action}: tooltip shows {shown!r}, footnote is {source!r}"
        assert tooltip.locator("a[href^='http']").count() >= 1, f"{action}: the tooltip has no link to the source"


@browser_test
def test_a_footnote_that_points_at_an_excerpt_shows_the_sources_sentence_on_hover(page, site_url):
    """Issue 18: the evidence under the reference, in the footnote and in its tooltip."""
    page.goto(site_url + "claims/")
    note_id = page.evaluate("""() => [...document.querySelectorAll('article .footnote li')]
        .find(li => li.querySelector('.citation-excerpt') && !li.querySelector('.citation-excerpt [lang]')).id""")
    ref = page.locator(f"article sup a.footnote-ref[href$='#{note_id}']").first
    excerpt = page.locator(f"[id='{note_id}'] .citation-excerpt").first
    wanted = " ".join(excerpt.inner_text().split())
    assert wanted.startswith("“"), wanted
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.locator(".citation-excerpt").first.is_visible()
    assert wanted in " ".join(tooltip.inner_text().split()), tooltip.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "footnote-excerpt-tooltip.png"))


@browser_test
def test_a_translated_excerpt_is_marked_as_translated_in_its_tooltip(page, site_url):
    page.goto(site_url + "claims/")
    note_id = page.evaluate("""() => [...document.querySelectorAll('article .footnote li')]
        .find(li => li.querySelector('.citation-excerpt [lang]')).id""")
    ref = page.locator(f"article sup a.footnote-ref[href$='#{note_id}']").first
    ref.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    shown = " ".join(tooltip.inner_text().split())
    assert "(translated from " in shown and "; original:" in shown, shown
    assert tooltip.locator(".citation-excerpt [lang]").count() >= 1


@browser_test
def test_nothing_is_built_for_a_reference_until_a_reader_points_at_it(page, site_url):
    """Issue 17: no component per reference at start-up; Material's own footnote tooltips are off."""
    page.goto(site_url + "timeline/", wait_until="networkidle")
    assert page.locator("article a.footnote-ref").count() >= 50
    assert page.locator(TOOLTIP).count() == 0
    assert page.locator("a.footnote-ref[aria-controls]").count() == 0
    features = page.evaluate("JSON.parse(document.getElementById('__config').textContent).features")
    assert "content.footnote.tooltips" not in features
    scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(s => s.includes('footnote-tooltips'))")
    assert len(scripts) == 1, scripts


@browser_test
def test_the_tooltip_stays_while_the_pointer_moves_onto_it_and_closes_when_it_leaves(page, site_url):
    """Material's behaviour: below a reference in the top half of the window, above one in the bottom
    half; the reader can move onto the tooltip (to follow its link) without losing it."""
    page.goto(site_url + "claims/", wait_until="networkidle")
    ref = page.locator("article sup a.footnote-ref").first
    place = "([el, y]) => window.scrollTo({top: el.getBoundingClientRect().top + scrollY - y, behavior: 'instant'})"
    page.evaluate(place, [ref.element_handle(), 150])   # in the top half of the window
    ref.hover()
    tooltip = page.locator(OPEN)
    tooltip.wait_for(state="visible")
    assert page.locator(TOOLTIP).count() == 1
    assert ref.get_attribute("aria-controls") == tooltip.get_attribute("id")
    assert ref.get_attribute("aria-haspopup") == "dialog" and tooltip.get_attribute("role") == "dialog"
    host, box = ref.bounding_box(), tooltip.locator(".md-tooltip2__inner").bounding_box()
    assert box["y"] >= host["y"] + host["height"], (host, box)   # below the reference

    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(800)   # longer than the 250 ms a tooltip waits before closing
    assert tooltip.is_visible(), "the tooltip closed as the pointer moved onto it"
    page.mouse.move(1, 1)
    page.locator(TOOLTIP).wait_for(state="detached")
    assert ref.get_attribute("aria-controls") is None

    page.evaluate(place, [ref.element_handle(), 700])   # in the bottom half
    ref.hover()
    tooltip.wait_for(state="visible")
    host, box = ref.bounding_box(), tooltip.locator(".md-tooltip2__inner").bounding_box()
    assert box["y"] + box["height"] <= host["y"], (host, box)   # above the reference


@browser_test
def test_escape_closes_a_tooltip_opened_from_the_keyboard(page, site_url):
    """WCAG 2.2 SC 1.4.13: content shown on focus can be dismissed without moving the focus."""
    page.goto(site_url + "countries/iran/", wait_until="networkidle")
    ref = page.locator("article sup a.footnote-ref").first
    ref.focus()
    page.locator(OPEN).wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator(TOOLTIP).wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('footnote-ref')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")   # focus comes back: it opens again
    page.locator(OPEN).wait_for(state="visible")


@browser_test
def test_tooltips_work_after_instant_navigation_and_open_one_at_a_time(page, instant_site_url):
    """The script comes with the first page that has references, once however often it is loaded."""
    page.goto(instant_site_url + "tags/", wait_until="networkidle")
    assert page.locator("article a.footnote-ref").count() == 0
    page.evaluate("window.__still_here = true")   # survives instant navigation, not a full page load
    # From the tags page's list to Syria, then from the navigation to Venezuela.
    for link in ("article a[href$='countries/syria/']", ".md-nav--primary a[href$='countries/venezuela/']"):
        page.locator(link).first.click()
        path = link.split("$='")[1].split("'")[0]
        page.wait_for_function("path => location.pathname.endsWith(path)", arg=path)
        ref = page.locator("article sup a.footnote-ref").first
        ref.wait_for()
        assert page.evaluate("window.__still_here") is True, "instant navigation did not load " + path
        ref.hover()
        page.locator(OPEN).wait_for(state="visible")
        note_id = ref.get_attribute("href").split("#", 1)[1]
        note = " ".join(page.locator(f"[id='{note_id}']").inner_text().replace("\u21a9", "").split())
        assert note[:60] in " ".join(page.locator(OPEN).inner_text().split())
        assert page.locator(TOOLTIP).count() == 1, "more than one tooltip for one reference"
        page.mouse.move(1, 1)
        page.locator(TOOLTIP).wait_for(state="detached")
