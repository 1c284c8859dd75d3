"""The insights page: charts (inline SVG) over :class:`pmlint.insights.Insights`,
each followed by the same numbers as a table."""

from __future__ import annotations

from collections.abc import Sequence

from pmlint.insights import Insights, Ranked, SeverityTimes, human_minutes, percent
from pmlint.mkdocs import charts
from pmlint.mkdocs.archive import Archive, Links
from pmlint.mkdocs.charts import BarRow, LegendItem, Segment
from pmlint.mkdocs.html import Cell, Column, Stat, empty, esc, link, page_body, stat_cards, table

PHASES = (("detect", "Time to detect"), ("mitigate", "Time to mitigate"), ("resolve", "Time to resolve"))
#: the repeats table lists the latest ones; at 10,000 incidents there are thousands
REPEATS_SHOWN = 100
DELAY_BUCKETS = (
    (0, 2, "0–2 days"),
    (3, 5, "3–5 days"),
    (6, 10, "6–10 days"),
    (11, 30, "11–30 days"),
    (31, 10**6, "over 30 days"),
)


def sev_color(archive: Archive, severity: str) -> str:
    rank = archive.rank(severity)
    return f"pmlint-c--sev{min(rank, 5)}" if rank else "pmlint-c--sevunknown"


def _heading(key: str, title: str, intro: str = "") -> str:
    text = f'<p class="pmlint-intro">{esc(intro)}</p>' if intro else ""
    return f'<h2 id="{key}">{esc(title)}</h2>{text}'


def _per_month(archive: Archive) -> str:
    insights = archive.insights
    if not insights.months:
        return _heading("per-month", "Incidents per month") + empty("No dated incidents.")
    columns = [
        charts.Column(
            m.month,
            tuple(
                Segment(c.count, sev_color(archive, c.severity), f"{m.month} · {c.severity}: {c.count}")
                for c in m.counts
            ),
        )
        for m in insights.months
    ]
    svg = charts.stacked_columns("pmlint-chart-months", "Incidents per month by severity", columns)
    legend = charts.legend([LegendItem(s, sev_color(archive, s)) for s in insights.severities])
    data = table(
        [
            Column("Month"),
            *(Column(s, "number", "pmlint-col-num") for s in insights.severities),
            Column("Total", "number", "pmlint-col-num"),
        ],
        (
            (
                "",
                [
                    Cell(esc(m.month)),
                    *(Cell(str(c.count), str(c.count)) for c in m.counts),
                    Cell(str(m.total), str(m.total)),
                ],
            )
            for m in insights.months
        ),
    )
    return _heading("per-month", "Incidents per month") + charts.figure(
        svg, "Incidents per month, stacked by severity.", legend, data
    )


def _times_table(rows: Sequence[SeverityTimes]) -> str:
    columns = [Column("Severity"), Column("Incidents", "number", "pmlint-col-num")]
    for _, label in PHASES:
        columns += [
            Column(f"{label} (mean)", "number", "pmlint-col-num"),
            Column("median", "number", "pmlint-col-num"),
        ]

    def cells(row: SeverityTimes) -> list[Cell]:
        out = [Cell(esc(row.severity)), Cell(str(row.incidents), str(row.incidents))]
        for key, _ in PHASES:
            summary = getattr(row, key)
            out += [
                Cell(esc(human_minutes(summary.mean)), str(summary.mean or -1)),
                Cell(esc(human_minutes(summary.median)), str(summary.median or -1)),
            ]
        return out

    return table(columns, (("", cells(row)) for row in rows))


def _response_times(archive: Archive) -> str:
    insights = archive.insights
    rows = []
    for row in (*insights.by_severity, insights.overall):
        bars = tuple(
            (
                Segment(
                    getattr(row, key).mean or 0,
                    f"pmlint-c--{key}",
                    f"{row.severity} · {label}: {human_minutes(getattr(row, key).mean)}",
                ),
                human_minutes(getattr(row, key).mean),
            )
            for key, label in PHASES
        )
        rows.append(BarRow("All incidents" if row is insights.overall else row.severity, bars))
    svg = charts.horizontal_bars(
        "pmlint-chart-times", "Mean time to detect, mitigate and resolve by severity", rows
    )
    legend = charts.legend([LegendItem(label, f"pmlint-c--{key}") for key, label in PHASES])
    intro = (
        "Measured from the start of impact (front matter started/detected/mitigated/resolved, "
        "else the timeline). MTTD = mean time to detect, MTTR = mean time to resolve."
    )
    return _heading("response-times", "MTTD and MTTR by severity", intro) + charts.figure(
        svg,
        "Mean minutes from start of impact, by severity.",
        legend,
        _times_table([*insights.by_severity, insights.overall]),
    )


def _postmortem(archive: Archive) -> str:
    pm = archive.insights.postmortem
    days = [i.facts.postmortem_days for i in archive.incidents]
    counts = [
        (label, sum(1 for d in days if d is not None and low <= d <= high))
        for low, high, label in DELAY_BUCKETS
    ]
    counts.append(("no review date", pm.pending))
    rows = [
        BarRow(
            label,
            (
                (
                    Segment(
                        n,
                        "pmlint-c--pending" if label == "no review date" else "pmlint-c--bar",
                        f"{label}: {n}",
                    ),
                    str(n),
                ),
            ),
        )
        for label, n in counts
    ]
    svg = charts.horizontal_bars("pmlint-chart-review", "Days from incident to post-mortem review", rows)
    data = table(
        [Column("Days to review"), Column("Incidents", "number", "pmlint-col-num")],
        (("", [Cell(esc(label)), Cell(str(n), str(n))]) for label, n in counts),
    )
    mean = "–" if pm.mean_days is None else f"{pm.mean_days:g}"
    intro = (
        f"Calendar days from the incident date to review_date. Mean {mean} days; "
        f"{pm.on_target} of {pm.count} reviewed within 5 business days (a common target in incident handbooks)."
    )
    return _heading("time-to-postmortem", "Time to post-mortem", intro) + charts.figure(
        svg, "Incidents by days until the review meeting.", "", data
    )


