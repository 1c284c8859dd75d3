"""The typed document model: frozen dataclasses, every element with its Span.

The parser (:mod:`pmlint.document.parse`) builds a :class:`Document`; rules, the TODO
sync, insights and the MkDocs plugin only ever read it.

The aggregates (document, sections, blocks, tables, entries, action items) are
``eq=False``: nothing compares them by value (they are compared by their spans
and fields), and generating ``__eq__``/``__hash__`` for them is start-up time
every one-file check pays. Small values (fields, timestamps) keep equality.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal, NamedTuple

from pmlint.document.labels import normalise_label as normalise_label  # re-exported: readers and rules use it
from pmlint.document.source import SourceFile, Span

FrontMatterKind = Literal["yaml", "toml", "header", "none"]
BlockKind = Literal["paragraph", "list_item", "table", "code", "html", "heading"]
EntryForm = Literal["table", "list", "line", "heading"]
ActionForm = Literal["table", "checkbox", "bullet", "paragraph", "heading"]

DONE_STATUSES = frozenset(
    {"done", "closed", "complete", "completed", "fixed", "resolved", "shipped", "merged"}
)


@dataclass(frozen=True)
class Field:
    """One front-matter key with its value and positions.

    ``raw`` is the scalar's source text, so ``09:15`` stays a time even though
    YAML 1.1 would read it as the sexagesimal number 555.
    """

    key: str
    value: object
    key_span: Span
    value_span: Span
    raw: str | None = None

    @property
    def text(self) -> str:
        """The value as a person wrote it."""
        if self.raw is not None:
            return self.raw
        return "" if self.value is None else str(self.value)


@dataclass(frozen=True, eq=False)
class FrontMatter:
    """The front matter: its fields in order, where it stands, and why it could not be read."""

    kind: FrontMatterKind
    fields: tuple[Field, ...] = ()
    span: Span = field(default_factory=lambda: Span(1, 1, 1, 1))
    error: str | None = None
    error_span: Span | None = None

    @cached_property
    def _first_by_key(self) -> dict[str, Field]:
        """Each key's first field: rules read several keys per file (PM005 reports repeats)."""
        first: dict[str, Field] = {}
        for item in self.fields:
            first.setdefault(item.key, item)
        return first

    def field(self, key: str) -> Field | None:
        return self._first_by_key.get(key)

    def get(self, key: str, default: object = None) -> object:
        item = self.field(key)
        return default if item is None else item.value

    def text(self, key: str) -> str | None:
        item = self.field(key)
        return None if item is None or item.value is None else item.text.strip()

    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.fields)


class Cell(NamedTuple):
    """A table cell's text and where it stands (a named tuple: tables hold thousands)."""

    text: str
    span: Span


@dataclass(frozen=True, eq=False)
class Row:
    """A table row: its cells and the whole line."""

    cells: tuple[Cell, ...]
    span: Span

    def cell(self, index: int | None) -> Cell | None:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]


@dataclass(frozen=True, eq=False)
class Table:
    """A GFM table: the header row and the body rows."""

    header: Row
    rows: tuple[Row, ...]
    span: Span

    def column(self, names: frozenset[str]) -> int | None:
        """Index of the first header cell whose normalised text is in ``names``."""
        for index, cell in enumerate(self.header.cells):
            if normalise_label(cell.text) in names:
                return index
        return None


@dataclass(frozen=True, eq=False)
class Block:
    """A block of a section: paragraph, list item, table, code or html.

    ``text`` is the block's source text (list items without their marker),
    ``depth`` the list nesting (0 = top level), ``checked`` the checkbox state.
    """

    kind: BlockKind
    text: str
    span: Span
    depth: int = 0
    checked: bool | None = None
    ordered: bool = False
    table: Table | None = None


