"""Front-matter duration and times agree with each other and the timeline.

## What it does
Cross-checks the front-matter `duration` (`4h23m`, `90m`, `4 hours 23
minutes`, `4:23`), the moments `started` / `detected` / `mitigated` /
`resolved` (`HH:MM` or ISO datetimes such as `2026-09-22T22:41`) and the
timeline:

- with `started`, `resolved` and `duration`, the duration must equal
  resolved − started. A `resolved` clock earlier than `started` is reported:
  only ISO dates can say the incident crossed midnight;
- each of those moments must lie within the timeline, from its earliest to
  its latest time (a time-of-day is placed on the timeline's dates);
- with a `duration` but not both ends, the missing end comes from the
  timeline: the first entry, and the last entry whose event says resolved,
  restored or recovered (else the last entry).

Differences up to `tolerance_minutes` are accepted. Findings point at the
front-matter value, with both numbers: `duration 4h23m, but the timeline
runs 09:15–13:48 (4h33m)`. Values that cannot be read are left to PM004.

## Why is this bad?
Duration is the number leadership reads first and the one MTTR statistics
are built from. When the front matter says 4h23m and the timeline says 4h33m,
one of them is wrong, and every report that aggregates it inherits the error.

## Example
```markdown
---
started: "09:15"
resolved: "13:48"
duration: 4h23m
---

## Timeline
- 09:15 — Alert fires
- 13:48 — System restored
```

Use instead:
```markdown
---
started: "09:15"
resolved: "13:48"
duration: 4h33m
---

## Timeline
- 09:15 — Alert fires
- 13:48 — System restored
```

## Options
- `tolerance_minutes`: accepted difference in minutes. Default: 1.
- `timeline_fields`: front-matter moments that must lie within the timeline.
  Default: started, detected, mitigated, resolved.
- `resolution_words`: words marking the entry where the incident ended.
  Default: resolved, restored, recovered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from pmlint.document.model import Document, Field, FrontMatter
from pmlint.rules._text import format_minutes, holds_key, parse_duration, phrase_keys, phrase_pattern, text_keys
from pmlint.rules.base import Rule, Violation

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")
_CLOCK_DURATION = re.compile(r"^(\d{1,3}):(\d{2})$")


@dataclass(frozen=True, eq=False, repr=False)
class Options:
    """See ``## Options`` in the module docstring."""

    tolerance_minutes: int = 1
    timeline_fields: tuple[str, ...] = ("started", "detected", "mitigated", "resolved")
    resolution_words: tuple[str, ...] = ("resolved", "restored", "recovered")


class _Moment(NamedTuple):
    """A point in time: the wall clock as written, and the datetime when dated."""

    clock: int
    when: dt.datetime | None = None

    def label(self, with_date: bool) -> str:
        clock = f"{self.clock // 60:02d}:{self.clock % 60:02d}"
        return f"{self.when.date().isoformat()} {clock}" if with_date and self.when else clock


# ------------------------------------------------------------------ reading


def _field_moment(item: Field) -> _Moment | None:
    return _moment_of(item.text.strip())


@lru_cache(maxsize=1024)
def _moment_of(text: str) -> _Moment | None:
    """The moment a time field's text names (a pure function of the text: values repeat)."""
    clock = _CLOCK.match(text)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        return _Moment(hour * 60 + minute) if hour < 24 and minute < 60 else None
    if len(text) <= 10:  # a date alone says nothing about the time
        return None
    try:
        when = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return None
    return _Moment(when.hour * 60 + when.minute, when)


def _duration(item: Field) -> int | None:
    text = item.text.strip()
    clock = _CLOCK_DURATION.match(text)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    return parse_duration(text)


#: a timeline time before it becomes a _Moment: its own or carried date, and minutes since midnight
_Stamp = tuple[dt.date | None, int]


def _timeline_stamps(doc: Document, options: Options) -> tuple[list[_Stamp], _Stamp | None]:
    """Every valid timeline time (starts and range ends), and the resolution time."""
    stamps: list[_Stamp] = []
    placed: list[tuple[str, int]] = []  # each entry's event and the index of its last time
    carried = doc.date
    for entry in doc.timeline:
        start, end = entry.time, entry.end
        if start is None or not start.is_valid_clock:
            continue
        carried = start.date or carried
        stamps.append((carried, start.minutes))
        if end and end.is_valid_clock:
            stamps.append((end.date or carried, end.minutes))
        placed.append((entry.event, len(stamps) - 1))
    keys = phrase_keys(options.resolution_words)
    for event, index in reversed(placed):  # the last resolving entry wins
        if not holds_key(event, text_keys(event, keys)):
            continue  # no resolution word: no need to compile the pattern
        pattern = phrase_pattern(options.resolution_words)
        if pattern is None:
            break
        if pattern.search(event):
            return stamps, stamps[index]
    return stamps, None


