"""PM001's fix turns a seed-style bold header into YAML front matter, and the
documentation examples of the PM0/PM1 rules do what they say."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.document.model import Document
from pmlint.document.parse import parse, parse_text
from pmlint.document.source import SourceFile
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import lint_document
from pmlint.rules import get_rule
from pmlint.rules.base import Fix

SEED = """# Post-Mortem: Payment outage
**Date:** 2026-03-10
**Severity:** SEV-2
**Duration:** 4 hours 23 minutes
**Impact:** 12% of users could not pay
**Authors:** @dana, @lee
**Status:** Draft / Final
---
## Executive Summary
Payments failed.
"""


def _fix(doc: Document) -> Fix | None:
    rule = get_rule("PM001")
    assert rule is not None
    violations = list(rule.check(doc, rule.options()))
    assert len(violations) == 1
    return violations[0].fix


def _apply(text: str, fix: Fix) -> str:
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(edits):
        assert before.end <= after.start, "edits must not overlap"
    for edit in reversed(edits):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def _fixed(text: str) -> tuple[str, Document]:
    doc = parse_text(text, "case.md")
    assert doc.front_matter.kind == "header"
    fix = _fix(doc)
    assert fix is not None
    result = _apply(doc.source.text, fix)
    return result, parse_text(result, "case.md")


def test_seed_header_becomes_yaml_front_matter() -> None:
    _, doc = _fixed(SEED)
    front_matter = doc.front_matter
    assert front_matter.kind == "yaml" and front_matter.error is None
    assert front_matter.get("title") == "Payment outage"
    assert front_matter.get("date") == dt.date(2026, 3, 10)
    assert front_matter.get("severity") == "SEV-2"
    assert front_matter.get("status") == "draft"
    assert front_matter.get("authors") == ["@dana", "@lee"]
    assert front_matter.get("duration") == "4h23m"
    assert front_matter.field("impact") is None


def test_fix_removes_only_the_header_lines() -> None:
    result, _ = _fixed(SEED)
    block, body = result.split("---\n# Post-Mortem", 1)
    assert block.startswith("---\n")
    converted = re.compile(r"\*\*(Date|Severity|Duration|Authors|Status)")
    kept = [line for line in SEED.split("\n") if not converted.match(line)]
    assert "# Post-Mortem" + body == "\n".join(kept)
    assert "**Impact:** 12% of users could not pay" in body


def test_fixed_document_is_clean_for_front_matter_rules() -> None:
    _, doc = _fixed(SEED)
    config = config_from_mapping({"select": ["PM0"]})
    assert lint_document(doc, config) == []


def test_header_on_the_first_lines_and_at_the_end_of_the_file() -> None:
    text = "**Date:** 2026-03-10\n**Severity:** SEV-3\n\n# Queue backlog\n\nBody.\n\n**Status:** Final"
    result, doc = _fixed(text)
    assert doc.front_matter.kind == "yaml"
    assert result.endswith("\n# Queue backlog\n\nBody.\n")
    assert doc.front_matter.get("title") == "Queue backlog"


def test_crlf_and_bom_survive_the_fix() -> None:
    source = SourceFile.from_bytes("case.md", ("\ufeff" + SEED).replace("\n", "\r\n").encode("utf-8"))
    fix = _fix(parse(source))
    assert fix is not None
    data = source.encode(_apply(source.text, fix))
    assert data.startswith(b"\xef\xbb\xbf---\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert parse(SourceFile.from_bytes("case.md", data)).front_matter.kind == "yaml"


_VALUE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="*\u0085"),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() and text == text.strip())


@settings(max_examples=200, deadline=None)
@given(title=_VALUE, severity=_VALUE, author=_VALUE.filter(lambda t: not re.search(r"[,;]", t)))
def test_any_header_value_round_trips(title: str, severity: str, author: str) -> None:
    text = f"**Title:** {title}\n**Severity:** {severity}\n**Authors:** {author}\n\n## Summary\n"
    doc = parse_text(text, "case.md")
    if doc.front_matter.kind != "header":
        return
    header = {item.key: item.value for item in doc.front_matter.fields}
    fix = _fix(doc)
    assert fix is not None, "a header always converts"
    fixed = parse_text(_apply(doc.source.text, fix), "case.md").front_matter
    assert fixed.kind == "yaml" and fixed.error is None
    for key, value in header.items():
        assert fixed.get(key) == value
