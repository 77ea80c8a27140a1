"""A built page's Content-Security-Policy and the hashes of its inline scripts."""
from __future__ import annotations

import base64
import hashlib
import html
from typing import Iterable

from explainer.checks.safety.tags import Tag, scan_tags


NOT_EXECUTED = {"application/json", "application/ld+json"}


def find_policy(tags: Iterable[Tag]) -> tuple[dict[str, list[str]] | None, int | None]:
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
    return find_policy(scan_tags(page_html, content=False))[0]


def inline_script_hashes(page_html: str) -> list[str]:
    """'sha256-...' of each executable inline script after the policy tag, in page order."""
    tags = list(scan_tags(page_html, content=False))
    _, policy_offset = find_policy(tags)
    result = []
    for tag in tags:
        if tag.name != "script" or tag.closing or tag.attr("src") is not None:
            continue
        if html.unescape(tag.attr("type") or "").strip().lower() in NOT_EXECUTED:
            continue
        if policy_offset is not None and tag.offset < policy_offset:
            continue
        result.append(script_hash(tag.content))
    return result


def script_hash(script: str) -> str:
    """A script's hash as a Content-Security-Policy source ('sha256-...', without the quotes)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
