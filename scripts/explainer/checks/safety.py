"""Safety: nothing a pull request adds may run code in readers' browsers or mislead them.

Pages (every line, HTML blocks included; code excepted), their front matter
and every string in the data files are held to the same rules:

- raw HTML only from a short allow-list of harmless tags and attributes
  (``ALLOWED_TAGS``, ``GLOBAL_ATTRIBUTES`` below), never an event handler
  (``onclick=``), ``srcdoc``, ``style`` or a reserved ``__`` id;
- links only to ``https:``/``http:``/``mailto:``/``tel:`` or within the site,
  however the scheme is disguised (``JaVaScRiPt:``, ``&#106;avascript:``, tabs);
- no template syntax (``{{``, ``{%``, ``{# #}``) that a macro plugin could run;
- no invisible or text-reversing Unicode characters;
- no look-alike (mixed-script, punycode) web addresses, no ``user@`` addresses;
- no files under docs/ that a browser would run (HTML, scripts, style sheets,
  SVG with scripts) and no symbolic links.

The built site (``check.py safety --site DIR``, or ``site/`` when it exists)
gets the rules that matter in HTML the theme wrote: no event handlers or
``javascript:`` links, scripts only from the site's own files or hashed in its
Content-Security-Policy, every page carrying that policy.
"""
from __future__ import annotations

import base64
import bisect
import hashlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple
from urllib.parse import unquote

from explainer.model import yamlfile
from explainer.model.loader import display_path, read_page
from explainer.model.records import Page
from explainer.model.diagnostics import Diagnostic
from explainer.model.mdsource import prose_lines
from explainer.model.project import Project

# Allow-lists ---------------------------------------------------------------

# Tags a page may use, each with the attributes it may carry beyond the global ones.
ALLOWED_TAGS: dict[str, set[str]] = {
    "a": {"href", "hreflang", "rel"},
    "abbr": set(), "b": set(), "bdi": set(), "blockquote": {"cite"}, "br": set(), "caption": set(),
    "cite": set(), "code": set(), "col": {"span"}, "colgroup": {"span"}, "dd": set(),
    "del": {"cite", "datetime"}, "details": {"open"}, "dfn": set(), "div": set(), "dl": set(),
    "dt": set(), "em": set(), "figcaption": set(), "figure": set(),
    "h1": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(), "hr": set(),
    "i": set(), "img": {"src", "alt", "width", "height", "loading"}, "ins": {"cite", "datetime"},
    "kbd": set(), "li": {"value"}, "mark": set(), "ol": {"start", "reversed", "type"}, "p": set(),
    "pre": set(), "q": {"cite"}, "s": set(), "samp": set(), "section": set(), "small": set(),
    "span": set(), "strong": set(), "sub": set(), "summary": set(), "sup": set(),
    "table": set(), "tbody": set(), "td": {"colspan", "rowspan"}, "tfoot": set(),
    "th": {"colspan", "rowspan", "scope"}, "thead": set(), "time": {"datetime"}, "tr": set(),
    "u": set(), "ul": set(), "var": set(), "wbr": set(),
}
GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "markdown", "role"}
GLOBAL_PREFIXES = ("data-", "aria-")

# Link schemes a page may use; anything else is reported.
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data", "livescript", "mocha", "jscript"}

# Event handler attributes: onclick, onerror, onload, ...
_EVENT_HANDLER = re.compile(r"on[a-z]")

# Attributes whose value is a URL (srcset and ping hold several).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite",
                  "longdesc", "data", "codebase", "lowsrc", "dynsrc", "manifest", "icon", "profile",
                  "usemap", "archive", "classid", "srcset", "ping"}

# Why some tags are refused, in words for the contributor.
_TAG_REASONS = {
    "script": "it runs code in readers' browsers",
    "iframe": "it embeds another website inside the page",
    "frame": "it embeds another website inside the page",
    "frameset": "it embeds other websites inside the page",
    "portal": "it embeds another website inside the page",
    "object": "it embeds a plugin or another website",
    "embed": "it embeds a plugin or another website",
    "applet": "it embeds a plugin",
    "form": "a form can send what readers type to another website",
    "input": "form fields can collect what readers type",
    "button": "buttons belong to the site's templates, not to pages",
    "textarea": "form fields can collect what readers type",
    "select": "form fields can collect what readers type",
    "style": "it restyles the whole site and can load content from elsewhere",
    "link": "it loads style sheets or other files into the page",
    "meta": "<meta http-equiv> can redirect readers or change the site's security settings",
    "base": "it changes where every link on the page goes",
    "svg": "inline SVG can carry scripts; add the drawing as an image file instead",
    "math": "it can carry scripts and links the checks cannot see",
    "template": "it hides markup the checks cannot see",
    "noscript": "it hides markup the checks cannot see",
    "xmp": "it hides markup the checks cannot see",
    "plaintext": "it swallows the rest of the page",
    "noembed": "it hides markup the checks cannot see",
}

# Attributes whose value is a URL the browser loads without a click.
_LOADING_ATTRIBUTES = {"src", "srcset", "poster", "background", "lowsrc", "dynsrc", "data", "codebase"}

# Unicode characters readers cannot see. Bidirectional controls change the
# order in which text is displayed, so a reviewer and a reader see different things.
_BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}
_HIDDEN = {0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x180E, 0x034F,
           0x115F, 0x1160, 0x3164, 0xFFA0, 0x00AD}
_JOINERS = {0x200C, 0x200D}  # needed inside Persian, Indic and emoji text: allowed between two non-ASCII characters

# Letters of other alphabets that look like Latin ones (a small, common subset
# of Unicode's confusables list): a web address made only of these, or mixing
# them with Latin letters, imitates another site.
_LATIN_LOOKALIKES = set(
    "аеорсухіјѕԁһӏԛԝвкмнтгь"           # Cyrillic
    "αεικνορτυχ"                        # Greek
    "ıɑɡȷɩʀʏǀǃꞁⅰⅼⅽⅾⅿ"                   # Latin and number forms that pass for ASCII
)

