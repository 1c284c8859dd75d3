"""Small HTML builders for generated pages. Every value from a post-mortem goes
through :func:`esc` (or :func:`inline`, which escapes first), never raw."""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmlint.workspace import names

_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*([^*\n]+)\*\*")


def esc(value: object) -> str:
    """HTML-escape any value, quotes included (safe in text and attributes)."""
    text = "" if value is None else str(value)
    # Most cells (dates, names, severities) hold nothing to escape: five scans are cheaper
    # than html.escape's five replacements, and an archive page escapes ~100,000 values.
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text


_SEARCH_SAFE = str.maketrans({"<": "‹", ">": "›"})


def search_text(value: object) -> str:
    """:func:`esc` for text a search index reads: MkDocs' search plugin unescapes page text
    into its index and its theme inserts results as HTML, so ``&lt;img …&gt;`` would become
    a tag there. Angle brackets turn into look-alike quotation marks instead."""
    return esc(("" if value is None else str(value)).translate(_SEARCH_SAFE))


def inline(text: str | None) -> str:
    """Escape, then render only `code` and **strong**: enough for table cells, nothing unsafe."""
    escaped = esc(text or "")
    if "`" in escaped:
        escaped = _CODE.sub(r"<code>\1</code>", escaped)
    return _STRONG.sub(r"<strong>\1</strong>", escaped) if "**" in escaped else escaped


#: longest slug: file systems refuse names over 255 bytes, and a URL part this long helps nobody
SLUG_LIMIT = 64


#: a code span, a web address, ``#123`` or a tracker key like ``OPS-7`` (``SEV-2`` is a severity)
_LINKABLE = re.compile(
    r"`[^`\n]+`|https?://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]|(?<![\w/#&])#\d+\b|\b(?!SEV-)[A-Z][A-Z0-9]{1,9}-\d+\b"
)


def action_html(text: str | None, tracker_url: str | None = None) -> str:
    """:func:`inline`, with web addresses linked, and issue references (``#123``, ``OPS-7``)
    linked through ``tracker_url`` (``{id}`` stands for ``123`` or ``OPS-7``) when it is set."""
    if not text or not _LINKABLE.search(text):
        return inline(text)
    out, position = [], 0
    for match in _LINKABLE.finditer(text):
        out.append(inline(text[position : match.start()]))
        token = match.group(0)
        if token.startswith("`"):
            out.append(inline(token))
        elif token.startswith("http"):
            out.append(link(token, esc(token)))
        elif tracker_url:
            out.append(link(tracker_url.replace("{id}", urllib.parse.quote(token.lstrip("#"))), esc(token)))
        else:
            out.append(esc(token))
        position = match.end()
    out.append(inline(text[position:]))
    return "".join(out)


def slugify(text: str) -> str:
    """A URL- and file-name-safe slug for a generated page or CSS class (bounded and unique)."""
    return names.slugify(text, SLUG_LIMIT, unique=True)


def front_matter(title: str, *, hide_toc: bool = True, boost: float | None = None,
                 exclude_search: bool = False) -> str:
    """YAML front matter for a generated page (a JSON string is valid YAML); the title is
    escaped because themes print ``page.meta.title`` unescaped."""
    meta = [f"title: {json.dumps(esc(title))}"]
    if hide_toc:
        meta.append("hide: [toc]")
    if exclude_search:
        meta.append("search: {exclude: true}")
    elif boost is not None:
        meta.append(f"search: {{boost: {boost}}}")
    return "---\n" + "\n".join(meta) + "\n---\n"


def page_body(blocks: Iterable[str]) -> str:
    """Blocks separated by blank lines, so Python-Markdown keeps each HTML block raw."""
    return "\n\n".join(b.strip("\n") for b in blocks if b) + "\n"


DEFER_OPEN = "<!--pmlint:defer-->"
DEFER_CLOSE = "<!--/pmlint:defer-->"
_SLOT = re.compile(r'<div data-pmlint-slot="(\d+)">.*?</div>', re.S)


