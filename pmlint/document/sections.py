"""Section headings and their canonical keys (matched through aliases)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pmlint.document.labels import normalise_label
from pmlint.document.lazyre import lazy_pattern

#: canonical key -> heading aliases (compared after :func:`heading_label`).
DEFAULT_SECTION_ALIASES: Mapping[str, tuple[str, ...]] = {
    "summary": (
        "summary", "executive summary", "incident summary", "overview", "tl;dr", "tldr",
        "incident description",
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
        "contributing conditions",
    ),
    "what_went_well": (
        "what went well", "went well", "what went right", "things that went well",
        "successes", "what worked",
    ),
    "what_went_poorly": (
        "what went poorly", "what went wrong", "went wrong", "what could be improved",
        "things that went poorly", "what didn't go well", "what did not go well",
        "what went badly", "what could have gone better", "what could have been better",
        "what didn't go so well", "what did not go so well",
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
        "key takeaways", "lessons", "what we learned", "what we learnt", "what did we learn",
    ),
}

#: headings that name a section only when no other heading of the document does: "Background"
#: or "What happened" is the overview of a post-mortem without a Summary, and context beside one
FALLBACK_SECTION_ALIASES: Mapping[str, tuple[str, ...]] = {
    "summary": ("what happened", "background", "description", "introduction", "context"),
    # a disclosure without action items lists what was done about it under "Our response"
    "action_items": ("our response", "how we responded", "what we did", "what we are doing"),
    # luck is not a failure, but a template without "What went wrong" lists its near misses there
    "what_went_poorly": ("where we got lucky", "where did we get lucky"),
}

#: what a heading means when no alias names it exactly, tried in order on its label; a heading
#: is read by its words and stems ("Incident Impact", "Response timeline", "Why did it happen?");
#: compiled on first use: a post-mortem whose headings are all aliases never reads one (~9 M
#: instructions, 1.3% of a one-file check)
SECTION_MEANINGS: tuple[tuple[str, Callable[[], re.Pattern[str]]], ...] = (
    ("five_whys", lazy_pattern(r"\b(?:five|5)[ -]?whys\b")),
    ("timeline", lazy_pattern(r"\btime ?line\b|\bchronolog|\bsequence of events\b")),
    ("what_went_well", lazy_pattern(r"\bwent (?:well|right|smoothly)\b|\bwhat worked\b")),
    ("what_went_poorly", lazy_pattern(
        r"\bwent (?:poorly|badly)\b|\b(?:didn't|did not|didnt) go\b"
        r"|\bcould (?:have )?(?:gone|been|be) (?:better|improved)\b")),
    ("contributing_factors", lazy_pattern(r"\bcontributing\b")),
    ("lessons_learned", lazy_pattern(r"\blessons?\b|\blearn(?:ed|t|ings?)?\b|\btakeaways?\b|\binsights\b")),
    ("action_items", lazy_pattern(
        r"\baction items?\b|\bactions?$|\baction plan\b|\bfollow[- ]?ups?\b|\bremedia|\bnext steps\b"
        r"|\bcorrective\b|\bpreventi|\bprevent (?:it|this|that|recurrence)\b|\bdo better\b"
        r"|\brecommendations?\b")),
    ("impact", lazy_pattern(r"\bimpact")),
    ("root_cause", lazy_pattern(
        r"\broot[- ]?causes?\b|^causes?\b|\bcauses? of\b|\banalysis$"
        r"|^why did (?:it|this|that|the \w+) (?:happen|occur|fail|break)")),
    ("summary", lazy_pattern(r"\bsummary\b|\boverview\b|\btl;?dr\b")),
)

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

_PARENTHETICAL = lazy_pattern(r"\s*\([^)]*\)")
_ENUMERATION = lazy_pattern(r"^(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+")


@lru_cache(maxsize=1024)  # headings repeat within and across files: 3.3% fewer instructions per 100 files (callgrind)
def heading_label(text: str) -> str:
    """``"3. Root Cause(s) (UTC)"`` -> ``"root cause"``: the comparable label."""
    label = normalise_label(text)
    label = _ENUMERATION().sub("", label)
    label = _PARENTHETICAL().sub("", label)
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

    @cached_property
    def fallback_lookup(self) -> dict[str, str]:
        keys = self.section_aliases
        return {label: key for label, key in alias_lookup(FALLBACK_SECTION_ALIASES).items()
                if key in keys and label not in self.lookup}

    def section_key(self, heading: str, nested: bool) -> tuple[str | None, bool]:
        """The canonical key of a heading and whether it is only a fallback name for it.

        An alias names a section anywhere (a fallback name only where nothing else names
        it); a heading inside a section that has a key (a sub-topic of it) is not read by
        meaning, so "What happened?" under Root Cause stays part of the root cause.
        """
        label = heading_label(heading)
        key = self.lookup.get(label)
        if key is not None:
            return key, False
        fallback = self.fallback_lookup.get(label)
        if fallback is not None and not (nested and fallback == "summary"):  # an overview is never a sub-topic
            return fallback, True
        if nested:
            return None, False
        for meaning, pattern in SECTION_MEANINGS:
            if meaning in self.section_aliases and pattern().search(label):
                return meaning, False
        return None, False

    def __hash__(self) -> int:
        return hash(tuple((k, tuple(v)) for k, v in self.section_aliases.items()))
