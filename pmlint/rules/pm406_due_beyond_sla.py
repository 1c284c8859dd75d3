"""An action item is due within its priority's SLA, counted from the incident.

## What it does
Reports an action item whose due date is later than the incident date
(front matter `date`) plus the number of days its priority allows. The
default SLAs (P0 two weeks, P1 four, P2 eight, P3 a quarter) follow the
priority-based target dates of incident handbooks such as Atlassian's.
`Critical`, `High`, `Medium` and `Low` are read as P0–P3. Items without a
valid incident date, due date or known priority are skipped (other rules
report those).

Items already done (a Done status, a ticked box, `(done)`, "We rotated the
keys") and proposals (items under "Potential action items", or written with
only "could") are skipped, as by every rule about what an open item still
needs (PM401 to PM407).

## Why is this bad?
A priority is a promise about time. A P1 item due in three months is
either not P1 or will not be done in time: either way the post-mortem says
one thing and the plan another, and the risk stays open for longer than the
team agreed it could.

## Example
```markdown
---
date: 2026-03-10
---
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-05-30 |
```

Use instead:
```markdown
---
date: 2026-03-10
---
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-04-07 |
```

## Options
- `priority_sla_days` (shared setting): days allowed per priority. Default:
  `{P0 = 14, P1 = 28, P2 = 56, P3 = 91}`. Keys are matched as whole words in
  the Priority value, case-insensitively.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from pmlint.document.model import ActionItem, Document
from pmlint.rules._open_items import open_actions
from pmlint.rules._text import has_fold_traps
from pmlint.rules.base import Rule, Violation

DEFAULT_SLA_DAYS: Mapping[str, int] = MappingProxyType({"P0": 14, "P1": 28, "P2": 56, "P3": 91})
_PRIORITY_WORDS = {"critical": "P0", "high": "P1", "medium": "P2", "low": "P3"}


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    priority_sla_days: Mapping[str, int] = DEFAULT_SLA_DAYS


def priority_key(priority: str | None, sla: Mapping[str, int]) -> str | None:
    """The SLA key a Priority value stands for (``P1 - High`` -> ``P1``), or None."""
    return _priority_key(priority or "", tuple(sla))


@lru_cache(maxsize=1024)
def _priority_key(priority: str, keys: tuple[str, ...]) -> str | None:
    """:func:`priority_key` of the SLA's keys, in order (a pure function: priorities repeat)."""
    text = priority.replace("*", "").replace("`", "")
    lowered = text.lower()
    exact = not has_fold_traps(text)
    for key in keys:
        if exact and key.isascii() and key.lower() not in lowered:
            continue  # no match possible: no need to compile the key's pattern
        if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text, re.IGNORECASE):
            return key
    for word in re.findall(r"[a-z]+", lowered):
        mapped = _PRIORITY_WORDS.get(word)
        if mapped is not None and mapped in keys:
            return mapped
    return None


def _breach(item: ActionItem, incident: dt.date, sla: Mapping[str, int]) -> str | None:
    due = item.due_date
    key = priority_key(item.priority, sla)
    if due is None or key is None:
        return None
    days = (due - incident).days
    allowed = sla[key]
    if days <= allowed:
        return None
    deadline = incident + dt.timedelta(days=allowed)
    return f"due {due.isoformat()} is {days} days after the incident; {key} allows {allowed} (by {deadline})"


def check(doc: Document, options: Options) -> Iterator[Violation]:
    incident = doc.date
    if incident is None:
        return
    for item in open_actions(doc):
        message = _breach(item, incident, options.priority_sla_days)
        if message is None:
            continue
        yield Violation(
            span=item.span_of("due"),
            message=message,
            suggestion="bring the due date inside the SLA, or lower the priority if the item is less urgent",
        )


RULE = Rule(
    code="PM406",
    name="due-beyond-sla",
    summary="An action item is due later than its priority's SLA allows.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
