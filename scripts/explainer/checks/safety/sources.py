"""The rules for each kind of file under docs/: pages with their front matter, data files, SVG images."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from explainer.checks.safety.addresses import browser_scheme, url_findings
from explainer.checks.safety.allowlist import DANGEROUS_SCHEMES, EVENT_HANDLER, SAFE_SCHEMES
from explainer.checks.safety.files import read_text
from explainer.checks.safety.findings import Finding, Lines
from explainer.checks.safety.mdtext import masks, text_findings
from explainer.checks.safety.tags import scan_tags
from explainer.checks.safety.unicode import unicode_findings, unicode_problems, visible
from explainer.model import yamlfile
from explainer.model.diagnostics import Diagnostic
from explainer.model.records import Page


# Pages --------------------------------------------------------------------------

def check_page(page: Page, path: Path) -> Iterator[Diagnostic]:
    """Every rule on one page: its whole file for Unicode, its body for the rest, its front matter."""
    raw = read_text(path)
    if raw is not None:
        yield from unicode_problems(raw, page.display, allow_bom=True)
    lines = page.body
    code_text, html_text = masks(lines)
    places = Lines(html_text, page.body_line)
    for finding in text_findings(code_text, html_text):
        line, col = places.place(finding.offset)
        yield Diagnostic(page.display, line, col, finding.rule, finding.message)
    for key in ("template", "location"):
        if key in page.meta:
            yield Diagnostic(page.display, page.meta_line(key), 1, "front-matter-template",
                             f"'{key}:' in front matter lets a page pick the theme's redirect or another template, "
                             "which can send readers to another website; remove it (templates are set in mkdocs.yml)")
    if page.meta and raw is not None:
        raw_lines = raw.splitlines()
        for line, key, value in strings(page.meta, 1):
            for finding in value_findings(key, value, front_matter=True):
                at_line, col = locate(raw_lines, line, value, finding)
                yield Diagnostic(page.display, at_line, col, finding.rule, finding.message)


# Data files and front matter ----------------------------------------------------

def check_data_file(path: Path, display: str,
                    parsed: tuple[Any, list[Diagnostic]] | None = None) -> Iterator[Diagnostic]:
    """Every string of a data file (keys included), and the whole file for Unicode.

    ``parsed`` is the file's (value, YAML problems) when the project's loader
    has read it already (the data files it knows); other files are read here.
    """
    raw = read_text(path)
    value, problems = parsed if parsed is not None else yamlfile.load(path, display)
    yield from problems
    if raw is None:
        return
    yield from unicode_problems(raw, display, allow_bom=True)
    raw_lines = raw.splitlines()
    for line, key, text in strings(value, 1):
        for finding in value_findings(key, text):
            at_line, col = locate(raw_lines, line, text, finding)
            yield Diagnostic(display, at_line, col, finding.rule, finding.message)


def strings(value: Any, line: int, key: str | None = None) -> Iterator[tuple[int, str | None, str]]:
    """(line, key, text) for every string in a located YAML value, keys included."""
    if isinstance(value, dict):
        key_lines = getattr(value, "key_lines", {})
        for item_key, item in value.items():
            item_line = key_lines.get(item_key, getattr(value, "line", line))
            yield item_line, None, str(item_key)
            yield from strings(item, item_line, str(item_key))
    elif isinstance(value, list):
        item_lines = getattr(value, "item_lines", [])
        for index, item in enumerate(value):
            item_line = item_lines[index] if index < len(item_lines) else getattr(value, "line", line)
            yield from strings(item, item_line, key)
    elif isinstance(value, str):
        yield line, key, value


def value_findings(key: str | None, text: str, front_matter: bool = False) -> Iterator[Finding]:
    """Problems in one string from a data file or front matter."""
    yield from unicode_findings(text)
    code_text, html_text = masks(text.split("\n"))
    yield from text_findings(code_text, html_text)
    if key and re.search(r"url|href|link|src", key, re.I):
        yield from url_findings(text.strip(), 0, "link")
    elif browser_scheme(text) in DANGEROUS_SCHEMES \
            and (browser_scheme(text) != "data" or not re.search(r"\s", text.strip())):
        yield from url_findings(text.strip(), 0, "link")  # a whole value that is a script address
    if front_matter:
        found = re.search(r'[<>"]', text)
        if found:
            yield Finding(found.start(), "front-matter-markup",
                          f"'{found.group(0)}' in front matter: the theme copies these values into the page "
                          "without escaping, so they can break out into HTML. Use “curly quotes” and write the "
                          "rest in the page body", found.group(0))


def locate(raw_lines: list[str], line: int, text: str, finding: Finding) -> tuple[int, int]:
    """Where a finding in a YAML string sits in the file: search near the entry's line."""
    snippet = finding.snippet or text[finding.offset:finding.offset + 12]
    if not snippet:
        return line, 1
    wanted = [snippet.lower()]
    if len(snippet) == 1:  # an invisible character may be written as a YAML escape
        code = ord(snippet)
        wanted += [f"\\u{code:04x}", f"\\U{code:08x}".lower(), f"\\x{code:02x}"]
    for number in range(max(line - 1, 0), min(line - 1 + 200, len(raw_lines))):
        lowered = raw_lines[number].lower()
        for form in wanted:
            col = lowered.find(form)
            if col >= 0:
                return number + 1, col + 1
    return line, 1


# Files a browser could run --------------------------------------------------------

def check_svg(path: Path, display: str) -> Iterator[Diagnostic]:
    """An SVG image is fine; an SVG that scripts, links out or embeds HTML is not."""
    raw = read_text(path)
    if raw is None:
        yield Diagnostic(display, 1, 1, "file-encoding",
                         "the SVG file is not valid UTF-8 text; export it again as plain SVG")
        return
    places = Lines(raw)
    for tag in scan_tags(raw, content=False):
        line, col = places.place(tag.offset)
        if tag.closing:
            continue
        if tag.name in {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}:
            yield Diagnostic(display, line, col, "svg-script",
                             f"this SVG contains <{visible(tag.raw_name)}>, which can run code when the image is "
                             "opened; export the drawing again without scripts or embedded HTML")
        for attr in tag.attrs:
            at_line, at_col = places.place(attr.offset)
            if EVENT_HANDLER.match(attr.name):
                yield Diagnostic(display, at_line, at_col, "html-event-handler",
                                 f"the SVG attribute '{visible(attr.name)}' runs code when the image is opened; "
                                 "remove it")
            elif attr.name in {"href", "xlink:href", "src"} and attr.value is not None:
                scheme = browser_scheme(attr.value)
                if scheme in DANGEROUS_SCHEMES - {"data"} or (scheme and scheme not in SAFE_SCHEMES | {"data"}):
                    yield Diagnostic(display, at_line, at_col, "url-dangerous-scheme",
                                     f"this SVG links to a '{visible(scheme)}:' address, which can run code; "
                                     "remove the link")
