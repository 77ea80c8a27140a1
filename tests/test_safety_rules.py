"""The safety rules no hostile fixture reaches: each on a small page of its own, at its exact place.

Built-site rules run on a hand-written one-page "site" (what matters is the
page's HTML, not how it was built); source rules on a copy of the mini explainer.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO, make_mini, run_check

CSP = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'">'


def _site(tmp_path: Path, body: str, head: str = CSP) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f"<!doctype html>\n<html><head>\n{head}\n</head><body>\n{body}\n</body></html>\n",
                                     encoding="utf-8")
    (tmp_path / "docs").mkdir()
    return site


def _reported(result, place: str, rule: str) -> bool:
    return any(line.startswith(place + ":") and line.endswith(f"[{rule}]") for line in result.lines)


@pytest.mark.parametrize("head, body, place, rule", [
    ("<title>x</title>", "<p>No policy.</p>", "site/index.html:1:1", "site-csp-missing"),
    (CSP, '<link rel="stylesheet" href="https://evil.example/x.css">', "site/index.html:5:1", "site-external-resource"),
    ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'" x="1">', "<p>x</p>",
     "site/index.html:3:73", "html-attribute-breakout"),
])
def test_built_page_rule(tmp_path: Path, head: str, body: str, place: str, rule: str):
    site = _site(tmp_path, body, head)
    result = run_check("safety", "--site", str(site), "--jobs", "1", root=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.code == 1 and _reported(result, place, rule), result.stdout


def test_a_built_page_that_cannot_be_read(tmp_path: Path):
    """A page the checker may not read (mode 000, checked as the unprivileged user 'nobody': root reads anything)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run the check as another user")
    root = Path(tempfile.mkdtemp(prefix="unreadable-", dir="/tmp"))
    try:
        root.chmod(0o755)
        site = _site(root, "<p>x</p>")
        (site / "secret.html").write_text("<p>x</p>", encoding="utf-8")
        (site / "secret.html").chmod(0)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
                   str(REPO / "scripts" / "check.py"), "safety", "--site", str(site), "--root", str(root), "--jobs", "1"]
        done = subprocess.run(command, capture_output=True, text=True, cwd=root, timeout=60,
                              env={**os.environ, "GITHUB_ACTIONS": "false", "PYTHONDONTWRITEBYTECODE": "1"})
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stdout + done.stderr
        assert any(line.startswith("site/secret.html:1:1: error: ") and line.endswith("[site-unreadable]")
                   for line in done.stdout.splitlines()), done.stdout
    finally:
        shutil.rmtree(root)


def test_an_svg_that_is_not_utf8(tmp_path: Path):
    root = make_mini(tmp_path / "project", {})
    (root / "docs" / "map.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><text>\xff\xfe</text></svg>')
    result = run_check("safety", "--jobs", "1", root=root)
    assert result.code == 1 and _reported(result, "docs/map.svg:1:1", "file-encoding"), result.stdout


def test_an_address_with_an_unknown_scheme(tmp_path: Path):
    root = make_mini(tmp_path / "project", {"docs/topic.md": "# A topic\n\nSee [the files](ftp://example.org/files).\n"})
    result = run_check("safety", "--jobs", "1", root=root)
    assert result.code == 1 and _reported(result, "docs/topic.md:3:17", "url-scheme"), result.stdout


def test_too_many_problems_in_one_file_are_summarised(tmp_path: Path):
    lines = "\n".join(f"Line {n}\u200b with a zero-width space." for n in range(60))
    root = make_mini(tmp_path / "project", {"docs/topic.md": f"# A topic\n\n{lines}\n"})
    result = run_check("safety", "--jobs", "1", root=root)
    hidden = [line for line in result.lines if line.endswith("[unicode-hidden]")]
    assert len(hidden) == 50
    assert _reported(result, "docs/topic.md:53:8", "safety-too-many"), result.stdout
