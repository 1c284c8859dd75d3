"""pmlint benchmark: ratios against the parse floor, on the same files, in one run.

    python benchmarks/run.py [--n 2000] [--repeat 3] [--archive 600] [--out benchmarks/out/results.json]

Every measurement runs as a separate process (wall time, median of --repeat
runs, at least 7 for the floor, -j1 and -j2 and at least 31 for the one-file
runs, which vary most; peak RSS from ``os.wait4``). Ratios:

- check over N files (``-j1 --no-cache``) vs the floor: a bare markdown-it-py
  (commonmark + table) + python-frontmatter parse of the same files;
- check of one file vs ``python -c "import markdown_it, frontmatter, click"``;
- check with 2 workers vs single-process; warm re-run with the cache vs cold;
- sync-todo and stats over N files vs the floor;
- the archive build with the plugin vs plain mkdocs without nav entries.

Fairness: measurements run in rounds, one run of each per round, so a busy
neighbour slows every measurement alike instead of one of them; and pmlint's
bytecode is compiled first (``compileall``), as ``pip install`` does for the
floor's packages, so a one-file run does not pay for compiling pmlint's
source when ``PYTHONDONTWRITEBYTECODE`` is set. CPU time (user + sys of the
process and its workers) is reported beside the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

FLOOR = """
import sys, pathlib, markdown_it, frontmatter
md = markdown_it.MarkdownIt("commonmark").enable("table")
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.md")):
    post = frontmatter.load(path)
    md.parse(post.content)
"""
IMPORT_FLOOR = "import markdown_it, frontmatter, click"


@dataclass
class Measure:
    name: str
    runs: int
    seconds: float
    cpu_seconds: float
    peak_mb: float


@dataclass
class Command:
    name: str
    argv: list[str]
    runs: int
    cwd: Path | None = None
    setup: list[str] | None = None


def _run_once(command: Command) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of the process and its children, peak RSS in MB)."""
    if command.setup:
        subprocess.run(command.setup, check=True, cwd=command.cwd, capture_output=True)
    start = time.perf_counter()
    proc = subprocess.Popen(command.argv, cwd=command.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # wait4 reports the process itself; its worker processes (--jobs) are its reaped children
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024


def measure_all(commands: dict[str, Command]) -> dict[str, Measure]:
    """Median of each command's runs, taken in interleaved rounds (one run of each per round)."""
    samples: dict[str, list[tuple[float, float, float]]] = {key: [] for key in commands}
    for round_ in range(max(c.runs for c in commands.values())):
        for key, command in commands.items():
            if round_ < command.runs:
                samples[key].append(_run_once(command))
    return {
        key: Measure(commands[key].name, len(runs), statistics.median(s[0] for s in runs),
                     statistics.median(s[1] for s in runs), max(s[2] for s in runs))
        for key, runs in samples.items()
    }


def compile_bytecode() -> None:
    """Compile pmlint's modules, as ``pip install`` does for every installed package."""
    import pmlint

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(pmlint.__file__).parent)], check=True)


def pmlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "pmlint", *args]


