"""Every timeline entry starts with a valid, zero-padded `HH:MM` time.

## What it does
Checks the time of every timeline entry (table rows, list items and
`HH:MM event` lines of the Timeline section; a list entry that tells its time
inside, "ops were notified at 12:16 UTC", has that time). It reports an entry
without a time, a time that cannot be read (`~9am`, `morning`, `--:--`), an impossible
clock (`25:10`, `09:75`), an invalid date prefix (`2026-13-02 09:15`), an
hour that is not zero-padded (`9:15`), a separator other than `:` (`09.15`,
`09h15`), a 12-hour clock (`2:15 PM`) and, unless `allow_seconds` is on,
seconds (`09:15:30`). Both ends
of a range (`09:25–12:45`) are checked. A date prefix (`2026-03-10 09:15`)
and a zone suffix (`09:15 UTC`) are fine. In an incident that spans several
days, an entry with a date and no time (`- 2026-03-11: vendor replied`) is
fine: it is placed by its day, and PM202 checks the days are in order.

`pmlint check --fix` rewrites the mechanical cases: it zero-pads the hour and
turns the separator into `:` (`9.15` becomes `09:15`, `2:15 PM` becomes
`14:15`), touching nothing else.
Missing and impossible times need a person who knows when it happened.

## Why is this bad?
The timeline is where detection and repair gaps are measured (an alert at
09:15 and a page acknowledged at 09:18 is a 3-minute time to detect). Entries without a time, or with
times that sort and read differently, make those gaps impossible to compute
and hide the vague narrative the timeline is meant to replace.

## Example
```markdown
## Timeline
All times in UTC.

- 9.15 — Monitoring alert fires
- ~9am — On-call engineer paged
- 25:10 — System restored
```

Use instead:
```markdown
## Timeline
All times in UTC.

- 09:15 — Monitoring alert fires
- 09:18 — On-call engineer paged
- 13:38 — System restored
```

## Options
- `allow_seconds` (shared setting): accept `HH:MM:SS`. Default: false.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.edits import Edit
from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Document, TimelineEntry, Timestamp, parse_iso_date
from pmlint.document.source import Span
from pmlint.rules.base import Fix, Rule, Violation

# Only read for entries with a problem (or, _DATE_PREFIX, a stamp with a date).
_CLOCK = lazy_pattern(r"(?P<hour>\d{1,2})(?P<sep>[:.hH])(?P<minute>\d{2})")
# Date-like, so that a mistyped "20202-01-16" or unpadded "2026-3-1" is reported as a bad date.
# "2:15 PM" (the parser reads it as 14:15): the marker right after the clock, and anywhere
_MERIDIEM = lazy_pattern(r"\s?[ap]\.?m\b\.?", re.IGNORECASE)
_TWELVE_HOUR = lazy_pattern(r"\d\s?[ap]\.?m\b", re.IGNORECASE)
_DATE_PREFIX = lazy_pattern(r"^\d{4,5}-\d{1,2}-\d{1,2}")
# A short leading label before ": " or " — " in a list entry, e.g. "~9am: paged".
_LABEL = lazy_pattern(r"^[*_`]*(?P<label>[^\s:—–|*_`][^:—–|]{0,19}?)[*_`]*\s*(?::(?=\s|$)|\s[—–-]\s)")


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    allow_seconds: bool = False


def _first_line_span(doc: Document, entry: TimelineEntry) -> Span:
    line = doc.source.line(entry.span.line)
    return Span(entry.span.line, entry.span.column, entry.span.line, len(line.rstrip()) + 1)


def _missing(doc: Document, entry: TimelineEntry) -> Violation:
    """An entry whose time could not be read at all."""
    if entry.form == "table":
        span = entry.time_span or entry.span
        raw = (entry.raw_time or "").strip()
        message = f"'{raw}' is not an HH:MM time" if raw else "timeline entry has no time"
        date_only = _DATE_PREFIX().match(raw)
        if date_only and date_only.end() == len(raw):
            message = f"'{raw}' has a date but no HH:MM time"
        return Violation(span, message, "write the time as zero-padded HH:MM, e.g. '09:15'")
    span = _first_line_span(doc, entry)
    text = doc.source.line(span.line)[span.column - 1 : span.end_column - 1]
    label = _LABEL().match(text)
    later = _CLOCK().search(text)
    suggestion = "start the entry with its zero-padded time: '- 09:15 — event'"
    if later:
        suggestion = f"start the entry with its time: '- {later.group(0)} — …'"
    if label and not _CLOCK().search(label["label"]):
        found = label["label"].strip()
        start = span.column + label.start("label")
        return Violation(Span(span.line, start, span.line, start + len(found)),
                         f"'{found}' is not an HH:MM time", suggestion)
    return Violation(span, "timeline entry does not start with an HH:MM time", suggestion)


def _clock_fix(doc: Document, stamp: Timestamp) -> tuple[str, Fix | None]:
    """The normalised spelling of the stamp's clock and the edit that writes it."""
    prefix = _DATE_PREFIX().match(stamp.raw)
    clock = _CLOCK().search(stamp.raw, prefix.end() if prefix else 0)
    wanted = f"{stamp.hour:02d}:{stamp.minute:02d}"
    if clock is None:
        return wanted, None
    meridiem = _MERIDIEM().match(stamp.raw, clock.end())
    if _TWELVE_HOUR().search(stamp.raw) and meridiem is None:
        return wanted, None  # "2:15:30 PM": the seconds sit between clock and marker
    old = stamp.raw[clock.start() : meridiem.end() if meridiem else clock.end()]
    start = doc.source.offset(stamp.span.line, stamp.span.column) + clock.start()
    end = start + len(old)
    if doc.source.text[start:end] != old:
        return wanted, None  # positions disagree with the text: never guess an edit
    fix = Fix(f"rewrite '{old}' as '{wanted}'", (Edit(start, end, wanted),))
    return wanted, fix


