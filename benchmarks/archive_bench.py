"""Archive build cost: mkdocs + material with the pmlint plugin vs the same pages without it.

    python benchmarks/archive_bench.py --n 200 [--repeat 3]

Both sites hold the same N synthetic post-mortems (``generate.py``), a home page and
four small stand-in pages, with the same shape of nav (Material renders the whole nav
into every page, so a bigger nav alone would cost time). Incident pages are *not* in
the navigation in either (the plugin never puts them there; 1,000 nav entries make
mkdocs + material quadratic):

(a) plain:  ``plugins: [search]``, incidents marked ``not_in_nav``, the nav's archive
    section pointing at the stand-in pages;
(b) plugin: ``plugins: [search, pmlint]``, which also parses and lints every incident,
    decorates each page and generates the archive, action-items, insights and service pages;
    the parse/lint runs in worker processes on the CPUs MkDocs leaves idle;
(c) serial: (b) with ``jobs: 1``, everything in the build process (a one-CPU machine).

Each build runs in its own process; the time is the build alone (imports excluded),
the best of ``--repeat`` runs; peak memory is the process's max RSS (``os.wait4``);
CPU time is reported too, as wall time on a busy machine says little: the build
process's own (what stands between MkDocs and the finished site when a CPU is free
for the workers) and with its workers' (all the work done, what a one-CPU machine pays).
The target (issues 4 and 15): (b) within 1.2x of (a) at 1,000 and at 10,000 incidents.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BUILD = """
import json, resource, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1])
start, cpu = time.perf_counter(), time.process_time()
build(config)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "worker_cpu": workers.ru_utime + workers.ru_stime}))
"""

COMMON = """site_name: Archive benchmark
theme:
  name: material
  font: false
validation:
  nav:
    omitted_files: ignore
"""

PLAIN = (
    COMMON
    + """not_in_nav: |
  /incidents/
plugins:
  - search
nav:
  - Home: index.md
  - Archive:
      - stubs/index.md
      - stubs/action-items.md
      - stubs/insights.md
      - stubs/services.md
"""
)

PLUGIN = (
    COMMON
    + """plugins:
  - search
  - pmlint:
      today: 2026-11-25
nav:
  - Home: index.md
  - Archive:
      - incidents/index.md
      - incidents/action-items.md
      - incidents/insights.md
      - incidents/services/index.md
"""
)


STUBS = ("index", "action-items", "insights", "services")
VARIANTS = {
    "plain": PLAIN,
    "plugin": PLUGIN,
    "serial": PLUGIN.replace("today: 2026-11-25", "today: 2026-11-25\n      jobs: 1"),
}


@dataclass(frozen=True)
class Measure:
    seconds: float  # wall time of the build
    cpu: float  # CPU time of the build process
    worker_cpu: float  # CPU time of its worker processes
    peak_mb: float  # max RSS of the build process


def make_site(root: Path, n: int, seed: int = 7) -> dict[str, Path]:
    """Write N synthetic incidents and the configurations under ``root``."""
    docs = root / "docs"
    generate(docs / "incidents", n, seed)
    (docs / "index.md").write_text("# Benchmark\n\nSynthetic post-mortems.\n", encoding="utf-8")
    (docs / "stubs").mkdir()
    for name in STUBS:  # the plain site's stand-ins for the generated pages, for the same nav
        (docs / "stubs" / f"{name}.md").write_text(f"# {name}\n\nA stand-in page.\n", encoding="utf-8")
    configs = {}
    for name, text in VARIANTS.items():
        path = root / f"mkdocs-{name}.yml"
        path.write_text(text + f"docs_dir: docs\nsite_dir: site-{name}\n", encoding="utf-8")
        configs[name] = path
    return configs


def measure(config: Path) -> Measure:
    """One build in a fresh process (imports are not timed)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-c", BUILD, str(config)], stdout=out, stderr=err, cwd=config.parent, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise RuntimeError(f"build of {config.name} failed:\n{err.read().decode()[-2000:]}")
        data = json.loads(out.read().decode().strip().splitlines()[-1])
    return Measure(
        float(data["seconds"]), float(data["cpu"]), float(data["worker_cpu"]), usage.ru_maxrss / 1024
    )


