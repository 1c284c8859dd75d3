"""``--format json``: a JSON array of findings (read errors included)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pmlint.lint.engine import FileResult


def finding_dicts(results: Sequence[FileResult]) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for result in results:
        if result.error:
            items.append({
                "path": result.path, "line": result.error_line, "column": 1,
                "end_line": result.error_line, "end_column": 1, "code": "PM000",
                "name": "unreadable-file", "severity": "error", "message": result.error,
                "suggestion": None,
            })
        for f in result.findings:
            items.append({
                "path": f.path, "line": f.span.line, "column": f.span.column,
                "end_line": f.span.end_line, "end_column": f.span.end_column,
                "code": f.code, "name": f.name, "severity": f.severity,
                "message": f.message, "suggestion": f.suggestion,
            })
    return items


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False) -> str:
    return json.dumps(finding_dicts(results), indent=2, ensure_ascii=False) + "\n"
