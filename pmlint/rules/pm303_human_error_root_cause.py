"""The root cause does not stop at human error.

## What it does
Reports an analysis that bottoms out at a person: the answer to the last why,
or the Root Cause section's own text (not its sub-sections and not the why
steps), says "human error", "operator error", "engineer error", "user
error", "a mistake by …", "someone forgot", "didn't check" and similar.
The finding points at the phrase.

Not reported: a phrase that is negated just before it on the same line ("not
human error", "rather than operator error"); a verb phrase ("didn't check",
"failed to verify", "forgot to") whose subject is not a person ("the
pipeline did not check" describes a missing safeguard, which is the point);
and text in inline code or code blocks.

## Why is this bad?
Seed 002: "The Five Whys should never bottom out at 'human error' — that's a
symptom, not a root cause." People act sensibly with the information and
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
from collections.abc import Iterator
from dataclasses import dataclass

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Document, Section, WhyStep
from pmlint.document.source import Span
from pmlint.rules._text import body_text, holds_key, line_keys, phrase_pattern
from pmlint.rules.base import Rule, Violation

DEFAULT_PHRASES = (
    "human error", "human mistake", "operator error", "engineer error", "user error", "pilot error",
    "manual error", "a mistake by", "mistake by", "made a mistake", "someone forgot", "forgot to",
    "didn't check", "did not check", "didn't notice", "did not notice", "didn't verify",
    "did not verify", "failed to check", "failed to notice", "failed to verify", "was careless",
    "carelessness", "not careful enough", "wasn't careful", "was not careful", "lack of attention",
    "negligence",
)
# Read only around a phrase that was found.
_NEGATION = lazy_pattern(
    r"\b(?:not|never|no|rather than|instead of|beyond|than|isn't|wasn't)\W+(?:\w+\W+){0,2}$", re.I
)
_CODE_SPAN = lazy_pattern(r"(`+)(?:(?!\1).)+?\1")
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
               "(seed 002: never bottom out at human error)")


@dataclass(frozen=True, eq=False, repr=False)
class Options:
    """See ``## Options`` in the module docstring."""

    phrases: tuple[str, ...] = DEFAULT_PHRASES


def _hits(phrases: tuple[str, ...], line: str, number: int, start: int = 0) -> Iterator[Span]:
    """Human-error phrases on one line, skipping negated ones and inline code.

    Only lines that passed the key pre-check come here, so the phrases are
    compiled only for a file that may hold one.
    """
    pattern = phrase_pattern(phrases)
    if pattern is None:
        return
    code = [(m.start(), m.end()) for m in _CODE_SPAN().finditer(line)]
    for match in pattern.finditer(line, start):
        index = bisect.bisect_right(code, match.start(), key=lambda span: span[0]) - 1
        if index >= 0 and match.end() <= code[index][1]:
            continue  # inside inline code
        before = line[max(0, match.start() - 80) : match.start()]  # a few words back; bounded for long lines
        if _NEGATION().search(before):
            continue
        if _VERB_PHRASE().match(match.group(0)) and not _HUMAN_SUBJECT().search(before):
            continue
        yield Span(number, match.start() + 1, number, match.end() + 1)


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


def _own_lines(doc: Document, section: Section, headings: list[int]) -> Iterator[tuple[int, str]]:
    """The section's text lines before its first sub-section (``headings`` sorted)."""
    end = _own_end(section, headings)
    for number, text in doc.text_lines(section):
        if number >= end:
            break
        yield number, text


def check(doc: Document, options: Options) -> Iterator[Violation]:
    keys = line_keys(doc, options.phrases)
    if keys is not None and not keys:
        return  # no phrase occurs anywhere in the file
    if doc.whys:
        for number, start in _answer_lines(doc, doc.whys[-1]):
            line = doc.source.line(number)
            if not holds_key(line[start:], keys):
                continue
            for span in _hits(options.phrases, line, number, start):
                phrase = line[span.column - 1 : span.end_column - 1]
                yield Violation(span, f"the last why ends at '{phrase}': human error is not a root cause",
                                _SUGGESTION)
    headings = sorted(s.span.line for s in doc.sections)
    candidates: list[tuple[int, str]] = []
    for section in doc.sections_for("root_cause"):
        # one look at the whole text first: usually no phrase
        if holds_key(body_text(doc, section, _own_end(section, headings)), keys):
            candidates.extend((number, text) for number, text in _own_lines(doc, section, headings)
                              if holds_key(text, keys))
    if not candidates:
        return
    why_lines = {step.span.line for step in doc.whys}
    for step in doc.whys:
        why_lines.update(number for number, _ in _answer_lines(doc, step))
    for number, text in candidates:
        if number in why_lines:
            continue
        for span in _hits(options.phrases, text, number):
            phrase = text[span.column - 1 : span.end_column - 1]
            yield Violation(span, f"the root cause names '{phrase}': human error is not a root cause",
                            _SUGGESTION)


RULE = Rule(
    code="PM303",
    name="human-error-root-cause",
    summary="The root cause analysis ends at human error.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
