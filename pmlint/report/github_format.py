"""``--format github``: workflow commands GitHub turns into annotations.

Escaping follows GitHub's toolkit: data escapes ``%``, CR and LF; property
values additionally escape ``:`` and ``,``.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmlint.document.source import printable
from pmlint.lint.engine import FileResult


def escape_data(text: str) -> str:
    # Line breaks are escaped as GitHub's toolkit does; other control characters (an ESC
    # from a crafted file would reach the log viewer) are shown as their escapes.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False,
           strict: bool = False, quiet: bool = False) -> str:
    """Errors (unreadable files first) before warnings — GitHub shows only the first ten
    annotations of each kind per step — then a one-line total."""
    errors: list[str] = []
    warnings: list[str] = []
    for result in results:
        if result.error:
            errors.append(
                f"::error file={escape_property(result.path)},line={result.error_line},"
                f"title=PM000::{escape_data(result.error)}"
            )
    for result in results:
        for f in result.findings:
            level = "error" if f.severity == "error" else "warning"
            message = f"[{f.name}] {f.message}" + (f" ({f.suggestion})" if f.suggestion else "")
            (errors if level == "error" else warnings).append(
                f"::{level} file={escape_property(f.path)},line={f.span.line},col={f.span.column},"
                f"endLine={f.span.end_line},endColumn={f.span.end_column},"
                f"title={escape_property(f.code)}::{escape_data(message)}"
            )
    return "".join(line + "\n" for line in (*errors, *warnings, *([] if quiet else [total(results)])))


def total(results: Sequence[FileResult]) -> str:
    """``pmlint: 3 errors, 2 warnings, 1 unreadable file in 2 of 9 files`` (plain text, not a command)."""
    errors = sum(1 for r in results for f in r.findings if f.severity == "error")
    warnings = sum(1 for r in results for f in r.findings if f.severity != "error")
    unreadable = sum(1 for r in results if r.error)
    touched = sum(1 for r in results if r.findings or r.error)
    parts = [_count(errors, "error"), _count(warnings, "warning")]
    if unreadable:
        parts.append(_count(unreadable, "unreadable file"))
    return f"pmlint: {', '.join(parts)} in {touched} of {_count(len(results), 'file')}"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
