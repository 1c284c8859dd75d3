"""Property: whatever people write around the block and however they tick, no human line
is lost, ticks reach the post-mortems, and a second sync is a no-op."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.document.source import SourceFile
from pmlint.todo.block import END_MARKER, START_MARKER, TodoError, find_block, parse_item
from pmlint.todo.writeback import split_lines
from tests.todo.helpers import applied, postmortem, run

TODAY = dt.date(2026, 4, 15)
TRICKY = [
    "", "# TODO", "- [ ] AI-001 Looks generated _(ref: docs/incidents/a.md)_", "- [x] mine",
    "### [2026-01-01 — not ours](docs/incidents/a.md)", "```", "~~~", "    indented", "\ufeffbom-ish",
    "<!-- a comment -->", START_MARKER, END_MARKER, "  " + START_MARKER, "| a | b |", "**OVERDUE**",
]
LINE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"), max_size=50),
    st.sampled_from(TRICKY),
)
HUMAN = st.lists(LINE, max_size=6)
STATUS = st.sampled_from(["Open", "Done", "In progress", "", "closed", "done", "Blocked"])
BOX = st.booleans()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _table(statuses: list[str]) -> str:
    rows = "".join(f"| AI-{n:03} | Fix thing {n} | @dev{n} | P2 | 2026-0{1 + n % 9}-10 | {status} |\n"
                   for n, status in enumerate(statuses, start=1))
    return "| ID | Action | Owner | Priority | Due | Status |\n|---|---|---|---|---|---|\n" + rows


def _checklist(boxes: list[bool]) -> str:
    return "".join(f"- [{'x' if box else ' '}] Step {n} — owner: @ops{n}, due: 2026-02-0{1 + n}\n"
                   for n, box in enumerate(boxes))


def _outside(data: bytes) -> tuple[str, str]:
    """Text before the start marker line and after the end marker line, byte-exact."""
    text = data.decode("utf-8")
    block = find_block(SourceFile.from_bytes("TODO.md", data).lines)
    assert block is not None
    rows = split_lines(text.removeprefix("\ufeff"))
    before = "".join(content + end for content, end in rows[: block.start - 1])
    after = rows[block.end - 1][1] + "".join(content + end for content, end in rows[block.end :])
    return before, after


def _assert_human_text_kept(before: bytes, after: bytes) -> None:
    """Appended after the text when there was no block, else everything outside it is unchanged."""
    if find_block(SourceFile.from_bytes("TODO.md", before).lines) is None:
        assert after.startswith(before)
    else:
        assert _outside(after) == _outside(before)


def _retick(data: bytes, ticks: list[bool]) -> bytes:
    """Set the checkboxes of the block's item lines to ``ticks`` (cycled)."""
    text = data.decode("utf-8")
    rows = split_lines(text)
    n = 0
    for index, (content, end) in enumerate(rows):
        if parse_item(content, index + 1) is not None and ticks:
            rows[index] = (content[:3] + ("x" if ticks[n % len(ticks)] else " ") + content[4:], end)
            n += 1
    return "".join(content + end for content, end in rows).encode("utf-8")


@SETTINGS
@given(HUMAN, HUMAN, st.lists(STATUS, min_size=1, max_size=5), st.lists(BOX, min_size=1, max_size=4),
       st.lists(st.booleans(), max_size=9), st.booleans())
def test_no_human_line_lost_and_second_sync_is_a_no_op(
    before: list[str], after: list[str], statuses: list[str], boxes: list[bool], ticks: list[bool], crlf: bool
) -> None:
    newline = "\r\n" if crlf else "\n"
    docs: dict[str, str | bytes] = {
        "docs/incidents/2026-03-10-a.md": postmortem(_table(statuses)),
        "docs/incidents/2025-12-01-b.md": postmortem(_checklist(boxes), "B", "2025-12-01"),
    }
    human = newline.join(before).encode("utf-8")
    try:
        first = run(human, docs, TODAY).todo
    except TodoError:
        return  # damaged by the generated text: reported, and nothing is written
    _assert_human_text_kept(human, first)

    edited = first + newline.join(after).encode("utf-8")
    try:
        _outside(edited)
    except (TodoError, AssertionError):
        return  # the text after the block damaged it: the sync would refuse, see below
    edited = _retick(edited, ticks)
    outcome = run(edited, docs, TODAY)
    assert _outside(outcome.todo) == _outside(edited)

    docs = applied(docs, outcome)
    block = find_block(SourceFile.from_bytes("TODO.md", outcome.todo).lines)
    assert block is not None
    wanted = {(line.ref, line.item_id): line.checked
              for line in find_block(SourceFile.from_bytes("TODO.md", edited).lines).items}  # type: ignore[union-attr]
    for line in block.items:
        assert line.checked == line.struck  # every tick reached its post-mortem
        assert line.checked == wanted[(line.ref, line.item_id)]

    again = run(outcome.todo, docs, TODAY)
    assert again.todo == outcome.todo
    assert again.documents == {}


@SETTINGS
@given(HUMAN)
def test_damaged_text_is_refused_not_rewritten(lines: list[str]) -> None:
    docs: dict[str, str | bytes] = {"docs/incidents/2026-03-10-a.md": postmortem(_table(["Open"]))}
    damaged = "\n".join([*lines, START_MARKER, *lines]).encode("utf-8")
    try:
        outcome = run(damaged, docs, TODAY)
    except TodoError:
        return
    # Possible only when the generated lines made a well-formed file (markers in code examples,
    # or a complete block of their own): then no human text changed.
    _assert_human_text_kept(damaged, outcome.todo)