MAX_PER_FILE = 50          # problems reported per file before summarising
_MAX_VALUE = 20_000        # how far an unclosed attribute value is followed
_DATA_SUFFIXES = (".yml", ".yaml")
_DENIED_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".cjs", ".css", ".xml",
                    ".xsl", ".xslt", ".swf", ".wasm", ".svgz", ".php", ".jsp", ".asp", ".aspx", ".hta"}


# The check -------------------------------------------------------------------

def check(project: Project) -> Iterator[Diagnostic]:
    """Every safety problem in the pages, data and files under docs/, and in the built site if any."""
    yield from check_sources(project)
    yield from check_built(project)


def check_sources(project: Project) -> Iterator[Diagnostic]:
    """The pages, data and other files under docs/."""
    yield from project.page_problems
    docs = project.docs_dir
    seen_pages = set()
    for page in project.pages.values():
        seen_pages.add(page.path)
        yield from _capped(page.display, _check_page(page, docs / page.path))
    for path, display in _files(docs, "docs"):
        relative = path.relative_to(docs).as_posix()
        if path.is_symlink():
            yield Diagnostic(display, 1, 1, "file-symlink",
                             "symbolic links are not allowed under docs/: they can publish files from outside the "
                             "repository. Replace the link with a copy of the file")
            continue
        suffix = path.suffix.lower()
        if suffix == ".md" and relative not in seen_pages:
            # Snippets (docs/includes/) and anything the page loader skips.
            page, problems = read_page(path, relative, display)
            yield from problems
            if page is not None:
                yield from _capped(display, _check_page(page, path))
        elif suffix in _DATA_SUFFIXES:
            yield from _capped(display, _check_data_file(path, display))
        elif suffix in _DENIED_SUFFIXES:
            yield Diagnostic(display, 1, 1, "file-disallowed",
                             f"'{suffix}' files may not be added under docs/: a browser would run them as part of "
                             "the site. Pages are Markdown (.md), data is YAML (.yml), images are .png, .jpg, "
                             ".webp or .svg; theme code goes in overrides/ and is reviewed as code")
        elif suffix == ".svg":
            yield from _capped(display, _check_svg(path, display))


def check_built(project: Project) -> Iterator[Diagnostic]:
    """The built site (``--site DIR``, or site/ when it exists)."""
    site = Path(project.site or project.site_dir)
    if (site / "index.html").is_file():
        yield from check_site(site, display_path(site, project.root))


def _files(root: Path, display_root: str) -> Iterator[tuple[Path, str]]:
    """Every file under root (symbolic links included, not followed), in a stable order."""
    if not root.is_dir():
        return
    for directory, subdirs, names in os.walk(root):
        subdirs.sort()
        for name in [d for d in subdirs if (Path(directory) / d).is_symlink()] + sorted(names):
            path = Path(directory) / name
            yield path, f"{display_root}/{path.relative_to(root).as_posix()}"


def _capped(display: str, diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
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


def _visible(text: str, limit: int = 60) -> str:
    """Text from a file, safe to print in a message: invisible characters shown as [U+XXXX], long text cut."""
    shown = "".join(f"[U+{ord(ch):04X}]" if ord(ch) in _BIDI | _HIDDEN or unicodedata.category(ch) in {"Cc", "Cf"}
                    else ch for ch in text[:limit])
    return shown + ("…" if len(text) > limit else "")


# Findings: a problem at an offset in some text, placed in a file later --------

@dataclass(frozen=True)
class _Finding:
    offset: int
    rule: str
    message: str
    snippet: str = ""


class _Lines:
    """Turns offsets in a text into 1-based (line, column)."""

    def __init__(self, text: str, first_line: int = 1):
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.first = first_line

    def place(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first + index, offset - self.starts[index] + 1


# Pages --------------------------------------------------------------------------

def _check_page(page: Page, path: Path) -> Iterator[Diagnostic]:
    """Every rule on one page: its whole file for Unicode, its body for the rest, its front matter."""
    raw = _read(path)
    if raw is not None:
        yield from _unicode(raw, page.display, allow_bom=True)
    lines = page.body
    code_text, html_text = _masks(lines)
    places = _Lines(html_text, page.body_line)
    for finding in _text_findings(code_text, html_text):
        line, col = places.place(finding.offset)
        yield Diagnostic(page.display, line, col, finding.rule, finding.message)
    for key in ("template", "location"):
        if key in page.meta:
            yield Diagnostic(page.display, page.meta_line(key), 1, "front-matter-template",
                             f"'{key}:' in front matter lets a page pick the theme's redirect or another template, "
                             "which can send readers to another website; remove it (templates are set in mkdocs.yml)")
    if page.meta and raw is not None:
        raw_lines = raw.splitlines()
        for line, key, value in _strings(page.meta, 1):
            for finding in _value_findings(key, value, front_matter=True):
                at_line, col = _locate(raw_lines, line, value, finding)
                yield Diagnostic(page.display, at_line, col, finding.rule, finding.message)


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the page loader has already reported why


_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.S)
_BLOCK_START = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav",
    "ol", "p", "pre", "section", "table", "ul", "canvas", "colgroup", "dd", "body", "dt", "group", "html",
    "iframe", "li", "legend", "math", "map", "noscript", "output", "object", "option", "progress", "script",
    "style", "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center",
}


def _masks(lines: list[str]) -> tuple[str, str]:
    """The text with code blanked (for template syntax), and also comments blanked (for HTML).

    Blanking keeps every offset, so problems keep their line and column.
    Fenced code is code. Inline code (`...`) is code, except inside a raw
    HTML block, where Markdown leaves backticks alone and the browser sees
    whatever they surround.
    """
    prose = {number for number, _ in prose_lines(lines, 0)}
    raw_block = _raw_html_lines(lines, prose)
    masked = []
    for number, line in enumerate(lines):
        if number not in prose:
            masked.append(" " * len(line))
        elif number in raw_block:
            masked.append(line)
        else:
            masked.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    code_text = "\n".join(masked)
    html_text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), code_text)
    return code_text, html_text


