"""Which files to check: Markdown files under the given paths, and how each is named.

A file has three names (:class:`Target`): the path to open, the path shown to
the user (relative to the working folder) and the path relative to the
configuration root (what per-file ignores match).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, eq=False, repr=False)
class Target:
    """A file to lint: the path to open, the path to show, the path relative to the config root."""

    path: str
    display: str
    relative: str


def _below(absolute: str, folder: str) -> str | None:
    """``absolute`` relative to ``folder`` in posix form, or None when outside it."""
    prefix = folder.rstrip(os.sep) + os.sep
    if not absolute.startswith(prefix):
        return None
    return absolute[len(prefix) :].replace(os.sep, "/")


def targets_for(files: Sequence[Path], root_folder: Path) -> list[Target]:
    """Display paths (relative to the working folder) and config-root paths, by string prefix:
    ``os.path.relpath`` per file cost more than linting a cached one."""
    cwd, root = os.getcwd(), str(root_folder)
    targets = []
    for path in files:
        text = os.fspath(path)
        # os.path.abspath, without a getcwd() system call per file
        absolute = os.path.normpath(text if os.path.isabs(text) else os.path.join(cwd, text))
        fallback = path.as_posix()
        targets.append(Target(str(path), _below(absolute, cwd) or fallback, _below(absolute, root) or fallback))
    return targets


def relative_to_root(path: Path, root: Path) -> str:
    """The path relative to the configuration root (for per-file ignores)."""
    relative = os.path.relpath(os.path.abspath(path), root)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


@dataclass(frozen=True, eq=False, repr=False)
class Discovery:
    """The Markdown files found under the checked paths, and the paths that could not be read."""

    files: tuple[Path, ...]
    errors: tuple[tuple[str, str], ...] = ()  # (path, message)


def discover(paths: Iterable[Path]) -> Discovery:
    """Markdown files under ``paths`` (sorted, no duplicates, no symlink loops)."""
    found: dict[str, Path] = {}
    errors: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            errors.append((str(path), "no such file or directory"))
        elif path.is_dir():
            _walk(path, found, errors)
        elif not path.exists():
            errors.append((str(path), "broken symbolic link"))
        else:
            _add_file(path, found, errors)
    return Discovery(tuple(found[key] for key in sorted(found)), tuple(errors))  # str sort: fast


def _add_file(path: Path, found: dict[str, Path], errors: list[tuple[str, str]]) -> None:
    """Queue a regular file; a pipe, socket or device would block or never end on read."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # a symlink loop or a race: reading it reports the error
        mode = stat.S_IFREG
    if stat.S_ISREG(mode):
        found.setdefault(str(path), path)
    else:
        errors.append((str(path), "not a regular file (a pipe, socket or device), skipped"))


def _walk(root: Path, found: dict[str, Path], errors: list[tuple[str, str]]) -> None:
    """Markdown files under ``root``, following symlinked folders once each, skipping hidden ones.

    ``os.scandir`` entries know from the directory listing whether they are regular
    files, so the common case costs no ``stat`` per file.
    """
    visited: set[tuple[int, int]] = set()
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in visited:
                continue
            visited.add(key)
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            errors.append((str(exc.filename or folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        folders = []
        for entry in entries:
            if _is_folder(entry):
                if not entry.name.startswith("."):
                    folders.append(entry.path)
            elif entry.name.lower().endswith((".md", ".markdown")):
                if _is_regular(entry):
                    found.setdefault(entry.path, Path(entry.path))
                else:  # a pipe, socket, device, broken link or link loop: let _add_file say which
                    _add_file(Path(entry.path), found, errors)
        pending.extend(sorted(folders, reverse=True))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop
        return False


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a symlink loop
        return False
