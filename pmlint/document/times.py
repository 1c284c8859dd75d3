"""When an incident started, was detected, mitigated and resolved, and how long it lasted.

This is the one reader of front-matter clocks, moments and durations. PM205,
``pmlint stats``, the archive's incident header and its insights all ask it,
so they give one answer for one document.

The rules, in order:

* A front-matter moment (``started`` … ``resolved``) is ``HH:MM`` or an ISO
  datetime. A bare clock sits on the incident's ``date``; when it falls back
  from ``started`` by more than 12 hours, the incident crossed midnight and it
  moves to the next day (``started: 23:50``, ``resolved: 00:20`` is 30 minutes).
  A smaller step back is a mistake, not a new day (PM205 reports it).
* A milestone the front matter lacks comes from the timeline: started is the
  first timed entry, resolved the last entry whose event says it was resolved
  (``resolution_words``), else the latest entry; detected and mitigated the
  first entry that reads like an alert or a rollback.
* The measured duration is resolved − started. The stated one is the
  front-matter ``duration`` (``4h23m``, ``90m``, ``4 hours 23 minutes``, ``4:23``).
  An incident's duration is the measured one where both ends are known, else
  the stated one.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from pmlint.document.fields import MILESTONES
from pmlint.document.lazyre import lazy_pattern

if TYPE_CHECKING:
    from pmlint.document.model import Document, TimelineEntry

#: ``HH:MM`` as the front-matter contract (and its JSON Schema) writes it
CLOCK_PATTERN = r"([01]\d|2[0-3]):[0-5]\d"
#: an ISO datetime as the front-matter contract writes it
DATETIME_PATTERN = r"\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})?"
DEFAULT_RESOLUTION_WORDS = ("resolved", "restored", "recovered")
#: an undated clock that falls back by more than this from the one before it is on the next day
#: ("23:50" then "00:20"); PM202 reads undated timelines by the same rule
NEXT_DAY_GAP_MINUTES = 12 * 60

#: what a reader accepts: a clock with an optional seconds part (seconds are PM004's business)
_CLOCK = lazy_pattern(r"^(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?$")
_DURATION = lazy_pattern(
    r"^\s*(?:(?P<d>\d+)\s*d(?:ays?)?)?\s*(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+)\s*m(?:in(?:utes?|s)?)?)?\s*$",
    re.IGNORECASE,
)
_CLOCK_DURATION = lazy_pattern(r"^(\d{1,3}):(\d{2})$")
_DETECTED = lazy_pattern(
    r"\b(alert|alarm|page[sd]?|paging|detect|fires?|fired|notice[sd]?|report(?:s|ed)?)\b", re.I
)
_MITIGATED = lazy_pattern(
    r"\b(mitigat\w*|roll(?:ed)?[ -]?back|restored|recover(?:ed|s)|failover complete)\b", re.I
)
#: the day undated clocks sit on when the document has no date (never shown: ``dated`` is False)
_SOME_DAY = dt.date(2000, 1, 3)


class Moment(NamedTuple):
    """A point in an incident: the wall clock as written, and whether its day was known."""

    when: dt.datetime
    dated: bool
    line: int | None = None

    @property
    def clock(self) -> int:
        """Minutes since midnight."""
        return self.when.hour * 60 + self.when.minute

    def label(self, with_date: bool = False) -> str:
        clock = f"{self.when.hour:02d}:{self.when.minute:02d}"
        return f"{self.when.date().isoformat()} {clock}" if with_date and self.dated else clock


class IncidentTimes(NamedTuple):
    """The milestones of one incident, its stated duration, and the timeline's extent."""

    started: Moment | None = None
    detected: Moment | None = None
    mitigated: Moment | None = None
    resolved: Moment | None = None
    stated_minutes: int | None = None
    #: where each milestone came from: "front matter" or "timeline"
    sources: tuple[tuple[str, str], ...] = ()
    timeline: tuple[Moment, ...] = ()

    def since_start(self, milestone: str) -> int | None:
        """Minutes from started to ``milestone``; None when either is unknown or it reads earlier."""
        end: Moment | None = getattr(self, milestone)
        if self.started is None or end is None:
            return None
        minutes = minutes_between(self.started, end)
        return minutes if minutes >= 0 else None

    @property
    def measured_minutes(self) -> int | None:
        return self.since_start("resolved")

    @property
    def minutes(self) -> int | None:
        """The incident's duration: measured where both ends are known, else as stated."""
        measured = self.measured_minutes
        return measured if measured is not None else self.stated_minutes

    def source(self, milestone: str) -> str | None:
        return dict(self.sources).get(milestone)


