"""Section headings and their canonical keys (matched through aliases)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from pmlint.document.labels import normalise_label

#: canonical key -> heading aliases (compared after :func:`heading_label`).
DEFAULT_SECTION_ALIASES: Mapping[str, tuple[str, ...]] = {
    "summary": (
        "summary", "executive summary", "incident summary", "overview", "tl;dr", "tldr",
        "description", "incident description", "what happened", "background",
    ),
    "impact": (
        "impact", "impact summary", "customer impact", "user impact", "business impact",
        "impact assessment", "impact and scope",
    ),
    "timeline": (
        "timeline", "incident timeline", "timeline of events", "chronology",
        "sequence of events", "detailed timeline", "time line",
    ),
    "root_cause": (
        "root cause", "root causes", "root cause analysis", "rca", "cause", "causes",
        "root cause and trigger", "trigger and root cause", "technical root cause",
        "technical details", "analysis",
    ),
    "five_whys": ("five whys", "5 whys", "5-whys", "five whys analysis", "the five whys"),
    "contributing_factors": (
        "contributing factors", "contributing factor", "contributing causes",
        "contributors", "contributing conditions",
    ),
    "what_went_well": (
        "what went well", "went well", "what went right", "things that went well",
        "successes", "what worked",
    ),
    "what_went_poorly": (
        "what went poorly", "what went wrong", "went wrong", "what could be improved",
        "things that went poorly", "what didn't go well", "what did not go well",
        "what went badly", "where we got lucky",
    ),
    "action_items": (
        "action items", "corrective actions", "follow-ups", "follow ups", "followups",
        "follow-up actions", "follow up actions", "follow-up items", "remediation",
        "remediations", "remediation items", "remediation actions", "next steps",
        "actions", "action plan", "preventive actions", "preventative actions",
        "corrective and preventive actions", "todo", "to do", "action items and follow-ups",
        "follow-up", "follow up", "followup", "follow-up tasks", "follow-up items and actions",
    ),
    "lessons_learned": (
        "lessons learned", "lessons learnt", "learnings", "key learnings", "takeaways",
        "key takeaways", "lessons", "what we learned", "what we learnt",
    ),
}

SECTION_TITLES: Mapping[str, str] = {
    "summary": "Summary",
    "impact": "Impact",
    "timeline": "Timeline",
    "root_cause": "Root Cause",
    "five_whys": "Five Whys",
    "contributing_factors": "Contributing Factors",
    "what_went_well": "What Went Well",
    "what_went_poorly": "What Went Poorly",
    "action_items": "Action Items",
    "lessons_learned": "Lessons Learned",
}

_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")
_ENUMERATION = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+")


def heading_label(text: str) -> str:
    """``"3. Root Cause(s) (UTC)"`` -> ``"root cause"``: the comparable label."""
    label = normalise_label(text)
    label = _ENUMERATION.sub("", label)
    label = _PARENTHETICAL.sub("", label)
    label = label.replace("’", "'").strip(" :.-—?!")  # "What went wrong?"
    return " ".join(label.split())


def alias_lookup(aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Invert key -> aliases into label -> key (later keys do not override)."""
    lookup: dict[str, str] = {}
    for key, names in aliases.items():
        for name in (key.replace("_", " "), *names):
            lookup.setdefault(heading_label(name), key)
    return lookup


@dataclass(frozen=True)
class ParseSettings:
    """What the parser needs from configuration."""

    section_aliases: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_SECTION_ALIASES)
    )

    @cached_property
    def lookup(self) -> dict[str, str]:
        return alias_lookup(self.section_aliases)

    def __hash__(self) -> int:
        return hash(tuple((k, tuple(v)) for k, v in self.section_aliases.items()))
