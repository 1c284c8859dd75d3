"""``pmlint sync-todo``: keep TODO.md's managed block true to the post-mortems, both ways.

Pure logic, no file system: :func:`sync` takes TODO.md and the parsed
post-mortems and returns the bytes to write. For each item it compares three
states: the checkbox (what the person wants), the strike/status shown in the
line (what the post-mortem said at the last sync) and the post-mortem now.
Only the side that changed since the last sync is followed; when both changed
and disagree, the post-mortem wins and a note says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Literal

from pmlint.document.model import ActionItem, Document, normalise_label, parse_iso_date
from pmlint.document.parse import DEFAULT_SETTINGS
from pmlint.document.sections import ParseSettings
from pmlint.document.source import SourceFile
from pmlint.todo.block import (
    EMPTY_NOTE,
    END_MARKER,
    NOTICE,
    START_MARKER,
    ItemLine,
    ItemSpec,
    ManagedBlock,
    TodoError,
    clean,
    find_block,
    render_heading,
    render_item,
    unclosed_fence,
)
from pmlint.todo.writeback import LineEdit, WriteBack, apply_edits, original_text, plan_write_back, split_lines
from pmlint.workspace.files import line_end_style

NEW_FILE_HEADING = "# TODO\n\n"
SECTION_HEADING = "## Post-mortem action items"
_EXPLICIT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,39}")
_LEADING_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
HASH_LENGTH = 6


@dataclass(frozen=True)
class PostMortem:
    """A parsed post-mortem; ``ref`` is its path relative to TODO.md's folder."""

    ref: str
    document: Document
    display: str = ""

    @classmethod
    def kept(cls, ref: str, document: Document, display: str = "") -> PostMortem:
        """An incident holding only what a sync reads: front matter, title, action items
        and the source (for write-backs). Sections, timeline and whys are half of a parsed
        document's memory, and sync-todo holds every post-mortem until TODO.md is written
        (2,000 files: 152 MB peak with them, 95 MB without)."""
        return cls(ref, replace(document, sections=(), timeline=(), whys=()), display)


@dataclass(frozen=True)
class Note:
    path: str
    line: int
    message: str
    level: Literal["info", "warning"] = "warning"


@dataclass(frozen=True)
class Stats:
    incidents: int = 0
    items: int = 0
    open: int = 0
    overdue: int = 0
    done: int = 0


@dataclass(frozen=True)
class SyncOutcome:
    todo: bytes
    documents: Mapping[str, bytes]  # ref -> new bytes, only for changed post-mortems
    notes: tuple[Note, ...]
    stats: Stats


# -- stable IDs ---------------------------------------------------------------


