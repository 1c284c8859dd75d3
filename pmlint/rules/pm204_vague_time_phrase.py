"""The timeline says when, not "eventually".

## What it does
Reports vague time phrases in the Timeline section: "eventually", "shortly
after", "at some point", "later", "soon after", "after a while", "a few
minutes later", "in the meantime", "meanwhile" and similar. Matching is
case-insensitive and on whole words, so `latency` or `later-stage` do not
match.

A phrase is found across the line breaks of a hard-wrapped entry and
through inline markup (`**shortly** after`).

Not reported, because they are not the author's account of time:

- text in code blocks and in inline code (`` `retry-later` ``, quoted log
  lines, command names), block quotes and headings;
- a measured interval (`30 minutes later`, `2 hours later`);
- a deadline (`no later than 15:30`);
- when something became known, not when it happened: "later we would find
  out", "as we later learned", "it was later found".

## Why is this bad?
A timeline is reconstructed from logs, alerts and chat history so that
each step has a time (the Google SRE book's example post-mortem, the
PagerDuty guide); "eventually" or "shortly after" stand where that did not
happen. A vague phrase hides exactly the gaps the review
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

import re
from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Document
from pmlint.rules._prose import phrase_hits, section_lines
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
# "later we would find out", "as we later learned": when knowledge arrived, told in the narrative
_FINDING = r"(?:find|found|see|confirm|determin|identif|learn|discover|reali[sz]|turn|understand|establish|know|show)"
_LEARNING = r"(?:learn|discover|reali[sz]|turned\W+out|understo|establish|knew|known)"
_KNOWLEDGE = lazy_pattern(
    rf"^\W*(?:on\W+)?(?:(?:we|i|it|they|he|she|this|that)\W+)?"
    rf"(?:(?:would|will)\W+(?:be\W+)?{_FINDING}|(?:be\W+|was\W+|were\W+)?{_LEARNING})",
    re.I,
)
# "would later find", "was later determined", "as we later learned"
_KNOWER = lazy_pattern(r"\b(?:would|will|was|were|been|we|i|they)\W+$", re.I)
_FINDING_NEXT = lazy_pattern(rf"^\W*{_FINDING}", re.I)


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    sections: tuple[str, ...] = ("timeline",)
    phrases: tuple[str, ...] = DEFAULT_PHRASES


def _excused(text: str, start: int, end: int, phrase: str) -> bool:
    """A measured interval, a deadline or the arrival of knowledge: not a vague time."""
    if phrase.lower().split()[0] != "later":
        return False
    # Only the few characters around the phrase matter; bounded so long runs stay linear.
    after = text[end : end + 60]
    before = text[max(0, start - 40) : start]
    if _INTERVAL().search(before) or _DEADLINE().match(after) or _KNOWLEDGE().match(after):
        return True
    return bool(_KNOWER().search(before) and _FINDING_NEXT().match(after))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    lines = section_lines(doc, doc.sections_for(*options.sections))
    if not lines:
        return
    for hit in phrase_hits(doc, options.phrases, numbers=lines):
        if _excused(hit.run.text, hit.start, hit.end, hit.phrase):
            continue
        yield Violation(
            span=hit.span,
            message=f"vague time phrase '{hit.phrase}'",
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
