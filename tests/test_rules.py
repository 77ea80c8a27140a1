"""One fixture per validation rule: the exact file, line, column and rule id.

Each tests/fixtures/rules/<rule>.yml names the files it changes in a copy of
the small explainer in tests/fixtures/mini, the check to run, and the lines
the contributor must see.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, make_mini, run_check

RULES = sorted((FIXTURES / "rules").glob("*.yml"))
_EXPECT = re.compile(r"^(?P<place>\S+:\d+:\d+): (?P<severity>error|warning): \[(?P<rule>[\w-]+)\]$")


def test_the_mini_explainer_is_clean():
    result = run_check("--release", root=FIXTURES / "mini")
    assert result.code == 0, result.stdout + result.stderr
    assert result.lines == []


@pytest.mark.parametrize("fixture", RULES, ids=[path.stem for path in RULES])
def test_rule(fixture: Path, tmp_path: Path):
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    root = make_mini(tmp_path / "project", spec["files"])
    args = list(spec["args"]) + (["--release"] if spec["release"] else [])
    result = run_check(*args, root=root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.code == spec["exit"], output
    for expected in spec["expect"]:
        match = _EXPECT.match(expected)
        assert match, f"bad expectation {expected!r}"
        wanted = [line for line in result.lines
                  if line.startswith(f"{match['place']}: {match['severity']}: ") and line.endswith(f"[{match['rule']}]")]
        assert wanted, f"expected {expected!r} in:\n{output}"
    # The rule the fixture is named after is what fired, and nothing unrelated.
    rules = {line.rsplit("[", 1)[-1].rstrip("]") for line in result.lines}
    assert fixture.stem in rules or any(fixture.stem in e for e in spec["expect"]), output
    assert rules <= {_EXPECT.match(e)["rule"] for e in spec["expect"]}, f"unexpected problems:\n{output}"


def test_annotations_under_github_actions(tmp_path: Path):
    spec = yaml.safe_load((FIXTURES / "rules" / "citation-unknown-key.yml").read_text(encoding="utf-8"))
    root = make_mini(tmp_path / "project", spec["files"])
    result = run_check("citations", root=root, env={"GITHUB_ACTIONS": "true"})
    assert "::error file=docs/index.md,line=9,col=82,title=citation-unknown-key::" in result.stdout


def test_usage_errors_exit_2():
    assert run_check("no-such-check").code == 2
    assert run_check("--no-such-option").code == 2


def test_checks_change_no_file(tmp_path: Path):
    spec = yaml.safe_load((FIXTURES / "rules" / "yaml-syntax.yml").read_text(encoding="utf-8"))
    root = make_mini(tmp_path / "project", spec["files"])
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    run_check(root=root)
    after = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    assert before == after


def test_the_real_site_passes_every_check_in_release_mode():
    result = run_check("--release")
    assert result.code == 0, result.stdout + result.stderr
    assert result.lines == [], result.stdout
    assert "14 of 14 paragraphs covered" in result.stderr


def test_unfinished_work_is_progress_not_failure_while_drafting(tmp_path: Path):
    index = (FIXTURES / "mini" / "docs" / "index.md").read_text(encoding="utf-8")
    root = make_mini(tmp_path / "project", {"docs/index.md": index.replace("covers: [p1]\n", "")})
    drafting = run_check("claims", root=root)
    assert drafting.code == 0
    assert any(line.startswith("docs/data/article.yml:") and line.endswith("[paragraph-uncovered]")
               and ": warning: " in line for line in drafting.lines)
    assert "1 of 2 paragraphs covered" in drafting.stderr
    assert run_check("claims", "--release", root=root).code == 1
