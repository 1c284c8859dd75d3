"""Insights over small hand-made post-mortems, and ``pmlint stats`` on top of them."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pmlint.cli.env import Environment
from pmlint.cli.main import main
from pmlint.document.parse import parse_text
from pmlint.insights import (
    business_days,
    compute_insights,
    human_minutes,
    incident_facts,
    severity_order,
    summarize,
)

TODAY = dt.date(2026, 4, 1)


def doc(
    name: str,
    *,
    date: str = "2026-03-10",
    severity: str = "SEV-2",
    services: str = "[orders-api]",
    category: str = "configuration-error",
    times: str = 'started: "14:00"\ndetected: "14:05"\nmitigated: "14:30"\nresolved: "15:00"',
    review: str = "review_date: 2026-03-12",
    extra: str = "",
    actions: str = "",
    body: str = "",
) -> str:
    return f"""---
title: "{name}"
date: {date}
severity: {severity}
status: final
authors: ["@dana.kim"]
services: {services}
root_cause_category: {category}
{times}
{review}
{extra}
---

# {name}

{body}

## Action Items

| ID | Action | Owner | Priority | Due | Status |
|----|--------|-------|----------|-----|--------|
{actions}
"""


def parsed(name: str, **kwargs: str):  # type: ignore[no-untyped-def]
    return parse_text(doc(name, **kwargs), f"docs/incidents/{name}.md")


# ----------------------------------------------------------------- per document


def test_times_from_front_matter() -> None:
    facts = incident_facts(parsed("a"))
    assert (facts.detect_minutes, facts.mitigate_minutes, facts.resolve_minutes) == (5, 30, 60)
    assert facts.postmortem_days == 2
    assert facts.services == ("orders-api",)


def test_times_roll_over_midnight_and_accept_iso_datetimes() -> None:
    rollover = incident_facts(parsed("a", times='started: "23:50"\ndetected: "23:58"\nresolved: "00:40"'))
    assert rollover.detect_minutes == 8 and rollover.resolve_minutes == 50
    iso = incident_facts(parsed("b", times='started: "2026-03-10T22:41"\nresolved: "2026-03-11T01:27"'))
    assert iso.resolve_minutes == 166


def test_times_fall_back_to_the_timeline() -> None:
    body = """## Timeline

