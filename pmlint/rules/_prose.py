"""Prose scanning shared by rules: phrase search outside code, links and
comments (PM501, PM503), and sentence splitting that knows abbreviations,
versions and initialisms (PM103, PM105)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pmlint.model import Block, Document
from pmlint.rules._text import may_contain, phrase_pattern
from pmlint.source import Span

_NOT_PROSE = re.compile(r"(?<!`)(`++)[^`]*+\1(?!`)|\]\([^()\[\]\s]*+\)|<https?://[^<>\s]*+>")


_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "vs", "approx", "ca", "cf", "incl", "excl", "esp", "resp", "est", "mr",
     "mrs", "ms", "dr", "fig", "al", "inc", "ltd", "corp", "v", "ver", "rev", "vol", "pp",
     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
#: a candidate sentence end: punctuation, optional closing quotes/brackets, then space or the end.
_END = re.compile(r"[.!?…]+[\"'”’)\]*_]*(?=\s|$)")
_SPACE = re.compile(r"\s*")
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.)+[A-Za-z]\.$")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
#: "On 5. January": a day number with a full stop, as many European languages write it.
_DAY_NUMBER = re.compile(r"(?:^|\s)\d{1,2}\.$")
_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_URL = re.compile(r"<?https?://[^\s>]*>?")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LOOK_BACK = 40  # characters: enough for any abbreviation, and keeps long lines linear



def _prose_numbers(doc: Document) -> Iterator[int]:
    start = doc.front_matter.span.end_line if doc.front_matter.kind == "yaml" else 1
    html = {n for s in doc.sections for b in s.blocks if b.kind == "html"
            for n in range(b.span.line, max(b.span.end_line, b.span.line + 1))}
    for number in range(max(start, 1), len(doc.source.lines) + 1):
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
    line = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line)
    start = line.find("<!--")
    while start >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            break
        line = _blank(line, start, end + 3)
        start = line.find("<!--", end + 3)
    return line


@lru_cache(maxsize=64)
def _key_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The longest word of each phrase: a line without any of them cannot match."""
    return tuple({max(p.lower().split(), key=len) for p in phrases if p.split()})


def _inside(covered: list[tuple[int, int]], start: int, end: int, index: int) -> tuple[bool, int]:
    """Whether [start, end) lies in one of the sorted, disjoint ``covered`` spans (and the cursor)."""
    while index < len(covered) and covered[index][1] < end:
        index += 1
    return index < len(covered) and covered[index][0] <= start, index


def phrase_matches(
    doc: Document, phrases: tuple[str, ...], allow: tuple[str, ...] = ()
) -> Iterator[tuple[Span, str]]:
    """Every phrase in the prose that does not lie inside an allowed phrase."""
    pattern = phrase_pattern(phrases)
    allowed = phrase_pattern(allow)
    if pattern is None:
        return
    if not may_contain(doc, phrases):
        return  # most post-mortems hold none of the phrases' words at all
    keys = _key_words(phrases)
    for number in _prose_numbers(doc):
        raw = doc.source.line(number)
        lowered = raw.lower()
        if not any(word in lowered for word in keys):
            continue  # cheap pre-check: most lines hold no phrase at all
        line = _blank_non_prose(raw)
        covered = [m.span() for m in allowed.finditer(line)] if allowed else []
        cursor = 0
        for match in pattern.finditer(line):
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
        before = text[max(0, match.start() - _LOOK_BACK) : match.start()] + "."
        word = _WORD_BEFORE.search(before)
        token = (word.group(1) if word else "").rstrip(".").lower()
        if token in _ABBREVIATIONS or _INITIALISM.search(before):
            return False
        if _DAY_NUMBER.search(before) and after and _MONTH.match(text, after.end()):
            return False
    return True


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
    return _WORD.search(_URL.sub(" ", sentence)) is not None


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


