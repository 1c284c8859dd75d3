"""Configuration: ``[tool.pmlint]`` in pyproject.toml or ``.pmlint.toml``.

Found by walking up from the checked path. Unknown keys and values of the
wrong type raise :class:`ConfigError`, which the CLI turns into exit 2.

Shared settings (``severity_scale``, ``priority_sla_days`` …) reach every rule
whose ``Options`` has a field of that name; ``[tool.pmlint.rules.<code|name>]``
sets one rule's options, and ``extend_<option>`` appends to a list option.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pmlint.document.sections import DEFAULT_SECTION_ALIASES, ParseSettings
from pmlint.lint.presets import PRESETS, Preset
from pmlint.rules import all_rules, expand_selector
from pmlint.rules.base import Rule, option_defaults
from pmlint.workspace.discovery import DEFAULT_EXCLUDE, Exclusions

CONFIG_FILES = (".pmlint.toml", "pyproject.toml")
TOP_LEVEL_KEYS = frozenset(
    {"incidents", "todo", "select", "ignore", "extend_select", "per_file_ignores",
     "section_aliases", "rules", "template", "cache_dir", "jobs", "exclude", "extend_exclude",
     "respect_gitignore", "preset"}
)
SEVERITIES = ("error", "warning")


class ConfigError(Exception):
    """A configuration problem; the message names the file and key."""


def _shared_keys() -> dict[str, object]:
    """Every shared setting with its default, taken from the rules' Options."""
    shared: dict[str, object] = {}
    for rule in all_rules():
        for name, default in option_defaults(rule.options).items():
            if name in SHARED_SETTINGS:
                shared.setdefault(name, default)
    return shared


SHARED_SETTINGS = frozenset(
    {"severity_scale", "statuses", "required_fields", "required_sections", "priority_sla_days",
     "whys_required", "min_action_items", "owner_pattern", "banned_owners", "owners",
     "allow_seconds", "root_cause_categories", "known_fields"}
)


