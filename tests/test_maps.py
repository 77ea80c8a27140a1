"""Locator maps (issue 20), rendered from this repository's data.

What a reader's browser does with them is in tests/test_reader.py; here the
HTML itself: accessible names and text alternatives, no inline styles or
scripts, sizes, labels that do not collide, the same bytes on every run, and
the stylesheet agreeing with the layout. The timeline overview: tests/test_strip.py.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import replace
from functools import cache

import pytest
from lxml import etree

from conftest import REPO
from explainer.model.loader import load_data, load_pages
from explainer.render import basemap, geo, mapdraw, maplayout, maps
from explainer.render.markers import Context, MarkerError

SVG = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"   # SVG references are xlink:href (see render/mapdraw.py)
# Every map the site shows (the markers on its pages), by marker arguments.
SITE_MAPS = {"syria": {"tag": "syria"}, "iran": {"tag": "iran"}, "venezuela": {"tag": "venezuela"},
             "argentina": {"tag": "argentina"}, "russia": {"tag": "russia"},
             "corridor": {"route": "north-south-corridor"}, "history": {"place": "moscow,kabul,luanda"}}


@cache
def _site():
    data = load_data(REPO / "docs" / "data", "docs/data")
    pages, _ = load_pages(REPO / "docs", "docs")
    return data, pages


def _context(page: str = "countries/syria.md") -> Context:
    data, pages = _site()
    return Context.of(data, pages, page)


def _map(name: str) -> str:
    context = _context()
    html = maps.render(SITE_MAPS[name], context)[0].html
    return context.notes.resolve(html)


def _parse(html: str):
    return etree.fromstring(html.encode("utf-8"))


def _texts(root, css: str) -> list[str]:
    return [t.text for t in root.iter(SVG + "text") if css in (t.get("class") or "").split()]


# The maps -------------------------------------------------------------------------

def test_every_country_page_has_a_map_and_the_corridor_is_drawn():
    markers = {}
    for path in ("countries/syria.md", "countries/iran.md", "countries/venezuela.md", "countries/argentina.md",
                 "argument/history.md"):
        text = (REPO / "docs" / path).read_text(encoding="utf-8")
        markers[path] = re.findall(r"<!-- md:map ([^>]*?) -->", text)
    assert all(markers.values()), markers
    assert "route=north-south-corridor" in markers["countries/iran.md"]


def test_the_syria_map_marks_tartus_and_hmeimim():
    root = _parse(_map("syria"))
    assert {"Tartus", "Hmeimim air base"} <= set(_texts(root, "map-label"))
    caption = "".join(root.find("figcaption").itertext())
    assert "Tartus (naval base), 34.91°N, 35.87°E" in caption
    assert "Hmeimim air base (air base), 35.41°N, 35.95°E" in caption
    assert root.find(f".//{SVG}path[@data-iso='SYR']").get("class") == "map-land--hl"


def test_the_corridor_is_a_line_through_its_places_in_order():
    root = _parse(_map("corridor"))
    data, _ = _site()
    route = data.routes["north-south-corridor"]
    places = {}
    for use in root.iter(SVG + "use"):
        if use.get("data-place"):
            x, y = re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", use.get("transform")).groups() if use.get("transform") \
                else (use.get("x"), use.get("y"))
            places[use.get("data-place")] = (float(x), float(y))
    lines = list(root.iter(SVG + "polyline"))
    assert len(lines) == len(route.paths)
    for line, path in zip(lines, route.paths):
        points = [tuple(float(v) for v in point.split(",")) for point in line.get("points").split()]
        assert points == [places[place_id] for place_id in path]
    caption = "".join(root.find("figcaption").itertext())
    assert "Moscow → Baku → Astara → Tehran → Bandar Abbas → Mumbai" in caption
    assert "do not follow the actual tracks" in caption


@pytest.mark.parametrize("name", sorted(SITE_MAPS))
def test_a_map_is_named_described_and_safe(name):
    html = _map(name)
    root = _parse(html)   # well-formed XML, or this raises
    assert root.tag == "figure" and root.get("class") == "geo-map"
    svg = root.find(SVG + "svg")
    assert svg.get("role") == "img"
    title = svg.find(SVG + "title")
    assert title.get("id") == svg.get("aria-labelledby") and title.text.startswith(("Locator map: ", "Route map: "))
    desc = svg.find(SVG + "desc")
    assert desc.get("id") == svg.get("aria-describedby") and "Marked: " in desc.text
    caption = root.find("figcaption")
    items = caption.findall("ul/li")
    assert len(items) == len([u for u in svg.iter(SVG + "use") if u.get("data-place")])
    assert all(re.search(r"\d°[NS], [\d.]+°[EW]", "".join(item.itertext())) for item in items)
    assert caption.find(".//sup/a[@class='footnote-ref']") is not None, "the coordinates' sources are not cited"
    for element in root.iter():
        assert "style" not in element.attrib and not any(a.startswith("on") for a in element.attrib)
        assert etree.QName(element).localname not in ("style", "script", "foreignObject", "image")
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    for use in root.iter(SVG + "use"):
        assert use.get(HREF)[1:] in ids and "href" not in use.attrib
    assert "viewBox" in svg.attrib and "width" not in svg.attrib
    assert "\n\n" not in html


# Issue 17 (page weight): a regional map with its inset and caption at most 4 KB gzip, a view across
# continents 6 KB (measured: 2.3-2.7 KB and 3.4-5.5 KB).
WIDE_MAPS = {"corridor", "history", "russia"}


@pytest.mark.parametrize("name", sorted(SITE_MAPS))
def test_a_map_weighs_at_most_4_kb_gzipped_or_6_across_continents(name):
    limit = 6 if name in WIDE_MAPS else 4
    assert len(gzip.compress(_map(name).encode("utf-8"), 9)) <= limit * 1024


def test_shared_borders_are_simplified_once():
    # two squares sharing the edge x=10, wobbling the same way: both keep the same border points
    wobble = [(10 + 0.3 * (i % 2), y) for i, y in enumerate(range(10, -1, -1))]
    left = [(0, 0), (10, 0), *wobble[::-1][1:-1], (10, 10), (0, 10)]
    right = [(10, 0), (20, 0), (20, 10), *wobble[:-1]]
    a, b = geo.simplify_shared([left, right], 1.0)
    assert {p for p in a if p[0] >= 10} == {p for p in b if p[0] <= 10.3}
    assert len(a) == 4 and len(b) == 4


def test_path_data_on_a_grid():
    assert geo.path_data([[(0, 0), (1, 0), (2, 0.2), (2, 2), (0.4, 2)]], 1) == "M0 0h2v2h-2z"
    assert geo.path_data([[(0, 0), (0.2, 0.1), (0.1, 0.3)]], 1) == ""   # a ring that shrinks to a point
    assert geo.path_data([[(0, 0), (1.3, 0), (0, 1)]], 0.5) == "M0 0h1.5l-1.5 1z"


@pytest.mark.parametrize("name", sorted(SITE_MAPS))
def test_place_names_do_not_collide_and_stay_inside(name):
    root = _parse(_map(name))
    width, height = (float(v) for v in root.find(SVG + "svg").get("viewBox").split()[2:])
    boxes = []
    for text in root.iter(SVG + "text"):
        if text.get("class") != "map-label":
            continue
        w = maplayout.text_width(text.text, maplayout.LABEL_FONT)
        x, y = float(text.get("x")), float(text.get("y"))
        x0 = {"start": x, "end": x - w, "middle": x - w / 2}[text.get("text-anchor")]
        boxes.append((text.text, (x0, y - 0.72 * maplayout.LABEL_FONT, x0 + w, y + 0.22 * maplayout.LABEL_FONT)))
    for i, (label, box) in enumerate(boxes):
        assert box[0] >= -1 and box[2] <= width + 1 and box[1] >= -1 and box[3] <= height + 1, label
        for other, second in boxes[i + 1:]:
            assert geo.overlap(box, second) == 0, (label, other)


def test_a_one_country_map_shows_the_whole_country():
    root = _parse(_map("argentina"))
    data, _ = _site()
    view = geo.view_box([(p.lon, p.lat) for p in data.places.values() if p.country == "ARG"] +
                         [basemap.country_box("ARG")[:2], basemap.country_box("ARG")[2:]], margin=0.08)
    west, south, east, north = view
    box = basemap.country_box("ARG")
    assert west <= box[0] and east >= box[2] and south <= box[1] and north >= box[3]
    assert root.find(f".//{SVG}path[@data-iso='ARG']") is not None


def test_country_box_keeps_to_one_side_of_the_antimeridian():
    west, _, east, _ = basemap.country_box("RUS")
    assert west > 0 and east <= 180 and east - west < 180
    assert basemap.country_box("XXX") is None


def test_the_same_bytes_in_every_process():
    code = ("import hashlib, sys; sys.path.insert(0, 'tests'); import test_maps;"
            "print(hashlib.sha256(test_maps._map('corridor').encode()).hexdigest())")
    want = hashlib.sha256(_map("corridor").encode()).hexdigest()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": f"{REPO / 'scripts'}{os.pathsep}{REPO / 'tests'}"}
        done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True)
        assert done.stdout.strip() == want


def test_names_are_escaped():
    data, pages = _site()
    place = replace(data.places["damascus"], name='<b>A & "B"</b>')
    odd = replace(data, places={"damascus": place}, routes={})
    context = Context.of(odd, pages, "countries/syria.md")
    html = context.notes.resolve(maps.render({"place": "damascus"}, context)[0].html)
    assert "<b>" not in html and "&lt;b&gt;A &amp;" in html
    _parse(html)


@pytest.mark.parametrize("args, message", [
    ({}, "md:map takes"),
    ({"places": "damascus"}, "not places"),
    ({"place": "atlantis"}, "unknown place in md:map (see docs/data/places.yml) 'atlantis'"),
    ({"route": "atlantis"}, "unknown route in md:map (see docs/data/places.yml) 'atlantis'"),
    ({"tag": "no-such-tag"}, "unknown tag in md:map"),
    ({"tag": "economy"}, "no place in docs/data/places.yml has this tag"),
])
def test_a_bad_marker_is_refused_with_a_message(args, message):
    with pytest.raises(MarkerError, match=re.escape(message)):
        maps.render(args, _context())


def test_only_maps_small_enough_for_a_true_scale_have_a_scale_bar():
    for name in SITE_MAPS:
        root = _parse(_map(name))
        svg = root.find(SVG + "svg")
        bar = svg.find(f"{SVG}g[@class='map-scale']")
        assert (bar is not None) == (name in ("syria", "iran", "venezuela")), name


def test_close_places_get_smaller_symbols():
    assert mapdraw.symbol_scale([(0, 0), (30, 0)]) == 1.0
    assert mapdraw.symbol_scale([(0, 0), (10.5, 0)]) == 0.75
    assert mapdraw.symbol_scale([(0, 0), (1, 0)]) == 0.6


def test_view_box_stays_on_the_globe_and_gives_one_place_its_region():
    west, south, east, north = geo.view_box([(179.5, 83.9)])
    assert -180 <= west < east <= 180 and -84 <= south < north <= 84
    west, south, east, north = geo.view_box([(35.9, 34.9)])
    assert north - south >= 4


# The stylesheet -------------------------------------------------------------------

def test_the_stylesheet_matches_the_layout_and_styles_every_class():
    css = (REPO / "overrides" / "assets" / "stylesheets" / "explainer-maps.css").read_text(encoding="utf-8")
    for selector, size in ((r"\.map-label", maplayout.LABEL_FONT), (r"\.map-country-label", maplayout.COUNTRY_FONT),
                           (r"\.map-scale text", maplayout.SCALE_FONT)):
        assert re.search(selector + r" \{[^}]*font-size: %gpx" % size, css), selector
    used = set()
    for html in (_map(name) for name in SITE_MAPS):
        for classes in re.findall(r'class="([^"]+)"', html):
            used.update(classes.split())
    wrappers = re.compile(r"^(map-sym--|geo-map__caption$|geo-map__places$|map-(countries|country-labels|labels|"
                          r"places|routes|inset|route--0)$|footnote-ref$)")
    missing = sorted(c for c in used if not wrappers.match(c) and "." + c not in css)
    assert not missing, missing
    assert "@media print" in css and "forced-colors" in css and '[data-md-color-scheme="slate"] .geo-map' in css


def test_the_basemap_ships_with_its_provenance():
    path = REPO / "scripts" / "explainer" / "render" / "basemap.json"
    assert path.stat().st_size < 400 * 1024
    note = (path.parent / "BASEMAP.md").read_text(encoding="utf-8")
    import json
    for name, sha in json.loads(path.read_text(encoding="utf-8"))["source"]["files"].items():
        assert sha in note, name
    assert "public domain" in note and "world-atlas" in note
    assert "render/basemap.json" in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for layer in basemap.layers():
        for country in layer.countries:
            for _, _, _, _, points in country.rings:
                for a, b in zip(points, points[1:] + points[:1]):
                    if abs(b[0] - a[0]) > 180:   # a ring jumping across the map: only the pole's may
                        assert country.name == "Antarctica" and max(a[1], b[1]) < -84, country.name
