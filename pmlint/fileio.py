"""Safe writes: a temp file in the same folder, fsync, then an atomic rename.

A crash or Ctrl-C at any point leaves either the old file or the new one,
never half of each. Several files are committed together with
:func:`write_all`, which stages every temp file before renaming any.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def _stage(path: Path, data: bytes) -> Path:
    folder = path.parent
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".pmlint-tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(name, path.stat().st_mode & 0o7777)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (same-folder temp + rename)."""
    staged = _stage(path, data)
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def write_all(files: Mapping[Path, bytes]) -> None:
    """Stage every file first, then rename each into place.

    If staging fails nothing has changed; renames are atomic one by one.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
    except BaseException:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        raise
    for path, temp in staged.items():
        os.replace(temp, path)
