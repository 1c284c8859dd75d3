"""Every required front matter field is present and filled in.

## What it does
Reports each required key (by default `title`, `date`, `severity`, `status`
and `authors`) that the front matter lacks, at the block's first line, and
each one that is present but empty (`authors: []`, `status:`), at its key.
For a bold metadata header (`**Date:** …`), the `# H1` counts as the title. Files with no
metadata at all, or metadata that cannot be read, are left to PM001 and
PM002.

## Why is this bad?
These fields are what the archive sorts, filters and counts by: a
post-mortem without a date drops out of the monthly insights, one without a
severity escapes every severity-aware rule, and one without authors has
nobody to ask.

## Example
```markdown
---
title: "Payment outage"
date: 2026-03-10
severity: SEV-2
---
```

Use instead:
```markdown
---
title: "Payment outage"
date: 2026-03-10
severity: SEV-2
status: draft
authors: ["@dana.kim"]
---
```

## Options
- `required_fields` (shared setting): the keys that must be present and
  non-empty. Default: title, date, severity, status, authors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.fields import REQUIRED_FIELDS
from pmlint.document.model import Document, Field
from pmlint.document.source import Span
from pmlint.rules.base import Rule, Violation

_EXAMPLES = {
    "title": 'title: "Checkout outage after v5.2 deploy"',
    "date": "date: 2026-03-10",
    "severity": "severity: SEV-2",
    "status": "status: draft",
    "authors": 'authors: ["@dana.kim"]',
}


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    required_fields: tuple[str, ...] = REQUIRED_FIELDS


def _is_empty(item: Field) -> bool:
    value = item.value
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict, tuple)):
        return not value
    return False


def _suggestion(key: str, kind: str) -> str:
    example = _EXAMPLES.get(key, f"{key}: …")
    if kind == "header":
        label = key.replace("_", " ").title()
        return f"add a '**{label}:** …' header line, or convert the header to front matter ('{example}')"
    return f"add '{example}'"


def check(doc: Document, options: Options) -> Iterator[Violation]:
    front_matter = doc.front_matter
    if front_matter.kind == "none" or front_matter.error:
        return
    first = front_matter.span.line
    block_start = Span(first, 1, first, len(doc.source.line(first)) + 1)
    where = "front matter" if front_matter.kind == "yaml" else "metadata header"
    for key in options.required_fields:
        item = front_matter.field(key)
        if item is None:
            if key == "title" and front_matter.kind == "header" and doc.title:
                continue
            yield Violation(
                span=block_start,
                message=f"missing required field '{key}' in the {where}",
                suggestion=_suggestion(key, front_matter.kind),
            )
        elif _is_empty(item):
            yield Violation(
                span=item.key_span,
                message=f"required field '{key}' is empty",
                suggestion=_suggestion(key, "yaml"),
            )


RULE = Rule(
    code="PM003",
    name="missing-field",
    summary="A required front matter field is missing or empty.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
