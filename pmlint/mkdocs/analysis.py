"""Parse and lint the post-mortems, in worker processes while MkDocs renders pages.

Parsing and linting cost about a third of what MkDocs spends on a page. Started in
``on_files`` and collected when the generated pages are rendered (after every other
page), the work overlaps with MkDocs' own instead of adding to it; the workers are
the linter's (:mod:`pmlint.lint.pool`). With one CPU, under ``mkdocs serve``
(threads and fork do not mix) or with ``jobs: 1`` it runs in the build process, on
first use. Results are identical either way.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass

from pmlint.document.parse import parse
from pmlint.document.source import SourceError, SourceFile
from pmlint.insights import IncidentFacts, incident_facts
from pmlint.lint.config import Config
from pmlint.lint.engine import Finding, lint_document
from pmlint.lint.pool import ChunkedWork, can_fork
from pmlint.lint.runner import usable_cpus

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
        return Analysed(source.src_uri, None, error=str(exc))  # path:line: why, as every command says it
    doc = parse(text, config.parse_settings)
    findings = tuple(lint_document(doc, config, source.display)) if lint else ()
    return Analysed(source.src_uri, incident_facts(doc), findings)


def analyse_chunk(sources: Sequence[Source], config: Config, lint: bool) -> list[Analysed]:
    return [analyse(source, config, lint) for source in sources]


def worker_count(jobs: int | None, count: int, serving: bool) -> int:
    """Workers to start: none when serving or with one CPU (and :class:`Analysis` starts
    none for fewer than ``PARALLEL_THRESHOLD`` files to analyse)."""
    if jobs is not None:  # never more than the CPUs: more workers only add memory
        return max(0, min(jobs, count, usable_cpus()) if jobs > 1 else 0)
    if serving or count < PARALLEL_THRESHOLD or not can_fork():
        return 0
    # One CPU stays with MkDocs, which keeps rendering pages meanwhile.
    return min(max((os.cpu_count() or 1) - 1, 0), 4)


#: what each worker analyses with, set once when it starts (fork: inherited, not pickled)
_WORKER_SETUP: tuple[Config, bool] | None = None


def _init_worker(config: Config, lint: bool) -> None:
    global _WORKER_SETUP
    _WORKER_SETUP = (config, lint)


def _worker_chunk(sources: Sequence[Source]) -> list[Analysed]:
    assert _WORKER_SETUP is not None
    return analyse_chunk(sources, *_WORKER_SETUP)


class Analysis:
    """Analysis results that may still be computing; :meth:`results` waits for them
    (and does the chunks no worker has started yet itself)."""

    def __init__(self, sources: Sequence[Source], config: Config, lint: bool, workers: int,
                 memo: dict[tuple[str, bytes], Analysed] | None = None) -> None:
        self.order = [source.src_uri for source in sources]
        self.displays = {source.src_uri: source.display for source in sources}
        self.config = config
        self.lint = lint
        # Results of unchanged files from the previous build (mkdocs serve keeps the plugin).
        self._memo = {} if memo is None else memo
        self._digests = {s.src_uri: hashlib.blake2b(s.data, digest_size=16).digest() for s in sources}
        self._reused = {uri: self._memo[(uri, key)] for uri, key in self._digests.items() if (uri, key) in self._memo}
        fresh = [source for source in sources if source.src_uri not in self._reused]
        self._work: ChunkedWork[Source, Analysed] | None = ChunkedWork(
            fresh, workers + 1 if workers > 0 and len(fresh) >= PARALLEL_THRESHOLD else 1,
            in_worker=_worker_chunk, here=lambda chunk: analyse_chunk(chunk, config, lint),
            initializer=_init_worker, initargs=(config, lint))
        self._results: list[Analysed] | None = None

    def results(self) -> list[Analysed]:
        if self._results is None:
            assert self._work is not None
            fresh = self._work.results()
            self._work = None  # the files' bytes are not needed any more
            found = {**self._reused, **{item.src_uri: item for item in fresh}}
            self._results = [found[uri] for uri in self.order]
            self._memo.clear()
            self._memo.update({(uri, self._digests[uri]): found[uri] for uri in self.order})
        return self._results

    def close(self) -> None:
        """Stop the workers (when the build fails before the results are wanted)."""
        if self._work is not None:
            self._work.close()
