"""``pmlint check``: lint post-mortems and report the findings."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from pmlint.cli.common import CheckOptions, default_paths, environment, exit_status, fail, load, run_lint
from pmlint.cli.env import Environment, ExitStatus
from pmlint.lint.config import Config
from pmlint.lint.engine import FileResult, lint_bytes
from pmlint.report import FORMATS, get_formatter
from pmlint.rules import expand_selector
from pmlint.workspace.discovery import discover, relative_to_root

STDIN = Path("-")


def _items(values: Sequence[str]) -> tuple[str, ...]:
    """Repeated and comma-separated option values, stripped."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _selectors(values: Sequence[str], env: Environment, option: str) -> tuple[str, ...]:
    selectors = _items(values)
    for item in selectors:
        if not expand_selector(item):
            fail(env, f"{option}: unknown rule '{item}'")
    return selectors


def _validate(env: Environment, paths: Sequence[Path], options: CheckOptions) -> None:
    if options.update_baseline and options.baseline is None:
        fail(env, "--update-baseline needs --baseline FILE (the file to write)")
    if options.staged and paths:
        fail(env, "--staged checks the staged post-mortems; give no paths with it")
    if options.staged and (options.fix or options.diff):
        fail(env, "--staged checks the index; --fix and --diff work on files (drop --staged)")
    if STDIN in paths and (len(paths) > 1 or options.fix or options.diff or options.baseline):
        fail(env, "'-' (standard input) is checked alone, without --fix, --diff or --baseline")


def _configure(env: Environment, paths: Sequence[Path], config_file: Path | None, stdin_filename: Path | None,
               selection: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
               exclude: tuple[str, ...], extend_exclude: tuple[str, ...]) -> Config:
    """The configuration found for the checked paths, with the command line's overrides."""
    located = [stdin_filename] if STDIN in paths and stdin_filename else [p for p in paths if p != STDIN]
    config = load(env, located, config_file)
    select, extend_select, ignore = selection
    config = config.with_selection(select, ignore)
    if extend_select:
        config = dataclasses.replace(config, select=(*config.select, *extend_select))
    if exclude:
        config = dataclasses.replace(config, exclude=exclude)
    if extend_exclude:
        config = dataclasses.replace(config, extend_exclude=(*config.extend_exclude, *extend_exclude))
    return config


def _lint_stdin(config: Config, stdin_filename: Path | None) -> list[FileResult]:
    """Lint standard input, named ``stdin_filename`` (or ``-``) in the report."""
    name = stdin_filename.as_posix() if stdin_filename else "-"
    relative = relative_to_root(stdin_filename, config.root) if stdin_filename else None
    return [lint_bytes(name, sys.stdin.buffer.read(), config, relative)]


def _results(env: Environment, config: Config, paths: Sequence[Path], options: CheckOptions,
             jobs: int | None, use_cache: bool, keep_documents: bool) -> list[FileResult]:
    """Lint (or fix, then lint) the targets; the optional steps live in :mod:`pmlint.cli.checkflow`."""
    exclusions = config.exclusions()
    if not (options.staged or options.fix or options.diff or options.baseline):
        # the plain path: fixes, baselines and git are not even imported
        return run_lint(config, default_paths(config, paths), env, jobs=jobs, use_cache=use_cache,
                        keep_documents=keep_documents, exclusions=exclusions)
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
            results = run_lint(config, default_paths(config, paths), env, jobs=jobs, use_cache=use_cache,
                               keep_documents=keep_documents, exclusions=exclusions)
        return apply_baseline(env, baseline, options, results)
    except (BaselineError, GitError) as exc:
        fail(env, str(exc))


def settings_report(config: Config, paths: Sequence[Path]) -> str:
    """The resolved configuration and the files a check would lint, one ``key = value`` per line."""
    found = discover(default_paths(config, [p for p in paths if p != STDIN]), config.exclusions())
    lines = [
        f"config = {config.path.as_posix() if config.path else '(none: defaults)'}",
        f"root = {config.root.as_posix()}",
        f"incidents = {config.incidents}",
        f"todo = {config.todo}",
        f"select = {list(config.select)}",
        f"ignore = {list(config.ignore)}",
        f"rules = {[rule.code for rule in config.rules]}",
        f"per-file-ignores = {dict(config.per_file_ignores)}",
        f"exclude = {list(config.exclude)}",
        f"extend-exclude = {list(config.extend_exclude)}",
        f"respect-gitignore = {str(config.respect_gitignore).lower()}",
        f"cache-dir = {config.cache_dir}",
        f"jobs = {config.jobs if config.jobs is not None else 'auto'}",
    ]
    lines += [f"{key.replace('_', '-')} = {value!r}" for key, value in sorted(config.shared.items())]
    lines.append(f"files = {len(found.files)}")
    lines += [f"  {path.as_posix()}" for path in found.files]
    return "\n".join(lines) + "\n"


