"""Each section appears once.

## What it does
Reports a section heading whose canonical section (matched through the
aliases: `Summary` and `Executive Summary` are the same section) already
appeared at the same heading level, at the second heading, naming the line
of the first. A subsection with a related name inside its own section
(`### Customer impact` under `## Impact`) or at a deeper level is not a
duplicate. Only headings that name a section (its name or an alias) are
compared: a heading that merely contains a section's words is a different
part of the document ("Potential Action Items" beside "Action Items",
"Root Cause Identification" before "Root Cause"), though PM101 counts it as
the section when nothing names it.

## Why is this bad?
Two Action Items sections split the follow-ups so that one list is easily
missed when items are synced to TODO.md and reviewed; two Timelines or two
Root Causes usually mean a draft was merged twice and the copies now
disagree. Readers and tools both take the first one and ignore the rest.

## Example
```markdown
## Action Items

- [ ] AI-001 Add pool alert — owner: @dana, due: 2026-04-01

## Corrective Actions

- [ ] AI-002 Review pool limits — owner: @lee, due: 2026-04-15
```

Use instead:
```markdown
## Action Items

- [ ] AI-001 Add pool alert — owner: @dana, due: 2026-04-01
- [ ] AI-002 Review pool limits — owner: @lee, due: 2026-04-15
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pmlint.document.model import Document, Section
from pmlint.document.sections import DEFAULT_SECTION_ALIASES, alias_lookup, heading_label
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions


@cache
def _names() -> frozenset[str]:
    """The labels that name a section outright (its name and built-in aliases)."""
    return frozenset(alias_lookup(DEFAULT_SECTION_ALIASES))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    first: dict[tuple[str, int], Section] = {}
    reach: dict[str, int] = {}  # key -> the last body line (exclusive) of a section with that key
    for section in doc.sections:
        key = section.key
        if key is None or section.level < 2:
            continue
        inside = section.span.line < reach.get(key, 0)
        reach[key] = max(reach.get(key, 0), section.body.end_line)
        if inside or heading_label(section.title) not in _names():
            continue  # '### Customer impact' under '## Impact' is part of it
        earlier = first.setdefault((key, section.level), section)
        if earlier is section:
            continue
        yield Violation(
            span=section.span,
            message=f"section '{section.title}' repeats '{earlier.title}' "
            f"(line {earlier.span.line})",
            suggestion="merge the two sections into one",
        )


RULE = Rule(
    code="PM106",
    name="duplicate-section",
    summary="The same section appears twice.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
