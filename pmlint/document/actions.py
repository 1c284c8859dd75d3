"""Read action items from Action Items sections: tables and list items.

A table whose header names the columns (ID, Action, Owner, Priority, Due,
Status, Verification, Tracking, matched by alias) and a checkbox or bullet
list item carrying ``key: value`` pairs both become an :class:`ActionItem`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from pmlint.document.model import ActionItem, Block, Section, Table, normalise_label
from pmlint.document.source import SourceFile, Span

COLUMN_ALIASES: Mapping[str, frozenset[str]] = {
    "id": frozenset({"id", "#", "no", "ref", "ca", "ai", "ca id", "item id", "key"}),
    "action": frozenset({"action", "actions", "action item", "item", "description", "task",
                         "corrective action", "what", "remediation", "follow-up", "todo"}),
    "owner": frozenset({"owner", "owners", "assignee", "assigned to", "dri", "responsible", "who"}),
    "priority": frozenset({"priority", "prio", "pri", "p", "severity", "importance"}),
    "due": frozenset({"due", "due date", "deadline", "target date", "by", "eta", "target", "when",
                      "date"}),
    "status": frozenset({"status", "state", "done", "progress"}),
    "verification": frozenset({"verification", "success criteria", "verify", "verified by",
                               "acceptance criteria", "how verified", "definition of done",
                               "done when", "validation", "success criterion"}),
    "tracking": frozenset({"tracking", "ticket", "issue", "jira", "link", "tracker", "tracked in"}),
}
_KEY_ALIASES = {
    "owner": "owner", "owners": "owner", "assignee": "owner", "dri": "owner",
    "due": "due", "due date": "due", "deadline": "due", "by": "due",
    "priority": "priority", "prio": "priority",
    "status": "status", "state": "status",
    "verification": "verification", "success criteria": "verification", "verify": "verification",
    "verified by": "verification", "done when": "verification",
    "tracking": "tracking", "ticket": "tracking", "issue": "tracking", "jira": "tracking",
    "ref": "tracking",
}
_PAIR_KEY = re.compile(
    r"(?<![\w/.-])(" + "|".join(sorted((re.escape(k) for k in _KEY_ALIASES), key=len, reverse=True))
    + r")\s*:\s*",
    re.IGNORECASE,
)
_CHECKBOX = re.compile(r"^\[( |x|X)\]\s+")
_ID = re.compile(r"(?:\*\*|`)?(?P<id>[A-Z][A-Z0-9]{0,9}-\d{1,5})(?:\*\*|`)?\s*[:.)\-—–]?\s+")
_MENTION = re.compile(r"(?<![\w.])@[A-Za-z0-9][\w.-]*[A-Za-z0-9_]|(?<![\w.])@[A-Za-z0-9]")
_TRAIL = " \t—–-,;:(_*"
_PRIORITY_WORD = re.compile(r"\b(P[0-4])\b")
#: "**Title**: description" or "**Title:** description"
_BOLD_LEAD = re.compile(r"(?:\*\*|__)(?P<title>[^*_\s][^*_]*?)\s*(?::(?:\*\*|__)|(?:\*\*|__)\s*:)\s+")
#: a plain bullet marked finished: "(done)", "[completed]", "✅"
_DONE_MARK = re.compile(
    r"[(\[]\s*(?P<word>done|completed?|fixed|resolved|shipped|merged)\s*[)\]]|(?P<tick>✅|✔|☑)", re.I
)
#: a plain bullet that reports finished work: "We have added …", "We tweaked …",
#: "The runbook has been updated." ("We need …", "We decided to …" are not done)
_DONE_REPORT = re.compile(
    r"^(?:we|i)(?:\s+have\s+|['’]ve\s+|\s+)(?:already\s+)?(?!need)[a-z]+ed\b(?!\s+to\b)"
    r"|^[^.;:]*\b(?:has|have)\s+(?:already\s+)?been\s+[a-z]+(?:ed|en|wn)[.!\s]*$",
    re.I,
)
#: where a plain bullet points at its ticket: an issue/PR link, "#123", "(OPS-7)", "tracked in OPS-7"
_ISSUE_REF = re.compile(
    r"https?://[^\s<>()\[\]]+/(?:issues|pull|pulls|merge_requests|browse|tickets?|_workitems/edit)/[\w.-]+"
    r"|(?<![\w&/#])#\d+\b"
    r"|(?:(?<=\()|(?<=\[)|(?<=tracked in )|(?<=ticket )|(?<=issue ))"
    r"(?!(?:CVE|CWE|SEV|RFC|ISO)-)[A-Z]{2,10}-\d+\b"
)


def read_actions(source: SourceFile, sections: Iterable[Section]) -> tuple[ActionItem, ...]:
    items: list[ActionItem] = []
    seen: set[int] = set()
    for section in sections:
        if section.key != "action_items":
            continue
        for item in _section_items(source, section, seen):
            items.append(_with_index(item, len(items)))
    return tuple(items)


def _with_index(item: ActionItem, index: int) -> ActionItem:
    from dataclasses import replace

    return replace(item, index=index)


def _section_items(source: SourceFile, section: Section, seen: set[int]) -> Iterator[ActionItem]:
    label_depth: int | None = None
    for block in section.blocks:
        if block.span.line in seen:
            continue
        seen.add(block.span.line)
        if block.kind == "table" and block.table:
            yield from _table_items(block.table)
        elif block.kind == "list_item":
            text = _CHECKBOX.sub("", block.text).strip()
            is_label = text.endswith(":") or (text.startswith("**") and text.endswith("**"))
            if block.depth == 0 and is_label and block.checked is None:
                label_depth = 1
                continue
            if block.depth == 0 or (label_depth is not None and block.depth == label_depth):
                if block.depth == 0:
                    label_depth = None
                yield _list_item(source, block)


def table_columns(table: Table) -> dict[str, int]:
    """Map action fields to column indexes by header alias (first match wins)."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(table.header.cells):
        label = normalise_label(cell.text)
        label = re.sub(r"\s*\([^)]*\)", "", label)
        for name, aliases in COLUMN_ALIASES.items():
            if name not in columns and label in aliases:
                columns[name] = index
                break
    return columns


