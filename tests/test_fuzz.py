"""Fuzzing: the parser, every rule, the reporters and sync-todo never raise.

The default suite runs a few hundred examples in total; the ``slow`` test
(``pytest -m slow tests/test_fuzz.py``) runs more than 100,000. A crash found
here is fixed at its root and pinned in ``tests/test_regressions.py``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import document_bytes, document_texts

from pmlint.document.model import Document
from pmlint.document.parse import parse
from pmlint.document.source import SourceError, SourceFile
from pmlint.lint.config import Config, config_from_mapping
from pmlint.lint.engine import FileResult, lint_document
from pmlint.report import FORMATS, get_formatter
from pmlint.rules import all_rules

_QUIET = list(HealthCheck)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=_QUIET)
#: the long run: >= 100,000 examples through parser, rules and reporters, in shards.
LONG_RUN_EXAMPLES = 100_000
LONG_RUN_SHARDS = 4
SLOW = settings(max_examples=LONG_RUN_EXAMPLES // LONG_RUN_SHARDS, deadline=None,
                suppress_health_check=_QUIET)

PATHS = st.sampled_from(["docs/incidents/a.md", "odd, name: 100%.md", "ü/日本.md", "a b/c\td.md"])

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import crafted  # noqa: E402  (the shapes that once took quadratic time: issue 16, item 5)


@st.composite
def crafted_bytes(draw: st.DrawFn, largest: int = 5_000) -> bytes:
    """A crafted shape of ``benchmarks/crafted.py`` at a small size: alone, spliced into a
    random document, or with CRLF line ends."""
    text = crafted.SHAPES[draw(st.sampled_from(sorted(crafted.SHAPES)))](draw(st.integers(100, largest)))
    document = draw(document_texts())
    at = draw(st.integers(0, len(document)))
    mixed = draw(st.sampled_from([text, document[:at] + text + document[at:], text.replace("\n", "\r\n")]))
    return mixed.encode("utf-8")



def _config() -> Config:
    return config_from_mapping({})


CONFIG = _config()


def parse_bytes(data: bytes, path: str = "fuzz.md") -> Document | None:
    """Decode and parse like ``pmlint check`` does; None for undecodable input."""
    try:
        source = SourceFile.from_bytes(path, data)
    except SourceError as exc:
        assert exc.line >= 1 and exc.message
        return None
    return parse(source, CONFIG.parse_settings)


def lint(doc: Document) -> FileResult:
    findings = lint_document(doc, CONFIG)
    for finding in findings:
        assert not finding.message.startswith("internal error in rule"), finding.message
        assert finding.span.line >= 1 and finding.span.column >= 1
    return FileResult(doc.path, tuple(findings), document=doc)


def _available_formats() -> list[str]:
    return [name for name in FORMATS if importlib.util.find_spec(f"pmlint.report.{name}_format")]


def _check_json(text: str) -> None:
    assert isinstance(json.loads(text), list)


def _check_sarif(text: str) -> None:
    assert json.loads(text)["version"] == "2.1.0"


def _check_github(text: str) -> None:
    """Workflow commands, one a line, then the one-line total (plain text, not a command)."""
    *commands, total, end = text.split("\n")
    assert all(line.startswith("::") for line in commands) and end == ""
    assert total.startswith("pmlint: ") and "\n" not in total


def _check_junit(text: str) -> None:
    ElementTree.fromstring(text.encode("utf-8"))


def _check_gitlab(text: str) -> None:
    issues = json.loads(text)
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)


CHECKS: dict[str, Callable[[str], None]] = {
    "json": _check_json, "sarif": _check_sarif, "github": _check_github, "junit": _check_junit,
    "gitlab": _check_gitlab,
}


def render_all(results: Sequence[FileResult]) -> None:
    """Every available reporter renders without raising, in a valid format."""
    for name in _available_formats():
        text = get_formatter(name)(results, colors=True, statistics=True)
        assert isinstance(text, str)
        CHECKS.get(name, lambda _: None)(text)


def exercise(data: bytes, path: str = "fuzz.md", error: str | None = None) -> None:
    """One example through everything: decode, parse, lint, report."""
    doc = parse_bytes(data, path)
    results = [lint(doc)] if doc is not None else [FileResult(path, error="not valid UTF-8", error_line=3)]
    if error is not None:
        results.append(FileResult(path + "x", error=error, error_line=2))
    render_all(results)


# ----------------------------------------------------------------- default suite


def test_every_rule_is_exercised() -> None:
    assert CONFIG.rules == all_rules()


@FAST
@given(document_bytes())
def test_parser_never_raises(data: bytes) -> None:
    parse_bytes(data)


@FAST
@given(document_texts())
def test_rules_never_fail(text: str) -> None:
    lint(parse(SourceFile.from_text("fuzz.md", text), CONFIG.parse_settings))


@FAST
@given(document_bytes(), PATHS, st.text(max_size=30))
def test_reporters_never_raise(data: bytes, path: str, error: str) -> None:
    exercise(data, path, error)


@FAST
@given(crafted_bytes(), PATHS)
def test_crafted_shapes_never_raise(data: bytes, path: str) -> None:
    exercise(data, path)
    fix_keeps_the_file_style(data)


@FAST
@given(document_bytes())
def test_fix_never_raises_and_keeps_the_file_style(data: bytes) -> None:
    fix_keeps_the_file_style(data)


def fix_keeps_the_file_style(data: bytes) -> None:
    """``check --fix`` in memory: no exception, and the BOM and line ends survive."""
    from pmlint.lint.fix import fix_source

    try:
        source = SourceFile.from_bytes("fuzz.md", data)
    except SourceError:
        return
    outcome = fix_source(source, CONFIG)
    fixed = SourceFile.from_bytes("fuzz.md", outcome.data)
    assert fixed.had_bom == source.had_bom
    if source.newline == "\r\n" and b"\r\n" in outcome.data:
        assert fixed.newline == "\r\n"


def _todo_module() -> Any:
    """sync-todo's engine (pmlint/todo/sync.py; the test skips if it is ever missing)."""
    return pytest.importorskip("pmlint.todo.sync", reason="sync-todo (pmlint/todo/sync.py) not available")


