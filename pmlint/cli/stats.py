"""``pmlint stats``: the archive's insights on the command line (see :mod:`pmlint.insights`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import click

from pmlint.cli.common import default_paths, display_path, environment, fail, load
from pmlint.cli.env import Environment, ExitStatus
from pmlint.document.parse import parse
from pmlint.document.source import SourceError, SourceFile, printable
from pmlint.insights import IncidentFacts, Insights, human_minutes, incident_facts, percent, summarize
from pmlint.lint.config import Config
from pmlint.workspace.discovery import discover


def _read(env: Environment, targets: Sequence[Path], config: Config) -> tuple[list[IncidentFacts], bool]:
    """Facts for every post-mortem ``check`` would lint; unreadable ones get a one-line error."""
    found = discover(targets, config.exclusions())
    settings = config.parse_settings
    ok = not found.errors
    for name, message in found.errors:
        click.echo(printable(f"pmlint: error: {name}: {message}"), file=env.stderr)
    facts = []
    for path in found.files:
        try:
            source = SourceFile.read(path, display_path(path))
        except SourceError as exc:
            click.echo(printable(f"pmlint: error: {exc}"), file=env.stderr)
            ok = False
            continue
        facts.append(incident_facts(parse(source, settings)))
    return facts, ok


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A plain aligned table; the first column left-aligned, the rest right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [cells[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))]
        return "  ".join(parts).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]


def render_text(insights: Insights) -> str:
    noun = "incident" if insights.incidents == 1 else "incidents"
    out = [f"{insights.incidents} {noun} (today: {insights.today.isoformat()})"]
    if not insights.incidents:
        return out[0] + "\nNo post-mortems found.\n"
    if insights.undated:
        out.append(f"{insights.undated} without a valid date (left out of the monthly counts)")
    months = [[m.month, *(str(c.count) for c in m.counts), str(m.total)] for m in insights.months]
    out += ["", "Incidents per month", *_table(["month", *insights.severities, "total"], months)]
    times = [
        [t.severity, str(t.incidents), *(human_minutes(d.mean) for d in (t.detect, t.mitigate, t.resolve)),
         human_minutes(t.resolve.median)]
        for t in (*insights.by_severity, insights.overall)
    ]  # fmt: skip
    out += ["", "Response times from the start of impact (means; MTTM = time to mitigate)",
            *_table(["severity", "incidents", "MTTD", "MTTM", "MTTR", "median TTR"], times)]
    pm, fu = insights.postmortem, insights.followups
    mean_days = "–" if pm.mean_days is None else f"{pm.mean_days:g} days"
    out += ["", "Post-mortems",
            f"  time to review: mean {mean_days}, {pm.on_target} of {pm.count} within 5 business days,"
            f" {pm.pending} without a review_date",
            f"  follow-ups: {fu.done} of {fu.total} done ({percent(fu.completion_rate)}),"
            f" {fu.open} open, {fu.overdue} overdue"]  # fmt: skip
    for title, ranked in (("Root-cause categories", insights.categories), ("Services", insights.services)):
        rows = [[r.name, str(r.count)] for r in ranked[:10]]
        more = [f"  … and {len(ranked) - 10} more"] if len(ranked) > 10 else []
        out += ["", title, *_table(["name", "incidents"], rows), *more]
    out += ["", f"Repeat incidents (same service and category within 90 days): {len(insights.repeats)}"
                f" ({percent(insights.repeat_rate)} of incidents)"]  # fmt: skip
    out += [f"  {r.repeat.path} repeats {r.first.path} after {r.days_apart} days ({r.service}, {r.category})"
            for r in insights.repeats]  # fmt: skip
    return "".join(printable(line) + "\n" for line in out)  # names and paths come from the files


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", help="Output format."
)
@click.option("--today", "today_text", metavar="YYYY-MM-DD", help="Date that decides what is overdue.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this configuration file.",
)
def stats(
    paths: tuple[Path, ...], output_format: str, today_text: str | None, config_file: Path | None
) -> None:
    """Incident metrics: per month, MTTD/MTTR, follow-ups, repeats."""
    env = environment()
    today = env.current_date()
    if today_text is not None:
        try:
            today = dt.date.fromisoformat(today_text)
        except ValueError:
            fail(env, f"--today: '{today_text}' is not a YYYY-MM-DD date")
    config = load(env, paths, config_file)
    facts, ok = _read(env, default_paths(config, paths), config)
    insights = summarize(facts, today)
    if output_format == "json":
        click.echo(json.dumps(insights.to_dict(), indent=2), file=env.stdout)
    else:
        click.echo(render_text(insights), file=env.stdout, nl=False)
    raise SystemExit(ExitStatus.SUCCESS if ok else ExitStatus.ERROR)
