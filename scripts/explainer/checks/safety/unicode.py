"""Invisible and direction-changing characters: finding them, and printing text that may hold them."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from explainer.checks.safety.findings import Finding, Lines
from explainer.model.diagnostics import Diagnostic


# Unicode characters readers cannot see. Bidirectional controls change the
# order in which text is displayed, so a reviewer and a reader see different things.
BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}
HIDDEN = {0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x180E, 0x034F,
          0x115F, 0x1160, 0x3164, 0xFFA0, 0x00AD}
JOINERS = {0x200C, 0x200D}  # needed inside Persian, Indic and emoji text: allowed between two non-ASCII characters


def visible(text: str, limit: int = 60) -> str:
    """Text from a file, safe to print in a message: invisible characters shown as [U+XXXX], long text cut."""
    shown = "".join(f"[U+{ord(ch):04X}]" if ord(ch) in BIDI | HIDDEN or unicodedata.category(ch) in {"Cc", "Cf"}
                    else ch for ch in text[:limit])
    return shown + ("…" if len(text) > limit else "")


_INVISIBLE = re.compile("[" + "".join(f"\\u{code:04x}" for code in sorted(BIDI | HIDDEN))
                        + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\U000e0000-\U000e007f]")


def unicode_findings(text: str, allow_bom: bool = False) -> Iterator[Finding]:
    """Invisible and direction-changing characters, once per line."""
    reported_lines = set()
    for match in _INVISIBLE.finditer(text):
        index, ch = match.start(), match.group(0)
        code = ord(ch)
        if code in BIDI:
            rule = "unicode-bidi"
            what = ("changes the direction in which the text around it is displayed, so readers and reviewers "
                    "see different text")
        else:
            if code == 0xFEFF and index == 0 and allow_bom:
                continue
            if code in JOINERS and _between_letters(text, index):
                continue
            rule = "unicode-hidden"
            what = "is invisible, so readers cannot see it but it changes what the text or a link is"
        line = text.count("\n", 0, index)
        if line in reported_lines:
            continue
        reported_lines.add(line)
        try:
            name = unicodedata.name(ch)
        except ValueError:
            name = "a control character"
        yield Finding(index, rule, f"the character U+{code:04X} ({name}) {what}; delete it (it sits at this "
                                    "line and column; in most editors, move there and press Delete)", ch)


def _between_letters(text: str, index: int) -> bool:
    """Whether a joiner sits between two non-ASCII characters, as in Persian words or emoji sequences."""
    if not 0 < index < len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return not (before.isascii() or after.isascii() or before.isspace() or after.isspace())


def unicode_problems(raw: str, display: str, allow_bom: bool) -> Iterator[Diagnostic]:
    """unicode_findings of a whole file, placed at their line and column."""
    places = Lines(raw)
    for finding in unicode_findings(raw, allow_bom):
        line, col = places.place(finding.offset)
        yield Diagnostic(display, line, col, finding.rule, finding.message)