TODAY = dt.date(2026, 3, 20)
_TICKS = st.lists(st.booleans(), max_size=12)


def sync_todo(texts: Sequence[str], existing: str, ticks: Sequence[bool]) -> None:
    """Sync post-mortems into TODO.md over ``existing`` text, tick some boxes, sync
    again (write-backs included), then once more: the last sync changes nothing."""
    todo = _todo_module()
    from pmlint.todo.block import TodoError

    docs: dict[str, Document] = {}
    for number, text in enumerate(texts):
        doc = parse_bytes(text.encode("utf-8"), f"docs/incidents/{number}.md")
        if doc is not None:  # like the CLI: an unreadable post-mortem is left out
            docs[doc.path] = doc

    def run(current: bytes | None) -> Any:
        source = SourceFile.from_bytes("TODO.md", current) if current is not None else None
        return todo.sync(source, [todo.PostMortem(ref, doc) for ref, doc in docs.items()], TODAY)

    try:
        first = run(existing.encode("utf-8"))
    except (TodoError, SourceError):
        return  # a damaged block (or a binary TODO.md) is reported and never rewritten
    ticked = _tick(first.todo.decode("utf-8-sig"), ticks)
    try:
        second = run(ticked.encode("utf-8"))
    except TodoError:
        return
    for ref, data in second.documents.items():
        docs[ref] = parse(SourceFile.from_bytes(ref, data))
    third = run(second.todo)
    assert third.todo == second.todo and not third.documents


def _tick(text: str, ticks: Sequence[bool]) -> str:
    lines = text.split("\n")
    boxes = [i for i, line in enumerate(lines) if line.startswith(("- [ ] ", "- [x] "))]
    for index, tick in zip(boxes, ticks):
        if tick:
            box = "[x]" if lines[index].startswith("- [ ]") else "[ ]"
            lines[index] = "- " + box + lines[index][5:]
    return "\n".join(lines)


@FAST
@given(st.lists(document_texts(), min_size=1, max_size=3), st.text(max_size=200), _TICKS)
def test_todo_sync_never_raises(texts: list[str], existing: str, ticks: list[bool]) -> None:
    sync_todo(texts, existing, ticks)


# ----------------------------------------------------------------- the long run


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(LONG_RUN_SHARDS))
def test_long_fuzz_run(shard: int) -> None:
    """>= 100,000 examples in total (over the shards) through the parser, every
    rule, every reporter and sync-todo, about one in four a crafted shape of
    issue 16 item 5. Shards can run in parallel: ``-k "long_fuzz_run and 2"``."""
    calls = 0

    @SLOW
    @given(st.one_of(document_bytes(), document_bytes(), document_bytes(), crafted_bytes()), PATHS,
           st.one_of(st.none(), st.text(max_size=30)), _TICKS)
    def run(data: bytes, path: str, error: str | None, ticks: list[bool]) -> None:
        nonlocal calls
        calls += 1
        exercise(data, path, error)
        text = data.decode("utf-8", errors="replace")
        sync_todo([text], text[:80] if ticks[:1] == [True] else "", ticks)

    run()
    assert calls >= LONG_RUN_EXAMPLES // LONG_RUN_SHARDS
