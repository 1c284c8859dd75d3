"""The findings cache (``.pmlint_cache/`` under the project root).

One JSON file per (pmlint version, code stamp, configuration fingerprint);
entries are keyed by a hash of the file's relative path and bytes. A config
change or an upgrade selects another cache file, so a stale entry is never
read. A git-style stat index skips even reading a file that has not changed.
Imported only when the cache is in use: ``--no-cache`` loads none of this.

The folder is pmlint's only when pmlint can prove it (:func:`owned_folder`):
it lies inside the project root, is not a symbolic link (nor reached through
one), and either pmlint creates it or it holds pmlint's ``CACHEDIR.TAG``. Any
other folder (``cache_dir = "."``, a committed link) is neither read nor
written: the run is simply cold. Inside its own folder pmlint deletes only
its own ``findings-*.json`` files.

A cache file is trusted only when it carries a seal that only this folder can
give: a keyed hash of its contents whose key is the identity of the folder's
``CACHEDIR.TAG`` (device, inode and change time, which the file system sets
and no commit, copy or cache restore reproduces). A cache file written by
anyone else, committed in a pull request or edited by hand, is ignored (a
cold run) instead of hiding findings; so is one copied from elsewhere. Each
entry's shape is checked as well: a finding must name a known rule.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import stat
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint import __version__
from pmlint.document.source import MAX_FILE_BYTES, Span, read_capped
from pmlint.lint.config import Config
from pmlint.lint.engine import FileResult, Finding

if TYPE_CHECKING:
    from pmlint.workspace.discovery import Target

CACHE_VERSION = "2"
MAX_CACHE_ENTRIES = 100_000
#: a file modified this close before the cache was saved is always re-read
RACY_NS = 2_000_000_000

Stat = tuple[int, int]  # (mtime_ns, size)

#: the Cache Directory Tagging Specification's tag (backup tools skip the folder), naming pmlint as owner
MARKER = "CACHEDIR.TAG"
MARKER_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
               "# pmlint's findings cache: safe to delete; pmlint deletes only its own files here.\n")
_OWN_FILE = re.compile(r"findings-[A-Za-z0-9.+_-]+\.json")
#: what an older pmlint left in its cache folder (adopted: it holds nothing else)
_LEGACY = re.compile(r"\.gitignore|findings-[A-Za-z0-9.+_-]+\.json|\..+\.pmlint-(tmp|old)")


def project_root(config: Config, files: Sequence[str] = ()) -> Path:
    """Where the cache lives: the configuration's folder; without a configuration file, the
    repository (nearest ``.git``) holding the checked files, else the working folder when they
    are below it, else their common folder."""
    if config.path is not None or not files:
        return config.root
    common = Path(os.path.commonpath([os.path.dirname(os.path.abspath(name)) for name in files]))
    for folder in (common, *common.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    cwd = Path.cwd()
    return cwd if common == cwd or cwd in common.parents else common


def owned_folder(folder: Path, root: Path) -> bool | None:
    """True if ``folder`` is pmlint's cache folder, None if it does not exist yet (pmlint may
    create it), False if it is someone else's: outside ``root``, a link, or holding other files."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(folder)
    if real == real_root or not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return False  # the project root itself, outside it, or reached through a link
    if real != os.path.join(real_root, os.path.relpath(os.path.abspath(folder), os.path.abspath(root))):
        return False  # some folder on the way is a link
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    try:
        with open(os.path.join(folder, MARKER), "rb") as handle:  # nofollow below: a link is not a tag
            if os.path.islink(os.path.join(folder, MARKER)):
                return False
            return handle.read(len(MARKER_TEXT) + 1) == MARKER_TEXT.encode()
    except FileNotFoundError:
        return _adopt(folder)
    except OSError:
        return False


