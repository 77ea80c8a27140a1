"""``<!-- md:map tag=harbour -->``: a locator map of the places in places.yml, and a caption listing them.

``tag=`` picks the places carrying a tag, ``place=`` names places,
``route=`` draws routes (a corridor's paths) with their places; they combine
(``tag=harbour place=city-hall``). A map of one country's places shows the whole
country, highlighted; a map across countries, or of a route, fits its places.
The SVG is named by its title (its accessible name); the caption is the text
alternative: every place with its kind and coordinates, each route as
"A → B → C", and citations of the pages that state the coordinates.
"""
from __future__ import annotations

import functools
import hashlib

from explainer.model.mdsource import CiteItem
from explainer.model.records import PLACE_KINDS, Data, Place, Route
from explainer.render import basemap, html, mapdraw
from explainer.render.geo import degrees, view_box
from explainer.render.markers import Context, Html, MarkerError, require_known, split_list

ARGUMENTS = ("tag", "place", "route")
SCHEMATIC = "Straight lines join the places the sources name; they do not follow the actual tracks or sea lanes."
CREDIT = "Outlines: Natural Earth (public domain); borders are approximate and imply no position."


def select(args: dict, data: Data) -> tuple[list[Place], list[Route]]:
    """The places and routes a marker asks for (routes' places first, in their order, then places.yml's), or MarkerError."""
    unknown = set(args) - set(ARGUMENTS)
    if unknown or not args:
        raise MarkerError("md:map takes 'tag=...', 'place=...' or 'route=...' (comma-separated, at least one)"
                          + (f", not {', '.join(sorted(unknown))}" if unknown else ""))
    tags, place_ids, route_ids = (split_list(args.get(name)) for name in ARGUMENTS)
    require_known(tags, data.tags, "tag in md:map (see docs/data/tags.yml)")
    require_known(place_ids, data.places, "place in md:map (see docs/data/places.yml)")
    require_known(route_ids, data.routes, "route in md:map (see docs/data/places.yml)")
    wanted = set(place_ids)
    for tag in tags:
        tagged = {place.id for place in data.places.values() if tag in place.tags}
        if not tagged:
            raise MarkerError(f"md:map tag={tag}: no place in docs/data/places.yml has this tag")
        wanted |= tagged
    routes = [data.routes[route_id] for route_id in route_ids]
    for route in routes:
        for path in route.paths:
            require_known(path, data.places, f"place on route '{route.id}' (see docs/data/places.yml)")
            wanted.update(path)
    along = [place_id for route in routes for path in route.paths for place_id in path]   # a route's places first, in order
    ordered = list(dict.fromkeys(along + [place_id for place_id in data.places if place_id in wanted]))
    return [data.places[place_id] for place_id in ordered], routes


def render(args: dict, context: Context) -> list:
    places, routes = select(args, context.data)
    title = _title(args, places, routes, context)
    codes = list(dict.fromkeys(place.country for place in places if place.country in basemap.codes()))
    points = [(place.lon, place.lat) for place in places]
    frame = basemap.country_box(codes[0]) if len(codes) == 1 and not routes else None
    if frame:   # one country's places: show the whole country
        points += [(frame[0], frame[1]), (frame[2], frame[3])]
    view = view_box(points, margin=0.08 if frame else 0.18)
    map_id = "map-" + hashlib.sha1("\n".join([title, *(place.id for place in places)]).encode()).hexdigest()[:8]
    marks = [mapdraw.Mark(place.id, place.name, place.lon, place.lat, place.kind, place.label) for place in places]
    paths = [path for route in routes for path in route.paths]
    svg = _drawn(tuple(marks), tuple(tuple(path) for path in paths), view, title, _description(places, routes, codes),
                 map_id, frozenset(codes))
    return [Html("\n".join([f'<figure class="geo-map" id="{map_id}">', svg, _caption(title, places, routes, map_id, context),
                            "</figure>"]))]


