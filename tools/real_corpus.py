"""The real site's own pages, replicated: the benchmark workload closest to a large real explainer.

    python tools/real_corpus.py OUT --copies 30

Each topic page (every page but the whole-site ones: the overview and the
pages holding a whole-site marker or the tags listing) is copied COPIES - 1
times beside itself (``syria.md`` -> ``syria-2.md`` ...), so its relative
links still resolve and its markers pick the same events and claims; the
whole-site pages (timeline, claims, sources, about, tags) stay single, as
in a large real explainer. The data files are the real ones. The result is
a ``synthetic_corpus.Corpus`` with the project's and plain Material's
configurations, so tools/bench.py measures it like the synthetic corpus.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import REPO, Corpus, plain_config, project_config  # noqa: E402

# A page holding one of these is a whole-site page: it stays single.
_WHOLE_SITE = re.compile(r"<!--\s*(md:(timeline|claims|sources|coverage)\s*-->|material/tags)")


def topic_pages(docs: Path) -> list[str]:
    """The real site's topic pages, relative to docs/."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if relative.startswith(("includes/", "data/")) or relative == "index.md":
            continue
        if not _WHOLE_SITE.search(path.read_text(encoding="utf-8")):
            pages.append(relative)
    return pages


def replicate(root: Path, copies: int) -> Corpus:
    """Write the replicated site into ``root`` (replaced if it exists)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    hook = root / "scripts" / "explainer"
    hook.mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "explainer" / "mkdocs_hooks.py", hook / "mkdocs_hooks.py")
    pages = topic_pages(root / "docs")
    all_pages = list(pages)
    for page in pages:
        source = root / "docs" / page
        for number in range(2, copies + 1):
            copy = source.with_name(f"{source.stem}-{number}.md")
            shutil.copy2(source, copy)
            all_pages.append(copy.relative_to(root / "docs").as_posix())
    config = project_config()
    for key in ("nav", "repo_url", "repo_name", "edit_uri"):
        config.pop(key, None)
    config.update(site_url="http://127.0.0.1:8000/", docs_dir="docs", site_dir="site")
    header = f"# Written by tools/real_corpus.py: the real site, topic pages x{copies} (nav left out).\n"
    (root / "mkdocs.yml").write_text(header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    header = "# Plain Material: mkdocs.yml without the project's Markdown extensions and hook.\n"
    (root / "mkdocs-plain.yml").write_text(header + yaml.safe_dump(plain_config(config), sort_keys=False,
                                                                   allow_unicode=True), encoding="utf-8")
    return Corpus(root, sorted(all_pages))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the real site with its topic pages replicated (for benchmarks).")
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--copies", type=int, default=30, help="copies of each topic page (default 30)")
    args = parser.parse_args(argv)
    corpus = replicate(args.out, args.copies)
    print(f"{len(corpus.pages)} topic pages in {corpus.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
