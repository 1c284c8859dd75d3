"""Vague due dates ("ASAP", "Q3", "soon"): PM404 reports them, PM403 does not count them as missing."""

from __future__ import annotations

import re

from pmlint.document.model import clean_due
from pmlint.rules._text import search_in

DEFAULT_PHRASES = (
    "asap", "as soon as possible", "soon", "immediately", "immediate", "tbd", "tba", "tbc",
    "later", "next sprint", "this sprint", "next week", "this week", "next month", "this month",
    "next quarter", "this quarter", "next year", "this year", "q1", "q2", "q3", "q4", "h1", "h2",
    "end of week", "end of month", "end of quarter", "end of year", "eow", "eom", "eoq", "eoy",
    "when possible", "whenever possible", "if possible", "ongoing", "continuous", "n/a",
    "someday", "eventually", "in the future", "backlog", "unknown", "none", "?",
)
_ISO_ANYWHERE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def vague_phrase(text: str, phrases: tuple[str, ...] = DEFAULT_PHRASES) -> str | None:
    """The vague phrase in a due value, or None (a value with a date is never vague)."""
    value = clean_due(text)
    if not value or _ISO_ANYWHERE.search(value):
        return None
    match = search_in(value, phrases)
    return match.group(0) if match else None
