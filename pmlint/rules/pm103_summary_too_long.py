"""The summary is short: a few sentences, not the whole story.

## What it does
Counts the sentences of the Summary section (paragraphs and list items; a
list item without a full stop is one sentence) and reports the first
sentence beyond the limit. Full stops inside versions and numbers (`v5.2`,
`0.1%`), abbreviations (`e.g.`, `i.e.`, `approx.`, `etc.`, `vs.`) and
initialisms (`U.S.`) do not end a sentence; a sentence ends at `.`, `!` or
`?` followed by a space and a word that does not start in lower case.

## Why is this bad?
The summary is what most readers read, often the only part. Incident
handbooks (Atlassian's, PagerDuty's) ask for a few sentences: what happened,
the root cause, the impact and what is being done. A longer summary buries those four facts; the
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

from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from pmlint.document.model import Document
from pmlint.document.source import Span
from pmlint.rules._prose import sentence_spans
from pmlint.rules.base import Rule, Violation

_COUNT_CAP = 500  # a pathological summary is not counted to the end


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    max_sentences: int = 3


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