def _adopt(folder: Path) -> bool:
    """A folder an older pmlint made (only its files, no tag yet): tag it as pmlint's."""
    try:
        names = os.listdir(folder)
        if not all(_LEGACY.fullmatch(name) and not os.path.islink(os.path.join(folder, name)) for name in names):
            return False
        _write_marker(folder)
    except OSError:
        return False
    return True


def _write_marker(folder: Path) -> None:
    with open(os.path.join(folder, MARKER), "x", encoding="utf-8") as handle:
        handle.write(MARKER_TEXT)
    with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as handle:
        handle.write("*\n")


def file_stat(path: str) -> Stat | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def read_bytes(path: str, status: Stat | None) -> bytes | None:
    """The file's bytes for the cache key; None (lint reports why) when unreadable or too big."""
    try:
        with open(path, "rb") as handle:
            data = read_capped(handle, status[1] if status else MAX_FILE_BYTES)
    except OSError:
        return None
    return data if len(data) <= MAX_FILE_BYTES else None


def _code_stamp() -> str:
    """Changes whenever pmlint's own code does (editable installs included)."""
    root = Path(__file__).parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=8)
    for path in sorted(root.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.name}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()


class FindingsCache:
    """Findings by content hash, plus a stat index (like git's) to skip reading unchanged files.

    A stat entry is trusted only when the file's mtime is older than the cache's
    last save by more than :data:`RACY_NS`, so an edit within the same clock tick
    as a save is always re-read and re-hashed.
    """

    def __init__(self, path: Path, entries: dict[str, object], stats: dict[str, object], saved_ns: int,
                 root: Path) -> None:
        self.path = path
        self.entries = entries
        self.stats = stats
        self.saved_ns = saved_ns
        self.root = root  # the project root: the folder must lie inside it
        self.dirty = False

    @classmethod
    def open(cls, config: Config, files: Sequence[str] = ()) -> FindingsCache:
        """The cache for ``config`` (``files``: the checked files, which place it when there is no
        configuration file); empty when the folder is not pmlint's."""
        root = project_root(config, files)
        folder = root / config.cache_dir
        name = f"findings-{CACHE_VERSION}-{__version__}-{_code_stamp()}-{config.fingerprint}.json"
        path = folder / name
        if not owned_folder(folder, root):
            return cls(path, {}, {}, 0, root)
        try:
            loaded = json.loads(_unsealed(path))
            entries, stats, saved = loaded["entries"], loaded["stats"], loaded["saved_ns"]
            if isinstance(entries, dict) and isinstance(stats, dict) and isinstance(saved, int):
                return cls(path, entries, stats, saved, root)
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            pass  # a missing, damaged, forged or too deeply nested cache is only a cold run
        return cls(path, {}, {}, 0, root)

    @staticmethod
    def key(target: Target, data: bytes) -> str:
        name = target.relative.encode("utf-8", "surrogateescape")  # a file name that is not UTF-8 too
        digest = hashlib.blake2b(name + b"\0" + data, digest_size=16)
        return digest.hexdigest()

    def unchanged(self, target: Target, status: Stat | None) -> FileResult | None:
        """The cached result when the file's stat is unchanged since a safely older save."""
        known = self.stats.get(target.relative)
        if status is None or not isinstance(known, list) or len(known) != 3:
            return None
        mtime, size, key = known
        if [mtime, size] != list(status) or mtime >= self.saved_ns - RACY_NS:
            return None
        return self._result(target, str(key))

    def get(self, target: Target, data: bytes, status: Stat | None = None) -> FileResult | None:
        key = self.key(target, data)
        result = self._result(target, key)
        if result is not None and status is not None:
            self._remember(target, status, key)
        return result

    def _remember(self, target: Target, status: Stat, key: str) -> None:
        record = [status[0], status[1], key]
        if self.stats.get(target.relative) != record:
            self.stats[target.relative] = record
            self.dirty = True

    def _result(self, target: Target, key: str) -> FileResult | None:
        entry = self.entries.get(key)
        if not isinstance(entry, dict):
            return None
        try:
            findings = tuple(_finding(target, item) for item in entry["findings"])
            lines = tuple((n, t) for n, t in entry["lines"] if _positive(n) and isinstance(t, str))
        except (KeyError, TypeError, ValueError):
            return None
        if len(lines) != len(entry["lines"]):
            return None
        return FileResult(target.display, findings, lines=lines)

    def put(self, target: Target, data: bytes, result: FileResult, status: Stat | None = None) -> None:
        key = self.key(target, data)
        self.entries[key] = {
            "findings": [
                {"span": list(f.span), "code": f.code, "name": f.name, "severity": f.severity,
                 "message": f.message, "suggestion": f.suggestion}
                for f in result.findings
            ],
            "lines": [list(item) for item in result.lines],
        }
        if status is not None:
            self._remember(target, status, key)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        from pmlint.workspace.files import atomic_write  # an unchanged (warm) run writes nothing

        if len(self.entries) > MAX_CACHE_ENTRIES:
            self.entries = dict(list(self.entries.items())[-MAX_CACHE_ENTRIES:])
            self.stats = {}
        payload = {"saved_ns": time.time_ns(), "entries": self.entries, "stats": self.stats}
        folder = self.path.parent
        try:
            owned = owned_folder(folder, self.root)
            if owned is None:  # pmlint makes it, so it is pmlint's (exist_ok=False: never adopt a race)
                folder.mkdir(parents=True)
                _write_marker(folder)
            elif not owned:
                return  # not pmlint's folder: write and delete nothing there
            for entry in os.scandir(folder):
                if entry.name != self.path.name and _OWN_FILE.fullmatch(entry.name) and entry.is_file(
                        follow_symlinks=False):
                    os.unlink(entry.path)
            data = json.dumps(payload, separators=(",", ":")).encode()
            seal = _seal(folder, data)
            if seal is not None:
                atomic_write(self.path, seal + b"\n" + data, root=self.root)
        except OSError:
            pass  # a read-only checkout still lints; it just stays cold


