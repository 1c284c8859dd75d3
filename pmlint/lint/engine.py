"""Run the selected rules over documents: stamp code and severity, apply
suppressions and strictness by status, sort."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint.document.source import SourceError, SourceFile, Span, check_size
from pmlint.lint.config import Config
from pmlint.rules import expand_selector
from pmlint.rules import pm901_unused_suppression as unused_rule
from pmlint.rules.base import Fix, Rule
from pmlint.workspace.discovery import relative_to_root

if TYPE_CHECKING:  # a run served from the cache never builds a document
    from pmlint.document.model import Document

DRAFT_STATUSES = frozenset({"draft"})


# a dataclass: its fix takes no part in equality (the fix loop asks whether a finding outlived its fix)
@dataclass(frozen=True)
class Finding:
    """A rule's violation, stamped with the file, code, name and severity."""

    path: str
    span: Span
    code: str
    name: str
    severity: str
    message: str
    suggestion: str | None = None
    fix: Fix | None = field(default=None, compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)


# a dataclass, for its cached line map; never compared or printed: no generated __eq__/__repr__
@dataclass(frozen=True, eq=False, repr=False)
class FileResult:
    """The outcome for one file: findings, or an error if it could not be read."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    error_line: int = 1
    document: Document | None = None
    #: the source lines findings point at, so reports need no document
    lines: tuple[tuple[int, str], ...] = ()

    def source_line(self, number: int) -> str | None:
        return self._line_map.get(number)

    @cached_property
    def _line_map(self) -> dict[int, str]:
        # a report asks once per finding: a scan of ``lines`` each time was quadratic
        return dict(self.lines)


def lint_document(doc: Document, config: Config, relative: str | None = None) -> list[Finding]:
    """All findings for one parsed document, suppressed and sorted."""
    ignored = config.ignored_for(relative or doc.path) | _front_matter_ignores(doc)
    draft = (doc.status or "") in DRAFT_STATUSES
    findings: list[Finding] = []
    ran: set[str] = set()
    for rule in config.rules:
        if rule.code in ignored:
            continue
        ran.add(rule.code)
        severity = "warning" if draft else config.severity_for(rule)
        findings.extend(_run(rule, doc, config, severity))
    kept: list[Finding] = []
    used: set[int] = set()
    suppressions = _Suppressions(doc) if doc.suppressions else None
    for finding in findings:
        suppressor = suppressions.suppressor(finding) if suppressions else None
        if suppressor is None:
            kept.append(finding)
        else:
            used.add(suppressor)
    if unused_rule.RULE.code in ran:
        rule = unused_rule.RULE
        severity = "warning" if draft else config.severity_for(rule)
        kept.extend(_unused_suppressions(doc, used, frozenset(ran), severity))
    kept.sort(key=Finding.sort_key)
    return kept


def _unused_suppressions(doc: Document, used: set[int], ran: frozenset[str], severity: str) -> Iterator[Finding]:
    """PM901 for each comment that hid nothing, when every rule it names was run (and exists)."""
    rule = unused_rule.RULE
    for index, item in enumerate(doc.suppressions):
        if index in used or item.kind == "enable" or unused_rule.unknown_codes(item):
            continue
        named = frozenset().union(*(expand_selector(code) for code in item.codes)) if item.codes else ran
        if named <= ran:
            violation = unused_rule.unused(doc, item)
            yield Finding(doc.path, violation.span, rule.code, rule.name, severity, violation.message,
                          violation.suggestion)


def _run(rule: Rule, doc: Document, config: Config, severity: str) -> Iterator[Finding]:
    try:
        for violation in rule.check(doc, config.options_for(rule)):
            yield Finding(doc.path, violation.span, rule.code, rule.name, severity,
                          violation.message, violation.suggestion, violation.fix)
    except Exception as exc:  # a rule bug must not hide every other finding
        yield Finding(doc.path, Span(1, 1, 1, 1), rule.code, rule.name, "error",
                      f"internal error in rule {rule.code}: {type(exc).__name__}: {exc}")


def _front_matter_ignores(doc: Document) -> frozenset[str]:
    settings = doc.front_matter.get("pmlint")
    if not isinstance(settings, dict):
        return frozenset()
    ignore = settings.get("ignore", [])
    if isinstance(ignore, str):
        ignore = [ignore]
    codes: set[str] = set()
    if isinstance(ignore, list):
        for selector in ignore:
            codes |= expand_selector(str(selector))
    return frozenset(codes)


class _Suppressions:
    """Which comment hides which finding, answered in O(log n) per finding.

    A ``disable-next-line`` comment hides matching findings on the next non-blank
    line (the first such comment in the file wins); otherwise the last matching
    ``disable``/``enable`` comment at or above the finding decides. Scanning every
    comment for every finding was quadratic (10,000 comments on a line: 14 s).
    """

    def __init__(self, doc: Document) -> None:
        #: target line -> rule code (or "" for every rule) -> first comment index
        self.next_line: dict[int, dict[str, int]] = {}
        #: rule code (or "" for every rule) -> lines and indexes of its disable/enable comments
        self.ranges: dict[str, tuple[list[int], list[int]]] = {}
        self.kinds = [item.kind for item in doc.suppressions]
        following = _next_content_lines(doc.source.lines) if "disable-next-line" in self.kinds else []
        for index, item in enumerate(doc.suppressions):
            codes = _codes(item.codes)
            if item.kind == "disable-next-line":
                target = following[item.line] if item.line < len(following) else item.line + 1
                first = self.next_line.setdefault(target, {})
                for code in codes:
                    first.setdefault(code, index)
            else:
                for code in codes:
                    lines, indexes = self.ranges.setdefault(code, ([], []))
                    lines.append(item.line)
                    indexes.append(index)

    def suppressor(self, finding: Finding) -> int | None:
        """The index in ``doc.suppressions`` of the comment that hides ``finding``, or None."""
        first = self.next_line.get(finding.line)
        if first:
            found = [first[key] for key in (finding.code, "") if key in first]
            if found:
                return min(found)
        latest = -1
        for key in (finding.code, ""):
            if key in self.ranges:
                lines, indexes = self.ranges[key]
                position = bisect_right(lines, finding.line)
                if position:
                    latest = max(latest, indexes[position - 1])
        return latest if latest >= 0 and self.kinds[latest] == "disable" else None


def _codes(selectors: tuple[str, ...]) -> frozenset[str]:
    """The rule codes a comment names; "" stands for every rule (a comment naming none)."""
    if not selectors:
        return frozenset({""})
    return frozenset().union(*(expand_selector(code) for code in selectors))


def _next_content_lines(lines: Sequence[str]) -> list[int]:
    """For each line number, the number of the next non-blank line after it (one pass from the end)."""
    following = [0] * (len(lines) + 1)
    nxt = len(lines) + 1
    for number in range(len(lines), 0, -1):
        following[number] = nxt
        if lines[number - 1].strip():
            nxt = number
    following[0] = nxt
    return following


def lint_source(source: SourceFile, config: Config, relative: str | None = None) -> FileResult:
    from pmlint.document.parse import parse  # imported on first use: a fully cached run never loads markdown-it

    doc = parse(source, config.parse_settings)
    findings = tuple(lint_document(doc, config, relative))
    numbers = sorted({f.span.line for f in findings})
    lines = tuple((n, source.line(n)) for n in numbers if 0 < n <= len(source.lines))
    return FileResult(source.path, findings, document=doc, lines=lines)


# The two ways into the linter from outside: every caller that reads a file or bytes
# goes through one of them, so an unreadable file is reported one way everywhere.


def lint_path(path: Path | str, config: Config, display: str | None = None,
              relative: str | None = None) -> FileResult:
    """Read and lint one file (``relative``: its path from the config root, computed when not given)."""
    name = display or str(path)
    try:
        source = SourceFile.read(path, name)
    except SourceError as exc:
        return unreadable(exc)
    return lint_source(source, config, relative or relative_to_root(Path(path), config.root))


def lint_bytes(display: str, data: bytes, config: Config, relative: str | None = None) -> FileResult:
    """Lint content that is not read from a file (staged content, standard input, cached bytes)."""
    try:
        check_size(display, len(data))
        source = SourceFile.from_bytes(display, data)
    except SourceError as exc:
        return unreadable(exc)
    return lint_source(source, config, relative)


def unreadable(exc: SourceError) -> FileResult:
    """The one report of a file that cannot be read as text: its path, the line, why."""
    return FileResult(exc.path, error=exc.message, error_line=exc.line)
