"""``pmlint new``, ``pmlint install-hook`` and ``pmlint schema``."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import main
from pmlint.cli.tools import hook_script, slugify
from pmlint.lint.config import load_config
from pmlint.lint.engine import lint_path
from pmlint.lint.schema import SHIPPED, build_schema, render_schema

ROOT = Path(__file__).resolve().parents[2]
BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
TODAY = dt.date(2026, 3, 14)


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, obj=Environment(variables={}, today=TODAY))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    return tmp_path


# --- new --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "slug"), [
    ("DB pool exhausted", "db-pool-exhausted"),
    ("  Payments: 5xx spike (EU) — after deploy!  ", "payments-5xx-spike-eu-after-deploy"),
    ("Crème brûlée café", "creme-brulee-cafe"),
    ("!!!", "incident"),
    ("word " * 30, ("word-" * 12)[:-1]),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert len(slugify(title)) <= 60


def test_new_writes_a_file_whose_only_findings_are_its_placeholders(project: Path) -> None:
    code, out, _ = run(["new", "DB pool exhausted", "--severity", "SEV-2",
                        "--services", "checkout-api,orders-db"])
    assert code == ExitStatus.SUCCESS
    assert out.strip() == "docs/incidents/2026-03-14-db-pool-exhausted.md"
    path = project / out.strip()
    text = path.read_text(encoding="utf-8")
    assert 'title: "DB pool exhausted"' in text and "date: 2026-03-14" in text
    assert 'services: ["checkout-api", "orders-db"]' in text and "status: draft" in text
    result = lint_path(path, load_config(project))
    assert result.error is None and result.findings
    lines = text.split("\n")
    placeholder_headings = {f.line for f in result.findings if f.code == "PM102"}
    assert len(placeholder_headings) >= 9  # every required section asks to be written
    for finding in result.findings:
        on_todo = "TODO" in lines[finding.line - 1]
        assert on_todo or finding.line in placeholder_headings, f"{finding.code} {finding.message}"
        assert finding.severity == "warning"  # a draft


def test_new_with_authors_leaves_no_front_matter_findings(project: Path) -> None:
    run(["new", "Queue backlog", "--severity", "sev-3", "--authors", "@dana.kim,@lee.chen",
         "--date", "2026-01-02"])
    path = project / "docs/incidents/2026-01-02-queue-backlog.md"
    text = path.read_text(encoding="utf-8")
    assert "severity: SEV-3" in text and 'authors: ["@dana.kim", "@lee.chen"]' in text
    codes = {f.code for f in lint_path(path, load_config(project)).findings}
    assert not {c for c in codes if c.startswith("PM0")}, codes


def test_new_refuses_to_overwrite(project: Path) -> None:
    run(["new", "Outage"])
    path = project / "docs/incidents/2026-03-14-outage.md"
    path.write_text("mine", encoding="utf-8")
    code, _, err = run(["new", "Outage"])
    assert code == ExitStatus.ERROR and "already exists" in err
    assert path.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(("args", "message"), [
    (["new", "X", "--date", "14/03/2026"], "--date must be YYYY-MM-DD"),
    (["new", "X", "--severity", "P7"], "--severity must be one of SEV-1, SEV-2, SEV-3, SEV-4"),
    (["new", "X", "--status", "done"], "--status must be one of draft, in-review, final"),
    (["new", "   "], "the title is empty"),
])
def test_new_rejects_bad_input(project: Path, args: list[str], message: str) -> None:
    code, _, err = run(args)
    assert code == ExitStatus.ERROR and message in err
    assert not (project / "docs").exists()


def test_new_uses_the_configured_folder_scale_and_template(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.pmlint]\nincidents = "pm"\ntemplate = "tpl.md"\nseverity_scale = ["P1", "P2", "P3"]\n',
        encoding="utf-8")
    (project / "tpl.md").write_text("---\ntitle: $title_yaml\nseverity: $severity\n---\n# $title costs $$5\n",
                                    encoding="utf-8")
    code, out, _ = run(["new", "Big one", "--severity", "p1"])
    assert code == ExitStatus.SUCCESS
    assert (project / out.strip()).read_text(encoding="utf-8") == (
        '---\ntitle: "Big one"\nseverity: P1\n---\n# Big one costs $5\n')
    (project / "tpl.md").unlink()
    code, _, err = run(["new", "Other"])
    assert code == ExitStatus.ERROR and "tpl.md" in err and "template" in err


# --- install-hook -----------------------------------------------------------------------------

def git_init(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path / ".git" / "hooks"


def test_install_hook_outside_git_exits_2(project: Path) -> None:
    code, _, err = run(["install-hook"])
    assert code == ExitStatus.ERROR
    assert "not inside a git repository" in err and "Traceback" not in err


def test_install_hook_installs_an_executable_copy_of_the_hook(project: Path) -> None:
    hooks = git_init(project)
    code, out, _ = run(["install-hook"])
    hook = hooks / "pre-commit"
    assert code == ExitStatus.SUCCESS and "installed" in out
    assert hook.read_text(encoding="utf-8") == hook_script()
    assert hook.stat().st_mode & stat.S_IXUSR
    code, out, _ = run(["install-hook"])  # again: it is ours, nothing to refuse
    assert code == ExitStatus.SUCCESS and "already pmlint's hook" in out


def test_install_hook_refuses_to_clobber_then_chains_or_backs_up(project: Path) -> None:
    hooks = git_init(project)
    hooks.mkdir(parents=True, exist_ok=True)
    mine = "#!/bin/sh\necho mine\n"
    (hooks / "pre-commit").write_text(mine, encoding="utf-8")
    code, _, err = run(["install-hook"])
    assert code == ExitStatus.ERROR and "already exists" in err and "--chain" in err and "--force" in err
    assert (hooks / "pre-commit").read_text(encoding="utf-8") == mine
    code, out, _ = run(["install-hook", "--chain"])
    assert code == ExitStatus.SUCCESS and "runs first" in out
    assert (hooks / "pre-commit.pmlint-chained").read_text(encoding="utf-8") == mine
    assert (hooks / "pre-commit").read_text(encoding="utf-8") == hook_script()


def test_install_hook_force_keeps_a_backup(project: Path) -> None:
    hooks = git_init(project)
    hooks.mkdir(parents=True, exist_ok=True)
    (hooks / "pre-commit").write_text("# File generated by pre-commit: https://pre-commit.com\n",
                                      encoding="utf-8")
    code, _, err = run(["install-hook"])
    assert code == ExitStatus.ERROR and "pre-commit framework" in err
    code, _, _ = run(["install-hook", "--force"])
    assert code == ExitStatus.SUCCESS
    assert "generated by pre-commit" in (hooks / "pre-commit.pmlint-backup").read_text(encoding="utf-8")


def test_the_shipped_hook_is_the_repository_hook() -> None:
    assert (ROOT / "hooks" / "pre-commit").read_text(encoding="utf-8") == hook_script()
    assert os.access(ROOT / "hooks" / "pre-commit", os.X_OK)


# --- schema -----------------------------------------------------------------------------------

def test_shipped_schema_is_current() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == render_schema(), \
        "regenerate with: python -m pmlint.lint.schema"


def test_schema_command_prints_it_and_follows_the_configuration(project: Path) -> None:
    code, out, _ = run(["schema"])
    assert code == ExitStatus.SUCCESS and json.loads(out) == build_schema()
    (project / ".pmlint.toml").write_text('severity_scale = ["P1", "P2"]\nallow_seconds = true\n',
                                          encoding="utf-8")
    schema = json.loads(run(["schema"])[1])
    assert schema["properties"]["severity"]["enum"] == ["P1", "P2"]
    assert ":[0-5]\\d)?" in schema["properties"]["started"]["pattern"]


def test_schema_accepts_the_clean_example_and_rejects_bad_values() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = build_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    # yaml-language-server reads YAML 1.2: dates and times stay strings
    front = yaml.load(BASE.split("---\n")[1], Loader=yaml.BaseLoader)
    front["authors"] = ["@dana.kim", "@lee.chen"]
    front["services"] = ["checkout-api", "orders-db"]
    front["tags"] = ["database", "deploy"]
    validator = jsonschema.Draft7Validator(schema)
    assert not list(validator.iter_errors(front))
    bad = {**front, "severity": "SEV-9", "started": "9:15", "colour": "red"}
    messages = " ".join(e.message for e in validator.iter_errors(bad))
    assert "SEV-9" in messages and "9:15" in messages and "colour" in messages
