"""Every required section is present.

## What it does
Checks that the post-mortem has each required section, matching `##`
headings case-insensitively through their aliases (`Executive Summary`
counts as Summary, `Corrective Actions` as Action Items, and so on).

## Why is this bad?
A post-mortem without an Impact, a Root Cause or Action Items section is
not finished: readers cannot tell what the incident cost, why it happened or
what will stop it happening again. The seeds' structure exists so that no
part of the learning is skipped.

## Example
```markdown
# Payment outage

## Summary
Payments failed for 4 hours.
```

Use instead:
```markdown
## Summary
## Impact
## Timeline
## Root Cause
## Contributing Factors
## What Went Well
## What Went Poorly
## Action Items
## Lessons Learned
```

## Options
- `required_sections` (shared setting): the canonical section keys that must
  be present. Default: summary, impact, timeline, root_cause,
  contributing_factors, what_went_well, what_went_poorly, action_items,
  lessons_learned.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmlint.model import Document
from pmlint.rules._text import first_line_span
from pmlint.rules.base import Rule, Violation
from pmlint.sections import SECTION_TITLES

DEFAULT_REQUIRED = (
    "summary",
    "impact",
    "timeline",
    "root_cause",
    "contributing_factors",
    "what_went_well",
    "what_went_poorly",
    "action_items",
    "lessons_learned",
)


@dataclass(frozen=True)
class Options:
    required_sections: tuple[str, ...] = DEFAULT_REQUIRED


def check(doc: Document, options: Options) -> Iterator[Violation]:
    present = {section.key for section in doc.sections}
    for key in options.required_sections:
        if key in present:
            continue
        title = SECTION_TITLES.get(key, key.replace("_", " ").title())
        yield Violation(
            span=first_line_span(doc),
            message=f"missing required section '{title}'",
            suggestion=f"add a '## {title}' section",
        )


RULE = Rule(
    code="PM101",
    name="missing-section",
    summary="A required section is missing.",
    check=check,
    options=Options,
    doc=__doc__ or "",
    fixable=True,
)