def _raw_html_lines(lines: list[str], prose: set[int]) -> set[int]:
    """Lines inside raw HTML blocks (Python-Markdown passes them through untouched).

    A block starts with a block-level tag at the start of a line and lasts
    until that tag is closed (or the page ends). Blocks opened with a
    ``markdown`` attribute hold Markdown, so they do not count.
    """
    inside: set[int] = set()
    number = 0
    while number < len(lines):
        match = _BLOCK_START.match(lines[number]) if number in prose else None
        if not match or match.group(1).lower() not in _BLOCK_TAGS or re.search(r"\smarkdown\b", lines[number]):
            number += 1
            continue
        name = match.group(1).lower()
        if name == "hr":
            inside.add(number)
            number += 1
            continue
        opener = re.compile(rf"<{name}(?=[\s/>])", re.I)
        closer = re.compile(rf"</{name}\s*>", re.I)
        depth = 0
        while number < len(lines):
            inside.add(number)
            depth += len(opener.findall(lines[number])) - len(closer.findall(lines[number]))
            number += 1
            if depth <= 0:
                break
    return inside


# Data files and front matter ----------------------------------------------------

def _check_data_file(path: Path, display: str) -> Iterator[Diagnostic]:
    raw = _read(path)
    value, problems = yamlfile.load(path, display)
    yield from problems
    if raw is None:
        return
    yield from _unicode(raw, display, allow_bom=True)
    raw_lines = raw.splitlines()
    for line, key, text in _strings(value, 1):
        for finding in _value_findings(key, text):
            at_line, col = _locate(raw_lines, line, text, finding)
            yield Diagnostic(display, at_line, col, finding.rule, finding.message)


def _strings(value: Any, line: int, key: str | None = None) -> Iterator[tuple[int, str | None, str]]:
    """(line, key, text) for every string in a located YAML value, keys included."""
    if isinstance(value, dict):
        key_lines = getattr(value, "key_lines", {})
        for item_key, item in value.items():
            item_line = key_lines.get(item_key, getattr(value, "line", line))
            yield item_line, None, str(item_key)
            yield from _strings(item, item_line, str(item_key))
    elif isinstance(value, list):
        item_lines = getattr(value, "item_lines", [])
        for index, item in enumerate(value):
            item_line = item_lines[index] if index < len(item_lines) else getattr(value, "line", line)
            yield from _strings(item, item_line, key)
    elif isinstance(value, str):
        yield line, key, value


def _value_findings(key: str | None, text: str, front_matter: bool = False) -> Iterator[_Finding]:
    """Problems in one string from a data file or front matter."""
    yield from _unicode_findings(text)
    code_text, html_text = _masks(text.split("\n"))
    yield from _text_findings(code_text, html_text)
    if key and re.search(r"url|href|link|src", key, re.I):
        yield from _url_findings(text.strip(), 0, "link")
    elif _scheme(text) in DANGEROUS_SCHEMES and (_scheme(text) != "data" or not re.search(r"\s", text.strip())):
        yield from _url_findings(text.strip(), 0, "link")  # a whole value that is a script address
    if front_matter:
        found = re.search(r'[<>"]', text)
        if found:
            yield _Finding(found.start(), "front-matter-markup",
                           f"'{found.group(0)}' in front matter: the theme copies these values into the page "
                           "without escaping, so they can break out into HTML. Use “curly quotes” and write the "
                           "rest in the page body", found.group(0))


def _locate(raw_lines: list[str], line: int, text: str, finding: _Finding) -> tuple[int, int]:
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

def _check_svg(path: Path, display: str) -> Iterator[Diagnostic]:
    """An SVG image is fine; an SVG that scripts, links out or embeds HTML is not."""
    raw = _read(path)
    if raw is None:
        yield Diagnostic(display, 1, 1, "file-encoding",
                         "the SVG file is not valid UTF-8 text; export it again as plain SVG")
        return
    places = _Lines(raw)
    for tag in _scan_tags(raw, content=False):
        line, col = places.place(tag.offset)
        if tag.closing:
            continue
        if tag.name in {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}:
            yield Diagnostic(display, line, col, "svg-script",
                             f"this SVG contains <{_visible(tag.raw_name)}>, which can run code when the image is "
                             "opened; export the drawing again without scripts or embedded HTML")
        for attr in tag.attrs:
            at_line, at_col = places.place(attr.offset)
            if _EVENT_HANDLER.match(attr.name):
                yield Diagnostic(display, at_line, at_col, "html-event-handler",
                                 f"the SVG attribute '{_visible(attr.name)}' runs code when the image is opened; "
                                 "remove it")
            elif attr.name in {"href", "xlink:href", "src"} and attr.value is not None:
                scheme = _scheme(attr.value)
                if scheme in DANGEROUS_SCHEMES - {"data"} or (scheme and scheme not in SAFE_SCHEMES | {"data"}):
                    yield Diagnostic(display, at_line, at_col, "url-dangerous-scheme",
                                     f"this SVG links to a '{_visible(scheme)}:' address, which can run code; "
                                     "remove the link")


# Text rules shared by pages, data and front matter ------------------------------------

_TEMPLATE = re.compile(r"\{\{|\{%|\{#")
_ATTR_LIST_ID = re.compile(r"\{#[A-Za-z][\w:.\-]*(?:[ \t]+[^}\n]*)?\}")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n]*=[^}\n]*)\}")
_ATTR_PAIR = re.compile(r"""([^\s=}]+)=("[^"\n]*"?|'[^'\n]*'?|[^\s}]+)""")
_LINK_OPEN = re.compile(r"\]\(")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\n?[ \t]*", re.M)  # not footnotes [^1]:
_BARE_URL = re.compile(r"(?:https?:)?//[^\s<>()\[\]\"'`]+", re.I)


def _text_findings(code_text: str, html_text: str) -> Iterator[_Finding]:
    """Every rule that reads Markdown text: HTML, links, attribute lists, templates, addresses."""
    yield from _template_findings(code_text)
    yield from _html_findings(html_text)
    yield from _markdown_link_findings(html_text)
    yield from _attr_list_findings(html_text)
    for match in _BARE_URL.finditer(html_text):
        if match.group(0).startswith("//") and match.start() and html_text[match.start() - 1] not in " \t\n":
            continue  # "a//b" is not an address
        yield from _host_findings(match.group(0), match.start())


