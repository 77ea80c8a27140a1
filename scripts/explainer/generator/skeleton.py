"""The content of a new explainer: pages, data files, ``mkdocs.yml`` and README, written once.

Pages and data files come from the Jinja templates in ``templates/content``
(Jinja ships with MkDocs), filled from the article and its metadata;
``article.yml`` is written by ``article_text.to_yaml`` like this repository's.
Values are escaped for where they land (Markdown, YAML, front matter), so an
odd title cannot break the build or trip the safety check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from explainer.model.article_text import ArticleText, to_yaml
from explainer.render.references import escape
from explainer.generator.metadata import Metadata
from explainer.generator.mkdocs_config import derive
from explainer.generator.writer import Output

TEMPLATES = Path(__file__).resolve().parent / "templates" / "content"
ARTICLE_KEY = "article"


@dataclass
class Section:
    label: str
    range: str


@dataclass
class ParagraphStub:
    id: str
    opening: str


def content_outputs(article: ArticleText, meta: Metadata, mkdocs_source: str, machinery_version: str) -> list[Output]:
    """Every content file of the new explainer, in memory."""
    env = _environment()
    context = _context(article, meta, machinery_version)
    outputs = []
    for template in sorted(path for path in TEMPLATES.rglob("*.j2") if path.is_file()):
        relative = template.relative_to(TEMPLATES).as_posix()
        text = env.get_template(relative).render(**context)
        outputs.append(Output(relative.removesuffix(".j2"), text.encode("utf-8")))
    outputs.append(Output("docs/data/article.yml", to_yaml(article, ARTICLE_KEY).encode("utf-8")))
    description = (f"A neutral, sourced guide to the article “{meta.title}” ({context['date_human']}): "
                   "what it argues, the events it relies on, and what independent sources report.")
    config = derive(mkdocs_source, context["site_name"], description, _creative_work(meta))
    outputs.append(Output("mkdocs.yml", config.encode("utf-8")))
    return outputs


def site_name(title: str) -> str:
    """'Main title: a long subtitle' -> 'Main title: an explainer', cut at a word if long."""
    short = title.split(": ", 1)[0].strip() or title
    if len(short) > 60:
        short = short[:60].rsplit(" ", 1)[0].rstrip(",;:-") + "…"
    return f"{short}: an explainer"


def _context(article: ArticleText, meta: Metadata, machinery_version: str) -> dict:
    date_human = meta.parsed_date.human
    return {
        "meta": meta,
        "article": article,
        "date_human": date_human,
        "site_name": site_name(meta.title),
        "paragraphs": [ParagraphStub(p.id, _opening(p.text)) for p in article.paragraphs],
        "sections": _sections(article),
        "credit": _markdown_text(_credit(meta, date_human)),
        "credit_short": ", ".join(part for part in (meta.outlet, date_human) if part),
        "unnumbered_line": _unnumbered(article),
        "article_note": "The article this site explains." + ("" if meta.url else " Its address is not recorded yet."),
        "machinery_version": machinery_version,
    }


def _creative_work(meta: Metadata) -> dict[str, object]:
    """The explained article in schema.org terms, for mkdocs.yml's extra (used by overrides/main.html)."""
    return {
        "name": meta.title,
        "alternativeHeadline": meta.subtitle,
        "datePublished": meta.date,
        "url": meta.url,
        "publisher": {"@type": "Organization", "name": meta.outlet} if meta.outlet else None,
        "author": [{"@type": "Person", "name": name} for name in meta.authors],
    }


def _credit(meta: Metadata, date_human: str) -> str:
    """'by A, published by O on D', as much of it as is known."""
    by = f"by {_join(meta.authors)}, " if meta.authors else ""
    return by + (f"published by {meta.outlet} on {date_human}" if meta.outlet else f"dated {date_human}")


def _sections(article: ArticleText) -> list[Section]:
    """The article's parts: its opening and each heading, with the paragraphs under them."""
    sections: list[tuple[str, list[str]]] = [("Opening", [])]
    for block in article.blocks:
        if block.kind == "heading":
            sections.append((f"“{_markdown_text(block.text)}”", []))
        elif block.kind == "paragraph":
            sections[-1][1].append(block.id)
    result = []
    for label, ids in sections:
        if ids:
            span = f"¶{ids[0][1:]}" if len(ids) == 1 else f"¶{ids[0][1:]}–¶{ids[-1][1:]}"
            result.append(Section(label, span))
    return result


def _unnumbered(article: ArticleText) -> str:
    """'The title, the standfirst and the three section headings are kept but not numbered.'"""
    kept = ["the title"] + (["the standfirst"] if article.subtitle else [])
    for kind, noun in (("heading", "section heading"), ("caption", "caption")):
        count = sum(1 for block in article.blocks if block.kind == kind)
        if count:
            kept.append(f"the {noun}" if count == 1 else f"the {_NUMBERS.get(count, str(count))} {noun}s")
    listed = kept[0] if len(kept) == 1 else ", ".join(kept[:-1]) + " and " + kept[-1]
    return f"{listed[0].upper()}{listed[1:]} {'is' if len(kept) == 1 else 'are'} kept but not numbered."


_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _opening(text: str, words: int = 8) -> str:
    parts = text.split()
    return "“" + " ".join(parts[:words]) + (" …" if len(parts) > words else "") + "”"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# Jinja filters: one per place a value can land.
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters.update(yaml=_yaml_scalar, md=_markdown_text, fm=_front_matter_text, join_names=_join)
    return env


def _markdown_text(value: str) -> str:
    """Plain text in Markdown: Python-Markdown has no backslash escape for '<', so use the entity."""
    return escape(value).replace("\\<", "&lt;").replace("\\>", "&gt;")


def _yaml_scalar(value: str) -> str:
    """A YAML scalar on one line, quoted only when it must be."""
    return yaml.safe_dump(value, allow_unicode=True, width=1_000_000).removesuffix("\n...\n").strip()


def _front_matter_text(value: str) -> str:
    """The theme copies front matter into HTML unescaped: curly quotes, no angle brackets."""
    value = re.sub(r'"(?=\w)', "“", value)
    value = value.replace('"', "”")
    return value.replace("<", "‹").replace(">", "›")
