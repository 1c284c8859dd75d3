"""What Went Well names at least a couple of things.

## What it does
Counts the entries of the What Went Well section: its top-level list items
(in the section and its subsections) and table rows; when the section has
no list or table, the sentences of its prose. Fewer than `min_items` is
reported at the heading. A missing section is PM101's business; an empty
one, or one holding only a placeholder, PM102's.

## Why is this bad?
Blameless reviews look at what worked as carefully as at what failed: the
alert that fired early, the runbook that was right, the rollback that took
seven minutes. Those are the practices to protect and spread. A single
token line ("the team responded quickly") usually means nobody looked.

## Example
```markdown
## What Went Well

- The team responded quickly.
```

Use instead:
```markdown
## What Went Well

- The page was acknowledged within 3 minutes.
- The rollback took 7 minutes from decision to healthy pods.
```

## Options
- `min_items`: the fewest entries the section may have. Default: 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from pmlint.document.model import Document, Section
from pmlint.rules._placeholder import is_unwritten
from pmlint.rules._prose import sentence_spans
from pmlint.rules.base import Rule, Violation


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    min_items: int = 2


def _count(doc: Document, section: Section, minimum: int) -> tuple[int, str]:
    """How many entries the section has, and what they are ('items' or 'sentences')."""
    items = [b for b in section.list_items(0) if b.text.strip()]
    rows = sum(len(b.table.rows) for b in section.blocks if b.table is not None)
    if items or rows:
        return len(items) + rows, "items"
    return len(list(islice(sentence_spans(doc, section.prose()), minimum))), "sentences"


def check(doc: Document, options: Options) -> Iterator[Violation]:
    section = doc.section("what_went_well")
    if section is None or is_unwritten(section):
        return
    count, unit = _count(doc, section, options.min_items)
    if count >= options.min_items:
        return
    yield Violation(
        span=section.span,
        message=f"'{section.title}' has {count} {unit[:-1] if count == 1 else unit}; "
        f"expected at least {options.min_items}",
        suggestion="list what worked: detection, response, tooling, communication, luck",
    )


RULE = Rule(
    code="PM105",
    name="too-few-went-well",
    summary="What Went Well has fewer entries than the configured minimum.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
