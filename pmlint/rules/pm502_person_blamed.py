"""Root causes and contributing factors name process gaps, not people.

## What it does
In every narrative section (all but Action Items), reports a person who is
the subject of a failure: an `@handle`, a name from the front matter
(`authors`, `incident_commander`, and first names derived from them, so
`@dana.kim` also means "Dana"), a name from the `owners` roster or the
`people` option, or a role noun (`the engineer`, `the on-call engineer`,
`the developer`, `the operator`, `the DBA`, `the admin`, `the intern`,
`the manager` …), followed by a failure verb (`failed to`, `forgot`,
`neglected`, `ignored`, `overlooked`, `missed`, `didn't`, `did not`,
`broke`, `misconfigured`, `caused`, `made a mistake`, `should have` …),
also when a hard-wrapped line or inline markup (`**@dana**`) stands between
them. Headings, block quotes, code and inline code are not read. The
finding points at the person.

## Why is this bad?
Blameless post-mortems (the Google SRE book, the Atlassian and PagerDuty
incident handbooks) name the system, not the person: "the deployment
process allowed untested code to reach production" leads to a fix; "the engineer deployed untested code" leads to
a reprimand and the same incident with the next engineer. When a person is
the subject of a failure, in the root cause or in the story that leads to
it, the analysis stopped one step too early.

## Example
```markdown
## Root Cause
The on-call engineer forgot to run the migration check before the deploy.
```

Use instead:
```markdown
## Root Cause
The deploy pipeline does not run the migration check, so a release could
ship with a pending migration.
```

## Options
- `roles`: role nouns that stand for a person (besides `someone` and
  `somebody`). Default: engineer, developer,
  dev, operator, on-call, on-call engineer, DBA, admin, administrator,
  sysadmin, intern, manager, SRE, deployer, reviewer, release manager.
- `verbs`: failure verbs. Default: failed to, forgot, forgot to, neglected,
  neglected to, ignored, overlooked, missed, didn't, did not, broke,
  misconfigured, caused, made a mistake, made an error, should have,
  accidentally, mistakenly, carelessly.
- `people`: more names of people to recognise (e.g. the team's roster).
- `owners` (shared setting): the action-owner roster; its names count too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from pmlint.document.model import Document
from pmlint.rules._prose import prose_runs, section_lines
from pmlint.rules._text import holds_key, line_keys, may_contain
from pmlint.rules.base import Rule, Violation

DEFAULT_ROLES = (
    "engineer", "developer", "dev", "operator", "on-call", "on-call engineer", "oncall", "DBA",
    "admin", "administrator", "sysadmin", "intern", "manager", "SRE", "deployer", "reviewer",
    "release manager",
)
DEFAULT_VERBS = (
    "failed to", "forgot", "forgot to", "neglected", "neglected to", "ignored", "overlooked",
    "missed", "didn't", "didn’t", "did not", "broke", "misconfigured", "caused", "made a mistake",
    "made an error", "should have", "accidentally", "mistakenly", "carelessly",
)
#: not narrative: an action item names its owner and what to change
SKIPPED_SECTIONS = ("action_items",)
# Words that may stand between "the" and the role ("the on-call engineer").
_MODIFIERS = (
    "on-call", "junior", "senior", "new", "responsible", "release", "database", "deploying",
    "support", "duty", "human", "lead", "platform", "backend", "frontend", "same",
)
# Role nouns that name a person even without "the" ("→ Engineer didn't check …").
_BARE_ROLES = ("engineer", "engineers", "developer", "developers", "intern", "interns", "DBA", "someone", "somebody")
_ADVERBS = "then|also|again|just|simply|still|unfortunately|apparently|initially|probably|clearly"
_HANDLE = r"(?<![\w.@])@[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?"


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    roles: tuple[str, ...] = DEFAULT_ROLES
    verbs: tuple[str, ...] = DEFAULT_VERBS
    people: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()


def _words(phrases: Iterable[str]) -> str:
    """An alternation of phrases, longest first, spaces matching any whitespace."""
    cleaned = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in cleaned)


def _names(value: object) -> Iterator[str]:
    """Names a front-matter value or roster entry stands for ('@dana.kim' -> 'Dana Kim', 'Dana')."""
    values = value if isinstance(value, (list, tuple)) else [value]
    for entry in values:
        if not isinstance(entry, str) or not entry.strip():
            continue
        text = entry.strip()
        if text.startswith("@"):
            parts = [p.capitalize() for p in re.split(r"[._-]+", text[1:]) if p.isalpha()]
        else:
            parts = [p for p in re.split(r"\s+", re.sub(r"[<(\[].*$", "", text)) if p[:1].isupper()]
        if len(parts) >= 2:
            yield " ".join(parts)
        if parts and len(parts[0]) >= 3:
            yield parts[0]


@lru_cache(maxsize=64)
def _pattern(roles: tuple[str, ...], verbs: tuple[str, ...], names: tuple[str, ...]) -> re.Pattern[str]:
    role_words = _words(r + "s" for r in roles) + "|" + _words(roles)
    article = r"\b(?:the|an?|our|one\s+of\s+(?:the|our))\s+"
    determined = rf"(?i:{article}(?:(?:{_words(_MODIFIERS)})\s+)?(?:{role_words}))"
    bare = rf"(?i:(?<![\w@-])(?:{_words(_BARE_ROLES)}))"
    subjects = [_HANDLE, determined, bare]
    if names:
        subjects.append(rf"\b(?:{_words(names)})\b")
    subject = "|".join(f"(?:{s})" for s in subjects)
    return re.compile(
        rf"(?P<subject>{subject})(?:\s+(?i:{_ADVERBS}))?\s+(?P<verb>(?i:{_words(verbs)}))(?![\w-])"
    )


@lru_cache(maxsize=64)
def _verb_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?i:{_words(verbs)})(?![\w-])")


#: how far before a failure verb its subject may start
_WINDOW = 120


def _matches(pattern: re.Pattern[str], verbs: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Subject + verb matches, searched only just before each verb (the text is mostly verb-free)."""
    seen = -1
    for verb in verbs.finditer(text):
        match = pattern.search(text, max(0, verb.start() - _WINDOW, seen + 1), verb.end() + 1)
        while match is not None and match.end("verb") <= verb.start():
            match = pattern.search(text, match.start() + 1, verb.end() + 1)
        if match is not None and match.start() > seen:
            seen = match.start()
            yield match


