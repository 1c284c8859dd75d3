"""Prose scanning shared by rules: phrase search outside code, links and
comments (PM501, PM503), and sentence splitting that knows abbreviations,
versions and initialisms (PM103, PM105)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Block, Document
from pmlint.document.source import Span
from pmlint.rules._text import Keys, line_keys, may_contain, phrase_pattern

# Compiled on first use: read only on lines holding a phrase, and only when one of
# its marks (backtick, "](", "<http") is there.
_NOT_PROSE = lazy_pattern(r"(?<!`)(`++)[^`]*+\1(?!`)|\]\([^()\[\]\s]*+\)|<https?://[^<>\s]*+>")


_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "vs", "approx", "ca", "cf", "incl", "excl", "esp", "resp", "est", "mr",
     "mrs", "ms", "dr", "fig", "al", "inc", "ltd", "corp", "v", "ver", "rev", "vol", "pp",
     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
#: a candidate sentence end: punctuation, optional closing quotes/brackets, then space or the end.
_END = re.compile(r"[.!?…]+[\"'”’)\]*_]*(?=\s|$)")
_SPACE = re.compile(r"\s*")
_INITIALISM = lazy_pattern(r"(?:\b[A-Za-z]\.)+[A-Za-z]\.$")
#: on the reversed text before a full stop: the word (with its dots) that it ends
_RUN = re.compile(r"[\w.]*")
_ASCII_LETTERS = frozenset(string.ascii_letters)
#: "On 5. January": a day number with a full stop, as many European languages write it.
_DAY_NUMBER = lazy_pattern(r"(?:^|\s)\d{1,2}\.$")
_MONTH = lazy_pattern(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_URL = lazy_pattern(r"<?https?://[^\s>]*>?")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LOOK_BACK = 40  # characters: enough for any abbreviation, and keeps long lines linear



def _not_prose(doc: Document) -> tuple[int, set[int]]:
    """The first line prose may stand on, and the lines of HTML blocks."""
    start = doc.front_matter.span.end_line if doc.front_matter.kind == "yaml" else 1
    html = {n for s in doc.sections for b in s.blocks if b.kind == "html"
            for n in range(b.span.line, max(b.span.end_line, b.span.line + 1))}
    return max(start, 1), html


def _prose_numbers(doc: Document) -> Iterator[int]:
    start, html = _not_prose(doc)
    for number in range(start, len(doc.source.lines) + 1):
        if number not in doc.code_lines and number not in html:
            yield number


def prose_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """(line number, text) of every prose line after the front matter.

    Code blocks and HTML blocks are skipped; inline code, link targets and
    HTML comments are blanked with spaces so that columns stay true.
    """
    for number in _prose_numbers(doc):
        yield number, _blank_non_prose(doc.source.line(number))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _blank_non_prose(line: str) -> str:
    """Blank inline code, link targets and HTML comments with spaces, keeping columns."""
    if "`" in line or "](" in line or "<http" in line:  # what every _NOT_PROSE match holds
        line = _NOT_PROSE().sub(lambda m: " " * len(m.group(0)), line)
    start = line.find("<!--")
    while start >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            break
        line = _blank(line, start, end + 3)
        start = line.find("<!--", end + 3)
    return line


@lru_cache(maxsize=64)
def _key_words(phrases: tuple[str, ...]) -> Keys:
    """The longest word of each phrase: a line without any of them cannot match."""
    return tuple((word,) for word in {max(p.lower().split(), key=len) for p in phrases if p.split()})


def _inside(covered: list[tuple[int, int]], start: int, end: int, index: int) -> tuple[bool, int]:
    """Whether [start, end) lies in one of the sorted, disjoint ``covered`` spans (and the cursor)."""
    while index < len(covered) and covered[index][1] < end:
        index += 1
    return index < len(covered) and covered[index][0] <= start, index


def _lines_holding(doc: Document, keys: Keys) -> list[int]:
    """The numbers, in order, of the lines whose lower-case text holds all tokens of one key."""
    lowered = doc.source.text.lower()  # str.lower() keeps every line end where it was
    found: set[int] = set()
    for tokens in keys:
        first = tokens[0]
        position = lowered.find(first)
        while position >= 0:
            start = lowered.rfind("\n", 0, position) + 1
            end = lowered.find("\n", position)
            line = lowered[start : end if end >= 0 else len(lowered)]
            if all(token in line for token in tokens[1:]):
                found.add(lowered.count("\n", 0, position) + 1)
            position = lowered.find(first, end) if end >= 0 else -1
    return sorted(found)


def phrase_matches(
    doc: Document, phrases: tuple[str, ...], allow: tuple[str, ...] = ()
) -> Iterator[tuple[Span, str]]:
    """Every phrase in the prose that does not lie inside an allowed phrase."""
    if not may_contain(doc, phrases):
        return  # most post-mortems hold none of the phrases' words at all
    # cheap pre-check: only lines holding a key of a phrase can hold the phrase
    keys = line_keys(doc, phrases)
    candidates = _lines_holding(doc, _key_words(phrases) if keys is None else keys)
    if not candidates:
        return  # checked before compiling anything
    pattern = phrase_pattern(phrases)
    if pattern is None:
        return
    start, html = _not_prose(doc)
    for number in candidates:
        if number < start or number in doc.code_lines or number in html:
            continue
        line = _blank_non_prose(doc.source.line(number))
        covered: list[tuple[int, int]] | None = None  # the allowed phrases' spans, read at the first match
        cursor = 0
        for match in pattern.finditer(line):
            if covered is None:
                allowed = phrase_pattern(allow)
                covered = [m.span() for m in allowed.finditer(line)] if allowed else []
            inside, cursor = _inside(covered, match.start(), match.end(), cursor)
            if not inside:
                yield Span(number, match.start() + 1, number, match.end() + 1), match.group(0)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Whether the punctuation at ``match`` really ends a sentence."""
    after = _SPACE.match(text, match.end())
    following = text[after.end() : after.end() + 1] if after else ""
    if following and (following.islower() or following in ",;:"):
        return False
    mark = match.group(0)
    if mark.startswith((".", "…")) and not mark.startswith(("..", "…")):
        prefix = text[max(0, match.start() - _LOOK_BACK) : match.start()]
        before = prefix + "."
        # The word before the full stop, read backwards: a '$'-anchored search for
        # r"([\w.]+)\.$" would try (and backtrack) at every position of the look-back.
        run = _RUN.match(prefix[::-1])
        length = run.end() if run else 0
        token = prefix[len(prefix) - length :].rstrip(".").lower() if length else ""
        if token in _ABBREVIATIONS or (_may_be_initialism(prefix) and _INITIALISM().search(before)):
            return False
        if prefix[-1:].isdecimal() and _DAY_NUMBER().search(before) and after and _MONTH().match(text, after.end()):
            return False
    return True