def read_duration(text: str) -> int | None:
    """``4h23m`` / ``4 hours 23 minutes`` / ``90m`` / ``4:23`` -> minutes, else None."""
    clock = _CLOCK_DURATION().match(text.strip())
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    match = _DURATION().match(text)
    if not match or not any(match.group(g) for g in "dhm"):
        return None
    days, hours, minutes = (int(match.group(g) or 0) for g in "dhm")
    return days * 1440 + hours * 60 + minutes


def format_minutes(total: int) -> str:
    """``128`` -> ``2h08m``; ``45`` -> ``45m``: how every surface writes a duration."""
    hours, minutes = divmod(abs(total), 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


def read_moment(text: str, day: dt.date | None, after: Moment | None = None) -> Moment | None:
    """A front-matter moment: ``HH:MM`` on ``day`` (the next day if before ``after``) or an ISO datetime."""
    text = text.strip()
    clock = _CLOCK().match(text)
    if clock:
        hour, minute = int(clock.group("h")), int(clock.group("m"))
        if hour > 23 or minute > 59:
            return None
        return _placed(dt.time(hour, minute), day, after)
    if len(text) <= 10:  # a date alone says nothing about the time
        return None
    try:
        when = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return None
    return Moment(when.replace(tzinfo=None), dated=True)  # zones are taken to be the same within a document


def minutes_between(start: Moment, end: Moment) -> int:
    return int((end.when - start.when).total_seconds() // 60)


def incident_times(doc: Document, resolution_words: tuple[str, ...] = DEFAULT_RESOLUTION_WORDS) -> IncidentTimes:
    """Read one document's milestones: front matter first, then the timeline."""
    points = timeline_moments(doc)
    day = doc.date or next((point.when.date() for point, _ in points if point.dated), None)
    found: dict[str, Moment] = {}
    sources: dict[str, str] = {}
    for key in MILESTONES:
        moment = read_moment(doc.meta(key) or "", day, found.get("started"))
        if moment is not None:
            found[key] = moment
            sources[key] = "front matter"
    for key, moment in _from_timeline(points, resolution_words).items():
        if key not in found:
            found[key] = moment
            sources[key] = "timeline"
    duration = doc.meta("duration")
    return IncidentTimes(
        started=found.get("started"), detected=found.get("detected"), mitigated=found.get("mitigated"),
        resolved=found.get("resolved"), stated_minutes=read_duration(duration) if duration else None,
        sources=tuple(sources.items()), timeline=tuple(point for point, _ in points),
    )


def timeline_moments(doc: Document) -> list[tuple[Moment, TimelineEntry]]:
    """Every valid timeline time (starts and range ends) as a moment, in document order.

    An entry without a date takes the last date seen in the timeline (or the
    document's); a clock that falls back by more than 12 hours is on the next day.
    """
    points: list[tuple[Moment, TimelineEntry]] = []
    carried = doc.date
    previous: Moment | None = None
    for entry in doc.timeline:
        for stamp in (entry.time, entry.end):
            if stamp is None or not stamp.is_valid_clock:
                continue
            clock = dt.time(stamp.hour, stamp.minute)
            if stamp.date is not None:
                carried = stamp.date
                moment = Moment(dt.datetime.combine(stamp.date, clock), dated=True, line=entry.span.line)
            else:
                placed = _placed(clock, carried, previous)
                moment = Moment(placed.when, placed.dated, entry.span.line)
            points.append((moment, entry))
            previous = moment
    return points


def _placed(clock: dt.time, day: dt.date | None, after: Moment | None) -> Moment:
    """``clock`` on ``day``, moved to the next day when it falls back from ``after`` by more than
    :data:`NEXT_DAY_GAP_MINUTES` (a small step back stays: an entry out of order, not a new day)."""
    when = dt.datetime.combine(day or (after.when.date() if after else _SOME_DAY), clock)
    while after is not None and (after.when - when).total_seconds() > NEXT_DAY_GAP_MINUTES * 60:
        when += dt.timedelta(days=1)
    return Moment(when, dated=day is not None or bool(after and after.dated))


def _from_timeline(points: list[tuple[Moment, TimelineEntry]],
                   resolution_words: tuple[str, ...]) -> dict[str, Moment]:
    if not points:
        return {}
    found = {"started": points[0][0], "resolved": _resolution(points, resolution_words)}
    for key, pattern in (("detected", _DETECTED()), ("mitigated", _MITIGATED())):
        hit = next((moment for moment, entry in points if pattern.search(entry.event)), None)
        if hit is not None:
            found[key] = hit
    return found


@lru_cache(maxsize=16)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)


def _resolution(points: list[tuple[Moment, TimelineEntry]], words: tuple[str, ...]) -> Moment:
    """The last entry whose event says the incident was resolved, else the latest time."""
    if words:
        pattern = _words_pattern(words)
        for moment, entry in reversed(points):
            if pattern.search(entry.event):
                return moment
    return max((moment for moment, _ in points), key=lambda moment: moment.when)
