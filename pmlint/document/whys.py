"""Read Five Whys steps from Root Cause and Five Whys sections.

Recognised forms::

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

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Section, WhyStep
from pmlint.document.source import SourceFile, Span

_QUESTION = lazy_pattern(
    r"^\s*(?:[-*+]\s+|(?P<item>\d+)[.)]\s+|>\s*)?(?:\*\*|__)?\s*"
    r"(?:(?:why|q)\s*#?\s*(?P<num>\d+)\s*[:.)\-–—]\s*(?:\*\*|__)?\s*(?P<q1>[^\n]*?\?)"
    r"|(?P<q2>why\b[^?\n]*\?))"
    r"(?:\*\*|__)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ARROW = lazy_pattern(r"^\s*(?:[-*+>]\s+)?(?:→|->|=>|⇒|A:|Answer:|Because\b)\s*", re.IGNORECASE)
_REST_LEAD = lazy_pattern(r"^(?:→|->|=>|⇒|—|–|:|-|\*\*A:\*\*|A:)\s*")
_STOP = lazy_pattern(r"^\s*(?:→|->)\s*(?:action|fix|corrective)\b|^\s*[A-Z][A-Z ]{6,}:?\s*$", re.I)
_NEW_BLOCK = lazy_pattern(r"^(?:[-*+]\s|\d+[.)]\s|#|\|)")
_WHY_KEYS = ("root_cause", "five_whys")
#: a link of a "Because …" chain: "- Because the check allowed any user."
_BECAUSE = lazy_pattern(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)?(?:\*\*|__)?(?P<answer>because\b)", re.IGNORECASE)
_BECAUSE_LEAD = lazy_pattern(r"^(?:\*\*|__)?because\b\s*", re.IGNORECASE)
_MARKER = lazy_pattern(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)")
_MARKED = lazy_pattern(r"^\s*(?:[-*+]\s|\d+[.)]\s|>|\*\*|__|#)")


def read_whys(source: SourceFile, sections: Iterable[Section]) -> tuple[WhyStep, ...]:
    steps: list[WhyStep] = []
    for lines in _why_line_runs(sections):
        steps.extend(_section_steps(source, lines))
    return tuple(steps)


def _why_line_runs(sections: Iterable[Section]) -> list[list[int]]:
    """The body lines of each Root Cause / Five Whys section (a nested one joins its parent)."""
    runs: list[list[int]] = []
    seen: set[int] = set()
    for section in sections:
        if section.key in _WHY_KEYS:
            lines = [n for n in range(section.body.line, section.body.end_line) if n not in seen]
            seen.update(lines)
            if lines:
                runs.append(lines)
    return runs


def _section_steps(source: SourceFile, ordered: list[int]) -> list[WhyStep]:
    """Question-and-answer steps and "Because …" chains of one section. A lone why-question in
    a paragraph ("Why did this get merged? Honestly, …") is a rhetorical turn, not an analysis:
    plain-paragraph questions count only when the section asks at least two."""
    steps: list[tuple[WhyStep, bool]] = []
    chain: list[WhyStep] = []
    previous_line = ""  # the last non-blank line, the "why" of a "Because" under it
    index = 0
    while index < len(ordered):
        number = ordered[index]
        text = source.line(number)
        match = _QUESTION().match(text)
        if match:
            steps.extend((step, False) for step in _chain(chain))
            step, index = _step(source, ordered, index, match)
            steps.append((step, _is_plain(text, match)))
            previous_line = ""
            continue
        because = _BECAUSE().match(text)
        # the line above loses its marker and "Because" only under a "Because": most sections never compile those
        if because and (previous := _BECAUSE_LEAD().sub("", _MARKER().sub("", previous_line)).strip()):
            chain.append(_because_step(text, number, because, previous))
        elif text.strip() and _NEW_BLOCK().match(text.lstrip()):
            steps.extend((step, False) for step in _chain(chain))
        if text.strip():
            previous_line = text
        index += 1
    steps.extend((step, False) for step in _chain(chain))
    steps.sort(key=lambda pair: pair[0].span.line)
    plain = sum(1 for _, is_plain in steps if is_plain)
    return [step for step, is_plain in steps if not is_plain or plain >= 2 or len(steps) >= 2]


def _chain(chain: list[WhyStep]) -> list[WhyStep]:
    """The steps of a finished "Because …" chain (one "Because" alone is a sentence, not a
    chain), emptying it."""
    done = chain[:] if len(chain) >= 2 else []
    chain.clear()
    return done


def _is_plain(text: str, match: re.Match[str]) -> bool:
    """A why-question written as running prose: no list marker, number, bold or quote."""
    return not (match["item"] or match["num"] or _MARKED().match(text))


def _because_step(text: str, line: int, because: re.Match[str], previous: str) -> WhyStep:
    """One link of a "Because …" chain: the answer to why the line above it happened."""
    answer = text[because.start("answer"):].strip()
    column = because.start("answer") + 1
    question = "Why " + previous.rstrip(" .") + "?"
    return WhyStep(None, question, answer, Span(line, 1, line, len(text) + 1),
                   Span(line, column, line, column + len(answer)))


def _step(source: SourceFile, ordered: list[int], index: int, match: re.Match[str]) -> tuple[WhyStep, int]:
    line = ordered[index]
    raw = source.line(line)
    question = (match["q1"] or match["q2"] or "").strip(" *_")
    rest = _REST_LEAD().sub("", match["rest"].strip(" *_")).strip()
    answer_parts: list[str] = []
    answer_span: Span | None = None
    if rest:
        answer_parts.append(rest)
        col = raw.find(rest) + 1
        answer_span = Span(line, col, line, col + len(rest))
    index += 1
    while index < len(ordered) and ordered[index] == ordered[index - 1] + 1:
        text = source.line(ordered[index])
        if not text.strip() or _QUESTION().match(text) or _STOP().match(text):
            break
        arrow = _ARROW().match(text)
        if not arrow and _NEW_BLOCK().match(text):
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
