"""The first-character block dispatch is a pure speed-up: markdown-it's tokens, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from pmlint.document.mddispatch import STARTS, use_block_dispatch
from pmlint.document.mdtable import use_single_token_tables
from tests.strategies import TEXTS

ROOT = Path(__file__).parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def _parser(dispatch: bool) -> MarkdownIt:
    md = use_single_token_tables(MarkdownIt("commonmark", {"html": True, "maxNesting": 200}).enable("table"))
    md.core.ruler.disable(["inline", "text_join"])
    return use_block_dispatch(md) if dispatch else md


PLAIN, DISPATCHED = _parser(False), _parser(True)


def _dump(tokens: list[Token]) -> list[tuple[object, ...]]:
    return [(t.type, t.map, t.content, t.markup, t.info, t.meta, t.level, t.nesting, t.hidden) for t in tokens]


def _same(text: str) -> None:
    assert _dump(DISPATCHED.parse(text)) == _dump(PLAIN.parse(text))


def _markdown_files() -> list[Path]:
    folders = [ROOT / "docs", ROOT / "tests", CORPUS]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*.md"))


def test_dispatch_replaces_every_chain() -> None:
    ruler = DISPATCHED.block.ruler
    assert ruler.get_active_rules()[0] == "pmlint_dispatch"
    for chain in ("paragraph", "reference", "blockquote", "list"):
        assert [rule.__name__ for rule in ruler.getRules(chain)] == ["dispatch"]


def test_same_tokens_on_every_markdown_file_in_the_repository_and_corpus() -> None:
    files = _markdown_files()
    assert len(files) > 20
    for path in files:
        _same(path.read_text(encoding="utf-8", errors="replace"))


# lines that start with every character some rule dispatches on, nested and lazy
_LINE_STARTS = sorted({char for chars in STARTS.values() for char in chars} | {" ", "    ", "\t", "a", "|"})
_LINES = st.lists(
    st.tuples(st.sampled_from(_LINE_STARTS), st.sampled_from(["", " ", "  "]),
              st.sampled_from(["x", "1. y", "- z", "> q", "| a | b |", "|---|---|", "---", "===", "```", "<div>",
                               "<!-- c -->", "[ref]: /url", "## h", "* * *", "", "2) w"])),
    max_size=25,
).map(lambda parts: "\n".join(a + b + c for a, b, c in parts))


@settings(max_examples=1500, deadline=None)
@given(_LINES)
def test_same_tokens_on_block_starts(text: str) -> None:
    _same(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_same_tokens_on_post_mortem_shaped_documents(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("text", [
    " x\n|x\n|---\n*",  # a skipped setext check must leave parentType as lheading does
    "a\n---\n",
    "a\nb\n===\n",
    "    code\n- item\n",
    "> quote\n|a|b|\n|-|-|\n",
])
def test_same_tokens_on_known_edge_cases(text: str) -> None:
    _same(text)


def test_unknown_chains_leave_the_parser_alone() -> None:
    md = MarkdownIt("commonmark")
    md.block.ruler.push("custom", lambda state, start, end, silent: False, {"alt": ["custom_chain"]})
    before = md.block.ruler.get_active_rules()
    assert use_block_dispatch(md).block.ruler.get_active_rules() == before