def _colors(env: Environment, color: str, fmt: str, output_file: Path | None) -> bool:
    """ANSI colours: only for text on a terminal (``auto`` honours NO_COLOR and FORCE_COLOR)."""
    if fmt != "text" or color == "never":
        return False
    if color == "always":
        return True
    return env.colors and output_file is None


def _emit(env: Environment, text: str, output_file: Path | None, colors: bool) -> None:
    if output_file is None:
        click.echo(text, file=env.stdout, nl=False, color=colors)  # click strips ANSI off a TTY otherwise
        return
    try:
        output_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(env, f"{output_file}: cannot write the report: {exc.strerror or exc}")


def _capped(env: Environment, jobs: int | None, quiet: bool) -> int | None:
    """``jobs`` (from --jobs or the configuration), at most the usable CPUs; says so when capping."""
    if jobs is None:
        return None
    from pmlint.lint.runner import usable_cpus

    cpus = usable_cpus()
    if jobs <= cpus:
        return jobs
    if not quiet:
        click.echo(f"pmlint: {jobs} jobs asked for, {cpus} CPU{'s' if cpus != 1 else ''} to run on:"
                   f" using {cpus} (more workers only add memory)", file=env.stderr)
    return cpus


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text; github under GitHub Actions).")
@click.option("--select", multiple=True, help="Only these rules (codes, names or prefixes).")
@click.option("--extend-select", multiple=True, help="These rules in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, names or prefixes).")
@click.option("--exclude", multiple=True,
              help="Skip files matching these patterns (.gitignore syntax), instead of the configured ones.")
@click.option("--extend-exclude", multiple=True, help="Skip files matching these patterns too.")
@click.option("--strict", is_flag=True, help="Fail on warnings too (drafts included).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an error).")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings and nothing else (no summary line).")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True,
              help="Colour the text report (auto: on a terminal, unless NO_COLOR is set or FORCE_COLOR is).")
@click.option("--stdin-filename", type=click.Path(path_type=Path, dir_okay=False),
              help="The name of the post-mortem read from standard input ('-').")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and the files to check, then exit.")
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
          extend_select: tuple[str, ...], ignore: tuple[str, ...], exclude: tuple[str, ...],
          extend_exclude: tuple[str, ...], strict: bool, exit_zero: bool, statistics: bool, quiet: bool,
          output_file: Path | None, color: str, stdin_filename: Path | None, show_settings: bool,
          fix: bool, diff: bool, baseline_file: Path | None, update_baseline: bool, staged: bool,
          config_file: Path | None, jobs: int | None, no_cache: bool) -> None:
    """Lint post-mortems (default: the configured incidents folder; '-' reads standard input)."""
    env = environment()
    options = CheckOptions(fix, diff, staged, baseline_file, update_baseline, quiet)
    _validate(env, paths, options)
    selection = (_selectors(select, env, "--select"), _selectors(extend_select, env, "--extend-select"),
                 _selectors(ignore, env, "--ignore"))
    config = _configure(env, paths, config_file, stdin_filename, selection, _items(exclude), _items(extend_exclude))
    if show_settings:
        click.echo(settings_report(config, paths), file=env.stdout, nl=False)
        raise SystemExit(ExitStatus.SUCCESS)
    fmt = output_format or ("github" if env.under_github_actions else "text")
    if STDIN in paths:
        results = _lint_stdin(config, stdin_filename)
    else:
        results = _results(env, config, paths, options, _capped(env, jobs or config.jobs, quiet), not no_cache,
                           keep_documents=fmt == "json")  # the fixes JSON reports need the documents
    colors = _colors(env, color, fmt, output_file)
    text = get_formatter(fmt)(results, colors=colors, statistics=statistics, strict=strict, quiet=quiet)
    _emit(env, text, output_file, colors)
    status = exit_status(results, strict)
    raise SystemExit(ExitStatus.SUCCESS if exit_zero and status == ExitStatus.FINDINGS else status)
