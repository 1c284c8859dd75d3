"""Action item IDs are unique within a post-mortem.

## What it does
Reports an action item whose ID (`AI-002`, compared ignoring case and
emphasis) was already used by an earlier item in the same file, naming the
line of the first one.

## Why is this bad?
IDs are how actions are discussed, tracked and synced: `pmlint sync-todo`
keys TODO.md lines on them and ticks them back into the post-mortem. Two
items with one ID make "AI-002 is done" ambiguous, and one of them will be
ticked off by mistake.

## Example
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-04-01 |
| AI-001 | Fix runbook | @lee.chen | P1 | 2026-04-01 |
```

Use instead:
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-04-01 |
| AI-002 | Fix runbook | @lee.chen | P1 | 2026-04-01 |
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import Document
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions


def _normalise(item_id: str) -> str:
    return item_id.strip().strip("*_`[]").strip().upper()


def check(doc: Document, options: Options) -> Iterator[Violation]:
    first_line: dict[str, int] = {}
    for item in doc.actions:
        key = _normalise(item.id or "")
        if not key.strip(" -—–"):
            continue
        span = item.span_of("id")
        if key not in first_line:
            first_line[key] = span.line
            continue
        yield Violation(
            span=span,
            message=f"duplicate action item ID '{key}' (first used on line {first_line[key]})",
            suggestion="give every action item its own ID; TODO.md sync and reviews refer to it",
        )


RULE = Rule(
    code="PM409",
    name="duplicate-action-id",
    summary="Two action items share an ID.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
