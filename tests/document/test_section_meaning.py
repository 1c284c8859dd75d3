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
