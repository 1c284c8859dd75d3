"""Front matter in the shapes real post-mortems use (made-up examples)."""

from __future__ import annotations

import datetime as dt

from pmlint.document.parse import parse_text
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import lint_document

CONFIG = config_from_mapping({})


def _codes(text: str) -> list[str]:
    return [f.code for f in lint_document(parse_text(text, "x.md", CONFIG.parse_settings), CONFIG)]


TOML = ('+++\ntitle = "Orders database outage"\ndate = 2026-03-10\nseverity = "SEV-2"\n'
        'status = "final"\nauthors = ["@dana"]\n\n[extra]\nnote = "not a field"\n+++\n\n# Orders database outage\n\n'
        "## Summary\n\nThe pool ran out.\n")


def test_toml_front_matter_between_plus_lines() -> None:
    doc = parse_text(TOML)
    front = doc.front_matter
    assert front.kind == "toml" and front.error is None
    assert front.keys() == ("title", "date", "severity", "status", "authors")
    assert doc.date == dt.date(2026, 3, 10) and doc.severity == "SEV-2"
    date = front.field("date")
    assert date is not None and (date.key_span.line, date.key_span.column) == (3, 1)
    assert [s.title for s in doc.sections] == ["Summary"] and doc.title == "Orders database outage"
    assert "PM001" not in _codes(TOML)


def test_invalid_toml_front_matter_is_a_one_line_error_with_its_line() -> None:
    front = parse_text("+++\ntitle = \"x\"\nseverity =\n+++\n\n# x\n").front_matter
    assert front.error is not None and front.error.startswith("invalid TOML")
    assert front.error_span is not None and front.error_span.line == 3
    unterminated = parse_text("+++\ntitle = \"x\"\n").front_matter
    assert unterminated.error is not None and "'+++'" in unterminated.error


def test_a_key_value_metadata_table_above_the_first_section() -> None:
    doc = parse_text("# Orders outage\n\n| | |\n|---|---|\n| **Date** | 2026-03-10 |\n"
                     "| Authors | dana, lee |\n| Status | Complete, action items in progress |\n\n## Summary\n\nx\n")
    front = doc.front_matter
    assert front.kind == "header"
    assert [(f.key, f.value) for f in front.fields] == [
        ("date", "2026-03-10"), ("authors", ["dana", "lee"]), ("status", "complete")]
    assert doc.date == dt.date(2026, 3, 10)


def test_a_header_row_of_keys_over_one_row_of_values() -> None:
    doc = parse_text("# Orders outage\n\n| Date | Authors | Severity | Summary |\n|---|---|---|---|\n"
                     "| 2026-03-10 | dana | SEV-2 | the pool ran out |\n\n## Summary\n\nx\n")
    assert [(f.key, f.value) for f in doc.front_matter.fields] == [
        ("date", "2026-03-10"), ("authors", ["dana"]), ("severity", "SEV-2")]


def test_a_table_inside_a_section_is_not_metadata() -> None:
    doc = parse_text("# Orders outage\n\n## Impact\n\n| Date | Severity |\n|---|---|\n| 2026-03-10 | SEV-2 |\n")
    assert doc.front_matter.kind == "none"


def test_bold_metadata_lines_in_the_google_sre_shape() -> None:
    doc = parse_text("# Orders outage\n\n**Date**: 2026-03-10\n\n**Authors**: dana, lee\n\n"
                     "**Status**: Complete, action items in progress\n\n## Summary\n\nx\n")
    assert [(f.key, f.value) for f in doc.front_matter.fields] == [
        ("date", "2026-03-10"), ("authors", ["dana", "lee"]), ("status", "complete")]
