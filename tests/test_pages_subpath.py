"""The site as GitHub Pages serves a project site: under a sub-path.

A project site lives at ``https://<owner>.github.io/<repo>/``, so a link or
asset written as ``/assets/...`` works on a laptop and breaks once published.
This builds the real site with a sub-path ``site_url``, serves it from that
sub-folder on 127.0.0.1 the way Pages does (with the custom 404 page for any
missing address), and crawls every page, asset and internal link.
"""
from __future__ import annotations

import gzip
import os
import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import ProxyHandler, build_opener

import pytest

from conftest import REPO, mkdocs_build

SUBPATH = "/sub/repo/"
REPO_URL = "https://github.com/example-owner/explainer-fork"
MAX_URLS = 3000  # the crawl stops by itself, whatever the site links to


# Helpers: a Pages-like server ------------------------------------------------

class _PagesHandler(SimpleHTTPRequestHandler):
    """Static files from a folder, with Pages' rules: no folder listings, and
    the site's own 404.html (status 404) for any missing address under it."""

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not (path / "index.html").is_file():
            return self._not_found()
        if not path.exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        page = Path(self.directory) / SUBPATH.strip("/") / "404.html"
        body = page.read_bytes() if page.is_file() and self.path.startswith(SUBPATH) else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: a file-like body the base class copies out."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


# Helpers: reading HTML -------------------------------------------------------

@dataclass
class _Page:
    links: list[str] = field(default_factory=list)   # href/src values, as written
    ids: set[str] = field(default_factory=set)
    canonical: str | None = None
    edit: str | None = None
    config: str = ""


class _Reader(HTMLParser):
    ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.page.ids.add(attrs[key])
        value = attrs.get(self.ATTRIBUTES.get(tag, ""))
        if value:
            self.page.links.append(value)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.page.canonical = attrs.get("href")
        if tag == "a" and "md-content__button" in (attrs.get("class") or "") and "/edit/" in (attrs.get("href") or ""):
            self.page.edit = attrs["href"]
        self._in_config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.page.config += data

    def handle_endtag(self, tag):
        self._in_config = False


def _read_html(text: str) -> _Page:
    reader = _Reader()
    reader.feed(text)
    return reader.page


# Helpers: fetching and crawling ----------------------------------------------

_OPENER = build_opener(ProxyHandler({}))  # loopback only: never through a proxy


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with _OPENER.open(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@dataclass
class Crawl:
    base: str
    status: dict[str, int] = field(default_factory=dict)       # URL -> HTTP status
    pages: dict[str, _Page] = field(default_factory=dict)      # HTML URL -> what it holds
    referrers: dict[str, str] = field(default_factory=dict)    # URL -> the page that linked it first
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (page, target, fragment)


def _crawl(base: str, start: list[str]) -> Crawl:
    """Follow every same-origin href/src and CSS url() from ``start``."""
    crawl = Crawl(base)
    origin = urlsplit(base)[:2]
    queue = list(start)
    while queue:
        assert len(crawl.status) < MAX_URLS, "the crawl found more addresses than any real build has"
        url = queue.pop(0)
        if url in crawl.status:
            continue
        status, kind, body = _get(url)
        crawl.status[url] = status
        if status != 200:
            continue
        found: list[str] = []
        if "html" in kind:
            page = _read_html(body.decode("utf-8"))
            crawl.pages[url] = page
            found = page.links
        elif "css" in kind:
            found = re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode("utf-8", "replace"))
        for raw in found:
            target, fragment = urldefrag(urljoin(url, raw.strip()))
            if urlsplit(target)[:2] != origin:
                continue  # another site, or data:, mailto:, javascript: (content safety checks those)
            target = target.split("?")[0]
            if fragment and "html" in kind:
                crawl.fragments.append((url, target, fragment))
            if target not in crawl.status:
                crawl.referrers.setdefault(target, url)
                queue.append(target)
    return crawl


# Fixtures ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real site built for SITE_URL=http://127.0.0.1:PORT/sub/repo/ and served from <root>/sub/repo/."""
    root = tmp_path_factory.mktemp("pages")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_PagesHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    site = root / SUBPATH.strip("/")
    env = {"SITE_URL": base, "REPO_URL": REPO_URL, "REPO_NAME": "example-owner/explainer-fork",
           "EDIT_URI": "edit/main/docs/", "GIT_DATES": "true", "GITHUB_ACTIONS": "false"}
    done = mkdocs_build(REPO, site, env=env)
    try:
        assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
        yield base, site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def crawl(served) -> Crawl:
    base, _ = served
    return _crawl(base, [base, base + "sitemap.xml"])


