"""The timeline overview: an HTML strip of the years with a mark per event, each a link to its entry.

A ``<figure>`` holding an ordered list of the years that have events, oldest
first, and a caption naming and describing it. Each year holds one link per
event, in date order: a round mark whose text (the event's date and title) is
its accessible name, shown beside the mark on hover and keyboard focus. Only a
year with more than ``MAX_STACK`` events becomes one numbered mark linking to
its first event. Years without events are left out; a left-out run shows as a
gap in the axis, a run of ``MIN_GAP_YEARS`` or more as a break marked //.

The stylesheet (explainer-timeline.css, "Timeline overview") lays the years out as
equal columns with the marks stacked upwards when the strip is at least
``ACROSS`` wide and the renderer found the years fit (``tl-strip--across``);
otherwise (phones) as rows, one per year, the marks side by side. Marks are
``MARK`` square (WCAG 2.2 target size, 24 CSS px). Under the columns only the
years whose labels do not overlap are shown; the others (``tl-year--minor``)
stay in the text for screen readers. In the later half (``tl-end``) an event's
name opens leftwards. A numbered mark lists its events in ``data-events``; the
tag filter (timeline-filter.js) finds each mark's tags on the entries it links
to, so the marks do not repeat them. Plain HTML links, no SVG: Material's
instant navigation and crawlers follow them.
"""
from __future__ import annotations

from typing import Sequence
from urllib.parse import quote

from explainer.model.records import Event
from explainer.render import html

MAX_STACK = 16       # more events than this in one year become one numbered mark
MIN_GAP_YEARS = 5    # left-out runs this long are breaks (//), shorter ones gaps
# Lengths in rem, as in explainer-timeline.css ("Timeline overview"): the columns' layout needs a strip
# at least ACROSS wide; the labels are placed for that width (columns only grow beyond it).
ACROSS = 32.0        # @container (min-width: 32rem)
MARK = 1.2           # --tl-mark: a mark's square, the narrowest column
GAP = 0.15           # .tl-gap: margin before a year after a gap
BREAK = 0.75         # .tl-break: margin before a year after a break
PAD = 0.4            # .tl-years: padding on either side
LABEL = 0.6          # .tl-year: font size
DIGIT = 0.6          # width of a digit in em (tabular figures of common sans-serif fonts, rounded up)


def render_strip(events: Sequence[Event], strip_id: str = "timeline-overview") -> str:
    """The overview of ``events`` (in date order) as ``<figure class="tl-strip">``."""
    groups = _groups(events)
    years = [group[0].date.year for group in groups]
    first, last = years[0], years[-1]
    skipped = [year - before - 1 for before, year in zip([first - 1, *years], years)]
    breaks = [(year - n, year - 1) for year, n in zip(years, skipped) if n >= MIN_GAP_YEARS]
    widths = [BREAK if n >= MIN_GAP_YEARS else GAP if n else 0.0 for n in skipped]
    across = 2 * PAD + sum(widths) + MARK * len(years) <= ACROSS
    named = _labelled(years, widths) if across else set(years)

    title = f"Timeline overview, {first}–{last}" if first != last else f"Timeline overview, {first}"
    description = (f"{len(events)} events from {first} to {last}, one mark per event, grouped by year; "
                   "each mark links to its entry in the list below")
    if any(len(group) > MAX_STACK for group in groups):
        description += "; a numbered mark stands for the events of a crowded year and links to the first of them"
    if len(years) < last - first + 1:
        description += "; years without events are left out"
        if breaks:
            description += ", // marks five years or more (" + ", ".join(
                f"{a}–{b}" for a, b in breaks) + ")"
    out = [f'<figure class="tl-strip{" tl-strip--across" if across else ""}" id="{strip_id}" '
           f'aria-labelledby="{strip_id}-t" aria-describedby="{strip_id}-d">', '<ol class="tl-years">']
    for i, (group, year, n) in enumerate(zip(groups, years, skipped)):
        kind = ("tl-break " if n >= MIN_GAP_YEARS else "tl-gap " if n else "") + (
            "tl-end " if across and 2 * i >= len(years) else "")
        kind = f' class="{kind.strip()}"' if kind else ""
        minor = "" if year in named else " tl-year--minor"
        marks = [_mark(event) for event in group] if len(group) <= MAX_STACK else [_cluster(group)]
        out.append(f'<li{kind}><span class="tl-year{minor}">{year}</span>{"".join(marks)}</li>')
    out += ["</ol>", f'<figcaption><strong id="{strip_id}-t">{html.text(title)}</strong>. '
            f'<span id="{strip_id}-d">{html.text(description)}.</span></figcaption>', "</figure>"]
    return "\n".join(out)


def _labelled(years: list[int], widths: list[float]) -> set[int]:
    """The years to name under the columns, at the narrowest strip: the first and last, the first
    after each break, then round years, then the rest in order, each only where its label
    overlaps none already chosen."""
    column = (ACROSS - 2 * PAD - sum(widths)) / len(years)
    centres, x = [], PAD
    for width in widths:
        x += width
        centres.append(x + column / 2)
        x += column
    chosen: list[tuple[float, float]] = []
    named = set()
    order = sorted(range(len(years)), key=lambda i: (i not in (0, len(years) - 1), widths[i] != BREAK,
                                                      years[i] % 10 != 0, years[i] % 5 != 0, i))
    for i in order:
        half = (len(str(years[i])) * DIGIT + 0.5) * LABEL / 2
        box = (centres[i] - half, centres[i] + half)
        if all(box[1] <= a or box[0] >= b for a, b in chosen):
            chosen.append(box)
            named.add(years[i])
    return named


def _mark(event: Event) -> str:
    return (f'<a class="tl-mark" href="#{quote(event.anchor)}">'
            f'<span>{html.text(event.date.human)}: {html.text(event.title)}</span></a>')


def _cluster(group: list[Event]) -> str:
    names = "; ".join(f"{event.date.human}: {event.title}" for event in group)
    return (f'<a class="tl-mark tl-mark--cluster" href="#{quote(group[0].anchor)}" '
            f'data-events="{html.attribute(" ".join(event.anchor for event in group))}">'
            f'<span class="tl-count" aria-hidden="true">{len(group)}</span>'
            f'<span>{len(group)} events in {group[0].date.year}. {html.text(names)}</span></a>')


def _groups(events: Sequence[Event]) -> list[list[Event]]:
    """Events by calendar year, in date order."""
    groups: list[list[Event]] = []
    for event in events:
        if groups and groups[-1][0].date.year == event.date.year:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups
