"""Findings: a problem at an offset in some text, placed at a line and column, at most so many per file."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from explainer.model.diagnostics import Diagnostic


MAX_PER_FILE = 50          # problems reported per file before summarising


@dataclass(frozen=True)
class Finding:
    offset: int
    rule: str
    message: str
    snippet: str = ""


class Lines:
    """Turns offsets in a text into 1-based (line, column)."""

    def __init__(self, text: str, first_line: int = 1):
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.first = first_line

    def place(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first + index, offset - self.starts[index] + 1


def capped(display: str, diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """At most MAX_PER_FILE problems per file, then one line saying how many more there are."""
    shown = 0
    extra = 0
    last = None
    seen: set[Diagnostic] = set()
    for diagnostic in diagnostics:
        if diagnostic in seen:
            continue
        seen.add(diagnostic)
        if shown < MAX_PER_FILE:
            shown += 1
            yield diagnostic
        else:
            extra += 1
            last = last or diagnostic
    if extra:
        yield Diagnostic(display, last.line, last.col, "safety-too-many",
                         f"{extra} more safety problem(s) in this file are not shown; "
                         "fix the ones above and run the check again")
