"""The one worker pool (pmlint.lint.pool): every item once, in order, whoever does it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from itertools import pairwise

import pytest

from pmlint.lint.pool import ChunkedWork, can_fork, guided_chunks

_offset = 0


def _setup(offset: int) -> None:
    global _offset
    _offset = offset


def _square_in_worker(chunk: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item + _offset, os.getpid()) for item in chunk]


def _die(chunk: Sequence[int]) -> list[tuple[int, int]]:
    os._exit(1)  # a worker killed mid-run


@pytest.mark.parametrize(("count", "workers"), [(0, 2), (1, 2), (7, 3), (100, 2), (1000, 4)])
def test_guided_chunks_cover_every_item_once_and_shrink(count: int, workers: int) -> None:
    chunks = guided_chunks(count, workers)
    assert [i for start, end in chunks for i in range(start, end)] == list(range(count))
    sizes = [end - start for start, end in chunks]
    assert all(first >= second for first, second in pairwise(sizes))


@pytest.mark.skipif(not can_fork(), reason="workers are forked")
def test_results_in_order_shared_between_workers_and_this_process() -> None:
    items = list(range(400))
    work = ChunkedWork(items, 2, in_worker=_square_in_worker,
                       here=lambda chunk: [(i * i + 1, os.getpid()) for i in chunk],
                       initializer=_setup, initargs=(1,))
    results = work.results()
    assert [value for value, _ in results] == [i * i + 1 for i in items]


@pytest.mark.skipif(not can_fork(), reason="workers are forked")
def test_a_dead_worker_costs_nothing_but_time() -> None:
    items = list(range(200))
    work = ChunkedWork(items, 3, in_worker=_die, here=lambda chunk: [(i * i, os.getpid()) for i in chunk],
                       initializer=_setup, initargs=(0,))
    assert [value for value, _ in work.results()] == [i * i for i in items]


def test_one_worker_runs_here() -> None:
    work = ChunkedWork([1, 2, 3], 1, in_worker=_square_in_worker, here=lambda chunk: [(i, 0) for i in chunk],
                       initializer=_setup)
    assert work.results() == [(1, 0), (2, 0), (3, 0)]
