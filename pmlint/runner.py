"""Lint many files fast: a content-hash cache and worker processes.

The cache (``.pmlint_cache/`` under the configuration root) is one JSON file
per (pmlint version, code stamp, configuration fingerprint); entries are keyed
by a hash of the file's relative path and bytes. A config change or an
upgrade selects another cache file, so a stale entry is never read.
Findings are identical with or without ``--jobs`` and the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmlint import __version__
from pmlint.config import Config
from pmlint.fileio import atomic_write
from pmlint.lint import FileResult, Finding, lint_source
from pmlint.source import MAX_FILE_BYTES, SourceError, SourceFile, Span

#: below this many files to lint, worker start-up costs more than it saves
PARALLEL_THRESHOLD = 16
CACHE_VERSION = "2"
MAX_CACHE_ENTRIES = 100_000
#: a file modified this close before the cache was saved is always re-read
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Target:
    path: str
    display: str
    relative: str


def _below(absolute: str, folder: str) -> str | None:
    """``absolute`` relative to ``folder`` in posix form, or None when outside it."""
    prefix = folder.rstrip(os.sep) + os.sep
    if not absolute.startswith(prefix):
        return None
    return absolute[len(prefix) :].replace(os.sep, "/")


def targets_for(files: Sequence[Path], config: Config) -> list[Target]:
    """Display paths (relative to the working folder) and config-root paths, by string prefix:
    ``os.path.relpath`` per file cost more than linting a cached one."""
    cwd, root = os.getcwd(), str(config.root)
    targets = []
    for path in files:
        absolute = os.path.abspath(path)
        fallback = path.as_posix()
        targets.append(Target(str(path), _below(absolute, cwd) or fallback, _below(absolute, root) or fallback))
    return targets


def lint_files(files: Sequence[Path], config: Config, *, jobs: int | None = None,
               use_cache: bool = True, keep_documents: bool = False) -> list[FileResult]:
    """Lint ``files``; results sorted by display path."""
    targets = targets_for(files, config)
    cache = _Cache.open(config) if use_cache and not keep_documents else None
    results: dict[str, FileResult] = {}
    pending: list[tuple[Target, bytes | None, _Stat | None]] = []
    for target in targets:
        data: bytes | None = None
        status: _Stat | None = None
        hit: FileResult | None = None
        if cache is not None:
            status = _stat(target.path)  # taken before reading: a later edit changes it
            hit = cache.unchanged(target, status)
            if hit is None:
                data = _read_bytes(target.path)
                hit = cache.get(target, data, status) if data is not None else None
        if hit is not None:
            results[target.display] = hit
        else:
            pending.append((target, data, status))
    workers = _worker_count(jobs, len(pending))
    if workers > 1:
        linted = _lint_parallel([t for t, _, _ in pending], config, workers)
    else:
        linted = [_lint_one(t, config, data, keep_documents) for t, data, _ in pending]
    for (target, data, status), result in zip(pending, linted):
        results[target.display] = result
        if cache is not None and data is not None and result.error is None:
            cache.put(target, data, result, status)
    if cache is not None:
        cache.save()
    return [results[key] for key in sorted(results)]


_Stat = tuple[int, int]  # (mtime_ns, size)


def _stat(path: str) -> _Stat | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _worker_count(jobs: int | None, count: int) -> int:
    if jobs is not None:
        return max(1, min(jobs, count))
    return min(os.cpu_count() or 1, count) if count > PARALLEL_THRESHOLD else 1


def _read_bytes(path: str) -> bytes | None:
    """The file's bytes for the cache key; None (lint reports why) when unreadable or too big."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_FILE_BYTES else None


def _lint_one(target: Target, config: Config, data: bytes | None, keep_document: bool) -> FileResult:
    try:
        if data is None:
            source = SourceFile.read(target.path, target.display)
        else:
            source = SourceFile.from_bytes(target.display, data)
    except SourceError as exc:
        return FileResult(target.display, error=exc.message, error_line=exc.line)
    result = lint_source(source, config, target.relative)
    if keep_document:
        return result
    return FileResult(result.path, result.findings, lines=result.lines)


def _lint_chunk(chunk: list[Target], config: Config) -> list[FileResult]:
    return [_lint_one(target, config, None, False) for target in chunk]


def _lint_parallel(targets: list[Target], config: Config, workers: int) -> list[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    size = max(1, -(-len(targets) // (workers * 4)))
    chunks = [targets[i : i + size] for i in range(0, len(targets), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        parts = pool.map(_lint_chunk, chunks, [config] * len(chunks))
        return [result for part in parts for result in part]


def _code_stamp() -> str:
    """Changes whenever pmlint's own code does (editable installs included)."""
    root = Path(__file__).parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=8)
    for path in sorted(root.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.name}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()


class _Cache:
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
    def open(cls, config: Config) -> _Cache:
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

    def unchanged(self, target: Target, status: _Stat | None) -> FileResult | None:
        """The cached result when the file's stat is unchanged since a safely older save."""
        known = self.stats.get(target.relative)
        if status is None or not isinstance(known, list) or len(known) != 3:
            return None
        mtime, size, key = known
        if [mtime, size] != list(status) or mtime >= self.saved_ns - RACY_NS:
            return None
        return self._result(target, str(key))

    def get(self, target: Target, data: bytes, status: _Stat | None = None) -> FileResult | None:
        key = self.key(target, data)
        result = self._result(target, key)
        if result is not None and status is not None:
            self._remember(target, status, key)
        return result

    def _remember(self, target: Target, status: _Stat, key: str) -> None:
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

    def put(self, target: Target, data: bytes, result: FileResult, status: _Stat | None = None) -> None:
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
