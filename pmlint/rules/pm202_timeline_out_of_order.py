"""Timeline entries are in chronological order.

## What it does
Compares each timeline entry with the previous entry that has a valid time
and reports an entry that goes back in time, naming the earlier one
(`09:05 comes after 09:40 (line 31)`). A range (`09:25–12:45`) counts from
its start; equal times are fine.

Dates decide day rollovers: with a date prefix (`2026-03-10 23:50`), a
separate Date column or a date-grouped list, entries compare as absolute
times, and an undated entry takes the last date seen above it (or the
front-matter `date` before the first one). Without dates, any decrease is
reported, because `23:50` followed by `00:10` could be a new day or a typo:
write the dates when an incident crosses midnight.

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

from pmlint.document.model import Document, TimelineEntry, Timestamp
from pmlint.rules.base import NoOptions, Rule, Violation

Options = NoOptions


_Placed = tuple[TimelineEntry, Timestamp, dt.date | None]


def _placed_entries(doc: Document) -> Iterator[_Placed]:
    """Entries with a valid start time, each with its own or the carried date."""
    carried = doc.date
    for entry in doc.timeline:
        stamp = entry.time
        if stamp is None or not stamp.is_valid_clock:
            continue
        if stamp.date is not None:
            carried = stamp.date
        yield entry, stamp, stamp.date or carried


def _minutes(stamp: Timestamp, date: dt.date | None, dated: bool) -> int:
    if dated and date is not None:
        return date.toordinal() * 1440 + stamp.minutes
    return stamp.minutes


def _label(stamp: Timestamp, date: dt.date | None, dated: bool) -> str:
    clock = f"{stamp.hour:02d}:{stamp.minute:02d}"
    return f"{date.isoformat()} {clock}" if dated and date is not None else clock


def _compare(before: _Placed, after: _Placed, dated: bool) -> Violation | None:
    before_entry, before_stamp, before_date = before
    _, stamp, date = after
    both = dated and before_date is not None and date is not None
    if _minutes(stamp, date, both) >= _minutes(before_stamp, before_date, both):
        return None
    show_dates = both and date != before_date
    later, earlier = _label(stamp, date, show_dates), _label(before_stamp, before_date, show_dates)
    hint = "" if dated else "; if the incident crossed midnight, add dates"
    return Violation(
        span=stamp.span,
        message=f"{later} comes after {earlier} (line {before_entry.span.line})",
        suggestion=f"move the entry to its place in time, or fix the time{hint}",
    )


def check(doc: Document, options: Options) -> Iterator[Violation]:
    # Absolute times only when the timeline itself states a date somewhere.
    dated = any(entry.time is not None and entry.time.date is not None for entry in doc.timeline)
    previous: _Placed | None = None
    for current in _placed_entries(doc):
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
