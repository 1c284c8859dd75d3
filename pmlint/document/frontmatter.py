"""Front matter: split the YAML block (python-frontmatter's boundary) and
safe-load it with a Span for every key (``yaml.compose`` marks).

Also reads TOML front matter between ``+++`` lines, and, when a file has no
front matter, a bold metadata header (``**Date:** 2026-03-10``) or a metadata
table (``| Date | 2026-03-10 |``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import Cell, Field, FrontMatter, FrontMatterKind, Table
from pmlint.document.source import SourceFile, Span

_HANDLER = YAMLHandler()
_BOUNDARY = _HANDLER.FM_BOUNDARY or re.compile(r"^-{3,}\s*$", re.MULTILINE)
_LINE_BOUNDARY = lazy_pattern(r"-{3,}[ \t]*")
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: YAML expanded through aliases may hold at most this many nodes.
MAX_EXPANDED_NODES = 50_000

#: scalar types whose constructors raise plain Python errors on bad text
#: (``date: 2026-02-30``, ``!!int abc``, ``!!bool maybe``).
_FRAGILE_TAGS = ("timestamp", "int", "float", "bool", "binary")
_CONSTRUCT_ERRORS = (ValueError, TypeError, KeyError, AttributeError, OverflowError)


def _tolerant(constructor: Any) -> Any:
    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        try:
            return constructor(loader, node)
        except _CONSTRUCT_ERRORS:
            return node.value if isinstance(node, yaml.ScalarNode) else None

    return construct


class _TolerantLoader(_Loader):  # type: ignore[valid-type,misc]
    """Safe loading where a scalar that cannot be constructed stays its text,
    so rules report ``date: 2026-02-30`` as an invalid value, not a crash."""


for _tag in _FRAGILE_TAGS:
    _name = f"tag:yaml.org,2002:{_tag}"
    _TolerantLoader.add_constructor(_name, _tolerant(_Loader.yaml_constructors[_name]))

HEADER_KEYS = {
    "date": "date",
    "incident date": "date",
    "severity": "severity",
    "sev": "severity",
    "duration": "duration",
    "status": "status",
    "authors": "authors",
    "author": "authors",
    "owner": "authors",
    "impact": "impact",
    "title": "title",
    "services": "services",
    "service": "services",
    "incident commander": "incident_commander",
    "timezone": "timezone",
}
_HEADER_LINE = lazy_pattern(r"^\s*[-*]?\s*\*\*(?P<key>[^*:]{1,40}?):?\*\*:?\s*(?P<value>.*?)\s*$")
_LIST_KEYS = frozenset({"authors", "services"})


def front_matter_lines(source: SourceFile) -> int:
    """How many leading lines the YAML block takes (0 when there is none)."""
    lines = source.lines
    if not lines or not _LINE_BOUNDARY().fullmatch(lines[0]):
        return 0
    for index in range(1, len(lines)):
        if _LINE_BOUNDARY().fullmatch(lines[index]):
            return index + 1
    return len(lines)


def read_front_matter(source: SourceFile) -> tuple[FrontMatter, int]:
    """Parse the front matter; returns it and the number of lines it spans."""
    if source.lines and _TOML_BOUNDARY().fullmatch(source.lines[0]):
        return _read_toml(source)
    text = source.text
    if not _HANDLER.detect(text) or not source.lines or not _LINE_BOUNDARY().fullmatch(source.lines[0]):
        return FrontMatter(kind="none"), 0
    consumed = front_matter_lines(source)
    if (consumed == len(source.lines) and not _LINE_BOUNDARY().fullmatch(source.lines[-1])) or consumed < 2:
        return _error("unterminated front matter: no closing '---' line", Span.at(1, 1, 3)), len(
            source.lines
        )
    block = "\n".join(source.lines[1 : consumed - 1])
    span = Span.lines(1, consumed)
    try:
        fields = _compose_fields(block, first_line=2)
    except _FrontMatterError as exc:
        return _error(exc.message, exc.span, span), consumed
    return FrontMatter(kind="yaml", fields=fields, span=span), consumed


_TOML_BOUNDARY = lazy_pattern(r"\+{3}[ \t]*")
#: a top-level TOML key and where its value starts ("severity = ", "'odd key' = ")
_TOML_KEY = lazy_pattern(r"^[ \t]*(?P<key>[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$")


def _read_toml(source: SourceFile) -> tuple[FrontMatter, int]:
    """TOML front matter between ``+++`` lines (Hugo, Zola): values from tomllib, spans from
    each key's line. Tables and arrays of tables are not front-matter fields and are skipped."""
    if sys.version_info >= (3, 11):  # imported here: few files carry TOML front matter
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    lines = source.lines
    end = next((i for i in range(1, len(lines)) if _TOML_BOUNDARY().fullmatch(lines[i])), None)
    if end is None:
        return _error("unterminated front matter: no closing '+++' line", Span.at(1, 1, 3), kind="toml"), len(lines)
    consumed = end + 1
    span = Span.lines(1, consumed)
    try:
        data = tomllib.loads("\n".join(lines[1:end]) + "\n")
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))  # TOMLDecodeError has no line attribute before 3.14
        line = int(where.group(1)) if where else max(end - 1, 1)
        message = f"invalid TOML: {str(exc).split(' (at ')[0]}"
        return _error(message, Span.at(line + 1, 1, 1), span, kind="toml"), consumed
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        return _error("invalid TOML: arrays or tables nested too deeply", Span.at(2, 1, 1), span,
                      kind="toml"), consumed
    fields = []
    for number in range(2, end + 1):
        text = lines[number - 1]
        if text.lstrip().startswith("["):
            break  # a [table]: everything after it belongs to that table
        match = _TOML_KEY().match(text)
        if match is None:
            continue
        key = match["key"].strip("\"'")
        if key not in data:
            continue
        raw = match["value"]
        fields.append(Field(key=key, value=data[key],
                            key_span=Span(number, match.start("key") + 1, number, match.end("key") + 1),
                            value_span=Span(number, match.start("value") + 1, number, match.end("value") + 1),
                            raw=raw.strip("\"'") if raw[:1] in "\"'" and not raw.startswith(("[", "{")) else None))
    return FrontMatter(kind="toml", fields=tuple(fields), span=span), consumed


