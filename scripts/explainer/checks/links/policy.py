"""Which external addresses a page may link to, and why not.

Readers follow links from a phone on any network, so links must be https;
``javascript:``/``data:`` links can run code; shorteners hide where a link
goes and can be re-pointed later; tracking parameters follow the reader.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from explainer.model.urls import host, scheme

ALLOWED_SCHEMES = {"https", "mailto", "tel"}
INSECURE_SCHEMES = {"http", "ftp", "ws"}
DENIED_SCHEMES = {"javascript", "data", "file", "vbscript", "blob"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

SHORTENERS = {
    "bit.ly", "bitly.com", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rb.gy", "cutt.ly",
    "shorturl.at", "tiny.cc", "t.ly", "rebrand.ly", "bl.ink", "lnkd.in", "dlvr.it", "fb.me", "trib.al",
    "soo.gd", "s.id", "v.gd", "x.co", "qr.ae", "adf.ly", "shorte.st", "bit.do", "mcaf.ee", "su.pr", "po.st",
    "wp.me", "amzn.to", "g.co", "ift.tt", "tr.im", "cli.gs", "short.io", "t2m.io", "urlzs.com",
}
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = {
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
    "mc_eid", "mc_cid", "igshid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
    "rb_clickid", "s_cid", "_openstat", "wickedid", "__twitter_impression", "ref_src", "cmpid",
}


def is_local(url: str) -> bool:
    """True for an address on this machine (used only by tests' servers)."""
    return host(url) in LOCAL_HOSTS


def problems(url: str, check_scheme: bool = True) -> list[tuple[str, str]]:
    """(rule, message) for each way an external URL breaks the policy; [] if it is fine."""
    url = url.strip()
    name = scheme(url)
    if url.startswith("//"):
        return [("link-insecure", f"'{_short(url)}' has no scheme; write it in full, starting with https://")]
    if name in DENIED_SCHEMES:
        return [("link-denied-scheme", f"'{name}:' links are not allowed (they can run code or hide content); "
                                       "link to an https:// page instead")]
    if name in INSECURE_SCHEMES:
        return [("link-insecure", f"'{_short(url)}' is not secure; use the https:// address")] if check_scheme else []
    if name not in ALLOWED_SCHEMES:
        if not check_scheme:
            return []
        return [("link-denied-scheme", f"'{name}:' links are not allowed; use https://, mailto: or tel:")]
    if name != "https":
        return []
    return _web_problems(url)


def _web_problems(url: str) -> list[tuple[str, str]]:
    host, query = _host_and_query(url)
    if host is None or " " in url:
        return [("link-malformed", f"'{_short(url)}' is not a well-formed address (no host, or a space in it)")]
    found = []
    if host in SHORTENERS or host.removeprefix("www.") in SHORTENERS:
        found.append(("link-shortener", f"'{host}' is a link shortener, which hides where the link goes; "
                                        "link to the page itself"))
    tracking = sorted({key for key, _ in parse_qsl(query, keep_blank_values=True) if is_tracking(key)}) if query else []
    if tracking:
        found.append(("link-tracking-param", f"remove the tracking parameter(s) {', '.join(tracking)} from '{_short(url)}'"))
    return found


def _host_and_query(url: str) -> tuple[str | None, str]:
    """The host (None if there is none) and query of an https URL; plain ones without urlsplit."""
    rest = url[8:] if url[:8].lower() == "https://" else ""
    authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if authority and not any(char in authority for char in "@[:%\\"):
        query = url.split("#", 1)[0].partition("?")[2]
        return authority.lower().rstrip(".") or None, query
    try:
        parts = urlsplit(url)
        return (parts.hostname or "").rstrip(".") or None, parts.query
    except ValueError:
        return None, ""


def is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith(TRACKING_PREFIXES) or key in TRACKING_PARAMS


def _short(url: str, limit: int = 80) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"
