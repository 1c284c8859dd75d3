"""What ``pmlint check`` skips: ``exclude``/``extend-exclude``, ``.gitignore``, and the
Markdown files that are not post-mortems (index, README, templates, partials)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main
from pmlint.lint.config import ConfigError, config_from_mapping
from pmlint.workspace.ignore import PatternSet, ignored

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")


def checked(*args: str) -> list[str]:
    """The files ``pmlint check --show-settings`` would lint."""
    result = CliRunner().invoke(main, ["check", "--show-settings", *args], obj=Environment(variables={}))
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.stdout.split("files = ", 1)[1].splitlines()[1:]]


@pytest.fixture
def incidents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs" / "incidents"
    (folder / "templates").mkdir(parents=True)
    (folder / "2026").mkdir()
    for name in ("2026-01-02-outage.md", "index.md", "README.md", "postmortem-template.md", "_partial.md",
                 "templates/sev1.md", "2026/2026-03-04-db.md", "2026/Readme.markdown"):
        (folder / name).write_text(BASE, encoding="utf-8")
    return folder


def test_files_that_are_not_post_mortems_are_skipped(incidents: Path) -> None:
    assert checked("docs/incidents") == ["docs/incidents/2026-01-02-outage.md", "docs/incidents/2026/2026-03-04-db.md"]


def test_they_are_skipped_when_named_too_as_pre_commit_names_them(incidents: Path) -> None:
    assert checked("docs/incidents/index.md", "docs/incidents/templates/sev1.md",
                   "docs/incidents/2026-01-02-outage.md") == ["docs/incidents/2026-01-02-outage.md"]


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(incidents: Path) -> None:
    Path(".pmlint.toml").write_text('exclude = ["2026/"]\n', encoding="utf-8")
    assert "docs/incidents/index.md" in checked("docs/incidents")
    assert not any("2026/" in path for path in checked("docs/incidents"))
    Path(".pmlint.toml").write_text('extend-exclude = ["*-outage.md"]\n', encoding="utf-8")
    assert checked("docs/incidents") == ["docs/incidents/2026/2026-03-04-db.md"]


def test_command_line_exclusions(incidents: Path) -> None:
    assert checked("--extend-exclude", "2026/", "docs/incidents") == ["docs/incidents/2026-01-02-outage.md"]
    assert "docs/incidents/README.md" in checked("--exclude", "2026/,templates/", "docs/incidents")


def test_exclude_settings_are_validated(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'exclude' must be a list"):
        config_from_mapping({"exclude": "drafts/"}, tmp_path / ".pmlint.toml")
    with pytest.raises(ConfigError, match="'extend-exclude' must be a list of strings"):
        config_from_mapping({"extend-exclude": [1]}, tmp_path / ".pmlint.toml")
    with pytest.raises(ConfigError, match="respect-gitignore"):
        config_from_mapping({"respect-gitignore": "no"}, tmp_path / ".pmlint.toml")


def test_gitignored_files_are_skipped_unless_respect_gitignore_is_off(incidents: Path) -> None:
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:  # pragma: no cover
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", "."], check=True)
    Path(".gitignore").write_text("# generated\n/docs/incidents/2026/\n", encoding="utf-8")
    (incidents / "scratch").mkdir()
    (incidents / "scratch" / ".gitignore").write_text("*.md\n!keep.md\n", encoding="utf-8")
    (incidents / "scratch" / "junk.md").write_text(BASE, encoding="utf-8")
    (incidents / "scratch" / "keep.md").write_text(BASE, encoding="utf-8")
    assert checked("docs/incidents") == ["docs/incidents/2026-01-02-outage.md", "docs/incidents/scratch/keep.md"]
    assert checked("docs/incidents/2026/2026-03-04-db.md") == []
    ignored_by_git = subprocess.run(["git", "check-ignore", "docs/incidents/2026/2026-03-04-db.md",
                                     "docs/incidents/scratch/junk.md"], capture_output=True, text=True)
    assert ignored_by_git.stdout.split() == ["docs/incidents/2026/2026-03-04-db.md", "docs/incidents/scratch/junk.md"]
    Path(".pmlint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert "docs/incidents/scratch/junk.md" in checked("docs/incidents")


def test_a_check_of_an_excluded_folder_reports_nothing(incidents: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "docs/incidents/templates"],
                                obj=Environment(variables={}))
    assert result.exit_code == 0 and json.loads(result.stdout) == []


@pytest.mark.parametrize(("patterns", "path", "is_folder", "expected"), [
    (["*.md"], "a/b/c.md", False, True),
    (["/c.md"], "a/c.md", False, False),
    (["/c.md"], "c.md", False, True),
    (["a/*.md"], "a/c.md", False, True),
    (["a/*.md"], "a/b/c.md", False, False),
    (["a/**/c.md"], "a/b/d/c.md", False, True),
    (["**/b"], "x/y/b", True, True),
    (["b/"], "x/b", False, False),
    (["b/"], "x/b", True, True),
    (["*.md", "!keep.md"], "x/keep.md", False, False),
    (["c?.md"], "c1.md", False, True),
    (["c[0-9].md"], "cx.md", False, False),
    (["\\#x.md"], "#x.md", False, True),
    (["# comment", ""], "# comment", False, False),
])
def test_gitignore_syntax(patterns: list[str], path: str, is_folder: bool, expected: bool) -> None:
    assert ignored((PatternSet.parse(patterns),), path, is_folder) is expected


def test_sync_todo_and_stats_skip_what_check_skips(incidents: Path) -> None:
    """An index or README in the incidents folder is not a post-mortem for any command."""
    (incidents.parent.parent / "pyproject.toml").write_text(
        '[tool.pmlint]\nincidents = "docs/incidents"\n', encoding="utf-8")
    env = Environment(variables={})
    synced = CliRunner().invoke(main, ["sync-todo"], obj=env)
    assert synced.exit_code == 0, synced.output
    todo = (incidents.parent.parent / "TODO.md").read_text(encoding="utf-8")
    refs = {line.split("_(ref: ", 1)[1].split(")_", 1)[0] for line in todo.splitlines() if "_(ref: " in line}
    assert refs == {"docs/incidents/2026-01-02-outage.md", "docs/incidents/2026/2026-03-04-db.md"}
    stats = CliRunner().invoke(main, ["stats", "--format", "json"], obj=env)
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["incidents"] == 2
