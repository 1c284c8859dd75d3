"""An Atom feed (RFC 4287) of new and updated post-mortems: ``<prefix>/feed.xml``.

An entry's ``updated`` is the last commit that touched the post-mortem when the docs are
in a git repository (one ``git log`` for the whole folder), else the latest of its
incident and review dates; ``published`` is the incident date. Feed readers need
absolute links, so the feed is written only when ``site_url`` is set.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pmlint.insights import human_minutes
from pmlint.mkdocs.archive import Archive, Incident

#: entries in the feed, most recently updated first
FEED_SIZE = 50
_GIT_TIMEOUT_S = 30


def last_commits(folder: Path) -> dict[Path, dt.datetime]:
    """The last commit time of every file under ``folder``, from one ``git log``; empty when
    git is missing, the folder is not in a repository, or git fails."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--relative", "--", "."],
            cwd=folder, capture_output=True, timeout=_GIT_TIMEOUT_S, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    found: dict[Path, dt.datetime] = {}
    when: dt.datetime | None = None
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("\0"):
            try:
                when = dt.datetime.fromisoformat(line[1:].strip())
            except ValueError:
                when = None
        elif line and when is not None:
            found.setdefault((folder / line).resolve(), when)  # newest first: keep the first seen
    return found


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)


def updated_at(incident: Incident, commits: Mapping[Path, dt.datetime], source: Path | None) -> dt.datetime | None:
    committed = commits.get(source.resolve()) if source is not None else None
    if committed is not None:
        return committed
    days = [day for day in (incident.facts.date, incident.facts.review_date) if day is not None]
    return _midnight(max(days)) if days else None


def _summary(incident: Incident) -> str:
    facts = incident.facts
    parts = [facts.severity, facts.status]
    if facts.services:
        parts.append(", ".join(facts.services))
    if facts.resolve_minutes is not None:
        parts.append(f"resolved in {human_minutes(facts.resolve_minutes)}")
    return " · ".join(parts)


def render_feed(archive: Archive, site_url: str, page_urls: Mapping[str, str],
                sources: Mapping[str, Path], title: str) -> bytes:
    """The feed's XML; ``page_urls`` maps src_uri to the page's URL path in the site."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    folders = {path.parent for path in sources.values()}
    commits: dict[Path, dt.datetime] = {}
    for folder in sorted(folders):
        commits.update(last_commits(folder))
    dated: list[tuple[dt.datetime, Incident]] = []
    for incident in archive.incidents:
        when = updated_at(incident, commits, sources.get(incident.src_uri))
        if when is not None:
            dated.append((when, incident))
    dated.sort(key=lambda pair: (pair[0], pair[1].src_uri), reverse=True)
    newest = dated[0][0] if dated else _midnight(archive.today)
    archive_url = base + page_urls.get(archive.pages.archive, "")
    entries = [_entry(when, incident, base + page_urls.get(incident.src_uri, ""))
               for when, incident in dated[:FEED_SIZE]]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title>"
        f"<id>{escape(archive_url)}</id>"
        f"<link rel=\"alternate\" href={quoteattr(archive_url)}/>"
        f"<link rel=\"self\" href={quoteattr(base + page_urls.get(archive.pages.feed, ''))}/>"
        f"<updated>{newest.isoformat()}</updated>"
        "<generator>pmlint</generator>"
        + "".join(entries)
        + "</feed>\n"
    ).encode("utf-8")


def _entry(when: dt.datetime, incident: Incident, url: str) -> str:
    facts = incident.facts
    published = f"<published>{_midnight(facts.date).isoformat()}</published>" if facts.date else ""
    authors = "".join(f"<author><name>{escape(name)}</name></author>" for name in facts.authors) or (
        "<author><name>unknown</name></author>"
    )
    return (
        f"<entry><title>{escape(facts.title)}</title><id>{escape(url)}</id>"
        f"<link rel=\"alternate\" href={quoteattr(url)}/>"
        f"<updated>{when.isoformat()}</updated>{published}{authors}"
        f"<summary>{escape(_summary(incident))}</summary></entry>"
    )
