"""The action-items page: every follow-up across incidents — overdue first
(highlighted), then open, then done — with owner, due date, priority and a link
to its incident. Without JavaScript each state shows its first ``PAGE_SIZE`` items
and links to pages of the rest (:func:`render_action_page`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pmlint.insights import ActionFacts, percent
from pmlint.mkdocs.archive import PAGE_SIZE, STATES, ActionPair, Archive, Incident, Links
from pmlint.mkdocs.html import (
    Cell,
    Column,
    Stat,
    action_html,
    data_attrs,
    deferred,
    empty,
    esc,
    link,
    page_body,
    stat_cards,
    table,
)
from pmlint.mkdocs.page_archive import static_pager

COLUMNS = (  # the first column stays in view when the table scrolls sideways
    Column("Action", "text", "pmlint-col-title"),
    Column("Due", "text", "pmlint-col-date"),
    Column("Owner", "text"),
    Column("Priority", "text"),
    Column("Status", "text"),
    Column("Incident", "text"),
)


def _row(action: ActionFacts, incident: Incident, links: Links, today: dt.date,
         tracker_url: str | None) -> tuple[str, list[Cell]]:
    overdue = action.is_overdue(today)
    due = esc(action.due_text or "–")
    if overdue and action.due is not None:
        days = (today - action.due).days
        due = f'{due} <span class="pmlint-late">{days} day{"s" if days != 1 else ""} late</span>'
    ident = f'<span class="pmlint-id">{esc(action.id)}</span> ' if action.id else ""
    status = action.status or ("done" if action.done else "open")
    href = links.href(incident.src_uri) or ""
    cells = [
        Cell(ident + action_html(action.action, tracker_url)),
        Cell(due, action.due.isoformat() if action.due else "9999"),
        Cell(esc(action.owner or "–")),
        Cell(esc(action.priority or "–"), action.priority or "zz"),
        Cell(esc(status)),
        Cell(
            link(href, esc(incident.facts.title)),
            incident.facts.date.isoformat() if incident.facts.date else "",
        ),
    ]
    attrs = 'class="pmlint-row--overdue"' if overdue else ('class="pmlint-row--done"' if action.done else "")
    return attrs, cells


#: each state's heading, and what its section says when it is empty
SECTIONS = {
    "overdue": ("Overdue", "Nothing is overdue."),
    "open": ("Open", "No other open items."),
    "done": ("Done", "Nothing done yet."),
}


def _rows_table(items: Sequence[ActionPair], state: str, archive: Archive, links: Links,
                tracker_url: str | None) -> str:
    rows = (_row(action, incident, links, archive.today, tracker_url) for action, incident in items)
    return table(COLUMNS, rows, cls=f"pmlint-actions pmlint-actions--{state}")


def _state_pager(archive: Archive, links: Links, state: str, number: int) -> str:
    """Plain links through one state's pages: page 1 is its section of the action-items page."""
    pages = archive.pages

    def href(page: int) -> str:
        if page == 1:
            return links.href(pages.actions, state) or ""
        return links.href(pages.action_page(state, page)) or ""

    label = f"{SECTIONS[state][0]} action items, pages"
    return static_pager(label, number, archive.action_pages.get(state, 1), href)


def _section(state: str, archive: Archive, links: Links, tracker_url: str | None) -> str:
    """A state's first ``PAGE_SIZE`` items (by due date) and links to the rest: what readers
    without JavaScript see."""
    title, note = SECTIONS[state]
    items = archive.actions.get(state, ())
    heading = f'<h2 id="{state}">{esc(title)} <small class="pmlint-count-label">{len(items)}</small></h2>'
    if not items:
        return heading + empty(note)
    pager = _state_pager(archive, links, state, 1)
    return heading + _rows_table(items[:PAGE_SIZE], state, archive, links, tracker_url) + pager


def _select(name: str, label: str, values: Sequence[tuple[str, str]]) -> str:
    options = "".join(f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in values)
    return (
        f'<label class="pmlint-field"><span>{esc(label)}</span>'
        f'<select data-filter="{name}"><option value="">All</option>{options}</select></label>'
    )


def _filters(archive: Archive, pairs: Sequence[ActionPair]) -> str:
    owners = sorted({a.owner for a, _ in pairs if a.owner}, key=str.lower)
    return (
        '<form class="pmlint-filters" data-pmlint-filters hidden role="search" aria-label="Filter action items"'
        ' autocomplete="off">'
        '<label class="pmlint-field pmlint-field--text"><span>Filter</span>'
        '<input type="search" data-filter="q" placeholder="Action, owner, incident…" autocomplete="off">'
        "</label>"
        + _select("state", "State", [(s, s.capitalize()) for s in STATES])
        + _select("owner", "Owner", [(o, o) for o in owners])
        + _select("service", "Service", [(s.name, s.name) for s in archive.services])
        + '<button type="reset" class="pmlint-button pmlint-reset">Clear</button>'
        + '<p class="pmlint-count" aria-live="polite" data-pmlint-count></p></form>'
    )


def render_actions(archive: Archive, links: Links, tracker_url: str | None = None) -> str:
    today = archive.today
    pairs = archive.action_pairs
    fu = archive.insights.followups
    stats = stat_cards(
        [
            Stat("action items", str(fu.total)),
            Stat("done", str(fu.done), percent(fu.completion_rate) + " complete", "good"),
            Stat("open", str(fu.open)),
            Stat("overdue", str(fu.overdue), f"as of {today.isoformat()}", "bad" if fu.overdue else ""),
        ]
    )
    blocks = ['<h1 id="action-items">Action items</h1>', stats]
    if not pairs:
        blocks.append(empty("No action items in any post-mortem yet."))
        return page_body(blocks)
    sections = [_section(state, archive, links, tracker_url) for state in STATES]
    sources = [links.href(uri) if archive.has_page(uri) else None
               for uri in (archive.pages.actions_data, archive.pages.archive_data)]
    view = data_attrs(pmlint_view="actions", src=sources[0] or "", incidents=sources[1] or "",
                      page="1", page_size=str(PAGE_SIZE))
    blocks.append(deferred(f'<div class="pmlint-actions-view" {view}>' + _filters(archive, pairs)
                           + "".join(f'<section class="pmlint-state">{part}</section>' for part in sections)
                           + "</div>"))
    return page_body(blocks)


def action_page_title(state: str, number: int) -> str:
    return f"{SECTIONS[state][0]} action items, page {number}"


def render_action_page(archive: Archive, links: Links, state: str, number: int,
                       tracker_url: str | None = None) -> str:
    """Page ``number`` (from 2) of one state's action items, for readers without JavaScript:
    the next ``PAGE_SIZE`` items by due date, linked to the pages before and after it."""
    items = archive.actions.get(state, ())[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    everything = links.href(archive.pages.actions) or ""
    blocks = [
        f'<h1 id="action-items">{esc(action_page_title(state, number))}</h1>',
        f'<p>{link(everything, "All action items")}, with filters by state, owner and service.</p>',
    ]
    pager = _state_pager(archive, links, state, number)
    listing = _rows_table(items, state, archive, links, tracker_url) if items else empty("No items on this page.")
    blocks.append(deferred(f'<div class="pmlint-actions-view">{pager}{listing}{pager}</div>'))
    return page_body(blocks)
