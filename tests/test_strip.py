"""The timeline overview (issues 17 and 20), rendered from this repository's data.

What a reader's browser does with it (a phone, instant navigation, the tag
filter) is in tests/test_reader.py; here the HTML itself: plain links that
reach every event once, in order, named by their event; a name and a text
description; no inline styles, scripts or SVG; year labels that do not
overlap; its weight; and the stylesheet agreeing with the renderer's lengths.
"""
from __future__ import annotations

import gzip
import re
from functools import cache

from lxml import html as lxml_html

from conftest import REPO
from explainer.model.dates import PartialDate
from explainer.model.loader import load_data, load_pages
from explainer.model.records import Event
from explainer.render import strip, timeline
from explainer.render.markers import Context

CSS = REPO / "overrides" / "assets" / "stylesheets" / "explainer-timeline.css"


@cache
def _site():
    data = load_data(REPO / "docs" / "data", "docs/data")
    pages, _ = load_pages(REPO / "docs", "docs")
    return data, pages


def _strip() -> str:
    return strip.render_strip(_site()[0].events)


def _parse(text: str):
    return lxml_html.fragment_fromstring(text)


def _event(n: int, year: int, tags=("x",)) -> Event:
    return Event(f"ev-{n}", PartialDate(year, 1 + n % 12, 1 + n % 28), f"Event {n}", "", n, tags=list(tags))


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def test_every_event_is_one_named_link_in_order():
    events = _site()[0].events
    figure = _parse(_strip())
    marks = figure.findall(".//a")
    assert [mark.get("href") for mark in marks] == ["#" + event.anchor for event in events]
    for mark, event in zip(marks, events):
        assert mark.text_content() == f"{event.date.human}: {event.title}"   # its accessible name
        assert mark.get("data-tags") is None   # the filter reads the tags on the entry it links to
    # no year of this site's timeline is crowded enough for a numbered mark
    assert not figure.cssselect(".tl-mark--cluster") and len(events) <= 120


def test_the_years_are_an_ordered_list_oldest_first_each_holding_its_events():
    events = _site()[0].events
    figure = _parse(_strip())
    years = figure.cssselect("ol.tl-years > li")
    labels = [int(li.cssselect(".tl-year")[0].text) for li in years]
    assert labels == sorted({event.date.year for event in events})
    for li, year in zip(years, labels):
        assert [a.get("href") for a in li.findall("a")] == ["#" + e.anchor for e in events if e.date.year == year]


def test_the_strip_is_named_described_and_safe():
    text = _strip()
    figure = _parse(text)
    assert figure.tag == "figure" and "tl-strip" in _classes(figure)
    name = figure.get_element_by_id(figure.get("aria-labelledby"))
    description = figure.get_element_by_id(figure.get("aria-describedby"))
    assert re.fullmatch(r"Timeline overview, \d{4}–\d{4}", name.text_content())
    assert name.getparent().tag == "figcaption" and description.getparent().tag == "figcaption"
    assert "links to its entry" in description.text_content()
    assert not re.search(r"<(svg|script|style)\b|\sstyle=|\son\w+=|xlink", text)


def test_gaps_and_breaks():
    events = sorted([_event(1, 2000), _event(2, 2001), _event(3, 2003), _event(4, 2010)], key=lambda e: e.date)
    figure = _parse(strip.render_strip(events))
    assert [_classes(li) for li in figure.cssselect("ol.tl-years > li")] == [[], [], ["tl-gap", "tl-end"],
                                                                             ["tl-break", "tl-end"]]
    assert "// marks five years or more (2004–2009)" in figure.find(".//figcaption").text_content()
    figure = _parse(strip.render_strip([_event(1, 2000), _event(2, 2001)]))
    assert "left out" not in figure.find(".//figcaption").text_content()


