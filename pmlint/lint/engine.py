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
    for rule in config.rules:
        if rule.code in ignored:
            continue
        severity = "warning" if draft else config.severity_for(rule)
        findings.extend(_run(rule, doc, config, severity))
    findings = [f for f in findings if not _suppressed(doc, f)]
    findings.sort(key=Finding.sort_key)
    return findings


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


def _suppressed(doc: Document, finding: Finding) -> bool:
    disabled = False
    for item in doc.suppressions:
        if item.line > finding.line:
            break
        if item.kind == "disable-next-line":
            if _next_content_line(doc, item.line) == finding.line and _matches(item.codes, finding):
                return True
        elif _matches(item.codes, finding):
            disabled = item.kind == "disable"
    return disabled


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
        source = SourceFile.from_bytes(display, data)
    except SourceError as exc:
        return unreadable(exc)
    return lint_source(source, config, relative)


def unreadable(exc: SourceError) -> FileResult:
    """The one report of a file that cannot be read as text: its path, the line, why."""
    return FileResult(exc.path, error=exc.message, error_line=exc.line)
