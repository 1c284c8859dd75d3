"""``pmlint new``, ``pmlint install-hook`` and ``pmlint schema``."""

from __future__ import annotations

import json
import os
import re
import string
from importlib import resources
from pathlib import Path

import click

from pmlint.cli.common import environment, fail, load
from pmlint.cli.env import Environment
from pmlint.document.model import parse_iso_date
from pmlint.lint.config import Config, ConfigError, template_path
from pmlint.lint.schema import render_schema, rule_defaults
from pmlint.workspace import names
from pmlint.workspace.files import ChangedOnDisk, atomic_write, read_regular, write_all
from pmlint.workspace.git import GitError, hooks_dir

HOOK_MARKER = "pmlint-hook"
MAX_SLUG = 60


# --- pmlint new -------------------------------------------------------------------------------

def slugify(title: str) -> str:
    """The file-name part of a new post-mortem (``2026-03-10-<slug>.md``)."""
    return names.slugify(title, MAX_SLUG, fallback="incident")


def _setting(config: Config, name: str) -> tuple[str, ...]:
    value = config.shared.get(name, rule_defaults().get(name, ()))
    return tuple(str(item) for item in value) if isinstance(value, (tuple, list, dict)) else ()


def _choice(env: Environment, option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None or not allowed:
        return value
    for item in allowed:
        if item.lower() == value.strip().lower():
            return item
    fail(env, f"{option} must be one of {', '.join(allowed)}, not '{value}'")
    return None


def _items(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _template_text(env: Environment, config: Config) -> str:
    if not config.template:
        return resources.files("pmlint").joinpath("templates/postmortem.md").read_text(encoding="utf-8")
    try:
        path = template_path(config)
        return read_regular(path).decode("utf-8")
    except ConfigError as exc:
        fail(env, str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        fail(env, f"{config.template}: cannot read the post-mortem template ('template' in {config.path}): {exc}")


def render_template(template: str, values: dict[str, str]) -> str:
    return string.Template(template).safe_substitute(values)


#: what YAML does not allow raw in a document (C0 is escaped by JSON already), or reads as a line break
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_value(value: object) -> str:
    """``value`` as a YAML flow scalar or list: JSON (a subset of YAML) with every character YAML
    rejects escaped, so a title holding C1 controls or U+FFFE still gives front matter that parses."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _plain_or_quoted(value: str) -> str:
    """A word like ``SEV-2`` or ``draft`` as it is; anything else quoted by :func:`yaml_value`."""
    return value if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value) else yaml_value(value)


def _values(title: str, date: str, severity: str | None, status: str,
            authors: list[str], services: list[str], scale: tuple[str, ...]) -> dict[str, str]:
    pick = ", ".join(scale) or "your severity scale"
    return {
        "title": title,
        "title_yaml": yaml_value(title),
        "date": date,
        "severity": _plain_or_quoted(severity) if severity else f" # TODO: one of {pick}",
        "status": _plain_or_quoted(status),
        "authors": yaml_value(authors) if authors
        else '[]  # TODO: who wrote this post-mortem, e.g. ["@dana.kim"]',
        "services": yaml_value(services) if services
        else "[]  # TODO: the services affected, e.g. [checkout-api, orders-db]",
    }


def _undecodable(env: Environment, values: dict[str, str | None]) -> None:
    """Exit 2 when an argument was not valid UTF-8 (Python hands such bytes over as lone surrogates)."""
    for option, value in values.items():
        if value is not None and re.search("[\ud800-\udfff]", value):
            fail(env, f"{option} is not valid UTF-8 text; nothing was written")


@click.command("new")
@click.argument("title")
@click.option("--severity", help="Severity on the configured scale, e.g. SEV-2.")
@click.option("--date", "date_text", help="Incident date, YYYY-MM-DD (default: today).")
@click.option("--services", help="Affected services, comma-separated.")
@click.option("--authors", help="Authors, comma-separated (e.g. @dana.kim,@lee.chen).")
@click.option("--status", default="draft", show_default=True, help="Review status.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file.")
def new_command(title: str, severity: str | None, date_text: str | None, services: str | None,
                authors: str | None, status: str, config_file: Path | None) -> None:
    """Scaffold a post-mortem from the template into the incidents folder."""
    env = environment()
    _undecodable(env, {"the title": title, "--severity": severity, "--date": date_text,
                       "--services": services, "--authors": authors, "--status": status})
    config = load(env, [], config_file)
    title = " ".join(title.split())
    if not title:
        fail(env, "the title is empty")
    date = (date_text or env.current_date().isoformat()).strip()
    if parse_iso_date(date) is None:
        fail(env, f"--date must be YYYY-MM-DD, not '{date}'")
    scale = _setting(config, "severity_scale")
    severity = _choice(env, "--severity", severity, scale)
    status = _choice(env, "--status", status, _setting(config, "statuses")) or status
    values = _values(title, date, severity, status, _items(authors), _items(services), scale)
    text = render_template(_template_text(env, config), values)
    target = config.root / config.incidents / f"{date}-{slugify(title)}.md"
    _create(env, target, text, config.root)
    click.echo(_shown(target), file=env.stdout)


def _create(env: Environment, target: Path, text: str, root: Path) -> None:
    """Write a new file whole or not at all (a full disk leaves no empty file to block a retry);
    never replace an existing one."""
    exists = f"{_shown(target)} already exists; pmlint new never overwrites (choose another title)"
    if os.path.lexists(target):
        fail(env, exists)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_all({target: text.encode("utf-8")}, {target: None}, root)
    except ChangedOnDisk:
        fail(env, exists)
    except OSError as exc:
        fail(env, f"{_shown(target)}: cannot write: {exc.strerror or exc}; nothing was written")


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


# --- pmlint install-hook ----------------------------------------------------------------------

def hook_script() -> str:
    return resources.files("pmlint").joinpath("templates/pre-commit-hook.sh").read_text(encoding="utf-8")


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.name}.{number}")
    return candidate


@click.command("install-hook")
@click.option("--chain", is_flag=True, help="Keep an existing pre-commit hook and run it before pmlint's.")
@click.option("--force", is_flag=True, help="Replace an existing pre-commit hook (it is kept as a backup).")
def install_hook_command(chain: bool, force: bool) -> None:
    """Install pmlint's git pre-commit hook without clobbering an existing one."""
    env = environment()
    if chain and force:
        fail(env, "--chain and --force are mutually exclusive")
    try:
        folder = hooks_dir(Path.cwd())
    except GitError as exc:
        fail(env, f"install-hook: {exc}")
    hook = folder / "pre-commit"
    script = hook_script()
    message = _place_hook(env, hook, script, chain=chain, force=force)
    if not _is_installed(hook, script):
        _write_executable(env, hook, script)
    click.echo(message, file=env.stdout)


def _is_installed(hook: Path, script: str) -> bool:
    """The hook is exactly pmlint's current script already (through a link or not)."""
    try:
        return hook.read_text(encoding="utf-8") == script and os.access(hook, os.X_OK)
    except (OSError, UnicodeDecodeError):
        return False


def _place_hook(env: Environment, hook: Path, script: str, *, chain: bool, force: bool) -> str:
    """Make room for the hook; returns what was done (exits 2 when it must refuse).

    A hook is only ever moved aside, never overwritten: an edited copy of pmlint's hook is
    kept as a backup before the update, and a link (say, to a customised tracked hook) is
    treated as someone else's hook.
    """
    if not hook.exists() and not hook.is_symlink():
        return f"installed {_shown(hook)}"
    if _is_installed(hook, script):
        return f"{_shown(hook)} is already pmlint's hook"
    existing = hook.read_text(encoding="utf-8", errors="replace") if hook.is_file() else ""
    if HOOK_MARKER in existing and not hook.is_symlink():
        backup = _free_name(hook.with_name("pre-commit.pmlint-backup"))
        os.replace(hook, backup)
        return f"{_shown(hook)} updated to pmlint's current hook; the previous one was kept as {backup.name}"
    if chain:
        chained = hook.with_name("pre-commit.pmlint-chained")
        if chained.exists() or chained.is_symlink():
            fail(env, f"{_shown(chained)} already exists; move it away first")
        os.replace(hook, chained)
        return f"installed {_shown(hook)}; the previous hook, kept as {chained.name}, runs first"
    if force:
        backup = _free_name(hook.with_name("pre-commit.pmlint-backup"))
        os.replace(hook, backup)
        return f"installed {_shown(hook)}; the previous hook was moved to {backup.name}"
    owner = " (installed by the pre-commit framework: add pmlint to .pre-commit-config.yaml instead)" \
        if "File generated by pre-commit" in existing else ""
    fail(env, f"{_shown(hook)} already exists{owner}; use --chain to run it before pmlint's hook, "
              "or --force to replace it (it is kept as a backup)")
    return ""


def _write_executable(env: Environment, hook: Path, script: str) -> None:
    try:
        hook.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(hook, script.encode("utf-8"))
        hook.chmod(0o755)
    except OSError as exc:
        fail(env, f"{_shown(hook)}: cannot write the hook: {exc.strerror or exc}")


# --- pmlint schema ----------------------------------------------------------------------------

@click.command("schema")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Use this configuration file (its severity scale, statuses … shape the schema).")
@click.option("--output", "output_schema", is_flag=True,
              help="Print the JSON Schema of `pmlint check --format json` output instead.")
def schema_command(config_file: Path | None, output_schema: bool) -> None:
    """Print the JSON Schema of the front matter (for yaml-language-server and other editors)."""
    env = environment()
    if output_schema:
        text = resources.files("pmlint").joinpath("schema/findings.schema.json").read_text(encoding="utf-8")
        click.echo(text, file=env.stdout, nl=False)
        return
    config = load(env, [], config_file)
    click.echo(render_schema(config.shared), file=env.stdout, nl=False)
