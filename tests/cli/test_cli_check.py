"""`pmlint check`: formats, exit codes, colours, strictness, suppressions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import main

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
NO_OWNER = BASE.replace("| AI-002 | Alert when any pool passes 80% of orders-db connections | @dana.kim |",
                        "| AI-002 | Alert when any pool passes 80% of orders-db connections |  |")


def run(args: list[str], **env: object) -> tuple[int, str, str]:
    variables = {str(k): str(v) for k, v in env.items()}
    result = CliRunner().invoke(main, args, obj=Environment(variables=variables))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "clean.md").write_text(BASE, encoding="utf-8")
    (tmp_path / "bad.md").write_text(NO_OWNER, encoding="utf-8")
    return tmp_path


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "clean.md"
    path.write_text(BASE, encoding="utf-8")
    code, out, _ = run(["check", "--no-cache", str(path)])
    assert code == ExitStatus.SUCCESS, out
    assert "All checks passed" in out


def test_text_output_has_location_caret_help_and_summary(folder: Path) -> None:
    code, out, _ = run(["check", "--no-cache", "--select", "PM401", str(folder / "bad.md")])
    assert code == ExitStatus.FINDINGS
    assert "bad.md:78:71: PM401 [missing-owner] action item 'AI-002' has no owner" in out
    assert "   78 | | AI-002 |" in out
    assert "^" in out and "= help:" in out
    assert "Found 1 error, 0 warnings in 1 of 1 file." in out
    assert "\033[" not in out


def test_colour_only_when_forced_and_never_with_no_color(folder: Path) -> None:
    _, out, _ = run(["check", "--no-cache", str(folder / "bad.md")], FORCE_COLOR="1")
    assert "\033[" in out
    _, out, _ = run(["check", "--no-cache", str(folder / "bad.md")], FORCE_COLOR="1", NO_COLOR="1")
    assert "\033[" not in out


def test_json_format_fields(folder: Path) -> None:
    code, out, _ = run(["check", "--no-cache", "--format", "json", "--select", "missing-owner", str(folder)])
    items = json.loads(out)
    assert code == 1 and len(items) == 1
    assert set(items[0]) == {"path", "line", "column", "end_line", "end_column", "code", "name",
                             "severity", "message", "suggestion", "url", "fix"}
    assert items[0]["severity"] == "error" and items[0]["line"] == 78


def test_sarif_is_2_1_0_with_rule_metadata(folder: Path) -> None:
    _, out, _ = run(["check", "--no-cache", "--format", "sarif", str(folder)])
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    ids = [rule["id"] for rule in run0["tool"]["driver"]["rules"]]
    assert "PM401" in ids and ids == sorted(ids)
    result = next(r for r in run0["results"] if r["ruleId"] == "PM401")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 78
    assert ids[result["ruleIndex"]] == "PM401"


def test_github_format_is_automatic_under_actions(folder: Path) -> None:
    _, out, _ = run(["check", "--no-cache", "--select", "PM401", str(folder)], GITHUB_ACTIONS="true")
    assert out.startswith("::error file=")
    assert ",line=78,col=71," in out and "title=PM401::" in out


def test_draft_findings_are_warnings_unless_strict(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(NO_OWNER.replace("status: final", "status: draft"), encoding="utf-8")
    code, out, _ = run(["check", "--no-cache", "--select", "PM401", str(path)])
    assert code == ExitStatus.SUCCESS and "1 warning" in out
    code, _, _ = run(["check", "--no-cache", "--select", "PM401", "--strict", str(path)])
    assert code == ExitStatus.FINDINGS


def test_suppressions_by_code_name_and_front_matter(tmp_path: Path) -> None:
    line = "| AI-002 | Alert when any pool passes 80% of orders-db connections |  |"
    cases = {
        "next-line": NO_OWNER.replace(line, "<!-- pmlint-disable-next-line PM401 -->\n" + line),
        "range": NO_OWNER.replace("## Action Items", "## Action Items\n\n<!-- pmlint-disable missing-owner -->"),
        "front": NO_OWNER.replace("tags: [database, deploy]", "tags: [database, deploy]\npmlint: {ignore: [PM4]}"),
    }
    for name, text in cases.items():
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        code, out, _ = run(["check", "--no-cache", "--select", "PM401", str(path)])
        assert code == 0, (name, out)


def test_enable_ends_a_disabled_range(tmp_path: Path) -> None:
    markers = "<!-- pmlint-disable PM401 -->\n<!-- pmlint-enable PM401 -->\n"
    text = NO_OWNER.replace("## Action Items", markers + "## Action Items")
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    code, _, _ = run(["check", "--no-cache", "--select", "PM401", str(path)])
    assert code == 1


def test_unreadable_and_missing_inputs_exit_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    code, out, _ = run(["check", "--no-cache", str(tmp_path), str(tmp_path / "nope.md")])
    assert code == ExitStatus.ERROR
    assert "binary.md:1:1: error: binary file" in out
    assert "latin1.md:1:1: error: not valid UTF-8" in out
    assert "nope.md:1:1: error: no such file or directory" in out
    assert "Traceback" not in out


def test_unknown_selector_is_a_usage_error(folder: Path) -> None:
    code, _, err = run(["check", "--select", "PM999", str(folder)])
    assert code == ExitStatus.ERROR and "unknown rule 'PM999'" in err


def test_bad_config_exits_2_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / ".pmlint.toml").write_text("colour = true\n", encoding="utf-8")
    (tmp_path / "x.md").write_text(BASE, encoding="utf-8")
    code, _, err = run(["check", str(tmp_path / "x.md")])
    assert code == ExitStatus.ERROR and "unknown key 'colour'" in err and ".pmlint.toml" in err


def test_rules_and_rule_commands() -> None:
    code, out, _ = run(["rules"])
    assert code == 0 and "PM401  missing-owner" in out
    code, out, _ = run(["rule", "missing-owner"])
    assert code == 0 and "## What it does" in out and "Use instead:" in out
    code, _, err = run(["rule", "PM999"])
    assert code == 2 and "unknown rule" in err


def test_statistics_counts_per_rule(folder: Path) -> None:
    _, out, _ = run(["check", "--no-cache", "--statistics", "--select", "PM401", str(folder)])
    assert "Statistics:" in out and "PM401  missing-owner" in out


def test_crlf_and_bom_copies_are_exactly_as_clean(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(NO_OWNER.encode())
    (tmp_path / "b.md").write_bytes(b"\xef\xbb\xbf" + NO_OWNER.replace("\n", "\r\n").encode())
    _, out, _ = run(["check", "--no-cache", "--format", "json", str(tmp_path)])
    items = json.loads(out)
    strip = [{k: v for k, v in item.items() if k != "path"} for item in items]
    first = [s for s, i in zip(strip, items) if i["path"].endswith("a.md")]
    second = [s for s, i in zip(strip, items) if i["path"].endswith("b.md")]
    assert first == second and first
