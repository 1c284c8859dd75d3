"""The managed block: line format round trips, strict reading, damage detection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.todo.block import (
    END_MARKER,
    NOTICE,
    START_MARKER,
    ItemSpec,
    TodoError,
    clean,
    find_block,
    parse_heading,
    parse_item,
    render_heading,
    render_item,
    strip_overdue,
)

REF = "docs/incidents/2026-03-10-db-pool.md"


def test_item_line_has_the_documented_form() -> None:
    spec = ItemSpec("AI-002", "Add alert for DB pool > 80%", REF, owner="@dana", due="2026-04-01",
                    priority="P1")
    assert render_item(spec) == (
        "- [ ] AI-002 Add alert for DB pool > 80% — @dana, due 2026-04-01, P1"
        " _(ref: docs/incidents/2026-03-10-db-pool.md)_"
    )


def test_missing_parts_are_left_out() -> None:
    assert render_item(ItemSpec("AI-1", "Fix it", REF)) == f"- [ ] AI-1 Fix it _(ref: {REF})_"
    assert render_item(ItemSpec("AI-1", "Fix it", REF, priority="P2")) == (
        f"- [ ] AI-1 Fix it — P2 _(ref: {REF})_")
    assert render_item(ItemSpec("AI-1", "Fix it", REF, due="2026-01-01")) == (
        f"- [ ] AI-1 Fix it — due 2026-01-01 _(ref: {REF})_")


def test_done_overdue_and_status_forms() -> None:
    done = render_item(ItemSpec("AI-1", "Fix it", REF, checked=True, struck=True, owner="@a"))
    assert done == f"- [x] AI-1 ~~Fix it~~ — @a _(ref: {REF})_"
    late = render_item(ItemSpec("AI-1", "Fix it", REF, owner="@a", label="In progress", overdue=True))
    assert late == f"- [ ] AI-1 Fix it — @a, status: In progress **OVERDUE** _(ref: {REF})_"


def test_parse_reads_back_what_render_wrote() -> None:
    spec = ItemSpec("#abcdef-2", "Fix it", REF, checked=True, owner="@a", label="Blocked", overdue=True)
    line = parse_item(render_item(spec), 7)
    assert line is not None
    assert (line.line, line.checked, line.item_id, line.struck, line.label, line.overdue, line.ref) == (
        7, True, "#abcdef-2", False, "Blocked", True, REF)


FREE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(FREE, FREE, FREE, FREE, st.one_of(st.none(), FREE), st.booleans(), st.booleans(), st.booleans())
def test_any_text_round_trips(action: str, owner: str, due: str, priority: str, label: str | None,
                              checked: bool, struck: bool, overdue: bool) -> None:
    spec = ItemSpec("AI-9", action, REF, checked, struck, owner or None, due or None, priority or None,
                    label, overdue)
    line = parse_item(render_item(spec), 1)
    assert line is not None
    assert (line.checked, line.struck, line.overdue, line.ref, line.item_id) == (
        checked, struck, overdue, REF, "AI-9")
    if not struck:
        assert line.label == (clean(label or "") or None)


def test_free_text_cannot_pose_as_generated_parts() -> None:
    spec = ItemSpec("AI-1", "~~Odd~~ text, status: fake **OVERDUE**", REF, owner="status: x")
    line = parse_item(render_item(spec), 1)
    assert line is not None
    assert (line.struck, line.label, line.overdue) == (False, None, False)


def test_heading_round_trip_with_brackets_and_spaces() -> None:
    heading = render_heading("2026-03-10 — [Beta] outage (SEV-2)", "docs/inc idents/a(1).md")
    assert heading == "### [2026-03-10 — \\[Beta\\] outage (SEV-2)](docs/inc%20idents/a%281%29.md)"
    parsed = parse_heading(heading, 3)
    assert parsed is not None
    assert (parsed.title, parsed.ref) == ("2026-03-10 — [Beta] outage (SEV-2)", "docs/inc idents/a(1).md")


def _doc(*inside: str, before: tuple[str, ...] = ("# TODO", "")) -> list[str]:
    return [*before, START_MARKER, NOTICE, "", *inside, "", END_MARKER, "", "after"]


def test_finds_the_block_and_its_lines() -> None:
    item = render_item(ItemSpec("AI-1", "Fix it", REF))
    block = find_block(_doc(render_heading("2026-03-10 — X", REF), "", item))
    assert block is not None
    assert (block.start, block.end) == (3, 10)
    assert [line.item_id for line in block.items] == ["AI-1"]
    assert block.headings[0].ref == REF


def test_no_block() -> None:
    assert find_block(["# TODO", "- [ ] mine"]) is None


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        (["x", START_MARKER, "- [ ] a"], 2, "without a matching"),
        (["x", END_MARKER], 2, "without a start"),
        ([START_MARKER, END_MARKER, START_MARKER, END_MARKER], 3, "second"),
        ([START_MARKER, START_MARKER, END_MARKER], 2, "inside the block"),
        ([START_MARKER, END_MARKER, END_MARKER], 3, "second pmlint:todo:end"),
        ([START_MARKER, "- [ ] AI-1 edited by hand", END_MARKER], 2, "item line"),
        ([START_MARKER, "my own note", END_MARKER], 2, "move your own notes"),
        ([START_MARKER, "## Heading", END_MARKER], 2, "heading"),
        ([START_MARKER, "<!-- a comment of mine -->", END_MARKER], 2, "text the sync did not write"),
        ([START_MARKER, f"  - [ ] AI-1 Fix _(ref: {REF})_", END_MARKER], 2, "item line"),
    ],
)
def test_damage_is_reported_with_its_line(lines: list[str], line: int, words: str) -> None:
    with pytest.raises(TodoError) as caught:
        find_block(lines)
    assert caught.value.line == line
    assert words in caught.value.message


def test_markers_inside_fenced_code_outside_the_block_are_examples() -> None:
    lines = ["```markdown", START_MARKER, "```", "~~~", END_MARKER, "~~~", *_doc(before=())]
    block = find_block(lines)
    assert block is not None and block.start == 7


def test_trailing_whitespace_on_a_generated_line_is_tolerated() -> None:
    item = render_item(ItemSpec("AI-1", "Fix it", REF)) + "  "
    block = find_block([START_MARKER, item, END_MARKER])
    assert block is not None and block.items[0].item_id == "AI-1"


def test_strip_overdue_only_touches_the_marker_before_a_ref() -> None:
    line = render_item(ItemSpec("AI-1", "Fix **OVERDUE** it", REF, overdue=True))
    assert strip_overdue(line) == render_item(ItemSpec("AI-1", "Fix **OVERDUE** it", REF))
