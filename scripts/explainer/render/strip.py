"""The timeline overview: one SVG strip of the years with a mark per event, each a link to its entry.

Runs of five or more years without events are compressed to a short break
(drawn as two slashes on the axis, named in the <desc>). Events of the same
year stack upwards in that year's column; only a year with more than
``MAX_STACK`` events becomes one numbered disc, linking to its first event.
Every mark carries ``data-tags`` and ``data-events`` so the timeline's tag
filter (timeline-filter.js) can hide marks too. The SVG is a named group,
not hidden: its links are real navigation, and the list below is its text
alternative.
"""
from __future__ import annotations

import calendar
from typing import Sequence
from urllib.parse import quote

from explainer.model.records import Event
from explainer.render import html
from explainer.render.geo import num
from explainer.render.maplayout import text_width

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"   # links are xlink:href: see render/mapdraw.py
FONT = 11.0          # .tl-year, .tl-count in explainer.css
WIDTH = 400.0        # viewBox width
MIN_GAP_YEARS = 5    # empty runs this long (inside the range) are compressed
MAX_STACK = 16       # more events than this in one year become one numbered disc
BREAK = 16.0         # width of a compressed run
PAD = 16.0           # left and right padding


def render_strip(events: Sequence[Event], strip_id: str = "timeline-overview") -> str:
    """The overview of ``events`` (in date order) as ``<div class="tl-strip">`` with an inline SVG."""
    years = {event.date.year for event in events}
    first, last = min(years), max(years)
    title = f"Timeline overview, {first}–{last}" if first != last else f"Timeline overview, {first}"
    segments = axis_segments(years, first, last, MIN_GAP_YEARS)
    label_w = text_width("0000", FONT) + 4
    per_year, starts, bounds = _layout(segments, label_w)

    def x_of(year: int, fraction: float) -> float:
        for (a, b), x0 in zip(segments, starts):
            if a <= year <= b:
                return x0 + (year - a + fraction) * per_year
        raise ValueError(f"year {year} is outside the axis")

    radius = max(3.5, min(5.5, (per_year - 1.0) / 2))
    step = 2 * radius + 2
    groups = _groups(events)
    tallest = min(max(len(group) for group in groups), MAX_STACK)
    top = 8.0
    axis_y = top + max(tallest, 1) * step + 6
    height = axis_y + FONT + 12
    disc = radius + 3.5
    centres = [x_of(group[0].date.year, 0.5) if len(group) > 1 else x_of(group[0].date.year, _fraction(group[0]))
               for group in groups]
    sizes = [radius if len(group) <= MAX_STACK else disc for group in groups]
    centres = spread(centres, sizes, 1.0, 2.0, WIDTH - 2.0)

    breaks = [(segments[i][1] + 1, segments[i + 1][0] - 1) for i in range(len(segments) - 1)]
    description = (f"{len(events)} events from {first} to {last}, one mark each, stacked by year; each mark links to "
                   "its entry in the list below")
    if any(len(group) > MAX_STACK for group in groups):
        description += "; a numbered circle stands for the events of a crowded year and links to the first of them"
    if breaks:
        description += "; years without events are left out (" + ", ".join(f"{a}–{b}" if a != b else str(a)
                                                                             for a, b in breaks) + ")"
    out = [f'<div class="tl-strip" id="{strip_id}">',
           f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" class="tl-strip__svg" viewBox="0 0 {num(WIDTH)} {num(height)}" role="group" '
           f'aria-labelledby="{strip_id}-t" aria-describedby="{strip_id}-d">',
           f'<title id="{strip_id}-t">{html.text(title)}</title>',
           f'<desc id="{strip_id}-d">{html.text(description)}.</desc>',
           _axis(segments, starts, bounds, per_year, label_w, axis_y, x_of), '<g class="tl-marks">']
    for group, x in zip(groups, centres):
        if len(group) <= MAX_STACK:
            for k, event in enumerate(group):
                out.append(_mark(event, x, axis_y - 6 - radius - k * step, radius))
        else:
            out.append(_cluster(group, x, axis_y - 6 - disc, disc))
    out += ["</g>", "</svg>", f'<p class="tl-strip__caption">{html.text(title)}: one dot per event, stacked by year; '
            'select a dot to go to its entry below.' + (" // marks years without events." if breaks else "") + "</p>",
            "</div>"]
    return "\n".join(out)


def axis_segments(years: set[int], first: int, last: int, min_gap: int) -> list[tuple[int, int]]:
    """[first, last] split into runs of years; an empty run of ``min_gap`` years or more inside it is left out."""
    segments = []
    start = year = first
    while year <= last:
        if year in years:
            year += 1
            continue
        end = year
        while end + 1 <= last and end + 1 not in years:
            end += 1
        if end - year + 1 >= min_gap and year > first and end < last:
            segments.append((start, year - 1))
            start = end + 1
        year = end + 1
    segments.append((start, last))
    return segments


