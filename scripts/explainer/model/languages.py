"""Language tags (BCP 47, as CSL's ``language`` and HTML's ``lang`` use them) and their English names.

The names come from the Unicode CLDR through Babel, which Material for MkDocs
already installs for its own translations.
"""
from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

_TAG = re.compile(r"^(?P<language>[a-z]{2,3})(?:-[A-Za-z0-9]{2,8})*$")


@functools.lru_cache(maxsize=256)
def primary(tag: str) -> str | None:
    """The language of a tag (``es`` for ``es-AR``), None if it is not a tag for a known language."""
    match = _TAG.match(tag)
    if not match:
        return None
    try:
        Locale(match.group("language"))
    except (UnknownLocaleError, ValueError):
        return None
    return match.group("language")


def name(tag: str) -> str:
    """The English name of a tag's language (``Spanish`` for ``es-AR``); the tag itself if unknown."""
    language = primary(tag)
    return Locale(language).get_language_name("en") if language else tag


def same_language(one: str, other: str) -> bool:
    return (primary(one) or one) == (primary(other) or other)
