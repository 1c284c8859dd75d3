"""Lint many files fast: the findings cache (:mod:`pmlint.lint.cache`) and worker processes.

Findings are identical with or without ``--jobs`` and the cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint.document.source import SourceFile
from pmlint.lint.config import Config
from pmlint.lint.engine import FileResult, lint_bytes, lint_path, lint_source
from pmlint.workspace.discovery import Target, targets_for

if TYPE_CHECKING:
    from pmlint.lint.cache import Stat

#: below this many files to lint, worker start-up costs more than it saves
PARALLEL_THRESHOLD = 16


def lint_files(files: Sequence[Path], config: Config, *, jobs: int | None = None,
               use_cache: bool = True, keep_documents: bool = False) -> list[FileResult]:
    """Lint ``files``; results sorted by display path."""
    targets = targets_for(files, config.root)
    cache = None
    if use_cache and not keep_documents:
        from pmlint.lint.cache import FindingsCache, file_stat, read_bytes  # --no-cache loads no hashing or JSON

        cache = FindingsCache.open(config, [target.path for target in targets])
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
    for (target, data, status), result in zip(pending, linted, strict=True):
        results[target.display] = result
        if cache is not None and data is not None and result.error is None:
            cache.put(target, data, result, status)
    if cache is not None:
        cache.save()
    return [results[key] for key in sorted(results)]


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, as a container sets it), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity masks (macOS, Windows)
        return os.cpu_count() or 1


def _worker_count(jobs: int | None, count: int) -> int:
    cpus = usable_cpus()
    if jobs is not None:
        # each worker holds a parser, the rules and a file: more of them than CPUs only adds
        # memory (--jobs 200 took 2.3 GB; 1,000 was killed for lack of memory)
        return max(1, min(jobs, count, cpus))
    return min(cpus, count) if count > PARALLEL_THRESHOLD else 1


def _lint_one(target: Target, config: Config, data: bytes | None, keep_document: bool) -> FileResult:
    if data is None:
        result = lint_path(target.path, config, target.display, target.relative)
    else:
        result = lint_bytes(target.display, data, config, target.relative)
    if keep_document or result.error is not None:
        return result
    return FileResult(result.path, result.findings, lines=result.lines)


#: the configuration of a worker process, set once when it starts (not sent with every chunk)
_worker_config: Config | None = None


def _start_worker(config: Config) -> None:
    """A worker's first step: keep the configuration, then import and warm up the
    parser and rules itself, while this process does the same (see :func:`_warm_up`)."""
    global _worker_config
    _worker_config = config
    _warm_up(config)


def _lint_chunk(chunk: Sequence[Target]) -> list[FileResult]:
    config = _worker_config
    assert config is not None, "worker started without its configuration"
    return [_lint_one(target, config, None, False) for target in chunk]


#: a small post-mortem each worker lints once before its first chunk (see :func:`_warm_up`)
_WARM_UP_TEXT = """---
title: Warm-up
date: 2026-01-01
---
# Warm-up

## Timeline

| Time | Event |
|------|-------|
| 09:15 | Alert fired |

## Action Items

- [ ] AI-1 Add an alert - owner: @dana, due: 2026-02-01, priority: P1
"""


def _warm_up(config: Config) -> None:
    """Import the parser and rules and build their state, then move every object
    out of the collector's reach (``gc.freeze``): the worker's collections neither
    scan them nor write to the pages it still shares with this process.

    Workers do this in their initializer, right after the fork, at the same time
    as this process imports the same modules for its own first file. Warming up
    here before forking kept every process waiting for it (60-90 ms; -j2 against
    -j1 went from 0.56 to 0.52 on two CPUs when that wait went); each worker
    importing for itself costs CPU time instead, which a worker on its own CPU
    has to spare.
    """
    import gc

    lint_source(SourceFile.from_text("<warm-up>", _WARM_UP_TEXT), config)
    gc.freeze()


def _lint_parallel(targets: list[Target], config: Config, workers: int) -> list[FileResult]:
    """Lint in ``workers`` processes: this one and ``workers - 1`` forked workers (:mod:`pmlint.lint.pool`)."""
    # Imported here: multiprocessing and concurrent.futures cost a one-file check
    # (the pre-commit case) about 10 ms of start-up it never uses.
    from pmlint.lint.pool import ChunkedWork

    work = ChunkedWork(targets, workers, in_worker=_lint_chunk, here=lambda chunk: _lint_here(chunk, config),
                       initializer=_start_worker, initargs=(config,))
    return work.results()


def _lint_here(chunk: Sequence[Target], config: Config) -> list[FileResult]:
    return [_lint_one(target, config, None, False) for target in chunk]
