"""The rules for one address: its scheme however disguised, files loaded from elsewhere, then its host."""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Iterator
from urllib.parse import unquote

from explainer.checks.safety.allowlist import DANGEROUS_SCHEMES, SAFE_SCHEMES
from explainer.checks.safety.findings import Finding
from explainer.checks.safety.hosts import host_findings
from explainer.checks.safety.unicode import BIDI, HIDDEN, visible
from explainer.model.urls import srcset_urls


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_PLAIN_URL = re.compile(r"[!-$'-~]*\Z")   # printable ASCII without spaces, '%' or '&'
STRIPPED = "".join(chr(code) for code in sorted(BIDI | HIDDEN))


def browser_scheme(url: str) -> str | None:
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
                   if ord(ch) > 0x20 and ch not in STRIPPED and not unicodedata.category(ch).startswith("Z"))
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def url_findings(url: str, offset: int, use: str) -> Iterator[Finding]:
    """Scheme and address rules for one URL; ``use`` is "link" or "load" (images and other embeds)."""
    scheme = browser_scheme(url)
    if scheme in DANGEROUS_SCHEMES:
        what = "shows content the checks cannot see" if scheme == "data" else "runs code when it is opened"
        yield Finding(offset, "url-dangerous-scheme",
                      f"this address starts with '{visible(scheme)}:', which {what}; links must start with "
                      "https:// or point to another page of this site", _snippet(url))
        return
    if scheme and scheme not in SAFE_SCHEMES:
        yield Finding(offset, "url-scheme",
                      f"this address starts with '{visible(scheme)}:'; links may only start with https://, "
                      "http://, mailto: or tel:, or point to another page of this site", _snippet(url))
        return
    if use == "load" and (scheme in {"http", "https"} or url.strip().startswith("//")):
        yield Finding(offset, "html-external-resource",
                      "images and other embedded files must be stored in this repository (for example under "
                      "docs/assets/): the site's security policy blocks files from other websites, and loading "
                      "them would tell those sites who reads the page", _snippet(url))
    yield from host_findings(url, offset)


def _snippet(url: str) -> str:
    return url.strip()[:12]


def attribute_urls(attribute: str, value: str) -> list[str]:
    """The addresses in an attribute's value (srcset and ping hold several)."""
    if attribute in {"srcset", "ping"}:
        return srcset_urls(value)
    return [value]
