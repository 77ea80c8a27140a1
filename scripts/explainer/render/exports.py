"""Machine-readable copies of the data, published with the site for reuse."""
from __future__ import annotations

import json
from pathlib import Path

from explainer.model.records import Data


def timeline_records(data: Data) -> list[dict]:
    return [{
        "id": event.anchor,
        "date": event.date.iso,
        "end": event.end.iso if event.end else None,
        "title": event.title,
        "summary": event.summary,
        "tags": event.tags,
        "sources": [{"id": key, "title": data.sources[key].title, "url": data.sources[key].url or None}
                    for key in event.sources if key in data.sources],
        "pages": event.pages,
    } for event in data.events]


def claims_records(data: Data) -> list[dict]:
    return [{
        "id": claim.id, "paragraphs": claim.paragraphs, "quote": claim.quote, "paraphrase": claim.paraphrase,
        "kind": claim.kind, "assessment": claim.assessment or None, "note": claim.note or None,
        "sources": claim.sources, "pages": claim.pages, "tags": claim.tags,
    } for claim in data.claims if not claim.todo]


def places_geojson(data: Data) -> dict:
    """The maps' places as a GeoJSON FeatureCollection (coordinates are [lon, lat]), routes as lines."""
    features = [{
        "type": "Feature", "id": place.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {"name": place.name, "kind": place.kind, "country": place.country or None, "tags": place.tags,
                       "sources": place.sources, "verified": place.verified},
    } for place in data.places.values()]
    features += [{
        "type": "Feature", "id": route.id,
        "geometry": {"type": "MultiLineString", "coordinates": [
            [[data.places[i].lon, data.places[i].lat] for i in path] for path in route.paths
            if all(i in data.places for i in path)]},
        "properties": {"name": route.name, "tags": route.tags, "sources": route.sources, "schematic": True},
    } for route in data.routes.values()]
    return {"type": "FeatureCollection", "features": features}


def write_exports(data: Data, site_dir: Path) -> list[Path]:
    """Write timeline.json, claims.json, sources.json (CSL JSON) and places.json (GeoJSON) under site/data/."""
    folder = site_dir / "data"
    folder.mkdir(parents=True, exist_ok=True)
    exports = {
        "timeline.json": {"events": timeline_records(data)},
        "claims.json": {"claims": claims_records(data)},
        "sources.json": [source.csl for source in data.sources.values()],
        "places.json": places_geojson(data),
    }
    written = []
    for name, payload in exports.items():
        path = folder / name
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
