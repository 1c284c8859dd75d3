"""The front matter block is valid, safe YAML holding a mapping.

## What it does
Reports a front matter block that pmlint could not read: a YAML syntax
error, a block that is a list or a single value instead of `key: value`
pairs, an unsafe or unknown tag (`!!python/object` … — never executed), an
alias bomb that would expand to an enormous document, or a block with no
closing `---` line. The finding points at the line and column where YAML
stopped reading.

## Why is this bad?
When the front matter cannot be read, none of the metadata is: the
post-mortem drops out of the archive index, the insight pages and every
severity-aware rule, silently. A broken block is usually one missing quote
or colon away from working.

## Example
```markdown
---
title: "Payment outage
date: 2026-03-10
---
```

Use instead:
```markdown
---
title: "Payment outage"
date: 2026-03-10
---
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import Document
from pmlint.document.source import Span
from pmlint.rules.base import NoOptions, Rule, Violation

_HINTS = (
    ("unterminated", "add a '---' line after the last front matter key"),
    ("must be a mapping", "write one 'key: value' pair per line, e.g. 'severity: SEV-2'"),
    ("alias", "write the values out instead of repeating YAML aliases"),
    ("could not determine a constructor", "remove the '!' tag: front matter holds plain strings, "
     "dates and lists"),
    ("tab character", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "quote a value that contains ': ', e.g. title: \"A: B\""),
    ("quoted scalar", "a quoted value is never closed: add the closing quote"),
)


Options = NoOptions


def _hint(message: str) -> str | None:
    lowered = message.lower()
    for needle, hint in _HINTS:
        if needle.lower() in lowered:
            return hint
    return None


def check(doc: Document, options: Options) -> Iterator[Violation]:
    front_matter = doc.front_matter
    if front_matter.error is None:
        return
    span = front_matter.error_span or Span(1, 1, 1, len(doc.source.line(1)) + 1)
    yield Violation(span=span, message=front_matter.error, suggestion=_hint(front_matter.error))


RULE = Rule(
    code="PM002",
    name="invalid-front-matter",
    summary="The front matter block is not valid YAML holding key: value pairs.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
