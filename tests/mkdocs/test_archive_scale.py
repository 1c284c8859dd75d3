"""Issue 15: pages stay light at any size (paging + JSON for the script), honest metadata
for post-mortems without front matter, links out of action items, owners findable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pmlint.mkdocs.html import action_html
from tests.mkdocs.sitekit import build_site, incident, make_site, read


def _many(count: int) -> dict[str, str]:
    return {
        f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}-i{i:03d}.md": incident(
            f"Incident {i:03d}", date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            services=f"[svc-{i % 3}]",
        )
        for i in range(count)
    }


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(make_site(tmp_path_factory.mktemp("big"), _many(230)))


def test_the_archive_is_paged_for_readers_without_javascript(big_site: Path) -> None:
    first = read(big_site, "incidents/index.html")
    assert first.count('<tr data-severity') == 100
    assert 'href="page/2/"' in first and "Page 1 of 3" in first
    third = read(big_site, "incidents/page/3/index.html")
    assert third.count('<tr data-severity') == 30 and "Page 3 of 3" in third
    assert 'href="../2/"' in third
    titles = set()
    for page in ("incidents/index.html", "incidents/page/2/index.html", "incidents/page/3/index.html"):
        titles.update(re.findall(r">Incident (\d{3})</a>", read(big_site, page)))
    assert len(titles) == 230


def test_the_paged_listing_is_not_in_search_or_nav(big_site: Path) -> None:
    docs = json.loads(read(big_site, "search/search_index.json"))["docs"]
    assert not [d for d in docs if d["location"].startswith("incidents/page/")]
    assert 'href="page/2/"' not in read(big_site, "index.html")


def test_the_data_files_hold_every_row_for_the_script(big_site: Path) -> None:
    archive = json.loads(read(big_site, "incidents/pmlint-archive.json"))
    assert len(archive["rows"]) == 230
    title, href = archive["rows"][0][:2]
    assert title.startswith("Incident ") and (big_site / "incidents" / href / "index.html").is_file()
    assert [s[0] for s in archive["services"]] == ["svc-0", "svc-1", "svc-2"]
    actions = json.loads(read(big_site, "incidents/pmlint-actions.json"))
    assert len(actions["rows"]) == 230 * 3
    assert {actions["states"][row[6]] for row in actions["rows"]} <= {"overdue", "open", "done"}
    view = read(big_site, "incidents/index.html")
    assert 'data-src="pmlint-archive.json"' in view


def _follow(site: Path, page: str, pager_label: str) -> list[str]:
    """The pages reached from ``page`` by the plain "Next" links of one pager."""
    seen = [page]
    while True:
        text = read(site, seen[-1])
        pager = re.search(rf'<nav class="pmlint-pager" aria-label="{pager_label}"[^>]*>(.*?)</nav>', text, re.S)
        following = re.search(r'<a href="([^"]+)"[^>]*>Next →</a>', pager.group(1)) if pager else None
        if following is None:
            return seen
        target = (site / Path(seen[-1]).parent / following.group(1).split("#")[0] / "index.html").resolve()
        seen.append(target.relative_to(site.resolve()).as_posix())


def test_every_action_item_is_reachable_without_javascript(big_site: Path) -> None:
    """Only the first 100 of each state were on the page; the rest are on plain linked pages."""
    data = json.loads(read(big_site, "incidents/pmlint-actions.json"))
    reached = 0
    for state in ("overdue", "open", "done"):
        expected = sum(1 for row in data["rows"] if data["states"][row[6]] == state)
        pages = _follow(big_site, "incidents/action-items/index.html", f"{state.capitalize()} action items, pages")
        assert len(pages) == -(-expected // 100) or (expected == 0 and len(pages) == 1)
        rows = 0
        for page in pages:
            tables = re.findall(rf'pmlint-actions--{state}".*?<tbody>(.*?)</tbody>', read(big_site, page), re.S)
            rows += sum(body.count("<tr") for body in tables)
        assert rows == expected, state
        reached += rows
        if len(pages) > 1:  # each page links back to the one before it
            last = read(big_site, pages[-1])
            assert re.search(r'<a href="[^"]+"[^>]*>← Previous</a>', last)
            assert "page 2" in read(big_site, pages[1]) and 'href="../../#' + state + '"' in read(big_site, pages[1])
    assert reached == len(data["rows"]) == 230 * 3


def test_action_pages_are_not_in_search_or_nav(big_site: Path) -> None:
    docs = json.loads(read(big_site, "search/search_index.json"))["docs"]
    assert not [d for d in docs if d["location"].startswith("incidents/action-items/") and d["title"] != "Action items"]
    assert "action-items/open/2/" not in read(big_site, "index.html")


def test_service_pages_list_the_latest_and_link_to_the_filtered_archive(big_site: Path) -> None:
    page = read(big_site, "incidents/services/svc-0/index.html")
    assert page.count("<tr data-severity") == 50
    assert 'href="../../?service=svc-0"' in page and "All 77 incidents of svc-0" in page


def test_every_generated_page_stays_small(big_site: Path) -> None:
    heaviest = max((p.stat().st_size, p) for p in big_site.glob("incidents/**/index.html")
                   if "/2025-" not in str(p))
    assert heaviest[0] < 300_000, heaviest


NO_FRONT_MATTER = """# IP starvation in the cluster network

This was handled as a SEV 2 incident.

## Timeline

- 2019-11-29 12:00 Pods fail to start: no IP addresses left
- 2019-11-29 12:20 Alert fires for pending pods
- 2019-11-30 09:00 Subnets enlarged, resolved

