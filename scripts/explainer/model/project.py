"""A whole explainer on disk: data and pages, loaded once for all the checks."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from explainer.model.loader import load_data, load_pages
from explainer.model.records import Data, Page
from explainer.model.diagnostics import Diagnostic
from explainer.model.settings import read_settings, site_extra, site_language


@dataclass
class Project:
    root: Path
    data: Data
    pages: dict[str, Page]
    page_problems: list[Diagnostic] = field(default_factory=list)
    release: bool = False
    site: Path | None = None   # a built site to check (``check.py --site``); default root/site

    @classmethod
    def load(cls, root: Path | str = ".", release: bool = False) -> "Project":
        root = Path(root)
        docs = root / "docs"
        data = load_data(docs / "data", display_dir="docs/data", keep_yaml=True)
        pages, problems = load_pages(docs, display_dir="docs")
        return cls(root, data, pages, problems, release)

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @cached_property
    def settings(self) -> dict:
        """mkdocs.yml, read as data."""
        return read_settings(self.root / "mkdocs.yml")

    @property
    def language(self) -> str:
        """The language the site is written in (mkdocs.yml's ``theme: language:``)."""
        return site_language(self.settings)

    @property
    def extra(self) -> dict:
        """mkdocs.yml's ``extra:`` (``as_of`` among it), for the markers that read it."""
        return site_extra(self.root / "mkdocs.yml")

    @cached_property
    def cited_keys(self) -> set[str]:
        """Every source key used by a page, an event, a claim, a place or a route."""
        keys = {item.key for page in self.pages.values() for citation in page.citations for item in citation.items}
        keys.update(key for event in self.data.events for key in event.sources)
        keys.update(key for claim in self.data.claims for key in claim.sources)
        keys.update(key for item in [*self.data.places.values(), *self.data.routes.values()] for key in item.sources)
        return keys
