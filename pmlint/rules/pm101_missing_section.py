"""Every required section is present.

## What it does
Checks that the post-mortem has each required section, matching `##`
headings case-insensitively through their aliases (`Executive Summary`
counts as Summary, `Corrective Actions` as Action Items, and so on).
Action items that pmlint reads under another heading (a table of actions
under `## Resolution`, a list after "To prevent this from happening again,
we will:") are the Action Items: the section is not reported missing.
`--fix` adds each missing section as an empty skeleton — the `## Title`
heading and a `_TODO: …_` placeholder line — before the next required
section the file has (in canonical order), or at the end; PM102 then
reports the placeholder until someone fills it in.

## Why is this bad?
A post-mortem without an Impact, a Root Cause or Action Items section is
not finished: readers cannot tell what the incident cost, why it happened or
what will stop it happening again. The common post-mortem templates (the
Google SRE book's, Atlassian's, PagerDuty's) share these sections so that no
part of the learning is skipped.

## Example
```markdown
# Payment outage

## Summary
Payments failed for 4 hours.
```

Use instead:
```markdown
## Summary
## Impact
## Timeline
## Root Cause
## Contributing Factors
## What Went Well
## What Went Poorly
## Action Items
## Lessons Learned
```

## Options
- `required_sections` (shared setting): the canonical section keys that must
  be present. Default: summary, impact, timeline, root_cause,
  contributing_factors, what_went_well, what_went_poorly, action_items,
  lessons_learned.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.edits import Edit
from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Document
from pmlint.document.sections import SECTION_TITLES
from pmlint.rules._comments import ends_in_open_comment
from pmlint.rules._text import first_line_span
from pmlint.rules.base import Fix, Rule, Violation

DEFAULT_REQUIRED = (
    "summary",
    "impact",
    "timeline",
    "root_cause",
    "contributing_factors",
    "what_went_well",
    "what_went_poorly",
    "action_items",
    "lessons_learned",
)


#: The line a skeleton section (and ``pmlint new``) asks the author to replace.
PLACEHOLDERS = {
    "summary": "_TODO: summarise what happened, the impact and the fix in two or three sentences._",
    "impact": "_TODO: describe the impact with numbers: users, requests, revenue, error budget._",
    "timeline": "_TODO: list what happened when, as `HH:MM` entries, from the trigger to resolution._",
    "root_cause": "_TODO: describe the root cause and ask why five times until you reach the system._",
    "five_whys": "_TODO: ask why five times, each answer leading to the next question._",
    "contributing_factors": "_TODO: describe the conditions that made the incident possible or worse._",
    "what_went_well": "_TODO: describe what worked during detection, response and recovery._",
    "what_went_poorly": "_TODO: describe what slowed the response or made the impact worse._",
    "action_items": "_TODO: add action items with an owner, a priority and a due date._",
    "lessons_learned": "_TODO: describe what the team learned that applies beyond this incident._",
}
_CANONICAL_ORDER = tuple(SECTION_TITLES)
_FENCE = lazy_pattern(r"^\s*(`{3,}|~{3,})\s*$")  # only for a document ending in code


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    required_sections: tuple[str, ...] = DEFAULT_REQUIRED


def _title(key: str) -> str:
    return SECTION_TITLES.get(key, key.replace("_", " ").title())


def _skeleton(key: str) -> str:
    placeholder = PLACEHOLDERS.get(key, f"_TODO: describe the {_title(key).lower()}._")
    return f"## {_title(key)}\n\n{placeholder}\n"


def _ends_in_open_block(doc: Document) -> bool:
    """True when text appended at the end would land inside an unclosed code block or
    ``<!--`` comment, where the skeleton would be hidden and the section still missing."""
    lines = doc.source.lines
    last = max((n for n in range(1, len(lines) + 1) if lines[n - 1].strip()), default=0)
    in_code = last in doc.code_lines and not _FENCE().match(lines[last - 1])
    return in_code or ends_in_open_comment(doc.source.text)


def _skeleton_fix(doc: Document, key: str) -> Fix | None:
    """Insert the section before the next canonical section present, else at the end."""
    later = _CANONICAL_ORDER[_CANONICAL_ORDER.index(key) + 1:] if key in _CANONICAL_ORDER else ()
    for section in doc.sections:
        if section.level <= 2 and section.key in later:
            start = doc.source.offset(section.span.line, 1)
            return Fix(f"add a '## {_title(key)}' skeleton", (Edit(start, start, _skeleton(key) + "\n"),))
    if _ends_in_open_block(doc):
        return None
    return Fix(f"add a '## {_title(key)}' skeleton", (_append(doc.source.text, _skeleton(key)),))


def _append(text: str, skeleton: str) -> Edit:
    """Add after the last content line, keeping the file's trailing blank lines after it.

    Built so that several skeletons inserted at the same point compose cleanly.
    """
    body = text.rstrip("\n")
    if not text:
        return Edit(0, 0, skeleton + "\n")
    if body == text:  # no final line end: keep it that way
        return Edit(len(text), len(text), "\n\n" + skeleton.rstrip("\n"))
    return Edit(len(body) + 1, len(body) + 1, "\n" + skeleton)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    present = {section.key for section in doc.sections}
    if doc.actions:  # the actions are there, under another heading
        present.add("action_items")
    for key in options.required_sections:
        if key in present:
            continue
        title = _title(key)
        yield Violation(
            span=first_line_span(doc),
            message=f"missing required section '{title}'",
            suggestion=f"add a '## {title}' section",
            fix=_skeleton_fix(doc, key),
        )


RULE = Rule(
    code="PM101",
    name="missing-section",
    summary="A required section is missing.",
    check=check,
    options=Options,
    doc=__doc__ or "",
    fixable=True,
)
