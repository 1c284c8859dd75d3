"""Every crash or hang the fuzzer, the hostile inputs or the real corpus found,
pinned so it cannot come back. Each test names what broke and where."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmlint.document.parse import parse_text
from pmlint.document.source import SourceError, SourceFile
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import lint_document
from pmlint.workspace.discovery import discover

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


# ------------------------------------------- false positives found on the real corpus


def test_reference_links_under_the_summary_are_not_sentences() -> None:
    """PM103 counted a paragraph of bare CVE links as a fourth sentence (dfds PM2022-005)."""
    text = ("# T\n\n## Summary\nA package changed. It shipped malware. We were not affected.\n\n"
            "https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2022-23812\n<https://nvd.nist.gov/x>\n")
    assert not [m for m in lint_text(text) if m.startswith("PM103")]


@pytest.mark.parametrize("item", [
    "Implement guards against invalid container runtime selection (done)",
    "We have added a backlog task to curate alerts",
    "We tweaked the internal registry pull limit",
    "Service account with ACLs has been documented",
])
def test_finished_work_needs_no_owner_or_due_date(item: str) -> None:
    """PM401/PM403 asked for an owner and a due date on work already done (dfds PM2023-001, PM2024-002)."""
    messages = lint_text(f"# T\n\n## Action Items\n\n- {item}\n- Add an alert for file watches\n")
    assert sum(m.startswith("PM401") for m in messages) == 1, messages
    assert sum(m.startswith("PM403") for m in messages) == 1, messages


def test_a_hypothesis_at_the_time_is_not_blame() -> None:
    """PM501 read "Assumed user error at the time." in a timeline as blame (dfds PM2021-010)."""
    text = "# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 13:43 | Assumed user error at the time. |\n"
    assert not [m for m in lint_text(text) if m.startswith("PM501")]
    assert [m for m in lint_text("# T\n\n## Root Cause\n\nUser error.\n") if m.startswith("PM501")]


def test_mistyped_year_is_reported_as_a_bad_date() -> None:
    """'20202-01-16 12:00' was 'not an HH:MM time'; the time is fine, the date is not (dfds PM2020-003)."""
    text = "# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 20202-01-16 12:00 | x |\n"
    assert [m for m in lint_text(text) if m.startswith("PM201")] == [
        "PM201 '20202-01-16 12:00' has an invalid date"]


# actions.py: an action table whose every column has another meaning ("| ID | Owner |")
# made next() raise StopIteration inside the item generator (found by the sync-todo fuzz).
def test_action_table_without_a_free_column() -> None:
    text = "\ufeff\n\nsummary\n===\n\naction items\n===\n\nID | Owner\n--- | ---\nAI-1 | @dana\n"
    assert parse_text(text).actions == ()
    lint_text(text)
