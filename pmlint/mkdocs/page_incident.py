"""What the plugin adds to each incident page: a metadata header under the title,
a lint-findings admonition when there are findings, related incidents at the end."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmlint.insights import human_minutes
from pmlint.lint.engine import Finding
from pmlint.mkdocs.archive import Archive, Incident, Links
from pmlint.mkdocs.html import (
    esc,
    inline,
    link,
    maybe_inferred,
    search_text,
    severity_badge,
    slot,
    status_badge,
)
from pmlint.mkdocs.page_archive import service_links

_H1 = re.compile(r"\s*<h1\b[^>]*>.*?</h1>", re.S)
#: left out of the theme's search index (Material reads ``data-search-exclude``) and Pagefind's
NOT_SEARCHED = "data-search-exclude data-pagefind-ignore"


def _item(label: str, value_html: str, cls: str = "") -> str:
    """One fact of the header; Pagefind indexes the value, not the label every page repeats."""
    extra = f" pmlint-meta__item--{cls}" if cls else ""
    return (f'<div class="pmlint-meta__item{extra}"><dt data-pagefind-ignore>{esc(label)}</dt> '
            f"<dd>{value_html}</dd></div>")


def header(incident: Incident, archive: Archive, links: Links) -> str:
    """Severity, date, duration (= time to resolve), services, status, authors, time to
    detect and mitigate, as text so Material's search indexes it."""
    facts = incident.facts
    guessed = facts.inferred.__contains__
    done = sum(1 for a in facts.actions if a.done)
    date = f"<time>{esc(facts.date.isoformat())}</time>" if facts.date else "–"
    items = [
        _item("Severity", maybe_inferred(severity_badge(facts.severity, archive.rank(facts.severity)),
                                         guessed("severity"))),
        _item("Status", status_badge(facts.status)),
        _item("Date", maybe_inferred(date, guessed("date") and facts.date is not None)),
        _item("Duration", maybe_inferred(esc(human_minutes(facts.resolve_minutes)),
                                         guessed("duration") and facts.resolve_minutes is not None)),
        _item("Time to detect", esc(human_minutes(facts.detect_minutes))),
        _item("Time to mitigate", esc(human_minutes(facts.mitigate_minutes))),
        _item("Root cause", esc(facts.category or "–")),
        _item("Action items", f"{done} of {len(facts.actions)} done" if facts.actions else "none"),
        _item("Services", service_links(facts.services, archive, links) or "–", "wide"),
        _item("Authors", esc(", ".join(facts.authors)) or "–", "wide"),
    ]
    back = links.href(archive.pages.archive) if archive.has_page(archive.pages.archive) else None
    crumb = (
        f'<p class="pmlint-crumb" {NOT_SEARCHED}>{link(back, "Incident archive")}</p>' if back else ""
    )
    return (
        f'<div class="pmlint-meta" data-pmlint-incident>{crumb}'
        f'<dl class="pmlint-meta__grid">{" ".join(items)}</dl></div>'
    )


def findings_admonition(findings: Sequence[Finding]) -> str:
    """Closed by default, one line under the header: the post-mortem itself leads the page.
    Material's ``admonition`` classes make it look native there; pmlint.css styles it elsewhere.
    Not searched: search finds post-mortems by what they say, not by what the linter said."""
    errors = sum(1 for f in findings if f.severity == "error")
    kind = "failure" if errors else "warning"
    noun = "finding" if len(findings) == 1 else "findings"
    title = f"pmlint: {len(findings)} lint {noun}" + (
        f" ({errors} error{'s' if errors != 1 else ''})" if errors else ""
    )
    lines = []
    for finding in findings:
        level = esc(finding.severity)
        hint = f' <span class="pmlint-hint">{inline(finding.suggestion)}</span>' if finding.suggestion else ""
        lines.append(
            f'<li><span class="pmlint-where">line {finding.line}</span> '
            f"<code>{esc(finding.code)}</code> "
            f'<span class="pmlint-level pmlint-level--{level}">{level}</span> '
            f"{inline(finding.message)}{hint}</li>"
        )
    level = "error" if errors else "warning"
    return (
        f'<details class="{kind} pmlint-findings pmlint-findings--{level}" {NOT_SEARCHED}>'
        f"<summary>{esc(title)}</summary>"
        f"<ul>{''.join(lines)}</ul></details>"
    )


