"""Load YAML safely, keeping the line of every mapping, key and list item.

Contributors edit the data files by hand, so every problem must point at a
line. PyYAML's composed nodes carry marks; this module turns them into plain
Python values that remember where they came from, and refuses what a data
file never needs and an attacker would use: aliases (billion laughs), deep
nesting, huge files, duplicate keys, bytes that are not UTF-8.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from explainer.model.diagnostics import Diagnostic

# Far above what an explainer's data needs (10,000 events fill about 2 MB), low
# enough that a file pasted by mistake is refused before it is parsed.
MAX_BYTES = 10_000_000
MAX_DEPTH = 32


class FileRules(NamedTuple):
    """The rule ids and the advice for one kind of file that cannot be read."""

    unreadable: str
    too_large: str
    encoding: str
    too_large_advice: str


PAGE_FILE = FileRules("page-unreadable", "page-too-large", "page-encoding", "split it into several pages")
# The loader reads one file per kind of data, so a data file cannot be split.
DATA_FILE = FileRules("yaml-unreadable", "yaml-too-large", "yaml-encoding",
                      "shorten long notes and summaries, or move entries the site no longer needs out of it")


class LocatedDict(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 1
    item_lines: list


def read_text(path: Path, display: str, max_bytes: int, rules: FileRules) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file, or say (with a line) why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Diagnostic(display, 1, 1, rules.unreadable, f"cannot read the file: {error.strerror}")]
    if len(data) > max_bytes:
        return None, [Diagnostic(display, 1, 1, rules.too_large,
                                 f"the file is {len(data):,} bytes; the limit is {max_bytes:,}: {rules.too_large_advice}")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Diagnostic(display, line, col, rules.encoding,
                                 "the file is not valid UTF-8; save it as UTF-8 in your editor")]


def parse(text: str, display: str, line_offset: int = 0) -> tuple[Any, list[Diagnostic]]:
    """Parse YAML text into located values; never raises for bad content."""
    node = _fast_compose(text)
    if node is None:
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            return None, [_syntax_problem(error, text, display, line_offset)]
        except yaml.YAMLError as error:
            return None, [Diagnostic(display, 1 + line_offset, 1, "yaml-syntax", f"this is not valid YAML: {error}")]
        except RecursionError:
            return None, [Diagnostic(display, 1 + line_offset, 1, "yaml-too-deep", "the YAML is nested too deeply")]
        if node is None:
            return None, []
    problems: list[Diagnostic] = []
    value = _Converter(display, line_offset, problems).convert(node, 0)
    return value, problems


# Speed: libyaml's C parser and composer, five times faster than PyYAML's own
# on a large data file. libyaml refuses nesting deeper than 1,000 levels, so the
# C composer cannot recurse without bound. Anything it refuses goes through the
# pure-Python loader above, whose messages the diagnostics are written for; so
# does what the two read differently: characters PyYAML's reader refuses, tabs,
# byte-order marks, explicit tags, and '?' in a plain scalar inside [...] or {...}.
_FastLoader = getattr(yaml, "CSafeLoader", None)   # None when PyYAML was built without libyaml
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


def _fast_compose(text: str) -> yaml.Node | None:
    """The composed document, or None when the pure-Python loader must decide (errors, empty text)."""
    if _FastLoader is None or "\t" in text or "\ufeff" in text or _NOT_PRINTABLE.search(text):
        return None
    try:
        node = yaml.compose(text, Loader=_FastLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    return node if node is not None and not _read_differently(node) else None


def _read_differently(root: yaml.Node) -> bool:
    """A node the two parsers may read differently: an explicit tag (``!x``), or
    a plain scalar with '?' inside [...] or {...} (libyaml reads it, PyYAML refuses it)."""
    stack = [(root, False)]
    seen: set[int] = set()
    while stack:
        node, in_flow = stack.pop()
        if id(node) in seen:
            return True   # an alias: the pure-Python path refuses it before it can expand
        seen.add(id(node))
        if not node.tag.startswith("tag:yaml.org,2002:"):
            return True
        if isinstance(node, yaml.ScalarNode):
            if in_flow and not node.style and "?" in node.value:   # plain: libyaml says "", PyYAML None
                return True
            continue
        in_flow = in_flow or bool(node.flow_style)
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        stack.extend((child, in_flow) for child in children)
    return False


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, display: str, line_offset: int) -> Diagnostic:
    """Point at the line a person must fix: where an unclosed quote or bracket starts."""
    mark = error.problem_mark or error.context_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if at_end and error.context_mark is not None:
        mark = error.context_mark
    what = error.problem or "invalid YAML"
    if at_end and error.context and "quoted scalar" in error.context:
        what = "a quotation mark opened here is never closed"
    elif error.context:
        what = f"{error.context} (line {error.context_mark.line + 1 + line_offset}): {what}" if error.context_mark else f"{error.context}: {what}"
    line = (mark.line + 1 if mark else 1) + line_offset
    col = mark.column + 1 if mark else 1
    return Diagnostic(display, line, col, "yaml-syntax", f"this is not valid YAML: {what}")


def load(path: Path, display: str) -> tuple[Any, list[Diagnostic]]:
    """Read and parse one YAML data file."""
    text, problems = read_text(path, display, MAX_BYTES, DATA_FILE)
    if text is None:
        return None, problems
    return parse(text, display)


class _Converter:
    """Turns composed nodes into located Python values, reporting misuse."""

    def __init__(self, display: str, line_offset: int, problems: list[Diagnostic]):
        self.display = display
        self.offset = line_offset
        self.problems = problems
        self.scalars = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()

    def _problem(self, node: yaml.Node, rule: str, message: str) -> None:
        self.problems.append(Diagnostic(self.display, node.start_mark.line + 1 + self.offset,
                                        node.start_mark.column + 1, rule, message))

    def convert(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._problem(node, "yaml-too-deep", f"the YAML is nested more than {MAX_DEPTH} levels deep")
            return None
        if id(node) in self.seen:
            # A node reached twice is an alias: refuse instead of expanding it.
            self._problem(node, "yaml-alias", "YAML anchors and aliases (&name, *name) are not allowed in data files; write the value out")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            result = LocatedList(self.convert(item, depth + 1) for item in node.value)
            result.line = node.start_mark.line + 1 + self.offset
            result.item_lines = [item.start_mark.line + 1 + self.offset for item in node.value]
            return result
        try:
            return self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError):
            # e.g. 2025-02-30 looks like a date but is not one: keep the text,
            # and let the field's own rule say what is wrong with it.
            return node.value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> LocatedDict:
        result = LocatedDict()
        result.line = node.start_mark.line + 1 + self.offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "yaml-alias", "YAML merge keys (<<) are not allowed in data files")
                continue
            key = self.convert(key_node, depth + 1)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                self._problem(key_node, "yaml-key", "a key must be a plain word")
                continue
            key = str(key)
            if key in result:
                self._problem(key_node, "yaml-duplicate-key", f"the key '{key}' appears twice in this entry")
            result[key] = self.convert(value_node, depth + 1)
            result.key_lines[key] = key_node.start_mark.line + 1 + self.offset
        return result
