"""No section is left empty or holding only a placeholder.

## What it does
Reports a section (a heading of level 2 or deeper) with no content of its
own or in its subsections. A section whose only content is a placeholder
counts as empty, and the message says so: `TODO`, `TBD`, `TBC`, `N/A`,
`...`, `_TODO: describe the impact_`, `[What happened]` (a whole line in
square brackets, as templates write prompts), `HH:MM` template rows, and HTML
comments. A template scaffolded by `pmlint new` is therefore flagged until
every section is written. When a section looks empty because its text sits
right above a `---` line (Markdown then reads the text as a heading, a
common slip with templates that use bold metadata lines), the suggestion says so.

## Why is this bad?
An empty heading promises an analysis that is not there. Readers skim the
headings, see "Contributing Factors", and assume someone thought about
them; a placeholder left in a published post-mortem tells them nobody did.

## Example
```markdown
## Contributing Factors

TODO

## What Went Well
```

Use instead:
```markdown
## Contributing Factors

- The connection alert threshold sat at 95%, leaving no warning time.

## What Went Well

- The page was acknowledged within 3 minutes.
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import Document, Section
from pmlint.rules._placeholder import emptiness
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions


def _is_setext(section: Section) -> bool:
    """A paragraph with a '---' or '===' line under it, read as a heading."""
    return section.span.end_line > section.span.line


def _suggestion(section: Section, headings: dict[int, Section]) -> str:
    stolen = section if _is_setext(section) else headings.get(section.body.end_line)
    if stolen is not None and _is_setext(stolen):
        return (f"the text on line {stolen.span.line} is read as a heading because a '---' line "
                "follows it: put a blank line before the '---'")
    return "write the section, or remove the heading if it does not apply"


def _label(section: Section) -> str:
    first = section.title.split("\n", 1)[0].strip()
    return first if len(first) <= 60 and "\n" not in section.title else first[:57].rstrip() + "…"


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for section in doc.sections:
        if section.level < 2:
            continue
        state = emptiness(section)
        if state is None:
            continue
        message = (
            f"section '{_label(section)}' is empty" if state == "empty"
            else f"section '{_label(section)}' holds only a placeholder"
        )
        headings = {heading.span.line: heading for heading in doc.sections}
        yield Violation(span=section.span, message=message, suggestion=_suggestion(section, headings))


RULE = Rule(
    code="PM102",
    name="empty-section",
    summary="A section has no content, or only a placeholder.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
