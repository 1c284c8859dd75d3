"""``--format github`` and the automatic switch under GitHub Actions."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main
from pmlint.document.source import Span
from pmlint.lint.engine import FileResult, Finding
from pmlint.report.github_format import render

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
ASAP = BASE.replace("| 2026-04-03 |", "| ASAP |")
ASAP_LINE = next(n for n, line in enumerate(ASAP.split("\n"), 1) if "| ASAP |" in line)


def invoke(args: list[str], **variables: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, obj=Environment(variables=variables))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_under_github_actions_a_finding_is_an_error_annotation_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(ASAP, encoding="utf-8")
    code, out = invoke(["check", "--no-cache", "--select", "PM404", str(path)], GITHUB_ACTIONS="true")
    assert code == 1
    line, total = out.splitlines()
    assert total == "pmlint: 1 error, 0 warnings in 1 of 1 file"
    assert line.startswith("::error file=")
    assert f",line={ASAP_LINE},col=" in line and f",endLine={ASAP_LINE}," in line
    assert ",title=PM404::" in line and "ASAP" in line


def test_without_github_actions_the_default_is_text(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(ASAP, encoding="utf-8")
    _, out = invoke(["check", "--no-cache", "--select", "PM404", str(path)])
    assert "::error" not in out and "PM404 [vague-due-date]" in out


def test_draft_findings_are_warnings(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(ASAP.replace("status: final", "status: draft"), encoding="utf-8")
    code, out = invoke(["check", "--no-cache", "--select", "PM404", "--format", "github", str(path)])
    assert code == 0 and out.startswith("::warning file=")


def test_escaping_of_percent_newlines_colons_and_commas() -> None:
    finding = Finding("dir,x/a:b.md", Span(2, 1, 2, 4), "PM501", "blame", "error", "50% done\r\nnext: a, b")
    out = render([FileResult("dir,x/a:b.md", (finding,))], quiet=True)
    assert out == ("::error file=dir%2Cx/a%3Ab.md,line=2,col=1,endLine=2,endColumn=4,title=PM501::"
                   "[blame] 50%25 done%0D%0Anext: a, b\n")


def test_unreadable_file_is_an_error_annotation() -> None:
    out = render([FileResult("a.md", error="not valid UTF-8", error_line=3)], quiet=True)
    assert out == "::error file=a.md,line=3,title=PM000::not valid UTF-8\n"
