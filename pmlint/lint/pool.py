"""The one worker pool: chunks of work shared between forked workers and this process.

``pmlint check --jobs`` and the MkDocs plugin both use it. Work is cut into
guided chunks (each a share of what is left, so the last ones are small) and
handed to the workers from the front as soon as the pool starts. When the
results are wanted, this process claims the chunks no worker has claimed yet,
one at a time from the back, and does them itself (a shared flag per chunk,
so a chunk is done once and no future is ever cancelled): it never sits idle while
work is left, and nobody waits long at the end for one big chunk. The plugin
starts the pool early and asks for the results late, so the workers run while
MkDocs renders pages; the linter asks at once.

A worker that dies costs nothing but time: its chunks are redone here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: the smallest chunk (a chunk's round trip costs ~0.3 ms; a post-mortem ~1 ms)
MIN_CHUNK = 4


def guided_chunks(count: int, workers: int, smallest: int = MIN_CHUNK) -> list[tuple[int, int]]:
    """``[start, end)`` ranges covering ``count`` items, each a ``1/(4·workers)`` share of what is left."""
    chunks, start = [], 0
    while start < count:
        end = min(count, start + max(smallest, -(-(count - start) // (4 * workers))))
        chunks.append((start, end))
        start = end
    return chunks


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


#: in a worker: the shared claim flags and their lock (inherited when the worker starts)
_claims: tuple[Any, Any] | None = None


def _start_worker(claims: tuple[Any, Any], initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    global _claims
    _claims = claims
    initializer(*initargs)


def _claim(claims: tuple[Any, Any], index: int) -> bool:
    """Take chunk ``index`` unless this process or a worker took it first."""
    flags, lock = claims
    with lock:
        if flags[index]:
            return False
        flags[index] = 1
        return True


def _in_worker(work: Callable[[Sequence[Item]], list[Result]], index: int,
               chunk: Sequence[Item]) -> list[Result] | None:
    assert _claims is not None, "worker started without its claim flags"
    return work(chunk) if _claim(_claims, index) else None


class ChunkedWork(Generic[Item, Result]):
    """``items`` processed in ``workers - 1`` forked processes and this one; results in item order.

    ``in_worker`` runs in a worker (a module-level function, set up by
    ``initializer(*initargs)`` once per worker); ``here`` does the same work
    in this process.
    """

    def __init__(self, items: Sequence[Item], workers: int, *,
                 in_worker: Callable[[Sequence[Item]], list[Result]],
                 here: Callable[[Sequence[Item]], list[Result]],
                 initializer: Callable[..., None], initargs: tuple[Any, ...] = ()) -> None:
        self._items = items
        self._here = here
        self._chunks = guided_chunks(len(items), workers)
        self._futures: list[Future[list[Result] | None] | None] = []
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1 and len(self._chunks) > 1:
            context = multiprocessing.get_context("fork" if can_fork() else "spawn")
            self._claims = (context.Array("b", len(self._chunks), lock=False), context.Lock())
            self._pool = ProcessPoolExecutor(workers - 1, mp_context=context, initializer=_start_worker,
                                             initargs=(self._claims, initializer, initargs))
            self._futures = [self._submit(index, in_worker) for index in range(len(self._chunks))]

    def _submit(self, index: int,
                in_worker: Callable[[Sequence[Item]], list[Result]]) -> Future[list[Result] | None] | None:
        assert self._pool is not None
        start, end = self._chunks[index]
        try:
            return self._pool.submit(_in_worker, in_worker, index, self._items[start:end])
        except Exception:  # the pool broke: this process does the chunk
            return None

    def results(self) -> list[Result]:
        if self._pool is None:
            return self._here(self._items)
        done: dict[int, list[Result]] = {}
        try:
            for index in reversed(range(len(self._chunks))):  # this process works from the back
                if _claim(self._claims, index):
                    done[index] = self._run_here(index)
            for index, future in enumerate(self._futures):
                if index not in done:
                    done[index] = self._result_of(future, index)
        finally:
            self.close()
        return [result for index in range(len(self._chunks)) for result in done[index]]

    def _run_here(self, index: int) -> list[Result]:
        start, end = self._chunks[index]
        return self._here(self._items[start:end])

    def _result_of(self, future: Future[list[Result] | None] | None, index: int) -> list[Result]:
        try:
            result = future.result() if future is not None else None
        except Exception:  # a worker that died (killed, out of memory) must not lose the run
            result = None
        return self._run_here(index) if result is None else result

    def close(self) -> None:
        """Stop the workers (after the results, or when the caller fails first)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
