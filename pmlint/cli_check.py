"""``pmlint check``, ``pmlint rules`` and ``pmlint rule``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from pmlint.cli import environment
from pmlint.config import Config, ConfigError, load_config
from pmlint.env import Environment, ExitStatus
from pmlint.lint import FileResult, discover
from pmlint.report import FORMATS, get_formatter
from pmlint.rules import all_rules, expand_selector, get_rule


@dataclass(frozen=True, eq=False, repr=False)
class CheckOptions:
    """The options of one ``pmlint check`` run that change what happens, not how it is shown."""

    fix: bool = False
    diff: bool = False
    staged: bool = False
    baseline: Path | None = None
    update_baseline: bool = False


def fail(env: Environment, message: str) -> None:
    """Print a one-line error and exit 2."""
    click.echo(f"pmlint: error: {message}", file=env.stderr)
    raise SystemExit(ExitStatus.ERROR)


def load(env: Environment, paths: Sequence[Path], config_file: Path | None) -> Config:
    try:
        return load_config(paths[0] if paths else Path.cwd(), config_file)
    except ConfigError as exc:
        fail(env, str(exc))
        raise  # unreachable


def default_paths(config: Config, paths: Sequence[Path]) -> list[Path]:
    if paths:
        return list(paths)
    return [config.root / config.incidents]


def _selectors(values: Sequence[str], env: Environment, option: str) -> tuple[str, ...]:
    selectors: list[str] = []
    for value in values:
        for item in value.split(","):
            if item.strip():
                if not expand_selector(item):
                    fail(env, f"{option}: unknown rule '{item.strip()}'")
                selectors.append(item.strip())
    return tuple(selectors)


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it (how findings name files)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run_lint(config: Config, targets: Sequence[Path], env: Environment, *, jobs: int | None = None,
             use_cache: bool = True, keep_documents: bool = False) -> list[FileResult]:
    """Lint every Markdown file under ``targets`` (cached, in parallel when worth it).

    ``keep_documents`` keeps the parsed documents on the results (for --fix),
    which bypasses the cache and worker processes.
    """
    from pmlint.runner import lint_files

    found = discover(targets)
    results = [FileResult(path, error=message) for path, message in found.errors]
    results.extend(lint_files(found.files, config, jobs=1 if keep_documents else jobs,
                              use_cache=use_cache, keep_documents=keep_documents))
    results.sort(key=lambda result: result.path)
    return results


def exit_status(results: Sequence[FileResult], strict: bool) -> ExitStatus:
    if any(result.error for result in results):
        return ExitStatus.ERROR
    severities = {f.severity for result in results for f in result.findings}
    if "error" in severities or (strict and severities):
        return ExitStatus.FINDINGS
    return ExitStatus.SUCCESS


def _validate(env: Environment, paths: Sequence[Path], options: CheckOptions) -> None:
    if options.update_baseline and options.baseline is None:
        fail(env, "--update-baseline needs --baseline FILE (the file to write)")
    if options.staged and paths:
        fail(env, "--staged checks the staged post-mortems; give no paths with it")
    if options.staged and (options.fix or options.diff):
        fail(env, "--staged checks the index; --fix and --diff work on files (drop --staged)")


def _results(env: Environment, config: Config, paths: Sequence[Path], options: CheckOptions,
             jobs: int | None, use_cache: bool) -> list[FileResult]:
    """Lint (or fix, then lint) the targets; the optional steps live in :mod:`pmlint.checkflow`."""
    if not (options.staged or options.fix or options.diff or options.baseline):
        # the plain path: fixes, baselines and git are not even imported
        return run_lint(config, default_paths(config, paths), env, jobs=jobs, use_cache=use_cache)
    from pmlint.baseline import BaselineError
    from pmlint.checkflow import apply_baseline, fix_or_diff, lint_staged, open_baseline, staged_incidents
    from pmlint.gitrepo import GitError

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
        raise  # unreachable


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


@click.command("rules")
def rules_command() -> None:
    """List every rule: code, name, default severity, summary."""
    env = environment()
    for rule in all_rules():
        click.echo(f"{rule.code}  {rule.name:<28} {rule.severity:<8} {rule.summary}", file=env.stdout)


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print a rule's documentation (by code or name)."""
    env = environment()
    rule = get_rule(code)
    if rule is None:
        fail(env, f"unknown rule '{code}' (see 'pmlint rules')")
        return
    click.echo(f"# {rule.code} {rule.name}\n\n{rule.doc.strip()}", file=env.stdout)
