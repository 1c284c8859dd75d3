"""Metrics across post-mortems: one module shared by ``pmlint stats`` and the MkDocs plugin.

Everything here is a pure function of parsed :class:`Document`s (and an injected
``today``) returning frozen dataclasses; ``Insights.to_dict()`` is JSON-ready.

Definitions (minutes unless noted):

* **time to detect** = ``detected - started``; **time to mitigate** = ``mitigated - started``;
  **time to resolve** (MTTR) = ``resolved - started``, else the front-matter ``duration``.
  The milestones are read by :mod:`pmlint.document.times`, the same reader PM205 uses.
* **time to post-mortem** = calendar days from ``date`` to ``review_date`` (the review
  meeting); incidents without a ``review_date`` are counted as *pending*, whatever their
  status. "On target" means at most 5 business days, a common target in incident
  handbooks (Atlassian's, for one).
* **follow-up completion** = done items / all items; **overdue** = not done and ``due`` before today.
* **repeat incident**: a later incident sharing a service and the ``root_cause_category``
  with an earlier one no more than 90 days before it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmlint.document.model import ActionItem, Document, parse_iso_date
from pmlint.document.times import incident_times
from pmlint.lint.infer import inferred_date, stated_severity

REPEAT_WINDOW_DAYS = 90
POSTMORTEM_TARGET_BUSINESS_DAYS = 5
UNKNOWN = "unknown"


# ------------------------------------------------------------------ per-document facts


@dataclass(frozen=True)
class ActionFacts:
    """One action item with what the reports need, the due date read as a date."""

    incident: str
    index: int
    action: str
    id: str | None
    owner: str | None
    priority: str | None
    due_text: str | None
    due: dt.date | None
    status: str | None
    done: bool
    line: int

    def is_overdue(self, today: dt.date) -> bool:
        return not self.done and self.due is not None and self.due < today


@dataclass(frozen=True)
class IncidentFacts:
    """What insights use from one post-mortem."""

    path: str
    title: str
    date: dt.date | None
    severity: str
    status: str
    services: tuple[str, ...]
    category: str | None
    authors: tuple[str, ...]
    related: tuple[str, ...]
    detect_minutes: int | None
    mitigate_minutes: int | None
    resolve_minutes: int | None
    review_date: dt.date | None
    actions: tuple[ActionFacts, ...]
    #: which of "date", "duration", "severity" were inferred (front matter does not state them)
    inferred: frozenset[str] = frozenset()

    @property
    def postmortem_days(self) -> int | None:
        if self.date is None or self.review_date is None or self.review_date < self.date:
            return None
        return (self.review_date - self.date).days

    def open_actions(self) -> int:
        return sum(1 for action in self.actions if not action.done)


def incident_facts(doc: Document) -> IncidentFacts:
    """Read one document's facts; never raises for odd content. A date, duration or severity
    the front matter lacks is inferred where the document shows it, and named in ``inferred``."""
    times = incident_times(doc)
    listed = doc.front_matter.get
    inferred = set()
    date = doc.date
    if date is None and (read := inferred_date(doc, doc.path.rsplit("/", 1)[-1])) is not None:
        date = read[0]
        inferred.add("date")
    severity = (doc.severity or "").strip()
    if not severity and (stated := stated_severity(doc.source.text)) is not None:
        severity = stated[0]
        inferred.add("severity")
    minutes = times.minutes
    if times.measured_minutes is not None and "timeline" in (times.source("started"), times.source("resolved")):
        inferred.add("duration")
        minutes = minutes or times.stated_minutes or None  # a timeline read as zero minutes says nothing
    return IncidentFacts(
        path=doc.path, title=doc.display_title, date=date, severity=severity or UNKNOWN,
        status=doc.status or UNKNOWN, services=front_matter_list(listed("services")),
        category=doc.meta("root_cause_category") or None, authors=front_matter_list(listed("authors")),
        related=front_matter_list(listed("related")), detect_minutes=times.since_start("detected"),
        mitigate_minutes=times.since_start("mitigated"), resolve_minutes=minutes,
        review_date=_date(listed("review_date")), actions=tuple(_action(doc.path, a) for a in doc.actions),
        inferred=frozenset(inferred),
    )  # fmt: skip


def front_matter_list(value: object) -> tuple[str, ...]:
    """A front-matter list (or comma-separated string) as clean, unique strings."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else [value]
    cleaned = (str(item).strip() for item in items if item is not None)
    return tuple(dict.fromkeys(item for item in cleaned if item))


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_iso_date(str(value)) if isinstance(value, str) else None