class _FrontMatterError(Exception):
    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


def _error(message: str, at: Span, span: Span | None = None, kind: FrontMatterKind = "yaml") -> FrontMatter:
    return FrontMatter(kind=kind, span=span or at, error=message, error_span=at)


def _mark_span(node: yaml.Node, first_line: int) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + first_line, start.column + 1, end.line + first_line, end.column + 1)


def _compose_fields(block: str, first_line: int) -> tuple[Field, ...]:
    loader = _TolerantLoader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return ()
        if not isinstance(node, yaml.MappingNode):
            kind = {yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value"}.get(
                type(node), "not a mapping"
            )
            raise _FrontMatterError(
                f"front matter must be a mapping of keys to values, not {kind}",
                _mark_span(node, first_line),
            )
        if "*" in block:  # only aliases (*name) can expand: a plain block needs no walk
            _check_expansion(node)
        fields = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
            raw = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
            fields.append(
                Field(
                    key=str(key),
                    value=value,
                    key_span=_mark_span(key_node, first_line),
                    value_span=_mark_span(value_node, first_line),
                    raw=raw,
                )
            )
        return tuple(fields)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "quoted scalar" in str(exc.context):
            mark = exc.context_mark  # an unclosed quote: point at where it opened
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else 1
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise _FrontMatterError(f"invalid YAML: {problem}", Span.at(line, column, 1)) from None
    except yaml.YAMLError as exc:
        raise _FrontMatterError(f"invalid YAML: {exc}", Span.at(first_line)) from None
    except RecursionError:
        raise _FrontMatterError("invalid YAML: nested too deeply", Span.at(first_line)) from None
    except _CONSTRUCT_ERRORS as exc:  # a value no tolerant constructor caught
        raise _FrontMatterError(f"invalid YAML value: {exc}", Span.at(first_line)) from None
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node) -> None:
    """Refuse alias bombs: count nodes as if every alias were expanded."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            if len(stack) > MAX_EXPANDED_NODES:
                raise _FrontMatterError("front matter nested too deeply", _mark_span(root, 2))
            continue
        total = 1 + sum(sizes.get(id(child), 0) for child in children)
        if total > MAX_EXPANDED_NODES:
            raise _FrontMatterError(
                "front matter expands to too many values through aliases (an alias bomb?)",
                _mark_span(node, 2),
            )
        sizes[id(node)] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def is_header_block(text: str) -> bool:
    """True when every line of ``text`` is a known ``**Key:** value`` header line.

    Templates often put ``---`` right under the header, which Markdown reads
    as a setext heading; the parser uses this to keep it a paragraph.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(
        (match := _HEADER_LINE().match(line)) is not None
        and " ".join(match["key"].lower().split()) in HEADER_KEYS
        for line in lines
    )


