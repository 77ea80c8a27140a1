"""The words to watch and the names' spellings: the machinery's defaults plus the explainer's own file.

Defaults: ``words_to_watch.yml`` next to this module (content-agnostic).
The explainer's additions: ``docs/data/words-to-watch.yml`` (optional), which
may add ``words:`` and ``attribution:`` cues, ``allow:`` a default word, and
declare ``names:``, one spelling per place or person with the variants to flag.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explainer.model import yamlfile
from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project
from explainer.model.texts import WORD

DEFAULTS = Path(__file__).with_name("words_to_watch.yml")
PROJECT_FILE = "words-to-watch.yml"   # under the data folder
KINDS = ("puffery", "label", "weasel", "editorial", "said", "emphasis")
EVEN_WHEN_ATTRIBUTED = {"weasel", "said"}   # an attribution to nobody, or a loaded verb for the attribution itself


@dataclass
class Watch:
    kind: str
    why: str
    instead: str
    pattern: re.Pattern | None = None   # for an entry written as a regular expression


Token = tuple[int, int, str]   # start, end, the word in lower case


def tokens(text: str) -> list[Token]:
    return [(match.start(), match.end(), match.group(0).lower()) for match in WORD.finditer(text)]


@dataclass
class Lexicon:
    """Words and phrases to find in text, looked up word by word (one pass, whatever the list's length)."""

    phrases: dict[str, list[tuple[tuple[str, ...], object]]] = field(default_factory=dict)

    def add(self, phrase: str, payload: object) -> None:
        words = tuple(word.lower() for word in WORD.findall(phrase))
        if words:
            self.phrases.setdefault(words[0], []).append((words, payload))

    def find(self, words: list[Token]) -> list[tuple[int, int, object]]:
        """(start, end, payload) of every phrase in ``words``, as ``tokens`` returned them."""
        found = []
        for index, (start, _, word) in enumerate(words):
            for phrase, payload in self.phrases.get(word, ()):
                last = index + len(phrase)
                if last <= len(words) and all(words[index + k][2] == phrase[k] for k in range(1, len(phrase))):
                    found.append((start, words[last - 1][1], payload))
        return found


@dataclass
class Name:
    use: str
    pattern: re.Pattern   # any of the variants, as a whole word


@dataclass
class Wording:
    words: Lexicon = field(default_factory=Lexicon)          # payload: the Watch
    patterns: list[Watch] = field(default_factory=list)
    attribution: Lexicon = field(default_factory=Lexicon)    # payload: True
    names: list[Name] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def load(project: Project) -> Wording:
    wording = Wording()
    cues: list[str] = []
    allowed: set[str] = set()
    entries: list[tuple[str, Any, int]] = []
    data_dir = project.docs_dir / "data"
    for path, display in ((DEFAULTS, "scripts/explainer/checks/words_to_watch.yml"),
                          (data_dir / PROJECT_FILE, f"{project.data.display_dir}/{PROJECT_FILE}")):
        if not path.is_file():
            continue
        raw, problems = yamlfile.load(path, display)
        wording.problems.extend(problems)
        if raw is None:
            continue
        reader = _Reader(display, wording.problems)
        if not isinstance(raw, dict):
            reader.problem(getattr(raw, "line", 1), "expected 'words:', 'attribution:', 'allow:' and 'names:' sections")
            continue
        entries += [(display, entry, line) for entry, line in reader.items(raw, "words")]
        cues += reader.words(raw, "attribution")
        allowed.update(word.lower() for word in reader.words(raw, "allow"))
        wording.names += [name for entry, line in reader.items(raw, "names") if (name := reader.name(entry, line))]
    for display, entry, line in entries:
        found = _Reader(display, wording.problems).watch(entry, line, allowed)
        if found is None:
            continue
        watch, words = found
        if watch.pattern is not None:
            wording.patterns.append(watch)
        for word in words:
            wording.words.add(word, watch)
    for cue in cues:
        wording.attribution.add(cue, True)
    return wording


class _Reader:
    """Entries of one words-to-watch file, checked."""

    def __init__(self, display: str, problems: list[Diagnostic]):
        self.display = display
        self.problems = problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Diagnostic(self.display, line, 1, "data-shape", message))

    def items(self, raw: dict, key: str) -> list[tuple[dict, int]]:
        value = raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(raw.line_of(key), f"'{key}' must be a list of entries starting with '- '")
            return []
        result = []
        for item, line in zip(value, value.item_lines):
            if isinstance(item, dict):
                result.append((item, line))
            else:
                self.problem(line, f"each entry under '{key}' must be 'field: value' lines")
        return result

    def words(self, entry: dict, key: str) -> list[str]:
        value = entry.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(word, str) and word.strip() for word in value):
            return [word.strip() for word in value]
        self.problem(entry.line_of(key), f"'{key}' must be a list of words, like [a, b]")
        return []

    def text(self, entry: dict, key: str, line: int) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(entry.line_of(key) if key in entry else line, f"the entry needs '{key}: ...' (text)")
            return ""
        return value.strip()

    def watch(self, entry: dict, line: int, allowed: set[str]) -> tuple[Watch, list[str]] | None:
        """The entry, and the words it lists (none for a pattern)."""
        kind = self.text(entry, "kind", line)
        why, instead = self.text(entry, "why", line), self.text(entry, "instead", line)
        if kind and kind not in KINDS:
            self.problem(entry.line_of("kind"), f"kind '{kind}' must be one of: {', '.join(KINDS)}")
            return None
        pattern, words = None, []
        if "pattern" in entry:
            source = self.text(entry, "pattern", line)
            try:
                pattern = re.compile(source) if source else None
            except re.error as error:
                self.problem(entry.line_of("pattern"), f"'pattern' is not a valid regular expression: {error}")
                return None
            if pattern is None:
                return None
        else:
            if "words" not in entry:
                self.problem(line, "the entry needs 'words: [...]' or 'pattern: ...'")
            words = [word for word in self.words(entry, "words") if word.lower() not in allowed]
            if not words:
                return None
        if not (kind and why and instead):
            return None
        return Watch(kind, why, instead, pattern), words

    def name(self, entry: dict, line: int) -> Name | None:
        use = self.text(entry, "use", line)
        variants = self.words(entry, "not")
        if "not" not in entry:
            self.problem(line, "a name needs 'not: [...]', the spellings to flag")
        if not use or not variants:
            return None
        spelled = "|".join(re.escape(variant) for variant in sorted(variants, key=len, reverse=True))
        return Name(use, re.compile(r"(?<![\w-])(?:" + spelled + r")(?![\w-])"))
