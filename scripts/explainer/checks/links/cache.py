"""Results of earlier online checks, kept on disk so a re-run skips fresh ones.

Only answers that were fine (ok, redirected) are kept: a failure may be a
passing hiccup, so it is asked again next time rather than remembered.
"""
from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from explainer.checks.links.online import OK, REDIRECTED, Result

_VERSION = 1
_DURATION = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[smhdw]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> float:
    """'1d', '12h', '30m', '45s' or plain seconds -> seconds; ValueError otherwise."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a duration like 1d, 12h, 30m or 45s")
    return float(match.group("number")) * _UNITS[match.group("unit")]


class Cache:
    def __init__(self, path: Path, max_age: float):
        self.path = path
        self.max_age = max_age
        self.entries: dict[str, Result] = {}

    @classmethod
    def load(cls, path: Path, max_age: float) -> "Cache":
        """The cache at ``path``; a missing or unreadable file is an empty cache, not an error."""
        cache = cls(path, max_age)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") == _VERSION:
                cache.entries = {url: Result.from_json(value) for url, value in raw.get("results", {}).items()}
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        return cache

    def fresh(self, url: str) -> Result | None:
        entry = self.entries.get(url)
        if entry and entry.category in (OK, REDIRECTED) and time.time() - entry.checked < self.max_age:
            return entry
        return None

    def update(self, results: dict[str, Result]) -> None:
        for url, result in results.items():
            if result.category in (OK, REDIRECTED):
                self.entries[url] = result
            else:
                self.entries.pop(url, None)

    def save(self) -> None:
        """Write atomically, dropping expired entries, so an interrupted run leaves a readable file."""
        now = time.time()
        kept = {url: r.to_json() for url, r in sorted(self.entries.items()) if now - r.checked < self.max_age}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps({"version": _VERSION, "results": kept}, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)