def normalise_action(text: str) -> str:
    """The action text reduced to what a person means by it (see docs/todo.md)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[*_`~]", "", text).casefold()
    return " ".join(text.split()).rstrip(" .;:")


def action_hash(text: str) -> str:
    """Six letters from SHA-256 of the normalised action text (letters only: no ``#123`` autolinks)."""
    number = int.from_bytes(hashlib.sha256(normalise_action(text).encode("utf-8")).digest()[:8], "big")
    letters = []
    for _ in range(HASH_LENGTH):
        number, digit = divmod(number, len(_LETTERS))
        letters.append(_LETTERS[digit])
    return "".join(letters)


def explicit_id(item: ActionItem) -> str | None:
    """The item's own ID when it is a single token usable in a TODO line."""
    text = (item.id or "").strip().strip("*`").strip()
    return text if _EXPLICIT_ID.fullmatch(text) else None


def item_ids(doc: Document) -> tuple[str, ...]:
    """The ID shown for each action item: its own if unique in the file, else ``#hash``."""
    given = [explicit_id(item) for item in doc.actions]
    counts = Counter(value for value in given if value)
    seen: Counter[str] = Counter()
    ids = []
    for item, value in zip(doc.actions, given, strict=True):
        if value and counts[value] == 1:
            ids.append(value)
            continue
        base = "#" + action_hash(item.action)
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return tuple(ids)


def qualified_id(path: str, item_id: str) -> str:
    """A repo-wide ID: ``2026-03-10-db-pool#kqzvbt`` for derived IDs, else the item's own."""
    return PurePosixPath(path).stem + item_id if item_id.startswith("#") else item_id


def status_label(item: ActionItem) -> str | None:
    """The post-mortem's status worth showing for an open item ("In progress", "Blocked")."""
    if item.done or not item.status or not any(ch.isalnum() for ch in item.status):
        return None
    return None if normalise_label(item.status) == "open" else item.status


# -- the sync -----------------------------------------------------------------


@dataclass
class _State:
    checked: bool
    done: bool
    label: str | None


@dataclass
class _Group:
    date: dt.date | None
    ref: str
    lines: list[str]


@dataclass
class _Run:
    todo_name: str
    today: dt.date
    settings: ParseSettings
    lines_by_key: dict[tuple[str, str], list[ItemLine]]
    notes: list[Note] = field(default_factory=list)
    edits: dict[str, list[LineEdit]] = field(default_factory=lambda: defaultdict(list))
    used: set[tuple[str, str]] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)
    refusal: Callable[[str], str | None] = lambda ref: None

    def warn(self, line: int, message: str) -> None:
        """A warning about a line of TODO.md."""
        self.notes.append(Note(self.todo_name, line, message))

    def group(self, incident: PostMortem) -> _Group | None:
        doc = incident.document
        if not doc.actions:
            return None
        self.counts["incidents"] += 1
        lines = [render_heading(_group_title(doc, incident.ref), incident.ref), ""]
        for item, item_id in zip(doc.actions, item_ids(doc), strict=True):
            lines.append(self.item_line(incident, item, item_id))
        return _Group(_incident_date(doc), incident.ref, lines)

    def item_line(self, incident: PostMortem, item: ActionItem, item_id: str) -> str:
        key = (incident.ref, item_id)
        self.used.add(key)
        state = self.resolve(incident, item, item_id, self.lines_by_key.get(key, []))
        due = item.due_date
        overdue = not state.checked and due is not None and due < self.today
        self.counts["items"] += 1
        self.counts["done" if state.checked else "open"] += 1
        self.counts["overdue"] += overdue
        spec = ItemSpec(item_id, item.action, incident.ref, state.checked, state.done, item.owner,
                        item.due, item.priority, state.label, overdue)
        return render_item(spec)

    def resolve(self, incident: PostMortem, item: ActionItem, item_id: str, found: list[ItemLine]) -> _State:
        now = _State(item.done, item.done, status_label(item))
        if not found:
            return now
        if len({(line.checked, line.struck, line.label) for line in found}) > 1:
            self.warn(found[0].line, f"{item_id} appears {len(found)} times with different ticks;"
                      " the post-mortem wins")
            return now
        line = found[0]
        then_label = None if line.struck else line.label
        shown_now = clean(now.label) if now.label else None
        person_changed = line.checked != line.struck
        post_mortem_changed = now.done != line.struck or (not now.done and shown_now != then_label)
        if not person_changed or line.checked == now.done:
            return now
        if post_mortem_changed:
            self.warn(line.line, _conflict(item_id, line.checked, item, incident))
            return now
        return self.write_back(incident, item, item_id, line, now)

    def write_back(self, incident: PostMortem, item: ActionItem, item_id: str, line: ItemLine,
                   now: _State) -> _State:
        want = line.checked
        refused = self.refusal(incident.ref)
        plan = WriteBack(problem=refused) if refused else plan_write_back(incident.document, item, want,
                                                                           self.settings)
        where = f"{incident.display or incident.ref}:{item.span.line}"
        if plan.problem is not None:
            verb = "ticked" if want else "unticked"
            self.warn(line.line, f"{item_id} is {verb} here but cannot be recorded in {where}:"
                      f" {plan.problem}; the tick is kept in {self.todo_name} only")
            return _State(want, now.done, now.label)
        self.edits[incident.ref].extend(plan.edits)
        state = "done" if want else "open again"
        self.notes.append(Note(incident.display or incident.ref, item.span.line,
                               f"{item_id} marked {state} ({self.todo_name}:{line.line})", "info"))
        return _State(want, want, None)

    def leftovers(self, lines: Sequence[ItemLine], block: ManagedBlock, keep: Callable[[str], bool],
                  known: set[str]) -> list[_Group]:
        """Lines no post-mortem produced: kept for unreadable or out-of-scope files, else dropped."""
        kept: dict[str, _Group] = {}
        headings = {heading.ref: heading for heading in block.headings}
        for line in lines:
            if (line.ref, line.item_id) in self.used:
                continue
            if line.ref not in known and keep(line.ref):
                group = kept.get(line.ref)
                if group is None:
                    heading = headings.get(line.ref)
                    title = heading.title if heading else line.ref
                    first = heading.text if heading else render_heading(line.ref, line.ref)
                    group = kept[line.ref] = _Group(_leading_date(title, line.ref), line.ref, [first, ""])
                group.lines.append(line.text)
            elif line.checked != line.struck:
                self.warn(line.line, f"the tick on {line.item_id} was not written back: {line.ref} no"
                          " longer has this item (removed, or its text or ID changed)")
        return list(kept.values())


def _conflict(item_id: str, wanted_done: bool, item: ActionItem, incident: PostMortem) -> str:
    where = f"{incident.display or incident.ref}:{item.span.line}"
    if wanted_done:
        status = item.status or "open"
        return (f"{item_id} was ticked here, but its status in {where} changed to '{status}' since the last"
                " sync; the post-mortem wins, so it stays open")
    return (f"{item_id} was unticked here, but {where} changed it since the last sync;"
            " the post-mortem wins, so it stays done")


def _group_title(doc: Document, ref: str) -> str:
    date = _incident_date(doc)
    title = doc.meta("title") or doc.title or ref  # never the cwd-relative path: same bytes anywhere
    text = f"{date.isoformat()} — {title}" if date else title
    return f"{text} ({doc.severity})" if doc.severity else text


def _incident_date(doc: Document) -> dt.date | None:
    return doc.date or _leading_date(PurePosixPath(doc.path).name)


