"""The timeline says when, not "eventually".

## What it does
Reports vague time phrases in the Timeline section: "eventually", "shortly
after", "at some point", "later", "soon after", "after a while", "a few
minutes later", "in the meantime", "meanwhile" and similar. Matching is
case-insensitive and on whole words, so `latency` or `later-stage` do not
match.

Not reported, because they are not the author's account of time:

- text in code blocks and in inline code (`` `retry-later` ``, quoted log
  lines, command names);
- a measured interval (`30 minutes later`, `2 hours later`);
- a deadline (`no later than 15:30`).

## Why is this bad?
Seed 000 names the failure: timelines that say "eventually" or "shortly
after" instead of a time. A vague phrase hides exactly the gaps the review
needs (how long until someone noticed, how long the fix took), and usually
marks a stretch nobody reconstructed from logs.

## Example
```markdown
## Timeline
All times in UTC.

- 09:15 — Alert fires
- Shortly after, the on-call engineer is paged
- The system eventually recovers
```

Use instead:
```markdown
## Timeline
All times in UTC.

- 09:15 — Alert fires
- 09:18 — On-call engineer paged
- 13:38 — System restored
```

## Options
- `sections`: the canonical section keys searched. Default: timeline.
- `phrases`: the vague phrases. Extend with `extend_phrases`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Document
from pmlint.rules._text import find_phrases
from pmlint.rules.base import Rule, Violation

DEFAULT_PHRASES = (
    "eventually", "shortly after", "shortly afterwards", "shortly afterward", "shortly thereafter",
    "at some point", "at one point", "at some stage", "later", "later on", "soon after",
    "soon afterwards", "some time later", "sometime later", "some time after", "after some time",
    "after a while", "a while later", "a bit later", "a little later", "a few minutes later",
    "a few hours later", "some minutes later", "some hours later", "not long after",
    "before long", "around then", "around that time", "in the meantime", "meanwhile",
    "in due course",
)
# Only read once a phrase was found.
_INTERVAL = lazy_pattern(
    r"\d+(?:[.,]\d+)?\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\s*$", re.I
)
_DEADLINE = lazy_pattern(r"^\s+than\b", re.I)
_CODE_SPAN = lazy_pattern(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True, eq=False, repr=False)
class Options:
    """See ``## Options`` in the module docstring."""

    sections: tuple[str, ...] = ("timeline",)
    phrases: tuple[str, ...] = DEFAULT_PHRASES


def _code_ranges(line: str) -> list[tuple[int, int]]:
    """Inline code spans of a line, in order and not overlapping."""
    return [(code.start(), code.end()) for code in _CODE_SPAN().finditer(line)]


def _in_code(code: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(code, start, key=lambda span: span[0]) - 1
    return index >= 0 and code[index][0] <= start and end <= code[index][1]


def _excused(line: str, start: int, end: int, phrase: str, code: list[tuple[int, int]]) -> bool:
    """Inline code, a measured interval or a deadline: not a vague time."""
    if _in_code(code, start, end):
        return True
    if phrase.lower().split()[0] != "later":
        return False
    # Only the few characters around the phrase matter; bounded so long lines stay linear.
    return bool(_INTERVAL().search(line[max(0, start - 40) : start]) or _DEADLINE().match(line[end : end + 20]))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    sections = doc.sections_for(*options.sections)
    code_by_line: dict[int, list[tuple[int, int]]] = {}
    for span, phrase in find_phrases(doc, sections, options.phrases):
        line = doc.source.line(span.line)
        if span.line not in code_by_line:
            code_by_line = {span.line: _code_ranges(line)}  # one line at a time: phrases come in line order
        if _excused(line, span.column - 1, span.end_column - 1, phrase, code_by_line[span.line]):
            continue
        yield Violation(
            span=span,
            message=f"vague time phrase '{phrase}'",
            suggestion="give the event its own HH:MM time from logs, alerts or chat history",
        )


RULE = Rule(
    code="PM204",
    name="vague-time-phrase",
    summary="The timeline uses a vague time phrase instead of a time.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