def _action(path: str, item: ActionItem) -> ActionFacts:
    due = item.due_date
    return ActionFacts(path, item.index, item.action, item.id, item.owner, item.priority, item.due, due,
                       item.status, item.done, item.span.line)  # fmt: skip


# ------------------------------------------------------------------ aggregate metrics


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    count: int


@dataclass(frozen=True)
class MonthBucket:
    month: str  # YYYY-MM
    counts: tuple[SeverityCount, ...]
    total: int


@dataclass(frozen=True)
class Durations:
    """Summary of a list of durations in minutes."""

    count: int
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class SeverityTimes:
    severity: str
    incidents: int
    detect: Durations
    mitigate: Durations
    resolve: Durations


@dataclass(frozen=True)
class PostmortemDelay:
    count: int
    pending: int
    mean_days: float | None
    median_days: float | None
    on_target: int


@dataclass(frozen=True)
class FollowUps:
    total: int
    done: int
    open: int
    overdue: int
    completion_rate: float | None


@dataclass(frozen=True)
class Ranked:
    name: str
    count: int


@dataclass(frozen=True)
class IncidentRef:
    path: str
    title: str
    date: dt.date | None


@dataclass(frozen=True)
class Repeat:
    service: str
    category: str
    first: IncidentRef
    repeat: IncidentRef
    days_apart: int


@dataclass(frozen=True)
class Insights:
    today: dt.date
    incidents: int
    undated: int
    severities: tuple[str, ...]
    months: tuple[MonthBucket, ...]
    by_severity: tuple[SeverityTimes, ...]
    overall: SeverityTimes
    postmortem: PostmortemDelay
    followups: FollowUps
    categories: tuple[Ranked, ...]
    services: tuple[Ranked, ...]
    repeats: tuple[Repeat, ...]
    repeat_rate: float | None

    def to_dict(self) -> dict[str, object]:
        """Plain JSON types: dates become ISO strings."""
        data: dict[str, object] = _jsonable(dataclasses.asdict(self))  # type: ignore[assignment]
        return data


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def compute_insights(docs: Iterable[Document], today: dt.date) -> Insights:
    return summarize([incident_facts(doc) for doc in docs], today)


def summarize(facts: Sequence[IncidentFacts], today: dt.date) -> Insights:
    """Every metric over already-read incidents."""
    severities = severity_order(f.severity for f in facts)
    repeats = find_repeats(facts)
    repeated = {item.repeat.path for item in repeats}
    return Insights(
        today=today, incidents=len(facts), undated=sum(1 for f in facts if f.date is None),
        severities=severities, months=_months(facts, severities),
        by_severity=tuple(_times(sev, [f for f in facts if f.severity == sev]) for sev in severities),
        overall=_times("all", list(facts)), postmortem=_postmortem(facts),
        followups=followups([a for f in facts for a in f.actions], today),
        categories=_ranked(f.category for f in facts if f.category),
        services=_ranked(service for f in facts for service in f.services),
        repeats=repeats, repeat_rate=len(repeated) / len(facts) if facts else None,
    )  # fmt: skip


