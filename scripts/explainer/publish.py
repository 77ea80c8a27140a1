"""``python -m explainer publish``: what a build publishes besides its pages, for any builder.

Run after ``mkdocs build`` or ``zensical build``: it writes the data as JSON
(``data/timeline.json``, ``claims.json``, ``sources.json``) and, where the
builder did not (Zensical), ``tags.json`` as Material's tags plugin writes
it. MkDocs' hook calls the same function, so both builds publish the same files.
It also trims Material's stylesheets to the rules the built pages can use
(``explainer.trim_css``); Zensical's, laid out differently, are left whole.
And it serves the site's own scripts (``overrides/assets/javascripts/``,
written to be read) without their comments and indentation (rjsmin), and the
pages without the indentation of the theme's templates (``explainer.trim_html``).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import rjsmin
import yaml

from explainer.model.diagnostics import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, report
from explainer.model.loader import load_data, load_pages
from explainer.model.records import Data, Page
from explainer.render.exports import write_exports
from explainer.render.markers import page_address
from explainer.trim_css import trim_site
from explainer.trim_html import collapse


def publish(data: Data, pages: dict[str, Page], site: Path, directory_urls: bool = True,
            theme_dirs: list[Path] = ()) -> list[Path]:
    """Write the JSON exports, and tags.json unless the build wrote it; trim the theme's stylesheets
    (from the theme's own copies, in ``theme_dirs``, where the builder says where they are), the
    site's own scripts and the pages. Returns what it wrote."""
    written = write_exports(data, site)
    tags = site / "tags.json"
    if not tags.exists():
        tags.write_text(json.dumps(tag_mappings(pages, directory_urls), ensure_ascii=True) + "\n", encoding="utf-8")
        written.append(tags)
    written += [sheet for sheet, (before, after) in trim_site(site, theme_dirs).items() if after != before]
    return written + minify_own_scripts(site) + trim_pages(site)


def minify_own_scripts(site: Path) -> list[Path]:
    """The site's own scripts, minified in place (the theme's are already: ``*.min.js``, subfolders)."""
    scripts = (site / "assets" / "javascripts").glob("*.js")
    return _rewritten([script for script in scripts if not script.name.endswith(".min.js")], rjsmin.jsmin)


def trim_pages(site: Path) -> list[Path]:
    """Every HTML page of the site without its templates' indentation (``explainer.trim_html``)."""
    return _rewritten(site.rglob("*.html"), collapse)


# Each file passed through ``transform`` and written back only if that changed it: the files written.
def _rewritten(paths, transform) -> list[Path]:
    written = []
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        changed = transform(text)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
            written.append(path)
    return written


def tag_mappings(pages: dict[str, Page], directory_urls: bool = True) -> dict:
    """Pages and their tags, in the shape of Material's tags plugin export."""
    mappings = []
    for path, page in sorted(pages.items()):
        tags = page.meta.get("tags") or []
        tags = [str(tag) for tag in (tags if isinstance(tags, list) else [tags])]
        if tags:
            mappings.append({"item": {"url": page_address(path, directory_urls), "title": page.title}, "tags": sorted(tags)})
    return {"mappings": mappings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer publish",
                                     description="Write the data exports into a built site (after mkdocs or zensical build).")
    parser.add_argument("--root", type=Path, default=Path("."), help="the explainer's folder (default: current folder)")
    parser.add_argument("--site", type=Path, help="the built site (default: site/ in the explainer's folder)")
    args = parser.parse_args(argv)
    site = args.site or args.root / "site"
    if not (site / "index.html").is_file():
        print(f"error: no built site in '{site}' (index.html is missing); build it first", file=sys.stderr)
        return EXIT_USAGE
    config_file = args.root / "mkdocs.yml"
    settings = yaml.load(config_file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) if config_file.is_file() else {}
    directory_urls = str((settings or {}).get("use_directory_urls", "true")).lower() != "false"
    docs = args.root / "docs"
    data = load_data(docs / "data", display_dir="docs/data")
    if data.unreadable:
        report([problem for kind in data.unreadable for problem in data.problems[kind]], sys.stdout)
        print("error: a data file cannot be read; nothing was published", file=sys.stderr)
        return EXIT_PROBLEMS
    pages, _ = load_pages(docs, display_dir="docs")
    written = publish(data, pages, site, directory_urls)
    for path in written:
        if path.suffix != ".html":
            print(f"wrote {path}")
    trimmed = sum(path.suffix == ".html" for path in written)
    if trimmed:
        print(f"wrote {trimmed} pages without their templates' indentation")
    return EXIT_OK
