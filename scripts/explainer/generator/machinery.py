"""The machinery: which files every explainer shares, and the manifest that tracks them.

Machinery is what is the same in every explainer: the Python package and
``scripts/check.py``, the theme overrides, workflows, pre-commit, ``.ci/run``,
the pinned requirements, CONTRIBUTING.md and the generated tests. It is
copied byte for byte from a machinery source (this repository, found from
the package's location) and recorded in ``.explainer/machinery.json`` with a
sha256 per file, so ``update`` can tell a file the explainer changed from one
it did not. Content (``docs/``, ``mkdocs.yml``, ``README.md``) is written once
and is never machinery.
"""
from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from explainer.generator import GeneratorError
from explainer.generator.mkdocs_config import settings_digest

MANIFEST = ".explainer/machinery.json"
FORMAT = 1
# Copied from the machinery source as they are (folders whole).
COPIED = ["scripts", "overrides", ".github", ".pre-commit-config.yaml", ".ci/run", "requirements.txt",
          "requirements.in", "requirements-zensical.txt", "pyproject.toml", "setup.py", ".gitignore"]
# Written from the generator's own files, because this repository's versions describe its article.
TEMPLATES = Path("scripts/explainer/generator/templates/machinery")
# Never machinery, whatever a future machinery source contains: the explainer's own work.
CONTENT = ("docs/", "mkdocs.yml", "README.md", MANIFEST)
_SKIP_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "_machinery"}
_SKIP_SUFFIXES = (".pyc", ".pyo", ".orig", ".rej", ".swp", "~")


@dataclass(frozen=True)
class MachineryFile:
    path: str        # relative, with forward slashes
    data: bytes
    executable: bool

    @property
    def sha256(self) -> str:
        return sha256(self.data)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_source() -> Path:
    """The repository this package runs from (a checkout, ``pip install -e .``), else the copy
    of the machinery an installed package carries (``pip install .``; bundled by setup.py)."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "mkdocs.yml").is_file():
        return checkout
    return package / "_machinery"


def check_source(source: Path) -> Path:
    source = source.resolve()
    if not ((source / "scripts" / "explainer" / "__init__.py").is_file() and (source / "pyproject.toml").is_file()
            and (source / "mkdocs.yml").is_file()):
        raise GeneratorError(f"'{source}' is not a copy of the explainer machinery (no scripts/explainer, "
                             "pyproject.toml or mkdocs.yml); pass --from the machinery repository")
    return source


def version(source: Path) -> str:
    """The machinery's version: the one in its pyproject.toml."""
    try:
        return str(tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def collect(source: Path) -> dict[str, MachineryFile]:
    """Every machinery file of a source, by path."""
    files: dict[str, MachineryFile] = {}
    for name in COPIED:
        _add(files, source / name, source)
    templates = source / TEMPLATES
    for path in _walk(templates):
        relative = path.relative_to(templates).as_posix()
        files[relative] = MachineryFile(relative, path.read_bytes(), os.access(path, os.X_OK))
    for path in files:
        assert not path.startswith(CONTENT), f"machinery must not include content: {path}"
    return dict(sorted(files.items()))


def _add(files: dict[str, MachineryFile], path: Path, source: Path) -> None:
    for item in _walk(path) if path.is_dir() else [path] if path.is_file() else []:
        relative = item.relative_to(source).as_posix()
        files[relative] = MachineryFile(relative, item.read_bytes(), os.access(item, os.X_OK))


def _walk(folder: Path):
    if not folder.is_dir():
        return
    for directory, subdirs, names in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if d not in _SKIP_DIRS and not d.endswith(".egg-info"))
        for name in sorted(names):
            path = Path(directory) / name
            if not name.endswith(_SKIP_SUFFIXES) and not path.is_symlink():
                yield path


# The manifest ---------------------------------------------------------------

def manifest(source: Path, files: dict[str, MachineryFile]) -> dict:
    return {
        "format": FORMAT,
        "about": "Machinery files of this explainer and their sha256 when last written by the generator. "
                 "`python -m explainer update PATH/TO/THIS/EXPLAINER`, run from a newer machinery checkout, "
                 "replaces those you have not changed. Do not edit.",
        "machinery_version": version(source),
        "mkdocs_settings": settings_digest((source / "mkdocs.yml").read_text(encoding="utf-8")),
        "files": {path: item.sha256 for path, item in files.items()},
    }


def manifest_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=False) + "\n").encode("utf-8")


def read_manifest(dest: Path) -> dict:
    path = dest / MANIFEST
    if not path.is_file():
        raise GeneratorError(f"{dest} has no {MANIFEST}: it was not made by the explainer generator "
                             "(make one with: python -m explainer new ARTICLE DEST)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise GeneratorError(f"{path} is not readable JSON; restore it from the repository's history") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        raise GeneratorError(f"{path} is not a machinery manifest this generator understands (format {FORMAT})")
    for name, digest in data["files"].items():
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts or "\\" in name or not isinstance(digest, str):
            raise GeneratorError(f"{path} lists '{name[:80]}', which is not a file inside the explainer; "
                                 "restore the manifest from the repository's history")
    return data
