"""The Impact section puts a number on the impact.

## What it does
Reports an Impact section (including its subsections) that contains no
number. A number is a figure written in digits (`18,400`, `62%`, `$12k`,
`45 minutes`, `14:02`) or one of the number words `two` … `twelve`,
`twenty` … `ninety`, `dozen(s)`, `hundred(s)`, `thousand(s)`, `million(s)`,
`billion(s)`. Digits that are part of a name do not count: severities
(`SEV-2`, `P1`), versions (`v5.2`), identifiers such as `ec2` or
`checkout-v2`, ISO dates and code spans. `one` does not count either: "no
one could log in" says nothing about how many could not. Sections that are
empty or hold only a placeholder are left to PM102.

## Why is this bad?
"Some customers were affected" cannot be compared, prioritised or learned
from. Post-mortem templates ask for the impact in numbers: how many users, requests or
orders, for how long, and what it cost. Numbers also let the archive rank
incidents and show whether reliability work is paying off.

## Example
```markdown
## Impact

Customers could not check out and support was busy.
```

Use instead:
```markdown
## Impact

- 18,400 checkout attempts failed (62% of traffic) over 45 minutes.
- 1,150 customers contacted support.
```

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmlint.document.model import Document, Section
from pmlint.rules._comments import replace_comments
from pmlint.rules._placeholder import is_unwritten
from pmlint.rules.base import NoOptions, Rule, Violation

_NOT_QUANTITIES = re.compile(
    r"`[^`]*`"  # code spans
    r"|\bhttps?://\S+"  # links
    r"|\b\d{4}-\d{2}-\d{2}\b"  # ISO dates
    r"|\b(?:sev|p)-?\d+\b"  # severities and priorities
    r"|\bv\d+(?:\.\d+)*\b",  # versions
    re.IGNORECASE,
)
#: a digit that starts a figure, not one inside a name like ec2 or checkout-v2.
_FIGURE = re.compile(r"(?<![A-Za-z_-])\d")
_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|dozens?|hundreds?|thousands?|millions?|billions?)\b",
    re.IGNORECASE,
)


Options = NoOptions


def _has_number(text: str) -> bool:
    if _FIGURE.search(text) or "`" in text or "<!--" in text:  # only then is there anything to strip
        text = _NOT_QUANTITIES.sub(" ", replace_comments(text, " "))
    return bool(_FIGURE.search(text) or _NUMBER_WORDS.search(text))


def _quantified(doc: Document, section: Section) -> bool:
    return any(_has_number(line) for _, line in doc.text_lines(section))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for section in doc.sections_for("impact")[:1]:
        if is_unwritten(section) or _quantified(doc, section):
            continue
        yield Violation(
            span=section.span,
            message=f"the '{section.title}' section has no number: the impact is not quantified",
            suggestion="say how many users, requests or orders were affected, for how long, "
            "and what it cost",
        )


RULE = Rule(
    code="PM104",
    name="impact-not-quantified",
    summary="The Impact section contains no number.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
