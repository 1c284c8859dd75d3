"""The rule registry: one module per rule, listed here in code order.

Each module has a docstring (the rule's documentation), a frozen ``Options``
dataclass, a pure ``check(doc, options)`` generator and ``RULE = Rule(...)``.

``Options`` is declared ``@dataclass(frozen=True, eq=False, repr=False)`` with a
docstring, and a rule without options says ``Options = NoOptions``: start-up. A
one-file check imports every rule; each generated dunder (``__eq__``,
``__repr__``, ``__hash__`` …) is compiled with ``exec``, and a dataclass without
a docstring gets one from ``inspect.signature``. Options are read, never
compared or printed.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from pmlint.rules.base import Rule

RULE_MODULES = (
    "pm001_missing_front_matter",
    "pm002_invalid_front_matter",
    "pm003_missing_field",
    "pm004_invalid_field_value",
    "pm005_unknown_field",
    "pm101_missing_section",
    "pm102_empty_section",
    "pm103_summary_too_long",
    "pm104_impact_not_quantified",
    "pm105_too_few_went_well",
    "pm106_duplicate_section",
    "pm201_invalid_timestamp",
    "pm202_timeline_out_of_order",
    "pm203_no_timezone",
    "pm204_vague_time_phrase",
    "pm205_duration_mismatch",
    "pm301_shallow_five_whys",
    "pm302_unanswered_why",
    "pm303_human_error_root_cause",
    "pm401_missing_owner",
    "pm402_owner_not_a_person",
    "pm403_missing_due_date",
    "pm404_vague_due_date",
    "pm405_vague_action",
    "pm406_due_beyond_sla",
    "pm407_missing_verification",
    "pm408_too_few_action_items",
    "pm409_duplicate_action_id",
    "pm501_blame_language",
    "pm502_person_blamed",
    "pm503_banned_phrase",
)


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
    wanted = selector.strip()
    if wanted.upper() == "ALL":
        return frozenset(rule.code for rule in all_rules())
    rule = get_rule(wanted)
    if rule is not None:
        return frozenset({rule.code})
    upper = wanted.upper()
    if upper.startswith("PM") and upper[2:].isdigit():
        return frozenset(r.code for r in all_rules() if r.code.startswith(upper))
    return frozenset()
