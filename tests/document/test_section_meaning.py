"""Sections matched by meaning, without alias collisions (made-up headings)."""

from __future__ import annotations

import pytest

from pmlint.document.parse import parse_text
from pmlint.document.sections import ParseSettings


def _keys(body: str, settings: ParseSettings | None = None) -> list[str | None]:
    doc = parse_text("# Outage\n\n" + body, settings=settings or ParseSettings())
    return [s.key for s in doc.sections]


@pytest.mark.parametrize(("heading", "key"), [
    ("Response timeline", "timeline"), ("Timeline - May 2, 2030", "timeline"), ("Problems/Timeline", "timeline"),
    ("Incident Impact", "impact"), ("Impacted sites", "impact"), ("Why did it happen?", "root_cause"),
    ("Causes of the outage", "root_cause"), ("Root Cause Identification", "root_cause"),
    ("Remedial Measures:", "action_items"), ("How are we preventing it from happening again?", "action_items"),
    ("How do we do better in the future?", "action_items"), ("What did we learn?", "lessons_learned"),
    ("Recovery and Lessons Learned", "lessons_learned"), ("What could have gone better?", "what_went_poorly"),
    ("What Didn't Go So Well?", "what_went_poorly"), ("Why was this hard to detect?", None),
    ("Contributors", None), ("Plugins upgraded at 16:37", None),
])
def test_headings_by_meaning(heading: str, key: str | None) -> None:
    assert _keys(f"## {heading}\n\ntext\n") == [key]


def test_a_google_sre_postmortem_has_no_duplicate_sections() -> None:
    body = "".join(f"## {h}\n\ntext\n\n" for h in ("Summary", "Impact", "Root Causes", "Action Items"))
    body += "## Lessons Learned\n\n### What went well\n\nx\n\n### What went wrong\n\nx\n\n### Where we got lucky\n\nx\n"
    keys = [k for k in _keys(body) if k]
    assert len(keys) == len(set(keys))


def test_fallback_names_count_only_when_nothing_else_names_the_section() -> None:
    assert _keys("## What happened?\n\nx\n\n## Background\n\nx\n") == ["summary", None]
    assert _keys("## Summary\n\nx\n\n## Background\n\nx\n") == ["summary", None]
    assert _keys("## Background\n\nx\n") == ["summary"]
    assert _keys("## Lessons\n\n### Where we got lucky\n\nx\n") == ["lessons_learned", "what_went_poorly"]


def test_a_sub_heading_of_a_keyed_section_is_part_of_it() -> None:
    assert _keys("## Lessons Learned\n\n### Key Takeaways\n\nx\n") == ["lessons_learned", None]
    assert _keys("## Root Cause Analysis\n\n### What happened?\n\nx\n\n### Why did it happen?\n\nx\n") == [
        "root_cause", None, None]


def test_a_first_level_one_heading_that_names_a_section_is_not_the_title() -> None:
    doc = parse_text("# Summary\n\ntext\n\n# Impact\n\ntext\n")
    assert doc.title is None and [s.key for s in doc.sections] == ["summary", "impact"]


def test_configured_aliases_still_win() -> None:
    settings = ParseSettings(section_aliases={"timeline": ("things that happened",)})
    assert _keys("## Things that happened\n\nx\n\n## Impact\n\nx\n", settings) == ["timeline", None]


def test_a_bold_label_that_names_a_missing_section_is_its_heading() -> None:
    doc = parse_text("# Outage\n\n## Lessons Learned\n\nScaling is hard.\n\n"
                     "**What went well?**\n\n- Alerts fired\n\n**What went wrong?**\n\n* We declared late\n\n"
                     "**Where we got lucky?**\n\n* Logs named the caller\n")
    assert [(s.title, s.key, s.level) for s in doc.sections] == [
        ("Lessons Learned", "lessons_learned", 2), ("What went well?", "what_went_well", 3),
        ("What went wrong?", "what_went_poorly", 3)]
    assert [b.text for b in doc.sections[1].blocks] == ["Alerts fired"]


def test_a_list_item_led_by_a_section_name_is_that_section() -> None:
    doc = parse_text("# Outage\n\n## Summary\n\n- **Impact**: 40% of requests failed for an hour\n"
                     "- **Detected by**: an alert\n")
    impact = doc.sections_for("impact")[0]
    assert impact.level == 3 and impact.blocks[0].text.startswith("**Impact**")


def test_bold_labels_stay_labels_where_the_section_exists_or_a_reader_groups_by_them() -> None:
    body = ("## Impact\n\nSlow pages.\n\n## Timeline\n\n- 10:00 - deploy\n\n**Root causes:**\n\n- a full disk\n\n"
            "## Summary\n\n**Impact:**\n\nSee above.\n")
    assert _keys(body) == ["impact", "timeline", "summary"]


def test_a_heading_that_is_a_field_is_metadata_and_a_first_unnamed_heading_is_the_title() -> None:
    doc = parse_text("## INCIDENT REPORT: Reward distribution failure\n\n## Date: 12th March 2023\n\n"
                     "## Time: 5:13:57 UTC\n\n### Introduction\n\nRewards were not paid.\n")
    assert doc.title == "Reward distribution failure"
    assert [s.title for s in doc.sections] == ["Introduction"]


def test_a_first_heading_after_prose_or_naming_a_section_is_not_the_title() -> None:
    assert parse_text("Intro text.\n\n## Outage on May 2\n\nText.\n").title is None
    assert parse_text("## Summary\n\nText.\n").title is None
