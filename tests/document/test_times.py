"""One reader of incident times: PM205, ``pmlint stats`` and the archive agree.

Each case once gave different answers in different places (PM205 passed a
60-minute duration while stats and the archive said 2 h; PM205 rejected a
23:50-00:20 incident that stats counted as 30 minutes).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main
from pmlint.document.parse import parse_text
from pmlint.document.times import format_minutes, incident_times, read_duration, read_moment
from pmlint.insights import incident_facts
from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import lint_document

FRONT = "---\ntitle: Outage\ndate: 2026-03-10\nseverity: SEV-2\nstatus: final\nauthors: ['@dana']\n"

CASES = {
    "resolution entry before clean-up": (
        FRONT + "duration: 60m\n---\n# Outage\n\n## Timeline\n\n"
        "- 09:00 — alert fires\n- 10:00 — Service restored\n- 11:00 — clean-up finished\n", 60),
    "bare clocks crossing midnight": (
        FRONT + 'started: "23:50"\nresolved: "00:20"\nduration: 30m\n---\n# Outage\n\n## Timeline\n\n'
        "- 23:50 — alert fires\n- 00:20 — recovered\n", 30),
    "started and resolved win over the timeline": (
        FRONT + 'started: "14:02"\nresolved: "16:10"\nduration: 2h08m\n---\n# Outage\n\n## Timeline\n\n'
        "- 13:55 — deploy\n- 14:02 — errors\n- 15:59 — rolled back\n- 16:10 — resolved\n- 16:30 — notes\n", 128),
}


@pytest.mark.parametrize("name", CASES)
def test_every_consumer_gives_one_duration(name: str, tmp_path: Path) -> None:
    text, minutes = CASES[name]
    doc = parse_text(text, "incident.md")
    assert incident_times(doc).minutes == minutes
    assert incident_facts(doc).resolve_minutes == minutes
    findings = lint_document(doc, config_from_mapping({"select": ["PM205"]}))
    assert findings == [], [f.message for f in findings]  # PM205 accepts the stated duration
    (tmp_path / "2026-03-10-outage.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", "--format", "json", str(tmp_path)],
                                obj=Environment(variables={}, today=dt.date(2026, 4, 1)))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"]["resolve"]["mean"] == minutes


def test_a_wrong_duration_is_reported_with_the_duration_stats_shows() -> None:
    text = CASES["resolution entry before clean-up"][0].replace("duration: 60m", "duration: 2h")
    doc = parse_text(text, "incident.md")
    [finding] = lint_document(doc, config_from_mapping({"select": ["PM205"]}))
    assert "is 1h00m" in finding.message or "(1h00m)" in finding.message
    assert incident_facts(doc).resolve_minutes == 60


@pytest.mark.parametrize(("text", "minutes"), [("4h23m", 263), ("90m", 90), ("4 hours 23 minutes", 263),
                                               ("4:23", 263), ("1d 2h", 1560), ("soon", None), ("", None)])
def test_read_duration(text: str, minutes: int | None) -> None:
    assert read_duration(text) == minutes


def test_format_minutes() -> None:
    assert [format_minutes(m) for m in (45, 128, 1500)] == ["45m", "2h08m", "25h00m"]


def test_read_moment_places_clocks_and_reads_iso() -> None:
    day = dt.date(2026, 3, 10)
    started = read_moment("23:50", day)
    assert started is not None and started.when == dt.datetime(2026, 3, 10, 23, 50)
    resolved = read_moment("00:20", day, started)
    assert resolved is not None and resolved.when == dt.datetime(2026, 3, 11, 0, 20)
    iso = read_moment("2026-03-10T09:15Z", None)
    assert iso is not None and iso.dated and iso.when == dt.datetime(2026, 3, 10, 9, 15)
    assert read_moment("25:00", day) is None and read_moment("2026-03-10", day) is None


def test_a_small_step_back_is_a_mistake_not_a_new_day() -> None:
    """Only a clock falling back by more than 12 hours crossed midnight: 14:02 then 13:50 is a
    typo that PM205 reports, not an incident of 23 h 48 min in stats and the archive."""
    text = CASES["started and resolved win over the timeline"][0].replace('resolved: "16:10"', 'resolved: "13:50"')
    doc = parse_text(text, "incident.md")
    assert incident_times(doc).measured_minutes is None
    assert incident_facts(doc).resolve_minutes == 128  # the stated duration, not 23h48m
    messages = [f.message for f in lint_document(doc, config_from_mapping({"select": ["PM205"]}))]
    assert "resolved 13:50 is before started 14:02" in messages
