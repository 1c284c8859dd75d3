"""Configuration from a pull request is untrusted (issue 16, items 6, 14, 18): deep TOML is a
one-line error, a backtracking owner_pattern is stopped, and jobs never exceed the CPUs."""

from __future__ import annotations

from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, pmlint_process, postmortem

from pmlint.lint import runner
from pmlint.lint.runner import usable_cpus

DEEP = "[" * 5_000 + "]" * 5_000


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("name, text", [
    ("pyproject.toml", f'[tool.pmlint]\nincidents = "{INCIDENTS}"\n\n[tool.other]\nvalue = {DEEP}\n'),
    ("pyproject.toml", f'[tool.pmlint]\nincidents = "{INCIDENTS}"\n\n[tool.other]\nvalue = ' + "{a=" * 3_000
     + "1" + "}" * 3_000 + "\n"),
    (".pmlint.toml", f'incidents = "{INCIDENTS}"\nselect = {DEEP}\n'),
])
@pytest.mark.parametrize("command", ["check", "sync-todo", "stats"])
def test_deeply_nested_toml_is_a_one_line_error(repo: Path, name: str, text: str, command: str) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    result = pmlint_process(repo, command)  # before: RecursionError, a traceback, exit 1
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "nested too deeply" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _catastrophic(repo: Path, owner: str, pattern: str = "^(a+)+$") -> None:
    (repo / "pyproject.toml").write_text(
        f"[tool.pmlint]\nincidents = '{INCIDENTS}'\nowner_pattern = '{pattern}'\n", encoding="utf-8")
    actions = postmortem().split("| AI-001 |")[0]  # everything before the first item row
    rows = "".join(f"| AI-00{n} | Add alert {n} | {owner} | P1 | 2026-05-01 | Open |\n" for n in range(1, 4))
    (repo / INCIDENTS / "2026-03-10-db-pool.md").write_text(
        actions + rows + "\n## Lessons Learned\n\n- Limits belong in configuration.\n", encoding="utf-8")


def test_the_issue_pattern_no_longer_hangs(repo: Path) -> None:
    _catastrophic(repo, "a" * 35 + "!")
    result = pmlint_process(repo, "check", "--no-cache", "--select", "PM402", timeout=60)  # before: > 1 minute
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("does not match owner_pattern") == 3


def test_a_pattern_that_backtracks_in_any_engine_is_stopped_and_reported(repo: Path) -> None:
    _catastrophic(repo, "a" * 40 + "!", "^(a|aa)+$")
    result = pmlint_process(repo, "check", "--no-cache", "--select", "PM402", timeout=60)
    assert result.returncode == 1, result.stderr
    assert "owner_pattern took more than" in result.stdout
    assert result.stdout.count("PM402") == 1  # one report: the file's other owners are not tried


def test_a_configured_owner_pattern_still_matches_normally(repo: Path) -> None:
    _catastrophic(repo, "aaaa")
    assert pmlint("check", "--no-cache", "--select", "PM402").code == 0
    _catastrophic(repo, "Dana")
    result = pmlint("check", "--no-cache", "--select", "PM402")
    assert result.code == 1 and result.stdout.count("does not match owner_pattern") == 3


@pytest.mark.parametrize("source", ["option", "config"])
def test_jobs_are_capped_at_the_cpus_with_a_message(repo: Path, source: str) -> None:
    args = ["check", "--no-cache"]
    if source == "option":
        args += ["--jobs", "1000"]
    else:
        (repo / "pyproject.toml").write_text(f'[tool.pmlint]\nincidents = "{INCIDENTS}"\njobs = 1000\n',
                                             encoding="utf-8")
    result = pmlint(*args)
    assert result.code == 1  # the post-mortem's own findings
    cpus = usable_cpus()
    assert f"1000 jobs asked for, {cpus} CPU" in result.stderr and f"using {cpus}" in result.stderr


def test_the_runner_never_starts_more_workers_than_cpus() -> None:
    cpus = usable_cpus()
    assert runner._worker_count(1_000, 5_000) == cpus  # before: 1,000 forked workers (out of memory)
    assert runner._worker_count(None, 5_000) == cpus
    assert runner._worker_count(1, 5_000) == 1
    assert runner._worker_count(cpus + 1, 2) == 2


def test_jobs_within_the_cpus_say_nothing(repo: Path) -> None:
    result = pmlint("check", "--no-cache", "--jobs", "1")
    assert result.code == 1 and "jobs asked for" not in result.stderr


@pytest.mark.parametrize("command", ["check", "sync-todo", "stats"])
def test_deeply_nested_toml_front_matter_is_a_finding_not_a_crash(repo: Path, command: str) -> None:
    (repo / INCIDENTS / "2026-03-11-deep.md").write_text(
        f'+++\ntitle = "Deep"\nvalue = {DEEP}\n+++\n# Deep\n', encoding="utf-8")
    result = pmlint_process(repo, command)  # before: RecursionError, a traceback
    assert "Traceback" not in result.stderr, result.stderr
    if command == "stats":  # stats counts what it can read and reports no findings
        assert result.returncode == 0
    else:
        assert "nested too deeply" in result.stdout + result.stderr


def test_the_archive_plugin_never_starts_more_workers_than_cpus() -> None:
    from pmlint.mkdocs.analysis import worker_count

    assert worker_count(1_000, 5_000, serving=False) == usable_cpus()  # before: 1,000
    assert worker_count(1, 5_000, serving=False) == 0  # jobs: 1 analyses in the build process
