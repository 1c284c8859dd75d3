"""The optional steps of ``pmlint check``: staged files, ``--fix``/``--diff`` and the baseline.

Kept apart from :mod:`pmlint.cli.check` so the command stays a short list of
steps. Progress and summaries go to stderr: stdout carries only the report
(or the diff), so ``--format json --fix`` still prints valid JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from pmlint.cli.common import CheckOptions, display_path
from pmlint.cli.env import Environment, ExitStatus
from pmlint.lint.baseline import Baseline, BaselineError, build_baseline, load_baseline, write_baseline
from pmlint.lint.config import Config
from pmlint.lint.engine import FileResult, Finding, lint_bytes
from pmlint.lint.fix import FindingFilter, FixOutcome, describe, fix_path
from pmlint.workspace.discovery import discover, relative_to_root
from pmlint.workspace.git import staged_content, staged_files

MARKDOWN = (".md", ".markdown")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- --staged ---------------------------------------------------------------------------------

def staged_incidents(config: Config) -> list[Path]:
    """Staged Markdown files under the configured incidents folder (raises GitError)."""
    folder = (config.root / config.incidents).resolve()
    exclusions = config.exclusions()
    found = []
    for path in staged_files(config.root):
        resolved = path.resolve()
        if (path.suffix.lower() in MARKDOWN and resolved.is_relative_to(folder)
                and not exclusions.skips(str(resolved), False, with_parents=True)):
            found.append(path)
    return sorted(found)


def lint_staged(config: Config, paths: Sequence[Path]) -> list[FileResult]:
    """Lint the staged (index) content of ``paths``: what the commit will contain."""
    results = []
    for path in paths:
        results.append(lint_bytes(display_path(path), staged_content(path), config,
                                  relative_to_root(path, config.root)))
    return results


# --- --fix / --diff ---------------------------------------------------------------------------

def fix_targets(config: Config, targets: Sequence[Path], *, write: bool,
                keep: FindingFilter | None) -> tuple[list[FileResult], list[FixOutcome]]:
    """Fix every file under ``targets`` that a check would lint; returns the results after
    fixing and the outcomes."""
    found = discover(targets, config.exclusions())
    results = [FileResult(path, error=message) for path, message in found.errors]
    outcomes = []
    for path in found.files:
        outcome = fix_path(path, config, display_path(path), write=write, keep=keep)
        outcomes.append(outcome)
        if outcome.result is not None:
            results.append(outcome.result)
    results.sort(key=lambda result: result.path)
    return results, outcomes


def report_fixes(env: Environment, outcomes: Sequence[FixOutcome], results: Sequence[FileResult],
                 *, written: bool) -> None:
    """What changed, what could not be fixed and why, and what is left — on stderr."""
    done = "fixed" if written else "would fix"
    for outcome in outcomes:
        if outcome.reason and outcome.result is not None and not outcome.result.error:
            click.echo(f"pmlint: not fixed: {outcome.path}: {outcome.reason}", file=env.stderr)
        if outcome.applied:  # one write per file: an echo per fix took 0.2 s for 77,000 fixes
            click.echo("\n".join(f"{done}: {line}" for line in describe(outcome)), file=env.stderr)
    fixed = sum(len(o.applied) for o in outcomes)
    files = sum(1 for o in outcomes if o.changed)
    left = sum(len(r.findings) for r in results)
    verb = "Fixed" if written else "Would fix"
    click.echo(f"{verb} {_plural(fixed, 'finding')} in {_plural(files, 'file')}; "
               f"{_plural(left, 'finding')} left.", file=env.stderr)


def fix_or_diff(env: Environment, config: Config, targets: Sequence[Path], options: CheckOptions,
                baseline: Baseline | None) -> list[FileResult]:
    """``--fix``: fix, report, return what is left. ``--diff``: print the diff and exit
    (1 when something would change, as ``ruff --diff`` does)."""
    keep: FindingFilter | None = None
    if baseline is not None and not options.update_baseline:
        def keep(result: FileResult) -> Sequence[Finding]:
            return baseline.filter(result).findings

    results, outcomes = fix_targets(config, targets, write=not options.diff, keep=keep)
    if not options.diff:
        if not options.quiet:
            report_fixes(env, outcomes, results, written=True)
        return results
    changed = print_diffs(env, outcomes)
    if not options.quiet:
        report_fixes(env, outcomes, results, written=False)
    if any(result.error for result in results):
        raise SystemExit(ExitStatus.ERROR)
    raise SystemExit(ExitStatus.FINDINGS if changed else ExitStatus.SUCCESS)


def print_diffs(env: Environment, outcomes: Sequence[FixOutcome]) -> bool:
    """Print a unified diff of every change; True if anything would change."""
    changed = False
    for outcome in outcomes:
        if outcome.changed:
            click.echo(outcome.diff(), file=env.stdout, nl=False)
            changed = True
    return changed


# --- --baseline / --update-baseline -----------------------------------------------------------

def open_baseline(path: Path | None, updating: bool) -> Baseline | None:
    """The baseline to filter with (raises BaselineError); a missing file is fine when updating."""
    if path is None:
        return None
    if updating and not path.exists():
        return Baseline(path)
    return load_baseline(path)


def apply_baseline(env: Environment, baseline: Baseline | None, options: CheckOptions,
                   results: list[FileResult]) -> list[FileResult]:
    """Write the baseline if asked, then hide the findings it accepts."""
    if baseline is None:
        return results
    if options.update_baseline:
        baseline = update_baseline(env, baseline, results)
    return [baseline.filter(result) for result in results]


def update_baseline(env: Environment, baseline: Baseline, results: Sequence[FileResult]) -> Baseline:
    fresh = build_baseline(baseline.path, results, baseline)
    try:
        write_baseline(fresh)
    except OSError as exc:
        raise BaselineError(f"{baseline.path}: cannot write baseline: {exc.strerror or exc}") from None
    total = sum(entry.count for entries in fresh.files.values() for entry in entries.values())
    click.echo(f"pmlint: wrote {baseline.path} ({_plural(total, 'finding')} in "
               f"{_plural(len(fresh.files), 'file')})", file=env.stderr)
    return fresh
