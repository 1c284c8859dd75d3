"""The one edit engine: edits on a document's text, applied to the file's own bytes.

Edits are offsets into ``SourceFile.text`` (``\\n`` line ends, no BOM), which is
what rules and the TODO write-back see. Before they are applied they are
mapped onto the file as stored, so CRLF, lone CR, mixed line ends and a BOM
all survive exactly: only the replaced ranges change, and inserted line ends
take the file's style. ``check --fix``, PM001's front-matter conversion and
``sync-todo``'s write-back all apply their edits here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from pmlint.document.source import BOM, SourceFile
from pmlint.workspace.files import line_end_style

_LINE_END = re.compile(r"\r\n|\r|\n")


class Edit(NamedTuple):
    """Replace ``source.text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits; insertions at one point keep their given order."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    parts: list[str] = []
    position = 0
    for _, edit in ordered:
        parts.append(text[position:edit.start])
        parts.append(edit.replacement)
        position = max(position, edit.end)
    parts.append(text[position:])
    return "".join(parts)


def stored_text(source: SourceFile) -> str:
    """The file's text exactly as stored (original line ends), without the BOM."""
    raw = source.raw.decode("utf-8") if source.raw else source.encode(source.text).decode("utf-8")
    return raw[1:] if raw.startswith(BOM) else raw


def stored_bytes(source: SourceFile, stored: str | None = None) -> bytes:
    """``stored`` (default: the file as read) encoded as the file was: UTF-8, BOM kept."""
    text = stored_text(source) if stored is None else stored
    return ((BOM if source.had_bom else "") + text).encode("utf-8")


def edited_bytes(source: SourceFile, edits: Sequence[Edit]) -> bytes:
    """The file's bytes with ``edits`` (offsets into ``source.text``) applied; every other byte kept."""
    stored = stored_text(source)
    return stored_bytes(source, apply_edits(stored, to_stored(source, stored, edits)))


def to_stored(source: SourceFile, stored: str, edits: Sequence[Edit]) -> list[Edit]:
    """Map edits on ``source.text`` onto ``stored`` (the file's own line ends)."""
    if stored == source.text:  # only LF line ends: the offsets are the same (77,000 edits: 0.27 s -> 0.14 s)
        return [Edit(e.start, e.end, with_line_ends(e.replacement, stored, e.start, e.end, "\n")) for e in edits]
    starts = [0] + [m.end() for m in _LINE_END.finditer(stored)]
    if len(starts) != len(source.lines):
        raise ValueError("line index mismatch")

    def offset(index: int) -> int:
        line, column = source.position(index)
        return starts[line - 1] + column - 1

    newline = line_end_style(stored)  # source.newline reads a CR-only file as LF
    mapped = []
    for edit in edits:
        start, end = offset(edit.start), offset(edit.end)
        mapped.append(Edit(start, end, with_line_ends(edit.replacement, stored, start, end, newline)))
    return mapped


def with_line_ends(replacement: str, stored: str, start: int, end: int, newline: str) -> str:
    """``replacement`` in the file's line-end style, unless that would fuse with a neighbouring
    lone CR (``\r`` + ``\n`` reads as one line end): then a style that cannot fuse."""
    if not replacement and stored[start - 1:start] == "\r" and stored[end:end + 1] == "\n":
        return "\r"  # keeps the two line ends apart: "\r" + "\r\n"
    for candidate in (newline, "\r", "\r\n"):
        text = replacement.replace("\n", candidate)
        fuses_before = text.startswith("\n") and stored[start - 1:start] == "\r"
        fuses_after = text.endswith("\r") and stored[end:end + 1] == "\n"
        if not fuses_before and not fuses_after:
            return text
    return replacement.replace("\n", "\r\n")


def _encode(source: SourceFile, stored: str) -> bytes:
    return ((BOM if source.had_bom else "") + stored).encode("utf-8")