def _template_findings(text: str) -> Iterator[_Finding]:
    for match in _TEMPLATE.finditer(text):
        if match.group(0) == "{#":
            attr_list = _ATTR_LIST_ID.match(text, match.start())
            if attr_list and not attr_list.group(0).endswith("#}"):
                continue  # {#anchor .class}: Markdown's attribute list, not a template comment
        yield _Finding(match.start(), "template-syntax",
                       f"'{match.group(0)}' is template syntax: text in pages and data must never reach the "
                       "site's templates. To show these characters, put them in backticks (`{{ }}`), or write "
                       "&#123; for '{'", match.group(0))


def _html_findings(text: str) -> Iterator[_Finding]:
    for tag in _scan_tags(text, content=True):
        if tag.closing:
            continue
        if tag.autolink is not None:
            yield from _url_findings(tag.autolink, tag.offset + 1, "link")
            continue
        yield from _tag_findings(tag, text)


def _tag_findings(tag: "_Tag", text: str) -> Iterator[_Finding]:
    """The allow-list and the attribute rules for one start tag in a page."""
    allowed = ALLOWED_TAGS.get(tag.name)
    if allowed is None:
        reason = _TAG_REASONS.get(tag.name, "it is not on the list of allowed tags at the top of "
                                            "scripts/explainer/checks/safety.py")
        if tag.name == "style":
            body = text[tag.end:tag.end + 5000].lower()
            if re.search(r"url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding", body.split("</style")[0]):
                reason = "its url()/expression()/@import rules load or run content from elsewhere"
        if tag.name == "meta" and any(attr.name == "http-equiv" for attr in tag.attrs):
            reason = _TAG_REASONS["meta"]
        yield _Finding(tag.offset, "html-disallowed-tag",
                       f"the HTML tag <{_visible(tag.raw_name)}> is not allowed in pages: {reason}. Remove it, or use "
                       "Markdown formatting instead; to show it as text, put it in backticks", f"<{tag.raw_name}")
    for attr in tag.attrs:
        yield from _attribute_findings(tag.name, attr, allowed)


def _attribute_findings(tag: str, attr: "_Attr", allowed: set[str] | None) -> Iterator[_Finding]:
    name = attr.name
    value = attr.value if attr.value is not None else ""
    if _EVENT_HANDLER.match(name):
        yield _Finding(attr.offset, "html-event-handler",
                       f"the attribute '{_visible(name)}' runs code in readers' browsers when something happens "
                       "on the page; remove it", attr.raw_name)
        return
    if name == "srcdoc":
        yield _Finding(attr.offset, "html-disallowed-attribute",
                       "the attribute 'srcdoc' embeds a whole web page that can run code; remove it", attr.raw_name)
        return
    if name == "style":
        why = ("its url()/expression() can load or run content from elsewhere"
               if re.search(r"url\s*\(|expression\s*\(|behavior|binding|@import|\\", html.unescape(value), re.I)
               else "pages may not restyle the site")
        yield _Finding(attr.offset, "html-disallowed-attribute",
                       f"the attribute 'style' is not allowed: {why}. Use a class from the site's style sheet "
                       "(overrides/assets/stylesheets/)", attr.raw_name)
        return
    if name in {"id", "name", "for", "form"} and html.unescape(value).strip().startswith("__"):
        yield _Finding(attr.offset, "html-disallowed-attribute",
                       f"'{name}' values starting with '__' are reserved for the theme's own elements; "
                       "a page using them can break search, the menu or the colour switch", attr.raw_name)
    if name in URL_ATTRIBUTES:
        for url in _urls(name, value):
            yield from _url_findings(url, attr.value_offset, "load" if name in _LOADING_ATTRIBUTES else "link")
    if allowed is not None and name not in GLOBAL_ATTRIBUTES | allowed and not name.startswith(GLOBAL_PREFIXES):
        yield _Finding(attr.offset, "html-disallowed-attribute",
                       f"the attribute '{_visible(attr.raw_name)}' is not allowed on <{tag}>; remove it (allowed "
                       f"everywhere: {', '.join(sorted(GLOBAL_ATTRIBUTES))}, data-*, aria-*)", attr.raw_name)


def _urls(attribute: str, value: str) -> list[str]:
    """The addresses in an attribute's value (srcset and ping hold several)."""
    if attribute in {"srcset", "ping"}:
        return [part.split()[0] for part in value.split(",") if part.strip()]
    return [value]


def _markdown_link_findings(text: str) -> Iterator[_Finding]:
    """Links and images written in Markdown: [text](url), ![alt](url), [id]: url."""
    for match in _LINK_OPEN.finditer(text):
        start = match.end()
        while start < len(text) and text[start] in " \t\n":
            start += 1
        url = _destination(text, start)
        yield from _url_findings(url, start, "load" if _is_image(text, match.start()) else "link")
    for match in _REFERENCE.finditer(text):
        start = match.end()
        url = _destination(text, start)
        if url:
            yield from _url_findings(url, start, "link")


def _is_image(text: str, close: int) -> bool:
    """Whether the ']' at ``close`` ends an image's alt text (![alt](...))."""
    depth = 0
    for index in range(close, max(close - 2000, -1), -1):
        if text[index] == "]":
            depth += 1
        elif text[index] == "[":
            depth -= 1
            if depth == 0:
                return index > 0 and text[index - 1] == "!"
    return False


