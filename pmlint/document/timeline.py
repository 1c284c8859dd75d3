"""Read timeline entries (tables, lists, plain lines) out of Timeline sections."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import (
    Block,
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
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
#: "2026-03-10", a mistyped "20202-01-16", "March 10, 2026", "10 March 2026", "Mar 10"
_DAY = (
    r"\d{4,5}-\d{1,2}-\d{1,2}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}}(?!\d))?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}}(?!\d))?"
)
_TIME = re.compile(
    rf"(?P<date>{_DAY})?(?:[ T]+|,\s*|\s+at\s+)?"
    r"(?<![\d:])(?P<hour>\d{1,2})(?P<sep>[:.hH])(?P<minute>\d{2})(?!\d)"
    r"(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"(?:\s?(?P<ampm>[ap])\.?m\b\.?)?"  # "2:15 PM", "9:05a.m." (read as 14:15, 09:05)
    r"(?P<zone>\s?(?:Z|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|BST|CES?T|EES?T|WES?T|IST|JST|KST|SGT"
    r"|HKT|AES?T|AEDT|NZS?T|NZDT|[ECMP][SD]T|[+-]\d{2}:?\d{2})\b)?",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\s*(?:–|—|-|to)\s*")
_LEAD = re.compile(r"^[\s*_`~\[]*")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
#: a line that is only a day: "2026-03-10", "**Tuesday, March 10, 2026**", "10 March 2026:"
_DATE_ONLY = re.compile(rf"^[\s*_`#]*{_WEEKDAY}(?P<day>{_DAY})[\s*_`:]*$", re.IGNORECASE)
_ISO_PARTS = re.compile(r"(\d{4,5})-(\d{1,2})-(\d{1,2})$")
_NAMED_PARTS = lazy_pattern(
    r"(?P<a>\w+?)(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<b>\w+?)\.?(?:,?\s+(?P<year>\d{4}))?$"
)
_EVENT_SEP = re.compile(r"^[\s*_\]|:—–\-]+")

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
    lead = _LEAD.match(text)
    offset = lead.end() if lead else 0
    start = _clock(text, offset, line, column)
    if start is None:
        return None
    stamp, cursor = start
    end: Timestamp | None = None
    joiner = _RANGE.match(text, cursor)
    if joiner:
        later = _clock(text, joiner.end(), line, column)
        if later is not None:
            end, cursor = later
    return stamp, end, cursor


def _clock(text: str, offset: int, line: int, column: int) -> tuple[Timestamp, int] | None:
    match = _TIME.match(text, offset)
    if not match:
        return None
    date = parse_day(match["date"]) if match["date"] else None
    raw = match.group(0).strip()
    start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
    hour = int(match["hour"])
    if match["ampm"] and 1 <= hour <= 12:
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    stamp = Timestamp(
        raw=raw,
        span=Span(line, column + start, line, column + match.end()),
        hour=hour,
        minute=int(match["minute"]),
        second=int(match["second"]) if match["second"] else None,
        date=date,
        separator=match["sep"],
        padded=len(match["hour"]) == 2,
        zone=(match["zone"] or "").strip() or None,
    )
    return stamp, match.end()


# ------------------------------------------------------------------ timeline


def read_timeline(source: SourceFile, sections: Iterable[Section]) -> tuple[TimelineEntry, ...]:
    entries: list[TimelineEntry] = []
    seen: set[int] = set()
    sections = tuple(sections)
    for section in sections:
        if section.key != "timeline":
            continue
        group_date: dt.date | None = None
        in_group = False
        group_depth = 0
        day_headings = _day_headings(sections, section)
        for block in section.blocks:
            while day_headings and day_headings[0][0] < block.span.line:
                group_date, in_group = day_headings.pop(0)[1], False
            if block.span.line in seen:
                continue
            seen.add(block.span.line)
            if block.kind == "table" and block.table:
                entries.extend(_table_entries(block.table, group_date))
            elif block.kind == "paragraph" and (day := _DATE_ONLY.match(block.text)):
                group_date = parse_day(day["day"])  # "**2026-03-11**" above that day's entries
            elif block.kind == "list_item":
                date_only = _DATE_ONLY.match(block.text.split("\n", 1)[0])
                if date_only:
                    group_date, in_group, group_depth = parse_day(date_only["day"]), True, block.depth
                    continue
                if block.depth == 0:
                    in_group = False
                elif not in_group or block.depth > group_depth + 1:
                    continue  # a detail under an entry, not an entry of its own
                entries.append(_list_entry(block, group_date))
            elif block.kind == "paragraph":
                entries.extend(_line_entries(source, block, group_date))
    return tuple(entries)


def _day_headings(sections: tuple[Section, ...], timeline: Section) -> list[tuple[int, dt.date | None]]:
    """Sub-headings of a timeline that name a day ("### 2026-03-10", "### Tuesday 10 March 2026")."""
    found = []
    for section in sections:
        inside = timeline.span.line < section.span.line < timeline.body.end_line
        day = _DATE_ONLY.match(section.title) if inside and section.level > timeline.level else None
        if day:
            found.append((section.span.line, parse_day(day["day"])))
    return found


def parse_day(text: str) -> dt.date | None:
    """A day written as ISO or with a month name ("March 10, 2026", "10th Mar 2026").

    None when it is not a real date, not zero-padded ISO, or has no year.
    """
    text = text.strip()
    iso = _ISO_PARTS.match(text)
    if iso:
        year, month, day = iso.groups()
        if (len(year), len(month), len(day)) != (4, 2, 2):
            return None
        return _date(int(year), int(month), int(day))
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
        parsed = parsed or group_date
        if start is not None and parsed is not None and start.date is None:
            start = _with_date(start, parsed)
        yield TimelineEntry(row.span, text or None, start, end, event, "table", cell.span)


def _with_date(stamp: Timestamp, date: dt.date) -> Timestamp:
    return Timestamp(stamp.raw, stamp.span, stamp.hour, stamp.minute, stamp.second, date,
                     stamp.separator, stamp.padded, stamp.zone)


def _is_placeholder_row(row: Row) -> bool:
    return all(cell.text.strip() in ("", "...", "…", "---") for cell in row.cells)


def _list_entry(block: Block, group_date: dt.date | None) -> TimelineEntry:
    first = block.text.split("\n", 1)[0]
    found = read_timestamp(first, block.span.line, block.span.column)
    if found is None:
        return TimelineEntry(block.span, None, None, None, first.strip(), "list")
    start, end, cursor = found
    if group_date is not None and start.date is None:
        start = _with_date(start, group_date)
        end = _with_date(end, group_date) if end and end.date is None else end
    event = _EVENT_SEP.sub("", first[cursor:]).strip()
    return TimelineEntry(block.span, start.raw if end is None else first[: cursor].strip(" *_`"),
                         start, end, event, "list", start.span if end is None else
                         Span(start.span.line, start.span.column, end.span.end_line, end.span.end_column))


def _line_entries(
    source: SourceFile, block: Block, group_date: dt.date | None = None
) -> Iterator[TimelineEntry]:
    for offset, text in enumerate(block.text.split("\n")):
        line = block.span.line + offset
        raw = source.line(line)
        column = raw.find(text.strip()) + 1 if text.strip() else 1
        found = read_timestamp(text.strip(), line, max(column, 1))
        if found is None:
            continue
        start, end, cursor = found
        if group_date is not None and start.date is None:
            start = _with_date(start, group_date)
        event = _EVENT_SEP.sub("", text.strip()[cursor:]).strip()
        yield TimelineEntry(Span(line, 1, line, len(raw) + 1), start.raw, start, end, event,
                            "line", start.span)
