"""``python -m explainer update DEST``: bring newer machinery into an explainer made earlier.

The manifest records the sha256 of every machinery file as the generator
last wrote it. A file still matching it was not changed by the explainer and
is replaced; a file that differs was changed locally and is only replaced
with ``--force``, after a ``.orig`` backup. Content is never machinery, so it
is never read or written. Nothing is written until the whole plan is known.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from explainer.model.diagnostics import EXIT_OK, EXIT_PROBLEMS
from explainer.generator import GeneratorError, machinery
from explainer.generator.writer import Output, backup_name, check_paths

_ORDER = ["replaced", "added", "restored", "removed", "replaced (forced)", "kept", "kept deleted"]


@dataclass
class Step:
    action: str        # one of _ORDER, or "unchanged"
    path: str
    item: machinery.MachineryFile | None = None


def update(dest: Path, out: TextIO, *, force: bool = False, source: Path | None = None) -> int:
    source = machinery.check_source(source or machinery.default_source())
    if not dest.is_dir():
        raise GeneratorError(f"{dest}: no such folder")
    if dest.resolve() == source:
        raise GeneratorError(f"{dest} is the machinery source itself; give the explainer to update")
    previous = machinery.read_manifest(dest)
    recorded: dict[str, str] = previous["files"]
    old_version = previous.get("machinery_version", "unknown")
    current = machinery.collect(source)
    steps = _plan(dest, recorded, current, force)

    conflicts = [s.path for s in steps if s.action == "conflict"]
    if conflicts:
        shown = ", ".join(conflicts[:5]) + (f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
        raise GeneratorError(f"{len(conflicts)} machinery file(s) in {dest} were changed locally, so nothing was updated: "
                             f"{shown}; pass --force to replace them (your versions are kept as FILE.orig)",
                             EXIT_PROBLEMS)
    check_paths(dest, [Output(s.path, b"") for s in steps if s.item is not None and s.action != "unchanged"])
    files = _apply(dest, steps, out)
    for path, digest in recorded.items():
        if any(s.path == path and s.action == "kept deleted" for s in steps):
            files[path] = digest   # still deleted on purpose: next time too
    manifest = machinery.manifest(source, {})
    manifest["files"] = dict(sorted(files.items()))
    (dest / machinery.MANIFEST).write_bytes(machinery.manifest_bytes(manifest))

    if previous.get("mkdocs_settings") not in (None, manifest["mkdocs_settings"]):
        print(f"note: the machinery's mkdocs.yml settings (theme, extensions, plugins, validation) changed; "
              f"mkdocs.yml is yours, so compare it with {source / 'mkdocs.yml'} and copy what you need", file=out)
    changed = [s for s in steps if s.action not in ("unchanged", "kept deleted")]
    if not changed:
        print(f"{dest}: the machinery is up to date (version {manifest['machinery_version']}); content untouched.", file=out)
    else:
        counts = ", ".join(f"{sum(1 for s in changed if s.action == a)} {a}" for a in _ORDER
                           if any(s.action == a for s in changed))
        print(f"Updated the machinery of {dest} from version {old_version} to {manifest['machinery_version']}: "
              f"{counts}. Content (docs/, mkdocs.yml, README.md) untouched.", file=out)
    return EXIT_OK


def _plan(dest: Path, recorded: dict[str, str], current: dict[str, machinery.MachineryFile], force: bool) -> list[Step]:
    steps = []
    for path, item in current.items():
        target, old = dest / path, recorded.get(path)
        if target.is_file():
            have = machinery.sha256(target.read_bytes())
            if have == item.sha256:
                steps.append(Step("unchanged", path, item))
            elif have == old:
                steps.append(Step("replaced", path, item))
            else:   # changed locally, or the explainer's own file where new machinery goes
                steps.append(Step("replaced (forced)" if force else "conflict", path, item))
        elif target.exists():
            steps.append(Step("replaced (forced)" if force else "conflict", path, item))
        elif old is not None:   # machinery the explainer deleted on purpose
            steps.append(Step("restored", path, item) if force else Step("kept deleted", path))
        else:
            steps.append(Step("added", path, item))
    for path, old in recorded.items():
        if path in current:
            continue
        target = dest / path
        if target.is_file() and machinery.sha256(target.read_bytes()) == old:
            steps.append(Step("removed", path))
        elif target.exists():
            steps.append(Step("kept", path))   # no longer machinery, but changed locally: the explainer's now
    return steps


def _apply(dest: Path, steps: list[Step], out: TextIO) -> dict[str, str]:
    """Carry out the plan, printing each change; return the manifest's new file hashes."""
    files: dict[str, str] = {}
    for step in steps:
        target = dest / step.path
        if step.action == "removed":
            target.unlink()
            print(f"removed: {step.path} (no longer part of the machinery)", file=out)
            continue
        if step.action == "kept":
            print(f"kept: {step.path} (no longer part of the machinery, and changed locally)", file=out)
            continue
        if step.action == "kept deleted":
            print(f"kept deleted: {step.path} (you deleted it; --force restores it)", file=out)
            continue
        assert step.item is not None
        note = ""
        if step.action == "replaced (forced)" and target.exists():
            backup = backup_name(target)
            os.replace(target, backup)
            note = f" (your version is kept as {backup.relative_to(dest).as_posix()})"
        if step.action != "unchanged":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(step.item.data)
            print(f"{step.action}: {step.path}{note}", file=out)
        if step.item.executable:
            target.chmod(target.stat().st_mode | 0o111)
        files[step.path] = step.item.sha256
    return files
