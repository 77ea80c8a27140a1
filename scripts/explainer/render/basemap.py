"""The country outlines the maps are drawn on: basemap.json (Natural Earth, public domain), read once.

The file ships with the package (see BASEMAP.md beside it for its source,
licence and how tools/make_basemap.py regenerates it). Coordinates are
integers, degrees times the layer's ``scale``; rings are flat
[lon, lat, lon, lat, ...] lists, outer rings and holes mixed (even-odd fill).
The first layer covers the world at 1:110m; the others are 1:50m windows.
``land`` is all land at 1:110m merged into one set of rings (no borders), for the overview inset.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from explainer.render.geo import Box

Ring = tuple[float, float, float, float, list[tuple[float, float]]]   # its box (w, s, e, n), then its points


@dataclass(frozen=True)
class Country:
    name: str
    code: str            # ISO 3166-1 alpha-3, "" for features without one (Kosovo, Crimea, ...)
    disputed: bool
    rings: tuple[Ring, ...]
    box: Box


@dataclass(frozen=True)
class Layer:
    name: str
    scale: int
    box: Box
    countries: tuple[Country, ...]


@functools.cache
def _data() -> dict:
    return json.loads(resources.files("explainer.render").joinpath("basemap.json").read_text(encoding="utf-8"))


def _ring(flat: list[int], scale: float) -> Ring:
    points = [(flat[i] / scale, flat[i + 1] / scale) for i in range(0, len(flat), 2)]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return (min(lons), min(lats), max(lons), max(lats), points)


@functools.cache
def land() -> tuple[Ring, ...]:
    """All land (1:110m, countries merged), rings decoded to degrees."""
    scale = float(_data()["land"]["scale"])
    return tuple(_ring(flat, scale) for flat in _data()["land"]["rings"])


@functools.cache
def layers() -> tuple[Layer, ...]:
    """Every layer, world first, rings decoded to degrees."""
    result = []
    for layer in _data()["layers"]:
        scale = float(layer["scale"])
        countries = []
        for feature in layer["countries"]:
            rings = [_ring(flat, scale) for flat in feature["rings"]]
            box = (min(r[0] for r in rings), min(r[1] for r in rings), max(r[2] for r in rings), max(r[3] for r in rings))
            countries.append(Country(feature["name"], feature.get("a3") or "", bool(feature.get("disputed")),
                                     tuple(rings), box))
        result.append(Layer(layer["name"], int(layer["scale"]), tuple(layer["bbox"]), tuple(countries)))
    return tuple(result)


def finest_layer(box: Box) -> Layer:
    """The most detailed layer holding the whole box (the world layer holds every box)."""
    world, *windows = layers()
    best = world
    west, south, east, north = box
    for layer in windows:
        lw, ls, le, ln = layer.box
        if lw <= west and ls <= south and le >= east and ln >= north and layer.scale > best.scale:
            best = layer
    return best


@functools.cache
def codes() -> frozenset[str]:
    """The ISO alpha-3 codes the world layer can draw and highlight."""
    return frozenset(country.code for country in layers()[0].countries if country.code)


def country_box(code: str) -> Box | None:
    """The extent of a country on the world layer, on the side of the antimeridian where most of it lies
    (a far-eastern tip past 180°, as on the world layer's RUS, is left out), or None for an unknown code."""
    rings = [ring for country in layers()[0].countries if country.code == code for ring in country.rings]
    if not rings:
        return None
    largest = max(rings, key=lambda ring: (ring[2] - ring[0]) * (ring[3] - ring[1]))
    east_side = largest[0] + largest[2] > 0
    kept = [ring for ring in rings if (ring[0] + ring[2] > 0) == east_side] or rings
    return (min(r[0] for r in kept), min(r[1] for r in kept), max(r[2] for r in kept), max(r[3] for r in kept))
