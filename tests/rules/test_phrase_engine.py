"""The shared phrase engine (rules._prose): what it reads as prose, and that its work is linear."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from pmlint.document.parse import parse_text
from pmlint.rules import _prose
from pmlint.rules.pm501_blame_language import DEFAULT_ALLOW, DEFAULT_PHRASES


def test_runs_join_a_hard_wrapped_paragraph_and_skip_what_is_not_prose() -> None:
    doc = parse_text(
        "# Title\n\n## Summary\nThe first line\nand the **second** `code`.\n\n> a quote\n\n"
        "```\ncode block\n```\n- item one\n- item two\n"
    )
    runs = list(_prose.prose_runs(doc))
    assert [run.lines for run in runs] == [(4, 5), (12, 13)]
    assert runs[0].text == "The first line\nand the   second   " + " " * 6 + "."
    # a span across the line break maps back to both lines' columns
    start = runs[0].text.index("line")
    assert runs[0].span(start, start + len("line\nand")) == (4, 11, 5, 4)


def _count_calls(action: Callable[[], object]) -> int:
    """How many Python and built-in calls ``action`` makes: a measure of work, not time."""
    calls = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def _blame_file(lines: int) -> str:
    return "# Outage\n\n## Summary\n" + "The deploy was careless and\nhuman error followed.\n" * (lines // 2)


def test_a_phrase_on_every_line_costs_linear_work() -> None:
    """A large file with a phrase on every line (each run a megabyte of prose) is read once:
    four times the lines is about four times the work. (Counting newlines from the start of
    the file for every match, as an earlier version did, made it quadratic: 48 s at 1 MB.)"""

    def work(lines: int) -> tuple[int, int]:
        doc = parse_text(_blame_file(lines))
        runs = list(_prose.prose_runs(doc))
        # every character of the file is scanned at most once
        assert sum(len(run.text) for run in runs) <= len(doc.source.text)
        found: list[object] = []
        calls = _count_calls(lambda: found.extend(_prose.phrase_matches(doc, DEFAULT_PHRASES, DEFAULT_ALLOW)))
        return len(found), calls

    small_found, small = work(2_000)
    large_found, large = work(8_000)
    assert (small_found, large_found) == (2_000, 8_000)
    assert large <= 4.4 * small, (small, large)
