"""What the attack tests share: a scratch repository and a way to run pmlint in it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main

TODAY = dt.date(2026, 4, 15)
CONFIG = '[tool.pmlint]\nincidents = "docs/incidents"\n'
INCIDENTS = "docs/incidents"

ACTIONS = """\
| ID | Action | Owner | Priority | Due | Status |
|----|--------|-------|----------|-----|--------|
| AI-001 | Add alert for DB pool saturation | @dana | P1 | 2026-05-01 | Open |
| AI-002 | Write runbook for pool exhaustion | @li.wei | P2 | 2026-05-01 | Open |
"""


def postmortem(title: str = "DB pool exhausted", date: str = "2026-03-10", actions: str = ACTIONS) -> str:
    return f"""---
title: "{title}"
date: {date}
severity: SEV-2
status: final
authors: ["@dana"]
---

# {title}

## Summary

The orders database refused connections for 40 minutes.

## Action Items

{actions}
## Lessons Learned

- Pool limits belong in reviewed configuration.
"""


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def pmlint(*args: str, today: dt.date = TODAY) -> Run:
    """Run a command in this process (cwd is the test's); a traceback fails the test."""
    result = CliRunner().invoke(main, list(args), obj=Environment(today=today, variables={"NO_COLOR": "1"}))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def pmlint_process(cwd: Path, *args: str, extra_env: dict[str, str] | None = None,
                   timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run pmlint as its own process (for concurrency, signals and kills)."""
    env = {**os.environ, "NO_COLOR": "1", **(extra_env or {})}
    return subprocess.run([sys.executable, "-m", "pmlint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, errors="replace", timeout=timeout, check=False)


def make_repo(root: Path, files: dict[str, str] | None = None) -> Path:
    """A repository: pyproject with [tool.pmlint], a git folder marker and post-mortems."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)
    (root / INCIDENTS).mkdir(parents=True, exist_ok=True)
    default = {f"{INCIDENTS}/2026-03-10-db-pool.md": postmortem()}
    for name, text in (default if files is None else files).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def tick(todo: str, item_id: str) -> str:
    """TODO.md with ``item_id``'s box ticked (as a person would)."""
    lines = todo.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("- [ ] ") and line.split(" ")[3] == item_id:
            lines[index] = "- [x] " + line[len("- [ ] "):]
            return "\n".join(lines)
    raise AssertionError(f"{item_id} not found in TODO.md")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (links not followed), for "nothing changed" checks."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found
