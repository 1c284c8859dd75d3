"""An action item's owner is one named person.

## What it does
Reports an action item whose owner is a group or a placeholder (`the team`,
`Platform team`, `IT`, `TBD`, `on-call rotation`, `@org/sre` …), names more
than one person (`@a, @b`, `@a and @b`), does not look like a person
(`owner_pattern`: an `@handle`, a name, or a user name by default), or, when
an `owners` roster is configured, is not on it. Items with no owner at all
are left to PM401. A person in parentheses after a group counts:
`Platform team (Alice Smith)` is owned by Alice Smith.

Items already done (a Done status, a ticked box, `(done)`, "We rotated the
keys") and proposals (items under "Potential action items", or written with
only "could") are skipped, as by every rule about what an open item still
needs (PM401 to PM407).

## Why is this bad?
"IT will handle it" is an action nobody owns (incident handbooks such as
Atlassian's and PagerDuty's give each action one owner): when a group owns an action, each member assumes someone else
has it, and nobody is asked about it at the follow-up review. Two owners are
the same problem in a smaller room.

## Example
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | Platform team | P1 | 2026-04-01 |
| AI-002 | Fix runbook | @dana.kim, @lee.chen | P1 | 2026-04-01 |
```

Use instead:
```markdown
## Action Items
| ID | Action | Owner | Priority | Due |
|----|--------|-------|----------|-----|
| AI-001 | Add pool alert | @dana.kim | P1 | 2026-04-01 |
| AI-002 | Fix runbook | Lee Chen | P1 | 2026-04-01 |
```

## Options
- `banned_owners` (shared setting): owners that are never a person, compared
  case-insensitively without a leading `@` or `the`. Default: the team,
  team, platform team, ops, IT, TBD, TBA, n/a, none, unassigned, someone,
  everyone, on-call, on-call rotation, SRE, devops, engineering, management,
  and one-word functions (backend, infra, security, QA …) that name a
  department as often as a person. Any "… team", "…-team", "… rotation",
  "… squad", "… group" or "… on-call" form is always a group.
- `owner_pattern` (shared setting): a regular expression the whole owner must
  match. Default: an `@handle`, two to four capitalised name words
  (`Dana Kim`, `Ana María López`, `Ludwig van Beethoven`), one given name
  (`Dana`), or a lower-case user name as a tracker or chat spells it (`ianh`,
  `dana.kim`): in a small team a first name or a login is one person. A configured
  pattern runs with a time limit of a quarter second per owner (the `regex`
  engine): a pattern that backtracks without end, such as `^(a+)+$`, is
  reported on the owner where it stalled instead of hanging the check.
- `owners` (shared setting): the roster of people who may own actions
  (handles or names). When non-empty, an owner must be on it and
  `owner_pattern` is not used. Default: empty.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Document, without_history
from pmlint.rules._open_items import open_actions
from pmlint.rules._text import first_line_span
from pmlint.rules.base import Rule, Violation

if TYPE_CHECKING:
    import regex

DEFAULT_BANNED_OWNERS = (
    "the team", "team", "platform team", "ops", "IT", "TBD", "TBA", "TBC", "n/a", "na", "none",
    "unassigned", "unknown", "someone", "somebody", "nobody", "anyone", "everyone", "everybody",
    "all", "we", "us", "on-call", "oncall", "on call", "on-call rotation", "SRE", "devops",
    "engineering", "management", "ops team", "support", "?",
    # functions and departments, which a one-word owner names as often as a person
    "backend", "back-end", "frontend", "front-end", "infra", "infrastructure", "platform", "security",
    "operations", "qa", "product", "design", "data", "network", "networking", "database", "dba",
    "dev", "devs", "developers", "engineers", "admin", "admins", "sysadmin", "sysadmins", "staff",
    "leadership", "legal", "mobile", "web", "owner", "owners", "self", "me",
)
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ſ"
_PARTICLES = "van|von|de|der|den|da|di|du|del|la|le|dos|das|ten|ter|bin|al"
DEFAULT_OWNER_PATTERN = (
    r"@[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?"
    rf"|[{_CAPITAL}][\w'’.-]*(?:\s+(?:(?:{_PARTICLES})\s+)*[{_CAPITAL}][\w'’.-]*){{1,3}}"
    # one given name ("Rasmus") or a user name as a tracker spells it ("ianh", "dana.kim")
    rf"|[{_CAPITAL}][a-zß-öø-ÿ'’-]+|[a-z][a-z0-9._-]{{0,38}}[a-z0-9]"
)

_HANDLE_FIRST = frozenset(string.ascii_letters + string.digits)
_HANDLE_LAST = _HANDLE_FIRST | {"_"}

# The patterns below run only after a cheap look at the owner says they may match.
# Words that make an owner a group wherever they end it ("payments squad", "@web-team").
_GROUP_WORDS = ("team", "teams", "rotation", "squad", "group", "guild", "department", "dept", "tribe",
                "crew", "chapter", "oncall", "on-call")
_GROUP_FORM = lazy_pattern(
    r"(?:^|[\s_./-])(?:" + "|".join(map(re.escape, _GROUP_WORDS)) + r")$|^(?:team|squad)[\s_.-]"
)
_SEPARATORS = lazy_pattern(r"\s*(?:,|;|&|\+|\s/\s|/(?=\s*@)|\band\b|\bor\b)\s*", re.IGNORECASE)
_PARENTHETICAL = lazy_pattern(r"\s*\(([^)]*)\)")
_TEAM_HANDLE = lazy_pattern(r"@[\w.-]+/[\w.-]+")  # GitHub's @org/team
_PLACEHOLDER = lazy_pattern(r"^[\[<{].*[\]>}]$|^[?xX.…]+$")


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    banned_owners: tuple[str, ...] = DEFAULT_BANNED_OWNERS
    owner_pattern: str = DEFAULT_OWNER_PATTERN
    owners: tuple[str, ...] = ()


def _normalise(name: str) -> str:
    """Lower-case, no leading '@' or article: how owners are compared."""
    text = " ".join(name.strip().lower().split()).lstrip("@")
    return re.sub(r"^(?:the|our|a|an)\s+", "", text)


def _clean(owner: str) -> str:
    return without_history(owner).strip().strip("*`").strip()  # a struck-through previous owner is history


@lru_cache(maxsize=32)
def _normalised(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_normalise(name) for name in names)


#: seconds one match of a configured owner_pattern may take: a pattern with nested
#: repetition such as ``^(a+)+$`` backtracks for minutes on a 35-character owner
PATTERN_TIMEOUT = 0.25


@lru_cache(maxsize=1)
def _default_pattern() -> re.Pattern[str]:
    return re.compile(DEFAULT_OWNER_PATTERN)


@lru_cache(maxsize=32)
def _configured(pattern: str) -> regex.Pattern[str]:
    """A configured pattern, compiled by the ``regex`` engine, whose matches take a timeout."""
    import regex  # only a configured owner_pattern needs it

    return regex.compile(pattern)


def _is_handle(owner: str) -> bool:
    r"""Whether the default pattern's first branch, ``@[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9_])?``,
    matches all of ``owner`` (``\w`` is ``str.isalnum()`` or ``_``)."""
    if len(owner) < 2 or owner[0] != "@" or owner[1] not in _HANDLE_FIRST:
        return False
    rest = owner[2:]
    return not rest or (rest[-1] in _HANDLE_LAST and all(c.isalnum() or c in "_.-" for c in rest[:-1]))


def _is_owner(owner: str, pattern: str) -> bool:
    """Whether ``pattern`` matches all of ``owner``.

    An @handle against the default pattern is read without compiling it (its
    second branch starts with a capital letter, never '@'): most owners are handles.
    """
    if pattern != DEFAULT_OWNER_PATTERN:  # raises TimeoutError past PATTERN_TIMEOUT
        return _configured(pattern).fullmatch(owner, timeout=PATTERN_TIMEOUT) is not None
    if owner[:1] == "@":
        return _is_handle(owner)
    return _default_pattern().fullmatch(owner) is not None


def _may_list(owner: str) -> bool:
    """Whether ``owner`` may hold a _SEPARATORS match (exact: no other letter folds to a, n, d, o or r)."""
    if any(mark in owner for mark in ",;&+/"):
        return True
    lowered = owner.lower()
    return "and" in lowered or "or" in lowered


def _problem(owner: str, options: Options) -> str | None:
    """Why ``owner`` is not one accountable person, or None when it is."""
    name = _normalise(owner)
    placeholder = (owner[:1] in "[<{?xX.…" and _PLACEHOLDER().match(owner)) or (
        "/" in owner and _TEAM_HANDLE().fullmatch(owner))
    if name in _normalised(options.banned_owners) or placeholder:
        return "is a group or placeholder, not a named person"
    if (name.endswith(_GROUP_WORDS) or name.startswith(("team", "squad"))) and _GROUP_FORM().search(name):
        return "is a group, not a named person"
    people = [part for part in _SEPARATORS().split(owner) if part.strip()] if _may_list(owner) else [owner]
    if len(people) > 1:
        return f"names {len(people)} people; one person must be accountable"
    if options.owners:
        return None if name in _normalised(options.owners) else "is not in the configured owners roster"
    if _is_owner(owner, options.owner_pattern):
        return None
    if options.owner_pattern == DEFAULT_OWNER_PATTERN:
        return "does not look like a person (expected an @handle or a First Last name)"
    return "does not match owner_pattern"


def _owner_problem(raw: str, options: Options) -> str | None:
    owner = _clean(raw)
    if "(" not in owner:
        return _problem(owner, options)
    main = _PARENTHETICAL().sub("", owner).strip() or owner
    problem = _problem(main, options)
    if problem is None:
        return None
    # "Platform team (Alice Smith)": the person in parentheses is the owner.
    for inner in _PARENTHETICAL().findall(owner):
        if inner.strip() and _problem(inner.strip(), options) is None:
            return None
    return problem


@lru_cache(maxsize=4096)
def _verdict(raw: str, options: Options) -> tuple[str, str] | None:
    """The cleaned owner and its problem, or None: a pure function of the cell (owners repeat)."""
    owner = _clean(raw)
    if not owner.strip(" -—–"):
        return None  # PM401 reports missing owners
    problem = _owner_problem(raw, options)
    return None if problem is None else (owner, problem)


def check(doc: Document, options: Options) -> Iterator[Violation]:
    if options.owner_pattern != DEFAULT_OWNER_PATTERN:  # the default is valid: not compiled before it is needed
        import regex

        try:
            _configured(options.owner_pattern)
        except regex.error as exc:
            yield Violation(first_line_span(doc), f"owner_pattern is not a valid regular expression: {exc}")
            return
    for item in open_actions(doc):
        try:
            verdict = _verdict(item.owner, options) if item.owner else None
        except TimeoutError:  # the rest of this file's owners would take as long each
            yield Violation(
                span=item.span_of("owner"),
                message=f"owner_pattern took more than {PATTERN_TIMEOUT:g} s to match the owner of action item"
                        f" '{item.label}'; owners were not checked from here on",
                suggestion="rewrite owner_pattern without nested repetition such as '(a+)+' or '(a|aa)*'",
            )
            return
        if verdict is None:
            continue
        owner, problem = verdict
        yield Violation(
            span=item.span_of("owner"),
            message=f"owner '{owner}' of action item '{item.label}' {problem}",
            suggestion="name one accountable person, e.g. '@dana.kim'; mention helpers in the action text",
        )


RULE = Rule(
    code="PM402",
    name="owner-not-a-person",
    summary="An action item's owner is a group, a placeholder or several people.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