@functools.lru_cache(maxsize=128)
def _drawn(marks: tuple, paths: tuple, view: tuple, title: str, description: str, map_id: str, highlight: frozenset) -> str:
    """The map's SVG, drawn once per build (and per ``mkdocs serve`` session) for the same inputs.

    Drawing clips the world's outlines to the view: the dearest step of a build. The
    Sources page, the checks and a rebuild ask for the same maps again.
    """
    return mapdraw.draw(marks, paths, view=view, title=title, description=description, map_id=map_id,
                        highlight=highlight)


def _title(args: dict, places: list[Place], routes: list[Route], context: Context) -> str:
    """The map's accessible name: "Route map: Ferry line", "Locator map: Harbour"."""
    subjects = [route.name for route in routes]
    subjects += [context.data.tags[tag].label for tag in split_list(args.get("tag"))]
    subjects += [context.data.places[place_id].name for place_id in split_list(args.get("place"))]
    subjects = list(dict.fromkeys(subjects)) or [place.name for place in places]
    listed = subjects[0] if len(subjects) == 1 else ", ".join(subjects[:-1]) + " and " + subjects[-1]
    return f"{'Route map' if routes else 'Locator map'}: {listed}"


def _description(places: list[Place], routes: list[Route], codes: list[str]) -> str:
    """The SVG's <desc>: what is marked and highlighted, in one paragraph."""
    names = {country.code: country.name for country in basemap.layers()[0].countries if country.code}
    parts = ["Marked: " + "; ".join(f"{place.name} ({PLACE_KINDS.get(place.kind, place.kind)})" for place in places) + "."]
    by_id = {place.id: place for place in places}
    for route in routes:
        parts.append(f"{route.name}: " + "; ".join(" to ".join(by_id[i].name for i in path) for path in route.paths) + ".")
    if codes:
        parts.append("Highlighted: " + ", ".join(names[code] for code in codes) + ".")
    parts.append("The caption lists the coordinates and their sources.")
    return " ".join(parts)


def _caption(title: str, places: list[Place], routes: list[Route], map_id: str, context: Context) -> str:
    say = context.abbreviations.text
    lines = ['<figcaption class="geo-map__caption">', f'<span class="geo-map__title">{say(title)}</span>',
             '<ul class="geo-map__places">']
    for place in places:
        kind = mapdraw.glyph(place.kind)
        unverified = (f' <em class="geo-map__unverified">(location not verified: {say(place.verification)})</em>'
                      if not place.verified else "")
        lines.append(f'<li><svg xmlns="{mapdraw.SVG_NS}" xmlns:xlink="{mapdraw.XLINK_NS}" class="geo-map__key" viewBox="-8 -8 16 16" '
                     f'width="16" height="16" aria-hidden="true" focusable="false">'
                     f'<use xlink:href="#{mapdraw.symbol_id(map_id, place.kind)}" class="map-sym map-sym--{kind}"/>'
                     f'</svg>{say(place.name)} <span class="geo-map__kind">({PLACE_KINDS.get(place.kind, place.kind)})</span>, '
                     f'<span class="geo-map__coord">{degrees(place.lat, "N", "S")}, {degrees(place.lon, "E", "W")}</span>'
                     f'{unverified}</li>')
    lines.append("</ul>")
    by_id = {place.id: place for place in places}
    for route in routes:
        drawn = "; ".join(" → ".join(say(by_id[i].name) for i in path) for path in route.paths)
        lines.append(f'<p class="geo-map__route">{say(route.name)}: {drawn}. {SCHEMATIC}{_cite(route.sources, context)}</p>')
    sources = [key for place in places for key in place.sources]
    coordinates = f"Coordinates from the sources cited.{_cite(sources, context)} " if sources else ""
    lines.append(f'<p class="geo-map__credit">{coordinates}{html.text(CREDIT)}</p>')
    lines.append("</figcaption>")
    return "\n".join(lines)


def _cite(keys: list[str], context: Context) -> str:
    keys = list(dict.fromkeys(keys))
    return context.notes.cite_later(tuple(CiteItem(key, "") for key in keys)) if keys else ""
