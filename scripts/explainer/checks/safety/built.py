"""The built site: HTML the theme wrote is trusted, what runs code or loads it from elsewhere is not."""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterator, NamedTuple

from explainer.checks.safety.addresses import attribute_urls, browser_scheme
from explainer.checks.safety.allowlist import DANGEROUS_SCHEMES, EVENT_HANDLER, TAG_REASONS, URL_ATTRIBUTES
from explainer.checks.safety.csp import NOT_EXECUTED, find_policy, script_hash
from explainer.checks.safety.files import files
from explainer.checks.safety.findings import Finding, Lines, capped
from explainer.checks.safety.hosts import host_findings
from explainer.checks.safety.sanitizer import findings as sanitizer_findings
from explainer.checks.safety.tags import COMMENT, RAW_TEXT, Tag, scan_tags
from explainer.checks.safety.unicode import unicode_findings, visible
from explainer.model.diagnostics import Diagnostic


_META_ATTRIBUTES = {"name", "content", "http-equiv", "charset", "property", "media", "itemprop", "id", "lang",
                    "scheme"}
# CSS that loads or runs something; Material's own icons use data:image/ URIs.
_FOREIGN_CSS = re.compile(r"expression\s*\(|@import|behavior\s*:|-moz-binding|url\s*\((?!\s*['\"]?data:image/)", re.I)
_DATA_IMAGE = re.compile(r"\s*data:image/(png|gif|jpe?g|webp|avif)[;,]", re.I)
_ARTICLE = re.compile(r"<article(?=[\s>])", re.I)
_SITE_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}


def check_site(site: Path, display_root: str) -> Iterator[Diagnostic]:
    """HTML the build wrote: the theme's markup is trusted, what runs code is not."""
    known: dict[str, _Seen | None] = {}   # every page repeats the theme's tags: judge each one once
    for path, display in files(site, display_root):
        if path.suffix.lower() not in {".html", ".htm"} or path.is_symlink():
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            yield Diagnostic(display, 1, 1, "site-unreadable", f"cannot read the built page: {error.strerror}")
            continue
        yield from capped(display, _check_built_page(site, path, display, text, known))


class _Seen(NamedTuple):
    """A tag of a built page as far as the checks need it once it has been judged.

    A tuple of strings and numbers (its findings are nearly always none), so
    that the cyclic GC stops scanning the many thousands of them a site has.
    """

    name: str
    closing: bool
    end: int                          # from its '<'
    findings: tuple[Finding, ...]    # offsets from its '<'


# Tags read in full on every page: the page's policy, scripts and styles need more than the tag.
_READ_EVERY_TIME = RAW_TEXT | {"meta"}


def _built_tags(text: str, known: dict[str, _Seen | None]) -> Iterator[tuple[int, _Seen, Tag | None]]:
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
            close = COMMENT.match(text, start)
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
        tag = next(scan_tags(text, content=False, position=start), None)
        if tag is None or tag.offset != start:
            if key:
                known[key] = None
            position = start + 1
            continue
        findings = tuple(Finding(finding.offset - start, finding.rule, finding.message, finding.snippet)
                         for finding in _built_tag_findings(tag))
        seen = _Seen(tag.name, tag.closing, tag.end - start, findings)
        if key and tag.end == close + 1 and tag.name not in _READ_EVERY_TIME:
            known[key] = seen
            yield start, seen, None
        else:
            yield start, seen, tag
        position = tag.content_offset + len(tag.content) if tag.name in RAW_TEXT and not tag.closing \
            else max(tag.end, start + 1)


