"""Links: internal links and anchors resolve, external ones follow the policy (and, online, work).

Offline (the default, for every pull request): the Markdown pages, the URLs
in the data files and, when there is one, the built site. ``--online`` (for
the scheduled job) also asks the web about every external address once.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from explainer.model.loader import display_path
from explainer.model.urls import host, scheme, url_key
from explainer.model.diagnostics import Diagnostic
from explainer.checks.links.docs import DocsSite
from explainer.checks.links.occurrences import Occurrence, data_policy, data_urls, page_urls
from explainer.checks.links.site import BuiltSite, check_site
from explainer.model.project import Project

# The online modules (and httpx) are imported only with --online: the offline
# check runs on every pull request and should start fast.
REPORT_SUFFIXES = (".json", ".md")

ALLOW_LOCAL_ENV = "EXPLAINER_LINKS_ALLOW_LOCALHOST"   # tests set it to reach their own servers over http


@dataclass
class Options:
    online: bool = False
    reports: list[Path] = field(default_factory=list)
    cache: Path | None = None
    max_age: float = 86400.0
    settings: object = None       # linkcheck.online.Settings, made when --online is given


def check(project: Project, options: Options | None = None) -> Iterator[Diagnostic]:
    options = options or Options()
    docs = DocsSite(project)
    for page in project.pages.values():
        for link in docs.links(page):
            problem = docs.problem(page, link)
            if problem:
                yield problem
    yield from data_policy(project)
    site = getattr(project, "site", None)   # check.py --site DIR
    if site is not None:
        yield from check_site(BuiltSite(site, display_path(site, project.root)), docs, _data_urls(project))
    elif (project.site_dir / "index.html").exists():
        yield from _site(project, docs, project.site_dir)
    if options.online:
        yield from check_online(project, docs, options)


# The built site ---------------------------------------------------------------

def _site(project: Project, docs: DocsSite, site_dir: Path) -> Iterator[Diagnostic]:
    """The site/ folder, unless it is older than the pages (it would report fixed mistakes)."""
    display = display_path(site_dir, project.root)
    stale = _newer_page(project, site_dir)
    if stale:
        yield Diagnostic(stale.display, 1, 1, "link-site-stale",
                         f"{display}/ was built before this page changed, so its HTML was not checked; "
                         f"run 'mkdocs build' (or pass --site) to check the built pages too", "warning")
        return
    yield from check_site(BuiltSite(site_dir, display), docs, _data_urls(project))


def _data_urls(project: Project) -> set[str]:
    return {found.url for found in data_urls(project)}


def _newer_page(project: Project, site_dir: Path):
    built = (site_dir / "index.html").stat().st_mtime
    for page in project.pages.values():
        if (project.docs_dir / page.path).stat().st_mtime > built:
            return page
    return None


# Online -----------------------------------------------------------------------

def check_online(project: Project, docs: DocsSite, options: Options) -> Iterator[Diagnostic]:
    """Every external address once; each broken one reported on every line that uses it."""
    from explainer.checks.links import online as web
    from explainer.checks.links.cache import Cache
    from explainer.checks.links.summary import Progress, summary_line, write_report

    places: dict[str, list[Occurrence]] = defaultdict(list)
    for found in [*page_urls(docs), *data_urls(project)]:
        if scheme(found.url) in ("http", "https"):
            places[found.url.split("#", 1)[0]].append(found)
    cache = Cache.load(options.cache or project.root / ".cache" / "links.json", options.max_age)
    results = {url: cache.fresh(url) for url in places}
    cached = {url for url, result in results.items() if result}
    todo = [url for url in places if url not in cached]
    progress = Progress(len(todo))
    results.update(asyncio.run(web.Checker(options.settings or web.Settings()).run(todo, progress)))
    progress.finish()
    cache.update({url: results[url] for url in todo})
    cache.save()
    archives = _archives(project, places)
    print(summary_line(results, len(cached)), file=sys.stderr)
    for report in options.reports:
        write_report(report, results, places, archives, cached)
    if _network_down([results[url] for url in todo]):
        first = places[todo[0]][0]
        yield Diagnostic(first.path, first.line, first.col, "link-network",
                         f"none of the {len(todo)} addresses answered at all, so the network is probably down; "
                         "nothing was judged broken: run the check again later")
        return
    for url, result in results.items():
        for found in places[url]:
            diagnostic = _diagnostic(result, found, archives.get(url, ""))
            if diagnostic:
                yield diagnostic


def _network_down(checked: list) -> bool:
    """No HTTP answer from any of several hosts means this machine is offline, not that the links died."""
    hosts = {host(result.url) for result in checked}
    return len(hosts) >= 3 and all(result.status is None and result.category in ("broken", "timeout") for result in checked)


def _archives(project: Project, urls) -> dict[str, str]:
    """Address -> its archived copy, for every bibliography entry that has one (matched loosely)."""
    by_key = {url_key(s.url): s.archive_url for s in project.data.sources.values() if s.url and s.archive_url}
    return {url: by_key[url_key(url)] for url in urls if url_key(url) in by_key}


def _diagnostic(result, found: Occurrence, archive: str) -> Diagnostic | None:
    """The diagnostic for one place of one online result (a ``linkcheck.online.Result``)."""
    from explainer.checks.links import online as web

    place = (found.path, found.line, found.col)
    if result.category == web.BROKEN:
        hint = (f"; the bibliography has an archived copy ({archive}): link to it, or find where the page moved"
                if archive and archive != result.url else "; find where the page moved, or link to an archived copy")
        return Diagnostic(*place, "link-broken", f"{result.url} is broken ({result.detail}){hint}")
    if result.category == web.BLOCKED:
        return Diagnostic(*place, "link-blocked", f"{result.url}: {result.detail}", "warning")
    if result.category == web.TIMEOUT:
        return Diagnostic(*place, "link-timeout", f"{result.url}: {result.detail}; try it in a browser", "warning")
    if result.category == web.REDIRECTED and result.permanent:
        return Diagnostic(*place, "link-redirected", f"{result.url} has moved permanently to {result.final_url}; "
                                                     "update the link", "warning")
    return None


# Command-line options -------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("links", "options of the links check")
    group.add_argument("--online", action="store_true", help="also check every external address over the network")
    group.add_argument("--report", metavar="FILE", action="append", default=[],
                       help="with --online: write a report; FILE ending .json or .md (may be given twice)")
    group.add_argument("--cache", metavar="FILE", help="with --online: results cache (default: .cache/links.json under --root)")
    group.add_argument("--cache-max-age", metavar="AGE", default="1d",
                       help="with --online: re-check results older than AGE (1d, 12h, 30m)")
    group.add_argument("--concurrency", type=int, default=8, metavar="N",
                       help="with --online: requests in flight (default 8)")
    group.add_argument("--per-host", type=int, default=2, metavar="N",
                       help="with --online: requests in flight per host (default 2)")
    group.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS",
                       help="with --online: per request (default 15)")
    group.add_argument("--retries", type=int, default=2, metavar="N",
                       help="with --online: retries after 429/5xx/timeouts (default 2)")
    group.add_argument("--max-wait", type=float, default=60.0, metavar="SECONDS",
                       help="with --online: longest Retry-After honoured (default 60)")
    group.add_argument("--allow-insecure-localhost", action="store_true", help=argparse.SUPPRESS)


def configured(args: argparse.Namespace, error: Callable[[str], None]) -> Callable[[Project], Iterator[Diagnostic]]:
    """The links check with the command line's options; ``error`` reports a usage mistake (exit 2).

    The built site comes from the shared ``--site`` option (``project.site``).
    """
    for report in args.report:
        if not report.endswith(REPORT_SUFFIXES):
            error(f"--report {report}: the file name must end with .json or .md")
    for name in ("concurrency", "per_host", "retries"):
        if getattr(args, name) < (0 if name == "retries" else 1):
            error(f"--{name.replace('_', '-')} must be at least {0 if name == 'retries' else 1}")
    if args.timeout <= 0 or args.max_wait < 0:
        error("--timeout must be positive and --max-wait not negative")
    options = Options(args.online, [Path(r) for r in args.report], Path(args.cache) if args.cache else None)
    if args.online:
        from explainer.checks.links.cache import parse_duration
        from explainer.checks.links.online import Settings

        try:
            options.max_age = parse_duration(args.cache_max_age)
        except ValueError as problem:
            error(f"--cache-max-age: {problem}")
        allow_local = args.allow_insecure_localhost or os.environ.get(ALLOW_LOCAL_ENV) == "1"
        options.settings = Settings(concurrency=args.concurrency, per_host=args.per_host, timeout=args.timeout,
                                    retries=args.retries, max_wait=args.max_wait, allow_local=allow_local)
    return lambda project: check(project, options)
