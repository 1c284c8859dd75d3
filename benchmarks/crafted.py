"""Crafted post-mortems: how long one hostile file takes to check.

    python benchmarks/crafted.py [--size 1000000] [--kind NAME ...] [--timeout 120]

Each kind is a file of about ``--size`` bytes shaped to hit a path that was
once quadratic (one file in a pull request must not hang pre-commit, CI or
``mkdocs build``). Each runs in its own process: it is read, linted and
rendered as text output (``check --fix`` in memory for ``fix_overlap``), and
the wall time and peak RSS are printed. The target is a few seconds per
1 MB file; nothing here is asserted, the numbers are for the reader.

The builders are also used by ``tests/attacks`` (at small sizes, counting
work) and by the long fuzz run.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Callable

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


def run_one(kind: str, size: int) -> tuple[float, float, int]:
    """Check one crafted file in this process: (wall seconds, CPU seconds, findings)."""
    from pmlint.document.source import SourceFile
    from pmlint.lint.config import config_from_mapping
    from pmlint.lint.engine import lint_source
    from pmlint.report.text_format import render

    text = SHAPES[kind](size)
    config = config_from_mapping({})
    start, cpu = time.perf_counter(), time.process_time()
    source = SourceFile.from_bytes("crafted.md", text.encode("utf-8"))
    if kind == "fix_overlap":
        from pmlint.lint.fix import fix_source

        outcome = fix_source(source, config)
        count = len(outcome.applied)
    else:
        result = lint_source(source, config)
        render([result])
        count = len(result.findings)
    return time.perf_counter() - start, time.process_time() - cpu, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--kind", action="append", choices=sorted(SHAPES))
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        seconds, cpu, count = run_one(args.kind[0], args.size)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{seconds:.2f} {cpu:.2f} {count} {peak_mib}")
        return
    # CPU seconds are what the check costs; wall seconds also count a busy machine's waits
    print(f"{'kind':<20} {'size':>9} {'wall s':>8} {'CPU s':>8} {'findings':>9} {'peak MiB':>9}")
    for kind in args.kind or SHAPES:
        command = [sys.executable, __file__, "--child", "--kind", kind, "--size", str(args.size)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, check=True)
            seconds, cpu, count, peak = done.stdout.split()
        except subprocess.TimeoutExpired:
            seconds, cpu, count, peak = f">{args.timeout:g}", "-", "-", "-"
        except subprocess.CalledProcessError as exc:
            seconds, cpu, count, peak = "failed", "-", "-", exc.stderr.strip().splitlines()[-1][:40]
        print(f"{kind:<20} {args.size:>9} {seconds:>8} {cpu:>8} {count:>9} {peak:>9}")


if __name__ == "__main__":
    main()
