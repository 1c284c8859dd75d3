"""Front matter values have the documented types and formats.

## What it does
Checks each recognised front matter value, at the value:

- `date`, `review_date`: a strict ISO date, `YYYY-MM-DD`;
- `severity`: one of the configured scale (default `SEV-1` … `SEV-4`);
- `status`: one of the configured statuses (default `draft`, `in-review`,
  `final`; case does not matter);
- `authors`: a non-empty list of strings (a single string is reported with
  the list to write instead); `services`, `tags`, `related`: lists of strings;
- `duration`: a duration such as `4h23m`, `45m` or `1d2h`;
- `started`, `detected`, `mitigated`, `resolved`: a zero-padded `HH:MM` or an
  ISO datetime `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` (pmlint reads the text as
  written: YAML alone would turn `09:15` into the number 555);
- `root_cause_category`: one of the configured categories (by default
  code-defect, configuration-error, capacity-insufficient, dependency-failure,
  process-gap, operational-error, design-flaw, monitoring-gap);
- `title`, `incident_commander`, `timezone`: single values, not lists;
- `pmlint`: a mapping whose `ignore` names known rules;
- a key written twice (YAML silently keeps only the last value).

Close misspellings get a "did you mean" suggestion.

## Why is this bad?
A value in the wrong shape is worse than a missing one: it looks filled in,
but the archive cannot sort by a `10/03/2026` date, insights cannot group
`Sev2` with `SEV-2`, and MTTR cannot be computed from a `9.15` timestamp.

## Example
```markdown
---
title: "Payment outage"
date: 10/03/2026
severity: Sev 2
status: done
authors: "@dana.kim"
started: "9:15"
---
```

Use instead:
```markdown
---
title: "Payment outage"
date: 2026-03-10
severity: SEV-2
status: final
authors: ["@dana.kim"]
started: "09:15"
---
```

## Options
- `severity_scale` (shared setting): the allowed severities, in order.
  Default: SEV-1, SEV-2, SEV-3, SEV-4.
- `statuses` (shared setting): the allowed statuses. Default: draft,
  in-review, final.
- `root_cause_categories` (shared setting): the allowed categories. Default:
  code-defect, configuration-error, capacity-insufficient,
  dependency-failure, process-gap, operational-error, design-flaw,
  monitoring-gap.
- `allow_seconds` (shared setting): also accept `HH:MM:SS` times. Default: false.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from pmlint.document.fields import (
    DEFAULT_ROOT_CAUSE_CATEGORIES,
    DEFAULT_SEVERITY_SCALE,
    DEFAULT_STATUSES,
    FIELDS,
    MILESTONES,
)
from pmlint.document.model import Document, Field, parse_iso_date
from pmlint.document.times import read_duration
from pmlint.rules._catalogue import selects
from pmlint.rules.base import Rule, Violation

_CLOCK = re.compile(r"^(?P<h>\d{1,2})[:.h](?P<m>\d{2})(?::(?P<s>\d{2}))?$")
_ISO_DATETIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})T(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?P<zone>Z|[+-]\d{2}:\d{2})?$"
)
_DATE_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%B %d %Y",
                 "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%d.%m.%Y")
_LIST_FIELDS = tuple(spec.key for spec in FIELDS if spec.kind == "list")
_SINGLE_FIELDS = tuple(spec.key for spec in FIELDS if spec.kind == "text")

Problem = tuple[str, str | None]  # message, suggestion


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    severity_scale: tuple[str, ...] = DEFAULT_SEVERITY_SCALE
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    root_cause_categories: tuple[str, ...] = DEFAULT_ROOT_CAUSE_CATEGORIES
    allow_seconds: bool = False


def _text(item: Field) -> str:
    """The value as written (``raw`` keeps ``09:15`` a time, not 555)."""
    if item.raw is not None:
        return item.raw.strip()
    return "" if item.value is None else str(item.value).strip()


def _is_scalar(item: Field) -> bool:
    return not isinstance(item.value, (list, dict, tuple, set))


def _quoted_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _did_you_mean(text: str, allowed: tuple[str, ...], fuzzy: bool = True) -> str | None:
    """The allowed value ``text`` most likely meant, if any is close."""
    squashed = {_squash(choice): choice for choice in allowed}
    if _squash(text) in squashed:
        return squashed[_squash(text)]
    digits = re.sub(r"\D", "", text)
    by_digits = [choice for choice in allowed if digits and re.sub(r"\D", "", choice) == digits]
    if len(by_digits) == 1:
        return by_digits[0]
    if not fuzzy:  # 'SEV-X' is a placeholder, not a typo of 'SEV-1'
        return None
    import difflib  # only when suggesting

    close = difflib.get_close_matches(text.lower(), [c.lower() for c in allowed], n=1, cutoff=0.6)
    if close:
        return next(choice for choice in allowed if choice.lower() == close[0])
    return None


def _one_of(
    item: Field, key: str, allowed: tuple[str, ...], exact_case: bool, fuzzy: bool = True
) -> Problem | None:
    text = str(item.value).strip() if isinstance(item.value, str) else _text(item)
    if not _is_scalar(item):
        return f"'{key}' must be a single value, one of: {', '.join(allowed)}", None
    matches = text in allowed if exact_case else text.lower() in {a.lower() for a in allowed}
    if matches:
        return None
    guess = _did_you_mean(text, allowed, fuzzy)
    if guess:
        return f"'{key}' is '{text}': did you mean '{guess}'?", f"write {key}: {guess}"
    return f"'{key}' is '{text}', not one of: {', '.join(allowed)}", None


def _check_date(item: Field, options: Options) -> Problem | None:
    if not _is_scalar(item):
        return f"'{item.key}' must be a date (YYYY-MM-DD), not a list or mapping", None
    text = _text(item)
    if parse_iso_date(text):
        return None
    guess = next((d for d in (_try_date(text, fmt) for fmt in _DATE_FORMATS) if d), None)
    hint = f"write it as '{guess.isoformat()}'" if guess else "write it as YYYY-MM-DD, e.g. 2026-03-10"
    return f"'{item.key}' is '{text}', not an ISO date (YYYY-MM-DD)", hint


def _try_date(text: str, fmt: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, fmt).date()
    except ValueError:
        return None


def _check_severity(item: Field, options: Options) -> Problem | None:
    return _one_of(item, "severity", options.severity_scale, exact_case=True, fuzzy=False)


def _check_status(item: Field, options: Options) -> Problem | None:
    return _one_of(item, "status", options.statuses, exact_case=False)


def _check_category(item: Field, options: Options) -> Problem | None:
    return _one_of(item, "root_cause_category", options.root_cause_categories, exact_case=True)


def _split_people(text: str) -> list[str]:
    return [part.strip() for part in re.split(r",|;|\band\b|&", text) if part.strip()]


def _check_list(item: Field, options: Options) -> Problem | None:
    value, key = item.value, item.key
    if isinstance(value, str):
        parts = _split_people(value) if key == "authors" else [p.strip() for p in value.split(",")]
        listed = _quoted_list([p for p in parts if p] or [value])
        return f"'{key}' must be a list, not a single string", f"write {key}: {listed}"
    if not isinstance(value, list):
        return f"'{key}' must be a list of strings, not {type(value).__name__}", None
    bad = [entry for entry in value if not isinstance(entry, str) or not entry.strip()]
    if bad:
        shown = json.dumps(bad[0], default=str)
        return f"every entry of '{key}' must be a non-empty string; found {shown}", "quote the entry"
    return None


def _check_duration(item: Field, options: Options) -> Problem | None:
    text = _text(item)
    if _is_scalar(item) and read_duration(text) is not None and not _CLOCK.match(text):
        return None  # '1:30' reads as 90 minutes, but looks like a clock time: asked as '1h30m'
    clock = _CLOCK.match(text)
    hint = "write hours and minutes, e.g. '4h23m', '45m' or '1d2h'"
    if clock and not clock["s"]:
        hint = f"write '{int(clock['h'])}h{clock['m']}m'"
    elif text.isdigit():
        hint = f"write '{text}m' if that is minutes"
    return f"'duration' is '{text}', not a duration like '4h23m'", hint


def _valid_clock(hour: str, minute: str, second: str | None) -> bool:
    return int(hour) < 24 and int(minute) < 60 and int(second or 0) < 60


def _valid_datetime(text: str) -> bool:
    iso = _ISO_DATETIME.match(text)
    return bool(iso and parse_iso_date(iso["date"]) and _valid_clock(iso["h"], iso["m"], iso["s"]))


def _check_time(item: Field, options: Options) -> Problem | None:
    if not _is_scalar(item):
        return f"'{item.key}' must be a time (HH:MM), not a list or mapping", None
    return _time_problem(item.key, _text(item), options.allow_seconds)


@lru_cache(maxsize=4096)
def _time_problem(key: str, text: str, allow_seconds: bool) -> Problem | None:
    """What is wrong with a time field's text (a pure function: times repeat across files)."""
    if _valid_datetime(text):
        return None
    if " " in text and _valid_datetime(text.replace(" ", "T", 1)):
        return (f"'{key}' is '{text}', not an ISO datetime",
                f"write \"{text.replace(' ', 'T', 1)}\" (a 'T' between date and time)")
    clock = _CLOCK.match(text)
    if clock and _valid_clock(clock["h"], clock["m"], clock["s"]):
        padded = f"{int(clock['h']):02d}:{clock['m']}"
        exact = text == padded or (allow_seconds and text == f"{padded}:{clock['s']}")
        if exact:
            return None
        if clock["s"]:
            return f"'{key}' is '{text}': seconds are not allowed (HH:MM)", f"write \"{padded}\""
        return f"'{key}' is '{text}', not a zero-padded HH:MM time", f"write \"{padded}\""
    return (f"'{key}' is '{text}', not a time (HH:MM) or ISO datetime (YYYY-MM-DDTHH:MM)",
            'write e.g. "09:15" or "2026-03-10T09:15Z"')


