"""The generator: a second article becomes a working explainer, and machinery updates reach it.

Each generated explainer is built and checked with its own copy of the
machinery (PYTHONPATH points at DEST/scripts), exactly as it would be in its
own repository. The second article (tests/fixtures/generator/slow-streets.*)
is a made-up opinion piece written for these tests.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from lxml import html

from conftest import FIXTURES, REPO

GEN = FIXTURES / "generator"
SEED = REPO.parent / "shared" / "seed" / "000_445668cc3e28de33.txt"
TITLE = "Slow Streets, Shared Streets: Why Marrowby Should Try Car-Free Sundays"
URL = "https://harbour-ledger.example/opinion/2025/09/14/slow-streets-car-free-sundays"
# Words only the first article (the one this repository explains) uses.
THIS_ARTICLE = re.compile(r"\b(russia|syria|iran|venezuela|argentin|soviet|betray|tartus|angola|kremlin|maduro|"
                          r"assad|pravda|brics|instc|milei|tehran|afghan|damascus|caracas|moscow)", re.I)
CONTENT = ("docs/", "mkdocs.yml", "README.md")
MACHINERY_PARTS = ["scripts", "overrides", ".github", ".pre-commit-config.yaml", ".ci", "requirements.txt",
                   "requirements.in", "pyproject.toml", ".gitignore", "mkdocs.yml"]


def explainer(*args: str) -> subprocess.CompletedProcess:
    """``python -m explainer ARGS`` from this repository's machinery."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "GITHUB_ACTIONS": "false"}
    return subprocess.run([sys.executable, "-m", "explainer", *args], capture_output=True, text=True, env=env, timeout=120)


def in_dest(dest: Path, *args: str) -> subprocess.CompletedProcess:
    """A command run inside a generated explainer, with that explainer's own machinery."""
    env = {**os.environ, "PYTHONPATH": str(dest / "scripts"), "GITHUB_ACTIONS": "false", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], cwd=dest, capture_output=True, text=True, env=env, timeout=600)


