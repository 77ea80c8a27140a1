"""The safety check's entry points: which files are read, and by which rules."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from explainer.checks.safety.built import check_site
from explainer.checks.safety.files import files
from explainer.checks.safety.findings import capped
from explainer.checks.safety.sources import check_data_file, check_page, check_svg
from explainer.model.diagnostics import Diagnostic
from explainer.model.loader import display_path, read_page
from explainer.model.project import Project
from explainer.model.records import DATA_FILES


_DATA_SUFFIXES = (".yml", ".yaml")
_DENIED_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".cjs", ".css", ".xml",
                    ".xsl", ".xslt", ".swf", ".wasm", ".svgz", ".php", ".jsp", ".asp", ".aspx", ".hta"}


def check(project: Project) -> Iterator[Diagnostic]:
    """Every safety problem in the pages, data and files under docs/, and in the built site if any."""
    yield from check_sources(project)
    yield from check_built(project)


def check_sources(project: Project) -> Iterator[Diagnostic]:
    """The pages, data and other files under docs/."""
    yield from project.page_problems
    docs = project.docs_dir
    seen_pages = set()
    parsed = {project.data.data_dir / DATA_FILES[kind]: value for kind, value in project.data.yaml.items()}
    for page in project.pages.values():
        seen_pages.add(page.path)
        yield from capped(page.display, check_page(page, docs / page.path))
    for path, display in files(docs, "docs"):
        relative = path.relative_to(docs).as_posix()
        if path.is_symlink():
            yield Diagnostic(display, 1, 1, "file-symlink",
                             "symbolic links are not allowed under docs/: they can publish files from outside the "
                             "repository. Replace the link with a copy of the file")
            continue
        suffix = path.suffix.lower()
        if suffix == ".md" and relative not in seen_pages:
            # Snippets (docs/includes/) and anything the page loader skips.
            page, problems = read_page(path, relative, display)
            yield from problems
            if page is not None:
                yield from capped(display, check_page(page, path))
        elif suffix in _DATA_SUFFIXES:
            yield from capped(display, check_data_file(path, display, parsed.get(path)))
        elif suffix in _DENIED_SUFFIXES:
            yield Diagnostic(display, 1, 1, "file-disallowed",
                             f"'{suffix}' files may not be added under docs/: a browser would run them as part of "
                             "the site. Pages are Markdown (.md), data is YAML (.yml), images are .png, .jpg, "
                             ".webp or .svg; theme code goes in overrides/ and is reviewed as code")
        elif suffix == ".svg":
            yield from capped(display, check_svg(path, display))


def check_built(project: Project) -> Iterator[Diagnostic]:
    """The built site (``--site DIR``, or site/ when it exists)."""
    site = Path(project.site or project.site_dir)
    if (site / "index.html").is_file():
        yield from check_site(site, display_path(site, project.root))