def deferred(content: str) -> str:
    """Mark bulky HTML (tables, charts) to be put into the page only after Markdown and
    Material's search have run: it is rows of what incident pages already say, so
    search results lead to the incidents, and a big archive costs string copies, not parsing."""
    return f"{DEFER_OPEN}{content}{DEFER_CLOSE}"


def split_deferred(text: str) -> tuple[str, list[str]]:
    """Replace each outermost deferred part with a placeholder; return the text and the parts."""
    parts: list[str] = []
    out: list[str] = []
    position = depth = 0
    start = 0
    while True:
        opening = text.find(DEFER_OPEN, position)
        closing = text.find(DEFER_CLOSE, position)
        if closing < 0:
            break
        if 0 <= opening < closing:
            if depth == 0:
                out.append(text[start:opening])
                start = opening
            depth += 1
            position = opening + len(DEFER_OPEN)
            continue
        depth = max(depth - 1, 0)
        position = closing + len(DEFER_CLOSE)
        if depth == 0:
            part = text[start:position].replace(DEFER_OPEN, "").replace(DEFER_CLOSE, "")
            out.append(slot(len(parts)))
            parts.append(part)
            start = position
    out.append(text[start:])
    return "".join(out), parts


def slot(index: int, stand_in: str = "") -> str:
    """The placeholder of deferred part ``index``; ``stand_in`` (no ``<div>``) is what search sees."""
    return f'<div data-pmlint-slot="{index}">{stand_in}</div>'


def fill_deferred(html_text: str, parts: Sequence[str]) -> str:
    """Put the deferred parts back in place of their placeholders."""
    return _SLOT.sub(lambda m: parts[int(m.group(1))] if int(m.group(1)) < len(parts) else "", html_text)


INFERRED_NOTE = ' <small class="pmlint-inferred">(inferred)</small>'


def maybe_inferred(value_html: str, inferred: bool) -> str:
    """A value pmlint inferred (no front matter states it) says so, in words."""
    return value_html + INFERRED_NOTE if inferred else value_html


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
    defer: bool = True,
) -> str:
    """A table inside a scroll wrapper; each row is (row attributes, cells).
    Sort keys go into ``data-sort`` so the JS sorts dates, severities and durations right."""
    head = " ".join(
        f'<th scope="col" data-kind="{c.kind}"{_class(c.cls)}>{esc(c.label)}</th>' for c in columns
    )
    classes = [_class(column.cls) for column in columns]  # once per column, not per cell
    body = []
    for attrs, cells in rows:
        tds = " ".join(
            f"<td{_sort(cell.sort)}{cls_attr}>{cell.html}</td>"
            for cls_attr, cell in zip(classes, cells, strict=True)
        )
        body.append(f"<tr{(' ' + attrs) if attrs else ''}>{tds}</tr>")
    sort_attr = " data-pmlint-sortable" if sortable else ""
    caption_html = f"<caption>{esc(caption)}</caption>" if caption else ""
    html_text = (
        f"{SCROLL_HINT}"
        f'<div class="pmlint-scroll"><table{_class(f"pmlint-table {cls}")}{sort_attr}>'
        f"{caption_html}<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table></div>"
    )
    return deferred(html_text) if defer else html_text


#: shown on narrow screens (CSS) unless pmlint.js finds that the table fits
SCROLL_HINT = '<p class="pmlint-scroll-hint">Scroll sideways for more columns →</p>'


def _class(names: str) -> str:
    names = " ".join(names.split())
    return f' class="{esc(names)}"' if names else ""


def _sort(value: str | None) -> str:
    return "" if value is None else f' data-sort="{esc(value)}"'


def data_attrs(**values: str) -> str:
    return " ".join(f'data-{key.replace("_", "-")}="{esc(value)}"' for key, value in values.items())


def empty(message: str) -> str:
    return f'<p class="pmlint-empty">{esc(message)}</p>'
