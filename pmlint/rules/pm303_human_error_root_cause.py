"""The root cause does not stop at human error.

## What it does
Reports an analysis that bottoms out at a person: the answer to the last why,
or the Root Cause section's own text (not its sub-sections and not the why
steps), says "human error", "operator error", "engineer error", "user
error", "a mistake by …", "someone forgot", "didn't check" and similar.
The finding points at the phrase.

A phrase is found across the line breaks of a hard-wrapped paragraph and
through inline markup. Not reported: a phrase that is negated just before it
("not human error", "rather than operator error"); a verb phrase ("didn't
check", "failed to verify", "forgot to") whose subject is not a person ("the
pipeline did not check" describes a missing safeguard, which is the point);
and text in headings, block quotes, inline code or code blocks.

## Why is this bad?
An analysis should never bottom out at "human error": that is a symptom,
not a root cause (the Google SRE book and the Atlassian incident handbook
both ask what in the system made the error possible). People act sensibly with the information and
tools they have; the useful question is why the system let a slip become an
incident (no check in the deploy process, no validation, no alert). An
analysis that ends at a person produces "be more careful" actions that
prevent nothing.

## Example
```markdown
### Five Whys
1. **Why did the deploy break checkout?** The migration had not run.
2. **Why had it not run?** The engineer didn't check the migration status.
```

Use instead:
```markdown
### Five Whys
1. **Why did the deploy break checkout?** The migration had not run.
2. **Why had it not run?** The deploy continued when the migration step failed.
3. **Why did it continue?** The deploy process has no migration status check.
```

## Options
- `phrases`: the human-error phrases. Extend with `extend_phrases`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator
from typing import NamedTuple

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Document, Section, WhyStep
from pmlint.rules._prose import Hit, negated, phrase_hits
from pmlint.rules._text import may_contain
from pmlint.rules.base import Rule, Violation

DEFAULT_PHRASES = (
    "human error", "human mistake", "operator error", "engineer error", "user error", "pilot error",
    "manual error", "a mistake by", "mistake by", "made a mistake", "someone forgot", "forgot to",
    "didn't check", "did not check", "didn't notice", "did not notice", "didn't verify",
    "did not verify", "failed to check", "failed to notice", "failed to verify", "was careless",
    "carelessness", "not careful enough", "wasn't careful", "was not careful", "lack of attention",
    "negligence",
)
_ANSWER_LEAD = re.compile(r"^\s*(?:[-*+>]\s+)?(?:→|->|=>|⇒|A:|Answer:|Because\b)?", re.I)  # as pmlint.document.whys
# "didn't check" blames a person only with a person as its subject ("the pipeline did not check" is a gap).
_VERB_PHRASE = lazy_pattern(r"^(?:didn't|did\s+not|failed\s+to|forgot\s+to)\b", re.I)
_HUMAN_SUBJECT = lazy_pattern(
    r"\b(?:engineers?|operators?|developers?|admins?|administrators?|on-?call|sres?|dbas?|reviewers?|"
    r"someone|somebody|nobody|he|she|they|we|i|staff|employees?|users?|humans?|people|person|"
    r"@[\w.-]+)\W+(?:[\w-]+\W+){0,2}$",
    re.I,
)
_SUGGESTION = ("ask why the system allowed it: what made the slip possible and why nothing caught it "
               "(an analysis never bottoms out at human error)")


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    phrases: tuple[str, ...] = DEFAULT_PHRASES


def _human_error(hit: Hit) -> bool:
    """Not negated, and a verb phrase ("didn't check") only with a person as its subject."""
    text = hit.run.text
    if negated(text, hit.start):
        return False
    before = text[max(0, hit.start - 80) : hit.start]  # a few words back; bounded for long runs
    return not (_VERB_PHRASE().match(hit.phrase) and not _HUMAN_SUBJECT().search(before))


def _hits(doc: Document, phrases: tuple[str, ...], numbers: Collection[int]) -> Iterator[Hit]:
    return (hit for hit in phrase_hits(doc, phrases, numbers=numbers) if _human_error(hit))


def _answer_lines(doc: Document, step: WhyStep) -> Iterator[tuple[int, int]]:
    """(line, start index) of each line the step's answer was read from.

    The answer is the parser's join of those lines, so each following line
    belongs to it only while its text continues the answer in order.
    """
    if step.answer_span is None:
        return
    span = step.answer_span
    first = doc.source.line(span.line)[span.column - 1 : span.end_column - 1].strip()
    yield span.line, span.column - 1
    cursor = step.answer.find(first) + len(first) if first else 0
    number = span.line + 1
    while number <= len(doc.source.lines):
        piece = _ANSWER_LEAD.sub("", doc.source.line(number)).strip()
        found = step.answer.find(piece, cursor) if piece else -1
        if found < 0:
            return
        yield number, 0
        cursor = found + len(piece)
        number += 1


def _own_end(section: Section, headings: list[int]) -> int:
    """The line (exclusive) where the section's own text ends: its first sub-section (``headings`` sorted)."""
    index = bisect.bisect_left(headings, section.body.line)
    return min(headings[index] if index < len(headings) else section.body.end_line, section.body.end_line)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if not may_contain(doc, options.phrases):
        return  # most files hold no phrase's words at all
    why_lines: set[int] = set()
    if doc.whys:
        answer = list(_answer_lines(doc, doc.whys[-1]))
        if answer:
            first, start = answer[0]
            for hit in _hits(doc, options.phrases, {number for number, _ in answer}):
                if hit.span.line == first and hit.span.column <= start:
                    continue  # the question, not the answer
                yield Violation(hit.span, f"the last why ends at '{hit.phrase}': human error is not a root cause",
                                _SUGGESTION)
    sections = doc.sections_for("root_cause")
    if not sections:
        return
    for step in doc.whys:
        why_lines.add(step.span.line)
        why_lines.update(number for number, _ in _answer_lines(doc, step))
    headings = sorted(s.span.line for s in doc.sections)
    own = {number for section in sections for number in range(section.body.line, _own_end(section, headings))}
    for hit in _hits(doc, options.phrases, own - why_lines):
        yield Violation(hit.span, f"the root cause names '{hit.phrase}': human error is not a root cause",
                        _SUGGESTION)


RULE = Rule(
    code="PM303",
    name="human-error-root-cause",
    summary="The root cause analysis ends at human error.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
