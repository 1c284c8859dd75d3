"""Placeholder text: what makes a section empty or unwritten.

PM102 reports such sections; other section rules (PM104, PM105) leave them to it.
"""

from __future__ import annotations

import re

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Block, Section, Table
from pmlint.rules._comments import replace_comments

_PLACEHOLDER_WORDS = frozenset(
    {"todo", "tbd", "tbc", "tba", "n/a", "na", "none yet", "fixme", "xxx", "...", "…",
     "-", "—", "–", "?", "??", "???", "hh:mm", "yyyy-mm-dd", "placeholder", "to be written",
     "to be completed", "to be determined", "coming soon", "lorem ipsum"}
)
_TODO_NOTE = re.compile(r"^(?:todo|tbd|tbc|fixme|xxx)\b\s*[:\-—–(]", re.IGNORECASE)
_BRACKETED = lazy_pattern(r"^\[[^\[\]]*\](?!\()$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _placeholder_line(line: str) -> bool:
    first = line[:1]
    marker = _LIST_MARKER.match(line) if first in "-*+" or first.isspace() or first.isdecimal() else None
    text = (line[marker.end() :] if marker else line).strip().strip("*_`").strip()
    if not text:
        return True
    return (
        text.lower().rstrip(".:") in _PLACEHOLDER_WORDS
        or text in ("...", "…")
        or (text[0] in "tTfFxX" and bool(_TODO_NOTE.match(text)))  # the notes' first letters
        or (text[0] == "[" and bool(_BRACKETED().match(text)))
    )


def _placeholder_table(table: Table) -> bool:
    return all(_placeholder_line(cell.text) for row in table.rows for cell in row.cells)


def _is_placeholder(block: Block) -> bool:
    if block.kind == "html":
        return not replace_comments(block.text).strip()
    if block.kind == "table" and block.table is not None:
        return _placeholder_table(block.table)
    if block.kind == "code":
        return not block.text.strip()
    text = replace_comments(block.text)
    end = text.find("\n")  # the first line usually decides: no need to split the rest
    if _placeholder_line(text if end < 0 else text[:end]) and (
        end < 0 or all(_placeholder_line(line) for line in text[end + 1 :].split("\n"))
    ):
        return True
    if "[" not in text or "]" not in text:
        return False  # cannot be one bracketed placeholder
    whole = " ".join(_LIST_MARKER.sub("", text).strip("*_` \n").split())
    return bool(_BRACKETED().match(whole))


def emptiness(section: Section) -> str | None:
    """'empty', 'placeholder' or None (the section has real content)."""
    for block in section.blocks:
        if not _is_placeholder(block):
            return None  # real content (an empty block always reads as a placeholder)
    return "empty" if section.is_empty else "placeholder"


def is_unwritten(section: Section) -> bool:
    """Empty or only a placeholder: other rules leave such sections to PM102."""
    return emptiness(section) is not None
