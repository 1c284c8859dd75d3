"""``check --baseline`` / ``--update-baseline``: old findings silenced, new ones never hidden."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import main
from pmlint.document.source import SourceFile, Span
from pmlint.lint.baseline import BaselineError, fingerprint, load_baseline, offending_text

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
ROW_2 = "| AI-002 | Alert when any pool passes 80% of orders-db connections | @dana.kim | P1 | 2026-04-03 |"
ROW_3 = ("| AI-003 | Run staging with production pod counts for database load tests "
         "| @sam.ortiz | P2 | 2026-04-28 |")
ASAP_2 = BASE.replace(ROW_2, ROW_2.replace("2026-04-03", "ASAP"))
ASAP_BOTH = ASAP_2.replace(ROW_3, ROW_3.replace("2026-04-28", "ASAP"))


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, obj=Environment(variables={}))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "pyproject.toml").write_text('[tool.pmlint]\nincidents = "incidents"\n', encoding="utf-8")
    (tmp_path / "incidents").mkdir()
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def write(repo: Path, text: str, name: str = "pm.md") -> Path:
    path = repo / "incidents" / name
    path.write_text(text, encoding="utf-8")
    return path


def check(*extra: str) -> tuple[int, str, str]:
    return run(["check", "--select", "PM404", *extra])


def test_offending_text_is_whitespace_normalised_and_line_free() -> None:
    source = SourceFile.from_text("x.md", "a\n  due   ASAP \nb")
    assert offending_text(source, Span(2, 3, 2, 14)) == "due ASAP"
    assert offending_text(source, Span(2, 1, 2, 1)) == "due ASAP"  # empty span: the whole line
    assert fingerprint("PM404", "ASAP") != fingerprint("PM403", "ASAP")


def test_baseline_silences_old_findings_but_not_a_new_one(repo: Path) -> None:
    path = write(repo, ASAP_2)
    code, _, err = check("--baseline", "baseline.json", "--update-baseline")
    assert code == ExitStatus.SUCCESS and "wrote baseline.json (1 finding in 1 file)" in err
    code, out, _ = check("--baseline", "baseline.json")
    assert code == ExitStatus.SUCCESS, out
    # a new finding in the same file is reported, the old one stays silent
    path.write_text(ASAP_BOTH, encoding="utf-8")
    code, out, _ = check("--baseline", "baseline.json")
    assert code == ExitStatus.FINDINGS
    assert out.count("PM404") == 1 and "AI-003" in out


def test_edits_elsewhere_do_not_resurrect_a_baselined_finding(repo: Path) -> None:
    path = write(repo, ASAP_2)
    check("--baseline", "baseline.json", "--update-baseline")
    moved = ASAP_2.replace("## Summary\n", "## Summary\n\nA new paragraph.\n\nAnother one.\n")
    path.write_text(moved, encoding="utf-8")
    code, out, _ = check("--baseline", "baseline.json")
    assert code == ExitStatus.SUCCESS, out


def test_a_duplicate_beyond_the_recorded_count_is_reported(repo: Path) -> None:
    path = write(repo, ASAP_2)
    check("--baseline", "baseline.json", "--update-baseline")
    data = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    [entry] = data["files"]["incidents/pm.md"]
    assert entry["count"] == 1
    # the same offending text twice: one is accepted, the second is new
    path.write_text(ASAP_2.replace(ROW_3, ROW_3.replace("2026-04-28", "ASAP")), encoding="utf-8")
    code, out, _ = check("--baseline", "baseline.json")
    assert code == ExitStatus.FINDINGS and out.count("PM404") == 1


def test_baseline_file_is_sorted_stable_and_relative_to_its_folder(repo: Path) -> None:
    write(repo, ASAP_BOTH, "b.md")
    write(repo, ASAP_2, "a.md")
    check("--baseline", "baseline.json", "--update-baseline")
    first = (repo / "baseline.json").read_bytes()
    check("--baseline", "baseline.json", "--update-baseline")
    assert (repo / "baseline.json").read_bytes() == first
    data = json.loads(first)
    assert data["version"] == 1 and list(data["files"]) == ["incidents/a.md", "incidents/b.md"]
    assert [e["count"] for e in data["files"]["incidents/b.md"]] == [2]
    # from another working directory the same baseline still matches
    os.chdir(repo / "incidents")
    code, out, _ = run(["check", "--select", "PM404", "--baseline", "../baseline.json", "."])
    assert code == ExitStatus.SUCCESS, out


def test_updating_for_one_file_keeps_the_entries_of_others(repo: Path) -> None:
    write(repo, ASAP_2, "a.md")
    write(repo, ASAP_2, "b.md")
    check("--baseline", "baseline.json", "--update-baseline")
    write(repo, BASE, "a.md")
    check("--baseline", "baseline.json", "--update-baseline", "incidents/a.md")
    data = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    assert list(data["files"]) == ["incidents/b.md"]


def test_baseline_works_with_cached_results(repo: Path) -> None:
    write(repo, ASAP_2)
    check("--baseline", "baseline.json", "--update-baseline")
    for _ in range(2):  # the second run reads findings from .pmlint_cache (no parsed document)
        code, out, _ = check("--baseline", "baseline.json")
        assert code == ExitStatus.SUCCESS, out


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 99, "files": {}}',
                                     '{"version": 1, "files": {"a.md": [{"code": 1}]}}'])
def test_corrupt_baseline_is_an_error_naming_the_file(repo: Path, content: str) -> None:
    write(repo, ASAP_2)
    (repo / "baseline.json").write_text(content, encoding="utf-8")
    code, out, err = check("--baseline", "baseline.json")
    assert code == ExitStatus.ERROR and out == ""
    assert err.startswith("pmlint: error: baseline.json") and "Traceback" not in err
    with pytest.raises(BaselineError):
        load_baseline(repo / "baseline.json")


def test_missing_baseline_is_an_error_and_update_needs_a_file(repo: Path) -> None:
    write(repo, ASAP_2)
    code, _, err = check("--baseline", "missing.json")
    assert code == ExitStatus.ERROR and "missing.json: baseline file not found" in err
    code, _, err = check("--update-baseline")
    assert code == ExitStatus.ERROR and "--update-baseline needs --baseline FILE" in err


def test_fix_leaves_baselined_findings_alone(repo: Path) -> None:
    text = ASAP_2.replace("| 14:02 |", "| 9:02 |")
    path = write(repo, text)
    run(["check", "--baseline", "baseline.json", "--update-baseline"])
    code, _, _ = run(["check", "--fix", "--baseline", "baseline.json"])
    assert path.read_text(encoding="utf-8") == text
    assert code == ExitStatus.SUCCESS
