"""The rules' hand-written pre-checks agree with the patterns they stand in front of.

Each pre-check lets a rule skip a regex (or its compilation) on text that cannot
match; these properties pin that it never skips text that can.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pmlint.document.parse import parse_text
from pmlint.rules import _prose
from pmlint.rules import pm402_owner_not_a_person as pm402
from pmlint.rules._text import holds_key, phrase_keys, phrase_pattern, text_keys

#: characters the patterns care about, plus letters that fold oddly under re.IGNORECASE
_TRICKY = "@aAzZ09_.-/ ,;&+()[]<>{}?xX…'’`*\tÄéıſİ\u00a0٣"
texts = st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=24)
tricky = st.text(alphabet=_TRICKY, max_size=16)
HANDLE = re.compile(r"@[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?")


@settings(max_examples=400)
@given(st.one_of(tricky, texts).map(lambda s: "@" + s))
def test_handle_reader_is_the_default_patterns_first_branch(owner: str) -> None:
    assert pm402._is_handle(owner) == (HANDLE.fullmatch(owner) is not None)
    default = re.compile(pm402.DEFAULT_OWNER_PATTERN)
    assert pm402._is_owner(owner, pm402.DEFAULT_OWNER_PATTERN) == (default.fullmatch(owner) is not None)


@settings(max_examples=400)
@given(st.one_of(tricky, texts, st.sampled_from(["Dana Li", "payments squad", "@web-team", "team alpha",
                                                  "A and B", "[name]", "@org/team", "x"])))
def test_owner_pre_checks_never_skip_a_match(owner: str) -> None:
    if pm402._SEPARATORS().search(owner):
        assert pm402._may_list(owner)
    if pm402._PLACEHOLDER().match(owner):
        assert owner[:1] in "[<{?xX.…"
    if pm402._TEAM_HANDLE().fullmatch(owner):
        assert "/" in owner
    name = pm402._normalise(owner)
    if pm402._GROUP_FORM().search(name):
        assert name.endswith(pm402._GROUP_WORDS) or name.startswith(("team", "squad"))


@settings(max_examples=400)
@given(st.one_of(tricky, texts))
def test_prose_pre_checks_never_skip_a_match(text: str) -> None:
    if _prose._NOT_PROSE().search(text):
        assert "`" in text or "](" in text or "<http" in text
    if _prose._URL().search(text):
        assert "http" in text
    if _prose._INITIALISM().search(text + "."):
        assert _prose._may_be_initialism(text)
    if _prose._DAY_NUMBER().search(text + "."):
        assert text[-1:].isdecimal()


@settings(max_examples=200)
@given(st.lists(st.one_of(tricky, st.sampled_from(["human error", "Human  Error here", "human", "error.", "blame",
                                                  "x", "**human** error"])), max_size=6))
def test_the_phrase_engine_pre_checks_skip_no_match(lines: list[str]) -> None:
    doc = parse_text("\n".join(["# T", *(line.replace("\n", " ") for line in lines)]))
    phrases = ("human error", "blame", "x y")
    pattern = phrase_pattern(phrases)
    assert pattern is not None
    expected = [run.span(*m.span()) for run in _prose.prose_runs(doc) for m in pattern.finditer(run.text)]
    assert [hit.span for hit in _prose.phrase_hits(doc, phrases)] == expected


@settings(max_examples=400)
@given(st.one_of(tricky, texts, st.sampled_from(["HUMAN ERROR", "human\u00a0error", "Human error.", "hıman error"])),
       st.sampled_from([("human error",), ("blame", "at fault"), ("x",), ("ärger",), ("on-call",)]))
def test_a_line_without_a_key_holds_no_phrase(line: str, phrases: tuple[str, ...]) -> None:
    pattern = phrase_pattern(phrases)
    assert pattern is not None
    if pattern.search(line):
        assert holds_key(line, text_keys(line, phrase_keys(phrases)))
