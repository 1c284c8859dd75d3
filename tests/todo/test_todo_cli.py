"""`pmlint sync-todo` end to end: scratch repos in tmp_path, CliRunner, injected today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import main
from pmlint.todo.block import END_MARKER, START_MARKER
from tests.todo.helpers import CHECKLIST, TABLE, item_line, postmortem, toggle

TODAY = dt.date(2026, 4, 15)
POOL = "docs/incidents/2026-03-10-db-pool.md"
QUEUE = "docs/incidents/2025-12-01-queue.md"
HAND_WRITTEN = """\
# Team TODO

- [ ] Renew the office plant subscription
- [x] Order new keyboards _(ref: procurement)_

Notes we keep by hand.
"""


def sync(*args: str, today: dt.date = TODAY) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["sync-todo", *args], obj=Environment(today=today))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repo: pyproject with [tool.pmlint], two post-mortems, a hand-written TODO.md."""
    monkeypatch.chdir(tmp_path)
    config = '[tool.pmlint]\nincidents = "docs/incidents"\n'
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    (tmp_path / "docs" / "incidents").mkdir(parents=True)
    (tmp_path / POOL).write_text(postmortem(), encoding="utf-8")
    (tmp_path / QUEUE).write_text(postmortem(CHECKLIST, "Queue backlog", "2025-12-01", "SEV-3"),
                                  encoding="utf-8")
    (tmp_path / "TODO.md").write_text(HAND_WRITTEN, encoding="utf-8")
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def test_done_when_scenario(repo: Path) -> None:
    """The issue's acceptance scenario, step by step."""
    # The items appear with id, owner, due and ref; the hand-written lines survive.
    code, out, err = sync()
    assert code == ExitStatus.SUCCESS, err
    todo = (repo / "TODO.md").read_text(encoding="utf-8")
    assert todo.startswith(HAND_WRITTEN)
    assert ("- [ ] AI-001 Add alert for DB pool > 80% — @dana, due 2026-04-01, P1 **OVERDUE**"
            f" _(ref: {POOL})_") in todo
    assert f"Split worker pools — @kofi, due 2026-06-01, P3 _(ref: {QUEUE})_" in todo
    assert "TODO.md updated" in out

    # A second run is byte-identical.
    before = snapshot(repo)
    assert sync()[0] == ExitStatus.SUCCESS
    assert snapshot(repo) == before

    # Ticking an item survives the next sync and marks it done in the post-mortem, touching no other line.
    (repo / "TODO.md").write_text(toggle(todo, "AI-003"), encoding="utf-8")
    pool_before = (repo / POOL).read_text(encoding="utf-8").split("\n")
    code, out, _ = sync()
    assert code == ExitStatus.SUCCESS
    assert f"{POOL}:" in out and "AI-003 marked done" in out
    assert item_line((repo / "TODO.md").read_text(encoding="utf-8"), "AI-003").startswith("- [x] AI-003 ~~")
    pool_after = (repo / POOL).read_text(encoding="utf-8").split("\n")
    changed = [(a, b) for a, b in zip(pool_before, pool_after, strict=True) if a != b]
    assert changed == [("| AI-003 | Set per-role connection limits | @sam | P2 | 2026-04-20 | In progress |",
                        "| AI-003 | Set per-role connection limits | @sam | P2 | 2026-04-20 | Done        |")]
    assert sync("--check")[0] == ExitStatus.SUCCESS

    # Adding an action item makes --check exit 1 (and change nothing).
    added = "| AI-004 | Add a pool dashboard | @dana | P3 | 2026-06-30 | Open |\n"
    (repo / POOL).write_text(postmortem(TABLE.replace("| In progress |", "| Done        |") + added),
                             encoding="utf-8")
    before = snapshot(repo)
    code, out, err = sync("--check")
    assert code == ExitStatus.FINDINGS
    assert "+- [ ] AI-004 Add a pool dashboard" in out and out.startswith("--- a/TODO.md")
    assert "out of date" in err
    assert snapshot(repo) == before

    # A damaged TODO.md is reported with its line, not destroyed.
    damaged = (repo / "TODO.md").read_text(encoding="utf-8").replace(END_MARKER + "\n", "")
    (repo / "TODO.md").write_text(damaged, encoding="utf-8")
    code, _, err = sync()
    assert code == ExitStatus.ERROR
    start = damaged.split("\n").index(START_MARKER) + 1
    assert f"TODO.md:{start}:" in err and "without a matching" in err
    assert (repo / "TODO.md").read_text(encoding="utf-8") == damaged


def test_check_is_quiet_and_zero_when_current_and_ignores_overdue_drift(repo: Path) -> None:
    sync()
    before = snapshot(repo)
    code, out, _ = sync("--check")
    assert code == ExitStatus.SUCCESS and "is up to date" in out
    code, out, _ = sync("--check", today=dt.date(2027, 1, 1))
    assert code == ExitStatus.SUCCESS and "overdue marks aside" in out
    assert snapshot(repo) == before
    sync(today=dt.date(2027, 1, 1))
    todo = (repo / "TODO.md").read_text("utf-8")
    assert "Split worker pools — @kofi, due 2026-06-01, P3 **OVERDUE**" in todo


