"""The GitHub workflows, Dependabot, the lock file and pre-commit.

These are the rules that make pull requests from strangers safe and the deploy
trustworthy (issues 7 and 9), written as tests so that a careless edit to a
workflow fails CI instead of weakening it silently.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = GITHUB / "workflows"
# owner/repo[/path]@<40 hex> followed by a "# vX.Y.Z" comment naming the release
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40})$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")
UNTRUSTED_CONTEXT = re.compile(
    r"\$\{\{[^}]*(github\.event\.(pull_request|issue|comment|review|head_commit|commits|pages)|github\.head_ref)")


# Helpers: workflows as data --------------------------------------------------

def _workflow(name: str) -> dict:
    """A workflow file, parsed; PyYAML reads the key `on` as True, so fix it."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f".github/workflows/{name} is not a YAML mapping"
    if True in data:
        data["on"] = data.pop(True)
    return data


def _workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def _triggers(workflow: dict) -> dict:
    on = workflow["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


# Every step a job runs, following a call to a reusable workflow in this repository.
def _steps(workflow: dict, job_id: str) -> list[dict]:
    job = workflow["jobs"][job_id]
    if "uses" in job:
        assert job["uses"].startswith("./.github/workflows/"), f"job '{job_id}' calls a workflow outside this repository"
        called = _workflow(Path(job["uses"]).name)
        return [step for called_id in called["jobs"] for step in _steps(called, called_id)]
    return job.get("steps", [])


def _runs(steps: list[dict]) -> str:
    return "\n".join(step.get("run", "") for step in steps)


def _step_using(steps: list[dict], action: str) -> dict:
    found = [step for step in steps if step.get("uses", "").split("@")[0] == action]
    assert found, f"no step uses {action}"
    return found[0]


def _step_running(steps: list[dict], command: str) -> dict:
    found = [step for step in steps if re.search(command, step.get("run", ""))]
    assert found, f"no step runs /{command}/"
    return found[0]


# Every `uses:` line of every workflow, with its file, line and trailing comment.
def _uses_lines() -> list[tuple[str, int, str, str]]:
    found = []
    for path in _workflow_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)\s*(?P<comment>#.*)?$", line)
            if match:
                found.append((path.name, number, match["ref"].strip("'\""), match["comment"] or ""))
    return found


# The workflows: shape, triggers, permissions ---------------------------------

EXPECTED_JOBS = {
    "pr.yml": {"build"},
    "deploy.yml": {"build", "deploy"},
    "links.yml": {"links"},
    "build.yml": {"checks", "zensical"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_JOBS))
def test_workflow_parses_with_expected_jobs(name):
    workflow = _workflow(name)
    assert workflow.get("name"), f"{name} has no 'name:'"
    assert set(workflow["jobs"]) == EXPECTED_JOBS[name]
    for job_id, job in workflow["jobs"].items():
        if "uses" not in job:
            assert job.get("timeout-minutes"), f"{name}: job '{job_id}' has no timeout-minutes"


def test_triggers():
    assert set(_triggers(_workflow("pr.yml"))) == {"pull_request"}
    deploy = _triggers(_workflow("deploy.yml"))
    assert set(deploy) == {"push", "workflow_dispatch"}
    assert deploy["push"] == {"branches": ["main"]}
    links = _triggers(_workflow("links.yml"))
    assert set(links) == {"schedule", "workflow_dispatch"}
    assert len(links["schedule"]) == 1 and len(links["schedule"][0]["cron"].split()) == 5
    assert set(_triggers(_workflow("build.yml"))) == {"workflow_call"}


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda path: path.name)
def test_no_privileged_triggers(path):
    """`pull_request_target` and `workflow_run` run with secrets and a write token:
    checking out a fork's code there hands both to a stranger."""
    triggers = _triggers(_workflow(path.name))
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    code = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    assert not any("pull_request_target" in line or "workflow_run" in line for line in code)


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda path: path.name)
def test_permissions_read_only_by_default(path):
    workflow = _workflow(path.name)
    assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: set 'permissions: contents: read' at the top"
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions", {"contents": "read"})
        if (path.name, job_id) == ("deploy.yml", "deploy"):
            assert permissions == {"pages": "write", "id-token": "write"}
        else:
            assert isinstance(permissions, dict) and set(permissions.values()) <= {"read", "none"}, \
                f"{path.name}: job '{job_id}' asks for {permissions}"


