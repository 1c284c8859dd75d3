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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmlint import __version__
from pmlint.config import Config
from pmlint.fileio import atomic_write
from pmlint.lint import FileResult, Finding, lint_source, relative_to_root
from pmlint.source import MAX_FILE_BYTES, SourceError, SourceFile, Span

#: below this many files to lint, worker start-up costs more than it saves
PARALLEL_THRESHOLD = 16
CACHE_VERSION = "1"
MAX_CACHE_ENTRIES = 100_000


@dataclass(frozen=True)
class Target:
    path: str
    display: str
    relative: str


def display_paths(files: Sequence[Path]) -> list[Target]:
    cwd = os.getcwd()
    targets = []
    for path in files:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, cwd)
        display = Path(relative).as_posix() if not relative.startswith("..") else path.as_posix()
        targets.append(Target(str(path), display, ""))
    return targets


def lint_files(files: Sequence[Path], config: Config, *, jobs: int | None = None,
               use_cache: bool = True, keep_documents: bool = False) -> list[FileResult]:
    """Lint ``files``; results sorted by display path."""
    targets = [Target(t.path, t.display, relative_to_root(Path(t.path), config)) for t in display_paths(files)]
    cache = _Cache.open(config) if use_cache and not keep_documents else None
    results: dict[str, FileResult] = {}
    pending: list[tuple[Target, bytes | None]] = []
    for target in targets:
        data = _read_bytes(target.path) if cache is not None else None  # workers read their own files
        hit = cache.get(target, data) if cache is not None and data is not None else None
        if hit is not None:
            results[target.display] = hit
        else:
            pending.append((target, data))
    workers = _worker_count(jobs, len(pending))
    if workers > 1:
        linted = _lint_parallel([t for t, _ in pending], config, workers)
    else:
        linted = [_lint_one(t, config, data, keep_documents) for t, data in pending]
    for (target, data), result in zip(pending, linted):
        results[target.display] = result
        if cache is not None and data is not None and result.error is None:
            cache.put(target, data, result)
    if cache is not None:
        cache.save()
    return [results[key] for key in sorted(results)]


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
    def __init__(self, path: Path, entries: dict[str, object]) -> None:
        self.path = path
        self.entries = entries
        self.dirty = False

    @classmethod
    def open(cls, config: Config) -> _Cache:
        folder = config.root / config.cache_dir
        name = f"findings-{CACHE_VERSION}-{__version__}-{_code_stamp()}-{config.fingerprint}.json"
        path = folder / name
        entries: dict[str, object] = {}
        try:
            loaded = json.loads(path.read_bytes())
            if isinstance(loaded, dict):
                entries = loaded
        except (OSError, ValueError):
            entries = {}  # a missing or damaged cache is only a cold run
        return cls(path, entries)

    @staticmethod
    def key(target: Target, data: bytes) -> str:
        digest = hashlib.blake2b(target.relative.encode() + b"\0" + data, digest_size=16)
        return digest.hexdigest()

    def get(self, target: Target, data: bytes) -> FileResult | None:
        entry = self.entries.get(self.key(target, data))
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

    def put(self, target: Target, data: bytes, result: FileResult) -> None:
        self.entries[self.key(target, data)] = {
            "findings": [
                {"span": [f.span.line, f.span.column, f.span.end_line, f.span.end_column],
                 "code": f.code, "name": f.name, "severity": f.severity, "message": f.message,
                 "suggestion": f.suggestion}
                for f in result.findings
            ],
            "lines": [list(item) for item in result.lines],
        }
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        if len(self.entries) > MAX_CACHE_ENTRIES:
            self.entries = dict(list(self.entries.items())[-MAX_CACHE_ENTRIES:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for stale in self.path.parent.glob("findings-*.json"):
                if stale != self.path:
                    stale.unlink(missing_ok=True)
            gitignore = self.path.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            atomic_write(self.path, json.dumps(self.entries, separators=(",", ":")).encode())
        except OSError:
            pass  # a read-only checkout still lints; it just stays cold
