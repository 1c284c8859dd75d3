"""Shared helpers for rules: phrase search with positions, durations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pmlint.model import Document, Section
from pmlint.source import Span


@lru_cache(maxsize=256)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One compiled, case-insensitive, word-bounded alternation of ``phrases``."""
    cleaned = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in cleaned)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _phrase_words(phrases: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    from pmlint.model import _WORD

    return tuple(frozenset(_WORD.findall(p.lower())) for p in phrases if _WORD.search(p))


def may_contain(doc: Document, phrases: tuple[str, ...]) -> bool:
    """False when no phrase can occur: some word of every phrase is absent from the file."""
    words = doc.words
    return any(needed <= words for needed in _phrase_words(phrases))


def find_phrases(
    doc: Document, sections: Iterable[Section], phrases: tuple[str, ...]
) -> Iterator[tuple[Span, str]]:
    """Every occurrence of a phrase in the sections' text (not in code)."""
    pattern = phrase_pattern(phrases)
    if pattern is None or not may_contain(doc, phrases):
        return
    seen: set[int] = set()
    for section in sections:
        for number, line in doc.text_lines(section):
            if number in seen:
                continue
            seen.add(number)
            for match in pattern.finditer(line):
                yield Span(number, match.start() + 1, number, match.end() + 1), match.group(0)


def search_in(text: str, phrases: tuple[str, ...]) -> re.Match[str] | None:
    pattern = phrase_pattern(phrases)
    return pattern.search(text) if pattern else None


_DURATION = re.compile(
    r"^\s*(?:(?P<d>\d+)\s*d(?:ays?)?)?\s*(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+)\s*m(?:in(?:utes?|s)?)?)?\s*$",
    re.IGNORECASE,
)


def parse_duration(text: str) -> int | None:
    """``4h23m`` / ``4 hours 23 minutes`` / ``90m`` -> minutes, else None."""
    match = _DURATION.match(text)
    if not match or not any(match.group(g) for g in "dhm"):
        return None
    days, hours, minutes = (int(match.group(g) or 0) for g in "dhm")
    return days * 1440 + hours * 60 + minutes


def format_minutes(total: int) -> str:
    hours, minutes = divmod(abs(total), 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


def first_line_span(doc: Document) -> Span:
    """Where to report a whole-document finding: the title or line 1."""
    if doc.title_span:
        return doc.title_span
    return Span(1, 1, 1, len(doc.source.line(1)) + 1)
