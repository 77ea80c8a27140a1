"""The site's settings (mkdocs.yml), read as data without running its tags (!ENV, !!python/name)."""
from __future__ import annotations

from pathlib import Path

import yaml


class _AnyTagLoader(yaml.SafeLoader):
    """A safe loader that reads every tag's value as None."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_settings(path: Path) -> dict:
    """mkdocs.yml as a dict; {} when it is missing or unreadable (the build reports that itself)."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def site_language(config: dict) -> str:
    """The language the site is written in (``theme: language:``), English when not set."""
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language) if language else "en"