@dataclass(frozen=True, eq=False)
class Config:
    """The ``[tool.pmlint]`` settings, validated, with the selected rules and their options."""

    root: Path = field(default_factory=Path.cwd)
    path: Path | None = None
    incidents: str = "docs/incidents"
    todo: str = "TODO.md"
    template: str | None = None
    cache_dir: str = ".pmlint_cache"
    jobs: int | None = None
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: files a check skips (.gitignore syntax); ``exclude`` replaces the defaults, ``extend_exclude`` adds
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    shared: Mapping[str, object] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    rule_severity: Mapping[str, str] = field(default_factory=dict)
    section_aliases: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_SECTION_ALIASES)
    )

    def __getstate__(self) -> dict[str, object]:
        # The settings only: a spawned worker derives the rules and options again (the
        # options' read-only mapping defaults do not pickle).
        return {option.name: getattr(self, option.name) for option in dataclasses.fields(self)}

    @cached_property
    def parse_settings(self) -> ParseSettings:
        return ParseSettings(section_aliases=self.section_aliases)

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        selected: set[str] = set()
        for selector in self.select:
            selected |= expand_selector(selector)
        for selector in self.ignore:
            selected -= expand_selector(selector)
        return tuple(rule for rule in all_rules() if rule.code in selected)

    @cached_property
    def _options(self) -> dict[str, object]:
        return {rule.code: build_options(rule, self.shared, self.rule_options.get(rule.code, {}))
                for rule in all_rules()}

    def options_for(self, rule: Rule) -> object:
        return self._options[rule.code]

    def severity_for(self, rule: Rule) -> str:
        return self.rule_severity.get(rule.code, rule.severity)

    def ignored_for(self, relative_path: str) -> frozenset[str]:
        codes: set[str] = set()
        for pattern, selectors in self.per_file_ignores:
            if fnmatch.fnmatch(relative_path, pattern):
                for selector in selectors:
                    codes |= expand_selector(selector)
        return frozenset(codes)

    def exclusions(self) -> Exclusions:
        """What a check skips, from ``exclude``, ``extend_exclude`` and ``respect_gitignore``."""
        return Exclusions(self.root, (*self.exclude, *self.extend_exclude), self.respect_gitignore)

    def with_selection(self, select: tuple[str, ...], ignore: tuple[str, ...]) -> Config:
        return dataclasses.replace(
            self, select=select or self.select, ignore=(*self.ignore, *ignore)
        )

    @cached_property
    def fingerprint(self) -> str:
        """A stable hash of everything that changes findings (for the cache)."""
        payload = {
            "select": self.select, "ignore": self.ignore, "pfi": self.per_file_ignores,
            "shared": self.shared, "rules": self.rule_options, "sev": self.rule_severity,
            "aliases": self.section_aliases,
        }
        import hashlib  # only the cache needs a fingerprint

        text = json.dumps(payload, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def build_options(rule: Rule, shared: Mapping[str, object], own: Mapping[str, object]) -> object:
    values: list[object] = []
    for name, default in option_defaults(rule.options).items():
        value: object = default
        if name in shared:
            value = shared[name]
        if name in own:
            value = own[name]
        extend = own.get(f"extend_{name}")
        if extend is not None and isinstance(value, tuple):
            value = (*value, *extend)  # type: ignore[misc]
        values.append(value)
    return rule.options._make(values)  # in field order


def find_config(start: Path) -> Path | None:
    """The nearest .pmlint.toml, or pyproject.toml with [tool.pmlint], upwards."""
    folder = start.resolve()
    if folder.is_file() or not folder.exists():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file():
                if name == "pyproject.toml" and "[tool.pmlint" not in _read(path):
                    continue
                return path
    return None


def _read(path: Path) -> str:
    from pmlint.workspace.files import read_regular  # only when a configuration file is found

    try:
        return read_regular(path).decode("utf-8")  # a named pipe would hang a plain read
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None


def template_path(config: Config) -> Path:
    """The ``template`` file, which must lie inside the project root (after following links):
    a configuration in a pull request must not make ``pmlint new`` copy ``/etc/shadow``."""
    assert config.template is not None
    path = config.root / config.template
    real, root = os.path.realpath(path), os.path.realpath(config.root)
    if not real.startswith(root.rstrip(os.sep) + os.sep):
        where = config.path or "configuration"
        raise ConfigError(f"{where}: 'template' must name a file inside {config.root}, not {config.template}")
    return path


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Load the configuration for ``start`` (a file or folder), or defaults."""
    path = explicit or find_config(start or Path.cwd())
    if path is None:
        return Config(root=Path.cwd().resolve())
    # Imported here: most checks find no configuration file (tomllib is ~2.5 ms of start-up).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion, any tool's table included
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    table = data.get("tool", {}).get("pmlint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.pmlint] must be a table")
    return config_from_mapping(table, path)


def config_from_mapping(table: Mapping[str, Any], path: Path | None = None) -> Config:
    """Validate a ``[tool.pmlint]`` table into a Config."""
    where = str(path) if path else "configuration"
    data = {key.replace("-", "_"): value for key, value in table.items()}
    # Rule modules load only when a shared setting needs their defaults: a cached
    # run of a plain configuration never imports a rule.
    shared_defaults = _shared_keys() if any(key in SHARED_SETTINGS for key in data) else {}
    for key in data:
        if key not in TOP_LEVEL_KEYS and key not in shared_defaults:
            raise ConfigError(f"{where}: unknown key '{key}' in [tool.pmlint]")
    kwargs: dict[str, Any] = {"path": path, "root": path.parent.resolve() if path else Path.cwd()}
    for key in ("incidents", "todo", "template", "cache_dir"):
        if key in data:
            kwargs[key] = _expect(data[key], str, where, key)
    if "jobs" in data:
        kwargs["jobs"] = _expect(data["jobs"], int, where, "jobs")
    for key in ("exclude", "extend_exclude"):
        if key in data:
            kwargs[key] = _strings(data[key], where, key.replace("_", "-"))
    if "respect_gitignore" in data:
        kwargs["respect_gitignore"] = _expect(data["respect_gitignore"], bool, where, "respect-gitignore")
    for key in ("select", "ignore"):
        if key in data:
            kwargs[key] = _selectors(data[key], where, key)
    if "extend_select" in data:
        kwargs["select"] = (*kwargs.get("select", ("ALL",)), *_selectors(data["extend_select"], where, "extend-select"))
    kwargs["per_file_ignores"] = tuple(
        (pattern, _selectors(codes, where, f"per-file-ignores.{pattern}"))
        for pattern, codes in _expect(data.get("per_file_ignores", {}), dict, where, "per-file-ignores").items()
    )
    preset = _preset(data.get("preset"), where)
    kwargs["shared"] = {
        key: _coerce(data[key], shared_defaults[key], where, key) for key in shared_defaults if key in data
    }
    if preset is not None:
        kwargs["shared"].setdefault("required_sections", preset.required_sections)
    kwargs["section_aliases"] = _aliases(data.get("section_aliases", {}), where, preset)
    options, severity = _rule_tables(data.get("rules", {}), where)
    kwargs["rule_options"], kwargs["rule_severity"] = options, severity
    return Config(**kwargs)


def _expect(value: Any, kind: type, where: str, key: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{where}: '{key}' must be {_kind_name(kind)}, not {type(value).__name__}")
    return value


def _kind_name(kind: type) -> str:
    return {str: "a string", int: "an integer", dict: "a table", list: "a list", bool: "true or false"}.get(
        kind, kind.__name__
    )


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = _expect(value, list, where, key)
    if not all(isinstance(item, str) for item in items):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(items)


def _selectors(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = _expect(value, list, where, key)
    for item in items:
        if not isinstance(item, str) or not expand_selector(item):
            raise ConfigError(f"{where}: '{key}' names unknown rule {item!r}")
    return tuple(items)


def _coerce(value: Any, default: object, where: str, key: str) -> object:
    """Check ``value`` against the type of the option's default."""
    if isinstance(default, bool):
        return _expect(value, bool, where, key)
    if isinstance(default, int):
        return _expect(value, int, where, key)
    if isinstance(default, str) or default is None:
        return _expect(value, str, where, key)
    if isinstance(default, tuple):
        items = _expect(value, list, where, key)
        if not all(isinstance(item, str) for item in items):
            raise ConfigError(f"{where}: '{key}' must be a list of strings")
        return tuple(items)
    if isinstance(default, Mapping):
        table = _expect(value, dict, where, key)
        sample = next(iter(default.values()), None)
        for name, item in table.items():
            if sample is not None and (not isinstance(item, type(sample)) or isinstance(item, bool)):
                raise ConfigError(f"{where}: '{key}.{name}' must be {_kind_name(type(sample))}")
        return dict(table)
    return value


def _preset(value: Any, where: str) -> Preset | None:
    """The template preset named by ``preset``, if any."""
    if value is None:
        return None
    name = _expect(value, str, where, "preset")
    if name not in PRESETS:
        raise ConfigError(f"{where}: 'preset' must be one of {', '.join(sorted(PRESETS))}, not {name!r}")
    return PRESETS[name]


def _aliases(value: Any, where: str, preset: Preset | None = None) -> dict[str, tuple[str, ...]]:
    table = _expect(value, dict, where, "section-aliases")
    merged = dict(DEFAULT_SECTION_ALIASES)
    for key, names in (preset.aliases if preset else {}).items():
        merged[key] = (*merged.get(key, ()), *names)
    for key, names in table.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"{where}: 'section-aliases.{key}' must be a list of strings")
        merged[key] = (*merged.get(key, ()), *names)
    return merged


def _rule_tables(value: Any, where: str) -> tuple[dict[str, dict[str, object]], dict[str, str]]:
    from pmlint.rules import get_rule

    options: dict[str, dict[str, object]] = {}
    severity: dict[str, str] = {}
    for selector, table in _expect(value, dict, where, "rules").items():
        rule = get_rule(selector)
        if rule is None:
            raise ConfigError(f"{where}: [tool.pmlint.rules.{selector}] names an unknown rule")
        fields = option_defaults(rule.options)
        own: dict[str, object] = {}
        for raw_key, item in _expect(table, dict, where, f"rules.{selector}").items():
            key = raw_key.replace("-", "_")
            label = f"rules.{selector}.{raw_key}"
            if key == "severity":
                if item not in SEVERITIES:
                    raise ConfigError(f"{where}: '{label}' must be 'error' or 'warning'")
                severity[rule.code] = item
            elif key in fields:
                own[key] = _coerce(item, fields[key], where, label)
            elif key.startswith("extend_") and isinstance(fields.get(key[7:]), tuple):
                own[key] = _coerce(item, (), where, label)
            else:
                raise ConfigError(f"{where}: unknown option '{raw_key}' for rule {rule.code} ({rule.name})")
        options[rule.code] = own
    return options, severity
