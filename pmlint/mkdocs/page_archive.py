"""The archive index: every incident, newest first, grouped by year.

Without JavaScript it is a plain table per year. ``pmlint.js`` reveals the filter
form (severity, service, year, status, free text), merges the years into one
table and makes the columns sortable; the rows carry ``data-*`` for that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import groupby

from pmlint.insights import human_minutes
from pmlint.mkdocs.archive import PAGE_SIZE, Archive, Incident, Links
from pmlint.mkdocs.html import (
    Cell,
    Column,
    Stat,
    data_attrs,
    deferred,
    empty,
    esc,
    link,
    maybe_inferred,
    page_body,
    severity_badge,
    stat_cards,
    status_badge,
    table,
)

COLUMNS = (  # the first column stays in view when the table scrolls sideways
    Column("Incident", "text", "pmlint-col-title"),
    Column("Date", "text", "pmlint-col-date"),
    Column("Severity", "number"),
    Column("Services", "text"),
    Column("Duration", "number", "pmlint-col-num"),
    Column("Status", "text"),
    Column("Open actions", "number", "pmlint-col-num"),
)


#: one badge per status, not one per row (the badge slugifies the status for its class)
_status_badge = lru_cache(maxsize=256)(status_badge)


def incident_link(incident: Incident, links: Links) -> str:
    href = links.href(incident.src_uri) or ""
    return link(href, esc(incident.facts.title))


def service_links(names: Sequence[str], archive: Archive, links: Links) -> str:
    chips = []
    for name in names:
        uri = archive.service_uri(name)
        href = links.href(uri) if uri else None
        text = esc(name)
        chips.append(link(href, text, "pmlint-chip") if href else f'<span class="pmlint-chip">{text}</span>')
    return " ".join(chips)


def incident_row(incident: Incident, archive: Archive, links: Links) -> tuple[str, list[Cell]]:
    """One archive row: cells plus the data attributes the filters read."""
    facts = incident.facts
    rank = archive.rank(facts.severity)
    date = facts.date.isoformat() if facts.date else ""
    total, open_count = len(facts.actions), facts.open_actions()
    attrs = data_attrs(
        severity=facts.severity,
        services="|".join(facts.services),
        status=facts.status,
        year=date[:4] or "undated",
    )
    actions = f"{open_count} / {total}" if total else "–"
    if open_count:
        actions = f'<span class="pmlint-open">{actions}</span>'
    guessed, minutes = facts.inferred.__contains__, facts.resolve_minutes
    cells = [
        Cell(incident_link(incident, links)),
        Cell(maybe_inferred(f"<time>{esc(date)}</time>", guessed("date")) if date else "–", date or "0000"),
        Cell(maybe_inferred(severity_badge(facts.severity, rank), guessed("severity")), str(rank or 99)),
        Cell(service_links(facts.services, archive, links), " ".join(facts.services)),
        Cell(maybe_inferred(esc(human_minutes(minutes)), guessed("duration") and minutes is not None),
             str(minutes if minutes is not None else -1)),
        Cell(_status_badge(facts.status), facts.status),
        Cell(actions, f"{open_count:05d}{total:05d}"),
    ]
    return attrs, cells


def incidents_table(incidents: Sequence[Incident], archive: Archive, links: Links, caption: str = "") -> str:
    return table(
        COLUMNS, (incident_row(i, archive, links) for i in incidents), cls="pmlint-incidents", caption=caption
    )


def _select(name: str, label: str, values: Sequence[str]) -> str:
    options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
    return (
        f'<label class="pmlint-field"><span>{esc(label)}</span>'
        f'<select data-filter="{name}"><option value="">All</option>{options}</select></label>'
    )


def _filters(archive: Archive) -> str:
    return (
        '<form class="pmlint-filters" data-pmlint-filters hidden role="search" aria-label="Filter incidents"'
        ' autocomplete="off">'
        '<label class="pmlint-field pmlint-field--text"><span>Filter</span>'
        '<input type="search" data-filter="q" placeholder="Title, service, severity…" autocomplete="off">'
        "</label>"
        + _select("severity", "Severity", archive.insights.severities)
        + _select("service", "Service", [s.name for s in archive.services])
        + _select("year", "Year", archive.years)
        + _select("status", "Status", archive.statuses)
        + '<button type="reset" class="pmlint-button pmlint-reset">Clear</button>'
        + '<p class="pmlint-count" aria-live="polite" data-pmlint-count></p></form>'
    )


def _summary(archive: Archive, links: Links) -> str:
    insights = archive.insights
    fu = insights.followups
    parts = [
        Stat("incidents", str(insights.incidents)),
        Stat("services affected", str(len(archive.services))),
        Stat("median time to resolve", human_minutes(insights.overall.resolve.median)),
        Stat(
            "open action items",
            str(fu.open),
            f"{fu.overdue} overdue" if fu.overdue else "",
            "warn" if fu.overdue else "",
        ),
    ]
    nav = []
    for uri, text in (
        (archive.pages.actions, "Action items"),
        (archive.pages.insights, "Insights"),
        (archive.pages.services, "Services"),
        (archive.pages.feed, "Atom feed"),
    ):
        href = links.href(uri) if archive.has_page(uri) else None
        if href:
            nav.append(link(href, esc(text), "pmlint-button"))
    buttons = f'<p class="pmlint-buttons">{" ".join(nav)}</p>' if nav else ""
    return stat_cards(parts) + buttons


def static_pager(label: str, number: int, total: int, href: Callable[[int], str],
                 previous: str = "← Previous", following: str = "Next →") -> str:
    """Plain links to the pages before and after page ``number`` of ``total`` (readers without
    JavaScript; pmlint.js hides them and pages the filtered rows itself)."""
    if total <= 1:
        return ""
    items = []
    if number > 1:
        items.append(link(href(number - 1), esc(previous), "pmlint-button"))
    items.append(f'<span class="pmlint-pager__status">Page {number} of {total}</span>')
    if number < total:
        items.append(link(href(number + 1), esc(following), "pmlint-button"))
    return f'<nav class="pmlint-pager" aria-label="{esc(label)}" data-pmlint-static-pager>{" ".join(items)}</nav>'


def _pager(archive: Archive, links: Links, number: int) -> str:
    pages = archive.pages

    def href(page: int) -> str:
        return links.href(pages.archive if page == 1 else pages.archive_page(page)) or ""

    return static_pager("Archive pages", number, archive.archive_pages, href, "← Newer", "Older →")


def render_archive(archive: Archive, links: Links, number: int = 1, search: str | None = None) -> str:
    """Page ``number`` of the archive: ``PAGE_SIZE`` incidents grouped by year, with the filter
    form and the data file's address for pmlint.js, and links to the other pages. ``search``
    is the href of a Pagefind bundle, whose search box pmlint.js then adds."""
    title = "Incident archive" if number == 1 else f"Incident archive, page {number}"
    blocks = [f'<h1 id="incident-archive">{esc(title)}</h1>']
    if not archive.incidents:
        return page_body([*blocks, empty("No post-mortems yet.")])
    if number == 1:
        blocks.append(_summary(archive, links))
    if search:
        blocks.append(f'<div class="pmlint-pagefind" {data_attrs(pmlint_pagefind=search)} role="search" '
                      'aria-label="Search post-mortems"></div>')
    shown = archive.incidents[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    groups = []
    for year, members in groupby(
        shown, key=lambda i: i.facts.date.isoformat()[:4] if i.facts.date else "Undated"
    ):
        incidents = list(members)
        count = f"{len(incidents)} incident{'s' if len(incidents) != 1 else ''}"
        count = f'<small class="pmlint-count-label">{count}</small>'
        groups.append(
            f'<section class="pmlint-year" data-year="{esc(year)}">'
            f'<h2 id="year-{esc(year.lower())}">{esc(year)} {count}</h2>'
            + incidents_table(incidents, archive, links, f"Incidents in {year}")
            + "</section>"
        )
    if not groups:
        groups.append(empty("No incidents on this page."))
    source = links.href(archive.pages.archive_data) if archive.has_page(archive.pages.archive_data) else None
    view = data_attrs(pmlint_view="archive", src=source or "", page=str(number), page_size=str(PAGE_SIZE))
    pager = _pager(archive, links, number)
    archive_html = f'<div class="pmlint-archive" data-pmlint-archive {view}>' + _filters(archive) + "\n"
    blocks.append(deferred(archive_html + pager + "\n".join(groups) + pager + "</div>"))
    return page_body(blocks)
