"""Findings are identical with and without worker processes and the cache,
and the cache is never read after a configuration change."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main
from pmlint.lint.config import config_from_mapping
from pmlint.lint.runner import lint_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _inside_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The project root (the working folder: no configuration file) holds the cache folder;
    pmlint uses no cache folder outside it."""
    monkeypatch.chdir(tmp_path)


def _generate(folder: Path, count: int) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths: list[Path] = module.generate(folder, count, seed=3)
    return paths


def _json(results: list[object]) -> str:
    from pmlint.report.json_format import render

    return render(results)  # type: ignore[arg-type]


def test_jobs_and_cache_give_identical_findings(tmp_path: Path) -> None:
    files = _generate(tmp_path / "incidents", 40)
    config = config_from_mapping({"cache_dir": str(tmp_path / "cache")})
    serial = lint_files(files, config, jobs=1, use_cache=False)
    parallel = lint_files(files, config, jobs=2, use_cache=False)
    cold = lint_files(files, config, jobs=1, use_cache=True)
    warm = lint_files(files, config, jobs=1, use_cache=True)
    assert any(result.findings for result in serial), "the generator plants defects"
    assert _json(serial) == _json(parallel) == _json(cold) == _json(warm)  # type: ignore[arg-type]
    assert [r.lines for r in serial] == [r.lines for r in warm]


def test_cache_is_keyed_by_config_and_content(tmp_path: Path) -> None:
    files = _generate(tmp_path / "incidents", 5)
    cache_dir = str(tmp_path / "cache")
    everything = config_from_mapping({"cache_dir": cache_dir})
    lint_files(files, everything, jobs=1)
    narrowed = config_from_mapping({"cache_dir": cache_dir, "select": ["PM101"]})
    results = lint_files(files, narrowed, jobs=1)
    assert all(f.code == "PM101" for r in results for f in r.findings)
    files[0].write_text(files[0].read_text(encoding="utf-8").replace("## Impact", "## Effects"), encoding="utf-8")
    again = lint_files(files, narrowed, jobs=1)
    assert any("Impact" in f.message for f in again[0].findings + again[1].findings + again[2].findings
               + again[3].findings + again[4].findings)


def test_damaged_cache_is_only_a_cold_run(tmp_path: Path) -> None:
    files = _generate(tmp_path / "incidents", 3)
    config = config_from_mapping({"cache_dir": str(tmp_path / "cache")})
    first = lint_files(files, config, jobs=1)
    for path in (tmp_path / "cache").glob("findings-*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert _json(lint_files(files, config, jobs=1)) == _json(first)  # type: ignore[arg-type]


def test_cli_jobs_and_no_cache_flags_agree(tmp_path: Path) -> None:
    _generate(tmp_path / "incidents", 20)
    runner = CliRunner()
    outputs = []
    for flags in (["--no-cache", "-j", "1"], ["--no-cache", "-j", "2"], [], []):
        result = runner.invoke(main, ["check", "--format", "json", *flags, str(tmp_path / "incidents")],
                               obj=Environment())
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]


def test_same_size_edit_right_after_a_run_is_seen(tmp_path: Path) -> None:
    """The stat shortcut never hides an edit: same size, same second as the cache save."""
    files = _generate(tmp_path / "incidents", 2)
    config = config_from_mapping({"cache_dir": str(tmp_path / "cache"), "select": ["PM101"]})
    assert not any(r.findings for r in lint_files(files, config, jobs=1))
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text.replace("## Impact", "## Impakt"), encoding="utf-8")  # same size
    again = lint_files(files, config, jobs=1)
    assert any("Impact" in f.message for r in again for f in r.findings)
    assert _json(lint_files(files, config, jobs=1)) == _json(again)  # type: ignore[arg-type]


def _die(chunk: object) -> None:
    import os

    os._exit(3)  # a worker killed mid-run (out of memory, a signal)


def test_a_dead_worker_loses_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _generate(tmp_path / "incidents", 40)
    config = config_from_mapping({"cache_dir": str(tmp_path / "cache")})
    serial = lint_files(files, config, jobs=1, use_cache=False)
    # forked workers inherit it; this process does not use it
    monkeypatch.setattr("pmlint.lint.runner._lint_chunk", _die)
    parallel = lint_files(files, config, jobs=2, use_cache=False)
    assert _json(serial) == _json(parallel)  # type: ignore[arg-type]


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_chunks_cover_every_file_once_in_order(tmp_path: Path, workers: int) -> None:
    """Guided chunks from both ends: each target linted exactly once, results in target order."""
    from pmlint.lint.runner import _lint_parallel
    from pmlint.workspace.discovery import targets_for

    files = _generate(tmp_path / "incidents", 150)
    config = config_from_mapping({"cache_dir": str(tmp_path / "cache")})
    targets = targets_for(files, config.root)
    results = _lint_parallel(targets, config, workers)
    assert [result.path for result in results] == [target.display for target in targets]
