"""Read timeline entries (tables, lists, plain lines) out of Timeline sections."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import (
    Block,
    EntryForm,
    Row,
    Section,
    Table,
    TimelineEntry,
    Timestamp,
    normalise_label,
)
from pmlint.document.source import SourceFile, Span

# ---------------------------------------------------------------- timestamps

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*"
_MONTH = rf"{_MONTH_WORD}\.?"
#: "2026-03-10", a mistyped "20202-01-16", "March 10, 2026", "10 March 2026", "Mar 10",
#: US "3/10/26" and "03-10-2026", and a month-day "03-10" right before a clock ("[03-10 16:46]");
#: the named groups are the parts a shorter reading drops (see :func:`_day_ends`)
_DAY = (
    r"\d{4,5}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}(?!\d)|\d{1,2}-\d{1,2}-\d{4}(?!\d)"
    r"|\d{1,2}[-/]\d{1,2}(?=[ T]\d{1,2}[:.hH]\d{2})"
    rf"|(?P<month_first>{_MONTH})\s+\d{{1,2}}(?P<suffix>st|nd|rd|th)?(?P<year>,?\s+\d{{4}}(?!\d))?(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<month>{_MONTH_WORD})(?P<dot>\.)?"
    r"(?P<month_year>,?\s+\d{4}(?!\d))?"
)
#: the day is compiled once and each reader matches its own small patterns around it: compiled
#: into each reader's pattern, as it was, it cost ~14 M more instructions per one-file check
_DAY_AT = lazy_pattern(_DAY, re.IGNORECASE)
#: a zone as written after a clock: "UTC", "UTC+1", "Z", "CEST", "ET", "+01:00", "(PDT)"
_ZONE = (
    r"Z|(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|BST|CES?T|EES?T|WES?T|IST|JST|KST|SGT"
    r"|HKT|AES?T|AEDT|NZS?T|NZDT|[ECMP][SD]?T|AKS?T|HS?T|[+-]\d{2}:?\d{2}"
)
#: a clock, after a day if one starts the text: "14:05", "T14:05:09", " at 2:15 PM", ", 16h46"
_CLOCK = lazy_pattern(
    r"(?:[ T]+|,\s*|\s*@\s*|\s+at\s+)?[*_`]*"
    r"(?:(?<![\d:])(?P<hour>\d{1,2})(?P<sep>[:.hH])(?P<minute>\d{2})(?!\d)"
    r"(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"|(?<![\d:])(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?![\d.]|:\d))"  # "1625" (after a dated day or before a zone)
    r"(?:\s?(?P<ampm>[ap])\.?m\b\.?|(?P<ap>[ap])\b)?",  # "2:15 PM", "9:05a.m.", "9:06a" (read as 14:15 …)
    re.IGNORECASE,
)
#: the zone right after a clock: "Z", " CEST", "** (PDT)"; its own pattern, matched only when text
#: follows the clock, so a timeline table's time cells never compile it (~3 M instructions)
_CLOCK_ZONE = lazy_pattern(rf"[*_`]*\s?\(?(?P<zone>(?:{_ZONE})\b)\)?", re.IGNORECASE)
#: a zone written as a word or a city after the clock: "16:37 Denver", "10:00 Pacific time"
_ZONE_WORD = lazy_pattern(r"[*_`]*\s?\(?(?P<word>[A-Z][a-z]+(?:[ _][A-Z][a-z]+)?)\)?(?:\s+time\b)?")
_ZONE_WORDS = frozenset({"Pacific", "Eastern", "Central", "Mountain", "Zulu", "Universal"})
_RANGE = lazy_pattern(r"\s*(?:–|—|-|to|until)\s*")
#: what may stand before a leading timestamp: markup, "~", "{{", a bracket, "Around", "At"
_LEAD = lazy_pattern(
    r"^[\s*_`~\[{(]*(?:(?:at|around|approx(?:imately|\.)?|about|circa|ca\.)\s+[*_`~]*)?", re.IGNORECASE
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
#: what stands before a line that is only a day: "**Tuesday, March 10, 2026**", "### 10 March 2026:"
_DATE_ONLY_LEAD = lazy_pattern(rf"[\s*_`#]*{_WEEKDAY}", re.IGNORECASE)
_DATE_ONLY_TAIL = lazy_pattern(r"[\s*_`:]*$")
#: what stands before a day at the start of an entry: "2026-03-11: vendor replied", "**Jun 4, 2025**: …"
_DATE_LEAD = lazy_pattern(rf"[\s*_`~\[{{(]*{_WEEKDAY}", re.IGNORECASE)
#: what may not follow such a day: it would be a longer number or a clock ("2026-03-11:15")
_DIGIT_NEXT = lazy_pattern(r"\d|:\d")
#: a day starting a word anywhere: one scan, not a match tried at every word
_DAY_ANYWHERE = lazy_pattern(rf"(?<![^\W_])(?P<day>{_DAY})(?!\d|:\d)", re.IGNORECASE)
_ISO_PARTS = lazy_pattern(r"(\d{4,5})-(\d{1,2})-(\d{1,2})$")
_NUMERIC_PARTS = lazy_pattern(r"(\d{1,2})[-/](\d{1,2})[-/](\d{2,4})$")
_NAMED_PARTS = lazy_pattern(
    r"(?P<a>\w+?)(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<b>\w+?)\.?(?:,?\s+(?P<year>\d{4}))?$"
)
_EVENT_SEP = lazy_pattern(r"^[\s*_\]})|:—–\-]+")
#: a status-log label on a line of its own: "[Update - 2026-03-10 15h50 UTC]", "[Final message]"
_STATUS_LABEL = lazy_pattern(r"^\s*\[(?P<label>[^\[\]]{1,80})\]\s*$")
_ENDS = (".", "!", "?", ":", ";", ")", "]", "*", "_", "`", ">", "|")
_YEAR = lazy_pattern(r"\d{4}")
_BREAK = lazy_pattern(r"<br\s*/?>", re.IGNORECASE)

TIME_COLUMNS = frozenset(
    {"time", "timestamp", "when", "date", "date/time", "datetime", "date time", "date & time",
     "time utc", "utc", "start", "time (utc)"}
)
EVENT_COLUMNS = frozenset(
    {"event", "events", "description", "what happened", "action", "details", "detail",
     "note", "notes", "activity", "summary", "update"}
)


def read_timestamp(text: str, line: int, column: int) -> tuple[Timestamp, Timestamp | None, int] | None:
    """Read a timestamp at the start of ``text`` (first line only).

    Returns the start, an optional range end, and where the event text begins.
    ``column`` is the 1-based column of ``text[0]`` on ``line``.
    """
    lead = _LEAD().match(text)
    offset = lead.end() if lead else 0
    start = _clock(text, offset, line, column)
    if start is None and offset:
        start = _clock(text, len(text) - len(text.lstrip(" *_`~[{(")), line, column)
    if start is None:
        return None
    stamp, cursor = start
    end: Timestamp | None = None
    # a table cell often ends with its clock: nothing to match after it (~1 M instructions)
    joiner = _RANGE().match(text, cursor) if cursor < len(text) else None
    if joiner:
        later = _clock(text, joiner.end(), line, column)
        if later is not None:
            end, cursor = later
    return stamp, end, cursor


def _clock(text: str, offset: int, line: int, column: int) -> tuple[Timestamp, int] | None:
    found = _day_and_clock(text, offset)
    if found is None:
        return None
    day, match, clock_zone = found
    if match["hhmm"] and not (_YEAR().search(day or "") or clock_zone):
        return None  # four digits are a clock only after a day with its year or before a zone
    date = parse_day(day) if day else None
    end = clock_zone.end() if clock_zone else match.end()
    zone = (clock_zone["zone"].strip() or None) if clock_zone else None
    if zone is None and end < len(text) and (word := _ZONE_WORD().match(text, end)) and _is_zone_word(word["word"]):
        zone, end = word["word"], word.end()
    raw = text[offset:end].strip()
    read = text[offset:match.end()]
    start = offset + len(read) - len(read.lstrip())
    hour = int(match["hour"] or match["hhmm"])
    meridiem = match["ampm"] or match["ap"]
    if meridiem and 1 <= hour <= 12:
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    stamp = Timestamp(
        raw=raw,
        span=Span(line, column + start, line, column + end),
        hour=hour,
        minute=int(match["minute"] or match["mm"]),
        second=int(match["second"]) if match["second"] else None,
        date=date,
        separator=match["sep"] or "",
        padded=len(match["hour"] or match["hhmm"]) == 2,
        zone=zone,
    )
    return stamp, end


def _day_and_clock(text: str, offset: int) -> tuple[str | None, re.Match[str], re.Match[str] | None] | None:
    """The day (if one starts there), the clock and its zone read at ``offset``: the clock after
    the day's longest reading that has one, else the clock right at ``offset``."""
    readings: list[tuple[str | None, int]] = [(text[offset:end], end) for end in _day_ends(text, offset)]
    for day, end in [*readings, (None, offset)]:
        if clock := _CLOCK().match(text, end):
            # the zone is optional and last: it never changes which reading has a clock
            zone = _CLOCK_ZONE().match(text, clock.end()) if clock.end() < len(text) else None
            return day, clock, zone
    return None


