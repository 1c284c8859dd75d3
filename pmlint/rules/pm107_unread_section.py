"""A Timeline, Action Items or Five Whys section is written in a shape pmlint cannot read.

## What it does
Reports a section that has content but from which pmlint read nothing: a
Timeline section with no entry (no line, list item, table row or heading
that starts with a clock or a date), an Action Items section with no item
(no list item, table row, sub-heading or proposing paragraph), or a Five
Whys section, or a Root Cause section that asks two or more "why" questions, with no
why step. One finding per section, at its heading, saying which shape was
expected, with an example. Empty sections and sections holding only a
placeholder are left to PM102, and an action section holding only a
checklist about the report itself ("Sections above are filled out") or a
legend of priorities is not reported.

## Why is this bad?
Every timeline, action-item and Five Whys rule reads what pmlint read. When
it reads nothing, those rules pass in silence: actions without owners or due
dates, timelines out of order and one-step root-cause analyses all go
unchecked, and the post-mortem looks clean when it was never checked. The
Google SRE book and the PagerDuty and Atlassian incident handbooks all keep
the timeline as timestamped entries and action items as a list or table with
an owner each, because both are read and followed up long after the
incident.

## Example
```markdown
## Timeline

The alert fired in the morning, we rolled back after lunch and the
database recovered by the evening.

## Action Items

See the tracker.
```

Use instead:
```markdown
## Timeline

- 09:12 UTC — alert fired for checkout errors
- 13:05 UTC — rolled back the 2.4 release
- 18:40 UTC — database recovered

## Action Items

- [ ] Add a pool-size check to the deploy pipeline — owner: @dana, due: 2026-04-01
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmlint.document.actions import holds_no_actions
from pmlint.document.model import Document, Section
from pmlint.rules._placeholder import emptiness
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions

#: what each kind of section should hold, and an example of it
_EXPECTED = {
    "timeline": ("timeline entries",
                 "start each entry with its time, as in '- 14:02 UTC — deploy started' or a "
                 "'| Time | Event |' table row"),
    "action_items": ("action items",
                     "write one action per list item or table row, as in "
                     "'- [ ] Add a pool alert — owner: @dana, due: 2026-04-01'"),
    "five_whys": ("Five Whys steps",
                  "write each step as a question and its answer, as in "
                  "'1. **Why did checkout fail?** The pool was exhausted.'"),
    "root_cause": ("Five Whys steps",
                   "write each step as a question and its answer, as in "
                   "'1. **Why did checkout fail?** The pool was exhausted.'"),
}
#: a Root Cause section that asks why-questions is a Five Whys the reader could not follow
_WHY_QUESTION = re.compile(r"\bwhy\b[^?\n]{0,200}\?", re.IGNORECASE)


def _lines(section: Section) -> range:
    return range(section.span.line, section.body.end_line)


def _read_lines(doc: Document, key: str) -> list[int]:
    if key == "timeline":
        return [entry.span.line for entry in doc.timeline]
    if key == "action_items":
        return [item.span.line for item in doc.actions]
    return [step.span.line for step in doc.whys]


def _asks_why(section: Section) -> bool:
    """Two or more why-questions in its text (not its headings): one alone is a rhetorical turn."""
    return sum(len(_WHY_QUESTION.findall(block.text)) for block in section.prose()) >= 2


def check(doc: Document, options: Options) -> Iterator[Violation]:
    reported: list[range] = []
    for section in doc.sections:
        if section.key not in _EXPECTED or emptiness(section) is not None:
            continue
        lines = _lines(section)
        if any(section.span.line in outer for outer in reported):
            continue
        if section.key == "root_cause" and not _asks_why(section):
            continue  # a root cause told as prose is not a Five Whys
        if any(line in lines for line in _read_lines(doc, section.key)):
            continue
        if section.key == "action_items" and holds_no_actions(section):
            continue  # only a checklist about the report, or a legend
        what, shape = _EXPECTED[section.key]
        reported.append(lines)
        yield Violation(span=section.span,
                        message=f"pmlint read no {what} from section '{section.title.strip()[:60]}'",
                        suggestion=shape)


RULE = Rule(
    code="PM107",
    name="unread-section",
    summary="A Timeline, Action Items or Five Whys section has content pmlint could not read.",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
