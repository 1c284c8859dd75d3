"""An action item's due date is a calendar date, not a vague promise.

## What it does
Reports a due value such as `ASAP`, `soon`, `TBD`, `next sprint`, `Q3`,
`end of month`, `when possible` or `ongoing` (any configured phrase, matched
as whole words). A due value that contains an ISO date is never vague; other
non-dates (`April 1`, `01/04/2026`) are PM403's.

Items already done (a Done status, a ticked box, `(done)`, "We rotated the
keys") and proposals (items under "Potential action items", or written with
only "could") are skipped, as by every rule about what an open item still
needs (PM401 to PM407).

## Why is this bad?
"As soon as possible" is not a date (incident handbooks such as
Atlassian's set target dates for post-mortem actions): a vague due date
cannot be overdue, so nobody ever asks about it, and the action quietly
falls behind every dated piece of work.

## Example
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | ASAP |
| AI-002 | Fix runbook | @lee.chen | P2 | next sprint |
```

Use instead:
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-04-01 |
| AI-002 | Fix runbook | @lee.chen | P2 | 2026-04-28 |
```

## Options
- `phrases`: the vague due values, matched case-insensitively as whole words.
  Default: ASAP, as soon as possible, soon, immediately, TBD, TBA, TBC, later,
  next/this sprint, week, month, quarter, year, Q1–Q4, H1, H2, end of
  week/month/quarter/year, EOW, EOM, EOQ, EOY, when possible, whenever
  possible, if possible, ongoing, continuous, N/A, someday, eventually,
  in the future, backlog, unknown, none, `?`.
- `extend_phrases`: phrases added to the default list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.model import Document, clean_due
from pmlint.rules._due import DEFAULT_PHRASES, vague_phrase
from pmlint.rules._open_items import open_actions
from pmlint.rules.base import Rule, Violation


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    phrases: tuple[str, ...] = DEFAULT_PHRASES


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for item in open_actions(doc):
        if not item.due:
            continue
        phrase = vague_phrase(item.due, options.phrases)
        if phrase is None:
            continue
        yield Violation(
            span=item.span_of("due"),
            message=f"action item '{item.label}' has a vague due date '{clean_due(item.due)}'",
            suggestion="set a calendar date (YYYY-MM-DD) within the priority's SLA",
        )


RULE = Rule(
    code="PM404",
    name="vague-due-date",
    summary="An action item's due date is vague (ASAP, soon, TBD, next sprint …).",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