def _followups(archive: Archive, links: Links) -> str:
    fu = archive.insights.followups
    parts = [
        ("done", "Done", fu.done),
        ("open", "Open, not overdue", fu.open - fu.overdue),
        ("overdue", "Overdue", fu.overdue),
    ]
    svg = charts.proportion_bar(
        "pmlint-chart-followups",
        "Action items by state",
        [Segment(n, f"pmlint-c--{key}", f"{label}: {n}") for key, label, n in parts],
    )
    legend = charts.legend([LegendItem(f"{label} ({n})", f"pmlint-c--{key}") for key, label, n in parts])
    data = table(
        [Column("State"), Column("Items", "number", "pmlint-col-num")],
        (("", [Cell(esc(label)), Cell(str(n), str(n))]) for _, label, n in parts),
    )
    href = links.href(archive.pages.actions) if archive.has_page(archive.pages.actions) else None
    more = f" See {link(href, 'all action items')}." if href else ""
    intro = (
        f'<p class="pmlint-intro">{fu.done} of {fu.total} action items done '
        f"({esc(percent(fu.completion_rate))}); {fu.overdue} overdue as of "
        f"{archive.today.isoformat()}.{more}</p>"
    )
    return (
        '<h2 id="follow-ups">Follow-up completion</h2>'
        + intro
        + charts.figure(svg, "Action items: done, open and overdue.", legend, data)
    )


def _ranking(
    archive: Archive, links: Links, key: str, title: str, ranked: Sequence[Ranked], service: bool
) -> str:
    if not ranked:
        return _heading(key, title) + empty("Nothing recorded.")
    rows = [
        BarRow(r.name, ((Segment(r.count, "pmlint-c--bar", f"{r.name}: {r.count}"), str(r.count)),))
        for r in ranked[:10]
    ]
    svg = charts.horizontal_bars(f"pmlint-chart-{key}", title, rows)

    def name(r: Ranked) -> str:
        uri = archive.service_uri(r.name) if service else None
        href = links.href(uri) if uri else None
        return link(href, esc(r.name)) if href else esc(r.name)

    data = table(
        [Column("Name"), Column("Incidents", "number", "pmlint-col-num")],
        (("", [Cell(name(r), r.name), Cell(str(r.count), str(r.count))]) for r in ranked),
    )
    shown = "" if len(ranked) <= 10 else f" (top 10 of {len(ranked)})"
    return _heading(key, title) + charts.figure(svg, f"{title}{shown}, by number of incidents.", "", data)


def _repeats(archive: Archive, links: Links) -> str:
    insights = archive.insights
    intro = (
        f"A repeat shares a service and the root-cause category with an incident at most 90 days "
        f"earlier. {len({r.repeat.path for r in insights.repeats})} of {insights.incidents} incidents "
        f"({percent(insights.repeat_rate)}) are repeats."
    )
    if not insights.repeats:
        return _heading("repeats", "Repeat incidents", intro) + empty("No repeats.")
    uri_of = {i.facts.path: i.src_uri for i in archive.incidents}

    def ref(path: str, title: str) -> str:
        href = links.href(uri_of.get(path, ""))
        return link(href, esc(title)) if href else esc(title)

    rows = (
        (
            "",
            [
                Cell(esc(r.service)),
                Cell(esc(r.category)),
                Cell(ref(r.first.path, r.first.title)),
                Cell(ref(r.repeat.path, r.repeat.title)),
                Cell(str(r.days_apart), str(r.days_apart)),
            ],
        )
        for r in insights.repeats[:REPEATS_SHOWN]
    )
    if len(insights.repeats) > REPEATS_SHOWN:
        intro += f" The table lists the latest {REPEATS_SHOWN}."
    columns = [
        Column("Service"),
        Column("Category"),
        Column("Earlier incident"),
        Column("Repeat"),
        Column("Days apart", "number", "pmlint-col-num"),
    ]
    return _heading("repeats", "Repeat incidents", intro) + table(columns, rows)


def _summary(insights: Insights) -> str:
    fu, pm = insights.followups, insights.postmortem
    return stat_cards(
        [
            Stat("incidents", str(insights.incidents)),
            Stat("MTTD", human_minutes(insights.overall.detect.mean), "mean time to detect"),
            Stat("MTTR", human_minutes(insights.overall.resolve.mean), "mean time to resolve"),
            Stat(
                "follow-ups done",
                percent(fu.completion_rate),
                f"{fu.overdue} overdue",
                "bad" if fu.overdue else "",
            ),
            Stat("days to post-mortem", "–" if pm.median_days is None else f"{pm.median_days:g}", "median"),
            Stat("repeat incidents", percent(insights.repeat_rate), "same service and cause"),
        ]
    )


def render_insights(archive: Archive, links: Links) -> str:
    blocks = ['<h1 id="insights">Insights</h1>']
    if not archive.incidents:
        return page_body([*blocks, empty("No post-mortems yet.")])
    blocks += [
        _summary(archive.insights),
        _per_month(archive),
        _response_times(archive),
        _postmortem(archive),
        _followups(archive, links),
        _ranking(archive, links, "categories", "Root-cause categories", archive.insights.categories, False),
        _ranking(archive, links, "services", "Most affected services", archive.insights.services, True),
        _repeats(archive, links),
    ]
    return page_body(blocks)