def _folder_key(folder: Path) -> bytes | None:
    """The key of ``folder``'s seal: its tag's device, inode and change time (None without a tag)."""
    try:
        info = os.lstat(folder / MARKER)
    except OSError:
        return None
    return f"{info.st_dev}:{info.st_ino}:{info.st_ctime_ns}".encode()


def _seal(folder: Path, data: bytes) -> bytes | None:
    key = _folder_key(folder)
    if key is None:
        return None
    return hashlib.blake2b(data, key=key[:64], digest_size=32).hexdigest().encode()


def _unsealed(path: Path) -> bytes:
    """The JSON of a cache file this folder sealed; ValueError for any other file."""
    seal, _, data = path.read_bytes().partition(b"\n")
    expected = _seal(path.parent, data)
    if expected is None or not hmac.compare_digest(seal, expected):
        raise ValueError("not sealed by this cache folder")
    return data


def _positive(value: object) -> bool:
    return type(value) is int and value >= 1


@cache
def _rule_names() -> dict[str, str]:
    from pmlint.rules._catalogue import catalogue  # the codes and names, without importing a rule

    return catalogue()


def _finding(target: Target, item: dict[str, object]) -> Finding:
    """A cached finding, checked: a known rule's code and name, a severity, a span, text."""
    span, code, name, severity = item["span"], item["code"], item["name"], item["severity"]
    message, suggestion = item["message"], item["suggestion"]
    if not (isinstance(span, list) and len(span) == 4 and all(_positive(n) for n in span)
            and isinstance(code, str) and _rule_names().get(code) == name and severity in ("error", "warning")
            and isinstance(message, str) and (suggestion is None or isinstance(suggestion, str))):
        raise ValueError("not a finding pmlint wrote")
    return Finding(target.display, Span(*span), code, str(name), str(severity), message, suggestion)
