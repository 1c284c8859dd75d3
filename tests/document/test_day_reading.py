"""The timeline reads a day once and matches what stands around it (a clock, its zone, markup, a
weekday) with small patterns; it reads exactly what the single regular expressions it replaced
read (kept here as the reference).

A regular expression backtracks: when what follows a day does not match, it retries a shorter
reading of the day ("March 10, 2026 UTC" is "March 10" then the clock "2026 UTC"). The two-step
reading must try the same ends in the same order, so it is checked against the old patterns on
generated text built from the characters and words days and clocks are made of, and on every
line of the real post-mortems.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pmlint.document import timeline
from pmlint.document.timeline import _date_only, _day_and_clock, _leading_day

ROOT = Path(__file__).parents[2]
SOURCES = (ROOT.parent / "shared" / "corpus", ROOT / "docs" / "incidents")

# ---------------------------------------------------------------- the patterns before the change

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DAY = (
    r"\d{4,5}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}(?!\d)|\d{1,2}-\d{1,2}-\d{4}(?!\d)"
    r"|\d{1,2}[-/]\d{1,2}(?=[ T]\d{1,2}[:.hH]\d{2})"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}}(?!\d))?(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}}(?!\d))?"
)
_ZONE = (
    r"Z|(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|BST|CES?T|EES?T|WES?T|IST|JST|KST|SGT"
    r"|HKT|AES?T|AEDT|NZS?T|NZDT|[ECMP][SD]?T|AKS?T|HS?T|[+-]\d{2}:?\d{2}"
)
OLD_TIME = re.compile(
    rf"(?P<date>{_DAY})?(?:[ T]+|,\s*|\s*@\s*|\s+at\s+)?[*_`]*"
    r"(?:(?<![\d:])(?P<hour>\d{1,2})(?P<sep>[:.hH])(?P<minute>\d{2})(?!\d)"
    r"(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"|(?<![\d:])(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?![\d.]|:\d))"
    r"(?:\s?(?P<ampm>[ap])\.?m\b\.?|(?P<ap>[ap])\b)?"
    rf"(?:[*_`]*\s?\(?(?P<zone>(?:{_ZONE})\b)\)?)?",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
OLD_DATE_ONLY = re.compile(rf"^[\s*_`#]*{_WEEKDAY}(?P<day>{_DAY})[\s*_`:]*$", re.IGNORECASE)
OLD_DATE_LEAD = re.compile(rf"^[\s*_`~\[{{(]*{_WEEKDAY}(?P<day>{_DAY})(?!\d|:\d)", re.IGNORECASE)
_CLOCK_PARTS = ("hour", "sep", "minute", "second", "hhmm", "mm", "ampm", "ap")

# ---------------------------------------------------------------- old and new side by side


def _old_clock(text: str, offset: int) -> tuple[object, ...] | None:
    match = OLD_TIME.match(text, offset)
    return None if match is None else (match["date"], match.end(), *(match[g] for g in _CLOCK_PARTS), match["zone"])


def _new_clock(text: str, offset: int) -> tuple[object, ...] | None:
    found = _day_and_clock(text, offset)
    if found is None:
        return None
    day, clock, zone = found
    end = zone.end() if zone else clock.end()
    return (day, end, *(clock[g] for g in _CLOCK_PARTS), zone["zone"] if zone else None)


def _old_lead(text: str) -> tuple[str, int] | None:
    match = OLD_DATE_LEAD.match(text)
    return None if match is None else (match["day"], match.end())


def _old_only(text: str) -> str | None:
    match = OLD_DATE_ONLY.match(text)
    return None if match is None else match["day"]


def _assert_same(text: str) -> None:
    assert _leading_day(text) == _old_lead(text), text
    assert _date_only(text) == _old_only(text), text
    # a clock is read at the start, after a lead ("~", "At"), and at each number (a status label)
    offsets = {0, *(i for i, char in enumerate(text) if char.isdigit() or char in " ,@T*_`")}
    for offset in sorted(offsets):
        assert _new_clock(text, offset) == _old_clock(text, offset), (text, offset)


# ---------------------------------------------------------------- generated text

_PIECES = (
    *"0123456789", "10", "2026", "20202", "03", "31", "12", "1625", "16", "46",
    "-", "/", ":", ".", ",", " ", "  ", "\n", "\t", "T", "t", "h", "H", "@", " at ", "of ",
    "st", "nd", "rd", "th", "am", "PM", "a", "p", "m", "a.m.",
    "March", "Mar", "mar.", "Sept", "sep", "Sep.", "dec", "Marc", "MAY", "june", "Augustt",
    "Monday", "Tue", "wed.", "Sun,", "Monitoring",
    "UTC", "Z", "+01:00", "-0500", "GMT+1", "CEST", "ET", "PDT", "(", ")", "Denver",
    "*", "**", "_", "`", "~", "[", "]", "{", "#", "x", "ſ", "\u212a", "٣",
)
NOISE = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _parts(*choices: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.tuples(*(st.sampled_from(c) for c in choices)).map("".join)


_NUMBER = ("1", "10", "31", "2026", "03")
_MONTHS = ("March", "Mar", "mar.", "Sept", "Sep.", "dec", "Augustt", "MAY", "ſep", "of March")
_YEAR = ("", " 2026", ", 2026", ",2026", " 20265", " 2026.")
#: a day in each of its shapes, with and without the parts a shorter reading drops
_DAYS = st.one_of(
    st.sampled_from(("2026-03-10", "2026-03-1", "20202-01-16", "3/10/26", "03-10-2026", "03-10", "10", "")),
    _parts(_MONTHS, (" ", "  ", ""), _NUMBER, ("", "st", "th", "nd"), _YEAR),
    _parts(_NUMBER, ("", "st", "th", "."), (" ", ""), _MONTHS, ("", "."), _YEAR),
)
#: a lead, a weekday, a day, then what may follow it: a clock with its zone, or text
STRUCTURED = st.tuples(
    st.sampled_from(("", " ", "**", "~", "[", "# ", "At ", "_")),
    st.sampled_from(("", "Monday, ", "Tue ", "wed. ", "Sun,")),
    _DAYS,
    st.sampled_from(("", " ", "T", ", ", " @ ", " at ", ":", ".", "**")),
    st.sampled_from(("", "14:05", "9:05", "1625", "2026", "16h46", "5", "14:05:09.5", "24:00")),
    st.sampled_from(("", " PM", "a.m.", "a", "p")),
    st.sampled_from(("", " UTC", "Z", " (PDT)", " +01:00", " CEST", " Denver", "**")),
    st.sampled_from(("", ":5", "5", ".", ":", " x", "**", "\n", " - 15:00")),
).map("".join)
TEXTS = st.one_of(STRUCTURED, NOISE, st.tuples(STRUCTURED, NOISE).map("".join))


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
@example("March 10, 2026 UTC")  # the year dropped: "March 10" then the clock "2026 UTC"
@example("10 Mar. 2026 UTC")
@example("March 10th:5")  # the ordinal dropped: "March 10" is not followed by ":5"
@example("10 March:5")  # a shorter month word: "10 Marc"
@example("10 March.:5")  # the dot dropped
@example("Tuesday, March 10, 2026 14:05 CEST")
@example("**2026-03-11**")
@example("10 Augustt5:00")
@example("Sept 1, 2026 1625 UTC")
def test_the_day_is_read_as_the_single_patterns_read_it(text: str) -> None:
    _assert_same(text)


# ---------------------------------------------------------------- real post-mortems


def _lines() -> Iterator[str]:
    for source in SOURCES:
        for path in sorted(source.rglob("*.md")):
            yield from path.read_text(encoding="utf-8", errors="replace").splitlines()


@pytest.mark.skipif(not SOURCES[0].is_dir(), reason=f"no corpus at {SOURCES[0]}")
def test_every_line_of_the_corpus_is_read_as_before() -> None:
    lines = list(_lines())
    assert len(lines) > 1000
    for line in lines:
        _assert_same(line)


def test_the_named_groups_do_not_change_what_the_day_matches() -> None:
    """The day's named groups mark the parts a shorter reading drops; the match is the old one."""
    old = re.compile(_DAY, re.IGNORECASE)
    for text in ("March 10th, 2026", "10 of Sept. 2026", "2026-03-10", "3/10/26", "03-10 16:46", "x"):
        new = timeline._DAY_AT().match(text)
        before = old.match(text)
        assert (new and new.span()) == (before and before.span())
