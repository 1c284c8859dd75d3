"""Post-mortems describe systems, not culprits.

## What it does
Reports blame words anywhere in the document's prose: `human error`,
`should have known`, `should have caught`, `careless`, `at fault`, `fault`,
`blame`, `negligent`, `incompetent`, `sloppy`, `screwed up`, `dropped the
ball`, `rookie mistake` … Matches are whole words, so `blameless`,
`default` and `fault-tolerant` never fire; technical uses on the `allow`
list (`fault injection`, `fault tolerance`, `hardware fault`, `git blame`,
`no blame` …) are skipped. Code blocks and inline code are not prose.

## Why is this bad?
Seed 000: "Individual error is almost always a symptom of a system that made
that error possible or likely." Blame words end the analysis at a person,
make the next post-mortem less honest, and hide the process gap that will
produce the same incident with a different person.

## Example
```markdown
## Root Cause
The outage was caused by human error: a careless engineer skipped a step.
```

Use instead:
```markdown
## Root Cause
The deploy process let a release skip the migration check: the step was
manual and nothing failed when it was missed.
```

## Options
- `phrases`: the blame phrases. Default: human error, human mistake, operator
  error, user error, should have known, should have caught, should have
  noticed, should have checked, careless, carelessly, carelessness, at fault,
  fault, his fault, her fault, their fault, blame, blamed, to blame,
  negligent, negligence, incompetent, incompetence, sloppy, lazy, screwed up,
  messed up, dropped the ball, didn't bother, did not bother, rookie mistake,
  stupid mistake, dumb mistake, irresponsible, reckless.
- `extend_phrases`: phrases added to the default list.
- `allow`: phrases that contain a blame word but are not blame; a match
  inside one of them is skipped. Default: blameless, no blame, without blame,
  not to blame, blame-free, git blame, fault injection, fault tolerance,
  fault tolerant, fault domain, fault isolation, fault detection, page fault,
  segmentation fault, hardware fault, network fault, disk fault, power fault,
  and a hypothesis responders held: assumed/suspected user (or human) error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pmlint.model import Document
from pmlint.rules._text import may_contain, phrase_pattern
from pmlint.rules.base import Rule, Violation
from pmlint.source import Span

DEFAULT_PHRASES = (
    "human error", "human mistake", "operator error", "user error", "should have known",
    "should have caught", "should have noticed", "should have checked", "careless", "carelessly",
    "carelessness", "at fault", "fault", "his fault", "her fault", "their fault", "blame", "blamed",
    "to blame", "negligent", "negligence", "incompetent", "incompetence", "sloppy", "lazy",
    "screwed up", "messed up", "dropped the ball", "didn't bother", "did not bother",
    "rookie mistake", "stupid mistake", "dumb mistake", "irresponsible", "reckless",
)
DEFAULT_ALLOW = (
    "blameless", "no blame", "without blame", "not to blame", "blame-free", "git blame",
    "fault injection", "fault tolerance", "fault tolerant", "fault domain", "fault isolation",
    "fault detection", "page fault", "segmentation fault", "hardware fault", "network fault",
    "disk fault", "power fault",
    # what responders believed at the time is not blame ("Assumed user error at the time.")
    "assumed user error", "assumed human error", "suspected user error", "suspected human error",
)
# Inline code, link targets and autolinks are not prose. Possessive runs and
# excluded brackets keep this linear on pathological (2 MB) lines.
_NOT_PROSE = re.compile(r"(?<!`)(`++)[^`]*+\1(?!`)|\]\([^()\[\]\s]*+\)|<https?://[^<>\s]*+>")


@dataclass(frozen=True)
class Options:
    phrases: tuple[str, ...] = DEFAULT_PHRASES
    allow: tuple[str, ...] = DEFAULT_ALLOW


def _prose_numbers(doc: Document) -> Iterator[int]:
    start = doc.front_matter.span.end_line if doc.front_matter.kind == "yaml" else 1
    html = {n for s in doc.sections for b in s.blocks if b.kind == "html"
            for n in range(b.span.line, max(b.span.end_line, b.span.line + 1))}
    for number in range(max(start, 1), len(doc.source.lines) + 1):
        if number not in doc.code_lines and number not in html:
            yield number


def prose_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """(line number, text) of every prose line after the front matter.

    Code blocks and HTML blocks are skipped; inline code, link targets and
    HTML comments are blanked with spaces so that columns stay true.
    """
    for number in _prose_numbers(doc):
        yield number, _blank_non_prose(doc.source.line(number))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _blank_non_prose(line: str) -> str:
    """Blank inline code, link targets and HTML comments with spaces, keeping columns."""
    line = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line)
    start = line.find("<!--")
    while start >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            break
        line = _blank(line, start, end + 3)
        start = line.find("<!--", end + 3)
    return line


@lru_cache(maxsize=64)
def _key_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The longest word of each phrase: a line without any of them cannot match."""
    return tuple({max(p.lower().split(), key=len) for p in phrases if p.split()})


def _inside(covered: list[tuple[int, int]], start: int, end: int, index: int) -> tuple[bool, int]:
    """Whether [start, end) lies in one of the sorted, disjoint ``covered`` spans (and the cursor)."""
    while index < len(covered) and covered[index][1] < end:
        index += 1
    return index < len(covered) and covered[index][0] <= start, index


def phrase_matches(
    doc: Document, phrases: tuple[str, ...], allow: tuple[str, ...] = ()
) -> Iterator[tuple[Span, str]]:
    """Every phrase in the prose that does not lie inside an allowed phrase."""
    pattern = phrase_pattern(phrases)
    allowed = phrase_pattern(allow)
    if pattern is None:
        return
    if not may_contain(doc, phrases):
        return  # most post-mortems hold none of the phrases' words at all
    keys = _key_words(phrases)
    for number in _prose_numbers(doc):
        raw = doc.source.line(number)
        lowered = raw.lower()
        if not any(word in lowered for word in keys):
            continue  # cheap pre-check: most lines hold no phrase at all
        line = _blank_non_prose(raw)
        covered = [m.span() for m in allowed.finditer(line)] if allowed else []
        cursor = 0
        for match in pattern.finditer(line):
            inside, cursor = _inside(covered, match.start(), match.end(), cursor)
            if not inside:
                yield Span(number, match.start() + 1, number, match.end() + 1), match.group(0)


def _suggestion(phrase: str) -> str:
    if "error" in phrase.lower() or "mistake" in phrase.lower():
        return ("ask what made the error possible or likely, and name that gap: "
                "'the deploy had no check for pending migrations'")
    return ("reframe around the system: 'what in our process allowed this?' "
            "instead of 'who got it wrong?'")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for span, phrase in phrase_matches(doc, options.phrases, options.allow):
        yield Violation(span=span, message=f"blame language: '{phrase}'", suggestion=_suggestion(phrase))


RULE = Rule(
    code="PM501",
    name="blame-language",
    summary="Blame language (human error, careless, fault, should have known …).",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
