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

from conftest import FIXTURES, REPO, make_mini, run_check

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


# The registry: every rule declared once, documented, and tested ---------------------------------

def _rule_ids_in_code() -> dict[str, str]:
    """Every string literal in the machinery shaped like a rule id -> one file using it."""
    import ast

    shaped = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
    found: dict[str, str] = {}
    for path in sorted((REPO / "scripts" / "explainer").rglob("*.py")):
        if "generator" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and shaped.match(node.value):
                found.setdefault(node.value, str(path.relative_to(REPO)))
    return found


# Literals shaped like rule ids that are something else: CSL types and fields, HTTP and CSP words,
# the names the extensions register their processors under, place kinds, a map's CSS class and the overview's id,
# an SVG attribute the maps use (the safety check's allow-list of what the build writes), tinycss2's node types,
# and the palette attributes whose values the stylesheet trimming takes from tags only.
NOT_RULES = {"naval-base", "air-base", "map-land", "timeline-overview", "text-anchor", "at-rule", "qualified-rule",
             "data-md-color", "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent",
             "article-journal", "article-magazine", "article-newspaper", "entry-dictionary", "entry-encyclopedia",
             "paper-conference", "post-weblog", "container-title", "date-parts", "cf-mitigated",
             "content-security-policy", "dns-prefetch", "http-equiv", "retry-after", "script-src", "style-src", "utf-8",
             "explainer-citations", "explainer-external-links", "explainer-markers", "explainer-page", "explainer-anchors",
             "tabbed-set"}


def test_every_rule_reported_in_the_code_is_declared_in_the_registry():
    from explainer.checks.rules import RULES

    undeclared = {rule: path for rule, path in _rule_ids_in_code().items() if rule not in RULES and rule not in NOT_RULES}
    assert not undeclared, f"declare these in scripts/explainer/checks/rules.py (or in NOT_RULES here): {undeclared}"
    unused = set(RULES) - set(_rule_ids_in_code())
    assert not unused, f"declared but reported nowhere: {sorted(unused)}"


def test_every_declared_rule_is_named_by_a_test_or_fixture():
    from explainer.checks.rules import RULES

    tests_dir = REPO / "tests"
    named = "\n".join(path.read_text(encoding="utf-8", errors="ignore") + "\n" + path.name
                      for path in tests_dir.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    missing = sorted(rule for rule in RULES if rule not in named)
    assert not missing, f"rules with no fixture or test naming them: {missing}"


def test_list_rules_prints_every_rule_and_contributing_has_the_same_table():
    from explainer.checks.rules import RULES, rule_table

    result = run_check("--list-rules")
    assert result.code == 0
    printed = [line.split()[0] for line in result.stdout.splitlines()]
    assert printed == list(RULES)
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert rule_table() in contributing, "regenerate CONTRIBUTING.md's rule table: python scripts/check.py --list-rules --markdown"


@pytest.mark.parametrize("name, rule", [("docs/data/timeline.yml", "yaml-unreadable"), ("docs/topic.md", "page-unreadable")])
def test_a_file_that_cannot_be_read_is_reported_at_line_1(tmp_path: Path, name: str, rule: str):
    root = make_mini(tmp_path / "project", {})
    target = root / name
    target.unlink()
    if name.endswith(".yml"):
        target.mkdir()   # a folder where a file should be: unreadable even for root
    else:
        target.symlink_to(tmp_path / "gone.md")   # a page whose file is gone
    result = run_check("--jobs", "1", root=root)
    assert "Traceback" not in result.stdout + result.stderr
    assert any(line.startswith(f"{name}:1:1: error: ") and line.endswith(f"[{rule}]") for line in result.lines), result.stdout