def test_check_without_todo_file_and_with_pending_write_back(repo: Path) -> None:
    (repo / "TODO.md").unlink()
    code, out, _ = sync("--check")
    assert code == ExitStatus.FINDINGS and out.startswith("--- /dev/null\n+++ b/TODO.md")
    assert not (repo / "TODO.md").exists()
    sync()
    (repo / "TODO.md").write_text(toggle((repo / "TODO.md").read_text("utf-8"), "AI-001"), encoding="utf-8")
    code, out, _ = sync("--check")
    assert code == ExitStatus.FINDINGS
    assert f"--- a/{POOL}" in out
    assert "+| AI-001 | Add alert for DB pool > 80% | @dana | P1 | 2026-04-01 | Done |" in out


def test_today_flag_is_hidden_but_works(repo: Path) -> None:
    result = CliRunner().invoke(main, ["sync-todo", "--help"])
    assert "--today" not in result.stdout and "--check" in result.stdout
    code, _, _ = sync("--today", "2020-01-01")
    assert code == ExitStatus.SUCCESS
    assert "**OVERDUE**" not in (repo / "TODO.md").read_text(encoding="utf-8")


def test_todo_option_links_relative_to_the_todo_file(repo: Path) -> None:
    (repo / "notes").mkdir()
    code, _, _ = sync("--todo", "notes/TODO.md")
    assert code == ExitStatus.SUCCESS
    text = (repo / "notes" / "TODO.md").read_text(encoding="utf-8")
    assert "](../docs/incidents/2026-03-10-db-pool.md)" in text
    assert "_(ref: ../docs/incidents/2026-03-10-db-pool.md)_" in text
    assert (repo / "TODO.md").read_text(encoding="utf-8") == HAND_WRITTEN


def test_unreadable_post_mortem_is_reported_and_its_lines_kept(repo: Path) -> None:
    sync()
    todo = (repo / "TODO.md").read_bytes()
    (repo / POOL).write_text("---\ntitle: [unclosed\n---\n\n# Broken\n", encoding="utf-8")
    code, _, err = sync()
    assert code == ExitStatus.ERROR
    assert f"{POOL}:" in err and "front matter" in err and "kept" in err
    assert (repo / "TODO.md").read_bytes() == todo
    (repo / POOL).write_bytes(b"\xff\xfe not utf-8")
    code, _, err = sync()
    assert code == ExitStatus.ERROR and "not valid UTF-8" in err
    assert (repo / "TODO.md").read_bytes() == todo


def test_paths_limit_the_sync_without_dropping_other_groups(repo: Path) -> None:
    sync()
    todo = (repo / "TODO.md").read_bytes()
    (repo / QUEUE).write_text(postmortem(CHECKLIST.replace("@ravi", "@nadia"), "Queue backlog", "2025-12-01"),
                              encoding="utf-8")
    code, _, _ = sync(POOL)
    assert code == ExitStatus.SUCCESS
    assert (repo / "TODO.md").read_bytes() == todo
    sync(QUEUE)
    assert "@nadia" in (repo / "TODO.md").read_text(encoding="utf-8")
    (repo / QUEUE).unlink()
    sync()
    assert QUEUE not in (repo / "TODO.md").read_text(encoding="utf-8")


def test_conflict_goes_to_stderr(repo: Path) -> None:
    sync()
    (repo / "TODO.md").write_text(toggle((repo / "TODO.md").read_text("utf-8"), "AI-001"), encoding="utf-8")
    (repo / POOL).write_text(postmortem(TABLE.replace("2026-04-01 | Open", "2026-04-01 | Blocked")),
                             encoding="utf-8")
    code, _, err = sync()
    assert code == ExitStatus.SUCCESS
    assert "TODO.md:" in err and "the post-mortem wins" in err


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda root: (root / "TODO.md").write_bytes(b"# TODO\n\xff\n"), "not valid UTF-8"),
        (lambda root: (root / "TODO.md").write_text(f"{START_MARKER}\n{END_MARKER}\n{START_MARKER}\n"),
         "TODO.md:3:"),
        (lambda root: (root / "TODO.md").write_text(f"{START_MARKER}\nmy note\n{END_MARKER}\n"),
         "TODO.md:2:"),
    ],
)
def test_bad_todo_files_exit_2_and_stay_as_they_were(repo: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    setup(repo)
    before = snapshot(repo)
    code, _, err = sync()
    assert code == ExitStatus.ERROR and message in err
    assert snapshot(repo) == before


def test_missing_path_is_an_error(repo: Path) -> None:
    code, _, err = sync("docs/nowhere")
    assert code == ExitStatus.ERROR and "no such file" in err


def test_a_failed_write_changes_no_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pmlint.workspace.files as fileio

    sync()
    (repo / "TODO.md").write_text(toggle((repo / "TODO.md").read_text("utf-8"), "AI-001"), encoding="utf-8")
    before = snapshot(repo)
    real_stage = fileio._stage
    calls = []

    def failing_stage(path: Path, data: bytes) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        return real_stage(path, data)

    monkeypatch.setattr(fileio, "_stage", failing_stage)
    code, _, err = sync()
    assert len(calls) == 2
    assert code == ExitStatus.ERROR and "No space left" in err and "nothing was changed" in err
    assert snapshot(repo) == before
    assert not list(repo.rglob("*.pmlint-tmp"))


def test_crlf_and_bom_todo_keeps_its_style(repo: Path) -> None:
    (repo / "TODO.md").write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode())
    sync()
    data = (repo / "TODO.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# Team TODO\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    before = data
    sync()
    assert (repo / "TODO.md").read_bytes() == before
