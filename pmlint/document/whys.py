"""Read Five Whys steps from Root Cause and Five Whys sections.

Recognised forms (from the seeds)::

    WHY 1: Why was the payment system unavailable?
    → Database failover did not trigger automatically.

    1. **Why did the database become overloaded?** A table scan ran on every lookup.

    **Why was a table scan running?**
    → The index on `orders.customer_id` was missing

    Why did users see 500 errors? → Database was refusing connections
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pmlint.document.model import Section, WhyStep
from pmlint.document.source import SourceFile, Span

_QUESTION = re.compile(
    r"^\s*(?:[-*+]\s+|(?P<item>\d+)[.)]\s+|>\s*)?(?:\*\*|__)?\s*"
    r"(?:(?:why|q)\s*(?P<num>\d+)\s*[:.)\-–—]\s*(?:\*\*|__)?\s*(?P<q1>[^\n]*?\?)"
    r"|(?P<q2>why\b[^?\n]*\?))"
    r"(?:\*\*|__)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ARROW = re.compile(r"^\s*(?:[-*+>]\s+)?(?:→|->|=>|⇒|A:|Answer:|Because\b)\s*", re.IGNORECASE)
_REST_LEAD = re.compile(r"^(?:→|->|=>|⇒|—|–|:|-|\*\*A:\*\*|A:)\s*")
_STOP = re.compile(r"^\s*(?:→|->)\s*(?:action|fix|corrective)\b|^\s*[A-Z][A-Z ]{6,}:?\s*$", re.I)
_NEW_BLOCK = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|#|\|)")
_WHY_KEYS = ("root_cause", "five_whys")


def read_whys(source: SourceFile, sections: Iterable[Section]) -> tuple[WhyStep, ...]:
    lines: set[int] = set()
    for section in sections:
        if section.key in _WHY_KEYS:
            lines.update(range(section.body.line, section.body.end_line))
    steps: list[WhyStep] = []
    ordered = sorted(lines)
    index = 0
    while index < len(ordered):
        number = ordered[index]
        match = _QUESTION.match(source.line(number))
        if not match:
            index += 1
            continue
        step, index = _step(source, ordered, index, match)
        steps.append(step)
    return tuple(steps)


def _step(source: SourceFile, ordered: list[int], index: int, match: re.Match[str]) -> tuple[WhyStep, int]:
    line = ordered[index]
    raw = source.line(line)
    question = (match["q1"] or match["q2"] or "").strip(" *_")
    rest = _REST_LEAD.sub("", match["rest"].strip(" *_")).strip()
    answer_parts: list[str] = []
    answer_span: Span | None = None
    if rest:
        answer_parts.append(rest)
        col = raw.find(rest) + 1
        answer_span = Span(line, col, line, col + len(rest))
    index += 1
    while index < len(ordered) and ordered[index] == ordered[index - 1] + 1:
        text = source.line(ordered[index])
        if not text.strip() or _QUESTION.match(text) or _STOP.match(text):
            break
        arrow = _ARROW.match(text)
        if not arrow and _NEW_BLOCK.match(text):
            break  # a new list item, heading or table row; a plain next line continues the paragraph
        part = text[arrow.end():] if arrow else text
        if answer_span is None:
            col = len(text) - len(part.lstrip()) + 1
            answer_span = Span(ordered[index], col, ordered[index], len(text) + 1)
        answer_parts.append(part.strip())
        index += 1
    digits = match["num"] or match["item"]
    number = int(digits) if digits else None
    answer = " ".join(p for p in answer_parts if p)
    step = WhyStep(number, question, answer, Span(line, 1, line, len(raw) + 1), answer_span)
    return step, index
