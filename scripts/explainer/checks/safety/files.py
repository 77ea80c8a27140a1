"""The files under a folder, in a stable order, and their text."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator


def files(root: Path, display_root: str) -> Iterator[tuple[Path, str]]:
    """Every file under root (symbolic links included, not followed), in a stable order."""
    if not root.is_dir():
        return
    for directory, subdirs, names in os.walk(root):
        subdirs.sort()
        for name in [d for d in subdirs if (Path(directory) / d).is_symlink()] + sorted(names):
            path = Path(directory) / name
            yield path, f"{display_root}/{path.relative_to(root).as_posix()}"


def read_text(path: Path) -> str | None:
    """A file's UTF-8 text, or None if it cannot be read as such."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the page loader has already reported why