def _table_items(table: Table) -> Iterator[ActionItem]:
    columns = table_columns(table)
    if "action" not in columns:
        if len(columns) < 2:
            return
        free = next((i for i in range(len(table.header.cells)) if i not in columns.values()), None)
        if free is None:  # "| ID | Owner |": every column is something else, none holds an action
            return
        columns["action"] = free
    for row in table.rows:
        values: dict[str, str] = {}
        spans: list[tuple[str, Span]] = []
        for name, index in columns.items():
            cell = row.cell(index)
            if cell is not None:
                values[name] = cell.text
                spans.append((name, cell.span))
        if not any(v.strip(" .…-") for v in values.values()):
            continue
        yield ActionItem(
            action=values.get("action", ""),
            span=row.span,
            form="table",
            id=values.get("id") or None,
            owner=values.get("owner") or None,
            priority=values.get("priority") or None,
            due=values.get("due") or None,
            status=values.get("status") or None,
            verification=values.get("verification") or None,
            tracking=values.get("tracking") or None,
            field_spans=tuple(spans),
            columns=frozenset(columns),
        )


def _list_item(source: SourceFile, block: Block) -> ActionItem:
    text = block.text.replace("\n", " ")
    line = block.span.line
    raw = source.line(line)
    base = block.span.column - 1  # 0-based column of text[0] on the first line
    cursor = 0
    checkbox_span = None
    box = _CHECKBOX.match(text)
    if box:
        checkbox_span = Span(line, base + 1, line, base + 4)
        cursor = box.end()
    item_id = None
    id_match = _ID.match(text, cursor)
    spans: list[tuple[str, Span]] = []
    if id_match:
        item_id = id_match["id"]
        spans.append(("id", _span_in(line, base, id_match.start("id"), id_match.end("id"), raw)))
        cursor = id_match.end()
    values: dict[str, str] = {}
    keys = list(_PAIR_KEY.finditer(text, cursor))
    action_end = keys[0].start() if keys else len(text)
    for position, key in enumerate(keys):
        name = _KEY_ALIASES[key.group(1).lower()]
        end = keys[position + 1].start() if position + 1 < len(keys) else len(text)
        value = text[key.end() : end].rstrip(_TRAIL + ")").strip()
        if name not in values and value:
            values[name] = value
            spans.append((name, _span_in(line, base, key.end(), key.end() + len(value), raw)))
    action = text[cursor:action_end].rstrip(_TRAIL).strip()
    action_start = cursor
    lead = _BOLD_LEAD.match(text, cursor)
    if lead and lead.end() <= action_end:  # "**Separate node groups**: why" — the bold part is the action
        action, action_start = lead["title"], lead.start("title")
    if "owner" not in values:
        mention = _MENTION.search(text, cursor)
        if mention:
            values["owner"] = mention.group(0)
            spans.append(("owner", _span_in(line, base, mention.start(), mention.end(), raw)))
    if "priority" not in values:
        priority = _PRIORITY_WORD.search(text, cursor)
        if priority:
            values["priority"] = priority.group(1)
    if "tracking" not in values and (ref := _ISSUE_REF.search(text, cursor)):
        values["tracking"] = ref.group(0)
        spans.append(("tracking", _span_in(line, base, ref.start(), ref.end(), raw)))
    if "status" not in values and not box:
        _read_done(text, cursor, values, spans, (line, base, raw))
    spans.append(("action", _span_in(line, base, action_start, action_start + len(action), raw)))
    return ActionItem(
        action=action,
        span=block.span,
        form="checkbox" if box else "bullet",
        id=item_id,
        owner=values.get("owner"),
        priority=values.get("priority"),
        due=values.get("due"),
        status=values.get("status"),
        verification=values.get("verification"),
        tracking=values.get("tracking"),
        checked=block.checked if box else None,
        field_spans=tuple(spans),
        checkbox_span=checkbox_span,
    )


def _read_done(text: str, cursor: int, values: dict[str, str], spans: list[tuple[str, Span]],
               where: tuple[int, int, str]) -> None:
    """A plain bullet's done state from its words: a "(done)" mark or a report of finished work."""
    mark = _DONE_MARK.search(text, cursor)
    if mark:
        group = "word" if mark["word"] else "tick"
        values["status"] = (mark[group] if mark["word"] else "done").lower()
        spans.append(("status", _span_in(*where[:2], mark.start(group), mark.end(group), where[2])))
    elif _DONE_REPORT.match(text[cursor:].strip(" *_")):
        values["status"] = "done"


def _span_in(line: int, base: int, start: int, end: int, raw: str) -> Span:
    """Span of text[start:end] when it lies on the item's first line, else the line."""
    if base + end <= len(raw):
        return Span(line, base + start + 1, line, base + end + 1)
    return Span(line, base + 1, line, len(raw) + 1)