def test_a_crowded_year_becomes_one_numbered_link_to_its_first_event():
    events = sorted([_event(n, 2020) for n in range(strip.MAX_STACK + 3)] + [_event(99, 2021)], key=lambda e: e.date)
    figure = _parse(strip.render_strip(events))
    cluster = figure.cssselect(".tl-mark--cluster")[0]
    members = cluster.get("data-events").split()
    assert len(members) == strip.MAX_STACK + 3 and cluster.get("href") == "#" + members[0]
    count = cluster.cssselect(".tl-count")[0]
    assert count.text == str(len(members)) and count.get("aria-hidden") == "true"
    assert cluster.text_content().startswith(f"{len(members)}{len(members)} events in 2020.")


def test_year_labels_under_the_columns_do_not_overlap():
    """The columns' layout names the first and last year, the year after each break, and others
    only where their labels, at the narrowest strip that shows columns, overlap none named."""
    figure = _parse(_strip())
    assert "tl-strip--across" in _classes(figure)
    years = figure.cssselect("ol.tl-years > li")
    widths = [strip.BREAK if "tl-break" in _classes(li) else strip.GAP if "tl-gap" in _classes(li) else 0.0
              for li in years]
    column = (strip.ACROSS - 2 * strip.PAD - sum(widths)) / len(years)
    assert column >= strip.MARK
    boxes, x = [], strip.PAD
    for li, width in zip(years, widths):
        x += width
        label = li.cssselect(".tl-year")[0]
        if "tl-year--minor" not in _classes(label):
            half = (len(label.text) * strip.DIGIT + 0.5) * strip.LABEL / 2
            boxes.append((x + column / 2 - half, x + column / 2 + half))
        else:
            assert "tl-break" not in _classes(li) and li not in (years[0], years[-1])
        x += column
    assert len(boxes) >= len(years) // 3
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:])), boxes


def test_too_many_years_for_columns_are_rows_with_every_year_named():
    events = [_event(n, 1900 + 2 * n) for n in range(40)]
    figure = _parse(strip.render_strip(events))
    assert "tl-strip--across" not in _classes(figure)
    assert not figure.cssselect(".tl-year--minor, .tl-end")


def test_the_strip_is_smaller_than_the_svg_it_replaced():
    assert len(gzip.compress(_strip().encode("utf-8"))) < 3600   # the SVG strip: 4,205 bytes gzip


def test_the_full_timeline_shows_the_strip_above_the_list():
    data, pages = _site()
    context = Context.of(data, pages, "timeline.md")
    parts = [getattr(part, "html", part) for part in timeline.render({}, context)]
    strip_at = next(i for i, part in enumerate(parts) if 'class="tl-strip' in part)
    list_at = next(i for i, part in enumerate(parts) if 'class="timeline"' in part)
    assert strip_at < list_at
    embedded = timeline.render({"tag": "syria"}, context)
    assert not any("tl-strip" in getattr(part, "html", part) for part in embedded)


def test_the_stylesheet_matches_the_renderer():
    css = CSS.read_text(encoding="utf-8")
    section = css[css.index("/* Timeline overview"):]
    for pattern in (rf"@container \(min-width: {strip.ACROSS:g}rem\)", rf"--tl-mark: {strip.MARK:g}rem",
                    rf"\.tl-gap \{{ margin: 0 0 0 {strip.GAP:g}rem", rf"\.tl-break \{{ margin: 0 0 0 {strip.BREAK:g}rem",
                    rf"padding: 0 {strip.PAD:g}rem", rf"\.tl-year, \.tl-break::before \{{\s*font-size: {strip.LABEL:g}rem"):
        assert re.search(pattern, section), pattern
    used = {name for classes in re.findall(r'class="([^"]+)"', _strip() + strip.render_strip(
        sorted([_event(n, 2020) for n in range(strip.MAX_STACK + 1)], key=lambda e: e.date))) for name in classes.split()}
    hooks = {"tl-count"}   # for timeline-filter.js only
    assert all("." + name in section for name in used - hooks), used
