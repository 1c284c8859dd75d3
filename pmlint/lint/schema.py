"""The front matter JSON Schema (draft-07: the newest draft yaml-language-server supports).

Built from the same values the rules check — the defaults of their
``Options`` (severity scale, statuses, root-cause categories, known and
required fields), overridden by the shared settings of a configuration — so
the editor and ``pmlint check`` never disagree. The copy shipped in
``pmlint/schema/frontmatter.schema.json`` is the default schema; a test keeps
it current (regenerate with ``python -m pmlint.lint.schema``).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pmlint.rules import all_rules

SHIPPED = Path(__file__).parents[1] / "schema" / "frontmatter.schema.json"
SCHEMA_ID = "https://raw.githubusercontent.com/pmlint/pmlint/main/pmlint/schema/frontmatter.schema.json"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_CLOCK = r"([01]\d|2[0-3]):[0-5]\d"
_DATETIME = r"\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})?"
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string", "minLength": 1}}

DESCRIPTIONS = {
    "title": "The incident's title, as in the archive index.",
    "date": "The day the incident started (YYYY-MM-DD).",
    "severity": "Severity on the configured scale.",
    "status": "Review status: a draft reports findings as warnings, final as errors.",
    "authors": "Who wrote the post-mortem, e.g. [\"@dana.kim\"].",
    "services": "Services affected, e.g. [checkout-api, orders-db].",
    "incident_commander": "Who ran the incident response.",
    "started": "When the incident started: HH:MM or an ISO datetime.",
    "detected": "When it was detected: HH:MM or an ISO datetime.",
    "mitigated": "When the impact was mitigated: HH:MM or an ISO datetime.",
    "resolved": "When it was resolved: HH:MM or an ISO datetime.",
    "duration": "How long the impact lasted, e.g. 4h23m or 45m.",
    "timezone": "Time zone of every time in the document (default UTC).",
    "root_cause_category": "The kind of root cause, for the repeat-cause insights.",
    "tags": "Free-form tags.",
    "review_date": "When the post-mortem was (or will be) reviewed (YYYY-MM-DD).",
    "related": "Other incident files this one relates to.",
    "pmlint": "Per-file pmlint settings, e.g. {ignore: [PM406]}.",
}


def rule_defaults() -> dict[str, object]:
    """Every rule option's default, by option name (the first rule that has it wins)."""
    values: dict[str, object] = {}
    for rule in all_rules():
        for option in dataclasses.fields(rule.options):
            if option.default is not dataclasses.MISSING:
                values.setdefault(option.name, option.default)
            elif option.default_factory is not dataclasses.MISSING:
                values.setdefault(option.name, option.default_factory())
    return values


def _strings(value: object) -> list[str]:
    if isinstance(value, Mapping):
        return [str(key) for key in value]
    if isinstance(value, (tuple, list, frozenset, set)):
        return [str(item) for item in value]
    return []


def _property(key: str, values: Mapping[str, object]) -> dict[str, Any]:
    enums = {"severity": "severity_scale", "status": "statuses",
             "root_cause_category": "root_cause_categories"}
    spec: dict[str, Any]
    if key in enums:
        choices = _strings(values.get(enums[key]))
        spec = {"type": "string", "enum": choices} if choices else {"type": "string"}
    elif key in ("date", "review_date"):
        spec = {"type": "string", "pattern": _DATE}
    elif key in ("started", "detected", "mitigated", "resolved"):
        seconds = "(:[0-5]\\d)?" if values.get("allow_seconds") else ""
        spec = {"type": "string", "pattern": f"^({_CLOCK}{seconds}|{_DATETIME})$"}
    elif key in ("authors", "services", "tags"):
        spec = {**_STRINGS, "minItems": 1} if key == "authors" else dict(_STRINGS)
    elif key == "related":
        spec = {"oneOf": [{"type": "string"}, dict(_STRINGS)]}
    elif key == "pmlint":
        ignore = {"oneOf": [{"type": "string"}, dict(_STRINGS)]}
        spec = {"type": "object", "properties": {"ignore": ignore}, "additionalProperties": False}
    else:
        spec = {"type": "string"}
    return {"description": DESCRIPTIONS.get(key, f"The '{key}' field."), **spec}


def build_schema(shared: Mapping[str, object] | None = None) -> dict[str, Any]:
    """The schema for the rules' defaults, overridden by ``shared`` settings."""
    values = {**rule_defaults(), **(shared or {})}
    known = _strings(values.get("known_fields")) or list(DESCRIPTIONS)
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