def _may_be_initialism(prefix: str) -> bool:
    """Whether ``prefix`` ends like "U.S" (then _INITIALISM may match ``prefix + '.'``)."""
    return len(prefix) >= 3 and prefix[-2] == "." and prefix[-1] in _ASCII_LETTERS and prefix[-3] in _ASCII_LETTERS


def sentence_spans(doc: Document, blocks: Iterable[Block]) -> Iterator[Span]:
    """The span of every sentence in ``blocks`` (each block starts a new sentence)."""
    source = doc.source
    for block in blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        start = source.offset(block.span.line, block.span.column)
        end = source.offset(block.span.end_line, block.span.end_column)
        text = source.text[start:end].rstrip()
        begin = _skip_space(text, 0)
        for match in _END.finditer(text):
            if match.end() <= begin or not _ends_sentence(text, match):
                continue
            if _is_prose(text[begin : match.end()]):
                yield source.span_of(start + begin, start + match.end())
            begin = _skip_space(text, match.end())
        if begin < len(text) and _is_prose(text[begin:]):
            yield source.span_of(start + begin, start + len(text))


def _is_prose(sentence: str) -> bool:
    """Whether a "sentence" has words: a list of reference links under the summary is not one."""
    return _WORD.search(_URL().sub(" ", sentence) if "http" in sentence else sentence) is not None


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


