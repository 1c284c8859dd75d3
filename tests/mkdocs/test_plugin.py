"""The MkDocs plugin: build small sites in tmp_path and read the HTML they produce."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from pmlint.mkdocs.html import esc, inline
from tests.mkdocs.sitekit import EXAMPLES, build_site, incident, make_site, read


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's example post-mortems plus a hostile one, built once."""
    root = tmp_path_factory.mktemp("site")
    incidents = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES.glob("*.md")}
    incidents["2026-03-15-script-title.md"] = (
        incident(
            "<script>alert(1)</script>",
            services='["<img src=x onerror=alert(2)>", orders-db]',
            severity="SEV-2",
            date="2026-03-15",
        )
        .replace("# Database connection pool exhausted after checkout deploy", "# Escaping test")
        .replace("| @sam.ortiz |", "| <b>@sam.ortiz</b> |")
    )
    yield build_site(make_site(root, incidents))


# ----------------------------------------------------------------- pages


def test_generated_pages_and_assets_exist(site: Path) -> None:
    for path in (
        "incidents/index.html",
        "incidents/action-items/index.html",
        "incidents/insights/index.html",
        "incidents/services/index.html",
        "incidents/services/payments-api/index.html",
        "assets/pmlint/pmlint.css",
        "assets/pmlint/pmlint.js",
        "incidents/2026-03-10-payments-stale-failover-runbook/index.html",
    ):
        assert (site / path).is_file(), path
    archive = read(site, "incidents/index.html")
    assert 'href="../assets/pmlint/pmlint.css"' in archive and "assets/pmlint/pmlint.js" in archive


def test_archive_index_lists_incidents_newest_first_grouped_by_year(site: Path) -> None:
    archive = read(site, "incidents/index.html")
    assert archive.count('<section class="pmlint-year"') == 2
    assert archive.index('id="year-2026"') < archive.index('id="year-2025"')
    newest = archive.index("partner webhook TLS certificate")
    oldest = archive.index("NOT NULL column migration")
    assert newest < oldest
    assert 'href="2026-03-10-payments-stale-failover-runbook/"' in archive
    assert 'data-severity="SEV-1"' in archive and 'data-services="payments-api|payments-db"' in archive
    # usable without JavaScript: the filter form is hidden until pmlint.js reveals it
    assert re.search(r'<form class="pmlint-filters"[^>]*\shidden', archive)


def test_incident_pages_are_kept_out_of_the_navigation(site: Path) -> None:
    """Auto-generated nav (no nav: in mkdocs.yml) lists the archive pages but no incident."""
    archive = read(site, "incidents/index.html")
    nav_html = archive[archive.index('class="md-nav md-nav--primary"') :]
    nav_html = nav_html[: nav_html.index('<div class="md-sidebar md-sidebar--secondary"')]
    assert "Insights" in nav_html and "Action items" in nav_html
    assert "stale-failover-runbook" not in nav_html and "services/payments-api" not in nav_html


def test_incident_page_header_findings_and_related(site: Path) -> None:
    page = read(site, "incidents/2026-03-10-payments-stale-failover-runbook/index.html")
    header = page[page.index('class="pmlint-meta"') :]
    header = header[: header.index("</dl>")]
    for text in (
        "SEV-1",
        "final",
        "2026-03-10",
        "4h 23m",
        "3m",
        "payments-api",
        "payments-db",
        "@priya.nair",
        "process-gap",
    ):
        assert text in header, text
    assert page.index('class="pmlint-meta"') > page.index("<h1")
    related = page[page.index('id="related-incidents"') :]
    assert "Checkout payment failures: gateway brownout" in related
    assert 'href="../2026-01-20-gateway-no-circuit-breaker/"' in related
    assert "pmlint-findings" not in page  # the examples are lint-clean


def test_findings_box_is_closed_and_follows_the_header(tmp_path: Path) -> None:
    """Issue 15: findings sat above the post-mortem, open; now one closed line under the header."""
    broken = incident(status="draft").replace("| @dana.kim | P1 |", "|  | P1 |")
    site = build_site(make_site(tmp_path, {"2026-03-10-broken.md": broken}))
    page = read(site, "incidents/2026-03-10-broken/index.html")
    box = page[page.index("<details class=\"warning pmlint-findings") :]
    box = box[: box.index("</details>")]
    assert "PM401" in box and "lint finding" in box and "warning" in box
    assert " open" not in box[: box.index(">")]
    assert page.index('class="pmlint-meta"') < page.index("pmlint-findings") < page.index('id="summary"')


