"""Lint many files fast: the findings cache (:mod:`pmlint.cache`) and worker processes.

Findings are identical with or without ``--jobs`` and the cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint.config import Config
from pmlint.lint import FileResult, lint_source
from pmlint.source import SourceError, SourceFile

if TYPE_CHECKING:
    from pmlint.cache import Stat

#: below this many files to lint, worker start-up costs more than it saves
PARALLEL_THRESHOLD = 16


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
    cache = None
    if use_cache and not keep_documents:
        from pmlint.cache import FindingsCache, file_stat, read_bytes  # --no-cache loads no hashing or JSON

        cache = FindingsCache.open(config)
    results: dict[str, FileResult] = {}
    pending: list[tuple[Target, bytes | None, Stat | None]] = []
    for target in targets:
        data: bytes | None = None
        status: Stat | None = None
        hit: FileResult | None = None
        if cache is not None:
            status = file_stat(target.path)  # taken before reading: a later edit changes it
            hit = cache.unchanged(target, status)
            if hit is None:
                data = read_bytes(target.path, status)
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


def _worker_count(jobs: int | None, count: int) -> int:
    if jobs is not None:
        return max(1, min(jobs, count))
    return min(os.cpu_count() or 1, count) if count > PARALLEL_THRESHOLD else 1


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
