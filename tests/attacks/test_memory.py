"""Memory per file is bounded (issue 16, item 6): a 13 MB post-mortem needed 3.5 GB.

Peak memory is read from the child's own resource usage (``os.wait4``), with bounds
far from both the fixed cost (tens of MiB) and the failure (gigabytes).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo

from pmlint.document.source import MAX_FILE_BYTES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import crafted  # the benchmark's builders: the same shapes at any size


def _peak_mib(cwd: Path, *args: str) -> tuple[int, str]:
    """Run pmlint: its peak resident memory in MiB, and its exit code and output."""
    process = subprocess.Popen([sys.executable, "-m", "pmlint", *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"})
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting again
    peak_kib = usage.ru_maxrss  # KiB on Linux
    return peak_kib // 1024, f"{process.returncode}\n{output}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")
def test_a_13_mb_post_mortem_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / INCIDENTS / "2026-03-11-huge.md").write_text(crafted.owner_table(13_000_000), encoding="utf-8")
    peak, output = _peak_mib(repo, "check", "--no-cache")  # before: 3.5 GB, or killed
    code, report = output.split("\n", 1)
    assert code == "2" and "2026-03-11-huge.md:1:1: error: file larger than 3 MiB" in report, output
    assert peak < 400, f"{peak} MiB"


def test_the_limit_leaves_room_for_any_real_post_mortem() -> None:
    assert 1_000_000 < MAX_FILE_BYTES <= 4 * 1024 * 1024


def test_standard_input_has_the_same_limit(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    done = subprocess.run([sys.executable, "-m", "pmlint", "check", "-", "--stdin-filename", "x.md"], cwd=repo,
                          input=crafted.owner_table(4_000_000).encode(), capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 2 and b"x.md:1:1: error: file larger than 3 MiB" in done.stdout, done.stdout[-300:]
