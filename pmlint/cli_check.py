"""``pmlint check``, ``pmlint rules`` and ``pmlint rule``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from pmlint.cli import environment
from pmlint.config import Config, ConfigError, load_config
from pmlint.env import Environment, ExitStatus
from pmlint.lint import FileResult, discover, lint_path
from pmlint.report import FORMATS, get_formatter
from pmlint.rules import all_rules, expand_selector, get_rule


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
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run_lint(config: Config, targets: Sequence[Path], env: Environment) -> list[FileResult]:
    found = discover(targets)
    results = [FileResult(path, error=message) for path, message in found.errors]
    results.extend(lint_path(path, config, display_path(path)) for path in found.files)
    results.sort(key=lambda result: result.path)
    return results


def exit_status(results: Sequence[FileResult], strict: bool) -> ExitStatus:
    if any(result.error for result in results):
        return ExitStatus.ERROR
    severities = {f.severity for result in results for f in result.findings}
    if "error" in severities or (strict and severities):
        return ExitStatus.FINDINGS
    return ExitStatus.SUCCESS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text; github under GitHub Actions).")
@click.option("--select", multiple=True, help="Only these rules (codes, names or prefixes).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, names or prefixes).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (drafts included).")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file.")
def check(paths: tuple[Path, ...], output_format: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], strict: bool, statistics: bool, config_file: Path | None) -> None:
    """Lint post-mortems (default: the configured incidents folder)."""
    env = environment()
    config = load(env, paths, config_file)
    config = config.with_selection(_selectors(select, env, "--select"), _selectors(ignore, env, "--ignore"))
    results = run_lint(config, default_paths(config, paths), env)
    fmt = output_format or ("github" if env.under_github_actions else "text")
    text = get_formatter(fmt)(results, colors=env.colors and fmt == "text", statistics=statistics)
    click.echo(text, file=env.stdout, nl=False)
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
