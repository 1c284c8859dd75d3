"""Every action item says how its completion will be verified.

## What it does
Reports an action item without verification or success criteria: an empty
Verification (or *Success criteria*, *Acceptance criteria*, *Done when*)
cell, a placeholder there (`TBD`, `n/a`, `-`), a table that has no such
column at all (the message says so), or a list item without a `verify:` or
`success criteria:` pair.

Items already done (a Done status, a ticked box, `(done)`, "We rotated the
keys") and proposals (items under "Potential action items", or written with
only "could") are skipped, as by every rule about what an open item still
needs (PM401 to PM407).

## Why is this bad?
A good action is verifiable: "how will we confirm this is actually
done?". Without an answer, an action is closed when someone feels it is
done, and the follow-up review cannot tell a fix from a good intention.

## Example
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-04-01 |
```

Use instead:
```markdown
## Action Items
| ID | Action | Owner | Priority | Due | Verification |
|----|--------|-------|----------|-----|--------------|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-04-01 | Alert fires in a staging load test at 80% |
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import ActionItem, Document
from pmlint.rules._open_items import open_actions
from pmlint.rules.base import NoOptions, Rule, Violation

_PLACEHOLDERS = frozenset({"tbd", "tba", "tbc", "n/a", "na", "none", "?", "todo", "unknown"})


Options = NoOptions


def _has_verification(item: ActionItem) -> bool:
    text = (item.verification or "").strip().strip("*_` -—–.")
    return bool(text) and text.lower() not in _PLACEHOLDERS


def _message(item: ActionItem) -> tuple[str, str]:
    label = item.label
    if item.form == "table" and "verification" not in item.columns:
        return (
            f"action item '{label}' has no verification: the action items table has no "
            "Verification column",
            "add a 'Verification' (or 'Success criteria') column saying how completion is confirmed",
        )
    if item.form != "table" and not item.verification:
        return (
            f"action item '{label}' has no verification or success criteria (add 'verify: …' to the item)",
            "say how completion will be confirmed, e.g. 'verify: alert fires in a staging load test'",
        )
    return (
        f"action item '{label}' has no verification or success criteria",
        "say how completion will be confirmed, e.g. 'alert fires in a staging load test'",
    )


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for item in open_actions(doc):
        if _has_verification(item):
            continue
        message, suggestion = _message(item)
        yield Violation(span=item.span_of("verification"), message=message, suggestion=suggestion)


RULE = Rule(
    code="PM407",
    name="missing-verification",
    summary="An action item has no verification or success criteria.",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
