"""The online links check against real HTTP servers on 127.0.0.1, started here.

No HTTP client is mocked: each test runs ``http.server`` in a thread (or a
socket that never answers), and the server counts what it receives, so the
tests see retries, HEAD/GET fallback and concurrency from the server's side.
"""
from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import FIXTURES, run_check
from explainer.checks.links import online
from explainer.checks.links.online import Checker, Settings

FAST = dict(timeout=2.0, retries=2, backoff=0.05, max_wait=5.0, allow_local=True)


# Servers ------------------------------------------------------------------------------

class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter = Counter()
        self.methods: dict[str, list[str]] = defaultdict(list)
        self.times: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        self.active = self.peak = 0
        self.huge_bytes_sent = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, *args):  # keep test output clean
        pass

    def do_HEAD(self):
        self.route("HEAD")

    def do_GET(self):
        self.route("GET")

    def route(self, method: str) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits[path] += 1
            self.server.methods[path].append(method)
            self.server.times[path].append(time.monotonic())
            hit = self.server.hits[path]
        if path.startswith("/slow/"):
            return self.slow()
        if path.startswith("/chain/"):
            return self.answer(302, {"Location": f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"})
        routes = {
            "/ok": (200, {}),
            "/r301": (301, {"Location": "/r308"}),
            "/r308": (308, {"Location": self.server.url("/ok")}),
            "/loop-a": (302, {"Location": "/loop-b"}),
            "/loop-b": (302, {"Location": "/loop-a"}),
            "/missing": (404, {}),
            "/gone": (410, {}),
            "/forbidden": (403, {}),
            "/busy": (429, {"Retry-After": "1"}) if hit == 1 else (200, {}),
            "/busy-long": (429, {"Retry-After": "3600"}),
            "/flaky": (500, {}) if hit <= 2 else (200, {}),
            "/nohead": (405, {}) if method == "HEAD" else (200, {}),
        }
        if path == "/huge":
            return self.huge(method)
        status, headers = routes.get(path, (404, {}))
        self.answer(status, headers)

    def answer(self, status: int, headers: dict, body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def slow(self) -> None:
        with self.server.lock:
            self.server.active += 1
            self.server.peak = max(self.server.peak, self.server.active)
        time.sleep(0.25)
        with self.server.lock:
            self.server.active -= 1
        self.answer(200, {})

    def huge(self, method: str) -> None:
        """HEAD is refused, so the checker must GET; the body would be 2 GB if anyone read it."""
        if method == "HEAD":
            return self.answer(405, {})
        self.send_response(200)
        self.send_header("Content-Length", str(2 * 1024 ** 3))
        self.end_headers()
        chunk = b"x" * 65536
        try:
            for _ in range(32768):
                self.wfile.write(chunk)
                with self.server.lock:
                    self.server.huge_bytes_sent += len(chunk)
        except OSError:
            self.close_connection = True


@pytest.fixture
def server():
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_server():
    """A port that accepts connections (the kernel does) but never answers a request."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/never"
    sock.close()


def check(*urls: str, **settings) -> dict[str, online.Result]:
    """The checker's results, run in a thread of its own: once a browser test has started the session's
    Playwright, the main thread has an event loop running, where asyncio.run() refuses to start one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, Checker(Settings(**{**FAST, **settings})).run(urls)).result()


# Answers ------------------------------------------------------------------------------

def test_200_is_ok_with_one_head_request(server):
    [result] = check(server.url("/ok")).values()
    assert (result.category, result.status) == ("ok", 200)
    assert server.methods["/ok"] == ["HEAD"]


def test_a_301_308_chain_is_followed_and_reported_as_moved(server):
    [result] = check(server.url("/r301")).values()
    assert (result.category, result.status, result.final_url) == ("redirected", 200, server.url("/ok"))
    assert result.permanent
    assert server.hits["/r301"] == server.hits["/r308"] == server.hits["/ok"] == 1


def test_a_redirect_loop_is_broken(server):
    [result] = check(server.url("/loop-a")).values()
    assert result.category == "broken"
    assert "redirect loop" in result.detail
    assert server.hits["/loop-a"] == 1 and server.hits["/loop-b"] == 1


def test_too_many_redirects_are_capped(server):
    [result] = check(server.url("/chain/0"), max_redirects=5).values()
    assert result.category == "broken" and "more than 5 redirects" in result.detail
    assert sum(count for path, count in server.hits.items() if path.startswith("/chain/")) == 6


@pytest.mark.parametrize("path, status", [("/missing", 404), ("/gone", 410)])
def test_404_and_410_are_broken_after_trying_get_too(server, path, status):
    [result] = check(server.url(path)).values()
    assert (result.category, result.status) == ("broken", status)
    assert server.methods[path] == ["HEAD", "GET"]   # a HEAD-only 404 is never trusted alone


def test_403_is_blocked_not_broken(server):
    [result] = check(server.url("/forbidden")).values()
    assert (result.category, result.status) == ("blocked", 403)


def test_429_waits_as_long_as_retry_after_says(server):
    [result] = check(server.url("/busy")).values()
    assert (result.category, result.status) == ("ok", 200)
    first, second = server.times["/busy"]
    assert second - first >= 0.95


def test_a_retry_after_beyond_the_cap_is_not_waited_for(server):
    started = time.monotonic()
    [result] = check(server.url("/busy-long"), max_wait=2).values()
    assert time.monotonic() - started < 2
    assert (result.category, result.status) == ("blocked", 429)
    assert "3600" in result.detail and server.hits["/busy-long"] == 1


def test_500_then_200_is_retried_into_ok(server):
    [result] = check(server.url("/flaky")).values()
    assert (result.category, result.status) == ("ok", 200)
    assert server.methods["/flaky"] == ["HEAD", "GET", "HEAD"]


def test_a_server_that_never_answers_times_out(silent_server):
    started = time.monotonic()
    [result] = check(silent_server, timeout=0.3, retries=1).values()
    assert result.category == "timeout"
    assert time.monotonic() - started < 3


def test_a_huge_body_is_never_downloaded(server):
    started = time.monotonic()
    [result] = check(server.url("/huge")).values()
    assert (result.category, result.status) == ("ok", 200)
    assert time.monotonic() - started < 3
    assert server.methods["/huge"] == ["HEAD", "GET"]
    assert server.huge_bytes_sent < 64 * 1024 ** 2   # socket buffers at most, never the 2 GB


def test_a_head_rejecting_server_gets_a_get(server):
    results = check(server.url("/nohead"), server.url("/ok"), per_host=1)
    assert {r.category for r in results.values()} == {"ok"}
    assert server.methods["/nohead"] == ["HEAD", "GET"]


def test_a_refused_connection_is_broken():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [result] = check(f"http://127.0.0.1:{port}/", retries=0).values()
    assert result.category == "broken" and "connect" in result.detail


def test_plain_http_elsewhere_is_never_fetched(server):
    [result] = check("http://example.org/").values()
    assert result.category == "skipped"
    [result] = check(server.url("/ok"), allow_local=False).values()
    assert result.category == "skipped" and server.hits["/ok"] == 0


# Politeness ---------------------------------------------------------------------------

def test_the_per_host_limit_is_never_exceeded(server):
    urls = [server.url(f"/slow/{n}") for n in range(12)]
    results = check(*urls, per_host=3, concurrency=10)
    assert all(result.category == "ok" for result in results.values())
    assert server.peak == 3   # never more, and the limit is used


def test_each_address_is_asked_once(server):
    results = check(server.url("/ok"), server.url("/ok"), server.url("/ok"))
    assert len(results) == 1 and server.hits["/ok"] == 1


# The command: places, archive, cache and reports ------------------------------------------

SOURCES = """references:
  - id: article
    type: article
    title: A Test Article
    issued: 2026-01-15
  - id: report-one
    type: report
    title: First report
    publisher: Example Institute
    issued: 2025-03-02
    URL: {missing}
    archive_location: {archived}
  - id: report-two
    type: article-newspaper
    title: Second report
    container-title: Example Times
    author: [{{family: Doe, given: Jane}}]
    issued: 2025-04
    URL: {ok}
"""
TOPIC = """---
title: A topic
tags: [Testland, Economy]
---

# A topic

Two sources at once.[@report-one; @report-two, p. 4] See [the report]({missing}) and [this]({moved}).
"""


def make_online_project(tmp_path: Path, server: Server) -> Path:
    import shutil
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    urls = {"missing": server.url("/missing"), "archived": server.url("/ok?archived"), "ok": server.url("/ok"),
            "moved": server.url("/r301")}
    (root / "docs" / "data" / "sources.yml").write_text(SOURCES.format(**urls), encoding="utf-8")
    (root / "docs" / "topic.md").write_text(TOPIC.format(**urls), encoding="utf-8")
    return root


def test_the_command_reports_each_place_and_the_archived_copy(server, tmp_path):
    root = make_online_project(tmp_path, server)
    env = {"EXPLAINER_LINKS_ALLOW_LOCALHOST": "1"}
    args = ["links", "--online", "--report", "out/links.json", "--report", "out/links.md", "--retries", "0"]
    result = run_check(*args, root=root, env=env)
    assert "Traceback" not in result.stderr
    assert result.code == 1, result.stdout + result.stderr
    broken = [line for line in result.lines if line.endswith("[link-broken]")]
    assert [line.split(": error:")[0] for line in broken] == ["docs/data/sources.yml:11:10", "docs/topic.md:8:71"]
    assert all("archived copy (" + server.url("/ok?archived") + ")" in line for line in broken)
    assert any(line.startswith("docs/topic.md:8:") and line.endswith("[link-redirected]") for line in result.lines)
    assert any(line.endswith("[link-insecure]") for line in result.lines)   # the offline policy still applies
    assert "External links: 4 checked (0 from cache): 2 ok, 1 redirected, 1 broken" in result.stderr
    report = json.loads((root / "out" / "links.json").read_text())
    assert report["summary"]["broken"] == 1
    [entry] = [link for link in report["links"] if link["category"] == "broken"]
    assert entry["archive"] == server.url("/ok?archived") and len(entry["places"]) == 2
    markdown = (root / "out" / "links.md").read_text()
    assert "### Broken (1)" in markdown and server.url("/missing") in markdown


def test_a_rerun_answers_fresh_results_from_the_cache(server, tmp_path):
    root = make_online_project(tmp_path, server)
    env = {"EXPLAINER_LINKS_ALLOW_LOCALHOST": "1"}
    run_check("links", "--online", "--retries", "0", root=root, env=env)
    assert (root / ".cache" / "links.json").is_file()
    before = Counter(server.hits)
    second = run_check("links", "--online", "--retries", "0", root=root, env=env)
    assert "(3 from cache)" in second.stderr, second.stderr
    new = Counter(server.hits) - before
    assert set(new) == {"/missing"}   # only the failure is asked again
    third = run_check("links", "--online", "--retries", "0", "--cache-max-age", "0s", root=root, env=env)
    assert "(0 from cache)" in third.stderr


def test_without_the_test_switch_local_http_is_not_fetched(server, tmp_path):
    root = make_online_project(tmp_path, server)
    result = run_check("links", "--online", root=root, env={"EXPLAINER_LINKS_ALLOW_LOCALHOST": ""})
    assert sum(server.hits.values()) == 0
    assert "4 skipped (not https)" in result.stderr


def test_no_answer_from_anyone_means_the_network_is_down_not_the_links(tmp_path):
    import shutil
    ports = []
    for _ in range(3):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    hosts = ["127.0.0.1", "localhost", "[::1]"]
    links = " ".join(f"[{n}](http://{host}:{port}/)" for n, (host, port) in enumerate(zip(hosts, ports)))
    (root / "docs" / "topic.md").write_text(f"# A topic\n\n{links}\n", encoding="utf-8")
    result = run_check("links", "--online", "--retries", "0", "--timeout", "2", root=root,
                       env={"EXPLAINER_LINKS_ALLOW_LOCALHOST": "1"})
    rules = [line.rsplit("[", 1)[-1] for line in result.lines]
    assert "link-network]" in rules and "link-broken]" not in rules, result.stdout


def test_a_refusing_site_and_a_silent_one_are_warnings_at_their_places(server, silent_server, tmp_path):
    """link-blocked (a 403) and link-timeout (no answer) warn, at the link's line and column, and do not fail."""
    root = make_online_project(tmp_path, server)
    (root / "docs" / "topic.md").write_text(TOPIC.format(missing=server.url("/forbidden"), moved=silent_server),
                                            encoding="utf-8")
    result = run_check("links", "--online", "--retries", "0", "--timeout", "0.5", root=root,
                       env={"EXPLAINER_LINKS_ALLOW_LOCALHOST": "1"})
    assert "Traceback" not in result.stderr
    warned = {line.rsplit("[", 1)[-1].rstrip("]"): line.split(": warning:")[0] for line in result.lines if ": warning:" in line}
    assert warned["link-blocked"] == "docs/topic.md:8:71", result.stdout
    assert warned["link-timeout"].startswith("docs/topic.md:8:"), result.stdout
