"""Run the selected rules over documents: stamp code and severity, apply
suppressions and strictness by status, sort."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint.document.source import SourceError, SourceFile, Span
from pmlint.lint.config import Config
from pmlint.rules import expand_selector
from pmlint.rules import pm901_unused_suppression as unused_rule
from pmlint.rules.base import Fix, Rule
from pmlint.workspace.discovery import relative_to_root

if TYPE_CHECKING:  # a run served from the cache never builds a document
    from pmlint.document.model import Document

DRAFT_STATUSES = frozenset({"draft"})


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


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: findings, or an error if it could not be read."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    error_line: int = 1
    document: Document | None = field(default=None, compare=False)
    #: the source lines findings point at, so reports need no document
    lines: tuple[tuple[int, str], ...] = field(default=(), compare=False)

    def source_line(self, number: int) -> str | None:
        for line, text in self.lines:
            if line == number:
                return text
        return None


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
    for finding in findings:
        suppressor = _suppressor(doc, finding)
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


def _matches(codes: tuple[str, ...], finding: Finding) -> bool:
    if not codes:
        return True
    return any(finding.code in expand_selector(code) for code in codes)


def _suppressor(doc: Document, finding: Finding) -> int | None:
    """The index in ``doc.suppressions`` of the comment that hides ``finding``, or None."""
    active: int | None = None
    for index, item in enumerate(doc.suppressions):
        if item.line > finding.line:
            break
        if item.kind == "disable-next-line":
            if _next_content_line(doc, item.line) == finding.line and _matches(item.codes, finding):
                return index
        elif _matches(item.codes, finding):
            active = index if item.kind == "disable" else None
    return active


def _next_content_line(doc: Document, line: int) -> int:
    number = line + 1
    while number <= len(doc.source.lines) and not doc.source.line(number).strip():
        number += 1
    return number


def lint_source(source: SourceFile, config: Config, relative: str | None = None) -> FileResult:
    from pmlint.document.parse import parse  # imported on first use: a fully cached run never loads markdown-it

    doc = parse(source, config.parse_settings)
    findings = tuple(lint_document(doc, config, relative))
    numbers = sorted({f.span.line for f in findings})
    lines = tuple((n, source.line(n)) for n in numbers if 0 < n <= len(source.lines))
    return FileResult(source.path, findings, document=doc, lines=lines)


def lint_path(path: Path, config: Config, display: str | None = None) -> FileResult:
    name = display or str(path)
    try:
        source = SourceFile.read(path, name)
    except SourceError as exc:
        return FileResult(name, error=exc.message, error_line=exc.line)
    return lint_source(source, config, relative_to_root(path, config.root))
