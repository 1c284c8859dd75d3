"""Data-driven rule tests: one YAML case file per rule in ``cases/``.

Each case has a ``name``, a ``document`` (or ``base: true`` to start from
``base.md``, a complete clean post-mortem, plus ``replace: [[old, new], ...]``),
optional ``options`` for the rule and ``shared`` settings, and ``expect``: the
``line:column`` (or ``line``) of every finding the rule must report — empty
for a passing case. ``messages`` optionally lists substrings that must appear.
``fixed`` is the document after applying every finding's fix: the full text,
or ``[[old, new], ...]`` pairs applied to the case's document (so nothing else
may change).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pmlint.document.parse import parse
from pmlint.document.source import SourceFile
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import lint_document
from pmlint.rules import get_rule

HERE = Path(__file__).parent
BASE = (HERE / "base.md").read_text(encoding="utf-8")


def _load_cases() -> list[Any]:
    params = []
    for path in sorted((HERE / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


def build_document(case: dict[str, Any]) -> str:
    if "document" in case:
        return str(case["document"])
    text = BASE
    for old, new in case.get("replace", []):
        assert old in text, f"replace target not in base.md: {old!r}"
        text = text.replace(old, new, 1)
    return text


def run_case(code: str, case: dict[str, Any]) -> list[Any]:
    rule = get_rule(code)
    assert rule is not None, f"unknown rule {code}"
    table: dict[str, Any] = {"select": [rule.code], **case.get("shared", {})}
    if case.get("options"):
        table["rules"] = {rule.code: case["options"]}
    config = config_from_mapping(table)
    doc = parse(SourceFile.from_text("case.md", build_document(case)), config.parse_settings)
    return lint_document(doc, config)


def apply_fixes(text: str, findings: list[Any]) -> str:
    """Apply every finding's edits, last first, so earlier offsets stay valid."""
    edits = sorted((e for f in findings if f.fix for e in f.fix.edits), key=lambda e: e.start, reverse=True)
    for edit in edits:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def _expected_fix(case: dict[str, Any]) -> str:
    fixed = case["fixed"]
    if isinstance(fixed, str):
        return fixed
    text = build_document(case)
    for old, new in fixed:
        assert old in text, f"fixed target not in the document: {old!r}"
        text = text.replace(old, new, 1)
    return text


def _location(finding: Any, expected: str) -> str:
    return f"{finding.line}:{finding.column}" if ":" in expected else str(finding.line)


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    findings = run_case(code, case)
    expected = [str(item) for item in case.get("expect", [])]
    assert all(f.code == code for f in findings)
    got = sorted(_location(f, e) for f, e in zip(findings, expected + ["0"] * len(findings), strict=False))
    detail = "\n".join(f"{f.line}:{f.column} {f.message}" for f in findings)
    assert got == sorted(expected), f"findings were:\n{detail}"
    for fragment in case.get("messages", []):
        assert any(fragment in f.message for f in findings), f"no message contains {fragment!r}:\n{detail}"
    if "fixed" in case:
        assert apply_fixes(build_document(case), findings) == _expected_fix(case)
