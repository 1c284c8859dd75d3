"""``--format json``: a JSON array of findings (read errors included).

Each finding is an object with a fixed set of keys (the schema is
``pmlint schema --output findings``): location, rule, severity, message,
suggestion, ``url`` (the rule's documentation) and ``fix`` (the edits ``--fix``
would make, or null). Keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from pmlint.document.source import SourceFile
from pmlint.lint.engine import FileResult, Finding
from pmlint.report import rule_url


def _fix(finding: Finding, source: SourceFile | None) -> dict[str, object] | None:
    """The finding's fix as 1-based line/column ranges (end exclusive) and their new text."""
    if finding.fix is None or source is None:
        return None
    edits: list[dict[str, object]] = []
    for edit in finding.fix.edits:
        line, column = source.position(edit.start)
        end_line, end_column = source.position(edit.end)
        edits.append({"line": line, "column": column, "end_line": end_line, "end_column": end_column,
                      "content": edit.replacement})
    return {"message": finding.fix.description, "applicability": "safe", "edits": edits}


def finding_dicts(results: Sequence[FileResult]) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for result in results:
        if result.error:
            items.append({
                "path": result.path, "line": result.error_line, "column": 1,
                "end_line": result.error_line, "end_column": 1, "code": "PM000",
                "name": "unreadable-file", "severity": "error", "message": result.error,
                "suggestion": None, "url": None, "fix": None,
            })
        source = result.document.source if result.document is not None else None
        for f in result.findings:
            items.append({
                "path": f.path, "line": f.span.line, "column": f.span.column,
                "end_line": f.span.end_line, "end_column": f.span.end_column,
                "code": f.code, "name": f.name, "severity": f.severity,
                "message": f.message, "suggestion": f.suggestion,
                "url": rule_url(f.code), "fix": _fix(f, source),
            })
    return items


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False,
           strict: bool = False, quiet: bool = False) -> str:
    return json.dumps(finding_dicts(results), indent=2, ensure_ascii=False) + "\n"
