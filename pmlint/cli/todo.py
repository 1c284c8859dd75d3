"""``pmlint sync-todo``: the file-system side of :mod:`pmlint.todo.sync`.

Reads the post-mortems and TODO.md, asks :func:`pmlint.todo.sync.sync` for the new
bytes, then either writes every changed file in one atomic batch or, with
``--check``, prints unified diffs and exits 1 when anything is out of date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import click

from pmlint.cli.common import default_paths, display_path, environment, fail, load
from pmlint.cli.env import Environment, ExitStatus
from pmlint.document.parse import parse
from pmlint.document.source import SourceError, SourceFile, printable
from pmlint.lint.config import Config
from pmlint.todo.block import TodoError, strip_overdue
from pmlint.todo.sync import Note, PostMortem, Stats, SyncOutcome, decoded, sync
from pmlint.workspace.discovery import discover
from pmlint.workspace.files import ChangedOnDisk, write_all, write_refusal


@dataclass
class _Inputs:
    incidents: list[PostMortem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # refs whose lines are kept as they are
    problems: list[str] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)


_KEPT = "its lines in the TODO block are kept as they are"
_NO_NEWLINE = "\n\\ No newline at end of file\n"
_ODD_NAME = ("its file name holds a line break or another control character, or is not valid UTF-8,"
             " so it cannot be written on a TODO line; rename the file")


def _ref(path: Path, todo_dir: Path) -> str:
    """The path as the reader sees it (a linked file keeps its own name), relative to TODO.md."""
    return Path(os.path.relpath(path.parent.resolve() / path.name, todo_dir)).as_posix()


def _odd(character: str) -> bool:
    """A control, separator or undecodable byte (surrogate escape) that would break a TODO line."""
    return unicodedata.category(character) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _distinct(files: Iterable[Path], skip: set[Path]) -> list[Path]:
    """Each post-mortem once: a link and the file it names are one post-mortem (the file is kept)."""
    chosen: dict[Path, Path] = {}
    for path in files:
        real = path.resolve()
        if real in skip:
            continue
        if real not in chosen or (chosen[real].is_symlink() and not path.is_symlink()):
            chosen[real] = path
    return list(chosen.values())


def _read_incidents(files: Iterable[Path], config: Config, todo_path: Path) -> _Inputs:
    todo_dir = todo_path.resolve().parent
    skip = {todo_path.resolve()}
    if config.template:
        skip.add((config.root / config.template).resolve())
    inputs = _Inputs()
    for path in _distinct(files, skip):
        ref, display = _ref(path, todo_dir), display_path(path)
        if any(_odd(ch) for ch in ref):
            inputs.problems.append(f"{printable(display)}: {_ODD_NAME}")
            continue
        inputs.paths[ref] = path
        try:
            source = SourceFile.read(path, display)
        except SourceError as exc:
            inputs.unreadable.append(ref)
            inputs.problems.append(f"{display}:{exc.line}: {exc.message}; {_KEPT}")
            continue
        doc = parse(source, config.parse_settings)
        error = doc.front_matter.error
        if error is not None:
            line = doc.front_matter.error_span.line if doc.front_matter.error_span else 1
            inputs.unreadable.append(ref)
            inputs.problems.append(f"{display}:{line}: front matter: {error}; {_KEPT}")
            continue
        inputs.incidents.append(PostMortem.kept(ref, doc, display))
    return inputs


def _read_todo(env: Environment, todo_path: Path) -> SourceFile | None:
    if todo_path.is_symlink():  # replacing it would drop the link; writing through it, refs go wrong
        fail(env, f"{display_path(todo_path)}: is a symbolic link (to {os.readlink(todo_path)}); sync-todo"
                  " neither replaces a link nor writes through one: name the file itself with --todo")
    if not todo_path.exists():
        return None
    try:
        return SourceFile.read(todo_path, display_path(todo_path))
    except SourceError as exc:
        fail(env, f"{exc.path}:{exc.line}: {exc.message}")


def _text(data: bytes | None) -> str:
    return "" if data is None else decoded(data)


def _diff(name: str, before: bytes | None, after: bytes) -> str:
    old = _text(before).splitlines(keepends=True)
    new = _text(after).splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, "/dev/null" if before is None else f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + _NO_NEWLINE for line in lines)


def _summary(stats: Stats, extra: str = "") -> str:
    return (f"{stats.items} items from {stats.incidents} post-mortems: {stats.open} open"
            f" ({stats.overdue} overdue), {stats.done} done{extra}")


def _print_notes(env: Environment, notes: Iterable[Note], check: bool) -> None:
    for note in notes:
        if note.level == "info":
            if not check:
                click.echo(printable(f"{note.path}:{note.line}: {note.message}"), file=env.stdout)
        else:
            click.echo(printable(f"{note.path}:{note.line}: {note.message}"), file=env.stderr)


def _changes(outcome: SyncOutcome, todo_path: Path, current: bytes | None,
             paths: Mapping[str, Path]) -> dict[Path, bytes]:
    changes = {paths[ref]: data for ref, data in outcome.documents.items()}
    if current != outcome.todo:
        changes[todo_path] = outcome.todo
    return changes


def _check(env: Environment, outcome: SyncOutcome, todo_path: Path, current: bytes | None,
           changes: Mapping[Path, bytes]) -> ExitStatus:
    name = display_path(todo_path)
    todo_stale = current is None or strip_overdue(_text(current)) != strip_overdue(_text(outcome.todo))
    stale = [path for path in changes if path != todo_path or todo_stale]
    if not stale:
        marks = " (overdue marks aside: a plain sync refreshes them)" if changes else ""
        click.echo(printable(f"{name} is up to date: {_summary(outcome.stats)}{marks}"), file=env.stdout)
        return ExitStatus.SUCCESS
    for path in sorted(stale, key=lambda p: (p != todo_path, str(p))):
        before = current if path == todo_path else path.read_bytes()
        click.echo(_diff(printable(display_path(path)), before, changes[path]), file=env.stdout, nl=False)
    click.echo(printable(f"{name} is out of date with the post-mortems: run 'pmlint sync-todo'"), file=env.stderr)
    return ExitStatus.FINDINGS


def _write(env: Environment, outcome: SyncOutcome, todo_path: Path, changes: Mapping[Path, bytes],
           expected: Mapping[Path, bytes | None], root: Path) -> None:
    try:
        write_all(changes, expected, root)
    except ChangedOnDisk as exc:
        fail(env, f"{display_path(Path(exc.filename))} changed while sync-todo was running; nothing was"
                  " changed (run sync-todo again)")
    except OSError as exc:
        fail(env, f"cannot write {exc.filename or 'files'}: {exc.strerror or exc}; nothing was changed")
    name = display_path(todo_path)
    verb = "updated" if todo_path in changes else "already up to date"
    click.echo(printable(f"{name} {verb}: {_summary(outcome.stats)}"), file=env.stdout)


def _read_as(inputs: _Inputs, todo_path: Path, current: bytes | None) -> dict[Path, bytes | None]:
    """Every file a sync may replace, with the bytes it was read with (None: it did not exist)."""
    expected: dict[Path, bytes | None] = {todo_path: current}
    for incident in inputs.incidents:
        expected[inputs.paths[incident.ref]] = incident.document.source.raw
    return expected


@click.command("sync-todo")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--todo", "todo_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The TODO file (default: 'todo' in [tool.pmlint], else TODO.md at the project root).")
@click.option("--check", is_flag=True,
              help="Change nothing; print a diff and exit 1 when TODO.md or a post-mortem is out of date.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, hidden=True,
              help="Pretend today is this date (for tests).")
def sync_todo(paths: tuple[Path, ...], todo_file: Path | None, check: bool, config_file: Path | None,
              today: dt.datetime | None) -> None:
    """Sync post-mortem action items into TODO.md, both ways (default: the incidents folder)."""
    env = environment()
    config = load(env, paths, config_file)
    todo_path = todo_file or config.root / config.todo
    found = discover(default_paths(config, paths), config.exclusions())  # what check skips, sync skips
    for path, message in found.errors:
        fail(env, f"{path}: {message}")
    inputs = _read_incidents(found.files, config, todo_path)
    todo = _read_todo(env, todo_path)
    todo_dir = todo_path.resolve().parent
    try:
        outcome = sync(todo, inputs.incidents, today.date() if today else env.current_date(),
                       inputs.unreadable, lambda ref: (todo_dir / ref).exists(), config.parse_settings,
                       display_path(todo_path), lambda ref: write_refusal(inputs.paths[ref], config.root))
    except TodoError as exc:
        fail(env, f"{display_path(todo_path)}:{exc.line}: {exc.message}; nothing was changed")
    for problem in inputs.problems:
        click.echo(printable(problem), file=env.stderr)
    _print_notes(env, outcome.notes, check)
    current = (todo.raw or todo.encode(todo.text)) if todo is not None else None
    changes = _changes(outcome, todo_path, current, inputs.paths)
    if check:
        status = _check(env, outcome, todo_path, current, changes)
    else:
        _write(env, outcome, todo_path, changes, _read_as(inputs, todo_path, current), config.root)
        status = ExitStatus.SUCCESS
    raise SystemExit(ExitStatus.ERROR if inputs.problems else status)
