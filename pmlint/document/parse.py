"""SourceFile -> Document: front matter, then one block-level markdown-it pass.

Inline parsing is switched off: rules read the block text, so the parse costs
only what the structure needs. Timeline, Five Whys and action items are then
read out of their sections by :mod:`pmlint.document.timeline`,
:mod:`pmlint.document.whys` and :mod:`pmlint.document.actions`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmlint.document.actions import CHECKBOX, read_actions
from pmlint.document.frontmatter import (
    is_header_block,
    read_bold_header,
    read_front_matter,
    read_metadata_table,
)
from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Block, Cell, Document, Row, Section, Suppression, Table
from pmlint.document.sections import ParseSettings, heading_label
from pmlint.document.source import SourceFile, Span
from pmlint.document.timeline import read_timeline
from pmlint.document.whys import read_whys

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: the opening of a suppression comment; its codes run to the first ">", which must close "-->"
_SUPPRESSION_HEAD = lazy_pattern(r"<!--\s*pmlint-(disable-next-line|disable|enable)\b", re.IGNORECASE)
_TITLE_PREFIX = lazy_pattern(r"^(?:post[- ]?mortem|incident(?: report)?|pm)\s*[:—–-]\s*", re.I)
#: a heading that is a field, not a section: "## Date: 12th March 2023", "## Time: 05:13 UTC"
_METADATA_HEADING = lazy_pattern(
    r"^[*_]*(?:date|time|date ?/ ?time|incident date|severity|sev|duration|status|authors?|owners?"
    r"|incident commander|time ?zone|reported by|prepared by)[*_]*\s*:[*_]*\s*\S",
    re.IGNORECASE,
)
#: a paragraph that is only a bold label: "**What went well?**", "**Impact:**"
_BOLD_LABEL = lazy_pattern(r"^(?:\*\*|__)(?P<label>[^*_\n]{2,80}?)\s*:?\s*(?:\*\*|__)\s*:?\s*$")
#: a list item led by a bold label with its text after it: "- **Impact**: 40% of requests failed"
_BOLD_LEAD_ITEM = lazy_pattern(r"^(?:\*\*|__)(?P<label>[^*_\n]{2,40}?)\s*:?\s*(?:\*\*|__)\s*:?\s+\S")


DEFAULT_SETTINGS = ParseSettings()
_MD: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        from pmlint.document.mddispatch import use_block_dispatch
        from pmlint.document.mdtable import use_single_token_tables

        _MD = use_block_dispatch(use_single_token_tables(
            MarkdownIt("commonmark", {"html": True, "maxNesting": 200}).enable("table")
        ))
        _MD.core.ruler.disable(["inline", "text_join"])
    return _MD


def parse(source: SourceFile, settings: ParseSettings = DEFAULT_SETTINGS) -> Document:
    """Parse a decoded file into the document model. Never raises for content."""
    front_matter, consumed = read_front_matter(source)
    body = "\n" * consumed + "\n".join(source.lines[consumed:]) if consumed else source.text
    walker = _Walker(source, settings.lookup)
    walker.walk(_markdown().parse(body))
    _first_heading_as_title(walker, settings)
    _bold_labels_as_headings(walker, settings)
    sections = _build_sections(walker, settings)
    if front_matter.kind == "none":
        first_section = sections[0].span.line - 1 if sections else min(len(source.lines), 40)
        front_matter = read_bold_header(source, 1, first_section)
        if front_matter.kind == "none":
            front_matter = read_metadata_table(
                [b.table for b in walker.blocks if b.table is not None and b.span.line <= first_section])
    title, title_span = walker.title, walker.title_span
    if title:
        title = _TITLE_PREFIX().sub("", title).strip() or title
    return Document(
        source=source,
        front_matter=front_matter,
        title=title,
        title_span=title_span,
        sections=sections,
        timeline=read_timeline(source, sections),
        whys=read_whys(source, sections),
        actions=read_actions(source, sections, [b for b in walker.blocks if b.kind != "heading"]),
        suppressions=_suppressions(source),
        code_lines=frozenset(walker.code_lines),
    )


def parse_text(text: str, path: str = "<text>", settings: ParseSettings = DEFAULT_SETTINGS) -> Document:
    return parse(SourceFile.from_text(path, text), settings)


def parse_path(path: Path | str, settings: ParseSettings = DEFAULT_SETTINGS) -> Document:
    """Read and parse a file; raises :class:`pmlint.document.source.SourceError` if unreadable."""
    return parse(SourceFile.read(path), settings)


@dataclass(eq=False, repr=False)
class _Heading:
    """A heading met by the walker, or a bold label read as one (``key`` is what it names;
    ``inline`` when its text goes on after the label, on the same line)."""

    text: str
    level: int
    line: int
    span: Span
    key: str | None = None
    inline: bool = False


class _Walker:
    """Turns markdown-it block tokens into headings and blocks with spans."""

    def __init__(self, source: SourceFile, section_labels: Mapping[str, str]) -> None:
        self.source = source
        self.section_labels = section_labels  # a first "# Summary" is a section, not the title
        self.lines = source.lines
        self.headings: list[_Heading] = []
        self.blocks: list[Block] = []
        self.code_lines: set[int] = set()
        self.title: str | None = None
        self.title_span: Span | None = None

    def walk(self, tokens: list[Token]) -> None:
        # Token kinds in order of frequency; paragraph and heading come as (open, inline, close).
        depth = -1
        ordered: list[bool] = []
        item_open: list[bool] = []
        index = 0
        count = len(tokens)
        while index < count:
            token = tokens[index]
            kind = token.type
            if kind == "paragraph_open":
                inline = tokens[index + 1]
                if item_open and item_open[-1]:
                    item_open[-1] = False
                    self._list_item(inline, depth, ordered[-1] if ordered else False)
                else:
                    self._block("paragraph", inline, depth + 1 if depth >= 0 else 0)
                index += 3
                continue
            if kind == "list_item_open":
                item_open.append(True)
            elif kind == "list_item_close":
                item_open.pop()
            elif kind == "bullet_list_open" or kind == "ordered_list_open":
                depth += 1
                ordered.append(kind == "ordered_list_open")
            elif kind == "bullet_list_close" or kind == "ordered_list_close":
                depth -= 1
                ordered.pop()
            elif kind == "heading_open":
                self._heading(token, tokens[index + 1])
                index += 3
                continue
            elif kind == "pmlint_table":
                self._table(token)
            elif kind == "fence" or kind == "code_block":
                self._code(token)
            elif kind == "html_block":
                self._block("html", token, 0)
            index += 1

    def _span(self, token: Token, text: str) -> Span:
        first, last = token.map or (0, 1)
        lines = self.lines
        raw = lines[first] if first < len(lines) else ""
        newline = text.find("\n")
        head = text if newline < 0 else text[:newline]
        column = raw.find(head) + 1 if head else 1
        if column <= 0:
            column = len(raw) - len(raw.lstrip()) + 1
        end_line = last if last > first else first + 1
        end_text = lines[end_line - 1] if end_line <= len(lines) else ""
        return Span(first + 1, column, end_line, len(end_text) + 1)

    def _heading(self, token: Token, inline: Token) -> None:
        text = inline.content.strip()
        if token.markup in ("-", "=") and is_header_block(text):
            self._block("paragraph", inline, 0)  # a bold metadata header above '---'
            return
        # a field has a colon: most headings never compile the field-name pattern (~2 M instructions)
        if ":" in text and _METADATA_HEADING().match(text):
            self._block("paragraph", inline, 0)  # a field written as a heading
            return
        level = int(token.tag[1])
        span = self._span(token, text)
        known = heading_label(text) in self.section_labels
        if level == 1 and self.title is None and not self.headings and not known:
            self.title, self.title_span = text, span
            return
        self.headings.append(_Heading(text, level, span.line, span))
        self.blocks.append(Block("heading", text, span, depth=level))

    def _block(self, kind: str, token: Token, depth: int) -> None:
        text = token.content
        self.blocks.append(Block(kind, text, self._span(token, text), depth=depth))  # type: ignore[arg-type]

    def _list_item(self, inline: Token, depth: int, ordered: bool) -> None:
        text = inline.content
        checked: bool | None = None
        match = CHECKBOX().match(text)
        if match:
            checked = match.group(1) != " "
        self.blocks.append(
            Block("list_item", text, self._span(inline, text), depth, checked, ordered)
        )

    def _code(self, token: Token) -> None:
        first, last = token.map or (0, 0)
        self.code_lines.update(range(first + 1, last + 1))
        self.blocks.append(Block("code", token.content, Span.lines(first + 1, last)))

    def _table(self, token: Token) -> None:
        rows = [_row(self.source.line(line + 1), line + 1, column) for line, column in token.meta["rows"]]
        width = len(rows[0].cells)
        rows = [rows[0], *(_fit(row, width) for row in rows[1:])]
        first, last = token.map or (0, 1)
        span = Span.lines(first + 1, last)
        table = Table(header=rows[0], rows=tuple(rows[1:]), span=span)
        self.blocks.append(Block("table", "", span, table=table))


def _row(raw: str, line: int, column: int) -> Row:
    """A table row with a span per cell, split from the source line (GFM: ``\\|`` escapes)."""
    content = raw[column:]
    escaped = "\\|" in content
    parts = _PIPE().split(content) if escaped else content.split("|")
    stripped = content.strip()
    first = 1 if stripped.startswith("|") else 0
    last = len(parts) - 1 if stripped.endswith("|") and not stripped.endswith("\\|") and len(parts) > 1 else len(parts)
    offset = column + len(parts[0]) + 1 if first else column
    cells = []
    for part in parts[first:last]:
        text = part.strip(" \t")
        start = offset + len(part) - len(part.lstrip(" \t")) + 1
        span = Span(line, start, line, start + len(text))
        cells.append(Cell(text.replace("\\|", "|") if escaped else text, span))
        offset += len(part) + 1
    return Row(tuple(cells), Span(line, 1, line, len(raw) + 1))


def _fit(row: Row, width: int) -> Row:
    """Body rows take the header's width, as GFM renders them."""
    if len(row.cells) == width:
        return row
    end = row.span.end_column
    padding = tuple(Cell("", Span(row.span.line, end, row.span.line, end)) for _ in range(width - len(row.cells)))
    return Row((*row.cells[:width], *padding), row.span)


