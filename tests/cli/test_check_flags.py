"""The ``pmlint check`` options ruff users expect: stdin, exit-zero, quiet, output file,
extend-select, show-settings, statistics, colour, exclusions, and the JSON output schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import main

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
OWNER_CELL = "| AI-002 | Alert when any pool passes 80% of orders-db connections | @dana.kim |"
NO_OWNER = BASE.replace(OWNER_CELL, "| AI-002 | Alert when any pool passes 80% of orders-db connections |  |")


def run(args: list[str], stdin: str | bytes | None = None, **variables: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin, obj=Environment(variables=variables))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text(NO_OWNER, encoding="utf-8")
    return tmp_path


def test_stdin_is_linted_under_the_stdin_filename(repo: Path) -> None:
    code, out, _ = run(["check", "--format", "json", "-", "--stdin-filename", "docs/x.md"], stdin=NO_OWNER)
    items = json.loads(out)
    assert code == ExitStatus.FINDINGS
    assert {item["path"] for item in items} == {"docs/x.md"} and "PM401" in {i["code"] for i in items}
    code, out, _ = run(["check", "-"], stdin=BASE)
    assert code == ExitStatus.SUCCESS and "All checks passed (1 file checked)." in out


def test_stdin_uses_the_configuration_for_the_stdin_filename(repo: Path) -> None:
    (repo / "team").mkdir()
    (repo / "team" / ".pmlint.toml").write_text('ignore = ["PM401"]\n', encoding="utf-8")
    code, _, _ = run(["check", "-", "--stdin-filename", "team/pm.md"], stdin=NO_OWNER)
    assert code == ExitStatus.SUCCESS


def test_stdin_that_is_not_utf8_is_a_one_line_error(repo: Path) -> None:
    code, out, _ = run(["check", "-"], stdin=b"\xff\xfe\x00bad")
    assert code == ExitStatus.ERROR and out.startswith("-:")


def test_stdin_refuses_fix_and_other_paths(repo: Path) -> None:
    code, _, err = run(["check", "-", "--fix"], stdin=BASE)
    assert code == ExitStatus.ERROR and "standard input" in err
    code, _, err = run(["check", "-", "bad.md"], stdin=BASE)
    assert code == ExitStatus.ERROR and "standard input" in err


def test_exit_zero_keeps_findings_but_not_errors(repo: Path) -> None:
    code, out, _ = run(["check", "--no-cache", "--exit-zero", "bad.md"])
    assert code == ExitStatus.SUCCESS and "PM401" in out
    (repo / "binary.md").write_bytes(b"\xff\xfe\x00")
    code, _, _ = run(["check", "--no-cache", "--exit-zero", "binary.md"])
    assert code == ExitStatus.ERROR


def test_quiet_prints_findings_without_the_summary(repo: Path) -> None:
    _, out, _ = run(["check", "--no-cache", "-q", "--select", "PM401", "bad.md"])
    assert "PM401" in out and "Found" not in out
    (repo / "clean.md").write_text(BASE, encoding="utf-8")
    code, out, _ = run(["check", "--no-cache", "--quiet", "clean.md"])
    assert code == ExitStatus.SUCCESS and out == ""


def test_output_file_gets_the_report_and_stdout_stays_empty(repo: Path) -> None:
    code, out, _ = run(["check", "--no-cache", "--format", "json", "--output-file", "report.json", "bad.md"],
                       FORCE_COLOR="1")
    assert code == ExitStatus.FINDINGS and out == ""
    assert any(item["code"] == "PM401" for item in json.loads((repo / "report.json").read_text(encoding="utf-8")))
    run(["check", "--no-cache", "-o", "report.txt", "bad.md"], FORCE_COLOR="1")
    assert "\033[" not in (repo / "report.txt").read_text(encoding="utf-8")  # auto colour: not for a file


def test_output_file_that_cannot_be_written_is_a_one_line_error(repo: Path) -> None:
    code, _, err = run(["check", "--no-cache", "-o", "missing/folder/report.txt", "bad.md"])
    assert code == ExitStatus.ERROR and err.startswith("pmlint: error: missing/folder/report.txt")


def test_extend_select_adds_to_the_configured_selection(repo: Path) -> None:
    (repo / ".pmlint.toml").write_text('select = ["PM1"]\n', encoding="utf-8")
    _, out, _ = run(["check", "--no-cache", "bad.md"])
    assert "PM401" not in out
    _, out, _ = run(["check", "--no-cache", "--extend-select", "PM401", "bad.md"])
    assert "PM401" in out
    code, _, err = run(["check", "--extend-select", "PM999", "bad.md"])
    assert code == ExitStatus.ERROR and "unknown rule 'PM999'" in err


def test_show_settings_prints_the_resolved_configuration_and_files(repo: Path) -> None:
    (repo / ".pmlint.toml").write_text('ignore = ["PM5"]\nextend-exclude = ["drafts/"]\n', encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "later.md").write_text(BASE, encoding="utf-8")
    code, out, _ = run(["check", "--show-settings", "."])
    assert code == ExitStatus.SUCCESS
    assert f"config = {(repo / '.pmlint.toml').resolve().as_posix()}" in out
    assert "ignore = ['PM5']" in out and "extend-exclude = ['drafts/']" in out
    assert "'PM501'" not in out.split("rules = ")[1].split("\n")[0]
    assert "files = 1\n  bad.md\n" in out


def test_statistics_counts_findings_per_rule(repo: Path) -> None:
    _, out, _ = run(["check", "--no-cache", "--statistics", "--select", "PM401", "bad.md"])
    assert "Statistics:" in out and "1  PM401  missing-owner" in out


@pytest.mark.parametrize(("args", "variables", "coloured"), [
    (["--color", "always"], {"NO_COLOR": "1"}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    (["--color", "auto"], {"FORCE_COLOR": "1"}, True),
    (["--color", "auto"], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {}, False),  # CliRunner's stdout is not a terminal
])
def test_color_option_and_environment(repo: Path, args: list[str], variables: dict[str, str],
                                      coloured: bool) -> None:
    _, out, _ = run(["check", "--no-cache", *args, "bad.md"], **variables)
    assert ("\033[" in out) == coloured


def test_color_is_never_added_to_machine_formats(repo: Path) -> None:
    _, out, _ = run(["check", "--no-cache", "--color", "always", "--format", "json", "bad.md"])
    assert "\033[" not in out
    json.loads(out)


def test_json_output_validates_against_the_published_schema(repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, schema_text, _ = run(["schema", "--output"])
    assert code == ExitStatus.SUCCESS
    schema = json.loads(schema_text)
    jsonschema.Draft7Validator.check_schema(schema)
    (repo / "binary.md").write_bytes(b"\xff\xfe\x00")
    (repo / "unpadded.md").write_text(BASE.replace("| 14:02 |", "| 4:02 |", 1), encoding="utf-8")
    _, out, _ = run(["check", "--no-cache", "--format", "json", "."])
    items = json.loads(out)
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(items)
    assert {"PM000", "PM401"} <= {item["code"] for item in items}
    assert all(item["url"].endswith(f"/docs/rules/{item['code']}.md") for item in items if item["code"] != "PM000")


def test_json_fix_gives_the_edits_check_fix_would_make(repo: Path) -> None:
    text = BASE.replace("| 14:02 |", "| 4:02 |", 1)  # an unpadded time: PM201 pads it
    (repo / "pm.md").write_text(text, encoding="utf-8")
    _, out, _ = run(["check", "--no-cache", "--format", "json", "pm.md"])
    [item] = [item for item in json.loads(out) if item["fix"] is not None]
    assert item["code"] == "PM201" and item["fix"]["applicability"] == "safe"
    [edit] = item["fix"]["edits"]
    line = text.split("\n")[edit["line"] - 1]
    fixed = line[: edit["column"] - 1] + edit["content"] + line[edit["end_column"] - 1:]
    assert edit["line"] == edit["end_line"] and fixed.startswith("| 04:02 |")
    run(["check", "--no-cache", "--fix", "pm.md"])
    assert (repo / "pm.md").read_text(encoding="utf-8").split("\n")[edit["line"] - 1] == fixed


def test_quiet_fix_prints_no_fix_report(repo: Path) -> None:
    (repo / "pm.md").write_text(BASE.replace("| 14:02 |", "| 4:02 |", 1), encoding="utf-8")
    code, out, err = run(["check", "--no-cache", "--fix", "-q", "pm.md"])
    assert code == ExitStatus.SUCCESS and out == "" and err == ""
    assert "| 04:02 |" in (repo / "pm.md").read_text(encoding="utf-8")
