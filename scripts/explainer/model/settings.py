"""The site's settings (mkdocs.yml), read as data without MkDocs and without running its tags.

``extra.as_of`` ("YYYY-MM-DD") is the date this explainer's account runs to:
the ``md:tally`` marker writes it into the overview, and the page template
shows it on every page.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from explainer.model.dates import PartialDate, parse_date


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name): their values are null."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_settings(path: Path | str) -> dict:
    """mkdocs.yml as a mapping; {} when it is missing or unreadable (the build reports that itself)."""
    try:
        config = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}



def site_language(config: dict) -> str:
    """The language the site is written in (``theme: language:``), English when not set."""
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language) if language else "en"


def site_extra(path: Path | str) -> dict:
    """The ``extra:`` mapping of mkdocs.yml ({} without one)."""
    extra = read_settings(path).get("extra")
    return extra if isinstance(extra, dict) else {}


def as_of(extra: dict) -> PartialDate | None:
    """``extra.as_of`` as a full date, None when it is not set.

    Raises ValueError when it is set but is not a real YYYY-MM-DD date.
    """
    value = extra.get("as_of")
    if value in (None, ""):
        return None
    date = parse_date(value)
    if date is None or not date.day:
        raise ValueError(f"extra.as_of in mkdocs.yml must be a date written YYYY-MM-DD, not {value!r}")
    return date
