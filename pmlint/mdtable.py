"""A markdown-it block rule that reads a GFM table as ONE token.

markdown-it's own table rule validates the header and delimiter rows (we call
it in silent mode, so table detection is exactly markdown-it's); the body rows
are then gathered with the same stopping rules, but instead of ~4 tokens per
cell we push a single ``pmlint_table`` token whose ``meta["rows"]`` holds each
row's 0-based line and cell texts. Rules only need cell text and positions,
and this halves the block parse of a table-heavy post-mortem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.rules_block.table import escapedSplit
from markdown_it.rules_block.table import table as gfm_table

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

MAX_AUTOCOMPLETED_CELLS = 0x10000


def _cells(line: str) -> list[str]:
    columns = escapedSplit(line.strip())
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return [column.strip() for column in columns]


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def single_token_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if not gfm_table(state, start, end, True):
        return False
    if silent:
        return True
    header = _cells(_line(state, start))
    rows: list[tuple[int, list[str]]] = [(start, header)]
    terminators = state.md.block.ruler.getRules("blockquote")
    autocompleted = 0
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        if any(rule(state, line, end, True) for rule in terminators):
            break
        text = _line(state, line).strip()
        if not text or state.is_code_block(line):
            break
        cells = _cells(text)
        autocompleted += max(0, len(header) - len(cells))
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        rows.append((line, (cells + [""] * len(header))[: len(header)]))
        line += 1
    token = state.push("pmlint_table", "table", 0)
    token.map = [start, line]
    token.meta = {"rows": rows}
    state.line = line
    return True


def use_single_token_tables(md: MarkdownIt) -> MarkdownIt:
    """Replace the GFM table rule (same position and terminators)."""
    md.block.ruler.at("table", single_token_table, {"alt": ["paragraph", "reference"]})
    return md
