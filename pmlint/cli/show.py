"""``pmlint show``: what pmlint read from post-mortems, so a user can see why a rule
fires or stays silent."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pmlint.cli.common import environment, fail, load
from pmlint.document.parse import parse
from pmlint.document.source import SourceError, SourceFile
from pmlint.report.reading import reading, render_text
from pmlint.workspace.discovery import discover


@click.command("show")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format (json: one object per file, see docs/show.md).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file (its section aliases change what is read).")
def show(paths: tuple[Path, ...], output_format: str, config_file: Path | None) -> None:
    """Show what pmlint read from each post-mortem: front matter, sections, timeline, whys, actions."""
    env = environment()
    config = load(env, list(paths), config_file)
    found = discover(paths)
    if found.errors:
        where, message = found.errors[0]
        fail(env, f"{where}: {message}")
    readings = []
    for path in found.files:
        try:
            source = SourceFile.read(path)
        except SourceError as exc:
            fail(env, f"{exc.path}:{exc.line}: {exc.message}")
        readings.append(reading(parse(source, config.parse_settings)))
    if output_format == "json":
        click.echo(json.dumps(readings, indent=2, ensure_ascii=False), file=env.stdout)
    else:
        click.echo(render_text(readings), file=env.stdout, nl=False)
