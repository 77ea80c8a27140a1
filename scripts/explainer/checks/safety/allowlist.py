"""What a page may contain (and what the build adds to it): the allowed tags, attributes and link schemes."""
from __future__ import annotations

import re


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
EVENT_HANDLER = re.compile(r"on[a-z]")

# Attributes whose value is a URL (srcset and ping hold several).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite",
                  "longdesc", "data", "codebase", "lowsrc", "dynsrc", "manifest", "icon", "profile",
                  "usemap", "archive", "classid", "srcset", "ping"}

# Why some tags are refused, in words for the contributor.
TAG_REASONS = {
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
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "background", "lowsrc", "dynsrc", "data", "codebase"}

# What the build itself writes into a page's content, beyond ALLOWED_TAGS: Material's tag list,
# source-file facts and edit buttons (nav, aside, their svg icons), the timeline filter's buttons,
# and the drawings of render/mapdraw.py and maps.py (locator maps): shapes, text and <use> of
# their own symbols, never scripts, styles or animation (the timeline overview, render/strip.py,
# is plain HTML within ALLOWED_TAGS). Attribute names are the parser's: 'xlink' is xmlns:xlink,
# 'href' also xlink:href. The sanitizer judges built pages' content with both lists (sanitizer.py).
BUILD_TAGS: dict[str, set[str]] = {
    "nav": set(), "aside": set(), "button": {"type"},
    "svg": {"xmlns", "xlink", "viewBox", "width", "height", "focusable"}, "title": set(), "desc": set(),
    "defs": set(), "g": {"transform"}, "path": {"d"}, "circle": {"cx", "cy", "r"},
    "rect": {"x", "y", "width", "height"}, "polyline": {"points"}, "text": {"x", "y", "text-anchor"},
    "use": {"href", "x", "y", "transform"},
    "a": {"tabindex"},   # Zensical's skip-link target inside the article: <a id="__skip" tabindex="-1">
}
BUILD_GLOBAL_ATTRIBUTES = {"hidden"}
# Python-Markdown's tables align a column with exactly these style values on its th and td.
BUILD_CELL_STYLES = {"text-align: left;", "text-align: center;", "text-align: right;"}
