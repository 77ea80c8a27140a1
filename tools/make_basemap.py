#!/usr/bin/env python3
"""Regenerate the maps' outlines: Natural Earth TopoJSON (npm ``world-atlas@2.0.2``) -> basemap.json.

A development tool, run by hand: the site build only reads the result,
scripts/explainer/render/basemap.json (see BASEMAP.md beside it). Nothing
downloaded here is committed.

    cd /tmp && npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0
    mkdir wa iso && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf i18n-iso-countries-7.14.0.tgz -C iso
    python tools/make_basemap.py --atlas /tmp/wa/package --codes /tmp/iso/package/codes.json

Output layout (all coordinates are integers: degrees * ``scale``)::

    {"format": 1, "source": {...},
     "layers": [{"name": "110m", "scale": 10, "bbox": [W, S, E, N],
                 "countries": [{"name": "Syria", "a3": "SYR", "n3": "760",
                                "rings": [[x0, y0, x1, y1, ...], ...]}, ...]},
                {"name": "50m-levant", "scale": 50, "bbox": [...], ...}],
     "land": {"scale": 10, "rings": [[x0, y0, ...], ...]}}   # land-110m: all land merged, for the inset

Rings are flat [lon, lat, lon, lat, ...] lists, not closed (first point is not
repeated); outer rings and holes are mixed, so draw them with fill-rule evenodd.
Layers after the first are 1:50m detail windows clipped to their bbox; the
renderer uses one only when the whole view lies inside its bbox.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys

# 1:50m detail windows: (name, [west, south, east, north], scale).  Scale 50 = 0.02 deg grid.
DETAIL_WINDOWS = [
    ("50m-levant-blacksea", [24.0, 27.0, 50.0, 47.5], 50),  # Syria coast, Lebanon, Cyprus, Crimea, Caucasus
    ("50m-redsea-gulf", [32.0, 10.0, 62.0, 31.0], 50),      # Red Sea, Horn of Africa, Persian Gulf, Bandar Abbas
    ("50m-caribbean", [-86.0, -2.0, -56.0, 24.0], 50),      # Venezuela and its islands, Trinidad, Cuba
]
# Natural Earth 4.1.0 (as packaged in world-atlas 2.0.2) draws Crimea as a ring of Russia.
# We split it into its own feature flagged as disputed, so neither highlight=("RUS",) nor
# highlight=("UKR",) colours it and the stylesheet can mark it.  Box is [W, S, E, N].
CRIMEA_BOX = (32.0, 44.0, 36.9, 46.3)
WORLD_SCALE = 10  # 0.1 deg grid for the 1:110m world layer


def decode_topology(topo):
    """Return {object geometries}, list of decoded arcs (absolute lon/lat floats)."""
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if t:
                x += p[0]
                y += p[1]
                pts.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        arcs.append(pts)
    return arcs


def ring_from_arcs(indices, arcs):
    pts = []
    for i in indices:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        if pts:
            a = a[1:]  # shared vertex
        pts.extend(a)
    return pts


def geometry_rings(geom, arcs):
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return []
    rings = []
    for poly in polys:
        for ring in poly:
            rings.append(ring_from_arcs(ring, arcs))
    return rings


def clip_ring(pts, bbox):
    """Sutherland-Hodgman clip of a closed ring against an axis-aligned box."""
    w, s, e, n = bbox
    edges = [
        (lambda p: p[0] >= w, lambda a, b: (w, a[1] + (b[1] - a[1]) * (w - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= e, lambda a, b: (e, a[1] + (b[1] - a[1]) * (e - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= s, lambda a, b: (a[0] + (b[0] - a[0]) * (s - a[1]) / (b[1] - a[1]), s)),
        (lambda p: p[1] <= n, lambda a, b: (a[0] + (b[0] - a[0]) * (n - a[1]) / (b[1] - a[1]), n)),
    ]
    out = list(pts)
    for inside, cut in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
    return out


def split_antimeridian(ring):
    """Natural Earth rings that cross 180 deg (Fiji, Chukotka) jump from +180 to -180, which
    a planar renderer draws as a band across the map.  Unwrap the longitudes, then cut the
    ring at +-180 into pieces that each lie inside [-180, 180].  A ring whose unwrapped
    longitudes do not close (it encircles a pole: Antarctica) is left as it is; its closing
    edge runs along its southern edge, which is drawn correctly in the plane."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:] + ring[:1])):
        return [ring]
    un = [ring[0]]
    off = 0.0
    for a, b in zip(ring, ring[1:]):
        d = b[0] - a[0]
        if d > 180:
            off -= 360
        elif d < -180:
            off += 360
        un.append((b[0] + off, b[1]))
    if abs(un[0][0] - un[-1][0]) > 180:
        return [ring]
    parts = []
    for k in (-1, 0, 1):
        part = clip_ring(un, [-180 + 360 * k, -90, 180 + 360 * k, 90])
        if len(part) >= 3:
            parts.append([(x - 360 * k, y) for x, y in part])
    return parts


def quantize(pts, scale):
    out = []
    for x, y in pts:
        q = (round(x * scale), round(y * scale))
        if not out or q != out[-1]:
            out.append(q)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    # drop collinear points on the quantized grid (straight runs, e.g. clip edges); one pass
    m = len(out)
    if m > 3:
        keep = []
        for i in range(m):
            a, b, c = out[i - 1], out[i], out[(i + 1) % m]
            if (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) != 0:
                keep.append(b)
        out = keep
    return out if len(out) >= 3 else []


