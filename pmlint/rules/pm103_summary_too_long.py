"""The summary is short: a few sentences, not the whole story.

## What it does
Counts the sentences of the Summary section (paragraphs and list items; a
list item without a full stop is one sentence) and reports the first
sentence beyond the limit. Full stops inside versions and numbers (`v5.2`,
`0.1%`), abbreviations (`e.g.`, `i.e.`, `approx.`, `etc.`, `vs.`) and
initialisms (`U.S.`) do not end a sentence; a sentence ends at `.`, `!` or
`?` followed by a space and a word that does not start in lower case.

## Why is this bad?
The summary is what most readers read, often the only part. Seed 003's
template asks for 2–3 sentences: what happened, the root cause, the impact
and what is being done. A longer summary buries those four facts; the
detail belongs in Impact, Timeline and Root Cause.

## Example
```markdown
## Summary

Checkout failed for 45 minutes. A deploy removed the pool limit. Each pod
opened 40 connections. The database refused new ones. We rolled back.
```

Use instead:
```markdown
## Summary

A deploy of checkout-api v5.2 removed the pool limit, so orders-db ran out
of connections and checkout failed for 45 minutes. We rolled back and are
adding a pool-limit check to code review.
```

## Options
- `max_sentences`: the most sentences the summary may have. Default: 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from pmlint.model import Block, Document
from pmlint.rules.base import Rule, Violation
from pmlint.source import Span

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
_COUNT_CAP = 500  # a pathological summary is not counted to the end
_LOOK_BACK = 40  # characters: enough for any abbreviation, and keeps long lines linear


@dataclass(frozen=True)
class Options:
    max_sentences: int = 3


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


def check(doc: Document, options: Options) -> Iterator[Violation]:
    section = doc.section("summary")
    if section is None:
        return
    spans = list(islice(sentence_spans(doc, section.prose()), max(_COUNT_CAP, options.max_sentences + 1)))
    if len(spans) <= options.max_sentences:
        return
    extra = spans[options.max_sentences]
    counted = f"{len(spans)}+" if len(spans) >= _COUNT_CAP else str(len(spans))
    yield Violation(
        span=Span(extra.line, extra.column, extra.line, len(doc.source.line(extra.line)) + 1)
        if extra.end_line != extra.line else extra,
        message=f"the summary has {counted} sentences; keep it to {options.max_sentences}",
        suggestion="say what happened, why, the impact and what is being done; "
        "move the detail to Impact, Timeline or Root Cause",
    )


RULE = Rule(
    code="PM103",
    name="summary-too-long",
    summary="The summary is longer than the configured number of sentences.",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
