"""Dispatch markdown-it block rules by a line's first character.

markdown-it tries every block rule, in order, on every line: eleven Python
calls per paragraph line, and seven more (the terminator chain) for each of
its continuation lines. Most rules only look at the first character and give
up. Here each chain (the main one and each terminator chain) becomes a single
rule that calls, in the original order, only the rules that can start with
that character, so the tokens are exactly markdown-it's own (a test compares
them) at a fraction of the calls. Two more rules are skipped where they cannot
match: ``code`` on a line indented less than four columns, and ``lheading``
(a setext heading) when no line of the paragraph starts with ``=`` or ``-``.

Kept because it pays: without it, linting 100 generated post-mortems costs
5.7% more instructions (2.60 G instead of 2.46 G, callgrind), which puts
``check`` above the parse floor. It reads the enabled rules through
``Ruler.__rules__``, which markdown-it-py does not document, so
``pyproject.toml`` pins markdown-it-py to the range the tests pass on
(3.0 and 4.x are tested: the minimum-versions job and the current release).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

BlockRule = Callable[["StateBlock", int, int, bool], bool]

#: the characters each of markdown-it's rules can start with (after indentation);
#: a rule not named here (table, lheading, paragraph, plugins) is tried on every line
STARTS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}
TERMINATOR_CHAINS = ("paragraph", "reference", "blockquote", "list")


Candidates = tuple[dict[str, tuple[BlockRule, ...]], tuple[BlockRule, ...]]


def _candidates(named: Sequence[tuple[str, BlockRule]]) -> Candidates:
    """Per first character, the rules worth trying (original order), and the list for any other character."""
    anywhere = tuple(rule for name, rule in named if name not in STARTS)
    chars = {char for name, _ in named for char in STARTS.get(name, "")}
    by_char = {
        char: tuple(rule for name, rule in named if name not in STARTS or char in STARTS[name]) for char in chars
    }
    return by_char, anywhere


def _may_underline(state: StateBlock, start: int, end: int) -> bool:
    """Whether a line of the paragraph at ``start`` could be a setext underline (``===``/``---``)."""
    src, marks, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    line = start + 1
    while line < end:
        position = marks[line] + shifts[line]
        if position >= ends[line]:
            return False  # an empty line ends the paragraph
        if src[position] in "-=":
            return True
        line += 1
    return False


def _guard_lheading(lheading: BlockRule) -> BlockRule:
    def setext_heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if _may_underline(state, start, end):
            return lheading(state, start, end, silent)
        # What a failed lheading leaves behind: it sets parentType and does not restore it,
        # which decides whether an empty list item ends a table row run further on.
        state.parentType = "paragraph"
        return False

    return setext_heading


def _dispatcher(named: Sequence[tuple[str, BlockRule]]) -> BlockRule:
    """One rule for a chain: by first character, or every rule on an indented (code) line."""
    indented = tuple(rule for _, rule in named)
    unindented = [(name, _guard_lheading(rule) if name == "lheading" else rule)
                  for name, rule in named if name != "code"]
    by_char, anywhere = _candidates(unindented)
    get = by_char.get

    def dispatch(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        position = state.bMarks[start] + state.tShift[start]
        if state.sCount[start] - state.blkIndent >= 4:
            rules = indented
        else:
            rules = get(state.src[position : position + 1], anywhere)
        for rule in rules:  # noqa: SIM110 (any() + genexpr is slower)
            if rule(state, start, end, silent):
                return True
        return False

    return dispatch


def use_block_dispatch(md: MarkdownIt) -> MarkdownIt:
    """Replace the main block chain and the terminator chains by first-character dispatchers.

    Left unchanged when the parser has rules or chains this module does not know.
    """
    ruler = md.block.ruler
    enabled = [rule for rule in ruler.__rules__ if rule.enabled]
    chains = {alt for rule in enabled for alt in rule.alt}
    if not chains <= set(TERMINATOR_CHAINS):
        return md
    main = _dispatcher([(rule.name, rule.fn) for rule in enabled])
    terminators = {
        chain: _dispatcher([(rule.name, rule.fn) for rule in enabled if chain in rule.alt])
        for chain in TERMINATOR_CHAINS
    }
    for rule in enabled:
        ruler.at(rule.name, rule.fn, {"alt": []})
    # first in the main chain: it always matches (paragraph is among its rules), so the rest are never tried
    ruler.before(enabled[0].name, "pmlint_dispatch", main)
    for chain, dispatcher in terminators.items():
        ruler.push(f"pmlint_terminate_{chain}", dispatcher, {"alt": [chain]})
    return md
