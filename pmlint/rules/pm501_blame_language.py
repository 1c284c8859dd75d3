"""Post-mortems describe systems, not culprits.

## What it does
Reports blame words anywhere in the document's prose: `human error`,
`should have known`, `should have caught`, `careless`, `at fault`, `fault`,
`blame`, `negligent`, `incompetent`, `sloppy`, `laziness`, `an act of
laziness`, `screwed up`, `dropped the ball`, `rookie mistake` … A phrase is
found across the line breaks of a hard-wrapped paragraph and through inline
markup (`**human** error`). Matches are whole words, so `blameless`,
`default` and `fault-tolerant` never fire; technical uses on the `allow`
list (`fault injection`, `fault tolerance`, `hardware fault`, `git blame`,
`lazy loading`, `no blame` …) are skipped.

Not reported, because they are not a judgement of a person: a negated
phrase (`not human error`, `wasn't anyone's fault`, `we don't blame`); a
phrase that is a field label (`Fault:`, `**Fault**` alone on its line);
headings (a template's `## Fault` section); block quotes (someone else's
words); code blocks and inline code.

## Why is this bad?
The Google SRE book's chapter on postmortem culture asks for blameless
write-ups: individual error is almost always a symptom of a system that
made that error possible or likely. Blame words end the analysis at a person,
make the next post-mortem less honest, and hide the process gap that will
produce the same incident with a different person.

## Example
```markdown
## Root Cause
The outage was caused by human error: a careless engineer skipped a step.
```

Use instead:
```markdown
## Root Cause
The deploy process let a release skip the migration check: the step was
manual and nothing failed when it was missed.
```

## Options
- `phrases`: the blame phrases. Default: human error, human mistake, operator
  error, user error, should have known, should have caught, should have
  noticed, should have checked, careless, carelessly, carelessness, at fault,
  fault, his fault, her fault, their fault, blame, blamed, to blame,
  negligent, negligence, incompetent, incompetence, sloppy, lazy, laziness,
  act of laziness, inattentive, inattention, screwed up, messed up, dropped
  the ball, didn't bother, did not bother, rookie mistake, stupid mistake,
  dumb mistake, irresponsible, reckless.
- `extend_phrases`: phrases added to the default list.
- `allow`: phrases that contain a blame word but are not blame; a match
  inside one of them is skipped. Default: blameless, no blame, without blame,
  not to blame, blame-free, git blame, fault injection, fault tolerance,
  fault tolerant, fault domain, fault isolation, fault detection, page fault,
  segmentation fault, hardware fault, network fault, disk fault, power fault,
  lazy loading (and lazy load, lazy-loaded, lazy evaluation, lazy
  initialization), and a hypothesis responders held: assumed/suspected user
  (or human) error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.model import Document
from pmlint.rules._prose import phrase_matches
from pmlint.rules.base import Rule, Violation

DEFAULT_PHRASES = (
    "human error", "human mistake", "operator error", "user error", "should have known",
    "should have caught", "should have noticed", "should have checked", "careless", "carelessly",
    "carelessness", "at fault", "fault", "his fault", "her fault", "their fault", "blame", "blamed",
    "to blame", "negligent", "negligence", "incompetent", "incompetence", "sloppy", "lazy",
    "laziness", "act of laziness", "inattentive", "inattention",
    "screwed up", "messed up", "dropped the ball", "didn't bother", "did not bother",
    "rookie mistake", "stupid mistake", "dumb mistake", "irresponsible", "reckless",
)
DEFAULT_ALLOW = (
    "blameless", "no blame", "without blame", "not to blame", "blame-free", "git blame",
    "fault injection", "fault tolerance", "fault tolerant", "fault domain", "fault isolation",
    "fault detection", "page fault", "segmentation fault", "hardware fault", "network fault",
    "disk fault", "power fault",
    # lazy loading is a technique, not a trait
    "lazy loading", "lazy load", "lazy loaded", "lazy-loading", "lazy-load", "lazy-loaded",
    "lazy evaluation", "lazy initialization", "lazy initialisation",
    # what responders believed at the time is not blame ("Assumed user error at the time.")
    "assumed user error", "assumed human error", "suspected user error", "suspected human error",
)
class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    phrases: tuple[str, ...] = DEFAULT_PHRASES
    allow: tuple[str, ...] = DEFAULT_ALLOW


def _suggestion(phrase: str) -> str:
    if "error" in phrase.lower() or "mistake" in phrase.lower():
        return ("ask what made the error possible or likely, and name that gap: "
                "'the deploy had no check for pending migrations'")
    return ("reframe around the system: 'what in our process allowed this?' "
            "instead of 'who got it wrong?'")


def check(doc: Document, options: Options) -> Iterator[Violation]:
    for span, phrase in phrase_matches(doc, options.phrases, options.allow):
        yield Violation(span=span, message=f"blame language: '{phrase}'", suggestion=_suggestion(phrase))


RULE = Rule(
    code="PM501",
    name="blame-language",
    summary="Blame language (human error, careless, fault, should have known …).",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
