"""Crafted files that once took quadratic time (issue 16, item 5).

Each attack runs at a size where the old code took minutes (measured before the
fix, given per test) and the new one well under a second; the bound on CPU time
is far from both, so a busy machine cannot fail it and a quadratic path cannot
pass it. Property tests hold each linear path to the simple (slow) definition it
replaced. The 1 MB timings live in ``benchmarks/crafted.py``.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.document.edits import Edit
from pmlint.document.model import Document
from pmlint.document.parse import parse
from pmlint.document.source import SourceFile, Span
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import FileResult, Finding, _Suppressions, lint_source
from pmlint.lint.fix import fix_source, select_edits
from pmlint.report.text_format import render
from pmlint.rules import expand_selector
from pmlint.rules._comments import replace_comments
from pmlint.rules.base import Fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import crafted  # the benchmark's builders: the same shapes at any size

CONFIG = config_from_mapping({})
#: CPU seconds: the old code needed minutes at these sizes, the new one needs about one
BOUND = 30.0


@contextmanager
def bounded() -> Iterator[None]:
    start = time.process_time()
    yield
    spent = time.process_time() - start
    assert spent < BOUND, f"{spent:.1f} s of CPU: a quadratic path is back"


def check(text: str) -> FileResult:
    with bounded():
        result = lint_source(SourceFile.from_text("crafted.md", text), CONFIG)
        render([result])
    return result


# --- the attacks --------------------------------------------------------------------------------


def test_unclosed_comment_openers_in_a_section() -> None:
    # 40,000 '<!--' lines in the summary: 97 s before (each opening rescanned the rest of the file)
    check(crafted.FRONT + "## Summary\n\n" + "<!--\n" * 40_000)


def test_unclosed_comment_openers_on_one_impact_line() -> None:
    # 50,000 '<!--' on one line of the impact section: over 5 minutes before
    check(crafted.FRONT + "## Impact\n\nSome users " + "<!--" * 50_000 + "\n")


def test_suppression_openings_that_never_close() -> None:
    # 20,000 '<!-- pmlint-disable' with no '>' after them: each scanned to the end of the file
    result = check(crafted.FRONT + "text <!-- pmlint-disable " * 20_000 + "\n")
    assert result.document is not None and result.document.suppressions == ()


def test_many_disable_comments_on_one_line_above_many_findings() -> None:
    # 3,000 comments x 3,000 findings: 85 s before (every comment looked at for every finding)
    comments = "x " + "<!-- pmlint-disable PM204 --><!-- pmlint-enable PM204 -->" * 1_500
    result = check(crafted.FRONT + comments + "\n\n" + crafted.many_findings(40_000)[len(crafted.FRONT):])
    assert sum(f.code == "PM201" for f in result.findings) > 3_000


def test_disable_next_line_comments_above_findings() -> None:
    # 5,000 comments, each above a finding: every finding walked every comment above it (17 s before)
    result = check(crafted.disable_next_line(300_000))
    assert not [f for f in result.findings if f.code == "PM501"]  # each comment hides the line after it


def test_many_findings_in_text_output() -> None:
    # 50,000 findings, each looking up its source line: a scan of every line per finding before
    lines = tuple((n, f"| 9:1 | row {n} |") for n in range(1, 50_001))
    findings = tuple(Finding("a.md", Span(n, 3, n, 6), "PM201", "invalid-timestamp", "warning", "bad")
                     for n, _ in lines)
    with bounded():
        text = render([FileResult("a.md", findings, lines=lines)])
    assert text.count("^^^") == 50_000


def test_fix_overlap_check_is_not_pairwise() -> None:
    # 40,000 fixes: 128 s before (every edit compared with every edit taken)
    fixes = [_finding(Edit(n * 10, n * 10 + 4, "09:15")) for n in range(40_000)]
    with bounded():
        edits, applied = select_edits(fixes, 400_000)
    assert len(applied) == 40_000 and len(edits) == 40_000


def test_fix_of_a_timeline_of_unpadded_times() -> None:
    with bounded():
        outcome = fix_source(SourceFile.from_text("a.md", crafted.fix_overlap(200_000)), CONFIG)
    assert len(outcome.applied) > 10_000 and "| 9:15 |" not in outcome.after


def test_a_fix_that_changes_nothing_a_reader_sees_is_not_applied_pass_after_pass() -> None:
    # skeleton sections appended after an unclosed "<!--" stay inside the comment: PM101 found
    # them missing again on each of the 10 passes, so they were appended 10 times (1 MB: 16 s)
    text = crafted.comment_openers(2_000)
    outcome = fix_source(SourceFile.from_text("a.md", text), CONFIG)
    assert outcome.after == text and not outcome.applied
    assert outcome.result is not None and "PM101" in {f.code for f in outcome.result.findings}


def test_the_other_fixes_of_that_pass_are_still_applied() -> None:
    text = crafted.FRONT + "## Timeline\n\n| Time | Event |\n|---|---|\n| 9:15 | x |\n\n<!--\n"
    outcome = fix_source(SourceFile.from_text("a.md", text), CONFIG)
    # the sections that go before the Timeline are inserted, the ones after it are not appended
    assert [f.message for f in outcome.applied] == ["missing required section 'Summary'",
                                                    "missing required section 'Impact'",
                                                    "timestamp '9:15' is not zero-padded"]
    assert outcome.after.endswith("| 09:15 | x |\n\n<!--\n") and "## Root Cause" not in outcome.after


# --- the linear paths equal the definitions they replaced -----------------------------------------

_PIECES = st.lists(st.sampled_from(["<!--", "-->", "--", ">", "<", "!", " ", "\n", "x", "pmlint-",
                                    "disable", "disable-next-line", "enable", "PM101", ",", "-"]), max_size=40)
FAST = settings(max_examples=300, deadline=None)


@FAST
@given(_PIECES.map("".join))
def test_replace_comments_is_the_lazy_comment_pattern(text: str) -> None:
    pattern = re.compile(r"<!--.*?-->", re.DOTALL)
    assert replace_comments(text) == pattern.sub("", text)
    assert replace_comments(text, None) == pattern.sub(lambda m: " " * len(m.group(0)), text)


_OLD_SUPPRESSION = re.compile(r"<!--\s*pmlint-(disable-next-line|disable|enable)\b([^>]*?)-->", re.IGNORECASE)


@FAST
@given(_PIECES.map("".join))
def test_suppression_comments_are_read_as_the_old_pattern_read_them(text: str) -> None:
    source = SourceFile.from_text("a.md", text)
    expected = [(m.group(1).lower(), tuple(c for c in re.split(r"[\s,]+", m.group(2).strip()) if c),
                 source.position(m.start())[0]) for m in _OLD_SUPPRESSION.finditer(source.text)]
    found = [(s.kind, s.codes, s.line) for s in parse(source).suppressions]
    assert found == expected


def _old_suppressor(doc: Document, finding: Finding) -> int | None:
    """The scan of every comment for every finding that :class:`_Suppressions` replaced."""
    def matches(codes: tuple[str, ...]) -> bool:
        return not codes or any(finding.code in expand_selector(code) for code in codes)

    def next_content_line(line: int) -> int:
        number = line + 1
        while number <= len(doc.source.lines) and not doc.source.line(number).strip():
            number += 1
        return number

    active: int | None = None
    for index, item in enumerate(doc.suppressions):
        if item.line > finding.line:
            break
        if item.kind == "disable-next-line":
            if next_content_line(item.line) == finding.line and matches(item.codes):
                return index
        elif matches(item.codes):
            active = index if item.kind == "disable" else None
    return active


_COMMENT = st.builds(lambda kind, codes: f"<!-- pmlint-{kind} {codes} -->",
                     st.sampled_from(["disable", "enable", "disable-next-line"]),
                     st.sampled_from(["", "PM201", "PM2", "invalid-timestamp, PM501", "PM999", "ALL"]))
_LINES = st.lists(st.one_of(_COMMENT, st.just(""), st.just("| 9:1 | x |"), st.just("He was careless.")),
                  max_size=25)


@FAST
@given(_LINES, st.lists(st.tuples(st.integers(1, 30), st.sampled_from(["PM201", "PM501", "PM204"])),
                        max_size=20))
def test_suppressions_hide_what_the_scan_of_every_comment_hid(lines: list[str],
                                                              found: list[tuple[int, str]]) -> None:
    doc = parse(SourceFile.from_text("a.md", "\n".join(lines)))
    index = _Suppressions(doc)
    for line, code in found:
        finding = Finding("a.md", Span(line, 1, line, 2), code, "name", "warning", "m")
        assert index.suppressor(finding) == _old_suppressor(doc, finding)


def _finding(*edits: Edit) -> Finding:
    return Finding("a.md", Span(1, 1, 1, 1), "PM201", "x", "warning", "m", fix=Fix("fix", edits))


def _old_overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return False
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _old_select(findings: list[Finding], length: int) -> list[Finding]:
    taken: list[Edit] = []
    applied = []
    for finding in findings:
        assert finding.fix is not None
        edits = finding.fix.edits
        valid = all(0 <= e.start <= e.end <= length for e in edits) and not any(
            _old_overlaps(a, b) for i, a in enumerate(edits) for b in edits[i + 1:])
        if valid and not any(_old_overlaps(e, t) for e in edits for t in taken):
            taken.extend(edits)
            applied.append(finding)
    return applied


_EDIT = st.builds(lambda start, size: Edit(start, start + size, "x"), st.integers(0, 30), st.integers(0, 4))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_EDIT, min_size=1, max_size=3).map(lambda edits: _finding(*edits)), max_size=15))
def test_fixes_taken_are_those_the_pairwise_check_took(findings: list[Finding]) -> None:
    assert [id(f) for f in select_edits(findings, 32)[1]] == [id(f) for f in _old_select(findings, 32)]


_OLD_NEGATED = re.compile(
    r"(?:\b(?:not|never|no|nothing|nobody|none|neither|nor|without|hardly|beyond|rather\s+than|instead\s+of)"
    r"|n['’]t)\W+(?:[\w'’-]+\W+){0,2}$",
    re.IGNORECASE,
)
_NEGATION_PIECES = st.lists(st.sampled_from(
    ["not", "NOT", "never", "no", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "beyond",
     "rather", "than", "instead", "of", "n't", "n’t", "wasn't", "don’t", "knot", "snot", "nor-", "x", "ab", "é",
     "_", "-", "'", "’", " ", "  ", "\n", ".", ",", "*", "9"]), max_size=14)


@settings(max_examples=2_000, deadline=None)
@given(_NEGATION_PIECES.map("".join))
def test_negation_read_backwards_is_the_old_anchored_search(text: str) -> None:
    from pmlint.rules._prose import negated

    # the phrase starts at the end of ``text``; the old search ran on the same 80-character look-back
    assert negated(text + "human error", len(text)) == (_OLD_NEGATED.search(text[-80:]) is not None)


def test_every_benchmark_shape_checks_at_a_small_size() -> None:
    shapes: dict[str, Callable[[int], str]] = crafted.SHAPES
    for name, build in shapes.items():
        result = check(build(5_000))
        assert result.error is None, name
