"""``pmlint check``: lint post-mortems and report the findings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from pmlint.cli.common import CheckOptions, default_paths, environment, exit_status, fail, load, run_lint
from pmlint.cli.env import Environment
from pmlint.lint.config import Config
from pmlint.lint.engine import FileResult
from pmlint.report import FORMATS, get_formatter
from pmlint.rules import expand_selector


def _selectors(values: Sequence[str], env: Environment, option: str) -> tuple[str, ...]:
    selectors: list[str] = []
    for value in values:
        for item in value.split(","):
            if item.strip():
                if not expand_selector(item):
                    fail(env, f"{option}: unknown rule '{item.strip()}'")
                selectors.append(item.strip())
    return tuple(selectors)


def _validate(env: Environment, paths: Sequence[Path], options: CheckOptions) -> None:
    if options.update_baseline and options.baseline is None:
        fail(env, "--update-baseline needs --baseline FILE (the file to write)")
    if options.staged and paths:
        fail(env, "--staged checks the staged post-mortems; give no paths with it")
    if options.staged and (options.fix or options.diff):
        fail(env, "--staged checks the index; --fix and --diff work on files (drop --staged)")


def _results(env: Environment, config: Config, paths: Sequence[Path], options: CheckOptions,
             jobs: int | None, use_cache: bool) -> list[FileResult]:
    """Lint (or fix, then lint) the targets; the optional steps live in :mod:`pmlint.cli.checkflow`."""
    if not (options.staged or options.fix or options.diff or options.baseline):
        # the plain path: fixes, baselines and git are not even imported
        return run_lint(config, default_paths(config, paths), env, jobs=jobs, use_cache=use_cache)
    from pmlint.cli.checkflow import apply_baseline, fix_or_diff, lint_staged, open_baseline, staged_incidents
    from pmlint.lint.baseline import BaselineError
    from pmlint.workspace.git import GitError

    try:
        baseline = open_baseline(options.baseline, options.update_baseline)
        if options.staged:
            results = lint_staged(config, staged_incidents(config))
        elif options.fix or options.diff:
            results = fix_or_diff(env, config, default_paths(config, paths), options, baseline)
        else:
            results = run_lint(config, default_paths(config, paths), env, jobs=jobs, use_cache=use_cache)
        return apply_baseline(env, baseline, options, results)
    except (BaselineError, GitError) as exc:
        fail(env, str(exc))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text; github under GitHub Actions).")
@click.option("--select", multiple=True, help="Only these rules (codes, names or prefixes).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, names or prefixes).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (drafts included).")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Ignore the findings recorded in this baseline file.")
@click.option("--update-baseline", is_flag=True, help="Record the current findings in the --baseline file.")
@click.option("--staged", is_flag=True, help="Check the staged post-mortems (for git hooks).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the CPU count for more than a handful of files).")
@click.option("--no-cache", is_flag=True, help="Ignore and do not update .pmlint_cache/.")
def check(paths: tuple[Path, ...], output_format: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], strict: bool, statistics: bool, fix: bool, diff: bool,
          baseline_file: Path | None, update_baseline: bool, staged: bool, config_file: Path | None,
          jobs: int | None, no_cache: bool) -> None:
    """Lint post-mortems (default: the configured incidents folder)."""
    env = environment()
    options = CheckOptions(fix, diff, staged, baseline_file, update_baseline)
    _validate(env, paths, options)
    config = load(env, paths, config_file)
    config = config.with_selection(_selectors(select, env, "--select"), _selectors(ignore, env, "--ignore"))
    results = _results(env, config, paths, options, jobs or config.jobs, not no_cache)
    fmt = output_format or ("github" if env.under_github_actions else "text")
    colors = env.colors and fmt == "text"
    text = get_formatter(fmt)(results, colors=colors, statistics=statistics)
    click.echo(text, file=env.stdout, nl=False, color=colors)  # click strips ANSI off a TTY otherwise
    raise SystemExit(exit_status(results, strict))
