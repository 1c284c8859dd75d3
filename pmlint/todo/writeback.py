"""Write a done/open state back into a post-mortem, changing as few bytes as possible.

Only the Status cell of a table row, or the checkbox character (and the
``status:`` value, when there is one) of a list item is rewritten. Edits are
applied to the file's original bytes line by line, so line endings (even
mixed ones), the BOM and every other line stay exactly as they were. Every
edit is checked by parsing the result again before it is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pmlint.document.edits import Edit, edited_bytes
from pmlint.document.model import ActionItem, Document
from pmlint.document.parse import DEFAULT_SETTINGS, parse
from pmlint.document.sections import ParseSettings
from pmlint.document.source import BOM, SourceFile, Span

DONE_WORD = "Done"
OPEN_WORD = "Open"
_LINE_END = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True)
class LineEdit:
    """Replace columns ``[start, end)`` (1-based, characters) of ``line`` with ``text``."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class WriteBack:
    """The edits that record ``done`` for one item, or why that is not possible."""

    edits: tuple[LineEdit, ...] = ()
    problem: str | None = None


def split_lines(text: str) -> list[tuple[str, str]]:
    """``(content, line end)`` pairs; numbering matches :attr:`SourceFile.lines`."""
    parts = _LINE_END.split(text)
    return [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def original_text(source: SourceFile) -> tuple[str, bool]:
    """The file as it is on disk (line ends untouched) without its BOM, and whether it had one."""
    data = source.raw or source.encode(source.text)
    text = data.decode("utf-8")
    return (text[1:], True) if text.startswith(BOM) else (text, False)


def apply_edits(source: SourceFile, edits: Iterable[LineEdit]) -> bytes:
    """The file's bytes with ``edits`` applied (by :mod:`pmlint.document.edits`); all other bytes are kept."""
    return edited_bytes(source, [Edit(source.offset(edit.line, edit.start), source.offset(edit.line, edit.end),
                                      edit.text) for edit in edits])


def plan_write_back(
    doc: Document, item: ActionItem, done: bool, settings: ParseSettings = DEFAULT_SETTINGS
) -> WriteBack:
    """Edits that make ``item`` done (or open again), verified by re-parsing."""
    edits_for = _table_edits if item.form == "table" else _list_edits
    result = edits_for(doc.source, item, done)
    if result.problem is None:
        result = _verified(doc, item, done, result, settings)
    return result


def _status_word(old: str | None, done: bool) -> str:
    word = DONE_WORD if done else OPEN_WORD
    return word.lower() if old and old.islower() else word


def _table_edits(source: SourceFile, item: ActionItem, done: bool) -> WriteBack:
    if "status" not in item.columns:
        return WriteBack(problem="its action items table has no Status column")
    span = dict(item.field_spans).get("status")
    raw = source.line(item.span.line)
    if span is None or span.column > len(raw):
        return WriteBack(problem="its table row has no Status cell")
    old = raw[span.column - 1 : span.end_column - 1]
    if old != (item.status or ""):
        return WriteBack(problem="its Status cell could not be located exactly")
    return WriteBack((_cell_edit(raw, span, _status_word(old, done)),))


def _cell_edit(raw: str, span: Span, word: str) -> LineEdit:
    """Replace a cell's text, keeping the cell as wide as it was when the word fits."""
    start, end = span.column - 1, span.end_column - 1
    right = _next_pipe(raw, end)
    if start == end:  # an empty cell: its blanks all count as padding
        left = _previous_pipe(raw, start)
        width = right - left - 1
        body = " " + word
        return LineEdit(span.line, left + 2, right + 1, body + " " * max(width - len(body), 1))
    trailing = raw[end:right]
    if right == len(raw):  # last cell without a closing pipe: keep what follows as it is
        return LineEdit(span.line, start + 1, end + 1, word)
    width = (end - start) + len(trailing)
    padding = max(width - len(word), 1 if trailing else 0)
    return LineEdit(span.line, start + 1, right + 1, word + " " * padding)


def _previous_pipe(raw: str, position: int) -> int:
    index = min(position, len(raw)) - 1
    while index >= 0:
        if raw[index] == "|" and (index == 0 or raw[index - 1] != "\\"):
            return index
        index -= 1
    return -1


def _next_pipe(raw: str, position: int) -> int:
    index = position
    while index < len(raw):
        if raw[index] == "|" and (index == 0 or raw[index - 1] != "\\"):
            return index
        index += 1
    return len(raw)


def _list_edits(source: SourceFile, item: ActionItem, done: bool) -> WriteBack:
    line = item.span.line
    raw = source.line(line)
    edits: list[LineEdit] = []
    box = item.checkbox_span
    if box is not None:
        if raw[box.column - 1 : box.column + 2] not in ("[ ]", "[x]", "[X]"):
            return WriteBack(problem="its checkbox could not be located exactly")
        edits.append(LineEdit(line, box.column + 1, box.column + 2, "x" if done else " "))
    span = dict(item.field_spans).get("status")
    if item.status and span is not None:
        old = raw[span.column - 1 : span.end_column - 1] if span.line == line else ""
        if old != item.status:
            return WriteBack(problem="its status: value could not be located exactly")
        edits.append(LineEdit(line, span.column, span.end_column, _status_word(old, done)))
    if not edits:
        return WriteBack(problem="it is a plain bullet with no checkbox and no status: value")
    return WriteBack(tuple(edits))


def _verified(
    doc: Document, item: ActionItem, done: bool, result: WriteBack, settings: ParseSettings
) -> WriteBack:
    """Parse the edited file again: the item must read as wanted, every other item unchanged."""
    data = apply_edits(doc.source, result.edits)
    after = parse(SourceFile.from_bytes(doc.source.path, data), settings)
    if len(after.actions) != len(doc.actions):
        return WriteBack(problem="the edit would change how its action items parse")
    for before, now in zip(doc.actions, after.actions, strict=True):
        expected = done if before.index == item.index else before.done
        if now.done != expected or now.action != before.action:
            return WriteBack(problem="the edit would not read back as intended")
    return result
