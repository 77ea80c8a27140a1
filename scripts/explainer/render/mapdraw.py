"""A locator map as one inline SVG: countries, routes, place symbols and names, an inset and a scale bar.

Styled only through classes (explainer-maps.css): no style attributes, no <style>
element, so the site's Content-Security-Policy holds. Geometry computed here
stays in attributes (d, points, x, y, text-anchor). Symbols are <use>
references to <defs> inside the same SVG; the caption's key reuses them.
References are written ``xlink:href``, not ``href``: Material's instant
navigation rewrites every element with a relative ``href`` attribute through
its DOM property, which SVG elements only have as a getter.
The same input always gives the same bytes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from explainer.render import basemap, html
from explainer.render.geo import Box, Projection, area, clip_ring, nice_below, num, path_data, simplify_shared
from explainer.render.maplayout import (COUNTRY_FONT, SCALE_FONT, SYMBOL_RADIUS, country_spot, inset, leader_line,
                                        pick_corner, place_labels, text_width)

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
WIDTH = 420           # viewBox width in user units; the height follows the projection
MAX_COUNTRY_LABELS = 8
# The scale is true at the map's middle latitude only: beyond this many degrees of latitude a
# scale bar would mislead, so larger maps have none.
MAX_SCALE_BAR_SPAN = 30.0
LAND_GRID = 1.0
LAND_TOLERANCE = 0.8
LAND_MIN_AREA = 0.6


@dataclass(frozen=True)
class Mark:
    """A place as the drawing needs it."""

    id: str
    name: str
    lon: float
    lat: float
    kind: str        # a key of records.PLACE_KINDS
    label: str = ""  # preferred side for the name


def _star(outer: float, inner: float, points: int = 5) -> str:
    corners = []
    for i in range(2 * points):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi * i / points - math.pi / 2
        corners.append("%s %s" % (num(radius * math.cos(angle)), num(radius * math.sin(angle))))
    return "M" + " ".join(corners) + "z"


# Glyphs drawn on a disc of radius 7 centred on (0, 0), one per kind of place.
GLYPHS = {
    "city": '<circle class="map-sym-fg" r="3.2"/>',
    "capital": '<path class="map-sym-fg" d="%s"/>' % _star(5.2, 2.2),
    "air-base": ('<path class="map-sym-fg" d="M0-5.6c.7 0 1 .6 1 1.3v2.7l4.4 2.6v1.5L1 1.1v2.5l1.4 1.1v1.1'
                 'L0 5.2-2.4 5.8V4.7l1.4-1.1V1.1l-4.4 1.6V1.2L-1-1.4v-2.9c0-.7.3-1.3 1-1.3z"/>'),
    "port": ('<path class="map-sym-line" d="M0-2.8v7.6M-2.6-1.6h5.2M-4.6 1.2c.4 2.4 2.3 3.6 4.6 3.6s4.2-1.2 4.6-3.6"/>'
             '<circle class="map-sym-line" cy="-4.2" r="1.4"/>'),
    "base": '<path class="map-sym-fg" d="M-3.6-3.6h7.2v7.2h-7.2z"/>',
}
_GLYPH_OF_KIND = {"naval-base": "port"}


def glyph(kind: str) -> str:
    """The symbol drawn for a kind of place."""
    name = _GLYPH_OF_KIND.get(kind, kind)
    return name if name in GLYPHS else "city"


def symbol_id(map_id: str, kind: str) -> str:
    return f"{map_id}-sym-{glyph(kind)}"


def draw(marks: Sequence[Mark], paths: Sequence[Sequence[str]], *, view: Box, title: str, description: str,
         map_id: str, highlight: frozenset[str] = frozenset(), width: float = WIDTH) -> str:
    """The <svg> of a locator map of ``view`` (west, south, east, north), named by ``title``."""
    project = Projection(view, width)
    view_w, view_h = project.width, project.height
    points = [project(mark.lon, mark.lat) for mark in marks]
    at = {mark.id: point for mark, point in zip(marks, points)}
    span = (view[2] - view[0]) * project.kx

    land, shapes, layer_name = _countries(project, view, highlight, span)

    # The inset and the scale bar take the corners with fewest places.
    corners = ["bl", "br", "tl", "tr"]
    reserved: list[Box] = []
    inset_svg = ""
    if span < 60:
        inset_w = round(view_w * 0.27)
        drawing, inset_h = inset(view, inset_w)
        corner, box = pick_corner(corners, inset_w, inset_h, view_w, view_h, points, 6)
        corners.remove(corner)
        reserved.append(box)
        inset_svg = '<g class="map-inset" aria-hidden="true" transform="translate(%s %s)">%s</g>' % (
            num(box[0]), num(box[1]), drawing)
    scale_svg = ""
    if view[3] - view[1] <= MAX_SCALE_BAR_SPAN:
        scale_svg, box = _scale_bar(project, [c for c in corners if c[0] == "b"] or corners, points)
        reserved.append(box)

    segments = [(at[a], at[b]) for path in paths for a, b in zip(path, path[1:])]
    route_svg = ['<polyline class="map-route map-route--%d" points="%s"/>' % (
        n % 2, " ".join("%s,%s" % (num(at[i][0]), num(at[i][1])) for i in path)) for n, path in enumerate(paths)]

    order = sorted(range(len(marks)), key=lambda i: (0 if marks[i].kind == "capital" else 1, i))
    labels = place_labels(points, [m.name for m in marks], [m.label for m in marks], order,
                          (0.0, 0.0, view_w, view_h), reserved, segments)
    taken = [label.box for label in labels.values()] + reserved + [
        (x - 7, y - 7, x + 7, y + 7) for x, y in points]
    country_svg = []
    for size, name, rings, disputed in sorted(shapes, key=lambda shape: (-shape[0], shape[1])):
        if size < view_w * view_h * 0.025:
            continue
        if len(country_svg) >= MAX_COUNTRY_LABELS:
            break
        spot = country_spot(rings, text_width(name, COUNTRY_FONT), view_w, view_h, taken, segments)
        if spot is None:
            continue
        x, y, box = spot
        taken.append(box)
        country_svg.append('<text class="map-country-label%s" x="%s" y="%s" text-anchor="middle">%s</text>' % (
            " map-country-label--disputed" if disputed else "", num(x), num(y + COUNTRY_FONT * 0.35), html.text(name)))

    symbols, names = [], []
    scale = symbol_scale(points)
    for mark, point in zip(marks, points):
        where = ('x="%s" y="%s"' % (num(point[0]), num(point[1])) if scale == 1 else
                 'transform="translate(%s %s) scale(%s)"' % (num(point[0]), num(point[1]), "%.2g" % scale))
        symbols.append('<use xlink:href="#%s" class="map-sym map-sym--%s" data-place="%s" %s/>' % (
            symbol_id(map_id, mark.kind), glyph(mark.kind), html.attribute(mark.id), where))
    for i, mark in enumerate(marks):
        label = labels[i]
        if label.leader:
            names.append('<path class="map-leader" d="%s"/>' % leader_line(points[i], label))
        names.append('<text class="map-label" x="%s" y="%s" text-anchor="%s">%s</text>' % (
            num(label.x), num(label.y), label.anchor, html.text(mark.name)))

    defs = "".join('<g id="%s-sym-%s"><circle class="map-sym-bg" r="7"/>%s</g>' % (map_id, name, GLYPHS[name])
                   for name in sorted({glyph(mark.kind) for mark in marks}))
    parts = [
        '<svg xmlns="%s" xmlns:xlink="%s" class="geo-map__svg" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t" '
        'aria-describedby="%s-d" focusable="false">' % (SVG_NS, XLINK_NS, num(view_w), num(view_h), map_id, map_id),
        '<title id="%s-t">%s</title>' % (map_id, html.text(title)),
        '<desc id="%s-d">%s</desc>' % (map_id, html.text(description)),
        '<defs>%s</defs>' % defs,
        '<rect class="map-sea" width="%s" height="%s"/>' % (num(view_w), num(view_h)),
        '<g class="map-countries" data-layer="%s">%s</g>' % (html.attribute(layer_name), "".join(land)),
    ]
    if country_svg:
        parts.append('<g class="map-country-labels">%s</g>' % "".join(country_svg))
    if route_svg:
        parts.append('<g class="map-routes">%s</g>' % "".join(route_svg))
    parts.append('<g class="map-places">%s</g>' % "".join(symbols))
    parts.append('<g class="map-labels">%s</g>' % "".join(names))
    parts += [part for part in (inset_svg, scale_svg) if part]
    parts.append('<rect class="map-frame" width="%s" height="%s"/>' % (num(view_w), num(view_h)))
    parts.append("</svg>")
    return "\n".join(parts)


def symbol_scale(points: Sequence[tuple[float, float]]) -> float:
    """1, or less when two places are so close that their symbols would cover each other (never below 0.6)."""
    closest = min((math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:]), default=2 * SYMBOL_RADIUS)
    return 1.0 if closest >= 2 * SYMBOL_RADIUS else max(0.6, round(closest / (2 * SYMBOL_RADIUS), 2))


def _countries(project: Projection, view: Box, highlight: frozenset[str], span: float) -> tuple[list[str], list, str]:
    """Country outlines cut to the view: (paths, (area, name, rings, disputed) for labels, layer name)."""
    pad = 6.0 / project.k   # cut a little outside the view so the cut edges never show
    clip = (view[0] - pad, view[1] - pad, view[2] + pad, view[3] + pad)
    layer = basemap.finest_layer(clip)
    tolerance = LAND_TOLERANCE + LAND_TOLERANCE * min(1.0, max(0.0, (span - 40) / 80))   # coarser for continent views
    visible, projected = [], []
    for number, country in enumerate(layer.countries):
        cb = country.box
        if cb[2] < clip[0] or cb[0] > clip[2] or cb[3] < clip[1] or cb[1] > clip[3]:
            continue
        for rw, rs, re_, rn, points in country.rings:
            if re_ < clip[0] or rw > clip[2] or rn < clip[1] or rs > clip[3]:
                continue
            if rw < clip[0] or re_ > clip[2] or rs < clip[1] or rn > clip[3]:
                points = clip_ring(points, clip)
                if len(points) < 3:
                    continue
            visible.append(number)
            projected.append([project(lon, lat) for lon, lat in points])
    simplified = simplify_shared(projected, tolerance)
    land, shapes = [], []
    for number in dict.fromkeys(visible):
        country = layer.countries[number]
        rings = [xy for owner, xy in zip(visible, simplified)
                 if owner == number and len(xy) >= 3 and abs(area(xy)) >= LAND_MIN_AREA]
        if not rings:
            continue
        # Plain land is styled by its group (.map-countries path); only highlighted and disputed
        # land carry a class, and only highlighted land its ISO code.
        lit = bool(country.code) and country.code in highlight
        css = " ".join(["map-land--hl"] * lit + ["map-land--disputed"] * country.disputed)
        attributes = (' class="%s"' % css if css else "") + (' data-iso="%s"' % country.code if lit else "")
        land.append('<path%s d="%s"/>' % (attributes, path_data(rings, LAND_GRID)))
        shapes.append((sum(abs(area(r)) for r in rings), country.name, rings, country.disputed))
    return land, shapes, layer.name


def _scale_bar(project: Projection, corners: list[str], points) -> tuple[str, Box]:
    km_per_unit = 111.32 / project.k
    length = nice_below(project.width * 0.22 * km_per_unit)
    bar = length / km_per_unit
    label = "%s km" % ("%g" % length if length < 1000 else "{:,}".format(int(length)))
    box_w, box_h = max(bar, text_width(label, SCALE_FONT)) + 8, SCALE_FONT + 12
    _, box = pick_corner(corners, box_w, box_h, project.width, project.height, points, 4)
    x0, y0 = box[0] + 4, box[3] - 5
    svg = ('<g class="map-scale" aria-hidden="true"><path d="M%s %sv3h%sv-3"/><text x="%s" y="%s">%s</text></g>' % (
        num(x0), num(y0 - 3), num(bar), num(x0), num(y0 - 6), html.text(label)))
    return svg, box