def files_of(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def content_of(root: Path) -> dict[str, bytes]:
    return {path: data for path, data in files_of(root).items() if path.startswith(CONTENT)}


def one_error_line(done: subprocess.CompletedProcess) -> str:
    """A refusal is exactly one ``error:`` line on stderr (argparse adds its usage line first), no traceback."""
    assert "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, done.stderr
    return errors[0]


@pytest.fixture(scope="module", params=["txt", "html"])
def generated(request, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp(f"from-{request.param}") / "explainer"
    done = explainer("new", str(GEN / f"slow-streets.{request.param}"), str(dest))
    assert done.returncode == 0, done.stdout + done.stderr
    return dest


# A fresh explainer works at once ------------------------------------------------

def test_the_fresh_explainer_builds_with_strict(generated, tmp_path):
    done = in_dest(generated, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    for page in ("index.html", "about/index.html", "timeline/index.html", "claims/index.html", "sources/index.html"):
        assert (tmp_path / page).is_file(), page
    coverage = html.fromstring((tmp_path / "about" / "index.html").read_bytes())
    rows = coverage.xpath("//h2[@id='coverage-of-the-article']/following-sibling::table[1]//tbody/tr")
    assert len(rows) == 6 and all("not covered" in row.text_content() for row in rows)


def test_the_fresh_explainer_passes_the_checks_and_reports_progress(generated):
    done = in_dest(generated, "scripts/check.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Progress: 0 of 6 paragraphs covered, 0 claims (6 to do), 0 events (0 without sources), 1 sources" in done.stderr
    rules = {line.rsplit("[", 1)[-1] for line in done.stdout.splitlines()}
    assert rules == {"paragraph-uncovered]"}, done.stdout   # warnings only: the work left to do


def test_release_mode_fails_on_the_fresh_explainer(generated):
    done = in_dest(generated, "scripts/check.py", "--release")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "docs/data/claims.yml" in done.stdout and "[claim-todo]" in done.stdout
    assert "error: paragraph p6 is covered by no page" in done.stdout


def test_an_event_without_sources_is_progress_while_drafting_and_an_error_for_release(tmp_path):
    dest = tmp_path / "explainer"
    assert explainer("new", str(GEN / "slow-streets.txt"), str(dest)).returncode == 0
    (dest / "docs/data/timeline.yml").write_text(
        "events:\n  - date: 2025-06\n    title: Pilot announced\n    summary: The council announced a pilot.\n",
        encoding="utf-8")
    draft = in_dest(dest, "scripts/check.py")
    assert draft.returncode == 0, draft.stdout + draft.stderr
    assert "docs/data/timeline.yml:2:1: warning: " in draft.stdout and "1 events (1 without sources)" in draft.stderr
    built = in_dest(dest, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    release = in_dest(dest, "scripts/check.py", "--release")
    assert release.returncode == 1
    assert "docs/data/timeline.yml:2:1: error: the event has no 'sources'" in release.stdout


def test_a_map_works_in_a_new_explainer(tmp_path):
    dest = tmp_path / "explainer"
    assert explainer("new", str(GEN / "slow-streets.txt"), str(dest)).returncode == 0
    sources = dest / "docs/data/sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + (
        "  - id: gazetteer-marrowby\n    type: webpage\n    title: Marrowby\n    publisher: Example Gazetteer\n"
        "    URL: https://gazetteer.example/marrowby\n"), encoding="utf-8")
    (dest / "docs/data/places.yml").write_text(
        "places:\n  - id: town-hall\n    name: Marrowby Town Hall\n    lat: 53.25\n    lon: -1.5\n    kind: city\n"
        "    country: GBR\n    sources: [gazetteer-marrowby]\n", encoding="utf-8")
    index = dest / "docs/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n<!-- md:map place=town-hall -->\n", encoding="utf-8")
    built = in_dest(dest, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stdout + built.stderr
    page = html.fromstring((tmp_path / "site" / "index.html").read_bytes())
    titles = page.xpath("//figure[@class='geo-map']//*[local-name()='svg'][@role='img']/*[local-name()='title']/text()")
    assert titles == ["Locator map: Marrowby Town Hall"]
    assert "53.25°N, 1.5°W" in page.xpath("string(//figure[@class='geo-map']/figcaption)")
    checked = in_dest(dest, "scripts/check.py", "places", "citations")
    assert checked.returncode == 0 and "[place-" not in checked.stdout, checked.stdout + checked.stderr


def test_the_generated_tests_pass(generated):
    done = in_dest(generated, "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b3 passed\b", done.stdout), done.stdout


def test_the_fresh_explainer_carries_nothing_of_this_repositorys_article(generated):
    found = []
    for path, data in files_of(generated).items():
        if path.endswith("render/basemap.json"):
            continue   # the world's country outlines name every country, whichever article a site explains
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue   # images: nothing to grep
        found += [f"{path}: {match.group(0)}" for match in THIS_ARTICLE.finditer(text)]
    assert not found, "the machinery carries the first article's words:\n" + "\n".join(found)


def test_the_data_files_are_valid_skeletons(generated):
    claims = yaml.safe_load((generated / "docs/data/claims.yml").read_text(encoding="utf-8"))["claims"]
    assert [(c["id"], c["status"], c["paragraphs"]) for c in claims] == [(f"p{n}-todo", "todo", [f"p{n}"]) for n in range(1, 7)]
    assert yaml.safe_load((generated / "docs/data/timeline.yml").read_text(encoding="utf-8")) == {"events": []}
    sources = yaml.safe_load((generated / "docs/data/sources.yml").read_text(encoding="utf-8"))["references"]
    assert [source["id"] for source in sources] == ["article"]
    overview = (generated / "docs/index.md").read_text(encoding="utf-8")
    assert "\ncovers: []\n" in overview
    assert yaml.safe_load((generated / "docs/data/places.yml").read_text(encoding="utf-8")) == {"places": [], "routes": []}
    for name in ("sources.yml", "timeline.yml", "claims.yml", "tags.yml", "places.yml", "words-to-watch.yml"):
        assert (generated / "docs/data" / name).read_text(encoding="utf-8").startswith("# "), f"{name} has no example"


def test_the_manifest_lists_every_machinery_file_and_no_content(generated):
    manifest = json.loads((generated / ".explainer/machinery.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    for path in ("scripts/check.py", "scripts/explainer/cli.py", ".ci/run", ".github/workflows/pr.yml",
                 ".pre-commit-config.yaml", "requirements.txt", "CONTRIBUTING.md", "tests/test_explainer.py"):
        assert path in files, path
    assert not [path for path in files if path.startswith(CONTENT)]
    import hashlib
    for path, digest in files.items():
        assert hashlib.sha256((generated / path).read_bytes()).hexdigest() == digest, path
    assert os.access(generated / ".ci/run", os.X_OK)


def test_mkdocs_yml_is_this_repositorys_with_a_new_name_and_menu(generated):
    ours = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    theirs = yaml.load((generated / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for key in ("theme", "markdown_extensions", "validation", "plugins", "hooks", "exclude_docs", "extra_css"):
        assert theirs.get(key) == ours.get(key), key
    assert theirs["site_name"] == "Slow Streets, Shared Streets: an explainer"
    assert [list(item.values())[0] for item in theirs["nav"]] == \
        ["index.md", "timeline.md", "claims.md", "sources.md", "tags.md", "about.md"]


# The article, whatever its format ----------------------------------------------

def test_text_html_and_markdown_give_the_same_numbering(tmp_path):
    made = {}
    for kind in ("txt", "html", "md"):
        done = explainer("new", str(GEN / f"slow-streets.{kind}"), str(tmp_path / kind))
        assert done.returncode == 0, done.stderr
        made[kind] = yaml.safe_load((tmp_path / kind / "docs/data/article.yml").read_text(encoding="utf-8"))
    assert made["txt"] == made["html"]
    assert made["txt"]["title"] == made["md"]["title"] == TITLE
    assert made["md"]["paragraphs"] == made["txt"]["paragraphs"][:3]   # the Markdown copy is shorter; emphasis and links become text
    assert [b.get("id") for b in made["txt"]["paragraphs"] if "id" in b] == ["p1", "p2", "p3", "p4", "p5", "p6"]


def test_the_about_page_credits_the_article_from_the_html_metadata(tmp_path):
    dest = tmp_path / "explainer"
    assert explainer("new", str(GEN / "slow-streets.html"), str(dest)).returncode == 0
    source = yaml.safe_load((dest / "docs/data/sources.yml").read_text(encoding="utf-8"))["references"][0]
    assert source["title"] == TITLE and source["URL"] == URL
    assert source["container-title"] == "The Harbour Ledger" and source["author"] == [{"literal": "Ada Quillfeather"}]
    assert str(source["issued"]) == "2025-09-14"
    site = tmp_path / "site"
    done = in_dest(dest, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site))
    assert done.returncode == 0, done.stderr
    about = html.fromstring((site / "about" / "index.html").read_bytes())
    credit = {row.xpath("string(td[1])").strip(): row.xpath("string(td[2])").strip()
              for row in about.xpath("//h3[@id='credit-for-the-article']/following-sibling::table[1]//tr[td]")}
    assert credit["Title"] == TITLE
    assert credit["Date"] == "14 September 2025"
    assert credit["Outlet"] == "The Harbour Ledger"
    assert credit["Author"] == "Ada Quillfeather"
    assert credit["Address"] == URL
    assert about.xpath(f"//a[@href='{URL}']"), "the article's address is not a link"
    # Search engines and link previews are told the same, and no other article's card is shown.
    data = json.loads(about.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["about"] == {"@type": "CreativeWork", "inLanguage": "en", "name": TITLE, "datePublished": "2025-09-14",
                             "alternativeHeadline": "A modest summer pilot would teach the town more than another year of debate",
                             "url": URL, "publisher": {"@type": "Organization", "name": "The Harbour Ledger"},
                             "author": [{"@type": "Person", "name": "Ada Quillfeather"}]}
    assert "image" not in data and not about.xpath("//meta[@property='og:image']")


def test_command_line_values_fill_and_override_the_metadata(tmp_path):
    dest = tmp_path / "explainer"
    done = explainer("new", str(GEN / "undated.txt"), str(dest), "--date", "2025-09-15", "--outlet", "Example Weekly",
                     "--author", "A. Writer; B. Editor", "--url", "https://example.org/a", "--title", "A Better Title")
    assert done.returncode == 0, done.stderr
    article = yaml.safe_load((dest / "docs/data/article.yml").read_text(encoding="utf-8"))
    assert (article["title"], article["date"]) == ("A Better Title", "2025-09-15")
    source = yaml.safe_load((dest / "docs/data/sources.yml").read_text(encoding="utf-8"))["references"][0]
    assert source["author"] == [{"literal": "A. Writer"}, {"literal": "B. Editor"}]
    assert (source["container-title"], source["URL"]) == ("Example Weekly", "https://example.org/a")


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not next to this repository")
def test_this_repository_is_the_generators_first_output(tmp_path):
    dest = tmp_path / "explainer"
    done = explainer("new", str(SEED), str(dest))
    assert done.returncode == 0, done.stderr
    ours = yaml.safe_load((REPO / "docs/data/article.yml").read_text(encoding="utf-8"))
    theirs = yaml.safe_load((dest / "docs/data/article.yml").read_text(encoding="utf-8"))
    pairs = lambda article: [(b["id"], b["text"]) for b in article["paragraphs"] if "id" in b]   # noqa: E731
    assert pairs(theirs) == pairs(ours)
    assert theirs == ours
    assert (dest / "docs/data/article.yml").read_bytes() == (REPO / "docs/data/article.yml").read_bytes()
    ours_article = yaml.safe_load((REPO / "docs/data/sources.yml").read_text(encoding="utf-8"))["references"][0]
    theirs_article = yaml.safe_load((dest / "docs/data/sources.yml").read_text(encoding="utf-8"))["references"][0]
    for key in ("id", "type", "title", "issued"):
        assert theirs_article[key] == ours_article[key], key
    claims = yaml.safe_load((dest / "docs/data/claims.yml").read_text(encoding="utf-8"))["claims"]
    assert [c["paragraphs"] for c in claims] == [[pid] for pid, _ in pairs(ours)]


# Bad input: one line, a non-zero exit, nothing written ------------------------------

def _refused(tmp_path: Path, article: Path, *options: str, code: int = 2) -> str:
    dest = tmp_path / "explainer"
    done = explainer("new", str(article), str(dest), *options)
    assert done.returncode == code, done.stdout + done.stderr
    assert not dest.exists(), "a refused command wrote something"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".explainer")] == []   # no staging folder left
    return one_error_line(done)


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ", encoding="utf-8")
    assert "is empty" in _refused(tmp_path, empty)


@pytest.mark.parametrize("name, data", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ("latin1.txt", "Caf\xe9 ouvert le dimanche.\n\nUn paragraphe.".encode("latin-1")),
    ("page.html", b"<html>\x00\x01\x02binary</html>"),
])
def test_a_binary_file_is_refused(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    message = _refused(tmp_path, path)
    assert "not a text file" in message or "not UTF-8" in message


def test_an_html_page_with_no_article_is_refused(tmp_path):
    assert "no article text found" in _refused(tmp_path, GEN / "no-article.html")


def test_no_title_found_and_none_given_is_refused(tmp_path):
    assert "no title found" in _refused(tmp_path, GEN / "untitled.html")
    assert explainer("new", str(GEN / "untitled.html"), str(tmp_path / "ok"), "--title", "Car-Free Sundays").returncode == 0


def test_no_date_found_and_none_given_is_refused(tmp_path):
    assert "no publication date found" in _refused(tmp_path, GEN / "undated.txt")


@pytest.mark.parametrize("options, words", [
    (["--date", "2025-02-30"], "not a real date"),
    (["--date", "2025-09-14", "--url", "http://example.org/a"], "https://"),
])
def test_bad_command_line_values_are_refused(tmp_path, options, words):
    assert words in _refused(tmp_path, GEN / "undated.txt", *options)


@pytest.mark.parametrize("name", ["missing.txt", "article.pdf"])
def test_a_missing_or_unknown_file_is_refused(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.7")
    _refused(tmp_path, path)


def test_a_destination_that_is_not_empty_is_refused_without_force(tmp_path):
    dest = tmp_path / "explainer"
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text("# My own page\n", encoding="utf-8")
    (dest / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = files_of(dest)
    done = explainer("new", str(GEN / "slow-streets.txt"), str(dest))
    assert done.returncode == 2
    message = one_error_line(done)
    assert "is not empty" in message and "--force" in message and "1 existing file(s) would be replaced" in message
    assert files_of(dest) == before


def test_force_keeps_every_file_it_replaces_and_touches_no_other(tmp_path):
    dest = tmp_path / "explainer"
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text("# My own page\n", encoding="utf-8")
    (dest / "docs" / "index.md.orig").write_text("an older backup\n", encoding="utf-8")
    (dest / "notes.txt").write_text("mine\n", encoding="utf-8")
    done = explainer("new", str(GEN / "slow-streets.txt"), str(dest), "--force")
    assert done.returncode == 0, done.stderr
    assert "replaced: docs/index.md (your version is kept as docs/index.md.orig.1)" in done.stdout
    assert (dest / "docs" / "index.md.orig.1").read_text(encoding="utf-8") == "# My own page\n"
    assert (dest / "docs" / "index.md.orig").read_text(encoding="utf-8") == "an older backup\n"
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert "\ncovers: []\n" in (dest / "docs" / "index.md").read_text(encoding="utf-8")


def test_usage_errors_exit_2():
    assert explainer("new").returncode == 2
    assert explainer("no-such-command").returncode == 2
    assert explainer("check", "no-such-check").returncode == 2
    assert explainer("--help").returncode == 0


def test_check_is_the_same_command_as_scripts_check_py():
    done = explainer("check", "--root", str(FIXTURES / "mini"), "--release")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Progress: " in done.stderr


# Machinery updates -----------------------------------------------------------------

def machinery_copy(destination: Path) -> Path:
    """A copy of this repository's machinery, to change as a newer version would."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache")
    for name in MACHINERY_PARTS:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, destination / name, ignore=ignore)
        elif path.exists():
            shutil.copy2(path, destination / name)
    return destination


@pytest.fixture
def made(tmp_path) -> Path:
    dest = tmp_path / "explainer"
    assert explainer("new", str(GEN / "slow-streets.txt"), str(dest)).returncode == 0
    return dest


@pytest.fixture
def newer(tmp_path) -> Path:
    """Machinery version 0.2.0: a changed stylesheet, a new module, a new Markdown extension."""
    source = machinery_copy(tmp_path / "machinery")
    css = source / "overrides/assets/stylesheets/explainer.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* machinery 0.2.0 */\n", encoding="utf-8")
    (source / "scripts/explainer/new_rule.py").write_text('"""A module new in 0.2.0."""\n', encoding="utf-8")
    config = source / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - abbr\n", "  - abbr\n  - pymdownx.caret\n", 1),
                      encoding="utf-8")
    pyproject = source / "pyproject.toml"
    pyproject.write_text(re.sub(r'(?m)^version = ".*"$', 'version = "0.2.0"', pyproject.read_text(encoding="utf-8")),
                         encoding="utf-8")
    return source


def test_update_brings_new_machinery_and_leaves_content_untouched(made, newer):
    content = content_of(made)
    done = explainer("update", str(made), "--from", str(newer))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "replaced: overrides/assets/stylesheets/explainer.css" in done.stdout
    assert "added: scripts/explainer/new_rule.py" in done.stdout
    assert f"from version {tomllib.loads((REPO / 'pyproject.toml').read_text())['project']['version']} to 0.2.0" in done.stdout
    assert "note: the machinery's mkdocs.yml settings" in done.stdout   # mkdocs.yml is the explainer's: a note only
    assert content_of(made) == content
    assert (made / "overrides/assets/stylesheets/explainer.css").read_bytes() == \
        (newer / "overrides/assets/stylesheets/explainer.css").read_bytes()
    manifest = json.loads((made / ".explainer/machinery.json").read_text(encoding="utf-8"))
    assert manifest["machinery_version"] == "0.2.0" and "scripts/explainer/new_rule.py" in manifest["files"]
    again = explainer("update", str(made), "--from", str(newer))
    assert again.returncode == 0 and "up to date" in again.stdout


def test_update_refuses_a_machinery_file_changed_locally(made, newer):
    css = made / "overrides/assets/stylesheets/explainer.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* our own colours */\n", encoding="utf-8")
    before = files_of(made)
    done = explainer("update", str(made), "--from", str(newer))
    assert done.returncode == 1
    message = one_error_line(done)
    assert "overrides/assets/stylesheets/explainer.css" in message and "--force" in message
    assert files_of(made) == before, "a refused update wrote something"

    forced = explainer("update", str(made), "--from", str(newer), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "your version is kept as overrides/assets/stylesheets/explainer.css.orig" in forced.stdout
    assert css.read_bytes() == (newer / "overrides/assets/stylesheets/explainer.css").read_bytes()
    assert css.with_name("explainer.css.orig").read_bytes() == before["overrides/assets/stylesheets/explainer.css"]
    assert content_of(made) == {k: v for k, v in before.items() if k.startswith(CONTENT)}


def test_update_removes_machinery_that_was_dropped_only_if_unchanged(made, tmp_path):
    source = machinery_copy(tmp_path / "machinery")
    (source / ".github/workflows/links.yml").unlink()
    done = explainer("update", str(made), "--from", str(source))
    assert done.returncode == 0, done.stderr
    assert "removed: .github/workflows/links.yml" in done.stdout
    assert not (made / ".github/workflows/links.yml").exists()


def test_update_needs_an_explainer_made_by_the_generator(tmp_path):
    (tmp_path / "docs").mkdir()
    done = explainer("update", str(tmp_path))
    assert done.returncode == 2
    assert "machinery.json" in one_error_line(done)


def test_update_refuses_a_manifest_that_points_outside_the_explainer(made):
    manifest_path = made / ".explainer/machinery.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"]["../outside.txt"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    done = explainer("update", str(made))
    assert done.returncode == 2
    assert "../outside.txt" in one_error_line(done)


def test_an_installed_package_makes_an_explainer_from_any_folder(tmp_path):
    """``pip install .`` (not editable): the wheel carries its machinery, and ``new`` works from an empty folder.

    The wheel is built from this checkout and installed into a folder of its own,
    which is then the only place ``explainer`` can be imported from.
    """
    wheels, target, workdir = tmp_path / "wheels", tmp_path / "installed", tmp_path / "empty"
    workdir.mkdir()
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(wheels), str(REPO)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("*.whl")
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                                str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    env = {**os.environ, "PYTHONPATH": str(target), "GITHUB_ACTIONS": "false", "NO_MKDOCS_2_WARNING": "1"}
    where = subprocess.run([sys.executable, "-c", "import explainer; print(explainer.__file__)"], cwd=workdir,
                           capture_output=True, text=True, env=env)
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    shutil.copy2(SEED, workdir / "article.txt")
    made = subprocess.run([sys.executable, "-m", "explainer", "new", "article.txt", "explainer"], cwd=workdir,
                          capture_output=True, text=True, env=env, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    dest = workdir / "explainer"
    names = [path.relative_to(dest).as_posix() for path in dest.rglob("*") if path.is_file()]
    assert "scripts/check.py" in names and "scripts/explainer/extensions/markers.py" in names
    assert not [name for name in names if re.search(r"bench|synthetic_corpus|social_card|_machinery|browser\.py", name)]
    site = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=dest, capture_output=True, text=True, env=env, timeout=300)
    assert site.returncode == 0, site.stdout + site.stderr
    assert (tmp_path / "site" / "index.html").is_file()
