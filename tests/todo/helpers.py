"""Builders shared by the sync-todo tests: post-mortem texts and an in-memory sync."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from pmlint.document.parse import parse
from pmlint.document.source import SourceFile
from pmlint.todo.sync import PostMortem, SyncOutcome, decoded, sync

TODAY = dt.date(2026, 4, 15)

TABLE = """\
| ID | Action | Owner | Priority | Due | Status |
|----|--------|-------|----------|-----|--------|
| AI-001 | Add alert for DB pool > 80% | @dana | P1 | 2026-04-01 | Open |
| AI-002 | Write runbook for pool exhaustion | @li.wei | P2 | 2026-05-01 | Done |
| AI-003 | Set per-role connection limits | @sam | P2 | 2026-04-20 | In progress |
"""

CHECKLIST = """\
- [ ] Add queue age alert — owner: @ravi, due: 2026-03-01, priority: P1
- [x] Autoscale workers on queue age — owner: @kofi, due: 2026-02-01, priority: P0
- [ ] Split worker pools — owner: @kofi, due: 2026-06-01, priority: P3, status: Open
"""


def postmortem(actions: str = TABLE, title: str = "DB pool exhausted", date: str = "2026-03-10",
               severity: str = "SEV-2") -> str:
    return f"""---
title: "{title}"
date: {date}
severity: {severity}
status: final
authors: ["@dana"]
---

# {title}

## Summary

The orders database refused connections for 40 minutes.

## Action Items

{actions}
## Lessons Learned

- Pool limits belong in reviewed configuration.
"""


def incidents(docs: Mapping[str, str | bytes], whole: bool = False) -> list[PostMortem]:
    """Incidents as ``pmlint sync-todo`` holds them (``Incident.kept``), or with the whole document."""
    found = []
    for ref, text in docs.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        doc = parse(SourceFile.from_bytes(ref, data))
        found.append(PostMortem(ref, doc, ref) if whole else PostMortem.kept(ref, doc, ref))
    return found


def todo_source(text: str | bytes | None) -> SourceFile | None:
    if text is None:
        return None
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SourceFile.from_bytes("TODO.md", data)


def run(todo: str | bytes | None, docs: Mapping[str, str | bytes], today: dt.date = TODAY,
        unreadable: Sequence[str] = (), keep: Callable[[str], bool] = lambda ref: False) -> SyncOutcome:
    return sync(todo_source(todo), incidents(docs), today, unreadable, keep)


def text(outcome: SyncOutcome) -> str:
    return decoded(outcome.todo)


def applied(docs: Mapping[str, str | bytes], outcome: SyncOutcome) -> dict[str, str | bytes]:
    """The post-mortems after the outcome's write-backs (same type as given)."""
    result = dict(docs)
    for ref, data in outcome.documents.items():
        result[ref] = data if isinstance(docs[ref], bytes) else data.decode("utf-8")
    return result


def block_of(todo_text: str) -> list[str]:
    lines = todo_text.split("\n")
    start = lines.index("<!-- pmlint:todo:start -->")
    end = lines.index("<!-- pmlint:todo:end -->")
    return lines[start : end + 1]


def item_line(todo_text: str, item_id: str, ref: str | None = None) -> str:
    for line in todo_text.split("\n"):
        is_item = line.startswith(("- [ ] ", "- [x] ")) and line[6:].split(" ", 1)[0] == item_id
        if is_item and (ref is None or line.endswith(f"_(ref: {ref})_")):
            return line
    raise AssertionError(f"no line for {item_id}")


def toggle(todo_text: str, item_id: str, ref: str | None = None) -> str:
    line = item_line(todo_text, item_id, ref)
    flipped = line.replace("- [ ] ", "- [x] ", 1) if line.startswith("- [ ] ") else line.replace(
        "- [x] ", "- [ ] ", 1)
    return todo_text.replace(line, flipped, 1)