def _header_field(key: str, raw: str, key_span: Span, value_span: Span) -> Field:
    """A metadata field written as text (a bold header line or a table cell)."""
    value: object = raw
    if key in _LIST_KEYS:
        value = [part.strip() for part in re.split(r"[,;]", raw) if part.strip()]
    elif key == "status":
        value = raw.split("/")[0].split(",")[0].strip().lower() or raw
    return Field(key=key, value=value, key_span=key_span, value_span=value_span,
                 raw=raw if key not in _LIST_KEYS and key != "status" else None)


def read_bold_header(source: SourceFile, first_line: int, last_line: int) -> FrontMatter:
    """Read ``**Key:** value`` lines between ``first_line`` and ``last_line``."""
    fields: list[Field] = []
    seen: set[str] = set()
    for number in range(first_line, min(last_line, len(source.lines)) + 1):
        line = source.line(number)
        match = _HEADER_LINE().match(line)
        if not match:
            continue
        key = HEADER_KEYS.get(" ".join(match["key"].lower().split()))
        if key is None or key in seen:
            continue
        seen.add(key)
        fields.append(_header_field(key, match["value"],
                                    Span(number, match.start("key") + 1, number, match.end("key") + 1),
                                    Span(number, match.start("value") + 1, number, match.end("value") + 1)))
    if not fields:
        return FrontMatter(kind="none")
    span = Span(fields[0].key_span.line, 1, fields[-1].key_span.line + 1, 1)
    return FrontMatter(kind="header", fields=tuple(fields), span=span)


def read_metadata_table(tables: Sequence[Table]) -> FrontMatter:
    """Metadata kept in a table above the first section, as Google SRE-style post-mortems do:
    ``| Date | 2026-03-10 |`` rows (a key column and a value column), or a header row of keys
    (``| Date | Authors | Status |``) over one row of values."""
    for table in tables:
        pairs = _vertical_pairs(table) or _horizontal_pairs(table)
        if pairs:
            return _header_fields(pairs)
    return FrontMatter(kind="none")


_Pair = tuple[str, Cell, Cell]  # canonical key, key cell, value cell


def _header_key(text: str) -> str | None:
    label = " ".join(text.strip().strip("*_:").lower().split())
    return HEADER_KEYS.get(label)


def _vertical_pairs(table: Table) -> list[_Pair]:
    rows = [table.header, *table.rows]
    if any(len(row.cells) != 2 for row in rows):
        return []
    pairs = [(key, row.cells[0], row.cells[1]) for row in rows if (key := _header_key(row.cells[0].text))]
    return pairs if len(pairs) * 2 > len(rows) and len(pairs) >= 2 else []


def _horizontal_pairs(table: Table) -> list[_Pair]:
    if len(table.rows) != 1:
        return []
    keys = [_header_key(cell.text) for cell in table.header.cells]
    known = [i for i, key in enumerate(keys) if key is not None]
    if len(known) < 2 or len(known) * 2 <= len(keys):
        return []
    row = table.rows[0]
    return [(keys[i] or "", table.header.cells[i], cell) for i in known if (cell := row.cell(i)) is not None]


def _header_fields(pairs: Sequence[_Pair]) -> FrontMatter:
    fields: list[Field] = []
    seen: set[str] = set()
    for key, key_cell, value_cell in pairs:
        if key in seen or not value_cell.text.strip():
            continue
        seen.add(key)
        fields.append(_header_field(key, value_cell.text.strip(), key_cell.span, value_cell.span))
    if not fields:
        return FrontMatter(kind="none")
    first, last = fields[0].key_span.line, max(f.value_span.line for f in fields)
    return FrontMatter(kind="header", fields=tuple(fields), span=Span(first, 1, last + 1, 1))