## Action items

- Monitor free IPs per subnet
"""


def test_values_inferred_without_front_matter_are_shown_and_marked(tmp_path: Path) -> None:
    """The archive showed "– / unknown / unknown" and "Duration 0m" for such post-mortems."""
    site = build_site(make_site(tmp_path, {"PM2019-009_ip-starvation.md": NO_FRONT_MATTER}))
    page = read(site, "incidents/PM2019-009_ip-starvation/index.html")
    header = page[page.index('class="pmlint-meta"') :]
    header = header[: header.index("</dl>")]
    assert re.search(r"<time>2019-11-29</time> <small class=\"pmlint-inferred\">\(inferred\)</small>", header)
    assert re.search(r"21h 00m <small class=\"pmlint-inferred\">", header)
    assert "SEV-2</span> <small class=\"pmlint-inferred\">" in header
    archive = read(site, "incidents/index.html")
    assert "2019-11-29</time> <small class=\"pmlint-inferred\">" in archive
    assert "No dated incidents" not in read(site, "incidents/insights/index.html")
    row = json.loads(read(site, "incidents/pmlint-archive.json"))["rows"][0]
    assert row[2] == "2019-11-29" and row[6] == 1260 and row[10] == 7


def test_a_zero_minute_timeline_is_not_a_duration(tmp_path: Path) -> None:
    text = NO_FRONT_MATTER.replace("2019-11-30 09:00", "2019-11-29 12:00")
    text = text.replace("- 2019-11-29 12:20 Alert fires for pending pods\n", "")
    site = build_site(make_site(tmp_path, {"PM2019-010_x.md": text}))
    header = read(site, "incidents/PM2019-010_x/index.html")
    assert ">0m<" not in header and "Duration</dt> <dd>–</dd>" in header


def test_action_items_link_urls_and_tracker_references() -> None:
    template = "https://tracker.example/browse/{id}"
    html_text = action_html("Fix OPS-7 and #123, see https://example.com/a?b=1&c=2. Not SEV-2 or `#9`", template)
    assert '<a href="https://tracker.example/browse/OPS-7">OPS-7</a>' in html_text
    assert '<a href="https://tracker.example/browse/123">#123</a>' in html_text
    assert '<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>.' in html_text
    assert "SEV-2" in html_text and "browse/SEV" not in html_text and "<code>#9</code>" in html_text
    assert "<a " not in action_html("Fix OPS-7 and #123")  # no template: no tracker links
    assert "href" not in action_html("javascript:alert(1) <b>x</b>", template)
    assert "&lt;b&gt;" in action_html("javascript:alert(1) <b>x</b>", template)


def test_tracker_url_option_reaches_the_action_items_page(tmp_path: Path) -> None:
    text = incident().replace("| Alert when any pool", "| Track in OPS-42: alert when any pool", 1)
    config = make_site(tmp_path, {"2026-03-10-a.md": text},
                       plugin="- pmlint:\n      today: 2026-04-01\n      tracker_url: https://t.example/{id}")
    site = build_site(config)
    assert '<a href="https://t.example/OPS-42">OPS-42</a>' in read(site, "incidents/action-items/index.html")


def test_owners_are_findable_without_the_at_sign(tmp_path: Path) -> None:
    """``@priya.nair`` found 2, ``priya.nair`` and ``priya`` found 0."""
    site = build_site(make_site(tmp_path, {"2026-03-10-a.md": incident()}))
    docs = json.loads(read(site, "search/search_index.json"))["docs"]
    entry = next(d for d in docs if d["location"] == "incidents/2026-03-10-a/")
    assert "dana.kim dana kim" in entry["text"]


def test_an_atom_feed_lists_post_mortems_newest_first(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    incidents = {
        "2026-01-10-old.md": incident("Old <one>", date="2026-01-10", review_date="2026-01-12"),
        "2026-03-10-new.md": incident("New & shiny", date="2026-03-10", review_date="2026-03-12"),
    }
    config = make_site(tmp_path, incidents)
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://example.org/docs/\n", encoding="utf-8")
    site = build_site(config)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "incidents/feed.xml").read_bytes())
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == ["New & shiny", "Old <one>"]
    assert entries[0].find(f"{atom}link").get("href") == "https://example.org/docs/incidents/2026-03-10-new/"
    assert entries[0].findtext(f"{atom}updated") == "2026-03-12T00:00:00+00:00"
    assert 'href="feed.xml"' in read(site, "incidents/index.html")


def test_no_feed_without_site_url(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, {"2026-03-10-a.md": incident()}))
    assert not (site / "incidents/feed.xml").exists()
    assert "Atom feed" not in read(site, "incidents/index.html")


def test_search_pagefind_indexes_incident_pages_only(tmp_path: Path) -> None:
    pytest.importorskip("pagefind_bin")
    config = make_site(tmp_path, {"2026-03-10-a.md": incident(), "2026-03-11-b.md": incident("Second")},
                       plugin="- pmlint:\n      today: 2026-04-01\n      search: pagefind")
    site = build_site(config)
    assert (site / "pagefind/pagefind-ui.js").is_file() and list((site / "pagefind/fragment").iterdir())
    assert len(list((site / "pagefind/fragment").iterdir())) == 2  # the two incidents, not the lists
    assert "<div data-pagefind-body>" in read(site, "incidents/2026-03-10-a/index.html")
    assert 'data-pmlint-pagefind="../pagefind/"' in read(site, "incidents/index.html")