@dataclass(frozen=True, eq=False)
class Section:
    """A ``##`` section: its title, canonical key (None when unknown), heading and body spans, blocks."""

    title: str
    key: str | None
    level: int
    span: Span
    body: Span
    blocks: tuple[Block, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(block.text.strip() or block.table for block in self.blocks)

    def list_items(self, depth: int | None = 0) -> tuple[Block, ...]:
        return tuple(
            b for b in self.blocks if b.kind == "list_item" and (depth is None or b.depth == depth)
        )

    def prose(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind in ("paragraph", "list_item"))


@dataclass(frozen=True)
class Timestamp:
    """A timestamp as written, with what could be read from it."""

    raw: str
    span: Span
    hour: int
    minute: int
    second: int | None = None
    date: dt.date | None = None
    separator: str = ":"
    padded: bool = True
    zone: str | None = None

    @property
    def is_valid_clock(self) -> bool:
        return 0 <= self.hour < 24 and 0 <= self.minute < 60 and (self.second or 0) < 60

    @property
    def minutes(self) -> int:
        return self.hour * 60 + self.minute

    def absolute_minutes(self) -> int:
        """Minutes since 0001-01-01 when dated, else minutes since midnight."""
        base = self.date.toordinal() * 1440 if self.date else 0
        return base + self.minutes


@dataclass(frozen=True, eq=False)
class TimelineEntry:
    """One timeline event: its time (and range end) as written and read, and the event text."""

    span: Span
    raw_time: str | None
    time: Timestamp | None
    end: Timestamp | None
    event: str
    form: EntryForm
    time_span: Span | None = None
    #: the entry's day: its timestamp's date, the day heading or line it sits under, or the
    #: date a date-only entry ("- 2026-03-11: vendor replied") starts with
    date: dt.date | None = None


@dataclass(frozen=True, eq=False)
class WhyStep:
    """One step of the Five Whys: the question and its answer."""

    number: int | None
    question: str
    answer: str
    span: Span
    answer_span: Span | None = None


ACTION_FIELDS = ("id", "action", "owner", "priority", "due", "status", "verification", "tracking")


@dataclass(frozen=True, eq=False)
class ActionItem:
    """One corrective action, from a table row or a list item."""

    action: str
    span: Span
    form: ActionForm
    id: str | None = None
    owner: str | None = None
    priority: str | None = None
    due: str | None = None
    status: str | None = None
    verification: str | None = None
    tracking: str | None = None
    checked: bool | None = None
    field_spans: tuple[tuple[str, Span], ...] = ()
    checkbox_span: Span | None = None
    index: int = 0
    columns: frozenset[str] = frozenset()

    @property
    def done(self) -> bool:
        if self.checked is not None and self.form != "table":
            return self.checked
        return normalise_label(self.status or "") in DONE_STATUSES

    @property
    def due_date(self) -> dt.date | None:
        """The due value read as a date (see :func:`read_due`); the linter, TODO sync and insights agree."""
        return read_due(self.due)

    @property
    def label(self) -> str:
        """How messages name the item: its ID, else the start of its action."""
        text = self.action.replace("**", "").replace("`", "").strip()
        return self.id or (text[:40] + ("…" if len(text) > 40 else ""))

    def span_of(self, name: str) -> Span:
        for key, span in self.field_spans:
            if key == name:
                return span
        return self.span


@dataclass(frozen=True)
class Suppression:
    """A ``<!-- pmlint-disable… -->`` comment: its kind, codes and line."""

    kind: Literal["disable-next-line", "disable", "enable"]
    codes: tuple[str, ...]
    line: int


@dataclass(frozen=True, eq=False, repr=False)  # its repr would print the whole file
class Document:
    """A parsed post-mortem: front matter, sections, timeline, whys, action items, suppressions."""

    source: SourceFile
    front_matter: FrontMatter
    title: str | None = None
    title_span: Span | None = None
    sections: tuple[Section, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    whys: tuple[WhyStep, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    code_lines: frozenset[int] = field(default_factory=frozenset)

    @property
    def path(self) -> str:
        return self.source.path

    @cached_property
    def words(self) -> frozenset[str]:
        """Every lower-case word in the file: rules skip line scans for absent phrases.

        Every ASCII character but letters and digits is blanked with
        ``str.translate`` (fast), so an ASCII file's tokens are its words; in
        any other file the rare token that still holds a non-word character is
        split by regex too, so the set never misses a word.
        """
        lowered = self.source.text.lower()
        tokens = set(lowered.translate(_PUNCTUATION).split())
        if not lowered.isascii():  # without punctuation, ASCII tokens are words already
            for token in [t for t in tokens if not t.isalnum()]:
                tokens.update(WORD.findall(token))
        return frozenset(tokens)

    def section(self, key: str) -> Section | None:
        for section in self.sections:
            if section.key == key:
                return section
        return None

    def sections_for(self, *keys: str) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.key in keys)

    def meta(self, key: str) -> str | None:
        return self.front_matter.text(key)

    @property
    def severity(self) -> str | None:
        return self.meta("severity")

    @property
    def status(self) -> str | None:
        value = self.meta("status")
        return value.lower() if value else None

    @property
    def date(self) -> dt.date | None:
        value = self.front_matter.get("date")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return parse_iso_date(str(value)) if value is not None else None

    @property
    def display_title(self) -> str:
        return self.meta("title") or self.title or self.source.path

    def text_lines(self, section: Section) -> Iterator[tuple[int, str]]:
        """(line number, text) of a section's body, skipping code blocks."""
        for number in range(section.body.line, section.body.end_line):
            if number not in self.code_lines:
                yield number, self.source.line(number)


WORD = re.compile(r"[^\W_]+")  # a word: letters and digits, no underscore (rules share it)

#: every ASCII character that is not a letter or digit (punctuation, controls, spaces)
_PUNCTUATION = str.maketrans({chr(code): " " for code in range(128) if not chr(code).isalnum()})


ISO_WITH_NOTE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:\s*\([^)]*\))?$")


_STRUCK = re.compile(r"~~.*?~~")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def without_history(text: str) -> str:
    """A cell's current value: struck-through text (an old value) dropped, links reduced to their text."""
    value = _STRUCK.sub("", text) if "~~" in text else text
    return _LINK.sub(r"\1", value) if "](" in value else value


def clean_due(text: str) -> str:
    """A due value without markdown emphasis, links or a struck-through old date."""
    return without_history(text).replace("**", "").strip().strip("*_`").strip()


@lru_cache(maxsize=4096)
def read_due(text: str | None) -> dt.date | None:
    """The ISO date of a due value (``~~old~~ 2026-04-01``, ``2026-04-01 (moved)``), or None.

    Cached: a pure function of a short text, asked for by several rules per item.
    """
    match = ISO_WITH_NOTE.match(clean_due(text or ""))
    return parse_iso_date(match["date"]) if match else None


def parse_iso_date(text: str) -> dt.date | None:
    """A strict ``YYYY-MM-DD`` date, or None."""
    text = text.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
