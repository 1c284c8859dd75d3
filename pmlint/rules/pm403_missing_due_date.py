"""Every action item has an ISO `YYYY-MM-DD` due date.

## What it does
Reports an open action item without a due date, or whose due value is not
an ISO `YYYY-MM-DD` date (`01/04/2026`, `April 1`, `2026-4-1`, `2026-02-30`).
A struck-through old date before the current one (`~~2026-03-20~~ 2026-04-01`)
and a note in parentheses after it (`2026-04-01 (moved)`) are fine. Values
that PM404 reports as vague (`ASAP`, `TBD` … from its default list) are left
to PM404. Items already done (a Done status, a ticked box, `(done)`, "We
rotated the keys") need no due date, nor do proposals nobody has committed to
yet (every rule about what an open item still needs, PM401 to PM407, skips
done items and proposals).

## Why is this bad?
A corrective action without a date is not time-bound (the Atlassian
handbook sets target dates by priority): it never becomes overdue, so it never comes up at the follow-up review. Dates
in local formats are ambiguous (`01/04` is January in one office and April
in the next) and cannot be checked against the priority's SLA or synced to
TODO.md with a due date.

## Example
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 01/04/2026 |
| AI-002 | Fix runbook | @lee.chen | P2 | |
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
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import ISO_WITH_NOTE, ActionItem, Document, clean_due, read_due
from pmlint.rules._due import vague_phrase
from pmlint.rules._open_items import open_actions
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions


def _missing(item: ActionItem) -> Violation:
    where = item.span_of("due") if "due" in item.columns else item.span_of("action")
    hint = "" if item.form == "table" else " (add 'due: YYYY-MM-DD' to the item)"
    return Violation(
        span=where,
        message=f"action item '{item.label}' has no due date{hint}",
        suggestion="set a calendar date (YYYY-MM-DD) within the priority's SLA",
    )


def _problem(value: str) -> str:
    match = ISO_WITH_NOTE.match(value)
    if match:
        return f"'{match['date']}' is not a real calendar date"
    return f"due date '{value}' is not an ISO YYYY-MM-DD date"


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for item in open_actions(doc):
        value = clean_due(item.due or "")
        if not value.strip(" -—–"):
            yield _missing(item)
        elif read_due(value) is None and vague_phrase(value) is None:
            yield Violation(
                span=item.span_of("due"),
                message=f"action item '{item.label}': {_problem(value)}",
                suggestion="write the date as YYYY-MM-DD, e.g. 2026-04-01",
            )


RULE = Rule(
    code="PM403",
    name="missing-due-date",
    summary="An action item has no due date, or one that is not YYYY-MM-DD.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
