"""The front-matter contract: every field pmlint knows, its kind and its meaning.

This is the one home of the field list. The rules (PM001 writes skeletons,
PM003 requires, PM004 validates, PM005 knows), the JSON Schema for editors,
``pmlint stats`` and the archive all read it from here.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

#: how a field's value is read and validated
Kind = Literal["text", "date", "choice", "people", "list", "moment", "duration", "related", "settings"]


class FieldSpec(NamedTuple):
    """One front-matter field: its key, how its value reads, and what it means."""

    key: str
    kind: Kind
    description: str
    required: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", "The incident's title, as in the archive index.", required=True),
    FieldSpec("date", "date", "The day the incident started (YYYY-MM-DD).", required=True),
    FieldSpec("severity", "choice", "Severity on the configured scale.", required=True),
    FieldSpec("status", "choice", "Review status: a draft reports findings as warnings, final as errors.",
              required=True),
    FieldSpec("authors", "people", "Who wrote the post-mortem, e.g. [\"@dana.kim\"].", required=True),
    FieldSpec("services", "list", "Services affected, e.g. [checkout-api, orders-db]."),
    FieldSpec("incident_commander", "text", "Who ran the incident response."),
    FieldSpec("started", "moment", "When the incident started: HH:MM or an ISO datetime."),
    FieldSpec("detected", "moment", "When it was detected: HH:MM or an ISO datetime."),
    FieldSpec("mitigated", "moment", "When the impact was mitigated: HH:MM or an ISO datetime."),
    FieldSpec("resolved", "moment", "When it was resolved: HH:MM or an ISO datetime."),
    FieldSpec("duration", "duration", "How long the impact lasted, e.g. 4h23m or 45m."),
    FieldSpec("timezone", "text", "Time zone of every time in the document (default UTC)."),
    FieldSpec("root_cause_category", "choice", "The kind of root cause, for the repeat-cause insights."),
    FieldSpec("tags", "list", "Free-form tags."),
    FieldSpec("review_date", "date", "When the post-mortem was (or will be) reviewed (YYYY-MM-DD)."),
    FieldSpec("related", "related", "Other incident files this one relates to."),
    FieldSpec("pmlint", "settings", "Per-file pmlint settings, e.g. {ignore: [PM406]}."),
)

BY_KEY = {spec.key: spec for spec in FIELDS}
KNOWN_FIELDS = tuple(spec.key for spec in FIELDS)
REQUIRED_FIELDS = tuple(spec.key for spec in FIELDS if spec.required)
#: the incident's milestones, in the order they happen
MILESTONES = tuple(spec.key for spec in FIELDS if spec.kind == "moment")
LIST_FIELDS = tuple(spec.key for spec in FIELDS if spec.kind in ("people", "list", "related"))
DATE_FIELDS = tuple(spec.key for spec in FIELDS if spec.kind == "date")

DEFAULT_SEVERITY_SCALE = ("SEV-1", "SEV-2", "SEV-3", "SEV-4")
DEFAULT_STATUSES = ("draft", "in-review", "final")
DEFAULT_ROOT_CAUSE_CATEGORIES = (
    "code-defect", "configuration-error", "capacity-insufficient", "dependency-failure",
    "process-gap", "operational-error", "design-flaw", "monitoring-gap",
)
#: choice fields and the shared setting that lists their values
CHOICES = {"severity": "severity_scale", "status": "statuses", "root_cause_category": "root_cause_categories"}