def run(n: int, repeat: int, archive: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="pmlint-bench-"))
    try:
        corpus = work / "docs" / "incidents"
        generate(corpus, n)
        (work / "pyproject.toml").write_text('[tool.pmlint]\nincidents = "docs/incidents"\n', encoding="utf-8")
        one = sorted(corpus.glob("*.md"))[0]
        clear = [sys.executable, "-c", f"import shutil; shutil.rmtree({str(work / '.pmlint_cache')!r}, True)"]
        compile_bytecode()
        small = max(3 * repeat, 31)  # one-file runs take ~0.2 s and vary most: many more of them
        # the floor, -j1 and -j2 decide two targets, and -j2 varies most with a busy host (a
        # neighbour on one CPU slows only the two-process run): at least seven rounds of them
        paired = max(repeat, 7)
        m = measure_all({
            "floor": Command("floor: markdown-it + frontmatter", [sys.executable, "-c", FLOOR, str(corpus)], paired),
            "check": Command("check -j1 --no-cache", pmlint("check", "-j1", "--no-cache", str(corpus)), paired, work),
            "check_j2": Command("check -j2 --no-cache", pmlint("check", "-j2", "--no-cache", str(corpus)),
                                paired, work),
            "cold": Command("check cold cache", pmlint("check", str(corpus)), repeat, work, setup=clear),
            "warm": Command("check warm cache", pmlint("check", str(corpus)), repeat, work),
            "import_floor": Command("import floor", [sys.executable, "-c", IMPORT_FLOOR], small),
            "one_file": Command("check one file", pmlint("check", "--no-cache", str(one)), small, work),
            "one_file_warm": Command("check one file, cached", pmlint("check", str(one)), small, work),
            "sync_todo": Command("sync-todo", pmlint("sync-todo", "--todo", str(work / "TODO.md"), str(corpus)),
                                 repeat, work),
            "stats": Command("stats", pmlint("stats", str(corpus)), repeat, work),
        })
        ratios = {
            "check / floor": (m["check"].seconds / m["floor"].seconds, 1.0),
            "one file / import floor": (m["one_file"].seconds / m["import_floor"].seconds, 1.5),
            "one file cached / import floor": (m["one_file_warm"].seconds / m["import_floor"].seconds, None),
            "check defaults (auto jobs) / floor": (m["cold"].seconds / m["floor"].seconds, None),
            "check -j2 / check -j1": (m["check_j2"].seconds / m["check"].seconds, 0.6),
            "warm / cold cache": (m["warm"].seconds / m["cold"].seconds, 0.1),
            "sync-todo / floor": (m["sync_todo"].seconds / m["floor"].seconds, None),
            "stats / floor": (m["stats"].seconds / m["floor"].seconds, None),
        }
        archive_result = _archive(archive, max(repeat, 3)) if archive else None
        if archive_result:
            ratios["archive plugin / plain mkdocs"] = (archive_result["ratio"], 1.2)
        return {"n": n, "repeat": repeat, "cpus": os.cpu_count(),
                "measures": {k: asdict(v) for k, v in m.items()},
                "ratios": {k: {"ratio": round(r, 3), "target": t, "ok": t is None or r <= t}
                           for k, (r, t) in ratios.items()},
                "archive": archive_result}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _archive(count: int, rounds: int) -> dict[str, float] | None:
    """The archive benchmark (``archive_bench.py``): best of ``rounds`` builds of each variant."""
    try:
        import archive_bench
    except ImportError:
        return None
    result: dict[str, float] = archive_bench.compare(count, rounds)
    return result


def table(report: dict[str, object]) -> str:
    lines = [f"pmlint benchmark: {report['n']} files, medians of interleaved rounds, {report['cpus']} CPUs", "",
             f"{'measure':36} {'runs':>5} {'seconds':>9} {'CPU s':>9} {'peak MB':>9}"]
    for item in report["measures"].values():  # type: ignore[attr-defined]
        lines.append(f"{item['name']:36} {item['runs']:5d} {item['seconds']:9.3f} {item['cpu_seconds']:9.3f} "
                     f"{item['peak_mb']:9.1f}")
    lines += ["", f"{'ratio':36} {'value':>9} {'target':>9}  ok"]
    for name, item in report["ratios"].items():  # type: ignore[attr-defined]
        target = "-" if item["target"] is None else f"<= {item['target']}"
        lines.append(f"{name:36} {item['ratio']:9.3f} {target:>9}  {'yes' if item['ok'] else 'NO'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="pmlint benchmark (ratios against the parse floor)")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--archive", type=int, default=0, help="also build an archive of this many incidents")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "results.json")
    args = parser.parse_args()
    report = run(args.n, args.repeat, args.archive)
    print(table(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
