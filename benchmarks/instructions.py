"""The two start-up and throughput ratios of run.py, counted in instructions.

    python benchmarks/instructions.py [--n 200]

``run.py`` times wall clock and CPU seconds, which a busy neighbour moves by
tens of percent on a shared host. Instruction counts (valgrind's callgrind)
are the same for the same binary, inputs and environment whatever else runs,
so a 3% change is visible. The ratios:

- one file: ``pmlint check --no-cache`` of one post-mortem vs
  ``python -c "import markdown_it, frontmatter, click"``;
- throughput: ``pmlint check -j1 --no-cache`` over N files vs the bare
  markdown-it + python-frontmatter parse of the same files.

The targets (<= 1.5 and <= 1.0) are run.py's, on wall time; these ratios track
them. The one-file ratio reads higher here than in run.py: the time a process
spends outside the counted user-space instructions (the kernel starting it,
mapping libraries, page faults) is about the same for both commands, and it
counts in the wall time of each.

Run it with the interpreter of a regular (non-editable) install, from outside
the repository, as users run pmlint.

``--breakdown`` splits the one-file check into steps (the import floor, then
pmlint's command modules, the rules, the check itself), and counts the methods
``dataclasses`` generates on the way: CPython compiles each from source at
every start (``__init__``, and for a frozen class ``__setattr__`` and
``__delattr__``; ``__eq__``, ``__hash__``, ``__repr__`` unless turned off).
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


#: the one-file check, step by step: each snippet runs everything before it and one step more
STEPS = (
    ("import floor", IMPORT_FLOOR),
    ("+ pmlint check's modules", "import pmlint.cli.main, pmlint.cli.check"),
    ("+ the rules", "from pmlint.rules import all_rules; all_rules()"),
    ("+ the check itself", "import sys; sys.argv = ['pmlint', 'check', '--no-cache', {one!r}]\n"
                           "from pmlint.cli.main import run\ntry:\n    run()\nexcept SystemExit:\n    pass"),
)

#: run inside a one-file check: how many methods dataclasses generated, and their source size
GENERATED = """
import dataclasses, sys
made, size = [], [0]
original = dataclasses._create_fn
def counting(name, args, body, **kwargs):
    made.append(name)
    size[0] += len(name) + sum(map(len, args)) + sum(map(len, body)) + sum(map(len, kwargs.get("locals") or {{}}))
    return original(name, args, body, **kwargs)
dataclasses._create_fn = counting
sys.argv = ['pmlint', 'check', '--no-cache', {one!r}]
from pmlint.cli.main import run
try:
    run()
except SystemExit:
    pass
classes = sum(1 for name in made if name == "__init__")
print(f"{{len(made)}} methods of {{classes}} classes, about {{size[0] // 1000}} KB of source", file=sys.stderr)
"""


def breakdown(python: str, one: Path, work: Path) -> None:
    """Instructions per step of a one-file check, and the dataclass methods it generates."""
    previous, code = 0, ""
    for name, step in STEPS:
        code += step.format(one=str(one)) + "\n"
        count = instructions([python, "-c", code], work)
        print(f"{name:<40} {count / 1e6:>10.1f} M instructions  (+{(count - previous) / 1e6:.1f} M)")
        previous = count
    generated = subprocess.run([python, "-c", GENERATED.format(one=str(one))], cwd=work,
                               capture_output=True, text=True)
    print(f"dataclasses generated {generated.stderr.strip().splitlines()[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="files for the throughput ratio")
    parser.add_argument("--breakdown", action="store_true", help="split the one-file check into steps")
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
        if args.breakdown:
            breakdown(python, one, work)
            return
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
    print(f"\none file / import floor   {values[1] / values[0]:.3f}   (run.py's target, on wall time: <= 1.5)")
    print(f"check / parse floor       {values[3] / values[2]:.3f}   (run.py's target, on wall time: <= 1.0)")


if __name__ == "__main__":
    main()