def _check_single(item: Field, options: Options) -> Problem | None:
    if _is_scalar(item):
        return None
    return f"'{item.key}' must be a single value, not a list or mapping", None


def _check_pmlint(item: Field, options: Options) -> Problem | None:
    if not isinstance(item.value, dict):
        return "'pmlint' must be a mapping, e.g. pmlint: {ignore: [PM406]}", None
    ignore = item.value.get("ignore", [])
    selectors = [ignore] if isinstance(ignore, str) else ignore
    if not isinstance(selectors, list):
        return "'pmlint.ignore' must be a list of rule codes or names", "write pmlint: {ignore: [PM406]}"
    unknown = [str(s) for s in selectors if not selects(str(s))]
    if unknown:
        return f"'pmlint.ignore' names unknown rule '{unknown[0]}'", "run 'pmlint rules' for the codes"
    return None


_CHECKS: dict[str, Callable[[Field, Options], Problem | None]] = {
    "date": _check_date,
    "review_date": _check_date,
    "severity": _check_severity,
    "status": _check_status,
    "authors": _check_list,
    **{key: _check_list for key in _LIST_FIELDS},
    "duration": _check_duration,
    **{key: _check_time for key in MILESTONES},
    "root_cause_category": _check_category,
    **{key: _check_single for key in _SINGLE_FIELDS},
    "pmlint": _check_pmlint,
}


def _duplicates(doc: Document) -> Iterator[Violation]:
    first_seen: dict[str, Field] = {}
    for item in doc.front_matter.fields:
        earlier = first_seen.setdefault(item.key, item)
        if earlier is not item:
            yield Violation(
                span=item.key_span,
                message=f"'{item.key}' is set twice (first on line {earlier.key_span.line}); "
                "YAML keeps only the last value",
                suggestion="remove one of the two lines",
            )


def check(doc: Document, options: Options) -> Iterator[Violation]:
    front_matter = doc.front_matter
    if front_matter.kind == "none" or front_matter.error:
        return
    for item in front_matter.fields:
        validate = _CHECKS.get(item.key)
        empty = item.value is None or (isinstance(item.value, str) and not item.value.strip())
        if validate is None or empty:
            continue  # empty values are PM003's business
        problem = validate(item, options)
        if problem:
            yield Violation(span=item.value_span, message=problem[0], suggestion=problem[1])
    yield from _duplicates(doc)


RULE = Rule(
    code="PM004",
    name="invalid-field-value",
    summary="A front matter value has the wrong type or format.",
    check=check,
    options=Options,
    doc=__doc__ or "",
)
