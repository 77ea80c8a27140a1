"""Write a synthetic explainer of N pages in the project's real formats, for tests and benchmarks.

    python tools/synthetic_corpus.py OUT --pages 1000 [--problems] [--list]

OUT gets a complete explainer that ``mkdocs build`` and ``python
scripts/check.py`` accept, shaped like this site but N times larger:

- ``docs/topics/gGG/sSS/tNNNNN.md``: N topic pages, 20 per section (sSS)
  and 20 sections per group (gGG), so Material's pruned navigation stays
  small on every page. Each has front matter (title, covers, tags),
  pandoc citations (``[@key]``, ``[@key, para. 3]``, ``[@a; @b]``), a plain
  footnote, an admonition, internal links to other pages' headings and to
  timeline, claim and bibliography anchors, external https links, and the
  markers ``<!-- md:timeline ... -->`` and ``<!-- md:claims ... -->``
  (every fifth page by tag, the others by page);
- ``index.md``, ``timeline.md``, ``claims.md``, ``sources.md``, ``tags.md``
  and ``about.md`` (coverage), as on the real site;
- ``docs/data/``: ``sources.yml`` (N+1 entries), ``timeline.yml`` (N events),
  ``claims.yml`` (N/2 claims), ``article.yml`` (N/4 paragraphs) and
  ``tags.yml`` (N/10 tags), their entries terse so that at 10,000 pages each
  file stays under the loader's 2 MB limit (``yamlfile.MAX_BYTES``);
- ``mkdocs.yml``: the project's own configuration (theme, plugins, Markdown
  extensions, hook, validation) without its nav, so the build is the
  project's build; ``mkdocs-plain.yml``: the same without the project's
  extensions and hook (plain Material; citations stay as text);
- ``overrides/``, ``docs/includes/`` and the hook, copied from this repository.

With ``--problems`` it also plants a fixed set of mistakes, one per rule,
each at a known file and line (``--list`` prints them, ``path:line: rule``);
``python scripts/check.py --site SITE`` on the built corpus must report
exactly these. Output is deterministic for a given N, seed and --problems.

Import it to use it from a test or a benchmark: ``generate(path, pages,
problems=True).planted``.
"""
from __future__ import annotations

import argparse
import logging
import posixpath
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))  # works before `pip install -e .` too

from explainer.model.loader import FRONT_MATTER  # noqa: E402
from explainer.model.records import slug  # noqa: E402
from explainer.model.mdsource import Citation, CiteItem  # noqa: E402

SECTION_SIZE = 20      # topic pages per nav section
GROUP_SIZE = 20        # sections per nav group
MIN_PAGES = 3          # the planted problems need three topic pages

_WORDS = (
    "alliance agreement analysts base border budget cabinet ceasefire coalition contract corridor council "
    "court credit debt delegation diplomacy election embassy energy envoy export finance frontier government "
    "harbour industry investment leadership loan market minister ministry negotiation observers oil parliament "
    "partner pipeline policy port president pressure reform region report reserves route sanctions security "
    "settlement strategy summit supply talks tariff territory trade treaty troops visit vote"
).split()
_KINDS = ("factual", "interpretation", "opinion", "prediction")
_ASSESSMENTS = ("consistent", "contested", "unverifiable")
_SOURCE_TYPES = (("article-newspaper", "container-title", "The Example Times"),
                 ("report", "publisher", "Example Institute"),
                 ("webpage", "container-title", "Example Encyclopaedia"))
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


@dataclass(frozen=True, order=True)
class Planted:
    """One planted mistake: where ``check.py`` must report it, and under which rule."""

    path: str     # as check.py prints it, run from the corpus folder: docs/...
    line: int
    rule: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}"


@dataclass
class Corpus:
    root: Path
    pages: list[str]                          # topic pages, relative to docs/
    planted: list[Planted] = field(default_factory=list)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def plain_config(self) -> Path:
        return self.root / "mkdocs-plain.yml"

    @property
    def handwritten_config(self) -> Path:
        """Written by ``write_handwritten``."""
        return self.root / "mkdocs-handwritten.yml"

    def url(self, page: str) -> str:
        """The page's address under the site root (directory URLs): topics/g01/s01/t00001/."""
        return page.removesuffix(".md") + "/"


