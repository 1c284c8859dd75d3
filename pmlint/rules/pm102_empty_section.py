"""No section is left empty or holding only a placeholder.

## What it does
Reports a section (a heading of level 2 or deeper) with no content of its
own or in its subsections. A section whose only content is a placeholder
counts as empty, and the message says so: `TODO`, `TBD`, `TBC`, `N/A`,
`...`, `_TODO: describe the impact_`, `[What happened]` (a whole line in
square brackets, as in the seed template), `HH:MM` template rows, and HTML
comments. A template scaffolded by `pmlint new` is therefore flagged until
every section is written. When a section looks empty because its text sits
right above a `---` line (Markdown then reads the text as a heading, a
common slip with seed 003's template), the suggestion says so.

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

import re
from collections.abc import Iterator

from pmlint.lazyre import lazy_pattern
from pmlint.model import Block, Document, Section, Table
from pmlint.rules.base import NoOptions, Rule, Violation

_PLACEHOLDER_WORDS = frozenset(
    {"todo", "tbd", "tbc", "tba", "n/a", "na", "none yet", "fixme", "xxx", "...", "…",
     "-", "—", "–", "?", "??", "???", "hh:mm", "yyyy-mm-dd", "placeholder", "to be written",
     "to be completed", "to be determined", "coming soon", "lorem ipsum"}
)
_TODO_NOTE = re.compile(r"^(?:todo|tbd|tbc|fixme|xxx)\b\s*[:\-—–(]", re.IGNORECASE)
_BRACKETED = lazy_pattern(r"^\[[^\[\]]*\](?!\()$")
_COMMENT = lazy_pattern(r"<!--.*?-->", re.DOTALL)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


Options = NoOptions


def _placeholder_line(line: str) -> bool:
    first = line[:1]
    marker = _LIST_MARKER.match(line) if first in "-*+" or first.isspace() or first.isdecimal() else None
    text = (line[marker.end() :] if marker else line).strip().strip("*_`").strip()
    if not text:
        return True
    return (
        text.lower().rstrip(".:") in _PLACEHOLDER_WORDS
        or text in ("...", "…")
        or (text[0] in "tTfFxX" and bool(_TODO_NOTE.match(text)))  # the notes' first letters
        or (text[0] == "[" and bool(_BRACKETED().match(text)))
    )


def _placeholder_table(table: Table) -> bool:
    return all(_placeholder_line(cell.text) for row in table.rows for cell in row.cells)


def _is_placeholder(block: Block) -> bool:
    if block.kind == "html":
        return not _COMMENT().sub("", block.text).strip()
    if block.kind == "table" and block.table is not None:
        return _placeholder_table(block.table)
    if block.kind == "code":
        return not block.text.strip()
    text = _COMMENT().sub("", block.text) if "<!--" in block.text else block.text
    end = text.find("\n")  # the first line usually decides: no need to split the rest
    if _placeholder_line(text if end < 0 else text[:end]) and (
        end < 0 or all(_placeholder_line(line) for line in text[end + 1 :].split("\n"))
    ):
        return True
    if "[" not in text or "]" not in text:
        return False  # cannot be one bracketed placeholder
    whole = " ".join(_LIST_MARKER.sub("", text).strip("*_` \n").split())
    return bool(_BRACKETED().match(whole))


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


def _emptiness(section: Section) -> str | None:
    """'empty', 'placeholder' or None (the section has real content)."""
    for block in section.blocks:
        if not _is_placeholder(block):
            return None  # real content (an empty block always reads as a placeholder)
    return "empty" if section.is_empty else "placeholder"


def is_unwritten(section: Section) -> bool:
    """Empty or only a placeholder: other rules leave such sections to PM102."""
    return _emptiness(section) is not None


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for section in doc.sections:
        if section.level < 2:
            continue
        state = _emptiness(section)
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
