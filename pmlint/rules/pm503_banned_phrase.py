"""Configurable banned phrases, by default hindsight words.

## What it does
Reports configured phrases anywhere in the document's prose. The default
list holds hindsight words: `obviously`, `clearly`, `of course`, `needless
to say`, `in hindsight`, `just had to`, `could simply have` … Teams add
their own (`extend_phrases`) or replace the list (`phrases`). A phrase is
found across the line breaks of a hard-wrapped paragraph and through inline
markup. Reported as a warning.

Not reported, because the phrase is not a judgement there: a negated use
("nothing was obviously wrong"); an evidential or manner use, where the
next word is one of `evidence_words` ("the logs clearly showed", "clearly
state the motivation"); a field label; headings, block quotes, code blocks
and inline code. Plain `simply` is not on the list: in "the check simply
requires a profile" it describes, it does not judge; its hindsight forms
("could simply have", "should simply have") are.

## Why is this bad?
Hindsight bias, which the PagerDuty post-mortem guide warns against: after
the outcome is known, the failure always looks obvious. "The engineer simply had to run the check" tells the next
reader the situation was easy, hides what was actually known at the time,
and quietly blames whoever did not see it.

## Example
```markdown
## Contributing Factors
- The alert was obviously too late: the on-call just had to look at the graph.
```

Use instead:
```markdown
## Contributing Factors
- The alert fired 23 minutes after latency started rising; the graph that
  showed the rise was not linked from the alert.
```

## Options
- `phrases`: the banned phrases, matched case-insensitively as whole words.
  Default: obviously, clearly, of course, needless to say, just had to,
  just needed to, all they had to do, simply had to, could simply have,
  could have simply, should simply have, should have simply, trivially,
  in hindsight, with hindsight, with the benefit of hindsight, in retrospect.
- `extend_phrases`: phrases added to the list.
- `allow`: phrases that hold a banned phrase but are not hindsight; a match
  inside one is skipped. Default: hindsight bias.
- `evidence_words`: a phrase followed by one of these words reports
  evidence or manner, not hindsight. Default: show, shows, showed, shown,
  indicate(s/d), demonstrate(s/d), state(s/d), say(s), said, label(l)ed,
  mark(ed), document(ed), define(d), visible, communicate(d), explain(ed),
  describe(d), written, separate(d), identify, identified.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.model import Document
from pmlint.rules._prose import phrase_matches
from pmlint.rules.base import Rule, Violation

DEFAULT_PHRASES = (
    "obviously", "clearly", "of course", "needless to say", "just had to", "just needed to",
    "all they had to do", "simply had to", "could simply have", "could have simply",
    "should simply have", "should have simply", "trivially", "in hindsight", "with hindsight",
    "with the benefit of hindsight", "in retrospect",
)
DEFAULT_ALLOW = ("hindsight bias",)
DEFAULT_EVIDENCE_WORDS = (
    "show", "shows", "showed", "shown", "indicate", "indicates", "indicated", "demonstrate",
    "demonstrates", "demonstrated", "state", "states", "stated", "say", "says", "said", "labeled",
    "labelled", "mark", "marked", "document", "documented", "define", "defined", "visible",
    "communicate", "communicated", "explain", "explained", "describe", "described", "written",
    "separate", "separated", "identify", "identified",
)


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    phrases: tuple[str, ...] = DEFAULT_PHRASES
    allow: tuple[str, ...] = DEFAULT_ALLOW
    evidence_words: tuple[str, ...] = DEFAULT_EVIDENCE_WORDS


def check(doc: Document, options: Options) -> Iterator[Violation]:
    evidence = frozenset(word.lower() for word in options.evidence_words)
    for span, phrase in phrase_matches(doc, options.phrases, options.allow, evidence):
        yield Violation(
            span=span,
            message=f"banned phrase: '{phrase}'",
            suggestion="describe what was known at the time, without hindsight",
        )


RULE = Rule(
    code="PM503",
    name="banned-phrase",
    summary="A banned phrase (by default a hindsight word: obviously, clearly, simply …).",
    check=check,
    options=Options,
    severity="warning",
    doc=__doc__ or "",
)