_PIPE = lazy_pattern(r"(?<!\\)\|")


def _first_heading_as_title(walker: _Walker, settings: ParseSettings) -> None:
    """A document with no level-1 heading whose first heading comes before any prose and names
    no section has that heading as its title ("## INCIDENT REPORT: Reward distribution failure")."""
    if walker.title is not None or not walker.headings or any(h.level == 1 for h in walker.headings):
        return
    first = walker.headings[0]
    if settings.section_key(first.text, False)[0] is not None:
        return
    if any(b.kind in ("paragraph", "list_item", "table") and b.span.line < first.line
           and not _METADATA_HEADING().match(b.text) for b in walker.blocks):
        return
    walker.headings.pop(0)
    walker.blocks = [b for b in walker.blocks if not (b.kind == "heading" and b.span.line == first.line)]
    walker.title, walker.title_span = first.text, first.span


def _bold_labels_as_headings(walker: _Walker, settings: ParseSettings) -> None:
    """A bold label that names a section no heading names is that section's heading: a paragraph
    that is only the label ("**What went well?**", by words as a heading is), or a top-level list
    item led by a section's name ("- **Impact**: 40% of requests failed")."""
    keys = _section_keys(walker.headings, settings)
    named = {key for key in keys if key is not None}
    labels: list[_Heading] = []
    kept: list[Block] = []
    by_line = {h.line: (h.level, key) for h, key in zip(walker.headings, keys, strict=True)}
    open_sections: list[tuple[int, str | None]] = []  # (level, key) of the headings around a block
    for block in walker.blocks:
        if block.kind == "heading" and block.span.line in by_line:
            level, key = by_line[block.span.line]
            while open_sections and open_sections[-1][0] >= level:
                open_sections.pop()
            open_sections.append((level, key))
        label = _bold_label(block, settings)
        # inside a timeline or an action list a label groups entries or items ("**Root causes:**")
        if label is None or label[1] in named or any(k in _OWN_LABELS for _, k in open_sections):
            kept.append(block)
            continue
        level = open_sections[-1][0] if open_sections else 1
        text, key, inline = label
        named.add(key)
        heading = _Heading(text, min(level + 1, 6), block.span.line, block.span, key, inline)
        labels.append(heading)
        if inline:  # "- **Impact**: …": the item is the section's first content
            kept.append(block)
        kept.append(Block("heading", text, block.span, depth=heading.level))
    if labels:
        walker.headings = sorted([*walker.headings, *labels], key=lambda h: h.line)
        walker.blocks = sorted(kept, key=lambda b: (b.span.line, b.kind != "heading"))