@pytest.mark.parametrize("name", ["pr.yml", "build.yml"])
def test_pull_request_jobs_use_no_secrets(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert not re.search(r"\bsecrets\.", text), f"{name} reads a secret"
    assert "secrets: inherit" not in text
    assert "GITHUB_TOKEN" not in text
    for job in _workflow(name)["jobs"].values():
        assert "secrets" not in job


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda path: path.name)
def test_no_untrusted_text_in_scripts(path):
    """A pull request's title, branch name or commit message in `${{ }}` inside a
    `run:` script is a script injection; pass such values through `env:`."""
    workflow = _workflow(path.name)
    for job_id in workflow["jobs"]:
        for step in workflow["jobs"][job_id].get("steps", []):
            assert not UNTRUSTED_CONTEXT.search(step.get("run", "")), f"{path.name}: step '{step.get('name')}'"


def test_actions_pinned_to_full_commit_shas():
    uses = _uses_lines()
    assert uses, "found no 'uses:' lines"
    pins: dict[str, set[str]] = {}
    for name, line, ref, comment in uses:
        if ref.startswith("./"):
            continue  # a workflow of this repository, reviewed with it
        match = PINNED.match(ref)
        assert match, f".github/workflows/{name}:{line}: pin '{ref}' to a full 40-character commit SHA"
        assert VERSION_COMMENT.search(comment), f".github/workflows/{name}:{line}: add the release, e.g. '# v1.2.3'"
        pins.setdefault(match["action"], set()).add(f"{match['sha']} {VERSION_COMMENT.search(comment)[0]}")
    for action, versions in pins.items():
        assert len(versions) == 1, f"{action} is pinned to different commits: {sorted(versions)}"
    assert {"actions/checkout", "actions/setup-python", "actions/upload-artifact",
            "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(pins)


# What each workflow does -----------------------------------------------------

def test_pull_request_runs_tests_checks_build_and_uploads_preview():
    workflow = _workflow("pr.yml")
    assert workflow["jobs"]["build"]["with"] == {"release": False}
    steps = _steps(workflow, "build")
    _step_running(steps, r"(?m)^\s*python scripts/check\.py\s*$")
    _step_running(steps, r"python -m pytest")
    build = _step_running(steps, r"mkdocs build --strict --site-dir site")
    preview = _step_using(steps, "actions/upload-artifact")
    assert preview["with"]["path"].rstrip("/") == "site"
    safety = _step_running(steps, r"python scripts/check\.py safety --site site")
    assert build.get("id") == "build" and safety.get("id") == "safety"
    assert steps.index(build) < steps.index(safety) < steps.index(preview)
    for needed in ("steps.build.outcome == 'success'", "steps.safety.outcome == 'success'"):
        assert needed in preview["if"], "upload a preview only of a site that built and passed the safety check"
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_install_is_pinned_with_hashes_and_cached():
    for name in ("build.yml", "links.yml"):
        steps = _steps(_workflow(name), next(iter(_workflow(name)["jobs"])))
        install = _step_running(steps, r"pip install")
        assert re.search(r"python -m pip install --require-hashes -r requirements\.txt( -r requirements-zensical\.txt)?\n",
                         install["run"])
        assert "python -m pip install --no-deps -e ." in install["run"]
        setup = _step_using(steps, "actions/setup-python")
        assert setup["with"]["cache"] == "pip"
        assert setup["with"]["cache-dependency-path"] in ("requirements.txt", "requirements*.txt")
        checkout = _step_using(steps, "actions/checkout")
        assert checkout["with"]["persist-credentials"] is False, f"{name}: the tests run contributed code; drop the token"


def test_build_has_history_chromium_and_repository_addresses():
    workflow = _workflow("build.yml")
    steps = _steps(workflow, "checks")
    assert _step_using(steps, "actions/checkout")["with"]["fetch-depth"] == 0, "'last updated' dates need the full history"
    assert re.search(r"\bchromium\b", _runs(steps)) and "apt-get install" in _runs(steps), "the browser tests need Chromium"
    assert re.search(r"packages=\"pandoc\"", _runs(steps)), "the bibliography test needs pandoc"
    build = _step_running(steps, r"mkdocs build --strict")
    assert build["env"]["GIT_DATES"] == "true"
    assert "SOURCE_DATE_EPOCH" in build["run"]
    env = build["env"]
    assert not {"SITE_URL", "REPO_URL", "GIT_DATES"} & set(workflow["jobs"]["checks"].get("env", {})), \
        "set the site's addresses on the build step only, so the tests build as they do on a laptop"
    assert "github.repository_owner" in env["SITE_URL"] and "github.event.repository.name" in env["SITE_URL"]
    assert env["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert env["REPO_NAME"] == "${{ github.repository }}"
    assert env["EDIT_URI"].startswith("edit/${{ github.event.repository.default_branch }}/docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for key, variable in (("site_url", "SITE_URL"), ("repo_url", "REPO_URL"), ("repo_name", "REPO_NAME"), ("edit_uri", "EDIT_URI")):
        assert re.search(rf"(?m)^{key}: !ENV \[{variable}\b", config), f"mkdocs.yml: '{key}' must come from ${variable}"
    assert re.search(r"enabled: !ENV \[GIT_DATES\b", config), "mkdocs.yml: the git dates plugin must follow $GIT_DATES"


def test_deploy_needs_every_check():
    workflow = _workflow("deploy.yml")
    assert workflow["jobs"]["build"]["with"] == {"release": True}
    steps = _steps(workflow, "build")
    runs = _runs(steps)
    for command in (r"(?m)^\s*python scripts/check\.py\s*$", r"python scripts/check\.py --release --site site",
                    r"python -m pytest", r"mkdocs build --strict"):
        assert re.search(command, runs), f"the deploy does not run /{command}/"
    package = _step_using(steps, "actions/upload-pages-artifact")
    assert "success()" in package["if"] and "inputs.release" in package["if"], "package the site only when all passed"
    assert package["with"]["path"].rstrip("/") == "site"
    release = _step_running(steps, r"check\.py --release")
    assert release["if"] == "${{ inputs.release }}"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"]["name"] == "github-pages"
    _step_using(deploy["steps"], "actions/deploy-pages")
    assert len(deploy["steps"]) == 1, "the job holding the Pages token runs nothing but the deploy"


def test_deploys_never_overlap_or_cancel():
    concurrency = _workflow("deploy.yml")["concurrency"]
    assert concurrency["group"] and "${{" not in concurrency["group"], "one fixed group for every deploy"
    assert concurrency["cancel-in-progress"] is False


def test_link_check_writes_the_job_summary():
    workflow = _workflow("links.yml")
    steps = _steps(workflow, "links")
    _step_running(steps, r"python scripts/check\.py links --online --report link-report\.md")
    summary = _step_running(steps, r'>> "\$GITHUB_STEP_SUMMARY"')
    assert "link-report.md" in summary["run"] and "!cancelled()" in summary["if"]


# Dependabot, the lock, templates ---------------------------------------------

def test_dependabot_covers_pip_and_actions():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert {"pip", "github-actions"} <= set(updates)
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] in ("daily", "weekly", "monthly")


def _requirements() -> list[tuple[int, str]]:
    """requirements.txt as logical lines (joined at trailing backslashes), with line numbers."""
    logical, start, current = [], 0, ""
    for number, line in enumerate((REPO / "requirements.txt").read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not current:
            start = number
        current += " " + stripped.rstrip("\\").strip()
        if not stripped.endswith("\\"):
            if current.strip():
                logical.append((start, current.strip()))
            current = ""
    return logical


def test_requirements_are_pinned_with_hashes():
    requirements = [(line, text) for line, text in _requirements() if not text.startswith("-")]
    assert len(requirements) > 10
    names = set()
    for line, text in requirements:
        match = re.match(r"^(?P<name>[A-Za-z0-9][\w.-]*)==(?P<version>[^\s;]+)", text)
        assert match, f"requirements.txt:{line}: '{text[:60]}' must be pinned with =="
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", text), f"requirements.txt:{line}: {match['name']} has no hash"
        names.add(re.sub(r"[-_.]+", "-", match["name"]).lower())
    for line, text in _requirements():
        if text.startswith("-"):
            assert not text.startswith(("--trusted-host", "-e ", "--editable")), f"requirements.txt:{line}: {text}"
            for url in re.findall(r"\S+://\S+", text):
                assert url.startswith(("https://pypi.org/", "file://")), f"requirements.txt:{line}: unexpected index {url}"
    for line in (REPO / "requirements.in").read_text(encoding="utf-8").splitlines():
        wanted = re.match(r"^\s*([A-Za-z0-9][\w.-]*)", line)
        if wanted:
            name = re.sub(r"[-_.]+", "-", wanted[1]).lower()
            assert name in names, f"requirements.in names {wanted[1]}, which requirements.txt does not lock; run pip-compile"


ISSUE_FORMS = ["factual-correction.yml", "broken-link.yml", "new-source.yml"]


@pytest.mark.parametrize("name", ISSUE_FORMS)
def test_issue_forms_are_valid(name):
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert form["name"] and form["description"] and isinstance(form["body"], list)
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    assert any(item.get("validations", {}).get("required") for item in form["body"]), f"{name}: nothing is required"
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert "label" in item.get("attributes", {}) or item["type"] == "markdown"


def test_issue_config_and_pull_request_template():
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert isinstance(config.get("blank_issues_enabled"), bool)
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    for rule in ("python scripts/check.py", "verbatim", "verified: false", "attribut"):
        assert rule in template, f"the pull-request checklist does not mention {rule!r}"


# pre-commit ------------------------------------------------------------------

def test_pre_commit_hooks_need_no_download():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    for repo in config["repos"]:
        assert repo["repo"] in ("local", "meta"), f"pre-commit repo {repo['repo']} would be downloaded"
        for hook in repo["hooks"]:
            assert hook.get("language", "system") in ("system", "pygrep") or repo["repo"] == "meta"
            assert not hook.get("additional_dependencies")


def test_pre_commit_run_all_files_passes(tmp_path):
    """`pre-commit run --all-files` on a copy of the work tree, offline."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    work = tmp_path / "repo"
    for relative in filter(None, listed):
        source = REPO / relative
        if source.is_file():
            (work / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / relative)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GITHUB_ACTIONS": "false",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=work, check=True, env=env)
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=work, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, f"pre-commit run --all-files failed:\n{done.stdout[-6000:]}\n{done.stderr[-2000:]}"


def test_the_weekly_link_check_keeps_its_cache_between_runs():
    """The online check's answers (.cache/links.json, with their expiry) survive from one week's run to the next."""
    steps = _workflow("links.yml")["jobs"]["links"]["steps"]
    cache = _step_using(steps, "actions/cache")
    assert cache["with"]["path"] == ".cache/links.json"
    assert cache["with"]["restore-keys"].startswith("link-check-") and "run_id" in cache["with"]["key"]
    names = [step.get("name", "") for step in steps]
    assert names.index(cache["name"]) < next(i for i, name in enumerate(names) if "online" in name.lower())


def test_a_zensical_job_builds_the_same_repository_and_checks_its_output():
    job = _workflow("build.yml")["jobs"]["zensical"]
    commands = "\n".join(step.get("run", "") for step in job["steps"])
    assert "requirements-zensical.txt" in commands and "--require-hashes" in commands
    assert "zensical build --clean --strict" in commands
    assert "python -m explainer publish" in commands
    assert "python scripts/check.py safety links --site site" in commands
    assert job["steps"][-1]["run"].startswith("python scripts/check.py")


def test_zizmor_findings_are_fixed_or_explained():
    """The one zizmor rule turned off says why, in .github/zizmor.yml."""
    config = (REPO / ".github" / "zizmor.yml").read_text(encoding="utf-8")
    assert "self-repository" in config and "disable: true" in config and "Revisit" in config
