"""``<!-- md:timeline -->``: the events of timeline.yml as a semantic, sourced list.

Without arguments it renders every event grouped by year, with a tag filter
that JavaScript switches on (the full list is the default and works without
it) and, above the list, the overview strip of the years (render/strip.py); ``tag=economy,energy``
renders only the events carrying one of those tags, ``page=topics/economy.md`` only the events that name
that page. ``style=compact`` renders "key dates": each event's date and title only, linking to its entry on
the Timeline page, where it is told once, with its sources.
"""
from __future__ import annotations

from explainer.model.records import Event
from explainer.render import html
from explainer.render.markers import TIMELINE_PAGE, Context, Html, MarkerError, selection
from explainer.render.strip import render_strip


def render(args: dict, context: Context) -> list:
    chosen = selection("timeline", args, context)
    events = chosen.pick(context.data.events, context.data.events_index)
    if not events:
        return ["*No events in the timeline match this page yet.*"]
    if chosen.style == "compact":
        return [Html(_compact(events, context))]
    if not chosen.everything:
        return [Html(_list(events, context, "timeline timeline--embedded"))]
    parts: list = _filter(events, context)   # raw HTML lines, as a writer would type them
    parts += ["", Html(render_strip(events))]
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(event.date.year, []).append(event)
    for year, in_year in sorted(by_year.items()):
        parts += ["", '<section class="timeline-year" markdown>', "", f"## {year} {{#year-{year}}}", "",
                  Html(_list(in_year, context, "timeline")), "</section>"]
    return parts


def _compact(events: list[Event], context: Context) -> str:
    """Key dates: date and title, the title linking to the event on the Timeline page (if there is one)."""
    say = context.abbreviations.text
    linked = context.page_title(TIMELINE_PAGE) is not None
    items = []
    for event in events:
        title = say(event.title)
        if linked:
            title = html.link(context.url(TIMELINE_PAGE, event.anchor), title)
        items.append(f'<li>{_when(event)} <span>{title}</span></li>')   # styled by the list's class
    return "\n".join(['<ul class="key-dates">', *items, "</ul>"])


def _when(event: Event) -> str:
    when = f'<time datetime="{event.date.iso}">{event.date.human}</time>'
    if event.end:
        when += f'&ndash;<time datetime="{event.end.iso}">{event.end.human}</time>'
    return when


def _list(events: list[Event], context: Context, css: str) -> str:
    return "\n".join([f'<ol class="{css}">', *(_item(event, context) for event in events), "</ol>"])


def _item(event: Event, context: Context) -> str:
    """One event: date, title, summary with its sources, then tags and pages in small print.

    No class on the item or its parts: the list's class carries the styles (explainer-timeline.css),
    so 57 events do not repeat five class names each.
    """
    say = context.abbreviations.text
    cite = " " + context.notes.cite_later(event.cites) if event.cites else ""
    meta = []
    labels = [context.data.tags[tag].label for tag in event.tags if tag in context.data.tags]
    if labels:
        meta.append(say(", ".join(labels)))
    links = []
    for path in event.pages:
        title = context.page_title(path)
        if title is None:
            raise MarkerError(f"timeline event '{event.title}' links to a missing page '{path}'")
        links.append(html.link(context.url(path), say(title)))
    if links:
        meta.append("Discussed in " + ", ".join(links))
    small = f' <small>{" · ".join(meta)}</small>' if meta else ""
    return (f'<li data-tags="{html.attribute(" ".join(event.tags))}" id="{event.anchor}">'
            f'{_when(event)} <strong>{say(event.title)}</strong> {say(event.summary)}{cite}{small}</li>')


def _filter(events: list[Event], context: Context) -> list[str]:
    used = sorted({tag for event in events for tag in event.tags}, key=lambda tag: (context.data.tags[tag].kind, tag)
                  if tag in context.data.tags else ("", tag))
    buttons = ['<button type="button" class="md-button" data-tag="" aria-pressed="true">All</button>']
    for tag in used:
        if tag in context.data.tags:
            buttons.append(f'<button type="button" class="md-button" data-tag="{tag}" aria-pressed="false">'
                           f'{html.text(context.data.tags[tag].label)}</button>')
    return ['<div class="timeline-filter" role="group" aria-label="Show events about" hidden>',
            *buttons, "</div>", '<p class="timeline-filter__status" role="status" aria-live="polite"></p>']
