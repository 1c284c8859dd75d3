"""Presets: the required sections and section names of common post-mortem templates.

``preset = "google-sre"`` in ``[tool.pmlint]`` selects, in one line, which
sections a post-mortem must have (PM101's ``required_sections``) and the
headings that name them. An explicit ``required_sections`` or
``section_aliases`` still applies on top of the preset.

Sections a template has that pmlint has no rule for (Trigger, Detection,
Recovery …) get a key of their own, so they are recognised (``pmlint show``
lists them) and are never mistaken for another section.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple


class Preset(NamedTuple):
    """What one template requires and how it names sections (added to the built-in aliases)."""

    required_sections: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]] = MappingProxyType({})


PRESETS: Mapping[str, Preset] = {
    # pmlint's own template (`pmlint new`): the built-in defaults.
    "pmlint": Preset(
        ("summary", "impact", "timeline", "root_cause", "contributing_factors", "what_went_well",
         "what_went_poorly", "action_items", "lessons_learned"),
    ),
    # The example post-mortem of the Google SRE book: Summary, Impact, Root Causes, Trigger,
    # Resolution, Detection, Action Items, Lessons Learned (What went well / wrong / Where we
    # got lucky), Timeline, Supporting information.
    "google-sre": Preset(
        ("summary", "impact", "root_cause", "action_items", "lessons_learned", "timeline"),
        {
            "trigger": ("trigger",),
            "resolution": ("resolution",),
            "detection": ("detection",),
            "supporting_information": ("supporting information",),
        },
    ),
    # The Atlassian incident handbook's template: Incident summary, Leadup, Fault, Impact,
    # Detection, Response, Recovery, Timeline, Five whys, Root cause, Backlog check,
    # Recurrence, Lessons learned, Corrective actions.
    "atlassian": Preset(
        ("summary", "impact", "timeline", "five_whys", "root_cause", "lessons_learned", "action_items"),
        {
            "leadup": ("leadup", "lead-up", "lead up"),
            "fault": ("fault",),
            "detection": ("detection",),
            "response": ("response",),
            "recovery": ("recovery",),
            "backlog_check": ("backlog check",),
            "recurrence": ("recurrence",),
        },
    ),
    # PagerDuty's post-mortem template: Overview, What Happened, Resolution, Root Cause, Impact,
    # Responders, Timeline, How'd We Do? (What went well, What didn't go so well), Action
    # Items, Messaging.
    "pagerduty": Preset(
        ("summary", "impact", "timeline", "root_cause", "what_went_well", "what_went_poorly", "action_items"),
        {
            "what_happened": ("what happened",),
            "resolution": ("resolution",),
            "responders": ("responders",),
            "review": ("how'd we do", "how did we do"),
            "messaging": ("messaging", "internal messaging", "external messaging"),
        },
    ),
}
