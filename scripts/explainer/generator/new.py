"""``python -m explainer new ARTICLE DEST``: read, number, and write a whole explainer.

All the work happens in memory first (reading, numbering, rendering, copying
the machinery), so any problem stops the command before DEST is touched.
"""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from explainer.model.article_text import ArticleText, parse_article
from explainer.model.diagnostics import EXIT_OK
from explainer.generator import GeneratorError, machinery
from explainer.generator.article_input import read_article
from explainer.generator.metadata import Metadata, complete, override
from explainer.generator.skeleton import content_outputs
from explainer.generator.writer import Output, entries, would_replace, write_new, write_over


def generate(article_path: Path, dest: Path, out: TextIO, *, force: bool = False, source: Path | None = None,
             title=None, subtitle=None, date=None, url=None, outlet=None, author=None) -> int:
    source = machinery.check_source(source or machinery.default_source())
    if dest.exists() and not dest.is_dir():
        raise GeneratorError(f"{dest} exists and is a file; give a folder for the new explainer")
    if dest.resolve() == source:
        raise GeneratorError(f"{dest} is the machinery repository itself; choose a folder of its own")

    article, meta = read(article_path, title=title, subtitle=subtitle, date=date, url=url, outlet=outlet, author=author)
    outputs = plan(article, meta, source)
    existing = entries(dest)
    if existing and not force:
        replaced = would_replace(dest, outputs)
        raise GeneratorError(f"{dest} is not empty ({len(existing)} entries); nothing was written. Pass --force to "
                             f"write into it: {len(replaced)} existing file(s) would be replaced, each kept as FILE.orig, "
                             "and nothing else is touched")
    if existing:
        for what, path in write_over(dest, outputs):
            if what != "unchanged":
                print(f"{what}: {path}", file=out)
    else:
        write_new(dest, outputs)
    print(f"Wrote a new explainer for “{meta.title}” to {dest}: {len(article.paragraphs)} paragraphs (p1 to "
          f"p{len(article.paragraphs)}), {len(outputs)} files.", file=out)
    for note in meta.notes:
        print(f"note: {note}", file=out)
    print(f"Next: cd {dest}, then `mkdocs serve` and `python scripts/check.py` (see README.md).", file=out)
    return EXIT_OK


def read(article_path: Path, url=None, **given) -> tuple[ArticleText, Metadata]:
    """The article numbered by the scheme, and its metadata: found in the file, completed from the command line."""
    found = read_article(article_path)
    try:
        article = parse_article(found.text)
    except ValueError:
        raise GeneratorError(f"{article_path} is empty") from None
    if not article.paragraphs and found.kind == "html":
        raise GeneratorError(f"no article text found in {article_path}: only navigation, a form or headings; "
                             "save the article's own page, complete")
    if not article.paragraphs:
        raise GeneratorError(f"no paragraphs found in {article_path}, only a title and headings; paragraphs are "
                             "blocks of text separated by blank lines")
    meta = found.meta
    if found.title_in_text:
        meta.title = meta.title or article.title
        meta.date = meta.date or article.date
    meta.subtitle = article.subtitle or meta.subtitle
    meta = complete(override(meta, url=url, **given), str(article_path), url_given=url is not None)
    article.title, article.subtitle, article.date = meta.title, meta.subtitle, meta.date
    return article, meta


def plan(article: ArticleText, meta: Metadata, source: Path) -> list[Output]:
    """Content and machinery files, plus the manifest that tells them apart."""
    files = machinery.collect(source)
    mkdocs_source = (source / "mkdocs.yml").read_text(encoding="utf-8")
    outputs = content_outputs(article, meta, mkdocs_source, machinery.version(source))
    outputs += [Output(item.path, item.data, item.executable) for item in files.values()]
    outputs.append(Output(machinery.MANIFEST, machinery.manifest_bytes(machinery.manifest(source, files))))
    paths = [item.path for item in outputs]
    assert len(paths) == len(set(paths)), "a content file and a machinery file share a path"
    return outputs
