"""Every front matter key is one pmlint knows.

## What it does
Reports YAML front matter keys that are not in the recognised set, at the
key, with a "did you mean" suggestion when the key is close to a known one
(`sevrity` → `severity`, `Date` → `date`, `author` → `authors`). Only YAML
front matter is checked: a bold header's lines are either read or ignored.

## Why is this bad?
An unknown key is almost always a typo of a known one, and a misspelt key
is a missing value: `sevrity: SEV-1` leaves the post-mortem without a
severity while looking complete to a human reader.

## Example
```markdown
---
title: "Payment outage"
sevrity: SEV-2
---
```

Use instead:
```markdown
---
title: "Payment outage"
severity: SEV-2
---
```

## Options
- `known_fields` (shared setting): the recognised keys. Default: title,
  date, severity, status, authors, services, incident_commander, started,
  detected, mitigated, resolved, duration, timezone, root_cause_category,
  tags, review_date, related, pmlint. Use `extend_known_fields` under
  `[tool.pmlint.rules.PM005]` to add your own keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.fields import KNOWN_FIELDS
from pmlint.document.model import Document
from pmlint.rules.base import Rule, Violation

#: common synonyms difflib cannot guess.
_SYNONYMS = {
    "author": "authors", "owner": "authors", "owners": "authors", "writers": "authors",
    "sev": "severity", "level": "severity", "priority": "severity",
    "service": "services", "systems": "services", "components": "services",
    "ic": "incident_commander", "commander": "incident_commander",
    "incident_date": "date", "start": "started", "end": "resolved", "ended": "resolved",
    "category": "root_cause_category", "tz": "timezone", "labels": "tags", "tag": "tags",
}


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    known_fields: tuple[str, ...] = KNOWN_FIELDS


def _normal(key: str) -> str:
    return "_".join(key.strip().lower().replace("-", " ").replace("_", " ").split())


def _did_you_mean(key: str, known: tuple[str, ...]) -> str | None:
    normal = _normal(key)
    if normal in known:
        return normal
    synonym = _SYNONYMS.get(normal)
    if synonym in known:
        return synonym
    import difflib  # only when suggesting

    close = difflib.get_close_matches(normal, known, n=1, cutoff=0.75)
    return close[0] if close else None


def check(doc: Document, options: Options) -> Iterator[Violation]:
    front_matter = doc.front_matter
    if front_matter.kind != "yaml" or front_matter.error:
        return
    known = set(options.known_fields)
    for item in front_matter.fields:
        if item.key in known:
            continue
        guess = _did_you_mean(item.key, options.known_fields)
        yield Violation(
            span=item.key_span,
            message=f"unknown front matter key '{item.key}'"
            + (f": did you mean '{guess}'?" if guess else ""),
            suggestion=f"rename it to '{guess}'" if guess
            else "remove it, or add it to known_fields in [tool.pmlint]",
        )


RULE = Rule(
    code="PM005",
    name="unknown-field",
    summary="A front matter key is not a recognised field.",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
