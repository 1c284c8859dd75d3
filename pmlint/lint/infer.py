"""Front matter inferred for a post-mortem that has none (``pmlint adopt``, and the archive's
"inferred" values).

Most existing archives have no pmlint front matter. Each value is read from
the document or the repository, never made up, and is marked for review:

- ``title``: the first heading;
- ``date``: a date in the file name, else the first dated timeline entry, else
  the first date written in the text;
- ``severity``: only where the text states one (``SEV-2``, ``Severity: 1``);
- ``services``: only where a label names them (``Affected services: a, b``);
- ``status``: ``final`` (an archived post-mortem is finished);
- ``authors``: the author of the file's first git commit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmlint.document.model import Document
from pmlint.document.timeline import read_day_anywhere

#: what marks each inferred value, as a YAML comment on its line
MARK = "# inferred: review"

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_SEVERITY = re.compile(r"\b(?:sev(?:erity)?(?:\s+level)?)[\s:*_-]*([0-5])\b", re.I)
_SERVICES = re.compile(r"^[\s*_>-]*(?:affected\s+services?|services?\s+affected|services?)\s*[*_]*\s*:\s*[*_]*\s*(.+)$",
                       re.I | re.M)


@dataclass(frozen=True)
class Inferred:
    """One inferred front-matter field and where it came from."""

    key: str
    value: object
    source: str


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_in_name(name: str) -> dt.date | None:
    for pattern in (_ISO, _COMPACT):
        for match in pattern.finditer(name):
            found = _date(*match.groups())
            if found:
                return found
    return None


def _first_timeline_date(doc: Document) -> dt.date | None:
    return next((entry.date for entry in doc.timeline if entry.date is not None), None)


def _services(text: str) -> list[str]:
    match = _SERVICES.search(text)
    if not match:
        return []
    names = re.split(r"\s*(?:,|;|\band\b)\s*", re.sub(r"[`*_]", "", match.group(1)))
    return [name.strip(" .") for name in names if name.strip(" .") and len(name) <= 60]


def inferred_date(doc: Document, file_name: str) -> tuple[dt.date, str] | None:
    """The incident's date and where it was read: the file name, else the first dated
    timeline entry, else the first date written in the text (``adopt`` and the archive)."""
    named = _date_in_name(file_name)
    if named:
        return named, "the file name"
    timeline = _first_timeline_date(doc)
    if timeline:
        return timeline, "the first timeline date"
    written = read_day_anywhere(doc.source.text)
    return (written, "the first date in the text") if written else None


def stated_severity(text: str) -> tuple[str, str] | None:
    """``SEV-2`` and the words that state it (``SEV2``, ``Sev 2``, ``Severity: 2``), else None."""
    match = _SEVERITY.search(text)
    return (f"SEV-{match.group(1)}", match.group(0).strip()) if match else None


def infer(doc: Document, file_name: str, authors: Sequence[str]) -> list[Inferred]:
    """The front-matter fields that can be read for ``doc``, in pmlint's field order."""
    found: list[Inferred] = []
    title = doc.title or next((s.title for s in doc.sections), None)
    if title:
        found.append(Inferred("title", title, "the first heading"))
    date = inferred_date(doc, file_name)
    if date:
        found.append(Inferred("date", *date))
    severity = stated_severity(doc.source.text)
    if severity:
        found.append(Inferred("severity", severity[0], f"'{severity[1]}' in the text"))
    found.append(Inferred("status", "final", "an archived post-mortem"))
    if authors:
        found.append(Inferred("authors", list(authors), "the file's first git commit"))
    services = _services(doc.source.text)
    if services:
        found.append(Inferred("services", services, "a services label in the text"))
    return found


def _yaml_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)  # JSON strings and lists are valid YAML


def front_matter_block(fields: Sequence[Inferred]) -> str:
    """A YAML front-matter block with every value marked for review."""
    lines = ["---", *(f"{f.key}: {_yaml_value(f.value)}  {MARK}" for f in fields), "---", ""]
    return "\n".join(lines)
