"""``check --fix``: apply the rules' safe fixes to a file, touching no other byte.

Fixes carry edits as offsets into ``SourceFile.text``; :mod:`pmlint.document.edits`
applies them to the file's own bytes, so CRLF, lone CR, mixed line ends and a
BOM all survive exactly.

Fixing runs in passes: lint, apply every non-overlapping fix, lint the result
again, until nothing is left to fix. A fix whose edits overlap one already
taken waits for the next pass. A fix whose finding is still there, unchanged,
after the pass did nothing a reader can see: the pass is redone without it.
A file whose front matter cannot be parsed is left alone: its offsets cannot
be trusted.
"""

from __future__ import annotations

import difflib
import gc
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from pmlint.document.edits import Edit, edited_bytes, stored_bytes
from pmlint.document.source import SourceError, SourceFile
from pmlint.lint.config import Config
from pmlint.lint.engine import FileResult, Finding, lint_source
from pmlint.workspace.discovery import relative_to_root
from pmlint.workspace.files import ChangedOnDisk, WriteRefused, atomic_write

MAX_PASSES = 10

#: Turns a file's lint result into the findings that may be fixed (a baseline hides some).
FindingFilter = Callable[[FileResult], Sequence[Finding]]


@dataclass(frozen=True)
class FixOutcome:
    """What ``--fix`` did to one file."""

    path: str
    before: str
    after: str
    data: bytes
    applied: tuple[Finding, ...] = ()
    result: FileResult | None = None  # the lint result of the fixed text
    reason: str | None = None  # why the file was left alone

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the fix (``a/`` and ``b/`` prefixes, like git)."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.fix is not None and f.fix.edits]


class _Taken:
    """Edits already taken, sorted, so a clash is found with two binary searches.

    Two edits clash if their ranges share a character, or one inserts strictly
    inside the other; insertions at the same point do not clash (they apply in
    finding order). Taken ranges never share a character, so sorted by start
    they are sorted by end too. Comparing every pair was quadratic (40,000
    fixes: 128 s).
    """

    def __init__(self) -> None:
        self.starts: list[int] = []  # of the taken ranges
        self.ends: list[int] = []
        self.points: list[int] = []  # of the taken insertions

    def clashes(self, edit: Edit) -> bool:
        # the taken range starting last before the edit's end (or its point) reaches furthest
        before = bisect_left(self.starts, edit.end if edit.end > edit.start else edit.start) - 1
        if before >= 0 and self.ends[before] > edit.start:
            return True
        if edit.start == edit.end:
            return False
        after = bisect_right(self.points, edit.start)
        return after < len(self.points) and self.points[after] < edit.end

    def add(self, edit: Edit) -> None:
        if edit.start == edit.end:
            insort(self.points, edit.start)
        else:
            index = bisect_left(self.starts, edit.start)
            self.starts.insert(index, edit.start)
            self.ends.insert(index, edit.end)


def select_edits(findings: Sequence[Finding], length: int) -> tuple[list[Edit], list[Finding]]:
    """The edits of every fix that does not clash with an earlier one (all of a fix or none)."""
    taken: list[Edit] = []
    index = _Taken()
    applied: list[Finding] = []
    for finding in findings:
        assert finding.fix is not None
        edits = finding.fix.edits
        if any(not 0 <= e.start <= e.end <= length for e in edits):
            continue
        own = _Taken()  # a fix's own edits must not clash with each other either
        for edit in edits:
            if index.clashes(edit) or own.clashes(edit):
                break
            own.add(edit)
        else:
            for edit in edits:
                index.add(edit)
            taken.extend(edits)
            applied.append(finding)
    return taken, applied


def _refusal(result: FileResult) -> str | None:
    doc = result.document
    if doc is not None and doc.front_matter.error:
        line = doc.front_matter.error_span.line if doc.front_matter.error_span else 1
        return f"front matter cannot be parsed (line {line}: {doc.front_matter.error}); fix it by hand first"
    return None


def fix_source(source: SourceFile, config: Config, relative: str | None = None,
               keep: FindingFilter | None = None) -> FixOutcome:
    """Fix ``source`` in memory, pass after pass; nothing is written."""
    with _collector_paused():
        return _fix_passes(source, config, relative, keep)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Each pass makes a document of objects that die by reference count, not in cycles; the
    collector's passes over two of them took 0.85 s of fixing a 1 MB timeline (0.35 s paused)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _fix_passes(source: SourceFile, config: Config, relative: str | None,
                keep: FindingFilter | None) -> FixOutcome:
    choose = keep or (lambda result: result.findings)
    original = source.text
    result = lint_source(source, config, relative)
    reason = _refusal(result)
    if reason:
        return FixOutcome(source.path, original, original, stored_bytes(source),
                          result=result, reason=reason)
    applied: list[Finding] = []
    #: fixes whose finding was still there, unchanged, after they were applied: text appended
    #: inside an unclosed HTML comment, say. They are not applied (once 10 passes added them 10 times).
    futile: set[Finding] = set()
    for _ in range(MAX_PASSES):
        candidates = [f for f in fixable(choose(result)) if f not in futile]
        edits, taken = select_edits(candidates, len(source.text))
        if not taken:
            break
        data = edited_bytes(source, edits)
        fixed = SourceFile.from_bytes(source.path, data)
        if fixed.text == source.text:
            break
        fixed_result = lint_source(fixed, config, relative)
        unchanged = set(taken).intersection(fixed_result.findings)
        if unchanged:  # this pass again from the same text, without them
            futile |= unchanged
            continue
        applied.extend(taken)
        source, result = fixed, fixed_result
    return FixOutcome(source.path, original, source.text, stored_bytes(source),
                      tuple(applied), result)


def fix_path(path: Path, config: Config, display: str | None = None, *, write: bool = True,
             keep: FindingFilter | None = None) -> FixOutcome:
    """Fix one file and (unless ``write`` is false) write it back atomically."""
    name = display or str(path)
    try:
        source = SourceFile.read(path, name)
    except SourceError as exc:
        error = FileResult(name, error=exc.message, error_line=exc.line)
        return FixOutcome(name, "", "", b"", result=error, reason=f"cannot be read: {exc.message}")
    relative = relative_to_root(path, config.root)
    outcome = fix_source(source, config, relative, keep)
    if not (write and outcome.changed):
        return outcome
    try:  # only if the file still holds what was read: never overwrite someone's edit
        atomic_write(path, outcome.data, expected=source.raw, root=config.root)
    except ChangedOnDisk:
        reason = "changed on disk while fixing"
    except WriteRefused as exc:
        reason = str(exc.strerror)
    except OSError as exc:  # a full disk, a read-only folder: an error, not a finding
        message = f"cannot write the fixes: {exc.strerror or exc}; the file was left as it was"
        return replace(outcome, after=outcome.before, applied=(), reason=message,
                       result=FileResult(name, error=message))
    else:
        return outcome
    # nothing written: what is left is what the file on disk holds
    return replace(outcome, after=outcome.before, applied=(), reason=reason,
                   result=lint_source(source, config, relative))


def describe(outcome: FixOutcome) -> list[str]:
    """One line per applied fix, ``path:line:col: CODE description``."""
    return [f"{outcome.path}:{f.line}:{f.column}: {f.code} {f.fix.description if f.fix else ''}"
            for f in outcome.applied]
