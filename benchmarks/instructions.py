"""The two start-up and throughput ratios of run.py, counted in instructions.

    python benchmarks/instructions.py [--n 200]

``run.py`` times wall clock and CPU seconds, which a busy neighbour moves by
tens of percent on a shared host. Instruction counts (valgrind's callgrind)
are the same for the same binary, inputs and environment whatever else runs,
so a 3% change is visible. The ratios:

- one file: ``pmlint check --no-cache`` of one post-mortem vs
  ``python -c "import markdown_it, frontmatter, click"`` (target <= 1.5);
- throughput: ``pmlint check -j1 --no-cache`` over N files vs the bare
  markdown-it + python-frontmatter parse of the same files (target <= 1.0).

Run it with the interpreter of a regular (non-editable) install, from outside
the repository, as users run pmlint.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import FLOOR, IMPORT_FLOOR  # noqa: E402


def instructions(command: list[str], cwd: Path) -> int:
    """Instructions executed by ``command`` and its children (callgrind's total)."""
    out = cwd / "callgrind.out"
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--trace-children=no",
                           *command], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode not in (0, 1):  # pmlint exits 1 when it reports findings
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}")
    summary = re.search(r"^(?:summary|totals):\s*(\d+)", out.read_text(), re.M)
    out.unlink()
    if summary is None:
        raise RuntimeError("callgrind wrote no total")
    return int(summary.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="files for the throughput ratio")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    work = Path(tempfile.mkdtemp(prefix="pmlint-icount-"))
    try:
        corpus = work / "incidents"
        generate(corpus, args.n)
        one = sorted(corpus.glob("*.md"))[0]
        python = sys.executable
        subprocess.run([python, "-m", "compileall", "-q", str(Path(__import__("pmlint").__file__).parent)],
                       check=True)
        counts = {
            "import floor": instructions([python, "-c", IMPORT_FLOOR], work),
            "check one file": instructions([python, "-m", "pmlint", "check", "--no-cache", str(one)], work),
            "parse floor": instructions([python, "-c", FLOOR, str(corpus)], work),
            f"check -j1 --no-cache ({args.n} files)": instructions(
                [python, "-m", "pmlint", "check", "-j1", "--no-cache", str(corpus)], work),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, count in counts.items():
        print(f"{name:<40} {count / 1e6:>10.1f} M instructions")
    values = list(counts.values())
    print(f"\none file / import floor   {values[1] / values[0]:.3f}   (target <= 1.5)")
    print(f"check / parse floor       {values[3] / values[2]:.3f}   (target <= 1.0)")


if __name__ == "__main__":
    main()
