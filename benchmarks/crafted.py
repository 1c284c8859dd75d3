"""Crafted post-mortems: how long one hostile file takes to check.

    python benchmarks/crafted.py [--size 1000000] [--kind NAME ...] [--timeout 120]

Each kind is a file of about ``--size`` bytes shaped to hit a path that was
once quadratic (one file in a pull request must not hang pre-commit, CI or
``mkdocs build``). Each is checked by the installed ``pmlint`` in a child
process, as a user runs it: ``pmlint check --no-cache FILE`` (text output)
and ``pmlint check --fix --no-cache FILE`` on a fresh copy. The wall and CPU
seconds (start-up included), the exit status and the peak RSS are printed.
The target is under 5 CPU seconds per 1 MB file; nothing here is asserted,
the numbers are for the reader.

The builders are also used by ``tests/attacks`` (at small sizes, counting
work) and by the long fuzz run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FRONT = "---\ntitle: Crafted\ndate: 2026-01-01\nseverity: SEV-2\nstatus: final\n---\n# Crafted\n\n"


def _repeat(unit: str, size: int, head: str = FRONT) -> str:
    return head + unit * max(1, (size - len(head)) // len(unit))


def comment_openers(size: int) -> str:
    """Lines of ``<!--`` that never close (each once rescanned the rest of the file)."""
    return _repeat("<!--\n", size)


def disable_comments(size: int) -> str:
    """Suppression comments on one line, then findings they may cover."""
    comments = "<!-- pmlint-disable PM204 --><!-- pmlint-enable PM204 -->" * max(1, size // 120)
    body = "\n## Timeline\n\n" + "- 09:15 the team acted soon\n" * max(1, size // 60)
    return FRONT + comments + "\n" + body


def disable_next_line(size: int) -> str:
    """Alternating ``disable-next-line`` comments and blank lines above findings."""
    return _repeat("<!-- pmlint-disable-next-line PM501 -->\n\n\nHe was careless.\n", size)


def many_findings(size: int) -> str:
    """A timeline whose every entry is a finding (80,000 findings in text output at 1 MB)."""
    return _repeat("| 9:1 | x |\n", size, FRONT + "## Timeline\n\n| Time | Event |\n|---|---|\n")


def repeated_phrases(size: int) -> str:
    """A banned phrase over and over, on many lines."""
    return _repeat("human error human error root cause was human error\n", size, FRONT + "## Root Cause\n\n")


def fix_overlap(size: int) -> str:
    """Tens of thousands of fixable timestamps: ``--fix`` must not compare every pair of edits."""
    return _repeat("| 9:15 | x |\n", size, FRONT + "## Timeline\n\n| Time | Event |\n|---|---|\n")


def long_line(size: int) -> str:
    """One line of 1 MB."""
    return FRONT + "word " * max(1, (size - len(FRONT)) // 5) + "\n"


def owner_table(size: int) -> str:
    """An action-item table of group owners and vague dues."""
    head = FRONT + "## Action Items\n\n| ID | Action | Owner | Due |\n|---|---|---|---|\n"
    return _repeat("| AI-1 | Fix it | the team | ASAP |\n", size, head)


SHAPES: dict[str, Callable[[int], str]] = {
    "comment_openers": comment_openers,
    "disable_comments": disable_comments,
    "disable_next_line": disable_next_line,
    "many_findings": many_findings,
    "repeated_phrases": repeated_phrases,
    "fix_overlap": fix_overlap,
    "long_line": long_line,
    "owner_table": owner_table,
}


def run_cli(arguments: list[str], folder: Path, timeout: float) -> tuple[str, str, str, str]:
    """Run ``pmlint`` in a child process in ``folder``: (wall s, CPU s, exit status, peak MiB)."""
    command = [sys.executable, "-m", "pmlint", *arguments]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:  # wait4 gives this child's own CPU time and peak RSS
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            child.wait()
            return f">{timeout:g}", "-", "-", "-"
        time.sleep(0.005)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return (f"{wall:.2f}", f"{usage.ru_utime + usage.ru_stime:.2f}", str(child.returncode),
            str(usage.ru_maxrss // 1024))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--kind", action="append", choices=sorted(SHAPES))
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    # CPU seconds are what the check costs; wall seconds also count a busy machine's waits
    print(f"{'kind':<18} {'command':<12} {'wall s':>7} {'CPU s':>6} {'exit':>4} {'peak MiB':>8}")
    with tempfile.TemporaryDirectory() as folder:  # outside any repository: no config applies
        for kind in args.kind or SHAPES:
            text = SHAPES[kind](args.size)
            for command in (["check"], ["check", "--fix"]):
                path = Path(folder, f"{kind}.md")
                path.write_text(text, encoding="utf-8")  # afresh: --fix rewrites it
                wall, cpu, status, peak = run_cli([*command, "--no-cache", path.name], Path(folder), args.timeout)
                print(f"{kind:<18} {' '.join(command):<12} {wall:>7} {cpu:>6} {status:>4} {peak:>8}", flush=True)


if __name__ == "__main__":
    main()
