"""Serve the theme's stylesheets without the rules that no built page can use.

Material's two stylesheets style every feature it has (admonition types,
tabs, code, blog, versions, twenty palettes...), this site uses a few, and
every page waits for both before it shows text: 25 KB of its ~70 KB (issue
17). After the build, each rule of the theme's minified stylesheets
(``assets/stylesheets/*.min.css``: Material's layout; Zensical's sit in
subfolders and are left as they are, for now) is kept if one of its
selectors could match; the site's own sheets beside them lose only their
comments and spaces. A selector could match if every element type, class,
id and attribute (with its exact value) it requires outside ``:not()`` is a
word in a tag of a built page or of the search index, or a word of the
pages' scripts or the theme's JavaScript, which names the classes it adds
while the page runs (``md-search-result__more``...) or the prefix it builds
one from (``md-tag--${name}``), unless it is a class the script adds only
inside a code block or a tab set and no page has one (``MOUNTED_ON``). The
text direction and the palette's colours (``[dir=rtl]``,
``[data-md-color-primary=red]``) are the exception: scripts
read them or copy them from the page's own tags, never make them up, so
only the values written in a tag count. Custom properties that no kept rule
reads are dropped with them.

It keeps too much rather than too little, as PurgeCSS does (a word anywhere in
the JavaScript keeps a rule). tests/test_trim_css.py checks that every element
of every page, and what the JavaScript opens (search results, a footnote's
tooltip, the dark palette, print), computes the same style with the trimmed
files as with Material's.
"""
from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from tinycss2.ast import LiteralToken

WORD = re.compile(r"-{0,2}[A-Za-z_][\w-]*")
TAG = re.compile(r"<[A-Za-z][^>]*>")
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
BUILT_PREFIX = re.compile(r"([A-Za-z_][\w-]*)\$\{")      # `md-tag--${name}`: every class starting so
VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
IMPLIED = {"html", "head", "body", "tbody"}                 # elements a browser adds to any page's tree
ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}   # one argument must be possible
NESTED = {"media", "supports", "container", "layer"}        # at-rules holding rules
# Attributes whose values come from the pages' tags only: Material's script reads the text direction
# and copies the palette's colours from the palette's inputs (as does overrides/partials/javascripts/
# palette.html), so a script's "rtl" or "red" is not a value any element can get.
FROM_TAGS_ONLY = {"dir", "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"}
# What Material's script builds only inside a construct a page already has: a script's word matching
# a pattern counts only if a page's tags hold one of its triggers. Content tabs' labels and controls
# need a tab set; code blocks' copy button, line selection and annotations (and `pre` itself, which
# no script creates) need a code block or an annotated list. Tooltips, search results, the dialog
# and the rest can appear on any page and are not gated.
MOUNTED_ON = [
    (re.compile(r"tabbed-"), {"tabbed-set"}),
    (re.compile(r"md-code__|md-clipboard|md-annotation|_annotation_|__code_|__codelineno-|(?:pre|hll|filename)$"),
     {"pre", "highlight", "annotate"}),
]
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


class Vocabulary:
    """The words a selector may require: from the tags of the built pages, and from the scripts."""

    def __init__(self, pages: list[str], scripts: list[str]):
        self.words: set[str] = set(IMPLIED)
        self.prefixes: set[str] = set()
        scripted: set[str] = set()   # the scripts' words, before MOUNTED_ON
        built: set[str] = set()      # the prefixes they build classes from, before MOUNTED_ON
        self.tag_values: dict[str, set[str]] = {name: set() for name in FROM_TAGS_ONLY}
        inline = []
        for page in pages:   # the tags and the scripts of a page; its text names no class
            for tag in TAG.findall(page):
                self.words.update(WORD.findall(tag))
                lowered = tag.lower()
                if "dir" in lowered or "data-md-color" in lowered:   # the few tags that may hold one
                    for name, *value in ATTRIBUTE.findall(tag):
                        if name.lower() in self.tag_values:
                            self.tag_values[name.lower()].update(WORD.findall("".join(value)))
            inline += SCRIPT.findall(page)
        for script in scripts + inline:
            scripted.update(WORD.findall(script))
            built.update(BUILT_PREFIX.findall(script))
        absent = [pattern for pattern, triggers in MOUNTED_ON if not triggers & self.words]   # tags' words only yet
        def mountable(word: str) -> bool:
            return not any(pattern.match(word) for pattern in absent)
        self.words.update(filter(mountable, scripted))
        self.prefixes.update(filter(mountable, built))

    def has(self, name: str) -> bool:
        return name in self.words or any(name.startswith(prefix) for prefix in self.prefixes)


