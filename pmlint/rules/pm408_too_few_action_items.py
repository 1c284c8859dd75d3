"""A post-mortem has as many action items as its severity calls for.

## What it does
Counts the action items (table rows and list items in the Action Items
section) and reports when there are fewer than `min_action_items` requires
for the document's severity (SEV-1 and P0/P1: 4, SEV-2 and P2: 3, SEV-3 and
P3: 1). The finding points at the Action Items heading, or at the title when
the section is missing. Documents without a known severity are skipped.

## Why is this bad?
A severe incident needs corrective actions for the proximate fix and for
the systemic gaps behind it; the Google SRE book's postmortem chapter asks
for actions that prevent the whole class of incident. A severe incident with one or two
actions almost always fixed what broke and left the reason it could break
in place: the next incident of the same class is already scheduled.

## Example
```markdown
---
severity: SEV-1
---
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Roll back the pool setting | @dana.kim | P0 | 2026-03-11 |
```

Use instead:
```markdown
---
severity: SEV-3
---
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Roll back the pool setting | @dana.kim | P0 | 2026-03-11 |
```

## Options
- `min_action_items` (shared setting): the minimum per severity. Default:
  `{SEV-1 = 4, SEV-2 = 3, SEV-3 = 1, SEV-4 = 0, P0 = 4, P1 = 4, P2 = 3, P3 = 1}`.
  Severities are compared ignoring case, spaces and dashes (`sev1` = `SEV-1`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import NamedTuple

from pmlint.document.model import Document
from pmlint.rules._text import first_line_span
from pmlint.rules.base import Rule, Violation

DEFAULT_MIN_ACTION_ITEMS: Mapping[str, int] = MappingProxyType({
    "SEV-1": 4, "SEV-2": 3, "SEV-3": 1, "SEV-4": 0, "P0": 4, "P1": 4, "P2": 3, "P3": 1,
})


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    min_action_items: Mapping[str, int] = DEFAULT_MIN_ACTION_ITEMS


def _key(severity: str) -> str:
    return re.sub(r"[^a-z0-9]", "", severity.lower())


def _required(severity: str | None, minimums: Mapping[str, int]) -> tuple[str, int] | None:
    if not severity:
        return None
    wanted = _key(severity)
    for name, count in minimums.items():
        if _key(name) == wanted:
            return name, count
    return None


def _plural(count: int) -> str:
    return f"{count} action item" + ("" if count == 1 else "s")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    required = _required(doc.severity, options.min_action_items)
    if required is None:
        return
    name, minimum = required
    count = len(doc.actions)
    if count >= minimum:
        return
    section = doc.section("action_items")
    yield Violation(
        span=section.span if section else first_line_span(doc),
        message=f"{_plural(count)}; a {name} post-mortem needs at least {minimum}",
        suggestion="cover the proximate fix and each systemic gap the Five Whys found, "
        "with one owned, dated action each",
    )


RULE = Rule(
    code="PM408",
    name="too-few-action-items",
    summary="Fewer action items than the severity requires.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
