"""Timeline entries are in chronological order.

## What it does
Compares each timeline entry with the previous entry that has a valid time
and reports an entry that goes back in time, naming the earlier one
(`09:05 comes after 09:40 (line 31)`). A range (`09:25–12:45`) counts from
its start; equal times are fine.

Dates decide day rollovers: with a date prefix (`2026-03-10 23:50`), a
separate Date column or a date-grouped list, entries compare as absolute
times, and an undated entry takes the last date seen above it (or the
front-matter `date` before the first one). A date-only entry
(`- 2026-03-11: the vendor replied`, common in incidents that span days or
months) is placed by its day: a day earlier than the one before it (a year
typo such as `2021-02-03` after `2022-02-02`) is reported. Without dates, a
clock that falls back by more than 12 hours (`23:04` then `02:50`) is read
as the next day, as a reader does; a smaller decrease is reported.

Entries without a valid time are left to PM201.

## Why is this bad?
Readers use the timeline to measure how long detection, diagnosis and repair
took. An entry out of order is either a typo (a wrong number in the record
of the incident) or an event inserted in the wrong place, and both distort
those gaps.

## Example
```markdown
## Timeline
All times in UTC.

- 09:15 — Alert fires
- 09:40 — Rollback started
- 09:05 — On-call engineer paged
```

Use instead:
```markdown
## Timeline
All times in UTC.

- 09:05 — On-call engineer paged
- 09:15 — Alert fires
- 09:40 — Rollback started
```

## Options
None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.model import Document, TimelineEntry, Timestamp
from pmlint.document.source import Span
from pmlint.document.times import NEXT_DAY_GAP_MINUTES
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions


class _Point(NamedTuple):
    """An entry placed in time: its valid clock (None for a date-only entry) and its day."""

    entry: TimelineEntry
    stamp: Timestamp | None
    date: dt.date | None
    day: int = 0  # days added to an undated clock that crossed midnight

    def minutes(self, dated: bool) -> int:
        clock = self.stamp.minutes if self.stamp is not None else 0
        if dated and self.date is not None:
            return self.date.toordinal() * 1440 + clock
        return self.day * 1440 + clock

    def label(self, dated: bool) -> str:
        clock = f"{self.stamp.hour:02d}:{self.stamp.minute:02d}" if self.stamp is not None else ""
        if (dated or self.stamp is None) and self.date is not None:
            return f"{self.date.isoformat()} {clock}".strip()
        return clock

    @property
    def span(self) -> Span:
        if self.stamp is not None:
            return self.stamp.span
        return self.entry.time_span or self.entry.span


def _points(doc: Document, dated: bool) -> Iterator[_Point]:
    """Entries with a valid start time or a date, each with its own or the carried date (and,
    in an undated timeline, the days its clock has crossed)."""
    carried = doc.date
    previous: _Point | None = None
    for entry in doc.timeline:
        stamp = entry.time if entry.time is not None and entry.time.is_valid_clock else None
        own = (stamp.date if stamp is not None else None) or entry.date
        if stamp is None and own is None:
            continue
        if own is not None:
            carried = own
        day = _day(previous, stamp) if not dated and previous is not None else 0
        previous = _Point(entry, stamp, own or carried, day)
        yield previous


def _compare(before: _Point, after: _Point, dated: bool) -> Violation | None:
    both = dated and before.date is not None and after.date is not None
    if before.stamp is None or after.stamp is None:
        if not both or after.date is None or before.date is None or after.date >= before.date:
            return None  # a date-only entry is placed by its day alone
        both = True
    if after.minutes(both) >= before.minutes(both):
        return None
    show_dates = both and after.date != before.date
    hint = "" if dated else "; if the incident crossed midnight, add dates"
    return Violation(
        span=after.span,
        message=f"{after.label(show_dates)} comes after {before.label(show_dates)} (line {before.entry.span.line})",
        suggestion=f"move the entry to its place in time, or fix the time{hint}",
    )


def _day(before: _Point, stamp: Timestamp | None) -> int:
    """An undated clock far below the one before it ("23:04" then "02:50") is the next day
    (made once per entry: copying each point to move it cost a fifth of this rule)."""
    if before.stamp is None or stamp is None:
        return 0
    return before.day + (before.stamp.minutes - stamp.minutes > NEXT_DAY_GAP_MINUTES)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    # Absolute times only when the timeline itself states a date somewhere.
    dated = any(entry.date is not None or (entry.time is not None and entry.time.date is not None)
                for entry in doc.timeline)
    previous: _Point | None = None
    for current in _points(doc, dated):
        if previous is not None:
            violation = _compare(previous, current, dated)
            if violation is not None:
                yield violation
        previous = current


RULE = Rule(
    code="PM202",
    name="timeline-out-of-order",
    summary="A timeline entry goes back in time.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