def _built_tag_findings(tag: Tag) -> Iterator[Finding]:
    """The rules a tag of the built page breaks on its own (scripts and styles need the page: see below)."""
    if tag.closing:
        return
    if tag.name in _SITE_EMBEDS:
        reason = TAG_REASONS.get(tag.name, "it embeds other content")
        yield Finding(tag.offset, "html-disallowed-tag", f"the built page contains <{visible(tag.raw_name)}>: {reason}")
    if tag.name == "meta":
        equiv = tag.attr("http-equiv")
        if equiv is not None and html.unescape(equiv).strip().lower() != "content-security-policy":
            yield Finding(tag.offset, "html-disallowed-tag",
                          f"the built page contains <meta http-equiv=\"{visible(equiv)}\">: {TAG_REASONS['meta']}")
        broken = [attr for attr in tag.attrs if attr.name not in _META_ATTRIBUTES]
        if broken:
            yield Finding(broken[0].offset, "html-attribute-breakout",
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
        if action and (browser_scheme(action) or action.strip().startswith("//")):
            yield Finding(tag.offset, "site-external-resource",
                          f"this form sends what readers type to '{visible(action)}'; forms may only "
                          "submit to the site itself")
    for attr in tag.attrs:
        if EVENT_HANDLER.match(attr.name):
            yield Finding(attr.offset, "html-event-handler",
                          f"the built page has an inline event handler '{visible(attr.name)}', which runs "
                          "code and which the site's security policy blocks; remove it from the page or template")
        elif attr.name == "srcdoc":
            yield Finding(attr.offset, "html-disallowed-attribute",
                          "the built page has a 'srcdoc' attribute, which embeds a whole web page")
        elif attr.name in URL_ATTRIBUTES and attr.value:
            for value in attribute_urls(attr.name, attr.value):
                scheme = browser_scheme(value)
                image = attr.name in {"src", "srcset"} and _DATA_IMAGE.match(html.unescape(value))
                if scheme in DANGEROUS_SCHEMES and not (scheme == "data" and image):
                    yield Finding(attr.offset, "url-dangerous-scheme",
                                  f"the built page has a '{visible(scheme)}:' address in "
                                  f"'{visible(attr.name)}', which can run code")
                for finding in host_findings(value, 0):
                    yield Finding(attr.offset, finding.rule, finding.message)


def _check_built_page(site: Path, path: Path, display: str, text: str,
                      known: dict[str, _Seen | None]) -> Iterator[Diagnostic]:
    """Every rule on one built page: its tags, its policy and scripts, its characters, its content's markup."""
    tags = list(_built_tags(text, known))
    policy, policy_offset = find_policy(tag for _, _, tag in tags if tag is not None)   # <meta> is read in place
    if policy is None and not re.search(r"<meta\s+http-equiv=[\"']?refresh", text, re.I):
        yield Diagnostic(display, 1, 1, "site-csp-missing",
                         "this built page has no Content-Security-Policy <meta> tag; it comes from "
                         "overrides/main.html, so check that the page uses the site's theme")
    found = list(_tag_findings(site, path, text, tags, policy, policy_offset))
    found += unicode_findings(text, allow_bom=True)
    content = _content(text)
    if content is not None:   # what the scanner above found is not reported twice
        begin, end = content

        def starts() -> list[tuple[int, str]]:
            return [(start, seen.name) for start, seen, _ in tags if begin <= start < end and not seen.closing]

        judged = {finding.offset for finding in found}
        found += [finding for finding in sanitizer_findings(text, begin, end, starts) if finding.offset not in judged]
    if found:
        places = Lines(text)
        for finding in found:
            line, col = places.place(finding.offset)
            yield Diagnostic(display, line, col, finding.rule, finding.message)


def _tag_findings(site: Path, path: Path, text: str, tags: list[tuple[int, _Seen, Tag | None]],
                  policy: dict[str, list[str]] | None, policy_offset: int | None) -> Iterator[Finding]:
    """The rules each tag breaks, at offsets in the page: its own (judged once a site), scripts, styles."""
    hashes = {token.strip("'") for token in (policy or {}).get("script-src", []) if token.startswith("'sha256-")}
    head_end = next((start for start, seen, _ in tags if seen.name == "body" and not seen.closing), len(text))
    for start, seen, tag in tags:
        for finding in seen.findings:
            yield Finding(start + finding.offset, finding.rule, finding.message)
        if tag is None or tag.closing:
            continue
        if tag.name == "script":
            before_policy = start < (policy_offset if policy_offset is not None else -1) < head_end
            yield from _site_script(site, path, tag, hashes, before_policy)
        if tag.name == "style" and _FOREIGN_CSS.search(tag.content):
            yield Finding(start, "site-external-resource",
                          "a <style> element in the built page loads or runs content from elsewhere (url(), "
                          "@import or expression())")


def _content(text: str) -> tuple[int, int] | None:
    """Where the page's content is: inside Material's one <article>, to its last </article>."""
    opening = _ARTICLE.search(text)
    if opening is None:
        return None
    begin = text.find(">", opening.end()) + 1 or len(text)
    end = text.rfind("</article")
    return begin, end if end >= begin else len(text)


def _site_script(site: Path, path: Path, tag: Tag, hashes: set[str], before_policy: bool) -> Iterator[Finding]:
    """A script must be one of the site's own files, or inline and hashed in the page's policy."""
    kind = html.unescape(tag.attr("type") or "").strip().lower()
    source = tag.attr("src")
    if source is not None:
        source = html.unescape(source).strip()
        if browser_scheme(source) or source.startswith(("//", "\\")) or not _own_file(site, path, source):
            yield Finding(tag.offset, "site-script-source",
                          f"the built page loads the script '{visible(source)}', which is not one of the "
                          "site's own files; scripts may only come from the site's assets")
        return
    if kind in NOT_EXECUTED or before_policy:
        return  # data, not code; or the theme's first script, which runs before the policy exists
    digest = script_hash(tag.content)
    if digest not in hashes:
        yield Finding(tag.offset, "site-inline-script",
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


def _site_resource(url: str, offset: int, what: str) -> Iterator[Finding]:
    value = html.unescape(url).strip()
    scheme = browser_scheme(value)
    if value.startswith("//") or scheme in {"http", "https"}:
        yield Finding(offset, "site-external-resource",
                      f"{what} '{visible(value)}' from another website; the site makes no third-party requests")
