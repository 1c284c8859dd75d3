"""Every why in the Five Whys has an answer.

## What it does
Reports a Five Whys step whose question has no answer: nothing after the
question on its line (`**Why …?**`, `Why …? →`) and no answer line below it
(`→ …`, an indented line, or a plain line continuing the paragraph), or only
a placeholder (`TBD`, `TODO`, `?`).

## Why is this bad?
An unanswered why is where the analysis stopped. Either the team did not
know (say so, and make finding out an action item) or the document was
left half-written; in both cases the chain below it rests on nothing, and
the systemic cause it was meant to reach is missing.

## Example
```markdown
### Five Whys
1. **Why did checkout fail?** orders-db refused connections.
2. **Why did orders-db refuse connections?**
3. **Why was the limit reached?** Each pod opened 40 connections.
```

Use instead:
```markdown
### Five Whys
1. **Why did checkout fail?** orders-db refused connections.
2. **Why did orders-db refuse connections?** The 400-connection limit was reached.
3. **Why was the limit reached?** Each pod opened 40 connections.
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import Document, WhyStep
from pmlint.document.source import Span
from pmlint.rules.base import NoOptions, Rule, Violation

_PLACEHOLDERS = frozenset({"", "tbd", "tba", "todo", "xxx", "to be determined"})


Options = NoOptions


def _question_span(doc: Document, step: WhyStep) -> Span:
    line = doc.source.line(step.span.line)
    column = line.find(step.question) if step.question else -1
    if column < 0:
        return step.span
    return Span(step.span.line, column + 1, step.span.line, column + 1 + len(step.question))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for step in doc.whys:
        if step.answer.strip(" .…-—–?*_").lower() not in _PLACEHOLDERS:
            continue
        label = f"why {step.number}" if step.number is not None else "this why"
        yield Violation(
            span=_question_span(doc, step),
            message=f"{label} has no answer",
            suggestion="answer with a fact; if nobody knows yet, say so and add an action item to find out",
        )


RULE = Rule(
    code="PM302",
    name="unanswered-why",
    summary="A Five Whys question has no answer.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
