"""What every layer needs to know about an address: one module, shared by the build and the checks."""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
_WEB_LINK = re.compile(r"^\s*(?:https?:)?//", re.I)


def url_key(url: str) -> str:
    """A URL reduced to what makes two bibliography entries the same source."""
    url = url.strip()
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.").removesuffix(":443")
    return f"{host}{slash}{path}".rstrip("/").split("#")[0]


def scheme(url: str) -> str:
    """The lower-case scheme of a URL as written, '' for a relative one."""
    match = SCHEME.match(url.strip())
    return match.group("scheme").lower() if match else ""


def is_external(url: str) -> bool:
    """True for anything that is not a path inside the site (has a scheme, or starts with //)."""
    url = url.strip()
    if ":" not in url:   # the common case, decided without a regular expression
        return url.startswith("//")
    return bool(scheme(url)) or url.startswith("//")


def is_web_link(href: str | None) -> bool:
    """An address on another website: http(s)://... or //host/..., character references decoded.

    Narrower than ``is_external``: ``mailto:`` and ``tel:`` are outside the
    site but open no website.
    """
    return bool(href and _WEB_LINK.match(html.unescape(href)))


def host(url: str) -> str:
    """The lower-case host name of a URL, '' if it has none or cannot be read."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def srcset_urls(value: str) -> list[str]:
    """The addresses in a srcset (or ping) value: the first word of each comma-separated candidate."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
