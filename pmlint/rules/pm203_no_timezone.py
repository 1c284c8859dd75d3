"""The timeline states its timezone.

## What it does
Warns when nothing tells the reader which timezone the timeline's times are
in. Any one of these is enough:

- a `timezone` field in the front matter (or a `**Timezone:**` header line);
- a zone in the Timeline heading (`## Timeline (UTC)`, `## Timeline (all
  times in PST/PDT)`);
- a zone in a table header (`| Time (UTC) | Event |`, `Date and Time in CET`);
- a line of the Timeline section that is not an entry and names a zone:
  `All times in UTC.`, `Times are CET`, an IANA name such as `Europe/Berlin`,
  or an offset such as `UTC+1`;
- a zone on every timestamp (`09:15 UTC`, `2026-03-10T09:15Z`).

Documents without a Timeline section, or whose timeline has no times yet,
are skipped.

## Why is this bad?
Responders, readers and logs often sit in different time zones, which is
why incident handbooks ask for one stated zone (usually UTC) throughout.
`14:23` means different moments to readers in
Copenhagen and New York, and a timeline compared with alert or deploy logs in
the wrong zone points at the wrong events.

## Example
```markdown
## Timeline

- 09:15 — Monitoring alert fires
- 09:18 — On-call engineer paged
```

Use instead:
```markdown
## Timeline
All times in UTC.

- 09:15 — Monitoring alert fires
- 09:18 — On-call engineer paged
```

## Options
- `zones`: the zone abbreviations that count (case-sensitive). Default: UTC,
  GMT and common abbreviations (CET, CEST, BST, EST, PDT, JST, AEST, …).
  Extend with `extend_zones`. Offsets (`UTC+2`, `GMT-5`) and IANA names
  (`Europe/Berlin`) always count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from pmlint.document.model import Document
from pmlint.rules.base import Rule, Violation

DEFAULT_ZONES = (
    "UTC", "GMT", "Zulu", "WET", "WEST", "CET", "CEST", "EET", "EEST", "MSK", "BST", "IST",
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST",
    "JST", "KST", "SGT", "HKT", "AWST", "ACST", "ACDT", "AEST", "AEDT", "NZST", "NZDT",
)
_IANA = (
    r"(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)"
    r"/[A-Z][A-Za-z_+\-]+(?:/[A-Z][A-Za-z_\-]+)?"
)
_OFFSET = r"(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?"


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    zones: tuple[str, ...] = DEFAULT_ZONES


@lru_cache(maxsize=16)
def _zone_pattern(zones: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(z) for z in zones if z.strip()), key=len, reverse=True))
    # two zones for the two halves of the year: "PST/PDT" (the "/" is not an IANA name's)
    alternatives = [_OFFSET, _IANA] + ([rf"(?:{names})(?:/(?:{names}))*"] if names else [])
    return re.compile(rf"(?<![\w/])(?:{'|'.join(alternatives)})(?![\w/])")


def _every_stamp_zoned(doc: Document) -> bool:
    stamps = [entry.time for entry in doc.timeline if entry.time is not None]
    return bool(stamps) and all(stamp.zone for stamp in stamps)


def _stated_in_timeline(doc: Document, pattern: re.Pattern[str]) -> bool:
    """A zone in a Timeline heading or in a line that is not a timed entry."""
    timed = {entry.span.line for entry in doc.timeline if entry.time is not None}
    for section in doc.sections_for("timeline"):
        if pattern.search(section.title):
            return True
        for number, text in doc.text_lines(section):
            if number not in timed and pattern.search(text):
                return True
    return False


def check(doc: Document, options: Options) -> Iterator[Violation]:
    sections = doc.sections_for("timeline")
    if not sections or not any(entry.time is not None for entry in doc.timeline):
        return
    if doc.meta("timezone") or _every_stamp_zoned(doc):
        return
    if _stated_in_timeline(doc, _zone_pattern(options.zones)):
        return
    yield Violation(
        span=sections[0].span,
        message="the timeline does not say which timezone its times are in",
        suggestion="add 'All times in UTC.' under the heading, or 'timezone: UTC' to the front matter",
    )


RULE = Rule(
    code="PM203",
    name="no-timezone",
    summary="The timeline does not state its timezone.",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
