"""Suppression comments suppress something, and name rules that exist.

## What it does
Reports a `<!-- pmlint-disable-next-line … -->` or `<!-- pmlint-disable … -->`
comment that hides no finding, and a comment that names a rule pmlint does
not have (a typo such as `PM41` or `missing-ownr`). It works like ruff's
`RUF100` (unused `noqa`) and ESLint's `--report-unused-disable-directives`.

A comment whose rules were not run (deselected with `select`/`ignore`) is
not reported as unused: pmlint cannot tell whether it would hide something.

## Why is this bad?
A suppression is a reviewed exception. Once the text it excused is fixed,
the stale comment stays behind and silently hides the next, different
finding on that line or in that range, which no reviewer agreed to. A
misspelled rule in a suppression hides nothing at all while the author
believes the finding is handled.

## Example
```markdown
<!-- pmlint-disable-next-line PM401 -->
| AI-002 | Alert when the pool passes 80% | @dana.kim | P1 | 2026-04-01 |

<!-- pmlint-disable-next-line missing-ownr -->
| AI-003 | Add a runbook entry |  | P2 | 2026-04-15 |
```

Use instead:
```markdown
| AI-002 | Alert when the pool passes 80% | @dana.kim | P1 | 2026-04-01 |

<!-- pmlint-disable-next-line missing-owner -->
| AI-003 | Add a runbook entry |  | P2 | 2026-04-15 |
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.document.source import Span
from pmlint.rules._catalogue import selects
from pmlint.rules.base import NoOptions, Rule, Violation

if TYPE_CHECKING:  # the engine imports this rule; the model loads with the parser, not at start-up
    from pmlint.document.model import Document, Suppression

Options = NoOptions


def unknown_codes(item: Suppression) -> tuple[str, ...]:
    """The codes or names in ``item`` that select no rule."""
    return tuple(code for code in item.codes if not selects(code))


def _span(doc: Document, item: Suppression) -> Span:
    line = doc.source.line(item.line)
    start = max(line.find("<!--"), 0)
    return Span(item.line, start + 1, item.line, len(line) + 1)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    """Unknown rules in suppression comments (unused ones are found by the linter, which
    alone knows which findings each comment hid: see :func:`unused`)."""
    for item in doc.suppressions:
        for code in unknown_codes(item):
            yield Violation(_span(doc, item), f"suppression comment names unknown rule '{code}'",
                            "use a rule code (PM401) or name (missing-owner) from `pmlint rules`")


def unused(doc: Document, item: Suppression) -> Violation:
    """The violation for a comment that hid no finding."""
    what = ", ".join(item.codes) if item.codes else "every rule"
    return Violation(_span(doc, item), f"'pmlint-{item.kind}' for {what} suppresses no finding",
                     "remove the comment (the text it excused no longer needs it)")


RULE = Rule(
    code="PM901",
    name="unused-suppression",
    summary="Suppression comments hide a finding and name known rules.",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