def test_front_matter_and_table_values_are_escaped(site: Path) -> None:
    own_page = site / "incidents/2026-03-15-script-title/index.html"
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text, html_file
        assert "<img src=x" not in text, html_file
        if html_file != own_page:  # the post-mortem's own body is its author's Markdown, rendered as such
            assert "<b>@sam.ortiz</b>" not in text, html_file
    archive = read(site, "incidents/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in archive
    page = read(site, "incidents/2026-03-15-script-title/index.html")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - Test archive</title>" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    actions = read(site, "incidents/action-items/index.html")
    assert "&lt;b&gt;@sam.ortiz&lt;/b&gt;" in actions


def test_search_index_has_generated_pages_and_incidents_with_services_and_severity(site: Path) -> None:
    docs = json.loads(read(site, "search/search_index.json"))["docs"]
    locations = {entry["location"] for entry in docs}
    for page in (
        "incidents/",
        "incidents/action-items/",
        "incidents/insights/",
        "incidents/services/",
        "incidents/services/payments-api/",
    ):
        assert page in locations, page
    top = next(e for e in docs if e["location"] == "incidents/2026-03-10-payments-stale-failover-runbook/")
    assert "SEV-1" in top["text"] and "payments-api" in top["text"] and "payments-db" in top["text"]
    assert {"SEV-1", "payments-api", "payments-db"} <= set(top["tags"])
    archive = next(e for e in docs if e["location"] == "incidents/")
    assert "Incident archive" in archive["title"]


def test_insights_page_has_svg_charts_each_with_a_table(site: Path) -> None:
    page = read(site, "incidents/insights/index.html")
    charts = page.count('<svg class="pmlint-svg"')
    assert charts >= 5
    assert page.count('<details class="pmlint-data">') == charts
    assert "Incidents per month" in page and "MTTD and MTTR by severity" in page
    assert "Repeat incidents" in page and "payments-api" in page[page.index('id="repeats"') :]


def test_action_items_page_highlights_overdue_by_injected_today(site: Path) -> None:
    page = read(site, "incidents/action-items/index.html")
    overdue = page[page.index('id="overdue"') : page.index('id="open"')]
    assert "pmlint-row--overdue" in overdue and "days late" in overdue
    assert "as of 2026-04-01" in page


def test_service_page_lists_its_incidents_and_open_items(site: Path) -> None:
    page = read(site, "incidents/services/payments-api/index.html")
    assert "Payment processing outage" in page and "Checkout payment failures" in page
    assert "Wrong search results" not in page
    assert 'id="open-action-items"' in page


def test_site_needs_no_network(site: Path) -> None:
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', text), html_file


# ----------------------------------------------------------------- options and edge cases


def test_strict_fails_the_build_on_lint_errors(tmp_path: Path) -> None:
    broken = incident().replace("| @dana.kim | P1 |", "|  | P1 |")  # final status: missing owner is an error
    config = make_site(
        tmp_path,
        {"2026-03-10-broken.md": broken},
        plugin="- pmlint:\n      strict: true\n      today: 2026-04-01",
    )
    with pytest.raises(Abort):
        build_site(config)


def test_strict_passes_on_clean_incidents(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2026-03-10-ok.md": incident()}, plugin="- pmlint:\n      strict: true")
    site = build_site(config, strict=True)
    assert (site / "incidents/2026-03-10-ok/index.html").is_file()


def test_pages_option_prefix_and_explicit_nav(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {"2026-03-10-ok.md": incident()},
        plugin="- pmlint:\n      pages: [archive, insights]\n      prefix: archive",
        nav="nav:\n  - Home: index.md\n  - Archive: archive/index.md\n  - Insights: archive/insights.md\n",
    )
    site = build_site(config, strict=True)
    assert (site / "archive/index.html").is_file() and (site / "archive/insights/index.html").is_file()
    assert not (site / "archive/action-items").exists() and not (site / "archive/services").exists()
    archive = read(site, "archive/index.html")
    assert 'href="../incidents/2026-03-10-ok/"' in archive


def test_a_hand_written_page_wins_over_a_generated_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_site(tmp_path, {"2026-03-10-ok.md": incident(), "index.md": "# Our own archive page\n"})
    with caplog.at_level(logging.WARNING):
        site = build_site(config)
    assert "Our own archive page" in read(site, "incidents/index.html")
    assert "incidents/index.md exists in docs_dir, so the plugin does not generate" in caplog.text


def test_related_entries_resolve_by_path_or_name_and_missing_ones_are_shown(tmp_path: Path) -> None:
    first = incident("First", date="2026-01-10", services="[billing]")
    second = incident(
        "Second",
        date="2026-02-10",
        services="[ledger]",
        related='["2026-01-10-first.md", "no-such-incident.md"]',
    )
    site = build_site(make_site(tmp_path, {"2026-01-10-first.md": first, "2026-02-10-second.md": second}))
    second_page = read(site, "incidents/2026-02-10-second/index.html")
    assert 'href="../2026-01-10-first/"' in second_page and "no-such-incident.md (not found" in second_page
    first_page = read(site, "incidents/2026-01-10-first/index.html")
    assert 'href="../2026-02-10-second/"' in first_page  # linked back


def test_invalid_today_is_a_config_error(tmp_path: Path) -> None:
    config = make_site(tmp_path, {}, plugin="- pmlint:\n      today: tomorrow")
    with pytest.raises(Abort):
        build_site(config)


def test_empty_archive_builds(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, {}), strict=True)
    assert "No post-mortems yet." in read(site, "incidents/index.html")


def test_rebuild_picks_up_edits_like_mkdocs_serve(tmp_path: Path) -> None:
    """Serve keeps the plugin between builds: edited files are analysed again, the others reused."""
    config_file = make_site(
        tmp_path,
        {
            "2026-03-10-a.md": incident("Before the edit"),
            "2026-03-11-b.md": incident("Untouched", date="2026-03-11"),
        },
    )
    config = load_config(config_file=str(config_file))
    build(config)
    memo = dict(config.plugins["pmlint"]._memo)
    (tmp_path / "docs/incidents/2026-03-10-a.md").write_text(incident("After the edit"), encoding="utf-8")
    build(config)
    archive = read(Path(config.site_dir), "incidents/index.html")
    assert "After the edit" in archive and "Before the edit" not in archive
    again = config.plugins["pmlint"]._memo
    untouched = [key for key in again if key[0] == "incidents/2026-03-11-b.md"]
    assert len(again) == 2 and again[untouched[0]] is memo[untouched[0]]


def test_unreadable_incident_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_site(tmp_path, {"2026-03-10-ok.md": incident()})
    (tmp_path / "docs/incidents/2026-03-11-binary.md").write_bytes(b"\x00\x01binary")
    with caplog.at_level(logging.WARNING):
        site = build_site(config)
    assert "pmlint: skipping docs/incidents/2026-03-11-binary.md:1: binary file" in caplog.text
    assert read(site, "incidents/index.html").count("<tr data-severity") == 1


def test_worker_processes_give_the_same_site(tmp_path: Path) -> None:
    """jobs: 2 parses and lints in worker processes; the pages must not change."""
    incidents = {
        f"2026-{month:02d}-{day:02d}-i{day}.md": incident(
            f"Incident {month}-{day}",
            date=f"2026-{month:02d}-{day:02d}",
            services=f"[svc-{day % 4}, orders-db]",
        ).replace("| @dana.kim | P1 |", "|  | P1 |" if day % 5 == 0 else "| @dana.kim | P1 |")
        for month in (1, 2)
        for day in range(1, 16)
    }
    pages = (
        "incidents/index.html",
        "incidents/action-items/index.html",
        "incidents/insights/index.html",
        "incidents/services/svc-1/index.html",
        "incidents/2026-01-05-i5/index.html",
    )
    built = {}
    for jobs in (1, 2):
        root = tmp_path / f"jobs{jobs}"
        site = build_site(
            make_site(root, incidents, plugin=f"- pmlint:\n      today: 2026-04-01\n      jobs: {jobs}")
        )
        built[jobs] = {page: read(site, page) for page in pages}
    assert built[1] == built[2]
    assert "PM401" in built[2]["incidents/2026-01-05-i5/index.html"]


def test_service_names_that_need_yaml_are_planned_like_the_parser_reads_them(tmp_path: Path) -> None:
    incidents = {
        "2026-01-01-a.md": incident("A", date="2026-01-01", services='["Payments API", "ledger"]'),
        "2026-01-02-b.md": incident("B", date="2026-01-02", services="\n  - search\n  - ledger"),
        "2026-01-03-c.md": incident("C", date="2026-01-03", services="billing, yes"),
    }
    site = build_site(make_site(tmp_path, incidents))
    for slug in ("payments-api", "ledger", "search", "billing", "yes"):
        assert (site / f"incidents/services/{slug}/index.html").is_file(), slug
    assert "Payments API" in read(site, "incidents/services/payments-api/index.html")


# --- the HTML helpers' fast paths -----------------------------------------------------------


@given(st.text())
def test_esc_is_html_escape(text: str) -> None:
    assert esc(text) == html.escape(text, quote=True)


@given(st.text(alphabet="ab`*<&'\" \n"))
def test_inline_renders_code_and_strong_only_after_escaping(text: str) -> None:
    escaped = html.escape(text, quote=True)
    expected = re.sub(r"\*\*([^*\n]+)\*\*", r"<strong>\1</strong>", re.sub(r"`([^`\n]+)`", r"<code>\1</code>", escaped))
    assert inline(text) == expected
