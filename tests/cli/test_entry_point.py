"""The console entry point: ``pmlint`` / ``python -m pmlint`` run ``pmlint.cli.main:run``."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from pmlint.cli.main import run

ROOT = Path(__file__).resolve().parents[2]
BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
OUT_OF_ORDER = BASE.replace("| 14:02 |", "| 23:02 |", 1)  # the first timeline row now comes last


def test_console_script_is_run() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["pmlint"] == "pmlint.cli.main:run"


def test_run_keeps_the_exit_status_and_freezes_survivors(tmp_path: Path) -> None:
    flawed = tmp_path / "2026-03-10-flawed.md"
    flawed.write_text(OUT_OF_ORDER, encoding="utf-8")
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as stopped:
            run(["check", "--no-cache", str(flawed)])
        assert stopped.value.code == 1
        assert gc.get_freeze_count() > 0  # shutdown's collections skip what was alive at exit
    finally:
        gc.unfreeze()


def test_python_dash_m_reports_and_exits_like_the_script(tmp_path: Path) -> None:
    clean = tmp_path / "2026-03-10-clean.md"
    clean.write_text(BASE, encoding="utf-8")
    flawed = tmp_path / "2026-03-11-flawed.md"
    flawed.write_text(OUT_OF_ORDER, encoding="utf-8")

    def pmlint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pmlint", "check", "--no-cache", *args],
                              cwd=tmp_path, capture_output=True, text=True, check=False)

    passed = pmlint(str(clean))
    assert (passed.returncode, passed.stderr) == (0, "")
    assert "1 file checked" in passed.stdout
    failed = pmlint(str(flawed))
    assert failed.returncode == 1
    assert "PM202" in failed.stdout and "2026-03-11-flawed.md" in failed.stdout


#: what a plain ``pmlint check`` must not import (start-up time: issue 6)
NOT_FOR_A_PLAIN_CHECK = (
    "mkdocs", "hypothesis", "pmlint.mkdocs",
    "pmlint.report.sarif_format", "pmlint.report.junit_format", "pmlint.report.json_format",
    "pmlint.lint.cache", "pmlint.todo.sync", "pmlint.insights", "pmlint.lint.fix", "pmlint.lint.baseline",
    "multiprocessing", "concurrent.futures", "hashlib", "tomllib",
)


def test_a_plain_check_imports_only_what_it_uses(tmp_path: Path) -> None:
    clean = tmp_path / "2026-03-10-clean.md"
    clean.write_text(BASE, encoding="utf-8")
    script = (
        "import sys\nfrom pmlint.cli.main import run\n"
        "try:\n    run(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('MODULES', *sorted(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script, "check", "--no-cache", str(clean)],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split("MODULES", 1)[1].split())
    assert "pmlint.rules.pm401_missing_owner" in loaded  # the check did run
    unwanted = sorted(m for m in loaded if any(m == u or m.startswith(f"{u}.") for u in NOT_FOR_A_PLAIN_CHECK))
    assert unwanted == []
