"""The rule registry: one module per rule, listed in :mod:`pmlint.rules._catalogue` in code order.

Each module has a docstring (the rule's documentation), an ``Options``
NamedTuple, a pure ``check(doc, options)`` generator and ``RULE = Rule(...)``.

``Options`` is a ``typing.NamedTuple`` whose every field has an immutable
default (a tuple, a ``MappingProxyType``), and a rule without options says
``Options = NoOptions``: start-up. A one-file check imports every rule, and a
NamedTuple costs a third of what a frozen dataclass does to define (one small
``eval``, where a dataclass compiles each generated method with ``exec``).
Options are read, never mutated, compared or printed.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from pmlint.rules._catalogue import RULE_MODULES, selects
from pmlint.rules.base import Rule


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code."""
    rules = [import_module(f"pmlint.rules.{name}").RULE for name in RULE_MODULES]
    return tuple(sorted(rules, key=lambda rule: rule.code))


def get_rule(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    for rule in all_rules():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


def expand_selector(selector: str) -> frozenset[str]:
    """Codes matched by a code, a name, a prefix (``PM4``) or ``ALL``."""
    return selects(selector)
