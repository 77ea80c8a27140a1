"""``<!-- md:timeline -->``: the events of timeline.yml as a semantic, sourced list.

Without arguments it renders every event grouped by year, with a tag filter
that JavaScript switches on (the full list is the default and works without
it); ``tag=economy,energy`` renders only the events carrying one of those tags,
``page=topics/economy.md`` only the events that name that page.
"""
from __future__ import annotations

from html import escape as html_escape

from explainer.model.records import Event
from explainer.render.references import escape
from explainer.render.markers import Context, MarkerError, selection


def render(args: dict, context: Context) -> list[str]:
    chosen = selection("timeline", args, context)
    events = chosen.pick(context.data.events, context.data.events_index)
    if not events:
        return ["*No events in the timeline match this page yet.*"]
    if not chosen.everything:
        return _list(events, context, "timeline timeline--embedded")
    lines = _filter(events, context)
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(event.date.year, []).append(event)
    for year, in_year in sorted(by_year.items()):
        lines += ["", '<section class="timeline-year" markdown>', "", f"## {year} {{#year-{year}}}", ""]
        lines += _list(in_year, context, "timeline")
        lines += ["", "</section>"]
    return lines


def _list(events: list[Event], context: Context, css: str) -> list[str]:
    lines = [f'<ol class="{css}" markdown>']
    lines += [_item(event, context) for event in events]
    lines += ["</ol>"]
    return lines


def _item(event: Event, context: Context) -> str:
    when = f'<time datetime="{event.date.iso}">{event.date.human}</time>'
    if event.end:
        when += f'&ndash;<time datetime="{event.end.iso}">{event.end.human}</time>'
    cite = f" [{'; '.join('@' + key for key in event.sources)}]" if event.sources else ""
    meta = []
    labels = [context.data.tags[tag].label for tag in event.tags if tag in context.data.tags]
    if labels:
        meta.append(f'<span class="timeline__tags">{html_escape(", ".join(labels))}</span>')
    links = []
    for path in event.pages:
        title = context.page_title(path)
        if title is None:
            raise MarkerError(f"timeline event '{event.title}' links to a missing page '{path}'")
        links.append(f"[{escape(title)}](/{path})")
    if links:
        meta.append("Discussed in " + ", ".join(links))
    return (f'<li class="timeline__event" id="{event.anchor}" data-tags="{html_escape(" ".join(event.tags))}" markdown>'
            f'{when} <strong class="timeline__title">{escape(event.title)}</strong> '
            f'<span class="timeline__summary">{escape(event.summary)}{cite}</span> '
            f'<span class="timeline__meta">{" · ".join(meta)}</span></li>')


def _filter(events: list[Event], context: Context) -> list[str]:
    used = sorted({tag for event in events for tag in event.tags}, key=lambda tag: (context.data.tags[tag].kind, tag)
                  if tag in context.data.tags else ("", tag))
    buttons = ['<button type="button" class="md-button" data-tag="" aria-pressed="true">All</button>']
    for tag in used:
        if tag in context.data.tags:
            buttons.append(f'<button type="button" class="md-button" data-tag="{tag}" aria-pressed="false">'
                           f'{html_escape(context.data.tags[tag].label)}</button>')
    return ['<div class="timeline-filter" role="group" aria-label="Show events about" hidden>',
            *buttons, "</div>", '<p class="timeline-filter__status" role="status" aria-live="polite"></p>']
