"""``--format sarif``: SARIF 2.1.0 with ``tool.driver.rules`` from rule metadata."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pmlint import __version__
from pmlint.lint.engine import FileResult
from pmlint.rules import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/pmlint/pmlint"


def _rule_descriptor(rule: object) -> dict[str, object]:
    from pmlint.rules.base import Rule

    assert isinstance(rule, Rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.description, "markdown": rule.doc},
        "helpUri": f"{INFO_URI}/blob/main/docs/rules/{rule.code}.md",
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"area": rule.area, "tags": [rule.area]},
    }


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False) -> str:
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    sarif_results: list[dict[str, object]] = []
    notifications: list[dict[str, object]] = []
    for result in results:
        if result.error:
            notifications.append({
                "level": "error",
                "message": {"text": f"{result.path}:{result.error_line}: {result.error}"},
                "locations": [_location(result.path, result.error_line, 1, result.error_line, 1)],
            })
        for f in result.findings:
            text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            sarif_results.append({
                "ruleId": f.code,
                "ruleIndex": index.get(f.code, -1),
                "level": f.severity,
                "message": {"text": text},
                "locations": [_location(f.path, f.span.line, f.span.column, f.span.end_line, f.span.end_column)],
            })
    run: dict[str, object] = {
        "tool": {"driver": {"name": "pmlint", "version": __version__, "informationUri": INFO_URI,
                            "rules": [_rule_descriptor(rule) for rule in rules]}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"


def _location(path: str, line: int, column: int, end_line: int, end_column: int) -> dict[str, object]:
    region: dict[str, int] = {"startLine": line, "startColumn": column}
    if (end_line, end_column) > (line, column):
        region.update({"endLine": end_line, "endColumn": end_column})
    return {"physicalLocation": {"artifactLocation": {"uri": path}, "region": region}}