def trim_site(site: Path, theme_dirs: list[Path] = ()) -> dict[Path, tuple[int, int]]:
    """Trim the theme's stylesheets of a built site in place: the sizes before and after, by file.

    Each is trimmed from the theme's own copy when ``theme_dirs`` has it: a build that does not copy
    unchanged files again (``mkdocs serve --dirty``) would otherwise trim an already trimmed file,
    and a rule that a page needs only now would stay lost."""
    folder = site / "assets" / "stylesheets"
    sheets = sorted(folder.glob("*.min.css"))
    others = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.css") if path not in sheets}
    before = {sheet: _original(sheet, theme_dirs).read_text(encoding="utf-8") for sheet in sheets}
    after = {}
    if sheets:
        pages = [path.read_text(encoding="utf-8", errors="replace")
                 for pattern in ("*.html", "search/search_index.json") for path in site.rglob(pattern)]
        scripts = [path.read_text(encoding="utf-8", errors="replace")
                   for path in (site / "assets" / "javascripts").rglob("*.js")]
        after = trim(before, Vocabulary(pages, scripts), list(others.values()))
    for own in sorted(set(folder.glob("*.css")) - set(sheets)):   # the site's own, under any builder
        before[own] = others[own]
        after[own] = minify(others[own])
    for sheet, css in after.items():
        sheet.write_text(css, encoding="utf-8")
    return {sheet: (len(before[sheet]), len(after[sheet])) for sheet in after}


def minify(css: str) -> str:
    """A stylesheet without its comments and spaces, every rule kept: the site's own, as served."""
    rules = _kept(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), None)
    return "".join(_serialize(rule, None) for rule in rules)


def _original(sheet: Path, theme_dirs) -> Path:
    for folder in theme_dirs:
        candidate = Path(folder) / "assets" / "stylesheets" / sheet.name
        if candidate.is_file():
            return candidate
    return sheet


def trim(sheets: dict, vocabulary: Vocabulary, others: list[str] = ()) -> dict:
    """Each stylesheet without the rules that nothing can use, and without the custom properties
    that no kept rule of any of them, no other stylesheet (``others``) and no script reads."""
    kept = {name: _kept(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), vocabulary)
            for name, css in sheets.items()}
    used = _variables_used([rule for rules in kept.values() for rule in rules], vocabulary,
                           {name for css in others for name in VARIABLE_USE.findall(css)})
    return {name: "".join(_serialize(rule, used) for rule in rules) for name, rules in kept.items()}


def _kept(rules: list, vocabulary: Vocabulary) -> list:
    """The rules with a possible selector (the others' selectors dropped), and the at-rules holding any."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [selector for selector in _split(rule.prelude)
                         if vocabulary is None or _possible(selector, vocabulary)]
            if selectors:
                rule.prelude = _join(selectors)
                rule.content = [item for item in tinycss2.parse_blocks_contents(
                    rule.content, skip_comments=True, skip_whitespace=True) if item.type == "declaration"]
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED and rule.content is not None:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), vocabulary)
            if inner:
                rule.content = inner
                kept.append(rule)
        elif rule.type == "at-rule":
            kept.append(rule)   # @font-face, @keyframes, @page, @import: as they are
    return kept


def _split(tokens: list) -> list[list]:
    """A selector list's selectors, split at its top-level commas, without surrounding whitespace."""
    selectors: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [selector for selector in map(_stripped, selectors) if selector]


