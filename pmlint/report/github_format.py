"""``--format github``: workflow commands GitHub turns into annotations.

Escaping follows GitHub's toolkit: data escapes ``%``, CR and LF; property
values additionally escape ``:`` and ``,``.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmlint.lint.engine import FileResult


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False) -> str:
    lines = []
    for result in results:
        if result.error:
            lines.append(
                f"::error file={escape_property(result.path)},line={result.error_line},"
                f"title=PM000::{escape_data(result.error)}"
            )
        for f in result.findings:
            level = "error" if f.severity == "error" else "warning"
            message = f"[{f.name}] {f.message}" + (f" ({f.suggestion})" if f.suggestion else "")
            lines.append(
                f"::{level} file={escape_property(f.path)},line={f.span.line},col={f.span.column},"
                f"endLine={f.span.end_line},endColumn={f.span.end_column},"
                f"title={escape_property(f.code)}::{escape_data(message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
