"""Parse and lint the post-mortems, in worker processes while MkDocs renders pages.

Parsing and linting cost about a third of what MkDocs spends on a page. Started in
``on_files`` and collected when the generated pages are rendered (after every other
page), the work overlaps with MkDocs' own instead of adding to it. With one CPU,
under ``mkdocs serve`` (threads and fork do not mix) or with ``jobs: 1`` it runs in
the build process, on first use. Results are identical either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from pmlint.config import Config
from pmlint.insights import IncidentFacts, incident_facts
from pmlint.lint import Finding, lint_document
from pmlint.parse import parse
from pmlint.source import SourceError, SourceFile

#: below this many post-mortems a worker's start-up costs more than it saves
PARALLEL_THRESHOLD = 24


@dataclass(frozen=True)
class Source:
    """One post-mortem to analyse: where it lives in the site and its bytes."""

    src_uri: str
    display: str
    data: bytes


@dataclass(frozen=True)
class Analysed:
    src_uri: str
    facts: IncidentFacts | None
    findings: tuple[Finding, ...] = ()
    error: str | None = None


def analyse(source: Source, config: Config, lint: bool) -> Analysed:
    """Facts and (optionally) findings for one file; unreadable files give an error, not an exception."""
    try:
        text = SourceFile.from_bytes(source.display, source.data)
    except SourceError as exc:
        return Analysed(source.src_uri, None, error=exc.message)
    doc = parse(text, config.parse_settings)
    findings = tuple(lint_document(doc, config, source.display)) if lint else ()
    return Analysed(source.src_uri, incident_facts(doc), findings)


def analyse_chunk(sources: Sequence[Source], config: Config, lint: bool) -> list[Analysed]:
    return [analyse(source, config, lint) for source in sources]


def worker_count(jobs: int | None, count: int, serving: bool) -> int:
    """Workers to start: none below the threshold, when serving, or with one CPU."""
    if jobs is not None:
        return max(0, min(jobs, count) if jobs > 1 else 0)
    if serving or count < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    # One CPU stays with MkDocs, which keeps rendering pages meanwhile.
    return min(max((os.cpu_count() or 1) - 1, 0), 4)


class Analysis:
    """Analysis results that may still be computing; :meth:`results` waits for them."""

    def __init__(self, sources: Sequence[Source], config: Config, lint: bool, workers: int) -> None:
        self.sources = list(sources)
        self.config = config
        self.lint = lint
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[list[Analysed]]] = []
        self._results: list[Analysed] | None = None
        if workers > 0 and self.sources:
            self._start(workers)

    def _start(self, workers: int) -> None:
        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(workers, mp_context=context)
        size = max(1, -(-len(self.sources) // (workers * 4)))
        for start in range(0, len(self.sources), size):
            chunk = self.sources[start : start + size]
            self._futures.append(self._pool.submit(analyse_chunk, chunk, self.config, self.lint))

    def results(self) -> list[Analysed]:
        if self._results is None:
            if self._pool is None:
                self._results = analyse_chunk(self.sources, self.config, self.lint)
            else:
                try:
                    self._results = [item for future in self._futures for item in future.result()]
                except Exception:  # a broken worker must not cost the build: redo it here
                    self._results = analyse_chunk(self.sources, self.config, self.lint)
                finally:
                    self.close()
        return self._results

    def close(self) -> None:
        """Stop the workers (after the results, or when the build fails first)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
