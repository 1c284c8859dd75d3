"""The action-items page: every follow-up across incidents — overdue first
(highlighted), then open, then done — with owner, due date, priority and a link
to its incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pmlint.insights import ActionFacts, percent
from pmlint.mkdocs.archive import Archive, Incident, Links
from pmlint.mkdocs.html import Cell, Column, Stat, empty, esc, inline, link, page_body, stat_cards, table

COLUMNS = (  # the first column stays in view when the table scrolls sideways
    Column("Action", "text", "pmlint-col-title"),
    Column("Due", "text", "pmlint-col-date"),
    Column("Owner", "text"),
    Column("Priority", "text"),
    Column("Status", "text"),
    Column("Incident", "text"),
)


def _row(action: ActionFacts, incident: Incident, links: Links, today: dt.date) -> tuple[str, list[Cell]]:
    overdue = action.is_overdue(today)
    due = esc(action.due_text or "–")
    if overdue and action.due is not None:
        days = (today - action.due).days
        due = f'{due} <span class="pmlint-late">{days} day{"s" if days != 1 else ""} late</span>'
    ident = f'<span class="pmlint-id">{esc(action.id)}</span> ' if action.id else ""
    status = action.status or ("done" if action.done else "open")
    href = links.href(incident.src_uri) or ""
    cells = [
        Cell(ident + inline(action.action)),
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


def _section(
    key: str,
    title: str,
    items: Sequence[tuple[ActionFacts, Incident]],
    archive: Archive,
    links: Links,
    note: str,
) -> str:
    heading = f'<h2 id="{key}">{esc(title)} <small class="pmlint-count-label">{len(items)}</small></h2>'
    if not items:
        return heading + empty(note)
    rows = (_row(action, incident, links, archive.today) for action, incident in items)
    return heading + table(COLUMNS, rows, cls=f"pmlint-actions pmlint-actions--{key}")


def _by_due(items: Iterable[tuple[ActionFacts, Incident]]) -> list[tuple[ActionFacts, Incident]]:
    return sorted(items, key=lambda pair: (pair[0].due or dt.date.max, pair[1].src_uri, pair[0].index))


def render_actions(archive: Archive, links: Links) -> str:
    today = archive.today
    pairs = [(action, incident) for incident in archive.incidents for action in incident.facts.actions]
    overdue = _by_due(p for p in pairs if p[0].is_overdue(today))
    still_open = _by_due(p for p in pairs if not p[0].done and not p[0].is_overdue(today))
    done = [p for p in pairs if p[0].done]
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
    blocks += [
        _section("overdue", "Overdue", overdue, archive, links, "Nothing is overdue."),
        _section("open", "Open", still_open, archive, links, "No other open items."),
        _section("done", "Done", done, archive, links, "Nothing done yet."),
    ]
    return page_body(blocks)
