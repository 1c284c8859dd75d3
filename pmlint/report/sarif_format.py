"""``--format sarif``: SARIF 2.1.0 with ``tool.driver.rules`` from rule metadata.

Written for GitHub code scanning and checked against the official OASIS schema:

- artifact URIs are relative to the repository root (``uriBaseId`` ``%SRCROOT%``,
  declared in ``originalUriBaseIds``) and percent-encoded, so a folder named
  ``odd dir/#1%`` is still a valid ``uri-reference``;
- every result carries ``partialFingerprints``: the baseline's line-independent hash of
  the offending text (plus an occurrence number for identical findings in one file),
  so an alert survives edits elsewhere in the file;
- rule descriptions are cut at a sentence to fit GitHub's 1,024-character limit.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from pmlint import __version__
from pmlint.lint.baseline import finding_key, source_of
from pmlint.lint.engine import FileResult
from pmlint.report import PROJECT_URL, rule_url
from pmlint.rules import all_rules
from pmlint.rules.base import Rule
from pmlint.workspace.discovery import repository_root

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"
FINGERPRINT_KEY = "pmlint/v1"
#: GitHub code scanning rejects longer short/full descriptions
DESCRIPTION_LIMIT = 1024


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut at the last sentence end (else word) that fits ``limit`` characters."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    for end in (". ", ".\n"):
        cut = head.rfind(end)
        if cut > limit // 2:
            return head[: cut + 1]
    return head[: head.rfind(" ")].rstrip() + "…"


def _rule_descriptor(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": shorten(rule.summary)},
        "fullDescription": {"text": shorten(rule.description)},
        "help": {"text": rule.description, "markdown": rule.doc},
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"area": rule.area, "tags": [rule.area]},
    }


class _Locator:
    """Artifact locations: relative to the repository root when below it, else a file URI."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def artifact(self, path: str) -> dict[str, str]:
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return {"uri": absolute.as_uri()}
        return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": ROOT_ID}

    def base_ids(self) -> dict[str, object]:
        return {ROOT_ID: {"uri": self.root.as_uri() + "/",
                          "description": {"text": "The root of the repository that was checked."}}}

    def location(self, path: str, line: int, column: int, end_line: int, end_column: int) -> dict[str, object]:
        region: dict[str, int] = {"startLine": line, "startColumn": column}
        if (end_line, end_column) > (line, column):
            region.update({"endLine": end_line, "endColumn": end_column})
        return {"physicalLocation": {"artifactLocation": self.artifact(path), "region": region}}


def _results(result: FileResult, locator: _Locator, index: dict[str, int]) -> list[dict[str, object]]:
    source = source_of(result) if result.findings else None
    seen: Counter[tuple[str, str]] = Counter()
    items: list[dict[str, object]] = []
    for f in result.findings:
        key = finding_key(f, source)
        seen[key] += 1
        text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        items.append({
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, -1),
            "level": f.severity,
            "message": {"text": text},
            "locations": [locator.location(f.path, f.span.line, f.span.column, f.span.end_line, f.span.end_column)],
            "partialFingerprints": {FINGERPRINT_KEY: f"{key[1]}:{seen[key]}"},
        })
    return items


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False,
           strict: bool = False, quiet: bool = False) -> str:
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    locator = _Locator(repository_root(Path.cwd()) or Path.cwd())
    sarif_results: list[dict[str, object]] = []
    notifications: list[dict[str, object]] = []
    for result in results:
        if result.error:
            notifications.append({
                "level": "error",
                "message": {"text": f"{result.path}:{result.error_line}: {result.error}"},
                "locations": [locator.location(result.path, result.error_line, 1, result.error_line, 1)],
            })
        sarif_results.extend(_results(result, locator, index))
    run: dict[str, object] = {
        "tool": {"driver": {"name": "pmlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": PROJECT_URL,
                            "rules": [_rule_descriptor(rule) for rule in rules]}},
        "originalUriBaseIds": locator.base_ids(),
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    run["invocations"] = [{"executionSuccessful": not notifications,
                           **({"toolExecutionNotifications": notifications} if notifications else {})}]
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"
