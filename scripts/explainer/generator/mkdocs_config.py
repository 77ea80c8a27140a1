"""A new explainer's ``mkdocs.yml``: the machinery's own, with the article's lines replaced.

Theme, extensions, plugins, hooks and validation stay exactly as the
machinery source has them (comments included), so a new explainer is built
and checked the same way. Only the keys that describe one site are
rewritten: ``site_name``, ``site_description``, ``nav`` and ``extra`` (what
link previews and search engines are told about the explained article). The
file is then the explainer's to edit; ``update`` never touches it.
"""
from __future__ import annotations

import hashlib
import re

import yaml

from explainer.generator import GeneratorError

REQUIRED = ("site_name", "site_description", "nav")
REPLACED = REQUIRED + ("extra",)
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):")

NAV = [
    ("Overview", "index.md"),
    ("Timeline", "timeline.md"),
    ("Claims and evidence", "claims.md"),
    ("Sources", "sources.md"),
    ("Tags", "tags.md"),
    ("About this explainer", "about.md"),
]


def derive(source_text: str, site_name: str, description: str, article: dict[str, object]) -> str:
    """The source's mkdocs.yml with this explainer's name, description, menu and article."""
    blocks = _blocks(source_text)
    keys = [key for key, _ in blocks]
    if "extra" not in keys:
        blocks.append(("extra", ["\n", "extra:\n"]))
    missing = [key for key in REQUIRED if key not in keys]
    if missing:
        raise GeneratorError(f"the machinery's mkdocs.yml has no {', '.join(missing)}; cannot derive a new one")
    new = {
        "site_name": [f"site_name: {_scalar(site_name)}\n"],
        "site_description": [f"site_description: {_scalar(description)}\n"],
        "nav": ["nav:\n"] + [f"  - {_scalar(title)}: {page}\n" for title, page in NAV],
        "extra": _extra(article),
    }
    out = []
    for key, lines in blocks:
        if key in new:
            out.extend(lines[:_leading(lines)] + new[key])   # keep the comment above the key
        else:
            out.extend(lines)
    text = "".join(out)
    yaml.load(text, Loader=yaml.BaseLoader)   # still valid YAML (BaseLoader leaves !ENV tags as text)
    return text


def _extra(article: dict[str, object]) -> list[str]:
    """The explained article as a schema.org CreativeWork, and the card, left to fill in."""
    lines = ["extra:\n",
             "  # as_of: \"YYYY-MM-DD\"   # the date your account runs to: shown on every page and by md:tally\n",
             "  explained_article:\n"]
    lines += [f"    {key}: {_scalar(value)}\n" for key, value in article.items() if value]
    lines += [
        "  # social_card: the link-preview image. Fill in its words, then run\n",
        "  # `python scripts/social_card.py` to draw docs/assets/images/social-card.png.\n",
        "  # Until then, pages are shared without an image.\n",
        "  #   kicker: An explainer\n",
        "  #   title: A short title\n",
        "  #   summary: What the article argues, and what independent sources report.\n",
        "  #   footer: Timeline · Claims and evidence · Sources\n",
        "  #   alt: \"A short title. An explainer: a neutral, sourced guide to an article\"\n",
    ]
    return lines


def settings_digest(text: str) -> str:
    """sha256 of everything but the site's own keys: changes when the machinery's settings change."""
    kept = "".join(line for key, lines in _blocks(text) if key not in REPLACED for line in lines)
    return hashlib.sha256(kept.encode("utf-8")).hexdigest()


def _blocks(text: str) -> list[tuple[str | None, list[str]]]:
    """Top-level keys with their lines; comments and blank lines just above a key belong to it."""
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]
    pending: list[str] = []
    for line in text.splitlines(keepends=True):
        match = _TOP_KEY.match(line)
        if match:
            blocks.append((match["key"], pending + [line]))
            pending = []
        elif line.startswith("#") or not line.strip():
            pending.append(line)
        else:
            blocks[-1][1].extend(pending + [line])
            pending = []
    blocks[-1][1].extend(pending)
    return blocks


def _leading(lines: list[str]) -> int:
    count = 0
    for line in lines:
        if line.startswith("#") or not line.strip():
            count += 1
        else:
            break
    return count


def _scalar(value: str) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return text.removesuffix("\n...\n").strip()
