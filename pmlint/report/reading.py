"""What pmlint read from a post-mortem, as plain data (``pmlint show``).

One object per file, in a shape kept stable for scripts::

    {"path", "front_matter": {...},
     "sections": [{"key", "heading", "line"}],
     "timeline": [{"line", "date", "time", "zone", "text"}],
     "whys": [{"line", "question", "answer"}],
     "actions": [{"line", "id", "text", "owner", "due", "priority", "status", "done"}]}

Absent values are None (JSON null). It reads the same document model as the
rules, the TODO sync, stats and the archive, so what it shows is what they see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pmlint.document.model import ActionItem, Document, Section, TimelineEntry, Timestamp, WhyStep

Reading = dict[str, Any]


def _plain(value: object) -> Any:
    """A front-matter value as JSON data: dates as ISO text, anything unknown as text."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _clock(stamp: Timestamp) -> str:
    seconds = f":{stamp.second:02d}" if stamp.second is not None else ""
    return f"{stamp.hour:02d}:{stamp.minute:02d}{seconds}"


def _section(section: Section) -> Reading:
    return {"key": section.key, "heading": section.title, "line": section.span.line}


def _entry(entry: TimelineEntry) -> Reading:
    stamp = entry.time
    return {
        "line": entry.span.line,
        "date": entry.date.isoformat() if entry.date else None,  # its own date or its day heading's
        "time": _clock(stamp) if stamp else None,
        "zone": stamp.zone if stamp else None,
        "text": entry.event,
    }


def _why(step: WhyStep) -> Reading:
    return {"line": step.span.line, "question": step.question or None, "answer": step.answer or None}


def _action(item: ActionItem) -> Reading:
    return {
        "line": item.span.line,
        "id": item.id,
        "text": item.action,
        "owner": item.owner or None,
        "due": item.due or None,
        "priority": item.priority or None,
        "status": item.status or None,
        "done": item.done,
    }


def reading(doc: Document) -> Reading:
    """What pmlint read from ``doc``, in the stable shape above."""
    return {
        "path": doc.path,
        "front_matter": {f.key: _plain(f.value) for f in doc.front_matter.fields},
        "sections": [_section(s) for s in doc.sections],
        "timeline": [_entry(e) for e in doc.timeline],
        "whys": [_why(w) for w in doc.whys],
        "actions": [_action(a) for a in doc.actions],
    }


def _value(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def render_text(readings: Iterable[Reading]) -> str:
    """A readable listing of each file's reading, line numbers first."""
    out: list[str] = []
    for item in readings:
        out.append(item["path"])
        fields = item["front_matter"]
        out.append(f"  front matter: {len(fields)} field(s)")
        out.extend(f"    {key}: {_value(value)}" for key, value in fields.items())
        out.append(f"  sections: {len(item['sections'])}")
        out.extend(f"    {s['line']:>5}  {_value(s['key']):<22} {s['heading']}" for s in item["sections"])
        out.append(f"  timeline: {len(item['timeline'])} entries")
        for e in item["timeline"]:
            when = " ".join(str(part) for part in (e["date"], e["time"], e["zone"]) if part) or "(no time)"
            out.append(f"    {e['line']:>5}  {when:<24} {e['text']}")
        out.append(f"  whys: {len(item['whys'])}")
        for w in item["whys"]:
            out.append(f"    {w['line']:>5}  Q: {_value(w['question'])}")
            out.append(f"           A: {_value(w['answer'])}")
        out.append(f"  actions: {len(item['actions'])}")
        for a in item["actions"]:
            state = "done" if a["done"] else "open"
            out.append(f"    {a['line']:>5}  [{state}] {_value(a['id'])}  {a['text']}")
            out.append(f"           owner: {_value(a['owner'])}  due: {_value(a['due'])}  "
                       f"priority: {_value(a['priority'])}  status: {_value(a['status'])}")
        out.append("")
    return "\n".join(out)