def _leading_date(*texts: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` at the start of a title or of a file name."""
    for text in texts:
        for candidate in (text, PurePosixPath(text).name):
            match = _LEADING_DATE.match(candidate)
            date = parse_iso_date(match.group(1)) if match else None
            if date:
                return date
    return None


def _order(group: _Group) -> tuple[int, int, str]:
    """Newest first; undated last; ties by path."""
    return (0, -group.date.toordinal(), group.ref) if group.date else (1, 0, group.ref)


def block_lines(groups: Sequence[_Group]) -> list[str]:
    lines = [START_MARKER, NOTICE, ""]
    for group in sorted(groups, key=_order):
        lines.extend(group.lines)
        lines.append("")
    if not groups:
        lines.extend([EMPTY_NOTE, ""])
    lines.append(END_MARKER)
    return lines


def sync(
    todo: SourceFile | None,
    incidents: Sequence[PostMortem],
    today: dt.date,
    unreadable: Sequence[str] = (),
    keep: Callable[[str], bool] = lambda ref: False,
    settings: ParseSettings = DEFAULT_SETTINGS,
    todo_name: str = "TODO.md",
    refusal: Callable[[str], str | None] = lambda ref: None,
) -> SyncOutcome:
    """Compute the new TODO.md and post-mortem bytes. Raises :class:`TodoError` on a damaged block.

    ``unreadable`` lists refs of post-mortems that could not be parsed (their lines
    are kept); ``keep(ref)`` says whether lines for a post-mortem outside the paths
    given should be kept (it still exists) rather than dropped; ``refusal(ref)``
    says why a post-mortem must not be written (a link, read-only), so a tick
    for it stays in TODO.md only.
    """
    block = find_block(todo.lines) if todo is not None else None
    found = block.items if block else ()
    lines_by_key: dict[tuple[str, str], list[ItemLine]] = defaultdict(list)
    for line in found:
        lines_by_key[(line.ref, line.item_id)].append(line)
    run = _Run(todo_name, today, settings, lines_by_key, refusal=refusal)
    groups = [group for incident in incidents if (group := run.group(incident)) is not None]
    known = {incident.ref for incident in incidents}
    unreadable_set = set(unreadable)
    if block is not None:
        groups += run.leftovers(found, block, lambda ref: ref in unreadable_set or keep(ref), known)
    by_ref = {incident.ref: incident for incident in incidents}
    documents = {ref: apply_edits(by_ref[ref].document.source, edits) for ref, edits in run.edits.items()}
    counts = run.counts
    stats = Stats(counts["incidents"], counts["items"], counts["open"], counts["overdue"], counts["done"])
    data = splice(todo, block, block_lines(groups))
    return SyncOutcome(data, documents, tuple(run.notes), stats)


def sync_text(existing: str | None, documents: Sequence[Document], root: Path | str = ".",
              today: dt.date | None = None) -> str:
    """TODO.md text for ``documents`` (refs relative to ``root``), write-backs left out.

    A damaged block leaves ``existing`` as it is: the text is never overwritten blindly.
    """
    todo = SourceFile.from_text("TODO.md", existing) if existing is not None else None
    incidents = [PostMortem(PurePosixPath(os.path.relpath(doc.path, root)).as_posix(), doc)
                 for doc in documents]
    try:
        outcome = sync(todo, incidents, today or dt.date.today())
    except TodoError:
        return existing or ""
    return decoded(outcome.todo)


def decoded(data: bytes) -> str:
    """Bytes this module wrote, as text with ``\\n`` line ends and no BOM."""
    return SourceFile.from_text("", data.decode("utf-8")).text


def splice(todo: SourceFile | None, block: ManagedBlock | None, lines: Sequence[str]) -> bytes:
    """TODO.md with the block replaced (or appended, or a new file); other bytes untouched."""
    if todo is None:
        text = NEW_FILE_HEADING + SECTION_HEADING + "\n\n" + "\n".join(lines) + "\n"
        return text.encode("utf-8")
    text, had_bom = original_text(todo)
    newline = line_end_style(text)  # not todo.newline: one CRLF line must not turn the block CRLF
    if block is None:
        fence = unclosed_fence(todo.lines)
        if fence is not None:
            raise TodoError(fence, "this code fence is never closed, so a block appended after it would be"
                            " code; close the fence or add the pmlint:todo markers yourself")
        if text and not text.endswith(("\n", "\r")):
            text += newline
        if text.strip():
            text += newline
        added = [SECTION_HEADING, "", *lines]
        text += "".join(line + newline for line in added)
    else:
        rows = split_lines(text)
        ending = rows[block.end - 1][1]
        newline = line_end_style("".join(end for _, end in rows[block.start - 1 : block.end]))  # the block's own
        new_rows = [(line, newline) for line in lines]
        new_rows[-1] = (lines[-1], ending)
        rows[block.start - 1 : block.end] = new_rows
        text = "".join(content + end for content, end in rows)
    return (("\ufeff" if had_bom else "") + text).encode("utf-8")