def _moment(stamp: _Stamp) -> _Moment:
    """The stamp as a moment (built only for the few stamps a check looks at)."""
    date, minutes = stamp
    if date is None:
        return _Moment(minutes)
    return _Moment(minutes, dt.datetime(date.year, date.month, date.day, minutes // 60, minutes % 60))


# ------------------------------------------------------------------ arithmetic


def _naive(when: dt.datetime) -> dt.datetime:
    return when.replace(tzinfo=None)


def _between(start: _Moment, end: _Moment) -> int:
    """Minutes from start to end: by datetimes when both are dated, else by clocks."""
    if start.when and end.when:
        first, last = start.when, end.when
        if (first.tzinfo is None) != (last.tzinfo is None):
            first, last = _naive(first), _naive(last)
        return int((last - first).total_seconds() // 60)
    return end.clock - start.clock


def _wall_minutes(when: dt.datetime) -> int:
    """Minutes since 0001-01-01 of the wall clock as written (no overflow at the extremes)."""
    return when.toordinal() * 1440 + when.hour * 60 + when.minute


def _within(moment: _Moment, first: _Moment, last: _Moment, tolerance: int) -> bool:
    if first.when and last.when:
        low, high = _wall_minutes(first.when) - tolerance, _wall_minutes(last.when) + tolerance
        if moment.when:
            return low <= _wall_minutes(moment.when) <= high
        if high - low >= 1440:
            return True
        # A time of day without a date: place it on each day the timeline touches.
        return any(low <= day * 1440 + moment.clock <= high for day in {low // 1440, high // 1440})
    return first.clock - tolerance <= moment.clock <= last.clock + tolerance


def _extent(stamps: list[_Stamp]) -> tuple[_Moment, _Moment]:
    """The earliest and the latest stamp: by date and time when all are dated, else by clock."""
    if all(date is not None for date, _ in stamps):
        return _moment(min(stamps)), _moment(max(stamps))  # (date, minutes) tuples sort as datetimes
    return _moment(min(stamps, key=_CLOCK_OF)), _moment(max(stamps, key=_CLOCK_OF))


_CLOCK_OF = itemgetter(1)


# ------------------------------------------------------------------ checks


def _outside_timeline(front_matter: FrontMatter, options: Options, stamps: list[_Stamp]) -> Iterator[Violation]:
    if not stamps:
        return
    first, last = _extent(stamps)
    dates = bool(first.when and last.when and first.when.date() != last.when.date())
    for key in options.timeline_fields:
        item = front_matter.field(key)
        moment = _field_moment(item) if item else None
        if item is None or moment is None or _within(moment, first, last, options.tolerance_minutes):
            continue
        yield Violation(
            span=item.value_span,
            message=f"{key} {item.text.strip()} is outside the timeline "
            f"({first.label(dates)}–{last.label(dates)})",
            suggestion=f"add a timeline entry for it, or correct '{key}'",
        )


def _describe(start: _Moment, end: _Moment, started: Field | None, resolved: Field | None,
              actual: str) -> str:
    dates = bool(start.when and end.when and start.when.date() != end.when.date())
    first, last = start.label(dates), end.label(dates)
    if started and resolved:
        return f"started {started.text.strip()} to resolved {resolved.text.strip()} is {actual}"
    if started:
        return f"started {started.text.strip()} to the timeline's end at {last} is {actual}"
    if resolved:
        return f"the timeline's start at {first} to resolved {resolved.text.strip()} is {actual}"
    return f"the timeline runs {first}–{last} ({actual})"


def _duration_check(front_matter: FrontMatter, options: Options, stamps: list[_Stamp],
                    resolution: _Stamp | None) -> Iterator[Violation]:
    duration_field = front_matter.field("duration")
    duration = _duration(duration_field) if duration_field else None
    if duration_field is None or duration is None:
        return
    started_field, resolved_field = front_matter.field("started"), front_matter.field("resolved")
    started = _field_moment(started_field) if started_field else None
    resolved = _field_moment(resolved_field) if resolved_field else None
    start = started or (_moment(stamps[0]) if stamps else None)
    end = resolved or (_moment(resolution) if resolution else None) or (_moment(stamps[-1]) if stamps else None)
    if start is None or end is None:
        return
    actual = _between(start, end)
    if actual < 0:
        if started_field and resolved_field and started and resolved:
            yield Violation(
                resolved_field.value_span,
                f"resolved {resolved_field.text.strip()} is before started {started_field.text.strip()}",
                "if the incident crossed midnight, write ISO datetimes (2026-03-10T23:50)",
            )
        return
    if abs(actual - duration) <= options.tolerance_minutes:
        return
    real = format_minutes(actual)
    how = _describe(start, end, started_field if started else None,
                    resolved_field if resolved else None, real)
    yield Violation(duration_field.value_span, f"duration {duration_field.text.strip()}, but {how}",
                    f"set duration to {real}, or correct the times")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    stamps, resolution = _timeline_stamps(doc, options)
    yield from _duration_check(doc.front_matter, options, stamps, resolution)
    yield from _outside_timeline(doc.front_matter, options, stamps)


RULE = Rule(
    code="PM205",
    name="duration-mismatch",
    summary="Front-matter duration or start/end times disagree with each other or the timeline.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