def _day_ends(text: str, start: int) -> Iterator[int]:
    """Where a day written at ``start`` can end, longest reading first; none if no day starts there.

    These are the ends a regular expression of the day followed by more would try in turn
    until the rest matched: "March 10, 2026" may be "March 10" (before ", 2026 UTC" that
    reads a clock), "10 March" may be "10 Marc". A shorter reading that ends right before a
    digit ("2026-03-1" of "2026-03-10") is left out: no clock starts right after a digit, and
    the other readers want no digit after a day.
    """
    day = _DAY_AT().match(text, start)
    if day is None:
        return
    yield day.end()
    if day["month_first"]:  # without the year, then without "st"/"nd"/"rd"/"th"
        yield from (day.start(part) for part in ("year", "suffix") if day[part])
    elif day["month"]:  # without the year, then the dot, then a shorter month word down to "Mar"
        yield from (day.start(part) for part in ("month_year", "dot") if day[part])
        yield from range(day.end("month") - 1, day.start("month") + 2, -1)


def _is_zone_word(word: str) -> bool:
    """A zone named by a word ("Pacific") or by a city of the time-zone database ("Denver")."""
    return word.split()[0] in _ZONE_WORDS or _is_zone_city(word.replace(" ", "_"))


#: the areas of the time-zone database whose last name part is a city or region
_ZONE_AREAS = ("America", "Europe", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian", "Antarctica",
               "Arctic", "America/Argentina", "America/Indiana", "America/Kentucky", "America/North_Dakota",
               "Brazil", "Canada", "Chile", "Mexico", "US", "Etc")


