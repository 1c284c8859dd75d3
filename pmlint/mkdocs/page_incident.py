"""What the plugin adds to each incident page: a metadata header under the title,
a lint-findings admonition when there are findings, related incidents at the end."""

from __future__ import annotations

from collections.abc import Sequence

from pmlint.insights import human_minutes
from pmlint.lint import Finding
from pmlint.mkdocs.archive import Archive, Incident, Links
from pmlint.mkdocs.html import esc, inline, link, severity_badge, status_badge
from pmlint.mkdocs.page_archive import service_links


def _item(label: str, value_html: str, cls: str = "") -> str:
    extra = f" pmlint-meta__item--{cls}" if cls else ""
    return f'<div class="pmlint-meta__item{extra}"><dt>{esc(label)}</dt> <dd>{value_html}</dd></div>'


def header(incident: Incident, archive: Archive, links: Links) -> str:
    """Severity, date, duration (= time to resolve), services, status, authors, time to
    detect and mitigate, as text so Material's search indexes it."""
    facts = incident.facts
    done = sum(1 for a in facts.actions if a.done)
    items = [
        _item("Severity", severity_badge(facts.severity, archive.rank(facts.severity))),
        _item("Status", status_badge(facts.status)),
        _item("Date", f"<time>{esc(facts.date.isoformat())}</time>" if facts.date else "–"),
        _item("Duration", esc(human_minutes(facts.resolve_minutes))),
        _item("Time to detect", esc(human_minutes(facts.detect_minutes))),
        _item("Time to mitigate", esc(human_minutes(facts.mitigate_minutes))),
        _item("Root cause", esc(facts.category or "–")),
        _item("Action items", f"{done} of {len(facts.actions)} done" if facts.actions else "none"),
        _item("Services", service_links(facts.services, archive, links) or "–", "wide"),
        _item("Authors", esc(", ".join(facts.authors)) or "–", "wide"),
    ]
    back = links.href(archive.pages.archive) if archive.has_page(archive.pages.archive) else None
    crumb = (
        f'<p class="pmlint-crumb" data-search-exclude>{link(back, "Incident archive")}</p>' if back else ""
    )
    return (
        f'<div class="pmlint-meta" data-pmlint-incident>{crumb}'
        f'<dl class="pmlint-meta__grid">{" ".join(items)}</dl></div>'
    )


def findings_admonition(findings: Sequence[Finding]) -> str:
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
    return (
        f'<div class="admonition {kind} pmlint-findings"><p class="admonition-title">{esc(title)}</p>'
        f"<ul>{''.join(lines)}</ul></div>"
    )


def related_block(incident: Incident, archive: Archive, links: Links) -> str:
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
        '<section class="pmlint-related-block"><h2 id="related-incidents">Related incidents</h2>'
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


def decorate(markdown: str, incident: Incident, archive: Archive, links: Links, show_findings: bool) -> str:
    """Insert the header (and findings) after the page's H1, related incidents at the end."""
    lines = markdown.split("\n")
    at = _after_title(lines)
    inserted = ["", header(incident, archive, links), ""]
    if show_findings and incident.findings:
        inserted += [findings_admonition(incident.findings), ""]
    related = related_block(incident, archive, links)
    tail = ["", "", related, ""] if related else []
    return "\n".join([*lines[:at], *inserted, *lines[at:], *tail])


def _after_title(lines: list[str]) -> int:
    """Index just after a leading ATX or setext H1, else 0 (the theme adds the title)."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and lines[index].startswith("# "):
        return index + 1
    if index + 1 < len(lines) and lines[index].strip() and set(lines[index + 1].strip()) == {"="}:
        return index + 2
    return 0
