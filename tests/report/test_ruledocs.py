"""docs/rules/ is generated from the rule docstrings and must not be stale."""

from __future__ import annotations

from pathlib import Path

from pmlint.report.ruledocs import expected_pages

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


def test_rule_docs_are_current() -> None:
    stale = []
    for name, text in expected_pages().items():
        path = DOCS / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    extra = {p.name for p in DOCS.glob("*.md")} - set(expected_pages())
    assert not stale and not extra, (
        f"docs/rules is stale ({sorted(stale)} changed, {sorted(extra)} extra): "
        "run `python -m pmlint.report.ruledocs docs/rules`"
    )
