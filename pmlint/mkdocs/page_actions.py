"""The action-items page: every follow-up across incidents — overdue first
(highlighted), then open, then done — with owner, due date, priority and a link
to its incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pmlint.insights import ActionFacts, percent
from pmlint.mkdocs.archive import PAGE_SIZE, Archive, Incident, Links
from pmlint.mkdocs.datasets import STATES, action_pairs, action_state
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


def _section(key: str, title: str, items: Sequence[tuple[ActionFacts, Incident]], archive: Archive,
             links: Links, note: str, tracker_url: str | None) -> str:
    """A state's first ``PAGE_SIZE`` items (by due date): what readers without JavaScript see."""
    heading = f'<h2 id="{key}">{esc(title)} <small class="pmlint-count-label">{len(items)}</small></h2>'
    if not items:
        return heading + empty(note)
    shown = items[:PAGE_SIZE]
    rows = (_row(action, incident, links, archive.today, tracker_url) for action, incident in shown)
    more = ""
    if len(items) > len(shown):
        more = (f'<p class="pmlint-more" data-pmlint-static-pager>The first {len(shown)} of {len(items)}; '
                "each post-mortem and service page lists its own.</p>")
    return heading + table(COLUMNS, rows, cls=f"pmlint-actions pmlint-actions--{key}") + more


def _select(name: str, label: str, values: Sequence[tuple[str, str]]) -> str:
    options = "".join(f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in values)
    return (
        f'<label class="pmlint-field"><span>{esc(label)}</span>'
        f'<select data-filter="{name}"><option value="">All</option>{options}</select></label>'
    )


def _filters(archive: Archive, pairs: Sequence[tuple[ActionFacts, Incident]]) -> str:
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
    pairs = action_pairs(archive)
    by_state: dict[str, list[tuple[ActionFacts, Incident]]] = {state: [] for state in STATES}
    for pair in pairs:
        by_state[action_state(pair[0], archive)].append(pair)
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
    sections = [
        _section("overdue", "Overdue", by_state["overdue"], archive, links, "Nothing is overdue.", tracker_url),
        _section("open", "Open", by_state["open"], archive, links, "No other open items.", tracker_url),
        _section("done", "Done", by_state["done"], archive, links, "Nothing done yet.", tracker_url),
    ]
    sources = [links.href(uri) if archive.has_page(uri) else None
               for uri in (archive.pages.actions_data, archive.pages.archive_data)]
    view = data_attrs(pmlint_view="actions", src=sources[0] or "", incidents=sources[1] or "",
                      page="1", page_size=str(PAGE_SIZE))
    blocks.append(deferred(f'<div class="pmlint-actions-view" {view}>' + _filters(archive, pairs)
                           + "".join(f'<section class="pmlint-state">{part}</section>' for part in sections)
                           + "</div>"))
    return page_body(blocks)
