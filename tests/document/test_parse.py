"""The parser: front matter positions, sections, timeline, whys, action items."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.document.parse import parse, parse_text
from pmlint.document.source import SourceFile, Span

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")


def test_front_matter_keys_have_positions() -> None:
    doc = parse_text(BASE)
    fm = doc.front_matter
    assert fm.kind == "yaml"
    severity = fm.field("severity")
    assert severity is not None and severity.value == "SEV-2"
    assert severity.key_span == Span(4, 1, 4, 9)
    assert severity.value_span.line == 4 and severity.value_span.column == 11
    assert doc.date == dt.date(2026, 3, 10)


def test_times_keep_their_text_despite_yaml_sexagesimal() -> None:
    doc = parse_text("---\nstarted: 09:15\n---\n# T\n")
    started = doc.front_matter.field("started")
    assert started is not None and started.text == "09:15"


def test_bom_and_crlf_give_identical_positions() -> None:
    plain = parse_text(BASE)
    crlf = parse(SourceFile.from_bytes("x.md", ("\ufeff" + BASE.replace("\n", "\r\n")).encode()))
    assert crlf.source.newline == "\r\n" and crlf.source.had_bom
    assert [s.span for s in crlf.sections] == [s.span for s in plain.sections]
    assert crlf.actions == plain.actions or [a.span for a in crlf.actions] == [a.span for a in plain.actions]
    assert [f.key_span for f in crlf.front_matter.fields] == [f.key_span for f in plain.front_matter.fields]


def test_sections_match_aliases_case_insensitively() -> None:
    doc = parse_text("# T\n\n## EXECUTIVE SUMMARY\nx\n\n## Timeline (UTC)\n\n## Root Cause(s)\n\n"
                     "## Follow-up actions\n\n## Remediation\n")
    assert [s.key for s in doc.sections] == ["summary", "timeline", "root_cause", "action_items", "action_items"]


def test_table_timeline_with_dates_and_raw_text() -> None:
    doc = parse_text("# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2026-03-10 09:15 | alert |\n"
                     "| 9:20 | paged |\n| later | fixed |\n")
    first, second, third = doc.timeline
    assert first.time is not None and first.time.date == dt.date(2026, 3, 10) and first.time.minutes == 555
    assert first.time_span == Span(7, 3, 7, 19)
    assert second.time is not None and not second.time.padded and second.raw_time == "9:20"
    assert third.time is None and third.raw_time == "later"


def test_list_timeline_with_range_and_date_groups() -> None:
    doc = parse_text("# T\n\n## Timeline\n\n- 09:15 — alert fires\n- 09:25–12:45: manual failover\n"
                     "- 2026-03-11\n  - 00:10 next day\n")
    alert, failover, next_day = doc.timeline
    assert alert.event == "alert fires" and alert.time is not None and alert.time.minutes == 555
    assert failover.end is not None and failover.end.minutes == 12 * 60 + 45
    assert failover.event == "manual failover"
    assert next_day.time is not None and next_day.time.date == dt.date(2026, 3, 11)


def test_nested_details_under_an_entry_are_not_entries() -> None:
    doc = parse_text("# T\n\n## Timeline\n\n- 09:15 — alert fires\n  - threshold 80%\n- 09:20 — paged\n")
    assert [e.event for e in doc.timeline] == ["alert fires", "paged"]


def test_five_whys_forms_from_the_seeds() -> None:
    text = (
        "# T\n\n## Root Cause\n\nWHY 1: Why was the payment system unavailable?\n"
        "→ Database failover did not trigger automatically.\n\n"
        "**Why was a table scan running?**\n→ The index was missing\n\n"
        "1. **Why did it fail?** The migration exited 0.\n\n"
        "Why did users see 500 errors? → Database was refusing connections\n\n"
        "Why was nobody told?\n"
    )
    whys = parse_text(text).whys
    assert [w.number for w in whys] == [1, None, 1, None, None]
    assert whys[0].answer == "Database failover did not trigger automatically."
    assert whys[1].answer == "The index was missing"
    assert whys[2].answer == "The migration exited 0."
    assert whys[3].answer == "Database was refusing connections"
    assert whys[4].answer == "" and whys[4].span.line == 15


def test_action_table_and_checkbox_items_become_the_same_model() -> None:
    text = (
        "# T\n\n## Action Items\n\n| ID | Action | Owner | Priority | Due Date | Status | Success criteria |\n"
        "|---|---|---|---|---|---|---|\n| AI-001 | Add alert | @dana | P1 | 2026-04-01 | Open | fires |\n\n"
        "- [x] AI-002 Add runbook — owner: @lee, due: 2026-04-02, priority: P2, verification: drill\n"
    )
    table_item, list_item = parse_text(text).actions
    assert (table_item.id, table_item.owner, table_item.due, table_item.verification) == (
        "AI-001", "@dana", "2026-04-01", "fires")
    assert (list_item.id, list_item.action, list_item.owner, list_item.due, list_item.priority) == (
        "AI-002", "Add runbook", "@lee", "2026-04-02", "P2")
    assert list_item.done and not table_item.done
    assert table_item.span_of("status") == Span(7, 50, 7, 54)
    assert list_item.checkbox_span == Span(9, 3, 9, 6)


def test_bold_header_is_read_when_there_is_no_front_matter() -> None:
    doc = parse_text("# Post-Mortem: Payroll failed\n**Date:** 2026-03-10\n**Severity:** SEV-2\n"
                     "**Authors:** @a, @b\n**Status:** Draft / Final\n---\n## Summary\nx\n")
    assert doc.front_matter.kind == "header"
    assert doc.title == "Payroll failed"
    assert doc.severity == "SEV-2" and doc.status == "draft"
    assert doc.front_matter.get("authors") == ["@a", "@b"]


def test_front_matter_errors_are_data_not_exceptions() -> None:
    for text, fragment in [
        ("---\n- a\n- b\n---\n", "mapping"),
        ("---\ntitle: [unclosed\n---\n", "invalid YAML"),
        ("---\nx: !!python/object/apply:os.system ['echo hi']\n---\n", "invalid YAML"),
        ("---\ntitle: x\n", "unterminated"),
    ]:
        fm = parse_text(text).front_matter
        assert fm.error is not None and fragment in fm.error, (text, fm.error)
        assert fm.error_span is not None


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    doc = parse_text("\n".join([*lines, "---", "# T"]))
    assert doc.front_matter.error is not None and "alias" in doc.front_matter.error


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_parser_never_raises_on_text(text: str) -> None:
    parse_text(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "---", "title: x", "date: 2026-13-45", "## Timeline", "## Action Items", "| Time | Event |", "|---|---|",
    "| 9:1 | x |", "- [ ] a — owner:", "- 25:99 — y", "WHY 1:", "→", "**Why?**", "## Root Cause", "|", "- ",
    "  - 00:00", "<!-- pmlint-disable -->", "```", "# T", "\t", "\r", "\ufeff",
]), max_size=30))
def test_parser_never_raises_on_postmortem_shaped_text(lines: list[str]) -> None:
    parse_text("\n".join(lines))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab |\\\t-:", max_size=8), min_size=1, max_size=5))
def test_table_cell_spans_point_at_their_text(cells: list[str]) -> None:
    row = "| " + " | ".join(cells) + " |"
    doc = parse_text(f"# T\n\n## Timeline\n\n| A | B |\n|---|---|\n{row}\n")
    tables = [b.table for s in doc.sections for b in s.blocks if b.table]
    for table in tables:
        for found in (table.header, *table.rows):
            raw = doc.source.line(found.span.line)
            for cell in found.cells:
                assert raw[cell.span.column - 1 : cell.span.end_column - 1].replace("\\|", "|") == cell.text


def test_due_dates_are_read_one_way_everywhere() -> None:
    """Lint, TODO sync and insights share ActionItem.due_date (struck old dates and notes allowed)."""
    doc = parse_text("# T\n\n## Action Items\n\n| Action | Owner | Due |\n|---|---|---|\n"
                     "| a | @x | ~~2026-03-01~~ 2026-04-01 |\n| b | @x | 2026-04-02 (moved) |\n"
                     "| c | @x | **2026-04-03** |\n| d | @x | ASAP |\n| e | @x | 2026-02-30 |\n")
    assert [item.due_date for item in doc.actions] == [
        dt.date(2026, 4, 1), dt.date(2026, 4, 2), dt.date(2026, 4, 3), None, None]
