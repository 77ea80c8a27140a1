"""Places: coordinates, known tags, sources and countries, and a map on some page for every place."""
from __future__ import annotations

from typing import Iterator

from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project
from explainer.render import basemap, maps
from explainer.render.markers import MARKER, MarkerError, parse_args


def check(project: Project) -> Iterator[Diagnostic]:
    data = project.data
    yield from data.problems["places"]
    path = data.path("places")
    known_sources = "sources" not in data.unreadable
    for what, item in [*(("place", place) for place in data.places.values()),
                       *(("route", route) for route in data.routes.values())]:
        for tag in item.tags:
            if tag not in data.tags:
                yield Diagnostic(path, item.lines.get("tags", item.line), 1, "place-unknown-tag",
                                 f"{what} '{item.id}': unknown tag '{tag}'; use one from {data.path('tags')} or add it there")
        for key in item.sources:
            if known_sources and key not in data.sources:
                yield Diagnostic(path, item.lines.get("sources", item.line), 1, "place-unknown-source",
                                 f"{what} '{item.id}': no source '{key}' in {data.path('sources')}")
    for place in data.places.values():
        if place.country and place.country not in basemap.codes():
            yield Diagnostic(path, place.lines.get("country", place.line), 1, "place-unknown-country",
                             f"place '{place.id}': '{place.country}' is not a country code the maps know; use the "
                             "ISO 3166-1 alpha-3 code, in capitals, such as FRA or BRA")
    shown_places, shown_routes = _shown(project)
    for place in data.places.values():
        if place.id not in shown_places:
            yield Diagnostic(path, place.line, 1, "place-unused",
                             f"place '{place.id}' is on no map; show it with <!-- md:map place={place.id} --> "
                             "(or a tag it carries) on a page, or remove it", "warning")
    for route in data.routes.values():
        if route.id not in shown_routes:
            yield Diagnostic(path, route.line, 1, "place-unused",
                             f"route '{route.id}' is on no map; show it with <!-- md:map route={route.id} --> "
                             "on a page, or remove it", "warning")


def _shown(project: Project) -> tuple[set[str], set[str]]:
    """The places and routes that some page's map markers show (broken markers are the pages check's)."""
    places: set[str] = set()
    routes: set[str] = set()
    for page in project.pages.values():
        for line in page.body:
            match = MARKER.match(line) if "md:map" in line else None
            if not match or match.group("name") != "map":
                continue
            try:
                chosen, drawn = maps.select(parse_args(match.group("args")), project.data)
            except MarkerError:
                continue
            places.update(place.id for place in chosen)
            routes.update(route.id for route in drawn)
    return places, routes
