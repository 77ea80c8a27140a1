"""Shared test helpers: a real strict build of the site, and the real check command."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DESKTOP = {"width": 1280, "height": 900}
sys.path.insert(0, str(REPO / "tools"))   # dev tools (browser, benchmarks), never copied into explainers


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stdout.splitlines() if line and not line.startswith("::")]


def run_check(*args: str, root: Path | None = None, env: dict | None = None) -> Result:
    """Run ``python scripts/check.py ARGS`` as a contributor would.

    Without ``root`` it checks a clean copy of this repository's content, so a
    local ``site/`` or ``.cache/`` left by a contributor's own build never leaks in.
    """
    root = root or clean_repository()
    command = [sys.executable, str(REPO / "scripts" / "check.py"), *args, "--root", str(root)]
    full_env = {**os.environ, "GITHUB_ACTIONS": "false", **(env or {})}
    done = subprocess.run(command, capture_output=True, text=True, cwd=root, env=full_env, timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


@functools.cache
def clean_repository() -> Path:
    """This repository's content (pages, data, settings, overrides) in a fresh folder, made once per session."""
    return copy_project(Path(tempfile.mkdtemp(prefix="explainer-repo-")) / "repo")


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real ``mkdocs build --strict`` of ``project`` into ``site_dir``."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright: one for the whole session.

    Playwright's sync API allows one running instance per thread, so every
    browser test shares this one. Missing Chromium skips locally, fails in CI.
    """
    from browser import CHROMIUM, launch

    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            problem = "Playwright for Python is not installed: pip install -r requirements.txt"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    playwright = sync_playwright().start()
    chromium = launch(playwright)
    yield chromium
    chromium.close()
    playwright.stop()


# Reader fixtures: the real site served on 127.0.0.1 and browser pages to read it with.

@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The real site built for the address it is then served at (127.0.0.1, a free port), as a
    reader gets it: canonical addresses, and (with instant navigation on, ``instant_site_url``)
    Material follows only the addresses its sitemap lists."""
    yield from _built_and_served(REPO, tmp_path_factory.mktemp("served-site"))


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory):
    """The real site with Material's instant navigation turned on, served like ``site_url``.

    This explainer leaves it off (mkdocs.yml says why); another may turn it on, and the
    machinery (footnote tooltips, Timeline filter, header script, CSP) must work with both."""
    project = with_instant_navigation(copy_project(tmp_path_factory.mktemp("instant") / "project"))
    yield from _built_and_served(project, project.parent / "site")


def _built_and_served(project: Path, site: Path):
    """Build ``project`` for a free port on 127.0.0.1 into ``site``, then serve it there; yields its URL."""
    from browser import free_port, serve

    port = free_port()
    done = mkdocs_build(project, site, env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(site, port) as url:
        yield url


def with_instant_navigation(project: Path) -> Path:
    """Turn on ``navigation.instant`` in a copied project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  features:\n" in text and "navigation.instant\n" not in text
    config.write_text(text.replace("  features:\n", "  features:\n    - navigation.instant\n", 1), encoding="utf-8")
    return project


@pytest.fixture
def open_context(browser):
    """A factory of fresh browser contexts (viewport, colour scheme); all closed after the test."""
    contexts = []

    def make(viewport=DESKTOP, color_scheme="light"):
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme,
                                      reduced_motion="reduce", service_workers="block")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_context):
    """A desktop page in the light palette."""
    return open_context().new_page()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    done = mkdocs_build(REPO, site)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return site


def copy_project(destination: Path, source: Path = REPO) -> Path:
    """A throw-away copy of an explainer (pages, data, config, overrides) to break on purpose."""
    for name in ("docs", "overrides", "mkdocs.yml"):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, destination / name)
        elif path.exists():
            shutil.copy2(path, destination / name)
    (destination / "scripts" / "explainer").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "explainer" / "mkdocs_hooks.py", destination / "scripts" / "explainer" / "mkdocs_hooks.py")
    return destination


def make_mini(destination: Path, files: dict[str, str]) -> Path:
    """A copy of the small explainer in fixtures/mini, with some files replaced."""
    shutil.copytree(FIXTURES / "mini", destination)
    for name, text in files.items():
        path = destination / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return destination
