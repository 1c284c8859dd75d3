"""Prose scanning shared by rules: one phrase engine over the file's prose
(PM204, PM303, PM501, PM502, PM503), and sentence splitting that knows
abbreviations, versions and initialisms (PM103, PM105).

The phrase engine reads prose as runs of consecutive lines, so a phrase that a
hard-wrapped paragraph splits over two lines is found; inline code, link
targets, comments, HTML tags and emphasis marks are blanked (columns stay
true), and headings, block quotes, code and HTML blocks are not prose. The
phrase lists are data; the rules only say which context excuses a phrase.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Block, Document, Section
from pmlint.document.source import Span
from pmlint.rules._comments import replace_comments
from pmlint.rules._text import holds_key, line_keys, may_contain, phrase_pattern

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
# Emphasis marks (a "_" only at a word's edge: snake_case stays a word), strike-through
# marks and inline HTML tags such as <br>: blanked, so "**human** error" is a phrase.
_MARKUP = lazy_pattern(r"\*+|(?<![^\W_])_+|_+(?![^\W_])|~~|</?[A-Za-z][^<>\n]{0,200}>")
#: a negation up to two words before a phrase, matched on the reversed look-back: the
#: '$'-anchored search of "(?:\b(?:not|…)|n't)\W+(?:[\w'’-]+\W+){0,2}$" was tried at each of
#: its 80 positions (a quarter of checking 1 MB of phrases)
_NEGATED_BACKWARDS = lazy_pattern(
    r"(?:\W+[\w'’-]+){0,2}\W+(?:(?:ton|reven|on|gnihton|ydobon|enon|rehtien|ron|tuohtiw|yldrah|dnoyeb"
    r"|naht\s+rehtar|fo\s+daetsni)\b|t['’]n)",
    re.IGNORECASE,
)
_NEXT_WORD = lazy_pattern(r"[\W_]*?([^\W\d_]+)")
#: after a label's phrase: its closing marks, then a colon or the line's end
_LABEL_END = lazy_pattern(r"[ \t*_]*(?::|$)", re.MULTILINE)


def _not_prose(doc: Document) -> tuple[int, set[int]]:
    """The first line prose may stand on, and the lines that are never prose: HTML
    blocks and headings (a heading is a label: a template's ``## Fault`` is not blame)."""
    start = doc.front_matter.span.end_line if doc.front_matter.kind == "yaml" else 1
    skipped = {n for s in doc.sections for b in s.blocks if b.kind == "html"
               for n in range(b.span.line, max(b.span.end_line, b.span.line + 1))}
    headings = [s.span for s in doc.sections]
    if doc.title_span is not None:
        headings.append(doc.title_span)
    for span in headings:
        skipped.update(range(span.line, max(span.end_line, span.line) + 1))
    return max(start, 1), skipped


def _blank_non_prose(line: str) -> str:
    """Blank inline code, link targets, HTML comments and tags, and emphasis marks
    with spaces, keeping columns: "**human** error" reads as "human error"."""
    if "`" in line or "](" in line or "<http" in line:  # what every _NOT_PROSE match holds
        line = _NOT_PROSE().sub(lambda m: " " * len(m.group(0)), line)
    line = replace_comments(line, None)
    if "*" in line or "_" in line or "<" in line or "~~" in line:
        line = _MARKUP().sub(lambda m: " " * len(m.group(0)), line)
    return line


def _inside(covered: list[tuple[int, int]], start: int, end: int, index: int) -> tuple[bool, int]:
    """Whether [start, end) lies in one of the sorted, disjoint ``covered`` spans (and the cursor)."""
    while index < len(covered) and covered[index][1] < end:
        index += 1
    return index < len(covered) and covered[index][0] <= start, index


class ProseRun(NamedTuple):
    """Consecutive prose lines (a hard-wrapped paragraph, a list, a table) joined by
    newlines, non-prose blanked; phrases are searched across its line breaks."""

    text: str
    lines: tuple[int, ...]  # the number of each joined line
    starts: tuple[int, ...]  # where each joined line starts in ``text``

    def span(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]`` (found by bisection: linear overall)."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return Span(self.lines[first], start - self.starts[first] + 1,
                    self.lines[last], end - self.starts[last] + 1)


def _is_quote(line: str) -> bool:
    """A block-quote line: quoted text (a chat message, a customer's words) is not the author's judgement."""
    return line.lstrip(" ")[:1] == ">" and len(line) - len(line.lstrip(" ")) < 4


