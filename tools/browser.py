"""A built site served on 127.0.0.1, and Debian's Chromium to read it with.

Shared by the browser tests (tests/test_reader.py), the reader benchmark
(tools/bench_reader.py) and the social card renderer (tools/social_card.py).
Playwright drives the system Chromium and never downloads a browser.
"""
from __future__ import annotations

import gzip
import mimetypes
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# What a static host such as GitHub Pages compresses.
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


# Helper functions -------------------------------------------------------------

# A free TCP port on 127.0.0.1 (to build a site for the address it will be served at).
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Serves files quietly; with compress=True, gzips text the way a static host does.
class _SiteHandler(SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.is_file() and kind.startswith(_COMPRESSIBLE)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path, port: int = 0, compress: bool = False) -> Iterator[str]:
    """Serve directory over HTTP on 127.0.0.1 in a background thread; yields the base URL."""
    handler = partial(type("Handler", (_SiteHandler,), {"compress": compress}), directory=os.fspath(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's headless Chromium, through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