#: sections whose readers read bold labels as their own structure (day labels, item groups)
_OWN_LABELS = frozenset({"timeline", "action_items"})


def _bold_label(block: Block, settings: ParseSettings) -> tuple[str, str, bool] | None:
    """The label, the section it names and whether text follows it, for a block that is one."""
    text = block.text.strip()
    if block.depth != 0 or not text.startswith(("**", "__")):
        return None  # both patterns need a bold start: most blocks never compile them
    if block.kind == "paragraph" and (match := _BOLD_LABEL().match(text)):
        key = settings.section_key(match["label"], False)[0]
        return (match["label"], key, False) if key is not None else None
    if block.kind == "list_item" and (match := _BOLD_LEAD_ITEM().match(text)):
        key = settings.lookup.get(heading_label(match["label"]))  # only a section's own name
        return (match["label"], key, True) if key is not None else None
    return None


def _build_sections(walker: _Walker, settings: ParseSettings) -> tuple[Section, ...]:
    headings = walker.headings
    last_line = len(walker.source.lines)
    content = [b for b in walker.blocks if b.kind != "heading"]
    starts = [b.span.line for b in content]
    keys = _section_keys(headings, settings)
    sections = []
    for position, heading in enumerate(headings):
        end = last_line + 1
        for later in headings[position + 1 :]:
            if later.level <= heading.level:
                end = later.line
                break
        first = bisect_left(starts, heading.line) if heading.inline else bisect_right(starts, heading.line)
        blocks = tuple(content[first : bisect_left(starts, end)])
        sections.append(
            Section(
                title=heading.text,
                key=keys[position],
                level=heading.level,
                span=heading.span,
                body=Span(heading.line + 1, 1, end, 1),
                blocks=blocks,
            )
        )
    return tuple(sections)


