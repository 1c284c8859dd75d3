"""``--format sarif`` against the official SARIF 2.1.0 schema and GitHub code scanning's rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main
from pmlint.report.sarif_format import DESCRIPTION_LIMIT, shorten

jsonschema = pytest.importorskip("jsonschema")

TESTS = Path(__file__).parents[1]
SCHEMA = json.loads((TESTS / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
BASE = (TESTS / "rules" / "base.md").read_text(encoding="utf-8")
NO_OWNER = BASE.replace("| AI-002 | Alert when any pool passes 80% of orders-db connections | @dana.kim |",
                        "| AI-002 | Alert when any pool passes 80% of orders-db connections |  |")


def validate(document: object) -> None:
    """Validate against the schema, formats included (uri, uri-reference, date-time)."""
    checker = jsonschema.FormatChecker()  # every format it knows: draft 4 alone lacks uri-reference
    assert "uri-reference" in checker.checkers, "install jsonschema[format-nongpl] to check URI formats"
    jsonschema.Draft4Validator(SCHEMA, format_checker=checker).validate(document)


def sarif_in(repository: Path, *args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "sarif", *args],
                                obj=Environment(variables={}))
    assert result.exit_code in (0, 1, 2), result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.fixture
def odd_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose post-mortems sit in ``odd dir/#1%`` (space, hash, percent)."""
    repository = tmp_path / "repo"
    folder = repository / "odd dir" / "#1%"
    folder.mkdir(parents=True)
    (folder / "pool exhaustion.md").write_text(NO_OWNER, encoding="utf-8")
    (folder / "clean.md").write_text(BASE, encoding="utf-8")
    (repository / ".git").mkdir()  # the repository root marker is all the formatter needs
    monkeypatch.chdir(repository / "odd dir")  # run from below the root: URIs stay root-relative
    return repository


def test_sarif_from_an_odd_folder_validates_against_the_official_schema(odd_repository: Path) -> None:
    sarif = sarif_in(odd_repository, "#1%")
    validate(sarif)
    run = sarif["runs"][0]  # type: ignore[index]
    bases = run["originalUriBaseIds"]
    assert bases["%SRCROOT%"]["uri"] == odd_repository.resolve().as_uri() + "/"
    result = next(r for r in run["results"] if r["ruleId"] == "PM401")
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "odd%20dir/%231%25/pool%20exhaustion.md", "uriBaseId": "%SRCROOT%"}
    assert (odd_repository / unquote(artifact["uri"])).is_file()


def test_every_result_has_a_line_independent_partial_fingerprint(odd_repository: Path) -> None:
    before = sarif_in(odd_repository, "#1%")["runs"][0]["results"]  # type: ignore[index]
    path = odd_repository / "odd dir" / "#1%" / "pool exhaustion.md"
    path.write_text(NO_OWNER.replace("## Summary", "## Summary\n\nAn extra paragraph.\n"), encoding="utf-8")
    after = sarif_in(odd_repository, "#1%")["runs"][0]["results"]  # type: ignore[index]
    prints_before = {r["ruleId"]: r["partialFingerprints"]["pmlint/v1"] for r in before}
    prints_after = {r["ruleId"]: r["partialFingerprints"]["pmlint/v1"] for r in after}
    assert all(r["partialFingerprints"] for r in before)
    line = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before}
    moved = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after}
    assert moved["PM401"] == line["PM401"] + 3 and prints_after["PM401"] == prints_before["PM401"]


def test_identical_findings_in_one_file_get_distinct_fingerprints(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    twice = NO_OWNER.replace("| AI-002 | Alert when any pool passes 80% of orders-db connections |  |",
                             "| AI-002 | Alert when any pool passes 80% of orders-db connections |  |\n"
                             "| AI-009 | Alert when any pool passes 80% of orders-db connections |  |")
    (tmp_path / "pm.md").write_text(twice, encoding="utf-8")
    results = sarif_in(tmp_path, "--select", "PM401", "pm.md")["runs"][0]["results"]  # type: ignore[index]
    prints = [r["partialFingerprints"]["pmlint/v1"] for r in results]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_an_unreadable_file_is_a_notification_and_still_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not utf-8 \x00")
    sarif = sarif_in(tmp_path, "bad.md")
    validate(sarif)
    invocation = sarif["runs"][0]["invocations"][0]  # type: ignore[index]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["level"] == "error"


def test_rule_descriptions_fit_github_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text(BASE, encoding="utf-8")
    rules = sarif_in(tmp_path, "pm.md")["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]
    for rule in rules:
        assert len(rule["fullDescription"]["text"]) <= DESCRIPTION_LIMIT, rule["id"]
        assert len(rule["shortDescription"]["text"]) <= DESCRIPTION_LIMIT, rule["id"]
        assert len(rule["name"]) <= 255
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")


def test_shorten_cuts_at_a_sentence() -> None:
    text = ("A sentence. " * 200).strip()
    short = shorten(text, 100)
    assert len(short) <= 100 and short.endswith("sentence.")
    assert shorten("short", 100) == "short"
    words = shorten("word " * 100, 50)
    assert len(words) <= 50 and words.endswith("…")


def test_a_real_git_repository_root_is_found_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:  # pragma: no cover
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pm.md").write_text(NO_OWNER, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs")
    sarif = sarif_in(tmp_path, "pm.md")
    validate(sarif)
    result = sarif["runs"][0]["results"][0]  # type: ignore[index]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/pm.md"
