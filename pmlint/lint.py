"""Run the selected rules over documents: stamp code and severity, apply
suppressions and strictness by status, sort. Also finds the files to check."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint.config import Config
from pmlint.rules import expand_selector
from pmlint.rules.base import Fix, Rule
from pmlint.source import SourceError, SourceFile, Span

if TYPE_CHECKING:  # a run served from the cache never builds a document
    from pmlint.model import Document

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
    from pmlint.parse import parse  # imported on first use: a fully cached run never loads markdown-it

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
    return lint_source(source, config, relative_to_root(path, config))


def relative_to_root(path: Path, config: Config) -> str:
    """The path relative to the configuration root (for per-file ignores)."""
    relative = os.path.relpath(os.path.abspath(path), config.root)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


@dataclass(frozen=True, eq=False, repr=False)
class Discovery:
    """The Markdown files found under the checked paths, and the paths that could not be read."""

    files: tuple[Path, ...]
    errors: tuple[tuple[str, str], ...] = ()  # (path, message)


def discover(paths: Iterable[Path]) -> Discovery:
    """Markdown files under ``paths`` (sorted, no duplicates, no symlink loops)."""
    found: dict[str, Path] = {}
    errors: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            errors.append((str(path), "no such file or directory"))
        elif path.is_dir():
            _walk(path, found, errors)
        elif not path.exists():
            errors.append((str(path), "broken symbolic link"))
        else:
            _add_file(path, found, errors)
    return Discovery(tuple(found[key] for key in sorted(found)), tuple(errors))  # str sort: fast


def _add_file(path: Path, found: dict[str, Path], errors: list[tuple[str, str]]) -> None:
    """Queue a regular file; a pipe, socket or device would block or never end on read."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # a symlink loop or a race: reading it reports the error
        mode = stat.S_IFREG
    if stat.S_ISREG(mode):
        found.setdefault(str(path), path)
    else:
        errors.append((str(path), "not a regular file (a pipe, socket or device), skipped"))


def _walk(root: Path, found: dict[str, Path], errors: list[tuple[str, str]]) -> None:
    """Markdown files under ``root``, following symlinked folders once each, skipping hidden ones.

    ``os.scandir`` entries know from the directory listing whether they are regular
    files, so the common case costs no ``stat`` per file.
    """
    visited: set[tuple[int, int]] = set()
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in visited:
                continue
            visited.add(key)
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            errors.append((str(exc.filename or folder), f"cannot read folder: {exc.strerror or exc}"))
            continue
        folders = []
        for entry in entries:
            if _is_folder(entry):
                if not entry.name.startswith("."):
                    folders.append(entry.path)
            elif entry.name.lower().endswith((".md", ".markdown")):
                if _is_regular(entry):
                    found.setdefault(entry.path, Path(entry.path))
                else:  # a pipe, socket, device, broken link or link loop: let _add_file say which
                    _add_file(Path(entry.path), found, errors)
        pending.extend(sorted(folders, reverse=True))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symlink loop
        return False


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a symlink loop
        return False
