"""Map geometry: the projection, the view box, clipping and simplifying outlines, compact SVG numbers.

Plain arithmetic on (lon, lat) and (x, y) tuples; nothing here knows about
places, pages or HTML.
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

Box = tuple[float, float, float, float]   # (west, south, east, north) in degrees, or (x0, y0, x1, y1) in units
MAX_LAT = 84.0   # the basemap's Antarctica ring closes below -84; views stay inside


# Numbers and path data ------------------------------------------------------------

def num(value: float) -> str:
    """A coordinate with at most one decimal, the same bytes for the same value."""
    text = "%.1f" % value
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text in ("-0", "-0.0") else text


def path_data(rings: Iterable[Sequence[tuple[float, float]]]) -> str:
    """Closed rings of (x, y) as compact SVG path data: relative moves on a 0.1 grid."""
    parts = []
    for ring in rings:
        grid = [(round(x * 10), round(y * 10)) for x, y in ring]
        x0, y0 = grid[0]
        steps = []
        px, py = x0, y0
        for x, y in grid[1:]:
            steps.append("%s %s" % (num((x - px) / 10), num((y - py) / 10)))
            px, py = x, y
        parts.append("M%s %s" % (num(x0 / 10), num(y0 / 10)) + ("l" + " ".join(steps) if steps else "") + "z")
    return "".join(parts).replace(" -", "-")   # a minus sign separates two numbers already


def degrees(value: float, positive: str, negative: str) -> str:
    """34.915 -> '34.92°N' (two decimals, trailing zeros dropped)."""
    return "%s°%s" % (("%.2f" % abs(value)).rstrip("0").rstrip("."), positive if value >= 0 else negative)


def nice_below(value: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``value`` (scale bar lengths)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next((step * power for step in (5, 2, 1) if step * power <= value), power)


# Projection and view --------------------------------------------------------------

class Projection:
    """Equirectangular, x scaled by the cosine of the centre latitude (true scale there), y down."""

    def __init__(self, box: Box, width: float):
        self.west, self.south, self.east, self.north = box
        self.kx = math.cos(math.radians((self.south + self.north) / 2))
        self.k = width / ((self.east - self.west) * self.kx)   # units per degree of latitude
        self.width = float(width)
        self.height = (self.north - self.south) * self.k

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.west) * self.kx * self.k, (self.north - lat) * self.k)


def view_box(points: Sequence[tuple[float, float]], *, min_span: float = 4.0, margin: float = 0.18,
             aspect: tuple[float, float] = (0.6, 1.25)) -> Box:
    """The box around (lon, lat) points: a margin on each side, at least ``min_span`` degrees of
    latitude each way, height/width kept within ``aspect`` so a phone shows it well."""
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    cy, cx = (south + north) / 2, (west + east) / 2
    kx = math.cos(math.radians(cy))
    hx = (east - west) / 2 * kx   # half sizes in degrees of latitude
    hy = (north - south) / 2
    hx = max(hx + max(hx * 2 * margin, 0.25 * min_span), min_span / 2)
    hy = max(hy + max(hy * 2 * margin, 0.25 * min_span), min_span / 2)
    low, high = aspect
    if hy / hx > high:
        hx = hy / high
    elif hy / hx < low:
        hy = hx * low
    south, north = cy - hy, cy + hy
    if north > MAX_LAT:
        south, north = south - (north - MAX_LAT), MAX_LAT
    if south < -MAX_LAT:
        south, north = -MAX_LAT, north + (-MAX_LAT - south)
    south, north = max(south, -MAX_LAT), min(north, MAX_LAT)
    dx = hx / math.cos(math.radians((south + north) / 2))
    west, east = cx - dx, cx + dx
    if west < -180:
        west, east = -180.0, east + (-180 - west)
    if east > 180:
        west, east = west - (east - 180), 180.0
    return (max(west, -180.0), south, min(east, 180.0), north)


# Outlines -------------------------------------------------------------------------

def clip_ring(points: list[tuple[float, float]], box: Box) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: a closed ring cut to an axis-aligned box."""
    west, south, east, north = box
    inside = (lambda p: p[0] >= west, lambda p: p[0] <= east, lambda p: p[1] >= south, lambda p: p[1] <= north)
    result = list(points)
    for edge in range(4):
        if not result:
            break
        source, result = result, []
        previous = source[-1]
        for current in source:
            now, before = inside[edge](current), inside[edge](previous)
            if now:
                if not before:
                    result.append(_cut(previous, current, edge, box))
                result.append(current)
            elif before:
                result.append(_cut(previous, current, edge, box))
            previous = current
    return result


def _cut(a: tuple[float, float], b: tuple[float, float], edge: int, box: Box) -> tuple[float, float]:
    west, south, east, north = box
    if edge < 2:
        x = west if edge == 0 else east
        return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))
    y = south if edge == 2 else north
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def simplify(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Radial-distance simplification of a projected ring (keeps the first point)."""
    if len(ring) < 4:
        return ring
    kept = [ring[0]]
    limit = tolerance * tolerance
    for point in ring[1:]:
        last = kept[-1]
        if (point[0] - last[0]) ** 2 + (point[1] - last[1]) ** 2 >= limit:
            kept.append(point)
    return kept


def area(ring: Sequence[tuple[float, float]]) -> float:
    """Signed area (shoelace)."""
    total = 0.0
    for i in range(len(ring)):
        x0, y0 = ring[i - 1]
        x1, y1 = ring[i]
        total += x0 * y1 - x1 * y0
    return total / 2


def inside_rings(x: float, y: float, rings: Sequence[Sequence[tuple[float, float]]]) -> bool:
    """Even-odd point-in-polygon over several rings."""
    inside = False
    for ring in rings:
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def overlap(a: Box, b: Box) -> float:
    """Area shared by two boxes (x0, y0, x1, y1)."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def segment_crosses(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Does the segment pq cross the box (Liang–Barsky)?"""
    x0, y0 = p
    dx, dy = q[0] - x0, q[1] - y0
    t0, t1 = 0.0, 1.0
    for pp, qq in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if pp == 0:
            if qq < 0:
                return False
            continue
        t = qq / pp
        if pp < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True
