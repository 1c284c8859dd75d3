"""Inline SVG charts: no chart library, no CDN. Colours come from CSS classes
(``pmlint-c--*`` set ``--pmlint-c``), so charts follow the theme and dark mode.
Every label is escaped; every mark carries a ``<title>`` tooltip."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pmlint.mkdocs.html import deferred, esc

WIDTH = 720


@dataclass(frozen=True)
class Segment:
    """One coloured piece of a bar: its value, colour class and tooltip."""

    value: float
    color: str
    tooltip: str


@dataclass(frozen=True)
class Column:
    label: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class BarRow:
    """A labelled row of one or more bars (grouped series), each with display text."""

    label: str
    bars: tuple[tuple[Segment, str], ...]


@dataclass(frozen=True)
class LegendItem:
    label: str
    color: str


def _svg(chart_id: str, title: str, height: float, body: str, desc: str = "") -> str:
    description = f'<desc id="{chart_id}-d">{esc(desc)}</desc>' if desc else ""
    labelled = f"{chart_id}-t {chart_id}-d" if desc else f"{chart_id}-t"
    return (
        f'<svg class="pmlint-svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{labelled}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{esc(title)}</title>{description}{body}</svg>'
    )


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _rect(x: float, y: float, w: float, h: float, segment: Segment) -> str:
    return (
        f'<rect class="pmlint-c {esc(segment.color)}" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" '
        f'height="{max(h, 0):.1f}" rx="1.5"><title>{esc(segment.tooltip)}</title></rect>'
    )


def stacked_columns(chart_id: str, title: str, columns: Sequence[Column], desc: str = "") -> str:
    """Vertical stacked bars, one per column (months), with a y axis of counts."""
    height, top, bottom, left, right = 240.0, 12.0, 34.0, 36.0, 8.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = nice_max(max((sum(s.value for s in c.segments) for c in columns), default=0))
    parts = []
    ticks = 4 if peak >= 4 else int(peak)
    for tick in range(ticks + 1):
        value = peak * tick / ticks
        y = top + plot_h - plot_h * value / peak
        parts.append(
            f'<line class="pmlint-grid" x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="pmlint-axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>'
        )
    band = plot_w / max(len(columns), 1)
    bar_w = max(min(band * 0.72, 36), 1.5)
    every = max(1, math.ceil(len(columns) * 64 / plot_w))
    for index, column in enumerate(columns):
        x = left + band * index + (band - bar_w) / 2
        y = top + plot_h
        for segment in column.segments:
            if segment.value <= 0:
                continue
            h = plot_h * segment.value / peak
            y -= h
            parts.append(_rect(x, y, bar_w, h, segment))
        if index % every == 0:
            parts.append(
                f'<text class="pmlint-axis" x="{x + bar_w / 2:.1f}" y="{height - 12}" '
                f'text-anchor="middle">{esc(column.label)}</text>'
            )
    return _svg(chart_id, title, height, "".join(parts), desc)


def horizontal_bars(chart_id: str, title: str, rows: Sequence[BarRow], desc: str = "") -> str:
    """Horizontal bars (grouped when a row has several), label on the left, value at the end."""
    label_w, value_w, bar_h, gap, top = 190.0, 70.0, 14.0, 10.0, 6.0
    plot_w = WIDTH - label_w - value_w
    peak = max((segment.value for row in rows for segment, _ in row.bars), default=0) or 1
    parts, y = [], top
    for row in rows:
        group_h = bar_h * len(row.bars) + 2 * (len(row.bars) - 1)
        label = row.label if len(row.label) <= 26 else row.label[:25] + "…"
        parts.append(
            f'<text class="pmlint-label" x="{label_w - 10}" y="{y + group_h / 2 + 4:.1f}" '
            f'text-anchor="end">{esc(label)}<title>{esc(row.label)}</title></text>'
        )
        for segment, text in row.bars:
            w = plot_w * segment.value / peak
            parts.append(_rect(label_w, y, w, bar_h, segment))
            parts.append(
                f'<text class="pmlint-value" x="{label_w + w + 6:.1f}" y="{y + bar_h - 3:.1f}">'
                f"{esc(text)}</text>"
            )
            y += bar_h + 2
        y += gap - 2
    return _svg(chart_id, title, y + top, "".join(parts), desc)


def proportion_bar(chart_id: str, title: str, segments: Sequence[Segment], desc: str = "") -> str:
    """One full-width bar split into parts (e.g. done / open / overdue)."""
    height, bar_h = 40.0, 28.0
    total = sum(s.value for s in segments) or 1
    parts, x = [], 0.0
    for segment in segments:
        w = WIDTH * segment.value / total
        if w > 0:
            parts.append(_rect(x, (height - bar_h) / 2, w, bar_h, segment))
        x += w
    return _svg(chart_id, title, height, "".join(parts), desc)


def legend(items: Sequence[LegendItem]) -> str:
    entries = "".join(
        f'<li><span class="pmlint-swatch pmlint-c {esc(item.color)}" aria-hidden="true"></span>'
        f"{esc(item.label)}</li>"
        for item in items
    )
    return f'<ul class="pmlint-legend">{entries}</ul>'


def figure(svg: str, caption: str, legend_html: str = "", table_html: str = "") -> str:
    """A chart with its legend, caption and the same numbers as a table."""
    data = (
        f'<details class="pmlint-data"><summary>Data table</summary>{table_html}</details>'
        if table_html
        else ""
    )
    return deferred(
        f'<figure class="pmlint-figure"><div class="pmlint-chart">{svg}</div>{legend_html}'
        f"<figcaption>{esc(caption)}</figcaption></figure>\n{data}"
    )
