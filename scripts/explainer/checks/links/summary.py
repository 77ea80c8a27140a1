"""What the online check tells people: a progress line, a summary and a report file.

The report (JSON for tools, Markdown for the scheduled workflow's job
summary) lists every address that is not simply fine, with the places it is
written and, for a bibliography entry, its archived copy.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from explainer.checks.links.occurrences import Occurrence
from explainer.checks.links.online import BLOCKED, BROKEN, CATEGORIES, OK, REDIRECTED, SKIPPED, TIMEOUT, Result

_LABELS = {OK: "ok", REDIRECTED: "redirected", BROKEN: "broken", BLOCKED: "blocked by host",
           TIMEOUT: "timed out", SKIPPED: "skipped (not https)"}


class Progress:
    """``checked 12/80`` on one rewritten line, only when stderr is a terminal (never in CI logs)."""

    def __init__(self, total: int, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.total, self.done = total, 0
        self.active = total > 0 and self.stream.isatty()

    def __call__(self, result: Result) -> None:
        self.done += 1
        if self.active:
            self.stream.write(f"\rChecking external links: {self.done}/{self.total} ({result.category}: {result.url[:50]})\x1b[K")
            self.stream.flush()

    def finish(self) -> None:
        if self.active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def counts(results: dict[str, Result]) -> Counter:
    return Counter(result.category for result in results.values())


def summary_line(results: dict[str, Result], cached: int) -> str:
    tally = counts(results)
    shown = [category for category in CATEGORIES if category != SKIPPED or tally.get(SKIPPED)]
    parts = [f"{tally.get(category, 0)} {_LABELS[category]}" for category in shown]
    return f"External links: {len(results)} checked ({cached} from cache): " + ", ".join(parts)


def write_report(path: Path, results: dict[str, Result], places: dict[str, list[Occurrence]],
                 archives: dict[str, str], cached: set[str]) -> None:
    """A report file; its suffix (.json or .md) chooses the format."""
    rows = [_row(result, places.get(url, []), archives.get(url, ""), url in cached) for url, result in sorted(results.items())]
    tally = counts(results)
    if path.suffix == ".json":
        document = {"generated": _now(), "summary": {c: tally.get(c, 0) for c in CATEGORIES} | {"from_cache": len(cached)},
                    "links": rows}
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        text = _markdown(rows, tally, len(cached))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _row(result: Result, places: list[Occurrence], archive: str, cached: bool) -> dict:
    return {**result.to_json(), "archive": archive, "cached": cached,
            "places": [f"{place.path}:{place.line}:{place.col}" for place in places]}


def _markdown(rows: list[dict], tally: Counter, cached: int) -> str:
    lines = ["## External links", "",
             f"Checked {sum(tally.values())} addresses on {_now()} ({cached} answers from the cache).", "",
             "| Result | Links |", "| --- | ---: |"]
    lines += [f"| {_LABELS[category]} | {tally.get(category, 0)} |" for category in CATEGORIES]
    for category, heading in ((BROKEN, "Broken"), (BLOCKED, "Blocked by the host"), (TIMEOUT, "Timed out"),
                              (REDIRECTED, "Moved (redirected)")):
        chosen = [row for row in rows if row["category"] == category]
        if not chosen:
            continue
        lines += ["", f"### {heading} ({len(chosen)})", "",
                  "| Link | What happened | Where | Archived copy |", "| --- | --- | --- | --- |"]
        lines += [f"| {_cell(row['url'])} | {_cell(row['detail'] or str(row['status']))} | "
                  f"{_cell(', '.join(row['places']))} | {_cell(row['archive']) or '—'} |" for row in chosen]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