def _check_stamp(doc: Document, stamp: Timestamp, options: Options) -> Violation | None:
    raw = stamp.raw
    prefix = _DATE_PREFIX().match(raw) if "-" in raw else None  # a date needs its dashes
    if prefix and parse_iso_date(prefix.group(0)) is None:
        return Violation(stamp.span, f"'{raw}' has an invalid date", "write the date as YYYY-MM-DD")
    if not stamp.is_valid_clock:
        return Violation(stamp.span, f"'{raw}' is not a valid time of day",
                         "check the source (chat log, alert history) for the real time")
    problems = []
    if not stamp.padded:
        problems.append("is not zero-padded")
    if stamp.separator != ":":
        problems.append(f"uses '{stamp.separator}' instead of ':'")
    twelve_hour = ("m" in raw or "M" in raw) and _TWELVE_HOUR().search(raw) is not None
    if twelve_hour:
        problems.append("uses a 12-hour clock")
    seconds = stamp.second is not None and not options.allow_seconds
    if seconds:
        problems.append("has seconds")
    if not problems:
        return None
    message = f"timestamp '{raw}' " + " and ".join(problems)
    if not stamp.padded or stamp.separator != ":" or twelve_hour:
        wanted, fix = _clock_fix(doc, stamp)
        return Violation(stamp.span, message, f"write '{wanted}'", fix)
    return Violation(stamp.span, message, "drop the seconds, or set allow_seconds = true")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    spans_days = len({entry.date for entry in doc.timeline if entry.date is not None}) > 1
    for entry in doc.timeline:
        if entry.time is None:
            if not (spans_days and entry.date is not None):  # a day-level entry of a multi-day incident
                yield _missing(doc, entry)
            continue
        for stamp in (entry.time, entry.end):
            if stamp is None:
                continue
            violation = _check_stamp(doc, stamp, options)
            if violation is not None:
                yield violation


RULE = Rule(
    code="PM201",
    name="invalid-timestamp",
    summary="A timeline entry has no valid zero-padded HH:MM time.",
    check=check,
    options=Options,
    doc=__doc__ or "",
    fixable=True,
)
