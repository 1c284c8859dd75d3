"""Small HTML builders for generated pages. Every value from a post-mortem goes
through :func:`esc` (or :func:`inline`, which escapes first), never raw."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*([^*\n]+)\*\*")
_SLUG = re.compile(r"[^a-z0-9]+")


def esc(value: object) -> str:
    """HTML-escape any value, quotes included (safe in text and attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def inline(text: str | None) -> str:
    """Escape, then render only `code` and **strong**: enough for table cells, nothing unsafe."""
    escaped = esc(text or "")
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    return _STRONG.sub(r"<strong>\1</strong>", escaped)


def slugify(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "item"


def markdown_page(
    title: str, blocks: Iterable[str], *, hide_toc: bool = True, boost: float | None = None
) -> str:
    """A generated page: YAML front matter (JSON strings are valid YAML) and blocks
    separated by blank lines so Python-Markdown keeps each HTML block raw."""
    meta = [f"title: {json.dumps(esc(title))}"]
    if hide_toc:
        meta.append("hide: [toc]")
    if boost is not None:
        meta.append(f"search: {{boost: {boost}}}")
    return "---\n" + "\n".join(meta) + "\n---\n\n" + "\n\n".join(b.strip("\n") for b in blocks if b) + "\n"


def severity_badge(severity: str, rank: int | None) -> str:
    level = "unknown" if rank is None else str(min(rank, 5))
    return f'<span class="pmlint-badge pmlint-sev pmlint-sev--{level}">{esc(severity)}</span>'


def status_badge(status: str) -> str:
    return f'<span class="pmlint-badge pmlint-status pmlint-status--{slugify(status)}">{esc(status)}</span>'


def link(href: str, text_html: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(href)}"{attr}>{text_html}</a>'


@dataclass(frozen=True)
class Stat:
    label: str
    value: str
    note: str = ""
    tone: str = ""


def stat_cards(stats: Sequence[Stat]) -> str:
    cards = []
    for stat in stats:
        tone = f" pmlint-stat--{stat.tone}" if stat.tone else ""
        note = f'<span class="pmlint-stat__note">{esc(stat.note)}</span>' if stat.note else ""
        cards.append(
            f'<div class="pmlint-stat{tone}"><span class="pmlint-stat__value">{esc(stat.value)}</span> '
            f'<span class="pmlint-stat__label">{esc(stat.label)}</span> {note}</div>'
        )
    return f'<div class="pmlint-stats">{" ".join(cards)}</div>'


@dataclass(frozen=True)
class Column:
    """A table column: label, CSS modifier and how JS sorts it (text, number or none)."""

    label: str
    kind: str = "text"
    cls: str = ""


@dataclass(frozen=True)
class Cell:
    html: str
    sort: str | None = None


def table(
    columns: Sequence[Column],
    rows: Iterable[tuple[str, Sequence[Cell]]],
    *,
    cls: str = "",
    sortable: bool = True,
    caption: str = "",
) -> str:
    """A table inside a scroll wrapper; each row is (row attributes, cells).
    Sort keys go into ``data-sort`` so the JS sorts dates, severities and durations right."""
    head = " ".join(
        f'<th scope="col" data-kind="{c.kind}"{_class(c.cls)}>{esc(c.label)}</th>' for c in columns
    )
    body = []
    for attrs, cells in rows:
        tds = " ".join(
            f"<td{_sort(cell.sort)}{_class(col.cls)}>{cell.html}</td>"
            for col, cell in zip(columns, cells, strict=True)
        )
        body.append(f"<tr{(' ' + attrs) if attrs else ''}>{tds}</tr>")
    sort_attr = " data-pmlint-sortable" if sortable else ""
    caption_html = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="pmlint-scroll"><table{_class(f"pmlint-table {cls}")}{sort_attr}>'
        f"{caption_html}<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table></div>"
    )


def _class(names: str) -> str:
    names = " ".join(names.split())
    return f' class="{esc(names)}"' if names else ""


def _sort(value: str | None) -> str:
    return "" if value is None else f' data-sort="{esc(value)}"'


def data_attrs(**values: str) -> str:
    return " ".join(f'data-{key.replace("_", "-")}="{esc(value)}"' for key, value in values.items())


def empty(message: str) -> str:
    return f'<p class="pmlint-empty">{esc(message)}</p>'