def ring_area(q):
    a = 0
    for i in range(len(q)):
        x0, y0 = q[i - 1]
        x1, y1 = q[i]
        a += x0 * y1 - x1 * y0
    return abs(a) / 2


def _inside(flat, box, scale):
    xs, ys = flat[0::2], flat[1::2]
    return (min(xs) >= box[0] * scale and max(xs) <= box[2] * scale
            and min(ys) >= box[1] * scale and max(ys) <= box[3] * scale)


def build_layer(topo, arcs, a3_of, name, bbox, scale, min_area_cells):
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        rings = []
        pieces = [p for ring in geometry_rings(g, arcs) for p in split_antimeridian(ring)]
        for ring in pieces:
            if bbox != [-180, -90, 180, 90]:
                xs = [p[0] for p in ring]
                ys = [p[1] for p in ring]
                if max(xs) < bbox[0] or min(xs) > bbox[2] or max(ys) < bbox[1] or min(ys) > bbox[3]:
                    continue
                ring = clip_ring(ring, bbox)
            q = quantize(ring, scale)
            if not q or ring_area(q) < min_area_cells:
                continue
            rings.append([c for p in q for c in p])
        if not rings:
            continue
        n3 = g.get("id")
        if n3 == "643":  # Russia
            crimea = [r for r in rings if _inside(r, CRIMEA_BOX, scale)]
            if crimea:
                rings = [r for r in rings if r not in crimea]
                countries.append({"name": "Crimea", "a3": None, "n3": None, "rings": crimea,
                                  "disputed": "annexed by Russia 2014; UN GA res. 68/262 recognises it as Ukraine"})
        countries.append({
            "name": g["properties"]["name"],
            "a3": a3_of.get(n3),
            "n3": n3,
            "rings": rings,
        })
    countries.sort(key=lambda c: (c["name"], c["n3"] or ""))
    return {"name": name, "scale": scale, "bbox": bbox, "countries": countries}


def build_land(topo, scale, min_area_cells):
    """All land as one list of rings (countries merged: no borders), for the maps' overview inset."""
    arcs = decode_topology(topo)
    rings = []
    for g in topo["objects"]["land"]["geometries"]:
        for ring in (p for r in geometry_rings(g, arcs) for p in split_antimeridian(r)):
            q = quantize(ring, scale)
            if q and ring_area(q) >= min_area_cells:
                rings.append([c for p in q for c in p])
    rings.sort()
    return {"scale": scale, "rings": rings}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--atlas", required=True, help="unpacked world-atlas package dir")
    ap.add_argument("--codes", required=True, help="i18n-iso-countries codes.json (numeric -> alpha-3)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                  "scripts", "explainer", "render", "basemap.json"))
    args = ap.parse_args(argv)

    with open(args.codes, encoding="utf-8") as f:
        a3_of = {n3: a3 for _a2, a3, n3, *_ in json.load(f)}

    f110 = os.path.join(args.atlas, "countries-110m.json")
    f50 = os.path.join(args.atlas, "countries-50m.json")
    with open(f110, encoding="utf-8") as f:
        t110 = json.load(f)
    with open(f50, encoding="utf-8") as f:
        t50 = json.load(f)
    land110 = os.path.join(args.atlas, "land-110m.json")
    with open(land110, encoding="utf-8") as f:
        tland = json.load(f)
    with open(os.path.join(args.atlas, "package.json"), encoding="utf-8") as f:
        pkg = json.load(f)

    layers = [build_layer(t110, decode_topology(t110), a3_of, "110m", [-180, -90, 180, 90], WORLD_SCALE, 1)]
    arcs50 = decode_topology(t50)
    for name, bbox, scale in DETAIL_WINDOWS:
        layers.append(build_layer(t50, arcs50, a3_of, name, bbox, scale, 2))

    out = {
        "format": 1,
        "source": {
            "package": "%s@%s" % (pkg["name"], pkg["version"]),
            "files": {"countries-110m.json": sha256(f110), "countries-50m.json": sha256(f50),
                      "land-110m.json": sha256(land110)},
            "data": "Natural Earth 4.1.0 Admin 0 countries (public domain)",
            "package_licence": pkg.get("license"),
            "iso_codes": "alpha-3 from numeric id via npm i18n-iso-countries@7.14.0 codes.json (MIT)",
        },
        "layers": layers,
        "land": build_land(tland, WORLD_SCALE, 1),
    }
    text = json.dumps(out, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    # one country per line keeps diffs readable without costing much size
    text = text.replace(',{"a3"', ',\n{"a3"')
    head, tail = text.split('"layers":', 1)   # sorted keys: "land" comes first; one land ring per line
    text = head.replace('"rings":[[', '"rings":[\n[').replace('],[', '],\n[') + '"layers":' + tail
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    for layer in layers:
        npts = sum(len(r) // 2 for c in layer["countries"] for r in c["rings"])
        print("%-14s %3d countries %6d points" % (layer["name"], len(layer["countries"]), npts), file=sys.stderr)
    print("%-14s %3d rings %6d points" % ("land", len(out["land"]["rings"]),
                                             sum(len(r) // 2 for r in out["land"]["rings"])), file=sys.stderr)
    print("wrote %s (%d bytes)" % (args.out, os.path.getsize(args.out)), file=sys.stderr)


if __name__ == "__main__":
    main()
