"""Which files to check: Markdown files under the given paths, and how each is named.

A file has three names (:class:`Target`): the path to open, the path shown to
the user (relative to the working folder) and the path relative to the
configuration root (what per-file ignores match).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pmlint.workspace.ignore import PatternSet, ignored, read_gitignore

#: What is not a post-mortem, though it is Markdown in the incidents folder: indexes,
#: read-mes and other repository files, templates, partials (``_name.md``) and
#: vendored folders. ``exclude`` replaces this list; ``extend-exclude`` adds to it.
DEFAULT_EXCLUDE = (
    "index.*", "README.*", "CHANGELOG.*", "CONTRIBUTING.*", "CODE_OF_CONDUCT.*", "LICENSE.*",
    "SECURITY.*", "SUMMARY.*", "*template*", "templates/", "_*", "node_modules/",
)
#: the files a walk picks up; anything else in the folders is not a post-mortem
MARKDOWN = (".md", ".markdown")


class Target(NamedTuple):
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


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a file in a worktree)."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class Discovery(NamedTuple):
    """The Markdown files found under the checked paths, and the paths that could not be read."""

    files: tuple[Path, ...]
    errors: tuple[tuple[str, str], ...] = ()  # (path, message)


@dataclass(eq=False, repr=False)  # not frozen: it remembers the .gitignore files it has read; never compared
class Exclusions:
    """Which paths a check skips: ``exclude`` patterns (``.gitignore`` syntax, case-insensitive,
    relative to the configuration root) and, when ``gitignore`` is on, what git ignores.

    They apply to files named on the command line too (as ``ruff --force-exclude``
    does), so a pre-commit hook that passes ``docs/incidents/index.md`` skips it.
    """

    root: Path
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    gitignore: bool = True
    _patterns: PatternSet = field(init=False)
    _repository: Path | None = field(init=False)
    _gitignores: dict[str, PatternSet | None] = field(init=False, default_factory=dict)
    _folder_sets: dict[str, list[PatternSet]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self._patterns = PatternSet.parse(self.exclude, ignore_case=True)
        self._repository = repository_root(self.root) if self.gitignore else None

    def skips(self, path: str, is_folder: bool, *, with_parents: bool = False) -> bool:
        """Whether ``path`` (absolute, normalised) is excluded or ignored by git."""
        return self._excluded(path, is_folder, with_parents) or self._git_ignored(path, is_folder, with_parents)

    def _excluded(self, path: str, is_folder: bool, with_parents: bool) -> bool:
        relative = _below(path, str(self.root)) or os.path.basename(path)
        patterns = (self._patterns,)
        return _any_level(relative, is_folder, with_parents, lambda rel, folder: ignored(patterns, rel, folder))

    def _git_ignored(self, path: str, is_folder: bool, with_parents: bool) -> bool:
        if self._repository is None:
            return False
        relative = _below(path, str(self._repository))
        if relative is None or relative.split("/")[0] == ".git":
            return relative is not None
        return _any_level(relative, is_folder, with_parents,
                          lambda rel, folder: ignored(self._sets_for(rel), rel, folder))

    def entry_test(self, folder: str) -> Callable[[str, bool], bool]:
        """Whether an entry (name, is it a folder) of ``folder`` (absolute, normalised) is skipped.

        The folder's relative paths and .gitignore files are worked out once for all its
        entries: per entry, a walk then only joins a name and runs two regexes.
        """
        below_root = "" if folder == str(self.root) else _below(folder, str(self.root))
        patterns = (self._patterns,)
        in_repository: str | None = None
        sets: list[PatternSet] = []
        if self._repository is not None:
            in_repository = "" if folder == str(self._repository) else _below(folder, str(self._repository))
            sets = self._sets_for(f"{in_repository}/-" if in_repository else "-")  # "-": any entry of the folder

        def skips(name: str, is_folder: bool) -> bool:
            relative = f"{below_root}/{name}" if below_root else name
            if ignored(patterns, relative, is_folder):
                return True
            if in_repository is None:
                return False
            return ignored(sets, f"{in_repository}/{name}" if in_repository else name, is_folder)

        return skips

    def _sets_for(self, relative: str) -> list[PatternSet]:
        """The .gitignore files that apply to ``relative``: the repository's, then each folder's below it."""
        folder = relative.rpartition("/")[0]
        sets = self._folder_sets.get(folder)
        if sets is None:
            parts = folder.split("/") if folder else []
            found = [self._gitignore("/".join(parts[:depth])) for depth in range(len(parts) + 1)]
            sets = self._folder_sets[folder] = [s for s in found if s is not None]
        return sets

    def _gitignore(self, base: str) -> PatternSet | None:
        if base not in self._gitignores:
            assert self._repository is not None
            self._gitignores[base] = read_gitignore(self._repository / base if base else self._repository, base)
        return self._gitignores[base]


def _any_level(relative: str, is_folder: bool, with_parents: bool,
               test: Callable[[str, bool], bool]) -> bool:
    """``test`` on the path, and with ``with_parents`` on each folder above it too."""
    if with_parents:
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            if test("/".join(parts[:depth]), True):
                return True
    return test(relative, is_folder)


def discover(paths: Iterable[Path], exclusions: Exclusions | None = None) -> Discovery:
    """Markdown files under ``paths`` (sorted, no duplicates, no symlink loops), less what
    ``exclusions`` skips."""
    found: dict[str, Path] = {}
    errors: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            errors.append((str(path), "no such file or directory"))
        elif path.is_dir():
            if exclusions is None or not exclusions.skips(os.path.abspath(path), True, with_parents=True):
                _walk(path, found, errors, exclusions)
        elif not path.exists():
            errors.append((str(path), "broken symbolic link"))
        elif exclusions is None or not exclusions.skips(os.path.abspath(path), False, with_parents=True):
            _add_file(path, found, errors)
    return Discovery(tuple(found[key] for key in sorted(found)), tuple(errors))  # str sort: fast


def select(paths: Iterable[str], start: str, exclusions: Exclusions | None = None) -> list[str]:
    """Those of ``paths`` (absolute, normalised) that ``discover([start], exclusions)`` would
    list, without walking the disk: for a caller that already holds the file list (the
    MkDocs plugin). Same rule: Markdown names, no hidden folders below ``start``, nothing
    ``exclusions`` skips; folder tests are worked out once per folder."""
    start = os.path.normpath(start)
    if exclusions is not None and exclusions.skips(start, True, with_parents=True):
        return []
    tests: dict[str, Callable[[str, bool], bool]] = {}
    kept_folders: dict[str, bool] = {start: True}

    def entry_test(folder: str) -> Callable[[str, bool], bool]:
        if folder not in tests:
            tests[folder] = exclusions.entry_test(folder) if exclusions is not None else _keep
        return tests[folder]

    def folder_kept(folder: str) -> bool:
        if folder not in kept_folders:
            parent, name = os.path.split(folder)
            kept_folders[folder] = (folder_kept(parent) and not name.startswith(".")
                                    and not entry_test(parent)(name, True))
        return kept_folders[folder]

    found = []
    for path in paths:
        folder, name = os.path.split(path)
        if (_below(path, start) is not None and name.lower().endswith(MARKDOWN)
                and folder_kept(folder) and not entry_test(folder)(name, False)):
            found.append(path)
    return found


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


def _walk(root: Path, found: dict[str, Path], errors: list[tuple[str, str]],
          exclusions: Exclusions | None = None) -> None:
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
        skips = exclusions.entry_test(os.path.abspath(folder)) if exclusions is not None else _keep
        for entry in entries:
            if _is_folder(entry):
                if not entry.name.startswith(".") and not skips(entry.name, True):
                    folders.append(entry.path)
            elif entry.name.lower().endswith(MARKDOWN) and not skips(entry.name, False):
                if _is_regular(entry):
                    found.setdefault(entry.path, Path(entry.path))
                else:  # a pipe, socket, device, broken link or link loop: let _add_file say which
                    _add_file(Path(entry.path), found, errors)
        pending.extend(sorted(folders, reverse=True))


def _keep(name: str, is_folder: bool) -> bool:
    """The entry test without exclusions: nothing is skipped."""
    return False


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
