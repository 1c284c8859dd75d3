"""``check --fix`` / ``--diff``: safe fixes that never change any other byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import main
from pmlint.document.edits import Edit, apply_edits
from pmlint.document.parse import parse
from pmlint.document.source import SourceFile, Span
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import Finding
from pmlint.lint.fix import fix_path, fix_source, select_edits
from pmlint.rules.base import Fix

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
UNPADDED = BASE.replace("| 14:02 |", "| 9:02 |").replace("| 14:06 |", "| 9.06 |")
CONFIG = config_from_mapping({})


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, obj=Environment(variables={}))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def finding(*edits: Edit, code: str = "PM999") -> Finding:
    return Finding("x.md", Span(1, 1, 1, 1), code, "test", "error", "m", fix=Fix("test fix", edits))


# --- edits ------------------------------------------------------------------------------------

def test_overlapping_fix_waits_and_same_point_insertions_keep_their_order() -> None:
    findings = [
        finding(Edit(0, 3, "ABC")),
        finding(Edit(2, 5, "zz")),  # overlaps the first: skipped this pass
        finding(Edit(6, 6, "1")),
        finding(Edit(6, 6, "2")),
    ]
    edits, applied = select_edits(findings, 10)
    assert applied == [findings[0], findings[2], findings[3]]
    assert apply_edits("abcdefghij", edits) == "ABCdef12ghij"


def test_insertion_inside_a_replacement_clashes_but_at_its_edge_does_not() -> None:
    _, applied = select_edits([finding(Edit(2, 6, "")), finding(Edit(4, 4, "x"))], 10)
    assert len(applied) == 1
    _, applied = select_edits([finding(Edit(2, 6, "")), finding(Edit(6, 6, "x"))], 10)
    assert len(applied) == 2


def test_fix_out_of_range_or_overlapping_itself_is_skipped() -> None:
    _, applied = select_edits([finding(Edit(5, 50, "x")), finding(Edit(0, 4, "a"), Edit(2, 3, "b"))], 10)
    assert applied == []


# --- the done-when: pad times and nothing else ------------------------------------------------

def test_fix_pads_unpadded_timeline_times_and_nothing_else() -> None:
    outcome = fix_source(SourceFile.from_text("pm.md", UNPADDED), CONFIG)
    assert outcome.after == BASE.replace("| 14:02 |", "| 09:02 |").replace("| 14:06 |", "| 09:06 |")
    assert sorted(f.code for f in outcome.applied) == ["PM201", "PM201"]
    assert outcome.result is not None
    assert not [f for f in outcome.result.findings if f.code == "PM201"]


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", False), ("\r\n", True), ("\n", True)])
def test_fix_keeps_crlf_and_bom(tmp_path: Path, newline: str, bom: bool) -> None:
    def encode(text: str) -> bytes:
        return (("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8")

    path = tmp_path / "pm.md"
    path.write_bytes(encode(UNPADDED))
    fix_path(path, CONFIG)
    fixed = UNPADDED.replace("| 9:02 |", "| 09:02 |").replace("| 9.06 |", "| 09:06 |")
    assert path.read_bytes() == encode(fixed)


def test_mixed_line_ends_survive_byte_for_byte(tmp_path: Path) -> None:
    lines = UNPADDED.split("\n")
    ends = ["\r\n" if index % 3 else "\n" for index in range(len(lines) - 1)]
    stored = "".join(line + end for line, end in zip(lines, ends, strict=False)) + lines[-1]
    path = tmp_path / "pm.md"
    path.write_bytes(stored.encode("utf-8"))
    fix_path(path, CONFIG)
    expected = stored.replace("| 9:02 |", "| 09:02 |").replace("| 9.06 |", "| 09:06 |")
    assert path.read_bytes() == expected.encode("utf-8")


@given(st.lists(st.tuples(st.text(alphabet="ab 9:.#\r", max_size=8), st.sampled_from(["\n", "\r\n", "\r"])),
                max_size=8),
       st.integers(0, 60), st.integers(0, 5), st.text(alphabet="xy\n", max_size=4))
def test_only_the_edited_range_changes(lines: list[tuple[str, str]], start: int, width: int,
                                       replacement: str) -> None:
    from pmlint.document.edits import stored_text, to_stored

    stored = "".join(text + end for text, end in lines)
    source = SourceFile.from_bytes("x.md", stored.encode("utf-8"))
    start = min(start, len(source.text))
    end = min(start + width, len(source.text))
    [mapped] = to_stored(source, stored_text(source), [Edit(start, end, replacement)])
    result = apply_edits(stored, [mapped])
    assert result[:mapped.start] == stored[:mapped.start]
    assert result[mapped.start + len(mapped.replacement):] == stored[mapped.end:]
    normalised = SourceFile.from_text("x.md", result).text
    assert normalised == apply_edits(source.text, [Edit(start, end, replacement)])


# --- PM101 skeletons --------------------------------------------------------------------------

def _fixed(text: str) -> str:
    return fix_source(SourceFile.from_text("pm.md", text), config_from_mapping({"select": ["PM101"]})).after


def test_missing_section_is_inserted_before_the_next_canonical_section() -> None:
    text = BASE.replace("## What Went Well\n", "## Notes\n")  # a heading with no section meaning
    fixed = _fixed(text)
    assert fixed == text.replace(
        "## What Went Poorly\n",
        "## What Went Well\n\n_TODO: describe what worked during detection, response and recovery._\n\n"
        "## What Went Poorly\n",
    )


def test_missing_sections_at_the_end_compose_in_order() -> None:
    fixed = _fixed("# Outage\n\n## Summary\n\nPayments failed.\n")
    assert fixed.startswith("# Outage\n\n## Summary\n\nPayments failed.\n\n## Impact\n\n_TODO: describe")
    headings = [line for line in fixed.split("\n") if line.startswith("## ")]
    assert headings == ["## Summary", "## Impact", "## Timeline", "## Root Cause", "## Contributing Factors",
                        "## What Went Well", "## What Went Poorly", "## Action Items", "## Lessons Learned"]
    assert "\n\n\n" not in fixed and fixed.endswith("_\n")
    assert not [f for f in parse(SourceFile.from_text("pm.md", fixed)).sections if f.key is None]
    assert _fixed("# Outage\n\n## Summary\n\nPayments failed.\n\n").endswith("incident._\n\n")


def test_file_without_final_newline_stays_without_one() -> None:
    fixed = _fixed("# Outage\n\n## Summary\n\nPayments failed.")
    assert fixed.startswith("# Outage\n\n## Summary\n\nPayments failed.\n\n## Impact\n")
    assert not fixed.endswith("\n")


def test_no_skeleton_inside_an_unclosed_code_block() -> None:
    text = "# Outage\n\n## Summary\n\n```\nstill code\n"
    assert _fixed(text) == text


def test_no_skeleton_inside_an_unclosed_comment() -> None:
    # appended after "<!--", the skeletons would be hidden and the sections still missing:
    # PM101 offers no fix (before, the fix loop found the same findings pass after pass)
    for text in ("# Outage\n\n## Summary\n\n<!--\nnotes\n", "# Outage\n\n## Summary\n\n<!-- a --> <!-- b\n"):
        outcome = fix_source(SourceFile.from_text("pm.md", text), CONFIG)
        assert outcome.after == text and outcome.result is not None
        missing = [f for f in outcome.result.findings if f.code == "PM101"]
        assert missing and all(f.fix is None for f in missing)


def test_a_closed_comment_at_the_end_still_gets_skeletons_after_it() -> None:
    fixed = _fixed("# Outage\n\n## Summary\n\nPayments failed.\n\n<!-- reviewed -->\n")
    assert "<!-- reviewed -->\n\n## Impact\n" in fixed


# --- CLI --------------------------------------------------------------------------------------

def test_cli_fix_writes_and_reports_what_changed_and_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(UNPADDED.replace("## Lessons Learned", "## Notes"), encoding="utf-8")
    code, out, err = run(["check", "--no-cache", "--fix", str(path)])
    assert "fixed: " in err and "PM201 rewrite '9:02' as '09:02'" in err
    assert "PM101 add a '## Lessons Learned' skeleton" in err
    assert "Fixed 3 findings in 1 file;" in err
    assert "| 09:02 |" in path.read_text(encoding="utf-8")
    assert "PM102" in out  # the skeleton's placeholder is what is left
    assert code == ExitStatus.FINDINGS


def test_cli_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(UNPADDED, encoding="utf-8")
    code, out, err = run(["check", "--no-cache", "--diff", str(path)])
    assert code == ExitStatus.FINDINGS
    assert out.startswith("--- a/") and "-| 9:02 |" in out and "+| 09:02 |" in out
    assert "Would fix 2 findings in 1 file" in err
    assert path.read_text(encoding="utf-8") == UNPADDED
    path.write_text(BASE, encoding="utf-8")
    code, out, _ = run(["check", "--no-cache", "--diff", str(path)])
    assert (code, out) == (ExitStatus.SUCCESS, "")


def test_fix_on_unparseable_front_matter_changes_nothing_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    broken = UNPADDED.replace("severity: SEV-2", "severity: [SEV-2", 1)
    path.write_text(broken, encoding="utf-8")
    before = path.read_bytes()
    code, out, err = run(["check", "--no-cache", "--fix", str(path)])
    assert path.read_bytes() == before
    assert "not fixed:" in err and "front matter cannot be parsed" in err and "pm.md" in err
    assert "PM002" in out
    assert code == ExitStatus.FINDINGS


def test_fix_on_unreadable_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(b"\xff\xfe not utf-8")
    code, out, _ = run(["check", "--no-cache", "--fix", str(path)])
    assert code == ExitStatus.ERROR
    assert "not valid UTF-8" in out
    assert path.read_bytes() == b"\xff\xfe not utf-8"


def test_bold_header_becomes_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    body = BASE.split("---\n", 2)[2]
    header = ("# Outage\n**Date:** 2026-03-10\n**Severity:** SEV-2\n**Authors:** @dana.kim\n"
              "**Status:** Draft\n")
    path.write_text(header + body.replace("# Database connection pool exhausted after checkout deploy\n", ""),
                    encoding="utf-8")
    run(["check", "--no-cache", "--fix", "--select", "PM001", str(path)])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "severity: SEV-2" in text and "**Date:**" not in text


def test_fix_never_writes_through_a_symlink(tmp_path: Path) -> None:
    """A link is left alone (its target might be anywhere); fixing the file it names works."""
    real = tmp_path / "real.md"
    real.write_text(UNPADDED, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    outcome = fix_path(link, CONFIG)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == UNPADDED
    assert not outcome.changed and outcome.reason and "symbolic link" in outcome.reason
    fix_path(real, CONFIG)
    assert "| 09:02 |" in real.read_text(encoding="utf-8")