# Tests ---------------------------------------------------------------------------

def test_every_page_and_asset_is_found(crawl, served):
    _, site = served
    broken = {url: status for url, status in crawl.status.items() if status != 200}
    report = "\n".join(f"{status} {url} (linked from {crawl.referrers.get(url)})" for url, status in sorted(broken.items()))
    assert not broken, f"broken addresses under {SUBPATH}:\n{report}"
    built = {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}
    reached = {urlsplit(url).path[len(SUBPATH):].rstrip("/") or "." for url in crawl.pages}
    assert built - reached == set(), f"pages no link leads to: {sorted(built - reached)}"
    assert any(url.endswith(".css") for url in crawl.status) and any(url.endswith(".js") for url in crawl.status)


def test_no_link_leaves_the_sub_path(crawl):
    outside = [url for url in crawl.status if not urlsplit(url).path.startswith(SUBPATH)]
    assert not outside, f"links that would leave the project site on Pages: {outside} (from {[crawl.referrers[u] for u in outside]})"


def test_internal_anchors_exist(crawl):
    missing = [f"{page} -> {target}#{fragment}" for page, target, fragment in crawl.fragments
               if target in crawl.pages and fragment not in crawl.pages[target].ids]
    assert not missing, "links to anchors that do not exist:\n" + "\n".join(missing)


def test_search_index_and_worker_resolve(crawl, served):
    """Material loads search with paths from its inline config, which a crawl of links cannot see."""
    base, _ = served
    import json
    home = crawl.pages[base]
    config = json.loads(home.config)
    root = urljoin(base, config["base"] + "/")
    assert root == base
    assert _get(urljoin(root, config["search"]))[0] == 200
    assert _get(urljoin(root, "search/search_index.json"))[0] == 200


def test_canonical_url_on_every_page(crawl, served):
    base, _ = served
    for url, page in crawl.pages.items():
        if url.endswith(".html") and url.rsplit("/", 1)[1] == "404.html":
            continue
        assert page.canonical == url, f"{url}: <link rel=canonical> is {page.canonical!r}"
        assert page.canonical.startswith(base)


def test_edit_links_follow_the_repository(crawl):
    """`repo_url` and `edit_uri` come from the environment, as the workflows set them for a fork."""
    for url, page in crawl.pages.items():
        assert page.edit, f"{url} has no 'edit this page' button"
        assert page.edit.startswith(f"{REPO_URL}/edit/main/docs/") and page.edit.endswith(".md"), page.edit


def test_last_update_from_git(served, crawl):
    for url in crawl.pages:
        text = _get(url)[2].decode("utf-8")
        assert "git-revision-date-localized-plugin-date" in text, f"{url} shows no 'Last update' date"


def test_custom_404_page_works_at_any_depth(served):
    """Pages serves 404.html for a missing address at any depth, so its links
    and assets must not depend on where the reader was."""
    base, site = served
    assert (site / "404.html").is_file()
    missing = urljoin(base, "no/such/section/page/")
    status, kind, body = _get(missing)
    assert status == 404 and "html" in kind
    page = _read_html(body.decode("utf-8"))
    assert any("stylesheets" in link for link in page.links), "the 404 page has no stylesheet"
    checked = 0
    for raw in page.links:
        target = urldefrag(urljoin(missing, raw))[0]
        if urlsplit(target)[:2] == urlsplit(base)[:2]:
            assert target.startswith(base), f"the 404 page links {raw!r}, outside {SUBPATH}"
            assert _get(target)[0] == 200, f"the 404 page links {raw!r}, which is not found from {missing}"
            checked += 1
    assert checked >= 3


def test_sitemap_lists_every_page(served, crawl):
    base, site = served
    status, _, body = _get(base + "sitemap.xml")
    assert status == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.fromstring(body).findall("s:url/s:loc", namespace)]
    assert locations and all(loc.startswith(base) for loc in locations)
    assert all(crawl.status.get(loc) == 200 for loc in locations)
    pages = {url for url in crawl.pages if not url.endswith("404.html")}
    assert pages <= set(locations), f"pages missing from sitemap.xml: {sorted(pages - set(locations))}"
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    assert os.path.getsize(site / "sitemap.xml") > 0
