"""Timelines read by their shape: made-up examples of the forms real post-mortems use."""

from __future__ import annotations

import datetime as dt

import pytest

from pmlint.document.model import Document
from pmlint.document.parse import parse_text


def _doc(body: str) -> Document:
    return parse_text("# Outage\n\n" + body)


def _clocks(doc: Document) -> list[tuple[int, int, int] | None]:
    return [(e.span.line, e.time.hour, e.time.minute) if e.time else None for e in doc.timeline]


def test_time_headings_are_entries_and_their_body_belongs_to_them() -> None:
    doc = _doc("## Timeline ##\n\n### 2030-05-02 9:06a ###\n\nMail arrived:\n\n| A | B |\n|---|---|\n| x | y |\n\n"
               "### 1:12 AM ###\n\nPaged.\n\n### {{ 14:10 }}\n\nFixed.\n\n### ~16:05:00 - 16:16:00\n\nWatched.\n")
    assert _clocks(doc) == [(5, 9, 6), (13, 1, 12), (17, 14, 10), (21, 16, 5)]
    assert doc.timeline[0].date == dt.date(2030, 5, 2)
    assert doc.timeline[3].end is not None and doc.timeline[3].end.hour == 16


@pytest.mark.parametrize(("text", "hour", "minute", "zone"), [
    ("06:15pm — rollback", 18, 15, None), ("5.45 AM: alert", 5, 45, None), ("3:18 PM paged", 15, 18, None),
    ("15h50 UTC: queue purged", 15, 50, "UTC"), ("2030-05-02 1625: mail", 16, 25, None),
    ("16:37 Denver - upgraded", 16, 37, "Denver"), ("Around **09:50** (CEST), deployed", 9, 50, "CEST"),
    ("2030-05-02 @ 08:02 AM ET: detected", 8, 2, "ET"), ("[05-02 16:21] bug introduced", 16, 21, None),
])
def test_clock_forms(text: str, hour: int, minute: int, zone: str | None) -> None:
    entry, = _doc(f"## Timeline\n\n- {text}\n").timeline
    assert entry.time is not None
    assert (entry.time.hour, entry.time.minute, entry.time.zone) == (hour, minute, zone)


def test_zone_cities_are_the_databases_names_under_its_areas() -> None:
    import zoneinfo

    from pmlint.document.timeline import _ZONE_AREAS, _zone_cities

    expected = {key.rpartition("/")[2] for key in zoneinfo.available_timezones()
                if key.rpartition("/")[0] in _ZONE_AREAS}
    assert _zone_cities() == expected
    assert "Argentina" not in _zone_cities()  # a folder of the database, not a zone


def test_a_damaged_tzdata_package_leaves_the_systems_zone_cities(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.resources
    import importlib.util

    from pmlint.document import timeline

    class Unreadable:
        def joinpath(self, name: str) -> Unreadable:
            return self

        def read_text(self, encoding: str) -> str:
            raise FileNotFoundError("zones")

    system = timeline._zone_cities()
    timeline._zone_cities.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(importlib.resources, "files", lambda package: Unreadable())
    try:
        assert timeline._zone_cities() <= system
    finally:
        timeline._zone_cities.cache_clear()


def test_a_capitalised_word_after_a_clock_is_not_a_zone_unless_it_is_a_city() -> None:
    alert, = _doc("## Timeline\n\n- 09:15 Alert fires\n").timeline
    assert alert.time is not None and alert.time.zone is None


def test_a_year_after_a_month_name_is_not_a_clock() -> None:
    doc = _doc("## Timeline\n\n### October 21, 2030 - Cache overload\n\n- **21:45 UTC** - deploy\n")
    assert _clocks(doc) == [(7, 21, 45)]
    assert doc.timeline[0].date == dt.date(2030, 10, 21)


def test_br_joined_entries_and_wrapped_sentences() -> None:
    doc = _doc("## Timeline\n\n15:27 - change submitted.<br> 21:14 - change live.\nstill live<br> 21:20 - alert\n\n"
               "Around 09:50 we deployed. Then we\nwatched and later, around\n10:00, we patched.\n")
    assert _clocks(doc) == [(5, 15, 27), (5, 21, 14), (6, 21, 20), (8, 9, 50)]


def test_status_log_labels_are_entries_in_any_order() -> None:
    doc = _doc("## Timeline\n\n[Final message]\nAll clear.\n\n[Update - 2030-05-03 15h50 UTC]\nQueue purged.\n\n"
               "[Initial message]\nInvestigating.\n")
    assert [(e.span.line, e.time.hour if e.time else None, e.date) for e in doc.timeline] == [
        (5, None, None), (8, 15, dt.date(2030, 5, 3)), (11, None, None)]


def test_date_only_entries_carry_their_date() -> None:
    doc = _doc("## Timeline\n\n- 2030-05-01: vendor told us\n- **Jun 4, 2030**: release published\n"
               "- 5/9/30 - issue filed\n")
    assert [(e.time, e.date) for e in doc.timeline] == [
        (None, dt.date(2030, 5, 1)), (None, dt.date(2030, 6, 4)), (None, dt.date(2030, 5, 9))]


def test_a_day_heading_with_only_prose_is_one_entry() -> None:
    doc = _doc("## Timeline\n\n### 2030-09-01\n\nsomeone notices the build fails\nand files a bug.\n\n"
               "More detail.\n\n### 2030-09-16\n\n10:00 - fix lands\n")
    assert [(e.span.line, e.date) for e in doc.timeline] == [(7, dt.date(2030, 9, 1)), (14, dt.date(2030, 9, 16))]


def test_lists_of_details_introduced_by_a_label_are_not_entries() -> None:
    doc = _doc("## Timeline\n\n- 10:00 - planning meeting\n- 10:30 - review\n\n**Root causes:**\n\n"
               "- undersized nodes\n- shared cache\n\nLater.\n\n- 11:00 - deploy\n- check the plugins\n")
    assert [e.span.line for e in doc.timeline] == [5, 6, 15, 16]


def test_a_table_without_times_is_not_a_timeline() -> None:
    doc = _doc("## Timeline\n\n| Name | Reason |\n|---|---|\n| sub-1 | ended |\n\n- 09:00 alert\n")
    assert [e.span.line for e in doc.timeline] == [9]


def test_a_crafted_megabyte_parses_in_linear_time() -> None:
    import time

    body = "## Timeline\n\n" + "- 2030-05-02 " * 40_000 + "\n" + ("[" + "1" * 70 + "\n") * 5_000
    started = time.perf_counter()
    _doc(body + "\n### " + "0:" * 50_000 + "\n")
    assert time.perf_counter() - started < 20


def test_a_time_told_inside_an_entry_is_its_time() -> None:
    doc = _doc("## Timeline\n\n- The desk notified ops of the outage at 12:16 ET on June 16, 2020.\n"
               "- Staff told leadership at approximately 1:00 PM ET.\n- Fixed at 3 servers, around 2 hours later\n")
    assert [(e.time.hour, e.time.minute, e.date) if e.time else None for e in doc.timeline] == [
        (12, 16, dt.date(2020, 6, 16)), (13, 0, None), None]