def _known_names(doc: Document, options: Options) -> tuple[str, ...]:
    names: set[str] = set()
    for key in ("authors", "incident_commander"):
        names.update(_names(doc.front_matter.get(key)))
    names.update(_names(list(options.people) + list(options.owners)))
    return tuple(sorted(names))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if not may_contain(doc, options.verbs):
        return  # no failure verb anywhere in the file
    keys = line_keys(doc, options.verbs)
    skipped = section_lines(doc, doc.sections_for(*SKIPPED_SECTIONS))
    verbs = _verb_pattern(options.verbs)
    pattern: re.Pattern[str] | None = None  # built at the first run holding a verb
    for run in prose_runs(doc):
        if not holds_key(run.text, keys) or verbs.search(run.text) is None:
            continue
        if pattern is None:
            # only names that occur keep the cached pattern shared across documents
            names = tuple(name for name in _known_names(doc, options) if name in doc.source.text)
            pattern = _pattern(options.roles, options.verbs, names)
        for match in _matches(pattern, verbs, run.text):
            span = run.span(match.start("subject"), match.end("subject"))
            if span.line in skipped:
                continue
            subject = " ".join(match.group("subject").split())
            yield Violation(
                span=span,
                message=f"'{subject}' is the subject of a failure ('{' '.join(match.group('verb').split())}')",
                suggestion="name the process gap instead, e.g. 'the deployment process allowed untested "
                "code to reach production'",
            )


RULE = Rule(
    code="PM502",
    name="person-blamed",
    summary="A person is named as the subject of a failure in the root cause analysis.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
