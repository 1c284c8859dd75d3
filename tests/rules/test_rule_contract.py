"""Every rule module has the documented shape (yamllint/ruff style)."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import pytest
import yaml

from pmlint.document.parse import parse
from pmlint.document.source import SourceFile
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import lint_document
from pmlint.rules import RULE_MODULES, all_rules
from pmlint.rules._catalogue import catalogue, selects
from pmlint.rules.base import Rule, option_defaults

CASES = Path(__file__).parent / "cases"
DOC_PARTS = ("## What it does", "## Why is this bad?", "## Example", "Use instead:", "## Options")


@pytest.mark.parametrize("module_name", RULE_MODULES)
def test_rule_module_shape(module_name: str) -> None:
    module = import_module(f"pmlint.rules.{module_name}")
    rule = module.RULE
    assert isinstance(rule, Rule)
    assert module_name.startswith(rule.code.lower() + "_"), "module named after its code"
    assert module_name[6:] == rule.name.replace("-", "_"), "module named after its rule name"
    doc = module.__doc__ or ""
    assert rule.doc == doc, "RULE.doc is the module docstring"
    positions = [doc.find(part) for part in DOC_PARTS]
    assert all(p >= 0 for p in positions), f"docstring needs {DOC_PARTS}"
    assert positions == sorted(positions), "docstring parts in order"
    assert_options_shape(module.Options)
    assert rule.options is module.Options
    assert inspect.isgeneratorfunction(module.check), "check() is a generator"
    assert rule.check is module.check
    assert rule.severity in ("error", "warning")
    assert rule.summary.endswith(".")
    source = inspect.getsource(module)
    assert source.rstrip().endswith(")") and "\nRULE = Rule(" in source, "explicit RULE at the bottom"


IMMUTABLE = (str, int, bool, type(None), MappingProxyType)


def assert_options_shape(options: type) -> None:
    """A NamedTuple (immutable and typed, a third of a dataclass's start-up; see pmlint.rules)
    whose every field has a default nothing can change in place."""
    assert issubclass(options, tuple) and hasattr(options, "_fields"), "Options must be a NamedTuple"
    assert not dataclasses.is_dataclass(options), "Options must be a NamedTuple, not a dataclass"
    assert options.__doc__ and not options.__doc__.startswith(f"{options.__name__}("), "Options needs a docstring"
    defaults = options._field_defaults
    assert set(defaults) == set(options._fields), "every option needs a default"
    assert option_defaults(options) == defaults
    for name, default in defaults.items():
        items = default if isinstance(default, tuple) else default.values() if isinstance(default, Mapping) else ()
        assert isinstance(default, (tuple, *IMMUTABLE)), f"{name}: default {type(default).__name__} is mutable"
        assert all(isinstance(item, IMMUTABLE) for item in items), f"{name}: default holds a mutable item"


def test_options_shape_rejects_a_mutable_default() -> None:
    class Options(NamedTuple):
        """A list default: one rule's in-place change would reach every run."""

        names: list[str] = []  # noqa: RUF012 (the mistake under test)

    with pytest.raises(AssertionError, match="mutable"):
        assert_options_shape(Options)


@pytest.mark.parametrize("module_name", RULE_MODULES)
def test_rule_has_pass_and_fail_cases(module_name: str) -> None:
    code = module_name[:5].upper()
    path = CASES / f"{code}.yaml"
    assert path.exists(), f"missing {path}"
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    assert any(not case.get("expect") for case in cases), "needs a passing case"
    assert any(case.get("expect") for case in cases), "needs a failing case"


def test_codes_and_names_unique_and_catalogue_complete() -> None:
    rules = all_rules()
    assert len(rules) == len(RULE_MODULES) >= 25
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    areas = {r.code[:3] for r in rules}
    assert areas == {"PM0", "PM1", "PM2", "PM3", "PM4", "PM5", "PM9"}


def test_every_rule_module_is_in_the_independence_contract() -> None:
    """import-linter holds each rule module listed in pyproject.toml to importing no other rule."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "independence"]
    assert contract["modules"] == [f"pmlint.rules.{name}" for name in RULE_MODULES]


def test_module_names_declare_code_and_name() -> None:
    """Selectors resolve from module names alone (PM004 cannot import the registry)."""
    assert catalogue() == {rule.code: rule.name for rule in all_rules()}
    assert selects("missing-owner") == {"PM401"} and selects("pm4") >= {"PM401", "PM409"}
    assert selects("ALL") == {rule.code for rule in all_rules()} and selects("nope") == frozenset()


FENCE = re.compile(r"```(?:markdown|md)?\n(.*?)```", re.S)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_documentation_example_fires_and_use_instead_does_not(rule: Rule) -> None:
    """The docstring's Example must fire and its Use instead must not (docs never lie)."""
    example, rest = rule.doc.split("## Example", 1)[1].split("Use instead:", 1)
    instead = rest.split("## Options", 1)[0]
    config = config_from_mapping({"select": [rule.code]})
    for text, should_fire in ((FENCE.findall(example)[0], True), (FENCE.findall(instead)[0], False)):
        findings = lint_document(parse(SourceFile.from_text("x.md", text), config.parse_settings), config)
        assert bool(findings) == should_fire, (rule.code, should_fire, [f.message for f in findings])