def _stripped(tokens: list) -> list:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type == "whitespace":
        start += 1
    while end > start and tokens[end - 1].type == "whitespace":
        end -= 1
    return tokens[start:end]


def _join(selectors: list[list]) -> list:
    joined: list = []
    for selector in selectors:
        if joined:
            joined.append(LiteralToken(0, 0, ","))
        joined.extend(selector)
    return joined


def _possible(tokens: list, vocabulary: Vocabulary) -> bool:
    """Whether every element type, class, id and attribute the selector requires could be present."""
    previous = None
    for token in tokens:
        after = previous.value if previous is not None and previous.type == "literal" else None
        if token.type == "ident" and after != ":":   # after ":" a pseudo-class or pseudo-element
            if not vocabulary.has(token.value if after == "." else token.lower_value):
                return False
        elif token.type == "hash" and not vocabulary.has(token.value):
            return False
        elif token.type == "[] block" and not _attribute_possible(token.content, vocabulary):
            return False
        elif token.type == "function" and token.lower_name in ANY_OF:
            if not any(_possible(option, vocabulary) for option in _split(token.arguments)):
                return False
        # Other functions (:not(), :nth-child()...) only narrow what the rest of the selector matches.
        if token.type != "whitespace":
            previous = token
    return True


def _attribute_possible(content: list, vocabulary: Vocabulary) -> bool:
    """``[name]`` needs the name; ``[name=value]`` (and ``~=``, ``|=``) the value's words too."""
    parts = [part for part in content if part.type != "whitespace"]
    if not parts or parts[0].type != "ident":
        return True
    if not vocabulary.has(parts[0].value):
        return False
    exact = len(parts) >= 3 and parts[1].type == "literal" and parts[1].value in ("=", "~=", "|=")
    if exact and parts[2].type in ("ident", "string"):
        words = WORD.findall(parts[2].value)
        if parts[0].lower_value in FROM_TAGS_ONLY:
            return set(words) <= vocabulary.tag_values[parts[0].lower_value]
        return all(vocabulary.has(word) for word in words)
    return True


def _variables_used(rules: list, vocabulary: Vocabulary, read: set[str]) -> set[str]:
    """Custom properties read by a kept declaration, directly or through others, or named by a script."""
    defines: dict[str, set[str]] = {}
    read = set(read)
    for rule in _qualified(rules):
        for declaration in rule.content:
            uses = set(VARIABLE_USE.findall(tinycss2.serialize(declaration.value)))
            if declaration.name.startswith("--"):
                defines.setdefault(declaration.name, set()).update(uses)
            else:
                read |= uses
    used: set[str] = set()
    pending = list(read | {name for name in defines if name in vocabulary.words})
    while pending:
        name = pending.pop()
        if name not in used:
            used.add(name)
            pending.extend(defines.get(name, ()))
    return used


def _qualified(rules: list):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED and rule.content is not None:
            yield from _qualified(rule.content)


def _serialize(rule, used: set[str] | None) -> str:
    """A kept rule, written compactly; ``used`` None keeps every custom property."""
    if rule.type == "at-rule" and rule.lower_at_keyword in NESTED and rule.content is not None:
        inner = "".join(_serialize(child, used) for child in rule.content)
        return f"@{rule.at_keyword} {_compact(rule.prelude)}{{{inner}}}" if inner else ""
    if rule.type == "at-rule":
        return rule.serialize()
    declarations = [f"{d.name}:{_compact(d.value)}{'!important' if d.important else ''}"
                    for d in rule.content if used is None or not d.name.startswith("--") or d.name in used]
    return f"{_compact(rule.prelude)}{{{';'.join(declarations)}}}" if declarations else ""


def _compact(tokens: list) -> str:
    """Tokens written out with each run of whitespace as one space, none at either end."""
    return tinycss2.serialize([LiteralToken(0, 0, " ") if token.type == "whitespace" else token
                               for token in _stripped(tokens)])