def related_block(incident: Incident, archive: Archive, links: Links) -> str:
    """Linked post-mortems and others on the same services. Not searched: other incidents'
    titles and services would make a search for a service find every neighbour too."""
    named = archive.related(incident)
    shown = {i.src_uri for i in named} | {incident.src_uri}
    nearby = [i for i in archive.same_service(incident) if i.src_uri not in shown]
    missing = archive.unresolved_related(incident)
    if not named and not nearby and not missing:
        return ""
    parts = []
    if named or missing:
        entries = [_related_item(i, archive, links) for i in named]
        entries += [
            f'<li><span class="pmlint-missing">{esc(name)} (not found in the archive)</span></li>'
            for name in missing
        ]
        parts.append(_related_list("pmlint-related-named", "Linked post-mortems", entries))
    if nearby:
        entries = [_related_item(i, archive, links) for i in nearby]
        parts.append(_related_list("pmlint-related-services", "Same services", entries))
    return (
        f'<section class="pmlint-related-block" {NOT_SEARCHED}><h2 id="related-incidents">Related incidents</h2>'
        + "".join(parts)
        + "</section>"
    )


def _related_list(key: str, title: str, entries: list[str]) -> str:
    return f'<h3 id="{key}">{esc(title)}</h3><ul class="pmlint-related">{"".join(entries)}</ul>'


def _related_item(other: Incident, archive: Archive, links: Links) -> str:
    facts = other.facts
    href = links.href(other.src_uri) or ""
    date = f"<time>{esc(facts.date.isoformat())}</time> " if facts.date else ""
    services = (
        f' <span class="pmlint-muted">{esc(", ".join(facts.services))}</span>' if facts.services else ""
    )
    return (
        f"<li>{date}{severity_badge(facts.severity, archive.rank(facts.severity))} "
        f"{link(href, esc(facts.title))}{services}</li>"
    )


def searchable_summary(incident: Incident) -> str:
    """The header as one line of text: what Material's search indexes in its place."""
    facts = incident.facts
    fields = [
        ("Severity", facts.severity),
        ("Status", facts.status),
        ("Date", facts.date.isoformat() if facts.date else "–"),
        ("Duration", human_minutes(facts.resolve_minutes)),
        ("Services", ", ".join(facts.services) or "–"),
        ("Authors", ", ".join(facts.authors) or "–"),
        ("Root cause", facts.category or "–"),
    ]
    people = dict.fromkeys([*facts.authors, *(a.owner for a in facts.actions if a.owner)])
    if people:
        fields.append(("People", " ".join(search_words(name) for name in people)))
    return "<p>" + " · ".join(f"{label}: {search_text(value)}" for label, value in fields) + "</p>"


_WORD_BREAKS = re.compile(r"[@._/-]+")


def search_words(name: str) -> str:
    """``@priya.nair`` as ``@priya.nair priya.nair priya nair``: search engines split words on
    spaces and hyphens only, so without this, ``priya`` and ``priya.nair`` found nothing."""
    bare = name.lstrip("@")
    parts = [p for p in _WORD_BREAKS.split(bare) if p]
    return " ".join(dict.fromkeys([name, bare, *parts]))


def decorate(
    content: str, incident: Incident, archive: Archive, links: Links, show_findings: bool
) -> tuple[str, list[str]]:
    """The page's HTML with placeholders after its ``<h1>`` (header, findings) and at the
    end (related incidents), and the parts that fill them after search has indexed the page.

    Done on HTML once every page is rendered, so the analysis can run meanwhile. Search
    sees the header as one line of text (severity, services …), not a grid of tags."""
    parts = [header(incident, archive, links)]
    top = [slot(0, searchable_summary(incident))]
    if show_findings and incident.findings:
        top.append(slot(len(parts)))
        parts.append(findings_admonition(incident.findings))
    related = related_block(incident, archive, links)
    tail = ""
    if related:
        tail = f"\n{slot(len(parts))}\n"
        parts.append(related)
    match = _H1.match(content)
    at = match.end() if match else 0
    return f"{content[:at]}\n{chr(10).join(top)}\n{content[at:]}{tail}", parts
