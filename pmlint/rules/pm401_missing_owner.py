"""Every action item has an owner.

## What it does
Reports action items whose Owner cell is empty or missing, and list items
without an `owner:` pair or an `@handle`. Items already done (a Done status,
a ticked box, `(done)`, "We have added …") are left alone: nobody has to
own finished work. Proposals (items under "Potential action items", or
written with only "could") are not commitments yet and are left alone too
(every rule about what an open item still needs, PM401 to PM407, skips done
items and proposals).

## Why is this bad?
An action without an owner is a wish. Incident handbooks (Atlassian,
PagerDuty) give every post-mortem action one accountable owner: items
nobody owns are the ones still open six months later.

## Example
```markdown
## Action Items

| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | | P1 | 2026-04-01 |
```

Use instead:
```markdown
## Action Items

| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana | P1 | 2026-04-01 |
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import Document
from pmlint.rules._open_items import open_actions
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for item in open_actions(doc):
        if item.owner and item.owner.strip(" -—–"):
            continue
        yield Violation(
            span=item.span_of("owner") if "owner" in item.columns else item.span_of("action"),
            message=f"action item '{item.label}' has no owner",
            suggestion="name one accountable person, e.g. '@dana.kim'",
        )


RULE = Rule(
    code="PM401",
    name="missing-owner",
    summary="An action item has no owner.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
