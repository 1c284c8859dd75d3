"""Every crash or hang the fuzzer, the hostile inputs or the real corpus found,
pinned so it cannot come back. Each test names what broke and where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmlint.config import config_from_mapping
from pmlint.lint import discover, lint_document
from pmlint.parse import parse_text
from pmlint.source import SourceError, SourceFile

CONFIG = config_from_mapping({})


def lint_text(text: str) -> list[str]:
    """Messages of every finding; fails on a rule's internal error."""
    findings = lint_document(parse_text(text, "regression.md", CONFIG.parse_settings), CONFIG)
    messages = [f"{f.code} {f.message}" for f in findings]
    assert not [m for m in messages if "internal error in rule" in m], messages
    return messages


# frontmatter.py: YAML's constructors raise ValueError/KeyError/AttributeError
# (not YAMLError) for resolvable but impossible scalars; parse() raised.
@pytest.mark.parametrize("line", [
    "date: 2026-02-30",
    "date: 2026-03-10T25:00:00",
    "started: !!timestamp garbage",
    "k: !!timestamp 2026-13-45",
    "k: !!int abc",
    "k: !!float x",
    "k: !!bool maybe",
    "k: [2026-02-30, 1]",
])
def test_impossible_yaml_scalars_stay_text(line: str) -> None:
    doc = parse_text(f"---\n{line}\n---\n# T\n")
    assert doc.front_matter.error is None
    assert doc.front_matter.fields[0].key == line.split(":")[0]
    lint_text(f"---\n{line}\n---\n# T\n")


def test_impossible_date_is_reported_as_an_invalid_value() -> None:
    messages = lint_text("---\ntitle: T\ndate: 2026-02-30\n---\n# T\n")
    assert any(m.startswith("PM004") and "date" in m for m in messages), messages


@pytest.mark.parametrize("line", ["k: !!set {[1]: null}", "k: !!omap [1]", "k: !!pairs {a: 1}"])
def test_unbuildable_collections_are_a_front_matter_error(line: str) -> None:
    doc = parse_text(f"---\n{line}\n---\n# T\n")
    assert doc.front_matter.error is not None


# PM001's front-matter fix probed header values with yaml.safe_load, which
# raised ValueError for "2026-02-30" and KeyError for "!!bool maybe".
@pytest.mark.parametrize("header", [
    "**Date:** 2026-02-30",
    "**Date:** !!bool maybe\n**Status:** !!int x",
    "**Authors:** !!bool x, !!int y",
])
def test_bold_header_with_values_yaml_cannot_build(header: str) -> None:
    lint_text("\ufeff" + header)


# lint.discover / SourceFile.read: a named pipe called *.md made `pmlint check`
# block forever in open().
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_not_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    with pytest.raises(SourceError, match="not a regular file"):
        SourceFile.read(pipe)
    found = discover([tmp_path])
    assert found.files == ()
    assert found.errors == ((str(pipe), "not a regular file (a pipe, socket or device), skipped"),)