def compare(n: int, repeat: int = 3, seed: int = 7, serial: bool = True) -> dict[str, float]:
    """Build each variant ``repeat`` times (interleaved); best wall time counts, peak memory is the max.

    ``ratio`` is plugin / plain wall time (the issue's target); ``cpu_ratio`` compares the
    build processes' CPU time, which a busy machine disturbs less; ``serial_ratio`` is the
    plugin with ``jobs: 1``, i.e. what a single-CPU machine gets."""
    work = Path(tempfile.mkdtemp(prefix="pmlint-archive-bench-"))
    names = ["plain", "plugin", *(["serial"] if serial else [])]
    try:
        configs = make_site(work, n, seed)
        runs: dict[str, list[Measure]] = {name: [] for name in names}
        for _ in range(max(1, repeat)):
            for name in names:
                runs[name].append(measure(configs[name]))
        best = {name: min(items, key=lambda m: m.seconds) for name, items in runs.items()}
        peak = {name: max(m.peak_mb for m in items) for name, items in runs.items()}
        cpu = {name: min(m.cpu for m in items) for name, items in runs.items()}
        total = {name: min(m.cpu + m.worker_cpu for m in items) for name, items in runs.items()}
        result = {
            "n": float(n),
            "ratio": best["plugin"].seconds / best["plain"].seconds,
            "cpu_ratio": cpu["plugin"] / cpu["plain"],
            "total_cpu_ratio": total["plugin"] / total["plain"],
            "memory_ratio": peak["plugin"] / peak["plain"],
        }
        for name in names:
            result.update(
                {
                    f"{name}_seconds": best[name].seconds,
                    f"{name}_cpu": cpu[name],
                    f"{name}_worker_cpu": best[name].worker_cpu,
                    f"{name}_peak_mb": peak[name],
                }
            )
        if serial:
            result["serial_ratio"] = best["serial"].seconds / best["plain"].seconds
            result["serial_cpu_ratio"] = cpu["serial"] / cpu["plain"]
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of synthetic incidents")
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant (best time counts)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-serial", action="store_true", help="skip the jobs: 1 variant")
    args = parser.parse_args()
    result = compare(args.n, args.repeat, args.seed, serial=not args.no_serial)
    print(f"archive benchmark: {args.n} incidents, best of {args.repeat}, {os.cpu_count()} CPUs")
    print(f"  {'variant':34} {'wall s':>8} {'cpu s':>8} {'workers':>8} {'peak MB':>8}")
    labels = {
        "plain": "plain mkdocs (no nav entries)",
        "plugin": "pmlint plugin",
        "serial": "pmlint plugin, jobs: 1",
    }
    for name, label in labels.items():
        if f"{name}_seconds" in result:
            print(
                f"  {label:34} {result[f'{name}_seconds']:8.2f} {result[f'{name}_cpu']:8.2f} "
                f"{result[f'{name}_worker_cpu']:8.2f} {result[f'{name}_peak_mb']:8.1f}"
            )
    print(
        f"  ratio {result['ratio']:.2f}x wall (target 1.2x), {result['cpu_ratio']:.2f}x build-process CPU, "
        f"{result['memory_ratio']:.2f}x peak memory"
    )
    print(f"  {result['total_cpu_ratio']:.2f}x CPU of the build and its workers (all the work, on any number of CPUs)")
    if "serial_ratio" in result:
        print(f"  jobs: 1 ratio {result['serial_ratio']:.2f}x wall, {result['serial_cpu_ratio']:.2f}x CPU")


if __name__ == "__main__":
    main()
