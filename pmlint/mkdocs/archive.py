"""The archive the plugin renders: incidents with facts and findings, services,
generated page locations and links between pages. Built once per build in
``on_files``; every lookup here is a dict or a bisect, so the build stays linear."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from mkdocs.utils import get_relative_url

from pmlint.insights import ActionFacts, IncidentFacts, Insights, summarize
from pmlint.lint.engine import Finding
from pmlint.mkdocs.html import slugify


@dataclass(frozen=True)
class Incident:
    src_uri: str
    facts: IncidentFacts
    findings: tuple[Finding, ...] = ()

    @property
    def sort_key(self) -> tuple[int, str]:
        """Newest first, then by path."""
        return (-(self.facts.date.toordinal() if self.facts.date else 0), self.src_uri)


@dataclass(frozen=True)
class Service:
    name: str
    slug: str
    incidents: tuple[Incident, ...]  # newest first


@dataclass(frozen=True)
class PageUris:
    """Where the generated pages live (``src_uri``s relative to ``docs_dir``)."""

    prefix: str

    def _join(self, name: str) -> str:
        return posixpath.join(self.prefix, name) if self.prefix else name

    @property
    def archive(self) -> str:
        return self._join("index.md")

    @property
    def actions(self) -> str:
        return self._join("action-items.md")

    @property
    def insights(self) -> str:
        return self._join("insights.md")

    @property
    def services(self) -> str:
        return self._join("services/index.md")

    def service(self, slug: str) -> str:
        return self._join(f"services/{slug}.md")

    def archive_page(self, number: int) -> str:
        """Page ``number`` (from 2) of the archive, for readers without JavaScript."""
        return self._join(f"page/{number}.md")

    def is_archive_page(self, uri: str) -> bool:
        return uri.startswith(self._join("page/"))

    def action_page(self, state: str, number: int) -> str:
        """Page ``number`` (from 2) of one state's action items, for readers without JavaScript
        (page 1 is that state's section of the action-items page)."""
        return self._join(f"action-items/{state}/{number}.md")

    def is_action_page(self, uri: str) -> bool:
        return uri.startswith(self._join("action-items/"))

    @property
    def archive_data(self) -> str:
        return self._join("pmlint-archive.json")

    @property
    def actions_data(self) -> str:
        return self._join("pmlint-actions.json")

    @property
    def feed(self) -> str:
        return self._join("feed.xml")

    def is_service_page(self, uri: str) -> bool:
        return uri.startswith(self._join("services/")) and uri != self.services


@lru_cache(maxsize=16_384)
def _relative_url(url: str, other: str) -> str:
    """MkDocs' relative URL, remembered: the same page is linked from many tables."""
    return get_relative_url(url, other)


@dataclass(frozen=True)
class Links:
    """Relative hrefs from one page, from a ``src_uri -> url`` table of the site's files."""

    urls: Mapping[str, str]
    here: str

    def href(self, src_uri: str, anchor: str = "") -> str | None:
        target = self.urls.get(src_uri)
        if target is None:
            return None
        relative = _relative_url(target, self.urls.get(self.here, self.here))
        return relative + (f"#{anchor}" if anchor else "")

    def to_url(self, url: str) -> str:
        """A relative href to a site URL that is not a file MkDocs knows (``pagefind/``)."""
        return _relative_url(url, self.urls.get(self.here, self.here))

    def at(self, here: str) -> Links:
        return Links(self.urls, here)


@dataclass(frozen=True)
class Archive:
    incidents: tuple[Incident, ...]
    insights: Insights
    services: tuple[Service, ...]
    pages: PageUris
    generated: frozenset[str]
    archive_pages: int = 1
    #: every action item with its incident, per state (STATES), each by due date
    actions: Mapping[str, tuple[ActionPair, ...]] = field(default_factory=dict)
    action_pages: Mapping[str, int] = field(default_factory=dict)  # state -> pages (1: none beyond the main one)
    by_uri: Mapping[str, Incident] = field(default_factory=dict)
    by_service: Mapping[str, Service] = field(default_factory=dict)
    ranks: Mapping[str, int] = field(default_factory=dict)
    _related: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _unresolved: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.insights.today

    @cached_property
    def years(self) -> tuple[str, ...]:
        """The years incidents happened in, newest first ("undated" last): the archive's year filter."""
        found = {i.facts.date.isoformat()[:4] if i.facts.date else "undated" for i in self.incidents}
        return tuple(sorted(found, reverse=True))

    @cached_property
    def statuses(self) -> tuple[str, ...]:
        return tuple(sorted({i.facts.status for i in self.incidents}))

    @property
    def action_pairs(self) -> tuple[ActionPair, ...]:
        """Every action item: overdue first, then open, then done; each by due date."""
        return tuple(pair for state in STATES for pair in self.actions.get(state, ()))

    def rank(self, severity: str) -> int | None:
        return self.ranks.get(severity)

    def has_page(self, src_uri: str) -> bool:
        return src_uri in self.generated

    def service_uri(self, name: str) -> str | None:
        return self._service_uris.get(name)

    @cached_property
    def _service_uris(self) -> dict[str, str]:
        """Service name -> its page, for the services that have one (every row's chips ask)."""
        pages = {service.name: self.pages.service(service.slug) for service in self.services}
        return {name: uri for name, uri in pages.items() if self.has_page(uri)}

    def related(self, incident: Incident) -> tuple[Incident, ...]:
        """Front-matter ``related`` both ways: what it names and what names it."""
        return tuple(self.by_uri[uri] for uri in self._related.get(incident.src_uri, ()))

    def unresolved_related(self, incident: Incident) -> tuple[str, ...]:
        """``related`` entries that name no incident in the archive."""
        return self._unresolved.get(incident.src_uri, ())

    def same_service(self, incident: Incident, limit: int = 5) -> tuple[Incident, ...]:
        """Up to ``limit`` other incidents sharing a service, nearest in date first."""
        candidates: dict[str, Incident] = {}
        for name in incident.facts.services:
            service = self.by_service.get(name)
            if service is None:
                continue
            members = service.incidents
            position = bisect.bisect_left(_SortKeys(members), incident.sort_key)
            for other in members[max(0, position - limit) : position + limit + 1]:
                if other.src_uri != incident.src_uri:
                    candidates.setdefault(other.src_uri, other)
        day = incident.facts.date.toordinal() if incident.facts.date else 0
        ordered = sorted(
            candidates.values(),
            key=lambda o: (abs((o.facts.date.toordinal() if o.facts.date else 0) - day), o.src_uri),
        )
        return tuple(ordered[:limit])


class _SortKeys(Sequence[tuple[int, str]]):
    """A lazy view of sort keys so bisect needs no list copy per lookup."""

    def __init__(self, members: tuple[Incident, ...]) -> None:
        self.members = members

    def __len__(self) -> int:
        return len(self.members)

    def __getitem__(self, index: int) -> tuple[int, str]:  # type: ignore[override]
        return self.members[index].sort_key


@dataclass(frozen=True)
class Plan:
    """Decided in ``on_files``, before any post-mortem is analysed: which pages exist."""

    pages: PageUris
    slugs: Mapping[str, str]  # service name -> page slug
    generated: frozenset[str]  # src_uris of the pages the plugin writes
    skipped: frozenset[str] = frozenset()  # wanted, but the site has its own page there
    archive_pages: int = 1  # pages of the archive index (PAGE_SIZE incidents each)
    action_pages: Mapping[str, int] = field(default_factory=dict)  # state -> pages (PAGE_SIZE items each)


#: rows per page of the archive and the action items (the rest is paged, or rendered by pmlint.js)
PAGE_SIZE = 100


def page_count(rows: int) -> int:
    return max(1, -(-rows // PAGE_SIZE))


def plan_pages(pages: PageUris, wanted: frozenset[str], services: Iterable[str],
               taken: Callable[[str], bool], incidents: int = 0, feed: bool = False) -> Plan:
    """Page locations for the wanted kinds; a page the site already has (``taken``) is left to it."""
    slugs = plan_slugs(services)
    uris = set()
    for kind, uri in (("archive", pages.archive), ("actions", pages.actions), ("insights", pages.insights),
                      ("services", pages.services)):
        if kind in wanted:
            uris.add(uri)
    if "archive" in wanted:
        uris.add(pages.archive_data)
        if feed:
            uris.add(pages.feed)
    if "actions" in wanted:
        uris.add(pages.actions_data)
    archive_pages = page_count(incidents) if "archive" in wanted else 1
    uris.update(pages.archive_page(number) for number in range(2, archive_pages + 1))
    if "services" in wanted:
        uris.update(pages.service(slug) for slug in slugs.values())
    skipped = frozenset(uri for uri in uris if taken(uri))
    return Plan(pages, slugs, frozenset(uris) - skipped, skipped, archive_pages)


def plan_action_pages(plan: Plan, counts: Mapping[str, int], taken: Callable[[str], bool]) -> Plan:
    """``plan`` with the pages of each state's action items beyond the first ``PAGE_SIZE``
    (known only once the post-mortems are read); none when the site has its own action-items page."""
    if plan.pages.actions not in plan.generated:
        return plan
    uris = {plan.pages.action_page(state, number)
            for state, count in counts.items() for number in range(2, page_count(count) + 1)}
    skipped = frozenset(uri for uri in uris if taken(uri))
    return dataclasses.replace(plan, generated=plan.generated | (uris - skipped), skipped=plan.skipped | skipped,
                               action_pages={state: page_count(count) for state, count in counts.items()})


def plan_slugs(names: Iterable[str]) -> dict[str, str]:
    """A unique, URL-safe slug per service name ("index" is the services index)."""
    used: set[str] = set()
    slugs = {}
    for name in sorted(set(names), key=lambda n: (n.lower(), n)):
        slug = base = slugify(name)
        counter = 2
        while slug in used or slug == "index":
            slug, counter = f"{base}-{counter}", counter + 1
        used.add(slug)
        slugs[name] = slug
    return slugs


#: action states in the order the action-items page lists them
STATES = ("overdue", "open", "done")
ActionPair = tuple[ActionFacts, Incident]


def action_state(action: ActionFacts, today: dt.date) -> str:
    if action.done:
        return "done"
    return "overdue" if action.is_overdue(today) else "open"


def actions_by_state(incidents: Iterable[Incident], today: dt.date) -> dict[str, tuple[ActionPair, ...]]:
    """Every action item with its incident, per state; each state by due date (undated last),
    then file and position."""
    grouped: dict[str, list[ActionPair]] = {state: [] for state in STATES}
    for incident in incidents:
        for action in incident.facts.actions:
            grouped[action_state(action, today)].append((action, incident))
    return {
        state: tuple(sorted(pairs, key=lambda p: (p[0].due is None, p[0].due or dt.date.min, p[1].src_uri,
                                                  p[0].index)))
        for state, pairs in grouped.items()
    }


def build_archive(incidents: Sequence[Incident], today: dt.date, plan: Plan,
                  actions: Mapping[str, tuple[ActionPair, ...]] | None = None) -> Archive:
    """Sort, group by service, resolve ``related`` and compute insights once (``actions``:
    :func:`actions_by_state` of the incidents, when the caller already has it)."""
    ordered = tuple(sorted(incidents, key=lambda i: i.sort_key))
    insights = summarize([i.facts for i in ordered], today)
    grouped: dict[str, list[Incident]] = defaultdict(list)
    for incident in ordered:
        for name in incident.facts.services:
            grouped[name].append(incident)
    services = tuple(
        Service(name, plan.slugs.get(name, slugify(name)), tuple(grouped[name]))
        for name in sorted(grouped, key=lambda n: (n.lower(), n))
    )
    by_uri = {i.src_uri: i for i in ordered}
    related, unresolved = _resolve_related(ordered, by_uri)
    return Archive(
        incidents=ordered,
        insights=insights,
        services=services,
        pages=plan.pages,
        generated=plan.generated,
        archive_pages=plan.archive_pages,
        actions=actions if actions is not None else actions_by_state(ordered, today),
        action_pages=plan.action_pages,
        by_uri=by_uri,
        by_service={s.name: s for s in services},
        ranks={name: index + 1 for index, name in enumerate(insights.severities) if name != "unknown"},
        _related=related,
        _unresolved=unresolved,
    )


def _resolve_related(
    incidents: Sequence[Incident], by_uri: Mapping[str, Incident]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Front-matter ``related`` entries as src_uris (relative to the file, else by file
    name), linked both ways; plus the entries that name nothing."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for uri in by_uri:
        name = posixpath.basename(uri)
        by_name[name].append(uri)
        by_name[posixpath.splitext(name)[0]].append(uri)
    links: dict[str, dict[str, None]] = defaultdict(dict)
    unresolved: dict[str, tuple[str, ...]] = {}
    for incident in incidents:
        folder = posixpath.dirname(incident.src_uri)
        missing = []
        for entry in incident.facts.related:
            target = _find(entry, folder, by_uri, by_name)
            if target is None:
                missing.append(entry)
            elif target != incident.src_uri:
                links[incident.src_uri][target] = None
                links[target][incident.src_uri] = None
        if missing:
            unresolved[incident.src_uri] = tuple(missing)
    return {uri: tuple(targets) for uri, targets in links.items()}, unresolved


def _find(
    entry: str, folder: str, by_uri: Mapping[str, Incident], by_name: Mapping[str, list[str]]
) -> str | None:
    cleaned = entry.strip().split("#", 1)[0]
    candidate = posixpath.normpath(posixpath.join(folder, cleaned))
    if candidate in by_uri:
        return candidate
    if f"{candidate}.md" in by_uri:
        return f"{candidate}.md"
    matches = by_name.get(posixpath.basename(cleaned), [])
    return matches[0] if len(matches) == 1 else None
