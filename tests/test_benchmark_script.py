"""The benchmark's plumbing (no timings are asserted: speed lives in benchmarks/run.py's report)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))  # run.py imports its sibling generate.py
    try:
        spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module  # dataclasses look their module up while building
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_rounds_interleave_and_each_command_keeps_its_own_count() -> None:
    bench = _bench()
    quick = [sys.executable, "-c", "pass"]
    measures = bench.measure_all({"a": bench.Command("a", quick, 3), "b": bench.Command("b", quick, 1)})
    assert (measures["a"].runs, measures["b"].runs) == (3, 1)
    assert all(m.seconds > 0 and m.peak_mb > 0 for m in measures.values())


def test_table_shows_runs_ratios_and_misses() -> None:
    bench = _bench()
    report = {
        "n": 10, "repeat": 1, "cpus": 2,
        "measures": {"floor": {"name": "floor", "runs": 7, "seconds": 1.0, "cpu_seconds": 1.0, "peak_mb": 20.0}},
        "ratios": {"check / floor": {"ratio": 0.9, "target": 1.0, "ok": True},
                   "check -j2 / check -j1": {"ratio": 0.7, "target": 0.6, "ok": False}},
    }
    text = bench.table(report)
    assert "floor" in text and "    7 " in text
    assert "check / floor" in text and "yes" in text
    assert text.rstrip().endswith("NO")
