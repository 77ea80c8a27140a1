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


def path_data(rings: Iterable[Sequence[tuple[float, float]]], grid: float = 0.1) -> str:
    """Closed rings of (x, y) as compact SVG path data: relative moves on a grid of ``grid`` units
    (0.1, 0.5, 1, ...), repeated points and points in line with their neighbours on the grid left out,
    horizontal and vertical moves as ``h``/``v``. Rings that shrink to a line on the grid are dropped."""
    parts = []
    for ring in rings:
        cells = []
        for x, y in ring:
            cell = (round(x / grid), round(y / grid))
            if not cells or cell != cells[-1]:
                cells.append(cell)
        while len(cells) > 1 and cells[-1] == cells[0]:
            cells.pop()
        cells = _drop_collinear(cells)
        if len(cells) < 3:
            continue
        x0, y0 = cells[0]
        steps = []
        px, py = x0, y0
        for x, y in cells[1:]:
            dx, dy = x - px, y - py
            steps.append("h" + num(dx * grid) if dy == 0 else "v" + num(dy * grid) if dx == 0 else
                         "l%s %s" % (num(dx * grid), num(dy * grid)))
            px, py = x, y
        parts.append("M%s %s" % (num(x0 * grid), num(y0 * grid)) + _join(steps) + "z")
    return "".join(parts).replace(" -", "-")   # a minus sign separates two numbers already


def _drop_collinear(cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A closed ring of grid cells without the points that lie on the straight line through their neighbours."""
    changed = True
    while changed and len(cells) > 3:
        changed = False
        kept = []
        for i, (x, y) in enumerate(cells):
            ax, ay = kept[-1] if kept else cells[i - 1]
            bx, by = cells[(i + 1) % len(cells)]
            if (x - ax) * (by - y) == (y - ay) * (bx - x) and (x - ax) * (bx - x) + (y - ay) * (by - y) >= 0:
                changed = True
                continue
            kept.append((x, y))
        cells = kept
    return cells


def _join(steps: list[str]) -> str:
    """Relative steps, the command letter written only when it changes (an implicit repeat otherwise)."""
    out, last = [], ""
    for step in steps:
        letter, rest = step[0], step[1:]
        if letter == last:
            out.append(("" if rest.startswith("-") else " ") + rest)
        else:
            out.append(step)
            last = letter
    return "".join(out)


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
    """Douglas–Peucker simplification of a closed projected ring: no point moves further than ``tolerance``."""
    if len(ring) < 4:
        return ring
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    keep = {0, far}
    for start, end in ((0, far), (far, len(ring))):
        _douglas_peucker(ring, start, end, tolerance * tolerance, keep)
    return [ring[i] for i in sorted(keep)]


def _douglas_peucker(ring: list[tuple[float, float]], start: int, end: int, limit: float, keep: set[int]) -> None:
    stack = [(start, end)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        ax, ay = ring[first]
        bx, by = ring[last % len(ring)]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        worst, at = -1.0, -1
        for i in range(first + 1, last):
            px, py = ring[i]
            if length:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
                qx, qy = ax + t * dx - px, ay + t * dy - py
            else:
                qx, qy = ax - px, ay - py
            distance = qx * qx + qy * qy
            if distance > worst:
                worst, at = distance, i
        if worst > limit:
            keep.add(at)
            stack += [(first, at), (at, last)]


def simplify_shared(rings: Sequence[list[tuple[float, float]]], tolerance: float) -> list[list[tuple[float, float]]]:
    """Douglas–Peucker on rings that share borders, keeping the shared borders shared: each ring is cut at its
    junctions (points with more than two neighbours over all rings), each piece between two junctions is
    simplified once, with its ends fixed, and reused by every ring that runs along it, so neighbouring
    countries stay flush (no slivers of sea, no doubled border lines). Rings without junctions (islands)
    are simplified whole. Points match when equal to 1e-6 (clipping can differ in the last bits)."""
    keyed = [[(round(x, 6), round(y, 6)) for x, y in ring] for ring in rings]
    neighbours: dict[tuple[float, float], set] = {}
    for ring in keyed:
        for i, point in enumerate(ring):
            neighbours.setdefault(point, set()).update((ring[i - 1], ring[(i + 1) % len(ring)]))
    done: dict[tuple, list[tuple[float, float]]] = {}
    result = []
    for ring in keyed:
        cuts = [i for i, point in enumerate(ring) if len(neighbours[point]) > 2]
        if not cuts:
            result.append(simplify(ring, tolerance))
            continue
        kept = []
        for n, start in enumerate(cuts):
            end = cuts[(n + 1) % len(cuts)]
            piece = ring[start:end + 1] if end > start else ring[start:] + ring[:end + 1]
            forward = piece[0] <= piece[-1]
            key = tuple(piece if forward else piece[::-1])
            if key not in done:
                done[key] = _simplify_open(list(key), tolerance)
            kept += (done[key] if forward else done[key][::-1])[:-1]
        result.append(kept)
    return result


def _simplify_open(line: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on an open line, both ends kept."""
    if len(line) < 3 or line[0] == line[-1]:
        return simplify(line[:-1], tolerance) + [line[-1]] if len(line) > 3 else line
    keep = {0, len(line) - 1}
    _douglas_peucker(line, 0, len(line) - 1, tolerance * tolerance, keep)
    return [line[i] for i in sorted(keep)]


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
