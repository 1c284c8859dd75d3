"""What every command shares: the environment, options, errors, config loading, paths."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import click

from pmlint.cli.env import Environment, ExitStatus
from pmlint.document.source import SourceError, SourceFile, printable
from pmlint.lint.config import Config, ConfigError, load_config
from pmlint.lint.engine import FileResult
from pmlint.workspace.discovery import Exclusions, discover


def environment(ctx: click.Context | None = None) -> Environment:
    ctx = ctx or click.get_current_context()
    obj: Any = ctx.find_object(Environment)
    return obj if isinstance(obj, Environment) else Environment()


class CheckOptions(NamedTuple):
    """The options of one ``pmlint check`` run that change what happens, not how it is shown."""

    fix: bool = False
    diff: bool = False
    staged: bool = False
    baseline: Path | None = None
    update_baseline: bool = False
    quiet: bool = False  # -q: no progress or summaries on stderr


def fail(env: Environment, message: str) -> NoReturn:
    """Print a one-line error and exit 2."""
    click.echo(f"pmlint: error: {printable(message)}", file=env.stderr)  # it may quote a file name
    raise SystemExit(ExitStatus.ERROR)


def load(env: Environment, paths: Sequence[Path], config_file: Path | None) -> Config:
    try:
        return load_config(paths[0] if paths else Path.cwd(), config_file)
    except ConfigError as exc:
        fail(env, str(exc))


def default_paths(config: Config, paths: Sequence[Path]) -> list[Path]:
    if paths:
        return list(paths)
    return [config.root / config.incidents]


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it (how findings name files)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run_lint(config: Config, targets: Sequence[Path], env: Environment, *, jobs: int | None = None,
             use_cache: bool = True, keep_documents: bool = False,
             exclusions: Exclusions | None = None) -> list[FileResult]:
    """Lint every Markdown file under ``targets`` (cached, in parallel when worth it),
    less what ``exclusions`` skips.

    ``keep_documents`` keeps the parsed documents on the results (for --fix and the
    fixes in JSON output), which bypasses the cache and worker processes.
    """
    from pmlint.lint.runner import lint_files

    found = discover(targets, exclusions)
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


def read_sources(env: Environment, paths: Sequence[Path]) -> Iterator[tuple[Path, SourceFile]]:
    """Each Markdown file under ``paths``, read, for commands that stop at the first unreadable
    one (``show``, ``adopt``): a missing path or an unreadable file is a one-line error."""
    found = discover(paths)
    if found.errors:
        where, message = found.errors[0]
        fail(env, f"{where}: {message}")
    for path in found.files:
        try:
            yield path, SourceFile.read(path, display_path(path))
        except SourceError as exc:
            fail(env, str(exc))

