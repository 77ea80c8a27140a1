"""Where things go on a locator map: place names, country names, the overview inset and the scale bar.

Text widths are estimated from a per-character table that matches common
sans-serif fonts; the font sizes are those of explainer-maps.css (``LABEL_FONT``,
``COUNTRY_FONT``, ``SCALE_FONT``; tests/test_maps.py checks they agree).
"""
from __future__ import annotations

import math
from typing import Iterable, NamedTuple, Sequence

from explainer.model.records import LABEL_POSITIONS
from explainer.render import basemap
from explainer.render.geo import Box, Projection, area, clip_ring, inside_rings, num, overlap, path_data, \
    segment_crosses, simplify

LABEL_FONT = 13.0      # .map-label
COUNTRY_FONT = 11.0    # .map-country-label
SCALE_FONT = 10.0      # .map-scale text
SYMBOL_RADIUS = 7.0    # the disc behind each place symbol
INSET_GRID = 1.0
INSET_TOLERANCE = 0.6
INSET_MIN_SIZE = 1.6
INSET_MIN_AREA = 1.0

_NARROW = set("iljtfI.,;:'!|()[] ")
_WIDE = set("mwMWOQGDHNU@%—–")

Point = tuple[float, float]
Segment = tuple[Point, Point]


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` at ``size`` units."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.32
        elif char in _WIDE:
            width += 0.82
        elif char.isupper() or char.isdigit():
            width += 0.64
        else:
            width += 0.55
    return width * size


# Place names -----------------------------------------------------------------------

class Label(NamedTuple):
    """A place name: its text-anchor, baseline position, box, and whether it needs a leader line."""

    anchor: str
    x: float
    y: float
    box: Box
    leader: bool


def _candidates(x: float, y: float, width: float, hint: str) -> Iterable[tuple]:
    """(anchor, tx, ty, box, leader) around a symbol at (x, y): eight near spots, then eight further out."""
    size = LABEL_FONT
    ascent, descent = 0.72 * size, 0.22 * size
    order = list(LABEL_POSITIONS)
    if hint:
        order.remove(hint)
        order.insert(0, hint)
    for distance, leader in ((9.0, False), (20.0, True)):
        diagonal = distance * 0.72
        spots = {
            "e": ("start", x + distance, y + 0.35 * size), "w": ("end", x - distance, y + 0.35 * size),
            "n": ("middle", x, y - distance - descent + 1), "s": ("middle", x, y + distance + ascent - 1),
            "ne": ("start", x + diagonal, y - diagonal), "se": ("start", x + diagonal, y + diagonal + ascent * 0.8),
            "nw": ("end", x - diagonal, y - diagonal), "sw": ("end", x - diagonal, y + diagonal + ascent * 0.8),
        }
        for position in order:
            anchor, tx, ty = spots[position]
            x0 = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
            yield anchor, tx, ty, (x0 - 1, ty - ascent - 1, x0 + width + 1, ty + descent + 1), leader


def place_labels(points: Sequence[Point], names: Sequence[str], hints: Sequence[str], order: Sequence[int],
                 view: Box, obstacles: list[Box], segments: Sequence[Segment]) -> dict[int, Label]:
    """A label for each point, placed greedily in ``order``: each candidate is scored on leaving the
    frame, covering labels already placed, symbols, the inset or scale bar, and crossing a route."""
    labels: dict[int, Label] = {}
    placed: list[Box] = []
    symbols = [(x - SYMBOL_RADIUS, y - SYMBOL_RADIUS, x + SYMBOL_RADIUS, y + SYMBOL_RADIUS) for x, y in points]
    for i in order:
        x, y = points[i]
        best = None
        for rank, (anchor, tx, ty, box, leader) in enumerate(_candidates(x, y, text_width(names[i], LABEL_FONT), hints[i])):
            size = (box[2] - box[0]) * (box[3] - box[1])
            score = (size - overlap(box, view)) * 50
            score += sum(overlap(box, other) for other in placed) * 40
            score += sum(overlap(box, other) for j, other in enumerate(symbols) if j != i) * 20
            score += sum(overlap(box, other) for other in obstacles) * 20
            score += sum(30 for a, b in segments if segment_crosses(a, b, box))
            score += rank * 0.5 + (200 if leader else 0)
            if best is None or score < best[0]:
                best = (score, Label(anchor, tx, ty, box, leader))
        placed.append(best[1].box)
        labels[i] = best[1]
    return labels


def leader_line(point: Point, label: Label) -> str:
    """Path data from the symbol's edge towards its label."""
    x, y = point
    box = label.box
    lx = box[0] if label.anchor == "start" else box[2] if label.anchor == "end" else (box[0] + box[2]) / 2
    ly = (box[1] + box[3]) / 2
    dx, dy = lx - x, ly - y
    distance = math.hypot(dx, dy) or 1.0
    return "M%s %sL%s %s" % (num(x + dx / distance * 7.5), num(y + dy / distance * 7.5),
                             num(lx - dx / distance * 2), num(ly - dy / distance * 2))


# Country names -----------------------------------------------------------------------

def country_spot(rings: Sequence[Sequence[Point]], width: float, view_w: float, view_h: float,
                 avoid: Sequence[Box], segments: Sequence[Segment]) -> tuple[float, float, Box] | None:
    """A point inside the country's largest visible ring where its name fits, clear of ``avoid``."""
    ring = max(rings, key=lambda r: abs(area(r)))
    xs = [max(0.0, min(view_w, p[0])) for p in ring]
    ys = [max(0.0, min(view_h, p[1])) for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    size = COUNTRY_FONT
    if x1 - x0 < width + 8 or y1 - y0 < size * 2:
        return None
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    grid = sorted(((px - cx) ** 2 + (py - cy) ** 2, px, py)
                  for px in (x0 + (x1 - x0) * (i + 0.5) / 9 for i in range(9))
                  for py in (y0 + (y1 - y0) * (j + 0.5) / 9 for j in range(9)))
    for _, px, py in grid:
        box = (px - width / 2 - 2, py - size * 0.55, px + width / 2 + 2, py + size * 0.55)
        if box[0] < 2 or box[2] > view_w - 2 or box[1] < 2 or box[3] > view_h - 2:
            continue
        corners = ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]), (px, py))
        if not all(inside_rings(qx, qy, [ring]) for qx, qy in corners):
            continue
        if any(overlap(box, other) > 0 for other in avoid) or any(segment_crosses(a, b, box) for a, b in segments):
            continue
        return px, py, box
    return None


# Corners: the inset and the scale bar --------------------------------------------------

def pick_corner(corners: Sequence[str], width: float, height: float, view_w: float, view_h: float,
                points: Sequence[Point], margin: float) -> tuple[str, Box]:
    """The corner ("tl", "br", ...) with the fewest places in or near a width x height box."""
    best = None
    for rank, corner in enumerate(corners):
        x0 = margin if corner[1] == "l" else view_w - margin - width
        y0 = margin if corner[0] == "t" else view_h - margin - height
        box = (x0, y0, x0 + width, y0 + height)
        grown = (box[0] - 10, box[1] - 10, box[2] + 10, box[3] + 10)
        hits = sum(1 for x, y in points if grown[0] <= x <= grown[2] and grown[1] <= y <= grown[3])
        # a name usually sits east of its symbol: places just west of the box count too
        near = sum(1 for x, y in points if grown[0] - 60 <= x < grown[0] and grown[1] <= y <= grown[3])
        key = (hits * 10 + near, rank)
        if best is None or key < best[0]:
            best = (key, corner, box)
    return best[1], best[2]


def inset(view: Box, width: float) -> tuple[str, float]:
    """An overview of the world or the surrounding region with the map's extent marked: (SVG, height)."""
    west, south, east, north = view
    cx, cy = (west + east) / 2, (south + north) / 2
    span = min(360.0, max(100.0, (east - west) * 7))
    if span >= 300:
        window = (-180.0, -58.0, 180.0, 84.0)
    else:
        half = span * 0.32
        lat0, lat1 = cy - half, cy + half
        if lat1 > 84:
            lat0, lat1 = lat0 - (lat1 - 84), 84.0
        if lat0 < -60:
            lat0, lat1 = -60.0, lat1 + (-60 - lat0)
        lon0, lon1 = cx - span / 2, cx + span / 2
        if lon0 < -180:
            lon0, lon1 = -180.0, lon1 + (-180 - lon0)
        if lon1 > 180:
            lon0, lon1 = lon0 - (lon1 - 180), 180.0
        window = (lon0, max(lat0, -84.0), lon1, min(lat1, 84.0))
    project = Projection(window, width)
    rings = []
    for rw, rs, re_, rn, points in basemap.land():
        if re_ < window[0] or rw > window[2] or rn < window[1] or rs > window[3]:
            continue
        if (re_ - rw) * project.k < INSET_MIN_SIZE and (rn - rs) * project.k < INSET_MIN_SIZE:
            continue
        xy = simplify([project(lon, lat) for lon, lat in clip_ring(points, window)], INSET_TOLERANCE)
        if len(xy) >= 3 and abs(area(xy)) >= INSET_MIN_AREA:
            rings.append(xy)
    bx0, by0 = project(west, north)
    bx1, by1 = project(east, south)
    mark_w, mark_h = max(bx1 - bx0, 5.0), max(by1 - by0, 5.0)
    mark_x, mark_y = (bx0 + bx1) / 2 - mark_w / 2, (by0 + by1) / 2 - mark_h / 2
    height = project.height
    svg = ('<rect class="map-inset-bg" width="%s" height="%s"/><path class="map-inset-land" d="%s"/>'
           '<rect class="map-inset-box" x="%s" y="%s" width="%s" height="%s"/>'
           '<rect class="map-inset-frame" width="%s" height="%s"/>') % (
        num(width), num(height), path_data(rings, INSET_GRID), num(mark_x), num(mark_y), num(mark_w), num(mark_h),
        num(width), num(height))
    return svg, height