def severity_order(severities: Iterable[str]) -> tuple[str, ...]:
    """SEV-1 before SEV-2 before SEV-10 (digits compared as numbers); unknown last."""

    def key(name: str) -> tuple[bool, list[object]]:
        parts: list[object] = [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", name)]
        return name == UNKNOWN, parts

    return tuple(sorted(set(severities), key=key))


def _months(facts: Sequence[IncidentFacts], severities: tuple[str, ...]) -> tuple[MonthBucket, ...]:
    """Every month from the first incident to the last, empty months included."""
    per_month: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for item in facts:
        if item.date is not None:
            per_month[(item.date.year, item.date.month)][item.severity] += 1
    if not per_month:
        return ()
    (year, month), last = min(per_month), max(per_month)
    buckets = []
    while (year, month) <= last:
        counts = per_month.get((year, month), Counter())
        row = tuple(SeverityCount(s, counts[s]) for s in severities)
        buckets.append(MonthBucket(f"{year:04d}-{month:02d}", row, sum(counts.values())))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(buckets)


def durations(values: Iterable[int | float | None]) -> Durations:
    present = [v for v in values if v is not None]
    if not present:
        return Durations(0, None, None)
    return Durations(len(present), round(statistics.fmean(present), 1), float(statistics.median(present)))


def _times(severity: str, facts: Sequence[IncidentFacts]) -> SeverityTimes:
    return SeverityTimes(severity, len(facts), durations(f.detect_minutes for f in facts),
                         durations(f.mitigate_minutes for f in facts),
                         durations(f.resolve_minutes for f in facts))  # fmt: skip


def _postmortem(facts: Sequence[IncidentFacts]) -> PostmortemDelay:
    delays = [(f.date, f.review_date) for f in facts if f.postmortem_days is not None]
    summary = durations((review - date).days for date, review in delays if date and review)
    target = POSTMORTEM_TARGET_BUSINESS_DAYS
    on_target = sum(1 for date, review in delays if date and review and business_days(date, review) <= target)
    return PostmortemDelay(summary.count, len(facts) - summary.count, summary.mean, summary.median, on_target)


def business_days(start: dt.date, end: dt.date) -> int:
    """Weekdays after ``start`` up to and including ``end``."""
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    for offset in range(1, extra + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def followups(actions: Sequence[ActionFacts], today: dt.date) -> FollowUps:
    done = sum(1 for action in actions if action.done)
    overdue = sum(1 for action in actions if action.is_overdue(today))
    rate = round(done / len(actions), 4) if actions else None
    return FollowUps(len(actions), done, len(actions) - done, overdue, rate)


def _ranked(names: Iterable[str]) -> tuple[Ranked, ...]:
    counts = Counter(names)
    return tuple(
        Ranked(name, count) for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def find_repeats(facts: Sequence[IncidentFacts], window_days: int = REPEAT_WINDOW_DAYS) -> tuple[Repeat, ...]:
    """Pairs (earlier, later) with a shared service and category at most ``window_days`` apart.

    Each later incident is paired with its nearest earlier match per service, so a
    chain of five incidents gives four repeats, not ten.
    """
    groups: dict[tuple[str, str], list[IncidentFacts]] = defaultdict(list)
    for item in facts:
        if item.date is not None and item.category:
            for service in item.services:
                groups[(service, item.category)].append(item)
    found = []
    for (service, category), members in groups.items():
        members.sort(key=lambda f: (f.date or dt.date.min, f.path))
        for earlier, later in itertools.pairwise(members):
            assert earlier.date is not None and later.date is not None
            gap = (later.date - earlier.date).days
            if gap <= window_days:
                found.append(Repeat(service, category, _ref(earlier), _ref(later), gap))
    found.sort(key=lambda r: (r.repeat.date or dt.date.min, r.service), reverse=True)
    return tuple(found)


def _ref(item: IncidentFacts) -> IncidentRef:
    return IncidentRef(item.path, item.title, item.date)


def human_minutes(value: float | None) -> str:
    """``223.9`` -> ``3h 44m``; ``1500`` -> ``1d 1h``; None -> an en dash."""
    if value is None:
        return "–"
    total = round(value)
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m"


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"
