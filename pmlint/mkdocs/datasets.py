"""The archive and action items as compact JSON, for ``pmlint.js`` to filter, sort and page.

At 10,000 incidents a page holding every row weighs megabytes and a sort moves tens of
thousands of DOM rows. Instead the pages hold one page of rows (the no-JavaScript view)
and the script fetches these files, filters and sorts plain arrays, and renders one page.

Strings are plain text, which the script escapes before it writes them into the page,
except the fragments named ``…HTML`` below, which :mod:`pmlint.mkdocs.html` rendered and
escaped (badges, an action's text with its code spans and links). Repeated values
(severities, statuses, services, owners) are sent once, as tables; rows hold indices into them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from pmlint.insights import human_minutes
from pmlint.mkdocs.archive import STATES, Archive, Incident, Links
from pmlint.mkdocs.html import action_html, esc, severity_badge, status_badge

VERSION = 1
#: an archive row's last field: which values pmlint inferred
INFERRED_BITS = (("date", 1), ("duration", 2), ("severity", 4))


def _table(values: Sequence[str]) -> dict[str, int]:
    return {value: index for index, value in enumerate(values)}


def archive_data(archive: Archive, links: Links, incidents: Sequence[Incident]) -> bytes:
    """One row per incident, newest first: ``[title, href, date, severity, services, duration
    text, duration minutes, status, open actions, all actions, inferred bits]``.
    ``links`` is relative to the JSON file; the script resolves hrefs against its URL."""
    severities = list(archive.insights.severities)
    statuses = archive.statuses
    services = [s.name for s in archive.services]
    sev_index, status_index, service_index = _table(severities), _table(statuses), _table(services)
    rows = []
    for incident in incidents:
        facts = incident.facts
        minutes = facts.resolve_minutes
        rows.append([
            facts.title,
            links.href(incident.src_uri) or "",
            facts.date.isoformat() if facts.date else "",
            sev_index[facts.severity],
            [service_index[name] for name in facts.services if name in service_index],
            human_minutes(minutes),
            -1 if minutes is None else minutes,
            status_index[facts.status],
            facts.open_actions(),
            len(facts.actions),
            sum(bit for name, bit in INFERRED_BITS if name in facts.inferred),
        ])  # fmt: skip
    service_links = []
    for service in archive.services:
        uri = archive.service_uri(service.name)
        service_links.append([service.name, (links.href(uri) or "") if uri else ""])
    data = {
        "v": VERSION,
        # [name, badge HTML, rank]
        "severities": [[s, severity_badge(s, archive.rank(s)), archive.rank(s) or 99] for s in severities],
        "statuses": [[s, status_badge(s)] for s in statuses],  # [name, badge HTML]
        "services": service_links,
        "rows": rows,
    }
    return _dump(data)


def actions_data(archive: Archive, tracker_url: str | None) -> bytes:
    """One row per action item (overdue, open, done; each by due date): ``[action HTML, owner,
    priority, due text, due date, status, state, incident row, days late]``; owner and state
    index the tables sent along, the incident row indexes the archive data's rows."""
    position = {incident.src_uri: index for index, incident in enumerate(archive.incidents)}
    owners = sorted({a.owner for pairs in archive.actions.values() for a, _ in pairs if a.owner})
    owner_index = _table(owners)
    state_index = _table(STATES)
    rows = []
    for state in STATES:
        for action, incident in archive.actions.get(state, ()):
            late = (archive.today - action.due).days if state == "overdue" and action.due else 0
            ident = f'<span class="pmlint-id">{esc(action.id)}</span> ' if action.id else ""
            rows.append([
                ident + action_html(action.action, tracker_url),
                owner_index[action.owner] if action.owner else -1,
                action.priority or "",
                action.due_text or "",
                action.due.isoformat() if action.due else "",
                action.status or ("done" if action.done else "open"),
                state_index[state],
                position[incident.src_uri],
                late,
            ])  # fmt: skip
    return _dump({"v": VERSION, "states": list(STATES), "owners": owners, "rows": rows})


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