def _is_zone_city(name: str) -> bool:
    """Whether some ``Area/name`` is in the time-zone database."""
    return name in _zone_cities()


@cache
def _zone_cities() -> frozenset[str]:
    """The names under the areas of the time-zone database, where ``zoneinfo`` looks: the
    system's database folders, and the ``tzdata`` package's list when it is installed.

    Twenty folder listings, once. Asking ``ZoneInfo`` for each area instead cost a miss
    per area for every capitalised word after a clock ("09:15 Alert fires"), and each miss
    fell back to the ``tzdata`` package: a one-file check of a real bullet timeline ran
    1,021 M instructions instead of 817 M. ``available_timezones`` walks the whole database.
    """
    from importlib.util import find_spec
    from zoneinfo import TZPATH

    names: set[str] = set()
    for root in TZPATH:
        for area in _ZONE_AREAS:
            try:
                with os.scandir(os.path.join(root, area)) as entries:
                    names.update(entry.name for entry in entries if entry.is_file())
            except OSError:
                continue
    if find_spec("tzdata") is not None:
        from importlib.resources import files

        try:
            keys = files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
        except (OSError, UnicodeDecodeError):
            keys = []  # a damaged package: its zones are not readable as ZoneInfo keys either
        for key in keys:
            area, _, city = key.rpartition("/")
            if area in _ZONE_AREAS:
                names.add(city)
    return frozenset(names)


def read_day(text: str) -> tuple[dt.date | None, int] | None:
    """A day at the start of ``text`` and where it ends (the date is None when it has no year)."""
    found = _leading_day(text)
    return None if found is None else (parse_day(found[0]), found[1])


def _leading_day(text: str) -> tuple[str, int] | None:
    """The day that starts ``text`` after markup and a weekday, and where it ends."""
    lead = _DATE_LEAD().match(text)  # all its parts are optional: it always matches
    start = lead.end() if lead else 0
    end = next((end for end in _day_ends(text, start) if not _DIGIT_NEXT().match(text, end)), None)
    return None if end is None else (text[start:end], end)


def _date_only(text: str) -> str | None:
    """The day of a line that is only a day, with its weekday and markup around it."""
    lead = _DATE_ONLY_LEAD().match(text)  # all its parts are optional: it always matches
    start = lead.end() if lead else 0
    return next((text[start:end] for end in _day_ends(text, start) if _DATE_ONLY_TAIL().match(text, end)), None)


def parse_day(text: str) -> dt.date | None:
    """A day written as ISO or with a month name ("March 10, 2026", "10th Mar 2026").

    None when it is not a real date, not zero-padded ISO, or has no year.
    """
    text = text.strip()
    iso = _ISO_PARTS().match(text)
    if iso:
        year, month, day = iso.groups()
        if (len(year), len(month), len(day)) != (4, 2, 2):
            return None
        return _date(int(year), int(month), int(day))
    numeric = _NUMERIC_PARTS().match(text)
    if numeric:  # month first, as the US writes it, unless that is not a date
        month_first, day_first, short_year = (int(part) for part in numeric.groups())
        full_year = short_year + (2000 if short_year < 100 else 0)
        return _date(full_year, month_first, day_first) or _date(full_year, day_first, month_first)
    named = _NAMED_PARTS().match(text)
    if named is None or named["year"] is None:
        return None
    first, second = named["a"].lower(), named["b"].lower()
    month, day = (first, second) if first[:3] in _MONTHS else (second, first)
    if month[:3] not in _MONTHS or not day.isdigit():
        return None
    return _date(int(named["year"]), _MONTHS.index(month[:3]) + 1, int(day))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None



# ------------------------------------------------------------------ timeline


def read_timeline(source: SourceFile, sections: Iterable[Section]) -> tuple[TimelineEntry, ...]:
    """Entries of every Timeline section, read by their shape: a heading, list item, table row,
    line or ``<br>``-joined part of a line that starts with a clock or a day."""
    sections = tuple(sections)
    entries: list[TimelineEntry] = []
    covered_until = 0
    for section in sections:
        if section.key != "timeline" or section.span.line < covered_until:
            continue
        covered_until = section.body.end_line
        inside = [s for s in sections if section.span.line < s.span.line < section.body.end_line]
        entries.extend(_TimelineReader(source, section, inside).read())
    return tuple(entries)


class _Lead(NamedTuple):
    """What an entry starts with: a clock (and range end), or only a day."""

    start: Timestamp | None
    end: Timestamp | None
    cursor: int
    date: dt.date | None


def _lead(text: str, line: int, column: int) -> _Lead | None:
    found = read_timestamp(text, line, column)
    if found is not None:
        start, end, cursor = found
        return _Lead(start, end, cursor, start.date)
    day = read_day(text)
    if day is not None:
        return _Lead(None, None, day[1], day[0])
    return None


class _TimelineReader:
    """Walks one Timeline section's sub-headings and blocks in order."""

    def __init__(self, source: SourceFile, section: Section, headings: list[Section]) -> None:
        self.source = source
        self.section = section
        self.headings = headings
        self.entries: list[TimelineEntry] = []
        self.day: dt.date | None = None
        self.day_level = 99
        self.under_entry = False  # the blocks under a time heading belong to its entry
        #: a day heading with no entry of its own yet: (entries before it, its first prose block, day)
        self.open_day: tuple[int, Block | None, dt.date | None] | None = None
        self.in_group, self.group_depth = False, 0
        self.leads: dict[int, _Lead | None] = {}
        #: each list item's (list, depth); the (list, depth) pairs that are mostly untimed
        self.run_of: dict[int, tuple[int, int]] = {}
        self.untimed_runs: set[tuple[int, int]] = set()

    def read(self) -> list[TimelineEntry]:
        self._mark_untimed_lists()
        events: list[tuple[int, Section | Block]] = [(h.span.line, h) for h in self.headings]
        events += [(b.span.line, b) for b in self.section.blocks]
        events.sort(key=lambda pair: pair[0])
        for _, item in events:
            if isinstance(item, Section):
                self._heading(item)
            else:
                self._block(item)
        self._close_day(None)
        return self.entries

    # -- list runs: an untimed bullet is an entry only among mostly timed siblings

    def _item_lead(self, block: Block) -> _Lead | None:
        key = block.span.line
        if key not in self.leads:
            first = block.text.split("\n", 1)[0]
            self.leads[key] = _lead(first, block.span.line, block.span.column)
        return self.leads[key]

    def _mark_untimed_lists(self) -> None:
        """Lists of details: mostly untimed, and introduced by a line ending in ':' ("Root causes:",
        "The change lands with a test that:"). A list of untimed bullets of its own stays entries."""
        run = 0
        counts: dict[tuple[int, int], tuple[int, int]] = {}
        introduced: set[int] = set()
        previous: Block | None = None
        for block in self.section.blocks:
            if block.kind != "list_item":
                previous = block
                continue
            if previous is not None:
                run += 1
                if previous.kind == "paragraph" and previous.text.rstrip(" *_`").endswith(":"):
                    introduced.add(run)
                previous = None
            timed, total = counts.get((run, block.depth), (0, 0))
            counts[(run, block.depth)] = (timed + (self._item_lead(block) is not None), total + 1)
            self.run_of[block.span.line] = (run, block.depth)
        self.untimed_runs = {key for key, (timed, total) in counts.items()
                             if key[0] in introduced and timed * 2 < total}

    # -- headings

    def _heading(self, heading: Section) -> None:
        found = read_timestamp(heading.title, heading.span.line, heading.span.column)
        self._close_day(found)
        self.under_entry = False
        if heading.level <= self.day_level:
            self.day, self.day_level = None, 99
        if found is not None:
            start, end, cursor = found
            self._add(heading.span, start, end, heading.title[cursor:], "heading", start.date)
            self.under_entry = True
            return
        day = read_day(heading.title)
        if day is not None:
            self.day, self.day_level = day[0], heading.level
            if _date_only(heading.title) is not None:
                self.open_day = (len(self.entries), None, day[0])

    def _close_day(self, next_clock: object) -> None:
        """A day heading whose text is prose only is one entry, at its first paragraph."""
        if self.open_day is None:
            return
        count, first, day = self.open_day
        self.open_day = None
        if len(self.entries) == count and first is not None and next_clock is None:
            text = first.text.split("\n", 1)[0].strip()
            self._add(first.span, None, None, text, "line", day)

    # -- blocks

    def _block(self, block: Block) -> None:
        if self.under_entry:
            return
        if self.open_day is not None and self.open_day[1] is None and block.kind in ("paragraph", "list_item"):
            self.open_day = (self.open_day[0], block, self.open_day[2])
        if block.kind == "table" and block.table:
            if _is_timeline_table(block.table):
                for entry in _table_entries(block.table, self.day):
                    self.entries.append(entry)
        elif block.kind == "list_item":
            self._list_item(block)
        elif block.kind == "paragraph":
            self._paragraph(block)

    def _list_item(self, block: Block) -> None:
        first = block.text.split("\n", 1)[0]
        date_only = _date_only(first)
        if date_only is not None:
            self.day, self.in_group, self.group_depth = parse_day(date_only), True, block.depth
            return
        if block.depth == 0:
            self.in_group = False
        elif not self.in_group or block.depth > self.group_depth + 1:
            return  # a detail under an entry, not an entry of its own
        lead = self._item_lead(block)
        if lead is None and self.run_of.get(block.span.line) in self.untimed_runs:
            return  # a list of details or causes, not of events
        if lead is None:  # the time may be told inside it: "DEPO notified OCC at 12:16 ET on June 16"
            stamp = _inner_stamp(first, block.span.line, block.span.column)
            date = read_day_anywhere(first) if stamp is not None else None
            self._add(block.span, stamp, None, first.strip(), "list", date or self.day)
            return
        event = _EVENT_SEP().sub("", first[lead.cursor:]).strip() if lead.cursor else first.strip()
        self._add(block.span, lead.start, lead.end, event, "list", lead.date)

    def _paragraph(self, block: Block) -> None:
        day = _date_only(block.text)
        if day is not None:  # "**2026-03-11**" above that day's entries
            self.day = parse_day(day)
            return
        lines = block.text.split("\n")
        label = _STATUS_LABEL().match(lines[0])
        if label:  # a status log: "[Update - 2026-03-10 15h50 UTC]" then the update
            line = block.span.line
            column = self.source.line(line).find(label["label"]) + 1
            stamp = _first_stamp(label["label"], line, max(column, 1))
            date = stamp.date if stamp else read_day_anywhere(label["label"])
            self._add(self._line_span(line), stamp, None, " ".join(lines[1:]).strip(), "line", date)
            return
        before = len(self.entries)
        line_was_entry = True
        for offset, text in enumerate(lines):
            # a clock that starts a hard-wrapped line of a sentence ("… Around\n10:00, we …")
            # is not an entry: the line before ended neither an entry nor a sentence
            wrapped = offset > 0 and not line_was_entry and not lines[offset - 1].rstrip().endswith(_ENDS)
            read = len(self.entries)
            self._line(block.span.line + offset, text, wrapped)
            line_was_entry = len(self.entries) > read
        if len(self.entries) == before:
            lead = read_day(lines[0])
            if lead is not None and lines[0][lead[1]:].strip(" *_`:—–-"):
                event = _EVENT_SEP().sub("", lines[0][lead[1]:]).strip()
                self._add(self._line_span(block.span.line), None, None, event, "line", lead[0])

    def _line(self, line: int, text: str, wrapped: bool) -> None:
        """Entries on one line: at its start (unless ``wrapped``) and after each ``<br>``."""
        raw = self.source.line(line)
        parts = _BREAK().split(text) if "<" in text else [text]
        searched = 0
        for index, part in enumerate(parts):
            stripped = part.strip()
            column = raw.find(stripped, searched) + 1 if stripped else 1
            searched = max(column - 1, searched)
            if not stripped or (index == 0 and (wrapped or (len(parts) > 1 and not _lead_clock(stripped)))):
                continue
            found = read_timestamp(stripped, line, max(column, 1))
            if found is None:
                continue
            start, end, cursor = found
            event = _EVENT_SEP().sub("", stripped[cursor:]).strip()
            self._add(self._line_span(line), start, end, event, "line", start.date, start.span)

    def _line_span(self, line: int) -> Span:
        return Span(line, 1, line, len(self.source.line(line)) + 1)

    def _add(self, span: Span, start: Timestamp | None, end: Timestamp | None, event: str,
             form: EntryForm, date: dt.date | None, time_span: Span | None = None) -> None:
        date = date or self.day
        if start is not None and start.date is None and date is not None:
            start = _with_date(start, date)
            end = _with_date(end, date) if end and end.date is None else end
        raw = None
        if start is not None:
            raw = start.raw if end is None else f"{start.raw} - {end.raw}"
            time_span = time_span or (start.span if end is None else
                                      Span(start.span.line, start.span.column, end.span.end_line, end.span.end_column))
        self.entries.append(TimelineEntry(span, raw, start, end, event.strip(), form, time_span, date))


#: where an entry that does not start with its time tells it: "at 12:16 ET", "at approximately 1:00 PM"
_INNER_CLOCK = lazy_pattern(r"\b(?:at|around)\s+(?:approximately\s+|approx\.?\s+|about\s+|around\s+|~)?(?=\d)",
                          re.IGNORECASE)


def _inner_stamp(text: str, line: int, column: int) -> Timestamp | None:
    """The first clock told inside an entry's text, written with a colon, a zone or AM/PM."""
    for match in _INNER_CLOCK().finditer(text):
        found = _clock(text, match.end(), line, column)
        if found is not None and (found[0].separator == ":" or found[0].zone or found[0].raw[-1:].lower() == "m"):
            return found[0]
    return None


def _lead_clock(text: str) -> bool:
    return read_timestamp(text, 1, 1) is not None


def _first_stamp(text: str, line: int, column: int) -> Timestamp | None:
    """The first clock anywhere in a short label."""
    for index, char in enumerate(text):
        if char.isdigit() and (index == 0 or not text[index - 1].isdigit()):
            found = _clock(text, index, line, column)
            if found is not None:
                return found[0]
    return None


def read_day_anywhere(text: str) -> dt.date | None:
    """The first day with a year in ``text`` (a timeline label; ``pmlint adopt`` reads a whole file)."""
    return next((day for match in _DAY_ANYWHERE().finditer(text) if (day := parse_day(match["day"]))), None)


def _is_timeline_table(table: Table) -> bool:
    """A table of events: a time column, or mostly rows whose first cell is a clock or a day."""
    if table.column(TIME_COLUMNS) is not None:
        return True
    firsts = [row.cells[0].text for row in table.rows if row.cells and not _is_placeholder_row(row)]
    led = sum(1 for text in firsts if _lead(text, 1, 1) is not None)
    return bool(firsts) and led * 2 >= len(firsts)


def _table_entries(table: Table, group_date: dt.date | None = None) -> Iterator[TimelineEntry]:
    time_col = table.column(TIME_COLUMNS)
    date_col = None
    if time_col is not None and normalise_label(table.header.cells[time_col].text) == "date":
        other = table.column(frozenset(TIME_COLUMNS - {"date"}))
        if other is not None:
            date_col, time_col = time_col, other
    if time_col is None:
        time_col = 0
    event_col = table.column(EVENT_COLUMNS)
    if event_col is None:
        event_col = next((i for i in range(len(table.header.cells)) if i not in (time_col, date_col)), None)
    for row in table.rows:
        cell = row.cell(time_col)
        if cell is None or _is_placeholder_row(row):
            continue
        event_cell = row.cell(event_col)
        event = event_cell.text if event_cell else ""
        text = cell.text
        date_cell = row.cell(date_col)
        if date_cell and date_cell.text and not text.startswith(date_cell.text):
            parsed = parse_day(date_cell.text.strip())
        else:
            parsed = None
        found = read_timestamp(text, cell.span.line, cell.span.column)
        start, end = (found[0], found[1]) if found else (None, None)
        if start is None and parsed is None and (day := read_day(text)) is not None:
            parsed = day[0]
        parsed = parsed or group_date
        if start is not None and parsed is not None and start.date is None:
            start = _with_date(start, parsed)
        date = start.date if start is not None and start.date else parsed
        yield TimelineEntry(row.span, text or None, start, end, event, "table", cell.span, date)


def _with_date(stamp: Timestamp, date: dt.date) -> Timestamp:
    return Timestamp(stamp.raw, stamp.span, stamp.hour, stamp.minute, stamp.second, date,
                     stamp.separator, stamp.padded, stamp.zone)


def _is_placeholder_row(row: Row) -> bool:
    return all(cell.text.strip() in ("", "...", "…", "---") for cell in row.cells)