def prose_runs(doc: Document, numbers: Collection[int] | None = None) -> Iterator[ProseRun]:
    """The file's prose as runs of consecutive lines (only ``numbers``, when given).

    Not prose: the front matter, headings, block quotes, code and HTML blocks, blank
    lines (which end a run). Each line is read once, so a scan of the runs is linear.
    """
    first, prose = _prose_lines(doc)
    last = len(prose) - 1
    wanted = range(first, last + 1) if numbers is None else sorted(n for n in numbers if first <= n <= last)
    texts: list[str] = []
    numbered: list[int] = []
    for number in wanted:
        text = prose[number]
        if texts and (text is None or number != numbered[-1] + 1):
            yield _run(texts, numbered)
            texts, numbered = [], []
        if text is not None:
            texts.append(text)
            numbered.append(number)
    if texts:
        yield _run(texts, numbered)


@lru_cache(maxsize=1)  # documents are linted one at a time; more would keep finished ones alive
def _prose_lines(doc: Document) -> tuple[int, tuple[str | None, ...]]:
    """Each line's prose with non-prose blanked (None where the line is not prose), by line number.

    Computed once per document: a dozen phrase rules read it. Kept because it
    pays: linting 100 generated post-mortems takes 3.6% more instructions when
    every rule blanks the lines again (2.54 G instead of 2.45 G, callgrind).
    """
    first, skipped = _not_prose(doc)
    lines = doc.source.lines
    prose: list[str | None] = [None] * (len(lines) + 1)
    for number in range(first, len(lines) + 1):
        line = lines[number - 1]
        if number not in doc.code_lines and number not in skipped and line.strip() and not _is_quote(line):
            prose[number] = _blank_non_prose(line)
    return first, tuple(prose)


def _run(texts: list[str], numbers: list[int]) -> ProseRun:
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    return ProseRun("\n".join(texts), tuple(numbers), tuple(starts))


def section_lines(doc: Document, sections: Iterable[Section]) -> set[int]:
    """The body line numbers of ``sections`` (for :func:`prose_runs`)."""
    return {n for section in sections for n in range(section.body.line, section.body.end_line)}


def negated(text: str, start: int) -> bool:
    """Whether a negation stands up to two words before ``text[start]``: "not obviously
    wrong", "wasn't the engineer's fault", "rather than human error"."""
    return _NEGATED_BACKWARDS().match(text[max(0, start - _LOOK_BACK * 2) : start][::-1]) is not None


def followed_by(text: str, end: int, words: frozenset[str]) -> bool:
    """Whether the word right after ``text[:end]`` is one of ``words`` (lower case)."""
    match = _NEXT_WORD().match(text, end, end + 40)
    return match is not None and match.group(1).lower() in words


def is_label(text: str, start: int, end: int) -> bool:
    """Whether the phrase is the whole label at its line's start ("Fault:", "**Fault**"): a
    template's field name, not a judgement."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t-+*#>|0123456789."):
        return False
    return _LABEL_END().match(text, end) is not None


class Hit(NamedTuple):
    """A phrase found in a run: where, what (whitespace as one space), and its run for context."""

    span: Span
    phrase: str
    run: ProseRun
    start: int
    end: int


def phrase_hits(
    doc: Document,
    phrases: tuple[str, ...],
    allow: tuple[str, ...] = (),
    numbers: Collection[int] | None = None,
) -> Iterator[Hit]:
    """Every phrase in the prose (only on lines ``numbers``, when given) that does not lie
    inside an allowed phrase. Phrases match across line breaks and inline markup."""
    if not may_contain(doc, phrases):
        return  # most post-mortems hold none of the phrases' words at all
    keys = line_keys(doc, phrases)
    pattern: re.Pattern[str] | None = None  # compiled at the first run that may hold a phrase
    allowed = phrase_pattern(allow)
    for run in prose_runs(doc, numbers):
        if not holds_key(run.text, keys):
            continue
        if pattern is None:
            pattern = phrase_pattern(phrases)
            if pattern is None:
                return
        covered: list[tuple[int, int]] | None = None  # the allowed phrases' spans, read at the first match
        cursor = 0
        for match in pattern.finditer(run.text):
            if covered is None:
                covered = [m.span() for m in allowed.finditer(run.text)] if allowed else []
            inside, cursor = _inside(covered, match.start(), match.end(), cursor)
            if not inside:
                phrase = " ".join(match.group(0).split())
                yield Hit(run.span(match.start(), match.end()), phrase, run, match.start(), match.end())


def phrase_matches(
    doc: Document,
    phrases: tuple[str, ...],
    allow: tuple[str, ...] = (),
    evidential: frozenset[str] = frozenset(),
) -> Iterator[tuple[Span, str]]:
    """Judgement phrases in the prose: not a field label, not negated ("not obviously
    wrong"), and not followed by one of the ``evidential`` words ("clearly showed")."""
    for hit in phrase_hits(doc, phrases, allow):
        text = hit.run.text
        if is_label(text, hit.start, hit.end) or negated(text, hit.start):
            continue
        if evidential and followed_by(text, hit.end, evidential):
            continue
        yield hit.span, hit.phrase


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


