"""The findings cache (``.pmlint_cache/`` under the configuration root).

One JSON file per (pmlint version, code stamp, configuration fingerprint);
entries are keyed by a hash of the file's relative path and bytes. A config
change or an upgrade selects another cache file, so a stale entry is never
read. A git-style stat index skips even reading a file that has not changed.
Imported only when the cache is in use: ``--no-cache`` loads none of this.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
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

    def __init__(self, path: Path, entries: dict[str, object], stats: dict[str, object], saved_ns: int) -> None:
        self.path = path
        self.entries = entries
        self.stats = stats
        self.saved_ns = saved_ns
        self.dirty = False

    @classmethod
    def open(cls, config: Config) -> FindingsCache:
        folder = config.root / config.cache_dir
        name = f"findings-{CACHE_VERSION}-{__version__}-{_code_stamp()}-{config.fingerprint}.json"
        path = folder / name
        try:
            loaded = json.loads(path.read_bytes())
            entries, stats, saved = loaded["entries"], loaded["stats"], loaded["saved_ns"]
            if isinstance(entries, dict) and isinstance(stats, dict) and isinstance(saved, int):
                return cls(path, entries, stats, saved)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a missing or damaged cache is only a cold run
        return cls(path, {}, {}, 0)

    @staticmethod
    def key(target: Target, data: bytes) -> str:
        digest = hashlib.blake2b(target.relative.encode() + b"\0" + data, digest_size=16)
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
            findings = tuple(
                Finding(target.display, Span(*item["span"]), item["code"], item["name"],
                        item["severity"], item["message"], item["suggestion"])
                for item in entry["findings"]
            )
            lines = tuple((int(n), str(t)) for n, t in entry["lines"])
        except (KeyError, TypeError, ValueError):
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for stale in self.path.parent.glob("findings-*.json"):
                if stale != self.path:
                    stale.unlink(missing_ok=True)
            gitignore = self.path.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            atomic_write(self.path, json.dumps(payload, separators=(",", ":")).encode())
        except OSError:
            pass  # a read-only checkout still lints; it just stays cold