# Sizes and names ---------------------------------------------------------------

def _page_path(number: int) -> str:
    section = (number - 1) // SECTION_SIZE
    group = section // GROUP_SIZE
    return f"topics/g{group + 1:02d}/s{section % GROUP_SIZE + 1:02d}/t{number:05d}.md"


def _source_id(number: int) -> str:
    return f"src-{number:05d}"


def _tag(number: int) -> str:
    return f"tag-{number:03d}"


def _tag_label(number: int) -> str:
    return f"Tag {number:03d}"


def _rel(from_page: str, to_page: str) -> str:
    """A relative link between two pages, as a writer puts it in Markdown."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _cite_label(key: str, locator: str = "") -> str:
    return Citation(0, 0, 0, "", (CiteItem(key, locator),)).label


class _Text:
    """Deterministic filler text."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def words(self, count: int) -> str:
        return " ".join(self.random.choice(_WORDS) for _ in range(count))

    def sentence(self, count: int = 12) -> str:
        text = self.words(count)
        return text[0].upper() + text[1:] + "."

    def sentences(self, count: int, length: int = 12) -> str:
        return " ".join(self.sentence(length) for _ in range(count))


# The generator -------------------------------------------------------------------

class _Writer:
    def __init__(self, root: Path, pages: int, problems: bool, seed: int):
        if pages < 1 or (problems and pages < MIN_PAGES):
            raise ValueError(f"need at least {MIN_PAGES if problems else 1} pages")
        self.root, self.n, self.problems = root, pages, problems
        self.text = _Text(seed)
        self.docs = root / "docs"
        self.pages = [_page_path(i) for i in range(1, pages + 1)]
        self.tags = max(4, pages // 10)
        self.paragraphs = max(3, pages // 4)
        self.claims = max(2, pages // 2)
        self.planted: list[Planted] = []
        self.article_texts: list[str] = []
        self.event_anchors: dict[int, str] = {}   # topic number -> anchor of its event

    def plant(self, path: str, line: int, rule: str) -> None:
        if self.problems:
            self.planted.append(Planted(path, line, rule))

    def write(self, relative: str, lines: list[str]) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(self) -> Corpus:
        if self.root.exists():
            shutil.rmtree(self.root)
        self.docs.mkdir(parents=True)
        self.copy_machinery()
        self.configs()
        self.article()
        self.tag_file()
        self.sources()
        self.timeline()
        self.claims_file()
        for number in range(1, self.n + 1):
            self.topic(number)
        self.site_pages()
        return Corpus(self.root, self.pages, sorted(self.planted))

    # The project's own templates, snippets, hook and configuration.
    def copy_machinery(self) -> None:
        shutil.copytree(REPO / "overrides", self.root / "overrides")
        shutil.copytree(REPO / "docs" / "includes", self.docs / "includes")
        hook = self.root / "scripts" / "explainer"
        hook.mkdir(parents=True)
        shutil.copy2(REPO / "scripts" / "explainer" / "mkdocs_hooks.py", hook / "mkdocs_hooks.py")
        (self.docs / "assets" / "images").mkdir(parents=True)
        (self.docs / "assets" / "images" / "figure.png").write_bytes(_PNG)

    def configs(self) -> None:
        config = project_config()
        config.update(site_name=f"Synthetic explainer ({self.n} pages)", site_url="http://127.0.0.1:8000/",
                      docs_dir="docs", site_dir="site")
        for key in ("nav", "repo_url", "repo_name", "edit_uri", "site_description", "copyright"):
            config.pop(key, None)
        header = "# Written by tools/synthetic_corpus.py from the project's mkdocs.yml (nav left out).\n"
        (self.root / "mkdocs.yml").write_text(header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                              encoding="utf-8")
        plain = plain_config(config)
        header = "# Plain Material: mkdocs.yml without the project's Markdown extensions and hook.\n"
        (self.root / "mkdocs-plain.yml").write_text(header + yaml.safe_dump(plain, sort_keys=False, allow_unicode=True),
                                                    encoding="utf-8")

    # docs/data ---------------------------------------------------------------
    def article(self) -> None:
        lines = ["# Synthetic article: numbered paragraphs, see the real docs/data/article.yml.",
                 "title: A Synthetic Article", "date: '2026-01-15'", "source: article", "paragraphs:"]
        for number in range(1, self.paragraphs + 1):
            if number % 10 == 1:
                lines.append(f"- heading: Part {number // 10 + 1}")
            text = self.text.sentences(4)
            self.article_texts.append(text)
            lines += [f"- id: p{number}", f"  text: {text}"]
        self.write("docs/data/article.yml", lines)

    def tag_file(self) -> None:
        lines = ["# Tags: slug: Label.", "themes:"]
        lines += [f"  {_tag(number)}: {_tag_label(number)}" for number in range(1, self.tags + 1)]
        self.write("docs/data/tags.yml", lines)

    def sources(self) -> None:
        path = "docs/data/sources.yml"
        lines = ["# The bibliography (CSL YAML).", "references:",
                 "  - id: article", "    type: article", "    title: A Synthetic Article",
                 "    container-title: The Example Review", "    issued: 2026-01-15",
                 "    URL: https://review.example.org/2026/synthetic-article"]
        for number in range(1, self.n + 1):
            kind, field_name, outlet = _SOURCE_TYPES[number % len(_SOURCE_TYPES)]
            url = f"https://news{number % 40}.example.org/{2000 + number % 25}/{number:05d}"
            if number == 2:   # planted: an insecure address (only with --problems)
                url = url.replace("https://", "http://") if self.problems else url
            lines += [f"  - id: {_source_id(number)}", f"    type: {kind}",
                      f"    title: Report {number}, {self.text.words(2)}", f"    {field_name}: {outlet}",
                      f"    issued: {2000 + number % 25}-{number % 12 + 1:02d}-{number % 28 + 1:02d}", f"    URL: {url}"]
            if number == 2:
                self.plant(path, len(lines), "source-insecure-url")
        if self.problems:
            lines += ["  - id: planted-unused-source", "    type: webpage", "    title: A source nothing cites",
                      "    container-title: Example Encyclopaedia", "    URL: https://encyclopaedia.example.org/unused"]
            self.plant(path, len(lines) - 4, "source-unused")
        self.write(path, lines)

    def timeline(self) -> None:
        path = "docs/data/timeline.yml"
        lines = ["# The timeline: one entry per event.", "events:"]
        for number in range(1, self.n + 1):
            year = 1950 + (number * 7) % 75
            date = f"{year}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
            title = f"Event {number}, {self.text.words(1)}"
            self.event_anchors[number] = f"ev-{date}-{slug(title, 40)}"
            pages = [self.pages[number - 1]] + ([self.pages[number % self.n]] if number % 6 == 0 else [])
            lines += [f"  - date: {date}", f"    title: {title}", f"    summary: {self.text.sentence(3)}",
                      f"    tags: [{_tag(number % self.tags + 1)}, {_tag((number * 7) % self.tags + 1)}]",
                      f"    sources: [{_source_id(number)}]", f"    pages: [{', '.join(pages)}]"]
        if self.problems:
            lines += ["  - date: 1990-05-05", "    title: An event whose source is missing",
                      "    summary: Planted.", f"    tags: [{_tag(1)}]", "    sources: [planted-no-such-source]"]
            self.plant(path, len(lines), "timeline-unknown-source")
            lines += ["  - date: 2025-02-30", "    title: An event on a day that does not exist",
                      "    summary: Planted.", f"    sources: [{_source_id(1)}]"]
            self.plant(path, len(lines) - 3, "timeline-bad-date")
        self.write(path, lines)

    def claims_file(self) -> None:
        path = "docs/data/claims.yml"
        lines = ["# The claims ledger: one entry per distinct claim.", "claims:"]
        for number in range(1, self.claims + 1):
            paragraph = (number - 1) % self.paragraphs
            words = self.article_texts[paragraph].split()
            quote = " ".join(words[2:8])
            kind = _KINDS[number % len(_KINDS)]
            page = self.pages[(2 * number - 1) % self.n]
            lines += [f"  - id: c{number:05d}", f"    paragraphs: [p{paragraph + 1}]", f'    quote: "{quote}"',
                      f"    paraphrase: Claim {number}, {self.text.words(3)}.", f"    kind: {kind}"]
            if kind in ("factual", "interpretation"):
                lines += [f"    assessment: {_ASSESSMENTS[number % len(_ASSESSMENTS)]}",
                          f"    note: {self.text.sentence(6)}", f"    sources: [{_source_id((number * 3) % self.n + 1)}]"]
            lines += [f"    pages: [{page}]", f"    tags: [{_tag(number % self.tags + 1)}]"]
        if self.problems:
            words = self.article_texts[0].split()
            lines += ["  - id: planted-not-verbatim", "    paragraphs: [p1]",
                      f'    quote: "{" ".join(reversed(words[2:8]))}"', "    paraphrase: A misquoted claim.",
                      "    kind: opinion", f"    pages: [{self.pages[0]}]"]
            self.plant(path, len(lines) - 3, "claim-quote-not-verbatim")
            lines += ["  - id: planted-no-paragraph", "    paragraphs: [p99999]",
                      f'    quote: "{" ".join(words[2:8])}"', "    paraphrase: A claim from a paragraph that does not exist.",
                      "    kind: opinion", f"    pages: [{self.pages[0]}]"]
            self.plant(path, len(lines) - 4, "claim-paragraph-out-of-range")
        self.write(path, lines)

    # Pages -------------------------------------------------------------------
    def topic(self, number: int) -> None:
        page = self.pages[number - 1]
        path = f"docs/{page}"
        other = self.pages[(number * 13) % self.n]
        neighbour = self.pages[number % self.n]
        tags = [_tag_label(number % self.tags + 1), _tag_label((number * 3) % self.tags + 1)]
        if number == 3 and self.problems:
            tags.append("Planted Unknown Tag")
        key, next_key = _source_id(number), _source_id(number % self.n + 1)
        claim = (number - 1) % self.claims + 1
        lines = ["---", f"title: Topic {number}, {self.text.words(3)}",
                 f"description: Synthetic topic page {number} of {self.n}.",
                 f"covers: [p{(number - 1) % self.paragraphs + 1}]", f"tags: [{', '.join(dict.fromkeys(tags))}]", "---", "",
                 f"# Topic {number}", "", "## What the article says {#says}", "",
                 f"- {self.text.sentence()}[@article, para. {(number - 1) % self.paragraphs + 1}]"
                 f" → [Topic {(number * 13) % self.n + 1}]({_rel(page, other)}#background)",
                 f"- {self.text.sentence()}[@{key}]", "", "## Background", "",
                 f"{self.text.sentences(2)}[@{key}; @{next_key}, p. {number % 90 + 1}] {self.text.sentence()}[^note]"
                 f" See [the report](https://news{number % 40}.example.org/reports/{number}) and"
                 f" [the next topic]({_rel(page, neighbour)}#says).", "",
                 f"{self.text.sentences(2)}[@{next_key}, para. 3] The [timeline entry]({_rel(page, 'timeline.md')}"
                 f"#{self.event_anchors[number]}) and [the claim]({_rel(page, 'claims.md')}#claim-c{claim:05d})"
                 f" give the context; [the bibliography]({_rel(page, 'sources.md')}#source-{key}) lists the report.", "",
                 '!!! note "Context"', "", f"    {self.text.sentences(2)}[@{key}]", ""]
        if number % 10 == 0:
            lines += [f"![A figure for topic {number}]({_rel(page, 'assets/images/figure.png')})", ""]
        lines += self.planted_in_page(number, page, path, len(lines))
        lines += ["## Events", ""]
        if number % 5 == 0:
            lines += [f"<!-- md:timeline tag={_tag(number % self.tags + 1)} -->", "", "## Claims to weigh", "",
                      f"<!-- md:claims tag={_tag(number % self.tags + 1)} -->", ""]
        else:
            lines += [f"<!-- md:timeline page={page} -->", "", "## Claims to weigh", "",
                      f"<!-- md:claims page={page} -->", ""]
        lines += [f"[^note]: {self.text.sentence(8)} [Background reading](https://library{number % 20}.example.net/{number})."]
        if number == 3 and self.problems:
            self.plant(path, 5, "page-unknown-tag")
        self.write(path, lines)

    def planted_in_page(self, number: int, page: str, path: str, before: int) -> list[str]:
        """Paragraphs holding the mistakes planted in topics 1 to 3 (``before`` lines precede them)."""
        if not self.problems or number > 3:
            return []
        planted: list[tuple[str, str]] = []
        if number == 1:
            planted = [("This cites a source that is not in the bibliography.[@planted-no-such-source]", "citation-unknown-key"),
                       ("This refers to a note that has no definition.[^planted-undefined]", "footnote-undefined")]
        elif number == 2:
            planted = [(f"A link to [a page that does not exist]({_rel(page, 'topics/no-such-page.md')}).", "link-missing-page"),
                       (f"A link to [a heading that does not exist]({_rel(page, self.pages[2])}#planted-no-such-heading).",
                        "link-missing-anchor"),
                       (f"A link to [an event that is not in the timeline]({_rel(page, 'timeline.md')}#ev-1000-01-01-planted).",
                        "link-missing-anchor"),
                       ("A link to [an insecure address](http://insecure.example.org/page).", "link-insecure")]
        elif number == 3:
            planted = [("A link through [a link shortener](https://bit.ly/planted).", "link-shortener"),
                       ("A link with [a tracking parameter](https://example.org/page?utm_source=newsletter).",
                        "link-tracking-param"),
                       (f"![]({_rel(page, 'assets/images/figure.png')})", "image-no-alt"),
                       ("<!-- md:claims tag=planted-no-such-tag -->", "marker-invalid")]
        lines = []
        for text, rule in planted:
            lines.append(text)
            self.plant(path, before + len(lines), rule)
            lines.append("")
        return lines

    def site_pages(self) -> None:
        firsts = self.pages[::SECTION_SIZE * GROUP_SIZE]   # the first page of each nav group
        index = ["---", "title: Synthetic overview", "description: Synthetic overview of a synthetic explainer.", "---", "", "# Synthetic overview", "",
                 f"A synthetic explainer of {self.n} topic pages, generated by tools/synthetic_corpus.py.[@article]", "",
                 "- [Timeline](timeline.md)", "- [Claims and evidence](claims.md)", "- [Sources](sources.md)",
                 "- [Tags](tags.md)", "- [About](about.md)", ""]
        index += [f"- [Group {number}]({page})" for number, page in enumerate(firsts, 1)]
        self.write("docs/index.md", index)
        self.write("docs/timeline.md", ["---", "title: Timeline", "description: Timeline of a synthetic explainer.", "---", "", "# Timeline", "",
                                        "Every event, with its sources.", "", "<!-- md:timeline -->"])
        self.write("docs/claims.md", ["---", "title: Claims and evidence", "description: Claims and evidence of a synthetic explainer.", "---", "", "# Claims and evidence", "",
                                      "Every claim of the article.", "", "<!-- md:claims -->"])
        self.write("docs/sources.md", ["---", "title: Sources", "description: Sources of a synthetic explainer.", "---", "", "# Sources", "",
                                       "Every source, with links back to each use.", "", "<!-- md:sources -->"])
        self.write("docs/tags.md", ["---", "title: Tags", "description: Tags of a synthetic explainer.", "---", "", "# Tags", "", "<!-- material/tags -->"])
        self.write("docs/about.md", ["---", "title: About this explainer", "description: About this explainer of a synthetic explainer.", "---", "", "# About this explainer", "",
                                     "## Paragraph map", "", "<!-- md:coverage -->"])


# Configuration ------------------------------------------------------------------

class _EnvDefaultLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking each ``!ENV [NAME, default]`` as its default."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_EnvDefaultLoader.add_constructor("!ENV", _env_default)

PROJECT_EXTENSION_PREFIX = "explainer."


def project_config(path: Path = REPO / "mkdocs.yml") -> dict:
    """The project's mkdocs.yml as plain data."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EnvDefaultLoader)


def plain_config(config: dict) -> dict:
    """The same configuration without the project's Markdown extensions and hooks."""
    plain = dict(config)
    plain.pop("hooks", None)
    plain["markdown_extensions"] = [
        item for item in config.get("markdown_extensions", [])
        if not (item if isinstance(item, str) else next(iter(item))).startswith(PROJECT_EXTENSION_PREFIX)]
    return plain


def write_handwritten(corpus: Corpus) -> Path:
    """The same site as plain Markdown: ``docs-handwritten/`` and ``mkdocs-handwritten.yml``.

    Every page goes through the project's own preprocessors (markers, then
    citations) and is written back out, so ``docs-handwritten/`` holds what
    the writers of a plain Material site would have to type to publish the
    same pages: footnotes, timeline lists and claim boxes included. Building
    it with plain Material measures what that content costs to render; the
    project build minus this build is the cost of the machinery itself.
    """
    import markdown

    config = yaml.safe_load(corpus.config.read_text(encoding="utf-8"))
    docs, out = corpus.root / config.get("docs_dir", "docs"), corpus.root / "docs-handwritten"
    names, settings = [], {}
    for item in config.get("markdown_extensions", []):
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name.startswith(PROJECT_EXTENSION_PREFIX):   # their folders, from the corpus rather than the cwd
            options = {**(options or {})}
            for key, folder in (("data_dir", docs / "data"), ("docs_dir", docs)):
                if key in options:
                    options[key] = str(folder)
        names.append(name)
        settings[name] = options or {}
    converter = markdown.Markdown(extensions=names, extension_configs=settings)
    ours = [processor for processor in converter.preprocessors
            if type(processor).__module__.startswith(PROJECT_EXTENSION_PREFIX)]
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out)
    quiet = logging.getLogger("mkdocs.explainer")   # the planted problems: the builds report them
    quiet.disabled, was = True, quiet.disabled
    try:
        _write_out(out, ours, converter)
    finally:
        quiet.disabled = was
    handwritten = plain_config(config)
    handwritten["docs_dir"] = out.name
    header = "# Plain Material on docs-handwritten/: the project's pages with markers and citations written out.\n"
    corpus.handwritten_config.write_text(header + yaml.safe_dump(handwritten, sort_keys=False, allow_unicode=True),
                                         encoding="utf-8")
    return out


_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")


def _write_out(out: Path, preprocessors: list, converter) -> None:
    for path in sorted(out.rglob("*.md")):
        relative = path.relative_to(out)
        if relative.parts[0] in {"includes", "data"}:
            continue
        text = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        front, body = (text[:match.end()], text[match.end():]) if match else ("", text)
        lines = body.split("\n")
        converter.reset()
        converter.explainer_page = relative.as_posix()   # links are written relative to the page
        for processor in preprocessors:
            lines = processor.run(lines)
        blocks = converter.htmlStash.rawHtmlBlocks   # generated HTML, written out where it goes
        text = _PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], "\n".join(lines))
        path.write_text(front + text, encoding="utf-8")


def generate(root: Path | str, pages: int, problems: bool = False, seed: int = 1) -> Corpus:
    """Write the corpus into ``root`` (replacing it) and return what was written."""
    return _Writer(Path(root), pages, problems, seed).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic explainer of N pages (for tests and benchmarks).")
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--pages", type=int, default=100, help="number of topic pages (default 100)")
    parser.add_argument("--problems", action="store_true", help="plant one mistake per rule at known places")
    parser.add_argument("--list", action="store_true", help="print the planted mistakes, path:line: rule")
    parser.add_argument("--seed", type=int, default=1, help="seed of the filler text (default 1)")
    args = parser.parse_args(argv)
    try:
        corpus = generate(args.out, args.pages, args.problems, args.seed)
    except ValueError as error:
        parser.error(str(error))
    if args.list:
        for planted in corpus.planted:
            print(planted.format())
    print(f"Wrote {len(corpus.pages)} topic pages and {len(corpus.planted)} planted problem(s) to {corpus.root}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