def _destination(text: str, start: int) -> str:
    """A Markdown link destination: <...> or up to white space or an unbalanced ')'."""
    if text.startswith("<", start):
        end = text.find(">", start, start + 2000)
        return text[start + 1:end if end >= 0 else text.find("\n", start)]
    depth = 0
    end = start
    limit = min(len(text), start + 2000)
    while end < limit and not text[end].isspace():
        if text[end] == "(":
            depth += 1
        elif text[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return text[start:end]


def _attr_list_findings(text: str) -> Iterator[_Finding]:
    """Attribute lists ({: key="value" }) set HTML attributes too: same rules as raw HTML."""
    for match in _ATTR_LIST.finditer(text):
        for pair in _ATTR_PAIR.finditer(match.group(1)):
            value = pair.group(2)
            if value[:1] in "\"'":
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            offset = match.start(1) + pair.start()
            attr = _Attr(pair.group(1).lower(), pair.group(1), value, offset, match.start(1) + pair.start(2))
            yield from _attribute_findings("element", attr, None)


# URLs and web addresses --------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_PLAIN_URL = re.compile(r"[!-$'-~]*\Z")   # printable ASCII without spaces, '%' or '&'
_STRIPPED = "".join(chr(code) for code in sorted(_BIDI | _HIDDEN))


def _scheme(url: str) -> str | None:
    """The scheme a browser would see, however it is disguised (case, entities, %-escapes, tabs)."""
    if _PLAIN_URL.match(url):   # nothing to decode or strip: most addresses
        match = _SCHEME.match(url)
        return match.group(1).lower() if match else None
    text = url
    for _ in range(4):
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    text = "".join(ch for ch in text
                   if ord(ch) > 0x20 and ch not in _STRIPPED and not unicodedata.category(ch).startswith("Z"))
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def _url_findings(url: str, offset: int, use: str) -> Iterator[_Finding]:
    """Scheme and address rules for one URL; ``use`` is "link" or "load" (images and other embeds)."""
    scheme = _scheme(url)
    if scheme in DANGEROUS_SCHEMES:
        what = "shows content the checks cannot see" if scheme == "data" else "runs code when it is opened"
        yield _Finding(offset, "url-dangerous-scheme",
                       f"this address starts with '{_visible(scheme)}:', which {what}; links must start with "
                       "https:// or point to another page of this site", _snippet(url))
        return
    if scheme and scheme not in SAFE_SCHEMES:
        yield _Finding(offset, "url-scheme",
                       f"this address starts with '{_visible(scheme)}:'; links may only start with https://, "
                       "http://, mailto: or tel:, or point to another page of this site", _snippet(url))
        return
    if use == "load" and (scheme in {"http", "https"} or url.strip().startswith("//")):
        yield _Finding(offset, "html-external-resource",
                       "images and other embedded files must be stored in this repository (for example under "
                       "docs/assets/): the site's security policy blocks files from other websites, and loading "
                       "them would tell those sites who reads the page", _snippet(url))
    yield from _host_findings(url, offset)


def _snippet(url: str) -> str:
    return url.strip()[:12]


def _host_findings(url: str, offset: int) -> Iterator[_Finding]:
    """Look-alike, punycode and user@host web addresses."""
    text = html.unescape(url.strip())
    match = re.match(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//([^/?#\s]*)", text)
    if not match:
        return
    authority = match.group(1)
    snippet = url.strip()[:12]
    if "@" in authority:
        yield _Finding(offset, "url-userinfo",
                       f"this address hides its real destination: everything before '@' in '{_visible(authority)}' "
                       f"is ignored and the link goes to '{_visible(authority.rsplit('@', 1)[1])}'. Link to the "
                       "site directly", snippet)
        authority = authority.rsplit("@", 1)[1]
    host = re.sub(r":\d*$", "", authority).rstrip(".").lower()
    if not host or host.startswith("["):
        return
    problem = _host_problem(host)
    if problem:
        yield _Finding(offset, "url-homoglyph", problem, snippet)


def _host_problem(host: str) -> str | None:
    """Why a host name would deceive a reader, or None."""
    labels = host.split(".")
    readable = []
    for label in labels:
        if label.startswith("xn--"):
            try:
                readable.append(label.encode("ascii").decode("idna"))
            except (UnicodeError, ValueError):
                readable.append(label)
        else:
            readable.append(label)
    shown = _visible(".".join(readable))
    if any(ord(ch) in _BIDI | _HIDDEN for ch in host):
        return (f"the web address '{_visible(host)}' contains an invisible character, so it is not the address "
                "it appears to be; retype it")
    if any(label.startswith("xn--") for label in labels):
        return (f"the web address '{_visible(host)}' is written in punycode (xn--), which hides how it reads: "
                f"'{shown}'. Check that it is the site you mean and write the address in its readable form")
    if host.isascii():
        return None
    if unicodedata.normalize("NFKC", host) != host:
        return (f"the web address '{_visible(host)}' uses look-alike characters (it reads as "
                f"'{_visible(unicodedata.normalize('NFKC', host))}'); type the address with ordinary letters")
    tld_ascii = labels[-1].isascii()
    for label in labels:
        letters = [ch for ch in label if ch.isalpha()]
        scripts = {_script(ch) for ch in letters}
        others = scripts - {"LATIN"}
        mixed = bool(others) and "LATIN" in scripts
        several = len(others) > 1 and not others <= {"CJK", "HIRAGANA", "KATAKANA"}   # Japanese mixes three
        if mixed or several:
            return (f"the web address '{_visible(host)}' mixes letters from different alphabets in "
                    f"'{_visible(label)}'{_odd_letter(label)}, a common trick to imitate another site; check the "
                    "address and retype it")
        if letters and not label.isascii() and tld_ascii \
                and all(ch in _LATIN_LOOKALIKES or ch.isascii() for ch in letters):
            return (f"the web address '{_visible(host)}' is spelled with letters that only look like Latin ones "
                    f"in '{_visible(label)}'{_odd_letter(label)}, a common trick to imitate another site; check the "
                    "address and retype it")
    return None


def _odd_letter(label: str) -> str:
    """' (the 'а' is CYRILLIC SMALL LETTER A)': names the first letter that is not plain ASCII."""
    for ch in label:
        if not ch.isascii():
            return f" (the '{ch}' is {unicodedata.name(ch, 'an unusual character')})"
    return ""


def _script(ch: str) -> str:
    """The alphabet a letter belongs to, from its Unicode name."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "COMMON"
    first = name.split()[0]
    if first in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}:
        return first
    return first if first in {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC", "CHEROKEE",
                              "GEORGIAN", "DEVANAGARI", "THAI", "COPTIC"} else "OTHER"


# Unicode ----------------------------------------------------------------------------

_INVISIBLE = re.compile("[" + "".join(f"\\u{code:04x}" for code in sorted(_BIDI | _HIDDEN))
                        + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\U000e0000-\U000e007f]")


def _unicode_findings(text: str, allow_bom: bool = False) -> Iterator[_Finding]:
    """Invisible and direction-changing characters, once per line."""
    reported_lines = set()
    for match in _INVISIBLE.finditer(text):
        index, ch = match.start(), match.group(0)
        code = ord(ch)
        if code in _BIDI:
            rule = "unicode-bidi"
            what = ("changes the direction in which the text around it is displayed, so readers and reviewers "
                    "see different text")
        else:
            if code == 0xFEFF and index == 0 and allow_bom:
                continue
            if code in _JOINERS and _between_letters(text, index):
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
        yield _Finding(index, rule, f"the character U+{code:04X} ({name}) {what}; delete it (it sits at this "
                                    "line and column; in most editors, move there and press Delete)", ch)


def _between_letters(text: str, index: int) -> bool:
    """Whether a joiner sits between two non-ASCII characters, as in Persian words or emoji sequences."""
    if not 0 < index < len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return not (before.isascii() or after.isascii() or before.isspace() or after.isspace())


def _unicode(raw: str, display: str, allow_bom: bool) -> Iterator[Diagnostic]:
    places = _Lines(raw)
    for finding in _unicode_findings(raw, allow_bom):
        line, col = places.place(finding.offset)
        yield Diagnostic(display, line, col, finding.rule, finding.message)


# HTML scanning ------------------------------------------------------------------------

@dataclass
class _Attr:
    name: str               # lower-cased
    raw_name: str
    value: str | None       # as written: entities not decoded
    offset: int             # where the name starts
    value_offset: int


@dataclass
class _Tag:
    name: str               # lower-cased
    raw_name: str
    offset: int             # of "<"
    end: int                # just after ">" (or where scanning stopped)
    closing: bool
    attrs: list[_Attr] = field(default_factory=list)
    autolink: str | None = None   # <https://...> and <javascript:...> are addresses, not tags
    content: str = ""             # text of <script> and <style> (site and SVG mode)
    content_offset: int = 0

    def attr(self, name: str) -> str | None:
        for attr in self.attrs:
            if attr.name == name:
                return attr.value
        return None


_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][^\s/><\x00]*)")
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe", "plaintext"}


def _scan_tags(text: str, content: bool, position: int = 0) -> Iterator[_Tag]:
    """Start and end tags the way a browser would read them, tolerant of any input.

    In page text (``content=True``) scanning is deliberately suspicious: it
    restarts after every '<', so a tag hidden in another (``<scr<script>ipt>``)
    or in an attribute value is still seen, and an unclosed tag's attributes
    stop at a blank line. In built HTML (``content=False``) comments are
    skipped and the text of <script> and <style> is kept, not scanned.
    Scanning starts at ``position``.
    """
    length = len(text)
    while True:
        start = text.find("<", position)
        if start < 0:
            return
        if not content and text.startswith("<!--", start):
            close = _COMMENT.match(text, start)
            position = close.end() if close else length
            continue
        match = _TAG_OPEN.match(text, start)
        if not match:
            position = start + 1
            continue
        raw_name = match.group(2)
        closing = bool(match.group(1))
        if content and ":" in raw_name and not closing:
            end = text.find(">", match.end(), match.end() + 2000)
            rest = text[start + 1:end if end >= 0 else match.end()]
            if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<]*$", rest):
                yield _Tag(raw_name.lower(), raw_name, start, start + len(rest) + 2, False, autolink=rest)
                position = start + 1
                continue
        if content and "@" in raw_name:
            position = start + 1  # <name@example.org> is an e-mail address
            continue
        attrs, end = _attributes(text, match.end(), content)
        tag = _Tag(raw_name.lower(), raw_name, start, end, closing, attrs)
        if not content and not closing and tag.name in _RAW_TEXT:
            close = re.compile(rf"</{re.escape(tag.name)}[\s/>]", re.I).search(text, end)
            stop = close.start() if close else length
            tag.content, tag.content_offset = text[end:stop], end
            yield tag
            position = stop
            continue
        yield tag
        position = start + 1 if content else max(end, start + 1)


def _attributes(text: str, position: int, content: bool) -> tuple[list[_Attr], int]:
    attrs: list[_Attr] = []
    length = len(text)
    while position < length:
        while position < length and (text[position].isspace() or text[position] == "/"):
            if content and text[position] == "\n" and _blank_line_after(text, position):
                return attrs, position
            position += 1
        if position >= length:
            break
        if text[position] == ">":
            return attrs, position + 1
        if content and text[position] == "<":
            return attrs, position  # an unclosed tag; the scan restarts at this '<'
        start = position
        position += 1  # a name may start with '='
        while position < length and not text[position].isspace() and text[position] not in "/>=" \
                and not (content and text[position] == "<"):
            position += 1
        raw_name = text[start:position]
        value, value_offset = None, position
        probe = position
        while probe < length and text[probe] in " \t\r\n" \
                and not (content and text[probe] == "\n" and _blank_line_after(text, probe)):
            probe += 1
        if probe < length and text[probe] == "=":
            probe += 1
            while probe < length and text[probe] in " \t\r\n":
                probe += 1
            if probe < length and text[probe] in "\"'":
                quote = text[probe]
                limit = min(length, probe + 1 + _MAX_VALUE)
                close = text.find(quote, probe + 1, limit)
                if content:
                    blank = re.compile(r"\n[ \t]*\n").search(text, probe + 1, close if close >= 0 else limit)
                    if blank:
                        close = -1
                        limit = blank.start()
                value_offset = probe + 1
                value = text[probe + 1:close if close >= 0 else limit]
                position = close + 1 if close >= 0 else limit
            else:
                value_offset = probe
                while probe < length and not text[probe].isspace() and text[probe] != ">":
                    probe += 1
                value = text[value_offset:probe]
                position = probe
        attrs.append(_Attr(raw_name.lower(), raw_name, value, start, value_offset))
    return attrs, position


def _blank_line_after(text: str, newline: int) -> bool:
    probe = newline + 1
    while probe < len(text) and text[probe] in " \t\r":
        probe += 1
    return probe >= len(text) or text[probe] == "\n"


# The built site --------------------------------------------------------------------------

_NOT_EXECUTED = {"application/json", "application/ld+json"}
_META_ATTRIBUTES = {"name", "content", "http-equiv", "charset", "property", "media", "itemprop", "id", "lang",
                    "scheme"}
# CSS that loads or runs something; Material's own icons use data:image/ URIs.
_FOREIGN_CSS = re.compile(r"expression\s*\(|@import|behavior\s*:|-moz-binding|url\s*\((?!\s*['\"]?data:image/)", re.I)
_DATA_IMAGE = re.compile(r"\s*data:image/(png|gif|jpe?g|webp|avif)[;,]", re.I)
_SITE_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}


def check_site(site: Path, display_root: str) -> Iterator[Diagnostic]:
    """HTML the build wrote: the theme's markup is trusted, what runs code is not."""
    known: dict[str, _Seen | None] = {}   # every page repeats the theme's tags: judge each one once
    for path, display in _files(site, display_root):
        if path.suffix.lower() not in {".html", ".htm"} or path.is_symlink():
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            yield Diagnostic(display, 1, 1, "site-unreadable", f"cannot read the built page: {error.strerror}")
            continue
        yield from _capped(display, _check_built_page(site, path, display, text, known))


class _Seen(NamedTuple):
    """A tag of a built page as far as the checks need it once it has been judged.

    A tuple of strings and numbers (its findings are nearly always none), so
    that the cyclic GC stops scanning the many thousands of them a site has.
    """

    name: str
    closing: bool
    end: int                          # from its '<'
    findings: tuple[_Finding, ...]    # offsets from its '<'


# Tags read in full on every page: the page's policy, scripts and styles need more than the tag.
_READ_EVERY_TIME = _RAW_TEXT | {"meta"}


def _built_tags(text: str, known: dict[str, _Seen | None]) -> Iterator[tuple[int, _Seen, _Tag | None]]:
    """(offset of '<', what it is, the tag itself if it was read in place) for each tag of a built page.

    A tag's reading depends only on its own characters when it ends at the
    first '>' after its '<', so that text is the key into ``known``. Tags
    whose text runs on (<script>, <style>, a quoted '>') and <meta> are read
    in place every time.
    """
    position = 0
    while True:
        start = text.find("<", position)
        if start < 0:
            return
        if text.startswith("<!--", start):
            close = _COMMENT.match(text, start)
            position = close.end() if close else len(text)
            continue
        close = text.find(">", start)
        key = text[start:close + 1] if close >= 0 else ""
        if key in known:
            seen = known[key]
            if seen is None:    # not a tag: '<' in text
                position = start + 1
                continue
            yield start, seen, None
            position = start + seen.end
            continue
        tag = next(_scan_tags(text, content=False, position=start), None)
        if tag is None or tag.offset != start:
            if key:
                known[key] = None
            position = start + 1
            continue
        findings = tuple(_Finding(finding.offset - start, finding.rule, finding.message, finding.snippet)
                         for finding in _built_tag_findings(tag))
        seen = _Seen(tag.name, tag.closing, tag.end - start, findings)
        if key and tag.end == close + 1 and tag.name not in _READ_EVERY_TIME:
            known[key] = seen
            yield start, seen, None
        else:
            yield start, seen, tag
        position = tag.content_offset + len(tag.content) if tag.name in _RAW_TEXT and not tag.closing \
            else max(tag.end, start + 1)


def _built_tag_findings(tag: _Tag) -> Iterator[_Finding]:
    """The rules a tag of the built page breaks on its own (scripts and styles need the page: see below)."""
    if tag.closing:
        return
    if tag.name in _SITE_EMBEDS:
        reason = _TAG_REASONS.get(tag.name, "it embeds other content")
        yield _Finding(tag.offset, "html-disallowed-tag", f"the built page contains <{_visible(tag.raw_name)}>: {reason}")
    if tag.name == "meta":
        equiv = tag.attr("http-equiv")
        if equiv is not None and html.unescape(equiv).strip().lower() != "content-security-policy":
            yield _Finding(tag.offset, "html-disallowed-tag",
                           f"the built page contains <meta http-equiv=\"{_visible(equiv)}\">: {_TAG_REASONS['meta']}")
        broken = [attr for attr in tag.attrs if attr.name not in _META_ATTRIBUTES]
        if broken:
            yield _Finding(broken[0].offset, "html-attribute-breakout",
                           "a straight double quote (\") in this <meta> tag's text ends the attribute early, "
                           "so the rest of the text becomes HTML; it usually comes from a 'description' in "
                           "a page's front matter or in mkdocs.yml. Use curly quotes (“ ”) there")
    if tag.name == "link" and any(word in (tag.attr("rel") or "").lower().split()
                                  for word in ("stylesheet", "preload", "modulepreload", "import", "preconnect",
                                               "dns-prefetch", "prefetch", "manifest", "icon")):
        yield from _site_resource(tag.attr("href") or "", tag.offset, "this <link> loads")
    if tag.name in {"img", "source", "video", "audio", "track", "input"}:
        for name in ("src", "srcset", "poster"):
            if tag.attr(name):
                yield from _site_resource(tag.attr(name), tag.offset, f"this <{tag.name}> loads")
    if tag.name == "form":
        action = tag.attr("action")
        if action and (_scheme(action) or action.strip().startswith("//")):
            yield _Finding(tag.offset, "site-external-resource",
                           f"this form sends what readers type to '{_visible(action)}'; forms may only "
                           "submit to the site itself")
    for attr in tag.attrs:
        if _EVENT_HANDLER.match(attr.name):
            yield _Finding(attr.offset, "html-event-handler",
                           f"the built page has an inline event handler '{_visible(attr.name)}', which runs "
                           "code and which the site's security policy blocks; remove it from the page or template")
        elif attr.name == "srcdoc":
            yield _Finding(attr.offset, "html-disallowed-attribute",
                           "the built page has a 'srcdoc' attribute, which embeds a whole web page")
        elif attr.name in URL_ATTRIBUTES and attr.value:
            for value in _urls(attr.name, attr.value):
                scheme = _scheme(value)
                image = attr.name in {"src", "srcset"} and _DATA_IMAGE.match(html.unescape(value))
                if scheme in DANGEROUS_SCHEMES and not (scheme == "data" and image):
                    yield _Finding(attr.offset, "url-dangerous-scheme",
                                   f"the built page has a '{_visible(scheme)}:' address in "
                                   f"'{_visible(attr.name)}', which can run code")
                for finding in _host_findings(value, 0):
                    yield _Finding(attr.offset, finding.rule, finding.message)


def _check_built_page(site: Path, path: Path, display: str, text: str,
                      known: dict[str, _Seen | None]) -> Iterator[Diagnostic]:
    places: _Lines | None = None   # made only when there is something to report

    def at(offset: int) -> tuple[int, int]:
        nonlocal places
        places = places or _Lines(text)
        return places.place(offset)

    tags = list(_built_tags(text, known))
    policy, policy_offset = _policy(tag for _, _, tag in tags if tag is not None)   # <meta> is read in place
    if policy is None and not re.search(r"<meta\s+http-equiv=[\"']?refresh", text, re.I):
        yield Diagnostic(display, 1, 1, "site-csp-missing",
                         "this built page has no Content-Security-Policy <meta> tag; it comes from "
                         "overrides/main.html, so check that the page uses the site's theme")
    hashes = {token.strip("'") for token in (policy or {}).get("script-src", []) if token.startswith("'sha256-")}
    head_end = next((start for start, seen, _ in tags if seen.name == "body" and not seen.closing), len(text))
    for start, seen, tag in tags:
        for finding in seen.findings:
            line, col = at(start + finding.offset)
            yield Diagnostic(display, line, col, finding.rule, finding.message)
        if tag is None or tag.closing:
            continue
        if tag.name == "script":
            before_policy = start < (policy_offset if policy_offset is not None else -1) < head_end
            for finding in _site_script(site, path, tag, hashes, before_policy):
                line, col = at(finding.offset)
                yield Diagnostic(display, line, col, finding.rule, finding.message)
        if tag.name == "style" and _FOREIGN_CSS.search(tag.content):
            line, col = at(start)
            yield Diagnostic(display, line, col, "site-external-resource",
                             "a <style> element in the built page loads or runs content from elsewhere (url(), "
                             "@import or expression())")
    for finding in _unicode_findings(text, allow_bom=True):
        line, col = at(finding.offset)
        yield Diagnostic(display, line, col, finding.rule, finding.message)


def _site_script(site: Path, path: Path, tag: _Tag, hashes: set[str], before_policy: bool) -> Iterator[_Finding]:
    """A script must be one of the site's own files, or inline and hashed in the page's policy."""
    kind = html.unescape(tag.attr("type") or "").strip().lower()
    source = tag.attr("src")
    if source is not None:
        source = html.unescape(source).strip()
        if _scheme(source) or source.startswith(("//", "\\")) or not _own_file(site, path, source):
            yield _Finding(tag.offset, "site-script-source",
                           f"the built page loads the script '{_visible(source)}', which is not one of the "
                           "site's own files; scripts may only come from the site's assets")
        return
    if kind in _NOT_EXECUTED or before_policy:
        return  # data, not code; or the theme's first script, which runs before the policy exists
    digest = _sha256(tag.content)
    if digest not in hashes:
        yield _Finding(tag.offset, "site-inline-script",
                       f"the built page has an inline script whose hash ({digest}) is not in its "
                       "Content-Security-Policy, so browsers block it; scripts belong in the site's assets")


def _own_file(site: Path, page: Path, source: str) -> bool:
    """Whether a script address names a file of the built site.

    Relative addresses resolve from the page; absolute ones ("/assets/...",
    "/repo/assets/..." on 404 pages, where the site's address prefix is
    unknown) from the site's root, with leading folders dropped one by one.
    """
    target = source.split("?")[0].split("#")[0]
    root = site.resolve()
    if not target.startswith("/"):
        candidates = [(page.parent / target).resolve()]
    else:
        parts = [part for part in target.split("/") if part]
        candidates = [root.joinpath(*parts[index:]).resolve() for index in range(len(parts))]
    return any(candidate.is_relative_to(root) and candidate.is_file() for candidate in candidates)


def _site_resource(url: str, offset: int, what: str) -> Iterator[_Finding]:
    value = html.unescape(url).strip()
    scheme = _scheme(value)
    if value.startswith("//") or scheme in {"http", "https"}:
        yield _Finding(offset, "site-external-resource",
                       f"{what} '{_visible(value)}' from another website; the site makes no third-party requests")


def _policy(tags: Iterable[_Tag]) -> tuple[dict[str, list[str]] | None, int | None]:
    """The page's Content-Security-Policy from its <meta> tag, as directive -> sources, and where it is."""
    for tag in tags:
        if tag.name == "meta" and not tag.closing \
                and html.unescape(tag.attr("http-equiv") or "").strip().lower() == "content-security-policy":
            directives: dict[str, list[str]] = {}
            for part in html.unescape(tag.attr("content") or "").split(";"):
                words = part.split()
                if words:
                    directives.setdefault(words[0].lower(), words[1:])
            return directives, tag.offset
    return None, None


def content_security_policy(page_html: str) -> dict[str, list[str]] | None:
    """The Content-Security-Policy of a built page (tests and other checks use it)."""
    return _policy(_scan_tags(page_html, content=False))[0]


def inline_script_hashes(page_html: str) -> list[str]:
    """'sha256-...' of each executable inline script after the policy tag, in page order."""
    tags = list(_scan_tags(page_html, content=False))
    _, policy_offset = _policy(tags)
    result = []
    for tag in tags:
        if tag.name != "script" or tag.closing or tag.attr("src") is not None:
            continue
        if html.unescape(tag.attr("type") or "").strip().lower() in _NOT_EXECUTED:
            continue
        if policy_offset is not None and tag.offset < policy_offset:
            continue
        result.append(_sha256(tag.content))
    return result


def _sha256(script: str) -> str:
    """A script's hash as a Content-Security-Policy source ('sha256-...', without the quotes)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
