"""One page per service (its incidents and open action items) and an index of services."""

from __future__ import annotations

import urllib.parse

from pmlint.insights import durations, human_minutes
from pmlint.mkdocs.archive import Archive, Links, Service
from pmlint.mkdocs.html import (
    Cell,
    Column,
    Stat,
    empty,
    esc,
    inline,
    link,
    page_body,
    search_text,
    stat_cards,
    table,
)
from pmlint.mkdocs.page_archive import incidents_table

#: rows a service page lists of each kind; the archive and action-items pages filter the rest
SHOWN = 50


def _filtered_link(archive: Archive, links: Links, uri: str, query: str, text: str) -> str:
    href = links.href(uri) if archive.has_page(uri) else None
    return f'<p class="pmlint-more">{link(href + query, esc(text))}</p>' if href else ""


def _open_items(service: Service, archive: Archive, links: Links) -> str:
    pairs = [(a, i) for i in service.incidents for a in i.facts.actions if not a.done]
    if not pairs:
        return '<h2 id="open-action-items">Open action items</h2>' + empty("No open action items.")
    pairs.sort(key=lambda p: (p[0].due.isoformat() if p[0].due else "9999", p[1].src_uri, p[0].index))
    total = len(pairs)
    pairs = pairs[:SHOWN]
    columns = [
        Column("Action", "text", "pmlint-col-title"),
        Column("Due", "text", "pmlint-col-date"),
        Column("Owner"),
        Column("Priority"),
        Column("Incident"),
    ]
    rows = []
    for action, incident in pairs:
        overdue = action.is_overdue(archive.today)
        href = links.href(incident.src_uri) or ""
        ident = f'<span class="pmlint-id">{esc(action.id)}</span> ' if action.id else ""
        rows.append(
            (
                'class="pmlint-row--overdue"' if overdue else "",
                [
                    Cell(ident + inline(action.action)),
                    Cell(
                        esc(action.due_text or "–")
                        + (' <span class="pmlint-late">overdue</span>' if overdue else ""),
                        action.due.isoformat() if action.due else "9999",
                    ),
                    Cell(esc(action.owner or "–")),
                    Cell(esc(action.priority or "–")),
                    Cell(link(href, esc(incident.facts.title))),
                ],
            )
        )
    count = f'<small class="pmlint-count-label">{total}</small>'
    more = ""
    if total > len(pairs):
        query = "?" + urllib.parse.urlencode({"service": service.name})
        more = _filtered_link(archive, links, archive.pages.actions, query,
                              f"All {total} action items of {service.name} →")
    return f'<h2 id="open-action-items">Open action items {count}</h2>' + table(columns, rows) + more


def render_service(service: Service, archive: Archive, links: Links) -> str:
    incidents = service.incidents
    resolve = durations(i.facts.resolve_minutes for i in incidents)
    detect = durations(i.facts.detect_minutes for i in incidents)
    latest = incidents[0].facts.date if incidents else None
    open_count = sum(i.facts.open_actions() for i in incidents)
    more = ""
    if len(incidents) > SHOWN:
        query = "?" + urllib.parse.urlencode({"service": service.name})
        more = _filtered_link(archive, links, archive.pages.archive, query,
                              f"All {len(incidents)} incidents of {service.name} →")
    back = links.href(archive.pages.services) if archive.has_page(archive.pages.services) else None
    crumb = f'<p class="pmlint-crumb" data-search-exclude>{link(back, "All services")}</p>' if back else ""
    blocks = [
        f'{crumb}<h1 id="service">{search_text(service.name)} <small class="pmlint-kind">service</small></h1>',
        stat_cards(
            [
                Stat("incidents", str(len(incidents))),
                Stat("latest", latest.isoformat() if latest else "–"),
                Stat("MTTD", human_minutes(detect.mean), "mean time to detect"),
                Stat("MTTR", human_minutes(resolve.mean), "mean time to resolve"),
                Stat("open action items", str(open_count), tone="warn" if open_count else ""),
            ]
        ),
        '<h2 id="incidents">Incidents</h2>' + incidents_table(incidents[:SHOWN], archive, links) + more,
        _open_items(service, archive, links),
    ]
    return page_body(blocks)


def render_services_index(archive: Archive, links: Links) -> str:
    blocks = ['<h1 id="services">Services</h1>']
    if not archive.services:
        return page_body([*blocks, empty("No post-mortem names a service yet.")])
    columns = [
        Column("Service"),
        Column("Incidents", "number", "pmlint-col-num"),
        Column("Latest", "text", "pmlint-col-date"),
        Column("MTTR", "number", "pmlint-col-num"),
        Column("Open actions", "number", "pmlint-col-num"),
    ]
    rows = []
    for service in archive.services:
        href = links.href(archive.pages.service(service.slug))
        name = link(href, esc(service.name)) if href else esc(service.name)
        latest = service.incidents[0].facts.date
        mttr = durations(i.facts.resolve_minutes for i in service.incidents).mean
        open_count = sum(i.facts.open_actions() for i in service.incidents)
        rows.append(
            (
                "",
                [
                    Cell(name, service.name.lower()),
                    Cell(str(len(service.incidents)), str(len(service.incidents))),
                    Cell(latest.isoformat() if latest else "–", latest.isoformat() if latest else ""),
                    Cell(esc(human_minutes(mttr)), str(mttr if mttr is not None else -1)),
                    Cell(str(open_count), str(open_count)),
                ],
            )
        )
    intro = f'<p class="pmlint-intro">{len(archive.services)} services named in post-mortems.</p>'
    return page_body([*blocks, intro + table(columns, rows, cls="pmlint-services")])