| Time | Event |
|------|-------|
| 23:10 | Deploy starts |
| 23:20 | Alert `errors-high` fires |
| 23:45 | Rollback applied |
| 00:30 | Incident resolved |
"""
    facts = incident_facts(parsed("a", times="", body=body))
    assert (facts.detect_minutes, facts.mitigate_minutes, facts.resolve_minutes) == (10, 35, 80)


def test_duration_field_when_times_are_missing() -> None:
    facts = incident_facts(parsed("a", times="duration: 2h05m"))
    assert facts.resolve_minutes == 125 and facts.detect_minutes is None


def test_odd_front_matter_never_raises() -> None:
    facts = incident_facts(parse_text("---\ndate: not-a-date\nservices: 12\nstarted: 99:99\n---\n# x\n"))
    assert facts.date is None and facts.services == ("12",) and facts.resolve_minutes is None
    assert facts.severity == "unknown"


# ----------------------------------------------------------------- aggregates


def test_per_month_fills_empty_months_and_orders_severities() -> None:
    docs = [
        parsed("a", date="2026-01-05", severity="SEV-10"),
        parsed("b", date="2026-03-10", severity="SEV-1"),
        parsed("c", date="2026-03-20", severity="SEV-2"),
    ]
    insights = compute_insights(docs, TODAY)
    assert insights.severities == ("SEV-1", "SEV-2", "SEV-10")
    assert [m.month for m in insights.months] == ["2026-01", "2026-02", "2026-03"]
    assert [m.total for m in insights.months] == [1, 0, 2]
    march = {c.severity: c.count for c in insights.months[2].counts}
    assert march == {"SEV-1": 1, "SEV-2": 1, "SEV-10": 0}


def test_mttd_and_mttr_by_severity() -> None:
    fast = 'started: "10:00"\ndetected: "10:02"\nresolved: "10:30"'
    slow = 'started: "10:00"\ndetected: "10:10"\nresolved: "12:00"'
    docs = [
        parsed("a", severity="SEV-1", times=fast),
        parsed("b", severity="SEV-1", times=slow),
        parsed("c", severity="SEV-3", times=""),
    ]
    insights = compute_insights(docs, TODAY)
    sev1 = insights.by_severity[0]
    assert sev1.severity == "SEV-1" and sev1.incidents == 2
    assert (sev1.detect.mean, sev1.resolve.mean, sev1.resolve.median) == (6.0, 75.0, 75.0)
    sev3 = insights.by_severity[1]
    assert sev3.detect.count == 0 and sev3.detect.mean is None
    assert insights.overall.detect.count == 2


def test_time_to_postmortem() -> None:
    docs = [
        parsed("a", date="2026-03-09", review="review_date: 2026-03-11"),  # Monday -> Wednesday
        parsed("b", date="2026-03-06", review="review_date: 2026-03-20"),  # 10 business days
        parsed("c", review=""),
    ]
    pm = compute_insights(docs, TODAY).postmortem
    assert (pm.count, pm.pending, pm.on_target) == (2, 1, 1)
    assert pm.mean_days == 8.0 and pm.median_days == 8.0


def test_followups_completion_and_overdue_with_injected_today() -> None:
    actions = "\n".join(
        [
            "| AI-1 | Add pool alert at 80% | @dana.kim | P1 | 2026-03-20 | Done |",
            "| AI-2 | Write failover runbook | @lee.chen | P1 | 2026-03-25 | Open |",
            "| AI-3 | Load-test at 3x peak | @sam.ortiz | P2 | 2026-05-01 | In progress |",
            "| AI-4 | Fix the dashboard | @sam.ortiz | P2 | someday | Open |",
        ]
    )
    docs = [parsed("a", actions=actions)]
    fu = compute_insights(docs, TODAY).followups
    assert (fu.total, fu.done, fu.open, fu.overdue, fu.completion_rate) == (4, 1, 3, 1, 0.25)
    later = compute_insights(docs, dt.date(2026, 6, 1)).followups
    assert later.overdue == 2


def test_most_frequent_categories_and_services() -> None:
    docs = [
        parsed("a", services="[orders-api, orders-db]", category="capacity-insufficient"),
        parsed("b", services="[orders-db]", category="code-defect"),
        parsed("c", services="orders-db, search", category="code-defect"),
    ]
    insights = compute_insights(docs, TODAY)
    assert [(r.name, r.count) for r in insights.categories] == [
        ("code-defect", 2),
        ("capacity-insufficient", 1),
    ]
    assert [(r.name, r.count) for r in insights.services][:2] == [("orders-db", 3), ("orders-api", 1)]


def test_repeats_need_same_service_and_category_within_90_days() -> None:
    docs = [
        parsed("first", date="2026-01-01", services="[api]", category="code-defect"),
        parsed("again", date="2026-03-31", services="[api, db]", category="code-defect"),  # 89 days
        parsed("other-cause", date="2026-02-01", services="[api]", category="process-gap"),
        parsed("other-service", date="2026-02-01", services="[web]", category="code-defect"),
        parsed("too-late", date="2026-07-30", services="[api]", category="code-defect"),  # 121 days
    ]
    insights = compute_insights(docs, TODAY)
    assert [(r.first.title, r.repeat.title, r.days_apart) for r in insights.repeats] == [
        ("first", "again", 89)
    ]
    assert insights.repeat_rate == 0.2


def test_to_dict_is_json_serialisable() -> None:
    insights = compute_insights([parsed("a"), parsed("b", date="2026-03-11")], TODAY)
    data = json.loads(json.dumps(insights.to_dict()))
    assert data["today"] == "2026-04-01" and data["incidents"] == 2
    assert data["repeats"][0]["repeat"]["date"] == "2026-03-11"


def test_empty_archive() -> None:
    insights = summarize([], TODAY)
    assert insights.incidents == 0 and insights.months == () and insights.repeat_rate is None
    assert insights.followups.completion_rate is None


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(0, 400))
def test_business_days_match_a_day_by_day_count(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    expected = sum(1 for n in range(1, length + 1) if (start + dt.timedelta(days=n)).weekday() < 5)
    assert business_days(start, end) == expected


def test_helpers() -> None:
    assert severity_order(["unknown", "P3", "P1", "P10"]) == ("P1", "P3", "P10", "unknown")
    assert [human_minutes(v) for v in (None, 4, 223.9, 1500)] == ["–", "4m", "3h 44m", "1d 1h"]


# ----------------------------------------------------------------- pmlint stats


def run_stats(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(out=out, err=err, variables={}, today=TODAY)
    result = CliRunner().invoke(main, ["stats", *args], obj=env)
    return result.exit_code, out.getvalue(), err.getvalue()


def write(folder: Path, name: str, **kwargs: str) -> None:
    (folder / f"{name}.md").write_text(doc(name, **kwargs), encoding="utf-8")


def test_stats_text_and_json(tmp_path: Path) -> None:
    write(tmp_path, "2026-01-01-a", date="2026-01-01", services="[api]", category="code-defect")
    write(
        tmp_path,
        "2026-02-01-b",
        date="2026-02-01",
        services="[api]",
        category="code-defect",
        actions="| AI-1 | Add an alert on api 5xx above 2% | @dana.kim | P1 | 2026-03-01 | Open |",
    )
    code, text, _ = run_stats(str(tmp_path))
    assert code == 0
    assert "2 incidents (today: 2026-04-01)" in text
    assert "SEV-2" in text and "MTTD" in text and "1 overdue" in text
    assert "repeats" in text and "after 31 days (api, code-defect)" in text
    code, raw, _ = run_stats(str(tmp_path), "--format", "json", "--today", "2026-02-15")
    data = json.loads(raw)
    assert code == 0 and data["today"] == "2026-02-15" and data["followups"]["overdue"] == 0


def test_stats_reports_unreadable_files_in_one_line(tmp_path: Path) -> None:
    write(tmp_path, "good")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not utf-8")
    code, text, err = run_stats(str(tmp_path))
    assert code == 2
    assert "1 incidents" in text or "1 incident" in text
    assert err.count("\n") == 1 and "bad.md:1: not valid UTF-8" in err
    assert "Traceback" not in err


def test_stats_rejects_a_bad_today() -> None:
    code, _, err = run_stats("--today", "tomorrow")
    assert code == 2 and "--today" in err


def test_stats_on_an_empty_folder(tmp_path: Path) -> None:
    code, text, _ = run_stats(str(tmp_path))
    assert code == 0 and "No post-mortems found." in text
