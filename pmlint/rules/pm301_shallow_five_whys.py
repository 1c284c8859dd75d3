"""The Five Whys go as deep as the severity requires.

## What it does
Counts the Five Whys steps (in a Five Whys section or under Root Cause, in
any of the common forms: `WHY 1: … → …`, `1. **Why …?** …`, `**Why …?**` then
`→ …`, `Why …? → …`) and reports a post-mortem with fewer steps than
`whys_required` asks for its severity. The finding points at the Five Whys
heading, else the Root Cause heading, else the title:
`Five Whys has 2 steps; SEV-2 needs 5`.

Severities are compared without case, spaces or dashes (`SEV-2`, `sev2`,
`Sev 2`), and a trailing label is ignored (`P1 — Critical`). A severity
missing from `whys_required`, or no severity at all, sets no requirement.

## Why is this bad?
The first why is obvious; the fifth takes sustained inquiry (the "5 Whys"
technique, as blameless post-mortem guides such as Atlassian's use it). An analysis
that stops after one or two whys finds the proximate cause (the threshold was
wrong) but not the systemic one (migrations are accepted without checking
thresholds), so its corrective actions fix this incident and not the class.

## Example
```markdown
---
severity: SEV-2
---

## Root Cause

### Five Whys
1. **Why did checkout fail?** orders-db refused connections.
2. **Why did it refuse?** The connection limit was reached.
```

Use instead:
```markdown
---
severity: SEV-2
---

## Root Cause

### Five Whys
1. **Why did checkout fail?** orders-db refused connections.
2. **Why did it refuse?** The 400-connection limit was reached.
3. **Why was the limit reached?** 12 pods opened 40 connections each.
4. **Why 40 each?** The new configuration template had no pool limit.
5. **Why did it ship without one?** Code review has no item for database configuration.
```

## Options
- `whys_required` (shared setting): severity → minimum number of steps.
  Default: SEV-1: 5, SEV-2: 5, SEV-3: 3, SEV-4: 0, P0: 5, P1: 5, P2: 3, P3: 0.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import NamedTuple

from pmlint.document.model import Document
from pmlint.document.source import Span
from pmlint.rules._text import first_line_span
from pmlint.rules.base import Rule, Violation

DEFAULT_WHYS_REQUIRED: Mapping[str, int] = MappingProxyType({
    "SEV-1": 5, "SEV-2": 5, "SEV-3": 3, "SEV-4": 0, "P0": 5, "P1": 5, "P2": 3, "P3": 0,
})


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    whys_required: Mapping[str, int] = DEFAULT_WHYS_REQUIRED


def _normalise(severity: str) -> str:
    """Without whitespace, '_', '-' or '–', upper-case (a regex would be compiled per run for a few short values)."""
    return "".join(char for char in severity if not (char.isspace() or char in "_-–")).upper()


def _required(severity: str | None, table: Mapping[str, int]) -> int:
    if not severity:
        return 0
    wanted = _normalise(severity)
    for name, count in table.items():
        key = _normalise(name)
        # "P1 — Critical" and "SEV-1 (major)" name P1 and SEV-1; "SEV-10" does not name SEV-1.
        if wanted == key or (wanted.startswith(key) and not wanted[len(key)].isalnum()):
            return count
    return 0


def _anchor(doc: Document) -> Span:
    for key in ("five_whys", "root_cause"):
        section = doc.section(key)
        if section is not None:
            return section.span
    return first_line_span(doc)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    needed = _required(doc.severity, options.whys_required)
    steps = len(doc.whys)
    if steps >= needed:
        return
    counted = "no steps" if steps == 0 else f"{steps} step" + ("" if steps == 1 else "s")
    yield Violation(
        span=_anchor(doc),
        message=f"Five Whys has {counted}; {doc.severity} needs {needed}",
        suggestion="keep asking why until the answer is a process or design gap an action can close",
    )


RULE = Rule(
    code="PM301",
    name="shallow-five-whys",
    summary="The Five Whys are shallower than the severity requires.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
