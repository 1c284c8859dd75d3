"""An action item says exactly what will be different when it is done.

## What it does
Reports an action item whose text contains a vague phrase: `improve
monitoring`, `be more careful`, `more tests`, `better communication`,
`investigate`, `look into`, `make sure`, `train engineers`, `raise
awareness`, `double-check` … (matched case-insensitively as whole words),
or that opens with a verb that defers the work (`Consider …`, `Discuss …`,
`Reflect on …`): "add an alert, consider paging too" is specific, "consider
adding an alert" is not. The finding points at the phrase inside the action.

Items already done (a Done status, a ticked box, `(done)`, "We rotated the
keys") and proposals (items under "Potential action items", or written with
only "could") are skipped, as by every rule about what an open item still
needs (PM401 to PM407).

## Why is this bad?
Action items should be specific and verifiable (the Atlassian incident
handbook's guidance on post-mortem actions): "improve monitoring" cannot be
finished, because nobody can say when it is done; "be more careful" puts the
fix in people's heads, where the next incident will find it missing. A
specific action names the metric, the threshold, the check or the change,
so that a reviewer can confirm it happened.

## Example
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Improve monitoring of the database | @dana.kim | P1 | 2026-04-01 |
| AI-002 | Be more careful with migrations | @lee.chen | P1 | 2026-04-01 |
```

Use instead:
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Page when orders-db connections pass 80% for 5 minutes | @dana.kim | P1 | 2026-04-01 |
| AI-002 | Fail the deploy when a migration exits non-zero | @lee.chen | P1 | 2026-04-01 |
```

## Options
- `phrases`: the vague phrases. Default: improve/better/more monitoring,
  improve/better alerting, be more careful, more careful, more tests, add more
  tests, more testing, better testing, better/improve communication,
  investigate, look into, monitor the situation, keep an eye on, improve the
  process, review the process, raise awareness, fix the issue, fix the problem,
  make sure, train engineers, remind engineers, double-check, pay more
  attention, be vigilant.
- `leading_phrases`: phrases that are vague only when the action starts with
  them. Default: consider, discuss, reflect on, think about, explore.
- `extend_phrases`, `extend_leading_phrases`: phrases added to the lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import ActionItem, Document
from pmlint.document.source import SourceFile, Span
from pmlint.rules._open_items import open_actions
from pmlint.rules._text import holds_key, phrase_keys, phrase_pattern, search_in, text_keys
from pmlint.rules.base import Rule, Violation

DEFAULT_PHRASES = (
    "improve monitoring", "better monitoring", "more monitoring", "improve alerting",
    "better alerting", "be more careful", "more careful", "more tests", "add more tests",
    "more testing", "better testing", "better communication", "improve communication",
    "investigate", "look into", "monitor the situation", "keep an eye on", "improve the process",
    "review the process", "raise awareness", "fix the issue", "fix the problem", "make sure",
    "train engineers", "remind engineers", "double-check", "double check", "pay more attention",
    "be vigilant", "be more vigilant",
)
DEFAULT_LEADING_PHRASES = ("consider", "discuss", "reflect on", "think about", "explore")
_CODE = lazy_pattern(r"(`+)[^`]*?\1")  # only for an action with inline code
_OPENING = " \t*_`>:-–—"  # emphasis and punctuation before an action's first word
# What a specific version of each kind of vague action names.
_HINTS = (
    (("monitor", "alert", "eye"), "name the metric, the threshold and who gets paged"),
    (("test",), "name the test and the failure it must catch"),
    (("careful", "train", "remind", "awareness", "attention", "vigilant", "double", "sure"),
     "change the system (a check, guard or automation) instead of asking people to remember"),
    (("communication",), "name the channel, the trigger and the audience"),
    (("investigate", "look", "consider", "discuss", "reflect", "think", "explore"),
     "state the change itself, or the decision this must produce and by when"),
)


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    phrases: tuple[str, ...] = DEFAULT_PHRASES
    leading_phrases: tuple[str, ...] = DEFAULT_LEADING_PHRASES


def _hint(phrase: str) -> str:
    lowered = phrase.lower()
    for words, hint in _HINTS:
        if any(word in lowered for word in words):
            return hint
    return "say exactly what will be different when this is done and how to verify it"


def _vague_phrase(
    action: str, options: Options, search: bool = True, lead: bool = True
) -> re.Match[str] | None:
    """A vague phrase anywhere in the action (outside inline code), or a deferring verb at its start.

    ``search=False``: the caller knows no phrase can occur, only the start is read;
    ``lead=False``: it knows no leading phrase can occur. Either way that list is
    not compiled.
    """
    if not (search or lead):
        return None
    if "`" in action:
        action = _CODE().sub(lambda code: " " * len(code.group(0)), action)
    match = search_in(action, options.phrases) if search else None
    leading = phrase_pattern(options.leading_phrases) if lead else None
    if match is None and leading is not None:
        match = leading.match(action, len(action) - len(action.lstrip(_OPENING)))
    return match


def _phrase_span(source: SourceFile, item: ActionItem, start: int, end: int) -> Span:
    """The phrase's span when the action text stands verbatim on its line, else the action's."""
    span = item.span_of("action")
    line = source.line(span.line)
    column = span.column - 1
    if span.end_line == span.line and line[column : column + len(item.action)] == item.action:
        return Span(span.line, column + start + 1, span.line, column + end + 1)
    return span


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if not doc.actions:
        return
    # One cheap look at all the actions' text decides whether any phrase can occur at all.
    actions = "\n".join(item.action for item in doc.actions)
    search = holds_key(actions, text_keys(actions, phrase_keys(options.phrases)))
    lead = holds_key(actions, text_keys(actions, phrase_keys(options.leading_phrases)))
    if not (search or lead):
        return
    for item in open_actions(doc):
        match = _vague_phrase(item.action, options, search, lead)
        if match is None:
            continue
        yield Violation(
            span=_phrase_span(doc.source, item, match.start(), match.end()),
            message=f"action item '{item.label}' is vague: '{match.group(0)}'",
            suggestion=_hint(match.group(0)),
        )


RULE = Rule(
    code="PM405",
    name="vague-action",
    summary="An action item is vague (improve monitoring, be more careful, more tests …).",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
