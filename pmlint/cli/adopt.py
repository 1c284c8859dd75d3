"""``pmlint adopt``: add front matter, inferred and marked for review, to post-mortems that have none."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from pmlint.cli.common import environment, fail, load, read_sources
from pmlint.document.parse import parse
from pmlint.lint.infer import front_matter_block, infer
from pmlint.workspace.files import ChangedOnDisk, WriteRefused, write_all
from pmlint.workspace.git import first_authors


@click.command("adopt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file.")
def adopt(paths: tuple[Path, ...], show_diff: bool, config_file: Path | None) -> None:
    """Add front matter inferred from each post-mortem and its git history, every value marked
    '# inferred: review'. Files that already have front matter are left alone."""
    env = environment()
    config = load(env, list(paths), config_file)
    updates: dict[Path, bytes] = {}
    expected: dict[Path, bytes | None] = {}
    for path, source in read_sources(env, paths):
        name = source.path
        doc = parse(source, config.parse_settings)
        if doc.front_matter.kind != "none":
            click.echo(f"{name}: has front matter already, left alone", file=env.stderr)
            continue
        text = front_matter_block(infer(doc, path.name, first_authors(path))) + source.text
        if show_diff:
            diff = difflib.unified_diff(source.text.splitlines(keepends=True), text.splitlines(keepends=True),
                                        f"a/{name}", f"b/{name}")
            click.echo("".join(diff), file=env.stdout, nl=False)
            continue
        updates[path] = source.encode(text)
        expected[path] = source.raw
        click.echo(f"{name}: front matter added (review every '# inferred' value)", file=env.stdout)
    try:
        write_all(updates, expected, config.root)
    except (WriteRefused, ChangedOnDisk) as exc:
        fail(env, str(exc))
