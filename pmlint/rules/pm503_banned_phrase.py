"""Configurable banned phrases, by default hindsight words.

## What it does
Reports configured phrases anywhere in the document's prose (not in code).
The default list holds hindsight words: `obviously`, `clearly`, `simply`,
`of course`, `needless to say`, `just had to` … Teams add their own
(`extend_phrases`) or replace the list (`phrases`). Reported as a warning.

## Why is this bad?
Seed 004 on hindsight bias: after the outcome is known, the failure always
looks obvious. "The engineer simply had to run the check" tells the next
reader the situation was easy, hides what was actually known at the time,
and quietly blames whoever did not see it.

## Example
```markdown
## Contributing Factors
- The alert was obviously too late: the on-call just had to look at the graph.
```

Use instead:
```markdown
## Contributing Factors
- The alert fired 23 minutes after latency started rising; the graph that
  showed the rise was not linked from the alert.
```

## Options
- `phrases`: the banned phrases, matched case-insensitively as whole words.
  Default: obviously, clearly, simply, of course, needless to say,
  just had to, just needed to, all they had to do, trivially.
- `extend_phrases`: phrases added to the list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmlint.document.model import Document
from pmlint.rules._prose import phrase_matches
from pmlint.rules.base import Rule, Violation

DEFAULT_PHRASES = (
    "obviously", "clearly", "simply", "of course", "needless to say", "just had to",
    "just needed to", "all they had to do", "trivially",
)


@dataclass(frozen=True, eq=False, repr=False)
class Options:
    """See ``## Options`` in the module docstring."""

    phrases: tuple[str, ...] = DEFAULT_PHRASES


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for span, phrase in phrase_matches(doc, options.phrases):
        yield Violation(
            span=span,
            message=f"banned phrase: '{phrase}'",
            suggestion="describe what was known at the time, without hindsight",
        )


RULE = Rule(
    code="PM503",
    name="banned-phrase",
    summary="A banned phrase (by default a hindsight word: obviously, clearly, simply …).",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