def spread(xs: list[float], radii: list[float], gap: float, low: float, high: float) -> list[float]:
    """Ordered discs moved apart along a line with the least squared displacement (pool-adjacent
    violators), so neighbours keep ``gap`` between them and all stay within [low, high]."""
    if not xs:
        return []
    offsets = [0.0]
    for i in range(1, len(xs)):
        offsets.append(offsets[-1] + radii[i - 1] + radii[i] + gap)
    blocks: list[list[float]] = []   # [sum, count]
    for value in (x - o for x, o in zip(xs, offsets)):
        blocks.append([value, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    fitted = [total / count for total, count in blocks for _ in range(int(count))]
    result = [y + o for y, o in zip(fitted, offsets)]
    if result[-1] + radii[-1] > high:
        result[-1] = high - radii[-1]
        for i in range(len(result) - 2, -1, -1):
            result[i] = min(result[i], result[i + 1] - radii[i + 1] - radii[i] - gap)
    if result[0] - radii[0] < low:
        result[0] = low + radii[0]
        for i in range(1, len(result)):
            result[i] = max(result[i], result[i - 1] + radii[i - 1] + radii[i] + gap)
    return result


def _layout(segments: list[tuple[int, int]], label_w: float) -> tuple[float, list[float], list[tuple[float, float]]]:
    """Units per year, the x of each segment's first year, and each segment's extent. Every segment is
    at least one year label wide (an isolated year keeps its label); the rest share the width."""
    available = WIDTH - 2 * PAD - BREAK * (len(segments) - 1)
    counts = [b - a + 1 for a, b in segments]
    widened: set[int] = set()
    while True:
        rest = [i for i in range(len(segments)) if i not in widened]
        per_year = (available - label_w * len(widened)) / sum(counts[i] for i in rest)
        more = {i for i in rest if counts[i] * per_year < label_w}
        if not more or len(more) == len(rest):
            break
        widened |= more
    starts, bounds = [], []
    x = PAD
    for i, count in enumerate(counts):
        width = label_w if i in widened else count * per_year
        starts.append(x + (width - count * per_year) / 2)
        bounds.append((x, x + width))
        x += width + BREAK
    return per_year, starts, bounds


def _axis(segments, starts, bounds, per_year, label_w, axis_y, x_of) -> str:
    """The axis, ticks, breaks and year labels (decoration: hidden from assistive technology)."""
    parts = ['<g class="tl-axis" aria-hidden="true">']
    for i, ((a, b), x0, (left, right)) in enumerate(zip(segments, starts, bounds)):
        parts.append(f'<path class="tl-axis-line" d="M{num(left)} {num(axis_y)}H{num(right)}"/>')
        parts.append('<path class="tl-tick" d="%s"/>' % "".join(f"M{num(x0 + k * per_year)} {num(axis_y)}v4"
                                                               for k in range(b - a + 2)))
        if i < len(segments) - 1:
            bx = right + BREAK / 2
            parts.append(f'<path class="tl-break" d="M{num(bx - 4.5)} {num(axis_y + 3.5)}l3-7M{num(bx + 1.5)} '
                         f'{num(axis_y + 3.5)}l3-7"/>')
    step = next((s for s in (1, 2, 5, 10, 20, 50) if s * per_year >= label_w), 100)
    wanted = []
    for a, b in segments:
        wanted += [a, *(y for y in range(a, b + 1) if y % step == 0 and y != a)] + ([b] if b != a else [])
    starts_of = {a for a, _ in segments}
    ends = {b for _, b in segments}
    taken: list[tuple[tuple[float, float], int]] = []   # segment starts first, so each year after a break is named
    for year in sorted(set(wanted), key=lambda y: (y not in starts_of, y not in ends, y)):
        cx = min(max(x_of(year, 0.5), label_w / 2), WIDTH - label_w / 2)
        box = (cx - label_w / 2, cx + label_w / 2)
        if not any(box[1] > other[0] and box[0] < other[1] for other, _ in taken):
            taken.append((box, year))
    for (x0, x1), year in sorted(taken):
        parts.append(f'<text class="tl-year" x="{num((x0 + x1) / 2)}" y="{num(axis_y + 5 + FONT)}" '
                     f'text-anchor="middle">{year}</text>')
    parts.append("</g>")
    return "\n".join(parts)


def _mark(event: Event, x: float, y: float, radius: float) -> str:
    return (f'<a class="tl-link" xlink:href="#{quote(event.anchor)}" data-tags="{html.attribute(" ".join(event.tags))}" '
            f'data-events="{html.attribute(event.anchor)}"><title>{html.text(event.date.human)}: '
            f'{html.text(event.title)}</title><circle class="tl-mark" cx="{num(x)}" cy="{num(y)}" r="{num(radius)}"/></a>')


def _cluster(group: list[Event], x: float, y: float, radius: float) -> str:
    tags = " ".join(dict.fromkeys(tag for event in group for tag in event.tags))
    names = "; ".join(f"{event.date.human}: {event.title}" for event in group)
    return (f'<a class="tl-link tl-link--cluster" xlink:href="#{quote(group[0].anchor)}" data-tags="{html.attribute(tags)}" '
            f'data-events="{html.attribute(" ".join(event.anchor for event in group))}"><title>{len(group)} events in '
            f'{group[0].date.year}. {html.text(names)}</title><circle class="tl-cluster" cx="{num(x)}" cy="{num(y)}" '
            f'r="{num(radius)}"/><text class="tl-count" x="{num(x)}" y="{num(y + FONT * 0.35)}" '
            f'text-anchor="middle">{len(group)}</text></a>')


def _groups(events: Sequence[Event]) -> list[list[Event]]:
    """Events by calendar year, in date order."""
    groups: list[list[Event]] = []
    for event in events:
        if groups and groups[-1][0].date.year == event.date.year:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups


def _fraction(event: Event) -> float:
    """Where in its year an event falls: mid-year without a month, mid-month without a day."""
    date = event.date
    if not date.month:
        return 0.5
    days = 366 if calendar.isleap(date.year) else 365
    before = sum(calendar.monthrange(date.year, m)[1] for m in range(1, date.month))
    within = calendar.monthrange(date.year, date.month)[1] / 2 if not date.day else date.day - 0.5
    return (before + within) / days