def _section_keys(headings: list[_Heading], settings: ParseSettings) -> list[str | None]:
    """Each heading's key. A heading inside a section with the same key is part of it (a
    "Key Takeaways" under Lessons Learned), and a fallback name ("Background") counts only
    when no other heading names that section, and only once."""
    keys: list[str | None] = []
    fallbacks: list[int] = []
    enclosing: list[tuple[int, str | None]] = []  # (level, key) of the open ancestors
    for position, heading in enumerate(headings):
        while enclosing and enclosing[-1][0] >= heading.level:
            enclosing.pop()
        nested = any(key is not None for _, key in enclosing)
        key, fallback = (heading.key, False) if heading.key else settings.section_key(heading.text, nested)
        if key is not None and any(key == outer for _, outer in enclosing):
            key = None
        if fallback:
            fallbacks.append(position)
        keys.append(key)
        enclosing.append((heading.level, key))
    named = {key for position, key in enumerate(keys) if position not in fallbacks}
    for position in fallbacks:
        if keys[position] in named:
            keys[position] = None
        named.add(keys[position])
    return keys


def _suppressions(source: SourceFile) -> tuple[Suppression, ...]:
    if "pmlint-" not in source.text:
        return ()
    text = source.text
    found = []
    taken = 0  # where the last comment ended: an opening inside it is part of its codes
    close = -1  # the first ">" at or after the current opening's end, found once for all openings before it
    for match in _SUPPRESSION_HEAD().finditer(text):
        if match.start() < taken:
            continue
        if close < match.end():
            close = text.find(">", match.end())
            if close < 0:
                break  # no comment closes after here (searching from every opening was quadratic)
        if close - 2 < match.end() or text[close - 2:close] != "--":
            continue
        line, _ = source.position(match.start())
        codes = tuple(code for code in re.split(r"[\s,]+", text[match.end():close - 2].strip()) if code)
        found.append(Suppression(match.group(1).lower(), codes, line))  # type: ignore[arg-type]
        taken = close + 1
    return tuple(found)
