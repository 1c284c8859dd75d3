"""``pmlint show``: what pmlint read from post-mortems, so a user can see why a rule
fires or stays silent."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pmlint.cli.common import environment, load, read_sources
from pmlint.document.parse import parse
from pmlint.report.reading import reading, render_text


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
    readings = [reading(parse(source, config.parse_settings)) for _, source in read_sources(env, paths)]
    if output_format == "json":
        click.echo(json.dumps(readings, indent=2, ensure_ascii=False), file=env.stdout)
    else:
        click.echo(render_text(readings), file=env.stdout, nl=False)
