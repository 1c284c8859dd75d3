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

from markdown_it.rules_block.table import table as gfm_table

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock



def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _column(state: StateBlock, line: int) -> int:
    """0-based column of the row's content on its source line."""
    start = state.bMarks[line] + state.tShift[line]
    return start - (state.src.rfind("\n", 0, start) + 1)


def single_token_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    # This rule is tried at every line: reject the common case before calling into markdown-it.
    if start + 2 > end:
        return False
    delimiter = state.bMarks[start + 1] + state.tShift[start + 1]
    if delimiter >= state.eMarks[start + 1] or state.src[delimiter] not in "|-:":
        return False
    if "|" not in state.src[state.bMarks[start] : state.eMarks[start]]:
        return False
    if not gfm_table(state, start, end, True):
        return False
    if silent:
        return True
    rows: list[tuple[int, int]] = [(start, _column(state, start))]
    terminators = state.md.block.ruler.getRules("blockquote")
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        text = _line(state, line)
        # a row that starts with '|' cannot open another block: skip the terminator rules
        if not text.startswith("|") and any(rule(state, line, end, True) for rule in terminators):
            break
        if not text.strip() or state.is_code_block(line):
            break
        rows.append((line, _column(state, line)))
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
