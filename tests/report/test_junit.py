"""``--format junit``: one testsuite per file, one testcase per finding, proper escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main
from pmlint.document.source import Span
from pmlint.lint.engine import FileResult, Finding
from pmlint.report.junit_format import render

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")


def finding(message: str, line: int = 3, code: str = "PM404", severity: str = "error") -> Finding:
    return Finding("docs/a&b.md", Span(line, 5, line, 9), code, "vague-due-date", severity, message,
                   "use a date")


def test_structure_counts_and_locations() -> None:
    results = [
        FileResult("docs/a&b.md", (finding("due is 'ASAP'"), finding("second", 7, "PM401", "warning"))),
        FileResult("docs/clean.md"),
        FileResult("docs/bin.md", error="not valid UTF-8", error_line=4),
    ]
    root = ET.fromstring(render(results).encode("utf-8"))
    assert root.tag == "testsuites"
    # the warning is reported (system-out) without failing
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "1", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["docs/a&b.md", "docs/clean.md", "docs/bin.md"]
    first = suites[0].findall("testcase")
    assert [c.get("name") for c in first] == ["PM404 vague-due-date", "PM401 vague-due-date"]
    failure = first[0].find("failure")
    assert failure is not None
    assert failure.get("message") == "docs/a&b.md:3:5: due is 'ASAP'"
    assert failure.get("type") == "error:PM404"
    assert failure.text == "docs/a&b.md:3:5: PM404 [vague-due-date] due is 'ASAP'\nhelp: use a date"
    clean = suites[1].findall("testcase")
    assert [c.get("name") for c in clean] == ["pmlint"] and clean[0].find("failure") is None
    error = suites[2].find("testcase/error")
    assert error is not None and error.get("message") == "docs/bin.md:4: not valid UTF-8"


def test_markup_and_control_characters_are_escaped() -> None:
    nasty = 'quote " <tag> & \'apos\' ]]> bell\x07 nul\x00 line\nbreak'
    text = render([FileResult("x.md", (finding(nasty),))])
    root = ET.fromstring(text.encode("utf-8"))  # well-formed XML despite everything
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    expected = 'docs/a&b.md:3:5: quote " <tag> & \'apos\' ]]> bell\\x07 nul\\x00 line\nbreak'
    assert failure.get("message") == expected
    assert "\x07" not in text and "\x00" not in text
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')


def test_cli_junit_output(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BASE.replace("| 2026-04-03 |", "| ASAP |"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "junit", str(path)],
                                obj=Environment(variables={}))
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert "PM404 vague-due-date" in names


def test_warnings_pass_with_their_text_and_fail_only_under_strict() -> None:
    results = [FileResult("docs/draft.md", (finding("soon", 3, "PM404", "warning"),))]
    root = ET.fromstring(render(results).encode("utf-8"))
    assert root.get("failures") == "0" and root.get("tests") == "1"
    case = root.find("testsuite/testcase")
    assert case is not None and case.find("failure") is None
    out = case.find("system-out")
    assert out is not None and out.text == "warning: docs/a&b.md:3:5: PM404 [vague-due-date] soon\nhelp: use a date"
    strict = ET.fromstring(render(results, strict=True).encode("utf-8"))
    assert strict.get("failures") == "1"
    assert strict.find("testsuite/testcase/failure") is not None


def test_a_fresh_pmlint_new_draft_has_no_failed_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    made = runner.invoke(main, ["new", "Checkout outage"], obj=Environment(variables={}))
    assert made.exit_code == 0, made.output
    draft = made.stdout.strip()
    result = runner.invoke(main, ["check", "--no-cache", "--format", "junit", draft], obj=Environment(variables={}))
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert int(root.get("tests") or 0) > 1  # the draft has findings, all of them warnings
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert result.exit_code == 0
