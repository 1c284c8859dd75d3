"""Write-back into post-mortems: only the Status cell or the checkbox changes, byte for byte."""

from __future__ import annotations

import pytest

from pmlint.document.model import Document
from pmlint.document.parse import parse
from pmlint.document.source import SourceFile
from pmlint.todo.writeback import apply_edits, plan_write_back, split_lines
from tests.todo.helpers import CHECKLIST, TABLE, postmortem


def _doc(data: bytes | str) -> Document:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse(SourceFile.from_bytes("pm.md", raw))


def _write(data: bytes | str, index: int, done: bool) -> bytes:
    doc = _doc(data)
    plan = plan_write_back(doc, doc.actions[index], done)
    assert plan.problem is None, plan.problem
    return apply_edits(doc.source, plan.edits)


def _changed(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_table_status_cell_keeps_its_width() -> None:
    before = postmortem().encode()
    after = _write(before, 2, True)
    assert _changed(before, after) == [(
        b"| AI-003 | Set per-role connection limits | @sam | P2 | 2026-04-20 | In progress |\n",
        b"| AI-003 | Set per-role connection limits | @sam | P2 | 2026-04-20 | Done        |\n",
    )]
    assert _doc(after).actions[2].done


def test_reopen_writes_open_and_a_longer_word_still_gets_one_space() -> None:
    table = "| Action | Status |\n|---|---|\n| Fix it | done |\n"
    before = postmortem(table).encode()
    after = _write(before, 0, False)
    assert _changed(before, after) == [(b"| Fix it | done |\n", b"| Fix it | open |\n")]
    tight = postmortem("| Action | Status |\n|---|---|\n| Fix it |Done|\n").encode()
    assert _changed(tight, _write(tight, 0, False)) == [(b"| Fix it |Done|\n", b"| Fix it |Open|\n")]


def test_empty_status_cell_is_filled_within_its_padding() -> None:
    before = postmortem("| Action | Status   |\n|---|---|\n| Fix it |          |\n").encode()
    after = _write(before, 0, True)
    assert _changed(before, after) == [(b"| Fix it |          |\n", b"| Fix it | Done     |\n")]


def test_checkbox_and_status_pair_both_change() -> None:
    before = postmortem(CHECKLIST).encode()
    after = _write(before, 2, True)
    assert _changed(before, after) == [(
        b"- [ ] Split worker pools \xe2\x80\x94 owner: @kofi, due: 2026-06-01, priority: P3, status: Open\n",
        b"- [x] Split worker pools \xe2\x80\x94 owner: @kofi, due: 2026-06-01, priority: P3, status: Done\n",
    )]
    reopened = _write(before, 1, False)
    assert _changed(before, reopened)[0][1].startswith(b"- [ ] Autoscale workers")


def test_bullet_with_status_pair() -> None:
    before = postmortem("- Fix it — owner: @a, status: open\n").encode()
    assert _changed(before, _write(before, 0, True)) == [(
        "- Fix it — owner: @a, status: open\n".encode(), "- Fix it — owner: @a, status: done\n".encode())]


@pytest.mark.parametrize(
    ("actions", "problem"),
    [
        ("| Action | Owner |\n|---|---|\n| Fix it | @a |\n", "no Status column"),
        ("- Fix it — owner: @a\n", "plain bullet"),
        ("| Action | Owner | Status |\n|---|---|---|\n| Fix it | @a |\n", "no Status cell"),
    ],
)
def test_what_cannot_be_written_is_explained(actions: str, problem: str) -> None:
    doc = _doc(postmortem(actions))
    plan = plan_write_back(doc, doc.actions[0], True)
    assert plan.problem is not None and problem in plan.problem
    assert plan.edits == ()


_AI_001_OPEN = b"| AI-001 | Add alert for DB pool > 80% | @dana | P1 | 2026-04-01 | Open |"
_AI_001_DONE = _AI_001_OPEN.replace(b"| Open |", b"| Done |")


@pytest.mark.parametrize("newline", [b"\r\n", b"\n", b"\r"])
def test_line_endings_and_bom_are_kept(newline: bytes) -> None:
    before = b"\xef\xbb\xbf" + postmortem().encode().replace(b"\n", newline)
    after = _write(before, 0, True)
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.replace(_AI_001_DONE, _AI_001_OPEN) == before


def test_mixed_line_endings_are_kept_exactly() -> None:
    lines = postmortem().encode().split(b"\n")
    before = b"".join(line + (b"\r\n" if n % 2 else b"\n") for n, line in enumerate(lines[:-1]))
    after = _write(before, 0, True)
    assert after != before
    assert after.replace(_AI_001_DONE, _AI_001_OPEN) == before


def test_split_lines_numbers_like_source_file() -> None:
    text = "a\r\nb\rc\n\nd"
    assert [content for content, _ in split_lines(text)] == list(SourceFile.from_text("x", text).lines)


def test_unrelated_items_are_never_touched() -> None:
    doc = _doc(postmortem(TABLE + "\n" + CHECKLIST))
    for item in doc.actions:
        plan = plan_write_back(doc, item, not item.done)
        assert plan.problem is None
        assert {edit.line for edit in plan.edits} == {item.span.line}
