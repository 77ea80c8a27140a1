"""Writing into an explainer folder without ever losing a file.

Everything is checked before the first byte is written. A file that would
be replaced is first kept as ``NAME.orig`` (``NAME.orig.1`` ... if that is
taken), nothing is ever deleted, and a new folder is filled under a
temporary name and renamed at the end, so a failure leaves nothing behind.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from explainer.generator import GeneratorError


@dataclass(frozen=True)
class Output:
    path: str          # relative to the explainer, forward slashes
    data: bytes
    executable: bool = False


def entries(dest: Path) -> list[str]:
    """What a folder holds, ignoring an empty repository's ``.git`` (``git init`` first is fine)."""
    if not dest.exists():
        return []
    return sorted(name for name in os.listdir(dest) if name != ".git")


def would_replace(dest: Path, outputs: list[Output]) -> list[str]:
    """Existing files whose content the outputs would change."""
    return [out.path for out in outputs if (dest / out.path).is_file() and (dest / out.path).read_bytes() != out.data]


def check_paths(dest: Path, outputs: list[Output]) -> None:
    """Refuse, before writing, a file that would have to become a folder or the reverse."""
    for out in outputs:
        target = dest / out.path
        if target.is_dir() or target.is_symlink():
            raise GeneratorError(f"cannot write {out.path}: {target} is a folder or a link; move it away first")
        for parent in target.parents:
            if parent == dest or dest not in parent.parents:
                break
            if parent.exists() and not parent.is_dir():
                raise GeneratorError(f"cannot write {out.path}: {parent} is a file, not a folder; move it away first")


def write_new(dest: Path, outputs: list[Output]) -> None:
    """Fill a folder that does not exist yet (or is empty) all at once."""
    check_paths(dest, outputs)
    if dest.exists():
        for out in outputs:
            _write(dest / out.path, out)
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        for out in outputs:
            _write(staging / out.path, out)
        staging.rename(dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_over(dest: Path, outputs: list[Output]) -> list[tuple[str, str]]:
    """Write into a folder that has files: back up each one that changes. Returns what happened to each."""
    check_paths(dest, outputs)
    report = []
    for out in outputs:
        target = dest / out.path
        if target.is_file():
            if target.read_bytes() == out.data:
                _chmod(target, out.executable)
                report.append(("unchanged", out.path))
                continue
            backup = backup_name(target)
            os.replace(target, backup)
            _write(target, out)
            report.append(("replaced", f"{out.path} (your version is kept as {backup.relative_to(dest).as_posix()})"))
        else:
            _write(target, out)
            report.append(("added", out.path))
    return report


def backup_name(target: Path) -> Path:
    candidate = target.with_name(target.name + ".orig")
    number = 0
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.name}.orig.{number}")
    return candidate


def _write(target: Path, out: Output) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(out.data)
    _chmod(target, out.executable)


def _chmod(target: Path, executable: bool) -> None:
    mode = target.stat().st_mode
    wanted = mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH if executable else mode
    if wanted != mode:
        target.chmod(wanted)
