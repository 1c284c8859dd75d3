"""Issue 16, site side: nothing pmlint puts into the site runs as script, generated file
names stay bounded, nothing outside docs_dir is published, raw HTML in bodies can be escaped."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

import pytest

from tests.mkdocs.sitekit import build_site, incident, make_site, read

PAYLOADS = ("<img src=x onerror=alert(2)>", "<svg onload=alert(3)>", "<script>alert(1)</script>")
RAW_TAG = re.compile(r"<(?:img|svg|script)\b", re.I)


def _hostile() -> dict[str, str]:
    return {
        "2026-03-15-hostile.md": incident(
            PAYLOADS[2],
            services=json.dumps([PAYLOADS[0], "orders-db"]),
            severity=json.dumps(PAYLOADS[1]),
            authors=json.dumps(["<img src=y onerror=alert(4)>"]),
            root_cause_category=json.dumps("<script>alert(5)</script>"),
            date="2026-03-15",
        ).replace("# Database connection pool exhausted after checkout deploy", "# Escaping test")
    }


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_front_matter_payloads_never_reach_the_search_index_as_markup(tmp_path: Path, theme: str) -> None:
    """Issue 16 item 2: Material renders ``tags`` and result text as HTML; MkDocs' own search
    unescapes page text into its index and its theme inserts it as HTML."""
    site = build_site(make_site(tmp_path, _hostile(), theme=theme))
    index = json.loads(read(site, "search/search_index.json"))
    leaked = [text for text in _strings(index) if RAW_TAG.search(text)]
    assert leaked == []
    entry = next(d for d in index["docs"] if d["location"] == "incidents/2026-03-15-hostile/")
    if theme == "material":
        assert "&lt;svg onload=alert(3)&gt;" in entry["tags"] and "orders-db" in entry["tags"]
    assert "orders-db" in entry["text"]  # the services are still searchable


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_front_matter_payloads_are_escaped_on_every_page(tmp_path: Path, theme: str) -> None:
    site = build_site(make_site(tmp_path, _hostile(), theme=theme))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(?:img src=[xy]|svg onload|script>alert)", text), page
    assert "&lt;svg onload=alert(3)&gt;" in read(site, "incidents/index.html")


def test_a_long_service_name_gets_a_bounded_unique_page_name(tmp_path: Path) -> None:
    """Issue 16 item 10: a 277-character service name crashed the build (File name too long)."""
    first, second = "a" * 277, "a" * 276 + "b"
    incidents = {
        "2026-03-10-a.md": incident("A", date="2026-03-10", services=json.dumps([first])),
        "2026-03-11-b.md": incident("B", date="2026-03-11", services=json.dumps([second])),
    }
    site = build_site(make_site(tmp_path, incidents))
    pages = sorted(p for p in (site / "incidents/services").iterdir() if p.is_dir())
    assert len(pages) == 2
    assert all(len(p.name) <= 64 for p in pages)
    shown = {p.name: read(site, f"incidents/services/{p.name}/index.html") for p in pages}
    assert sorted(name for name in (first, second) for text in shown.values() if f">{name} <" in text) == [
        first,
        second,
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_to_a_file_outside_docs_dir_is_not_published(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 16 item 11: it was published, indexed and linked from the archive."""
    config = make_site(tmp_path / "site", {"2026-03-10-ok.md": incident()})
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir()
    secret.write_text(incident("Outside secret", date="2026-03-11"), encoding="utf-8")
    (tmp_path / "site/docs/incidents/2026-03-11-leak.md").symlink_to(secret)
    inside = tmp_path / "site/docs/incidents/2026-03-12-alias.md"
    inside.symlink_to(tmp_path / "site/docs/incidents/2026-03-10-ok.md")
    with caplog.at_level(logging.WARNING):
        site = build_site(config)
    assert not (site / "incidents/2026-03-11-leak").exists()
    assert (site / "incidents/2026-03-12-alias/index.html").is_file()  # inside docs_dir: published
    for page in [*site.rglob("*.html"), site / "search/search_index.json"]:
        assert "Outside secret" not in page.read_text(encoding="utf-8"), page
    assert "not publishing incidents/2026-03-11-leak.md" in caplog.text


BODY_HTML = (
    "\n<script>alert('body')</script>\n\n"
    "Inline <img src=z onerror=alert(6)> tag and `<code>` in a span.\n\n"
    "<!-- pmlint-disable PM999 -->\n\n"
    "```html\n<b>fenced</b>\n```\n"
)


def _with_body_html() -> str:
    text = incident()
    at = text.index("## Summary")
    return text[:at] + BODY_HTML + "\n" + text[at:]


def test_raw_html_in_an_incident_body_runs_by_default_like_mkdocs(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, {"2026-03-10-html.md": _with_body_html()}))
    page = read(site, "incidents/2026-03-10-html/index.html")
    assert "<script>alert('body')</script>" in page


def test_raw_html_escape_shows_body_html_as_text(tmp_path: Path) -> None:
    """Issue 16 item 12: ``raw_html: escape`` renders an incident body's tags as text;
    code keeps its text, comments vanish, other pages are untouched."""
    config = make_site(
        tmp_path,
        {"2026-03-10-html.md": _with_body_html()},
        plugin="- pmlint:\n      today: 2026-04-01\n      raw_html: escape",
        extra_docs={"guide.md": "# Guide\n\n<span class=\"kept\">raw</span>\n"},
    )
    site = build_site(config, strict=True)
    page = read(site, "incidents/2026-03-10-html/index.html")
    body = page[page.index("<article") :]
    assert "<script>alert(" not in body and "<img src=z" not in body
    assert "&lt;script&gt;alert(" in body and "&lt;img src=z onerror=alert(6)&gt;" in body
    assert "<code>&lt;code&gt;</code>" in body
    assert "&lt;b&gt;fenced&lt;/b&gt;" in body or "&lt;</span><span class=\"nt\">b" in body
    assert "pmlint-disable" not in body
    assert '<span class="kept">raw</span>' in read(site, "guide/index.html")


def test_the_data_files_hold_payloads_as_text_or_escaped_html(tmp_path: Path) -> None:
    """pmlint.js writes the data files' HTML fragments into the page as they are and escapes
    every other string itself: the fragments must already be escaped."""
    hostile = _hostile()
    text = hostile["2026-03-15-hostile.md"].replace("| @dana.kim | P1 |", "| <img src=o onerror=alert(7)> | P1 |")
    site = build_site(make_site(tmp_path, {"2026-03-15-hostile.md": text}))
    archive = json.loads(read(site, "incidents/pmlint-archive.json"))
    actions = json.loads(read(site, "incidents/pmlint-actions.json"))
    fragments = [s[1] for s in archive["severities"]] + [s[1] for s in archive["statuses"]]
    fragments += [row[0] for row in actions["rows"]]
    assert all(not RAW_TAG.search(fragment) for fragment in fragments), fragments
    assert PAYLOADS[2] in {row[0] for row in archive["rows"]}  # plain text, escaped by the script
    assert "<img src=o onerror=alert(7)>" in actions["owners"]
    script = (Path(__file__).parents[2] / "pmlint/mkdocs/assets/pmlint.js").read_text(encoding="utf-8")
    assert "esc(r.owner" in script and "esc(r[0])" in script and "esc(service[0])" in script
