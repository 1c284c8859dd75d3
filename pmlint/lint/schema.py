"""The front matter JSON Schema (draft-07: the newest draft yaml-language-server supports).

Built from the same values the rules check — the defaults of their
``Options`` (severity scale, statuses, root-cause categories, known and
required fields), overridden by the shared settings of a configuration — so
the editor and ``pmlint check`` never disagree. The copy shipped in
``pmlint/schema/frontmatter.schema.json`` is the default schema; a test keeps
it current (regenerate with ``python -m pmlint.lint.schema``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pmlint.document.fields import BY_KEY, CHOICES, KNOWN_FIELDS
from pmlint.document.times import CLOCK_PATTERN, DATETIME_PATTERN
from pmlint.rules import all_rules
from pmlint.rules.base import option_defaults

SHIPPED = Path(__file__).parents[1] / "schema" / "frontmatter.schema.json"
SCHEMA_ID = "https://raw.githubusercontent.com/pmlint/pmlint/main/pmlint/schema/frontmatter.schema.json"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string", "minLength": 1}}

def rule_defaults() -> dict[str, object]:
    """Every rule option's default, by option name (the first rule that has it wins)."""
    values: dict[str, object] = {}
    for rule in all_rules():
        for name, default in option_defaults(rule.options).items():
            values.setdefault(name, default)
    return values


def _strings(value: object) -> list[str]:
    if isinstance(value, Mapping):
        return [str(key) for key in value]
    if isinstance(value, (tuple, list, frozenset, set)):
        return [str(item) for item in value]
    return []


def _property(key: str, values: Mapping[str, object]) -> dict[str, Any]:
    spec_of = BY_KEY.get(key)
    kind = spec_of.kind if spec_of else "text"
    spec: dict[str, Any]
    if key in CHOICES:
        choices = _strings(values.get(CHOICES[key]))
        spec = {"type": "string", "enum": choices} if choices else {"type": "string"}
    elif kind == "date":
        spec = {"type": "string", "pattern": _DATE}
    elif kind == "moment":
        seconds = "(:[0-5]\\d)?" if values.get("allow_seconds") else ""
        spec = {"type": "string", "pattern": f"^({CLOCK_PATTERN}{seconds}|{DATETIME_PATTERN})$"}
    elif kind in ("people", "list"):
        spec = {**_STRINGS, "minItems": 1} if kind == "people" else dict(_STRINGS)
    elif kind == "related":
        spec = {"oneOf": [{"type": "string"}, dict(_STRINGS)]}
    elif kind == "settings":
        ignore = {"oneOf": [{"type": "string"}, dict(_STRINGS)]}
        spec = {"type": "object", "properties": {"ignore": ignore}, "additionalProperties": False}
    else:
        spec = {"type": "string"}
    description = spec_of.description if spec_of else f"The '{key}' field."
    return {"description": description, **spec}


def build_schema(shared: Mapping[str, object] | None = None) -> dict[str, Any]:
    """The schema for the rules' defaults, overridden by ``shared`` settings."""
    values = {**rule_defaults(), **(shared or {})}
    known = _strings(values.get("known_fields")) or list(KNOWN_FIELDS)
    required = [key for key in _strings(values.get("required_fields")) if key in known]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "pmlint post-mortem front matter",
        "description": "The YAML front matter of an incident post-mortem checked by pmlint.",
        "type": "object",
        "required": required,
        "properties": {key: _property(key, values) for key in known},
        "additionalProperties": False,
    }


def render_schema(shared: Mapping[str, object] | None = None) -> str:
    return json.dumps(build_schema(shared), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # regenerate the shipped copy
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_schema(), encoding="utf-8")
