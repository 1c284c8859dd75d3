"""Front-matter duration and times agree with each other and the timeline.

## What it does
Cross-checks the front-matter `duration` (`4h23m`, `90m`, `4 hours 23
minutes`, `4:23`), the moments `started` / `detected` / `mitigated` /
`resolved` (`HH:MM` or ISO datetimes such as `2026-09-22T22:41`) and the
timeline:

- with `started`, `resolved` and `duration`, the duration must equal
  resolved − started. A `resolved` clock earlier than `started` means the
  incident crossed midnight (`23:50` to `00:20` is 30 minutes); ISO datetimes
  with `resolved` before `started` are reported;
- each of those moments must lie within the timeline, from its earliest to
  its latest time (a time-of-day is placed on the timeline's dates);
- with a `duration` but not both ends, the missing end comes from the
  timeline: the first entry, and the last entry whose event says resolved,
  restored or recovered (else the latest entry).

`pmlint stats` and the archive read the same times the same way, so the
duration this rule accepts is the one they show.

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

from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.model import Document, Field
from pmlint.document.times import (
    DEFAULT_RESOLUTION_WORDS,
    IncidentTimes,
    Moment,
    format_minutes,
    incident_times,
    minutes_between,
    read_moment,
)
from pmlint.rules.base import Rule, Violation


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    tolerance_minutes: int = 1
    timeline_fields: tuple[str, ...] = ("started", "detected", "mitigated", "resolved")
    resolution_words: tuple[str, ...] = DEFAULT_RESOLUTION_WORDS


def _within(moment: Moment, first: Moment, last: Moment, tolerance: int) -> bool:
    low, high = minutes_between(first, moment), minutes_between(moment, last)
    if moment.dated or not (first.dated and last.dated):
        return low >= -tolerance and high >= -tolerance
    # A time of day without a date: place it on each day the timeline touches.
    span = minutes_between(first, last)
    if span >= 1440:
        return True
    start, clock = first.clock, moment.clock
    offsets = {(clock - start) % 1440, (clock - start) % 1440 - 1440}
    return any(-tolerance <= offset <= span + tolerance for offset in offsets)


def _outside_timeline(doc: Document, times: IncidentTimes, options: Options) -> Iterator[Violation]:
    if not times.timeline:
        return
    first = min(times.timeline, key=lambda moment: moment.when)
    last = max(times.timeline, key=lambda moment: moment.when)
    dates = first.dated and last.dated and first.when.date() != last.when.date()
    for key in options.timeline_fields:
        item = doc.front_matter.field(key)
        moment = read_moment(item.text, None) if item else None
        if item is None or moment is None or _within(moment, first, last, options.tolerance_minutes):
            continue
        yield Violation(
            span=item.value_span,
            message=f"{key} {item.text.strip()} is outside the timeline "
            f"({first.label(dates)}–{last.label(dates)})",
            suggestion=f"add a timeline entry for it, or correct '{key}'",
        )


def _describe(times: IncidentTimes, started: Field | None, resolved: Field | None, actual: str) -> str:
    start, end = times.started, times.resolved
    assert start is not None and end is not None
    dates = start.dated and end.dated and start.when.date() != end.when.date()
    first, last = start.label(dates), end.label(dates)
    if started and resolved:
        return f"started {started.text.strip()} to resolved {resolved.text.strip()} is {actual}"
    if started:
        return f"started {started.text.strip()} to the timeline's end at {last} is {actual}"
    if resolved:
        return f"the timeline's start at {first} to resolved {resolved.text.strip()} is {actual}"
    return f"the timeline runs {first}–{last} ({actual})"


def _from_front_matter(times: IncidentTimes, key: str, field: Field | None) -> Field | None:
    return field if field is not None and times.source(key) == "front matter" else None


def _duration_check(doc: Document, times: IncidentTimes, options: Options) -> Iterator[Violation]:
    duration_field = doc.front_matter.field("duration")
    if duration_field is None or times.stated_minutes is None or times.started is None or times.resolved is None:
        return
    started = _from_front_matter(times, "started", doc.front_matter.field("started"))
    resolved = _from_front_matter(times, "resolved", doc.front_matter.field("resolved"))
    actual = minutes_between(times.started, times.resolved)
    if actual < 0:
        if started and resolved:
            yield Violation(
                resolved.value_span,
                f"resolved {resolved.text.strip()} is before started {started.text.strip()}",
                "correct the dates: resolved must come after started",
            )
        return
    if abs(actual - times.stated_minutes) <= options.tolerance_minutes:
        return
    real = format_minutes(actual)
    yield Violation(duration_field.value_span,
                    f"duration {duration_field.text.strip()}, but {_describe(times, started, resolved, real)}",
                    f"set duration to {real}, or correct the times")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if all(doc.front_matter.field(key) is None for key in ("duration", *options.timeline_fields)):
        return  # nothing stated to compare: the timeline is not read (77,000 entries: 0.7 s)
    times = incident_times(doc, options.resolution_words)
    yield from _duration_check(doc, times, options)
    yield from _outside_timeline(doc, times, options)


RULE = Rule(
    code="PM205",
    name="duration-mismatch",
    summary="Front-matter duration or start/end times disagree with each other or the timeline.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
