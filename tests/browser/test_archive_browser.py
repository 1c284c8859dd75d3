"""The built archive in a real browser: Debian's /usr/bin/chromium driven by playwright.

Skipped when chromium (or playwright) is missing, unless CI=true, where that is a failure.
Sites are built from the repository's example post-mortems under Material and under
MkDocs' own ``mkdocs`` theme (plus 230 generated incidents for paging), served from
127.0.0.1; any request to another host is blocked and fails the test, so the site is
shown to work offline. axe-core checks every generated page in light and dark.
Screenshots are saved under each test's tmp folder.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

pytestmark = pytest.mark.browser

# Debian's chromium by default; PMLINT_CHROMIUM points elsewhere (e.g. google-chrome on GitHub runners).
CHROMIUM = Path(os.environ.get("PMLINT_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "incidents"
TIMEOUT_MS = 20_000
THEMES = {
    "material": (
        "theme:\n  name: material\n  font: false\n  palette:\n"
        "    - media: '(prefers-color-scheme: light)'\n      scheme: default\n"
        "    - media: '(prefers-color-scheme: dark)'\n      scheme: slate\n"
    ),
    "mkdocs": "theme:\n  name: mkdocs\n  color_mode: auto\n",
    "readthedocs": "theme:\n  name: readthedocs\n",
}
GENERATED_PAGES = {
    "archive": "incidents/",
    "action-items": "incidents/action-items/",
    "insights": "incidents/insights/",
    "services": "incidents/services/",
    "service": "incidents/services/payments-api/",
    "incident": "incidents/2026-03-10-payments-stale-failover-runbook/",
    "incident-with-findings": "incidents/2026-04-02-findings/",
}
# A post-mortem with lint findings, so the findings box is checked too.
FINDINGS = (ROOT / "tests" / "rules" / "base.md").read_text(encoding="utf-8").replace(
    "| @dana.kim | P1 |", "|  | P1 |").replace("date: 2026-03-10", "date: 2026-04-02")


# The mkdocs and readthedocs themes load highlight.js from a CDN (and the mkdocs theme's
# dark-mode script needs its stylesheets): those requests get a local stand-in, never the network.
THEME_CDN = "https://cdnjs.cloudflare.com/ajax/libs/highlight.js/"
HLJS_STUB = "window.hljs = {highlightAll() {}, initHighlightingOnLoad() {}, highlightElement() {}};"


# Script payloads in every field the archive's script renders (issue 16, item 2).
HOSTILE = FINDINGS.replace('title: "Database connection pool exhausted after checkout deploy"',
                           'title: "<img src=x onerror=window.pwned=1>"').replace(
    "severity: SEV-2", 'severity: "<svg onload=window.pwned=2>"').replace(
    "services: [checkout-api, orders-db]", 'services: ["<script>window.pwned=3</script>", orders-db]').replace(
    "|  | P1 |", "| <img src=y onerror=window.pwned=4> | P1 |").replace("date: 2026-04-02", "date: 2024-01-01")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def sync_api() -> Any:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed")
    try:
        from playwright import sync_api
    except ImportError:
        _unavailable("the playwright package is not installed")
    return sync_api


def _build(root: Path, theme: str, generated: int = 0, search: str = "theme") -> Path:
    docs = root / "docs"
    if generated:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from generate import generate

        generate(docs / "incidents", generated - 1)
        (docs / "incidents" / "2024-01-01-hostile.md").write_text(HOSTILE, encoding="utf-8")
    else:
        shutil.copytree(EXAMPLES, docs / "incidents", ignore=shutil.ignore_patterns("index.md"))
        (docs / "incidents" / "2026-04-02-findings.md").write_text(FINDINGS, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nThe incident archive lives under Incidents.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Browser test\n{THEMES[theme]}"
        "plugins:\n  - search\n  - pmlint:\n      today: 2026-11-25\n"
        f"      tracker_url: https://tracker.example/browse/{{id}}\n      search: {search}\n",
        encoding="utf-8",
    )
    config = load_config(config_file=str(root / "mkdocs.yml"))
    build(config)
    return Path(config.site_dir)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One local server holding a site per theme, and the big generated site."""
    top = tmp_path_factory.mktemp("browser-sites")
    served_root = top / "served"
    served_root.mkdir()
    for theme in THEMES:
        shutil.copytree(_build(top / theme, theme), served_root / theme)
    from pmlint.mkdocs import pagefind

    whole, pagefind.PART_SIZE = pagefind.PART_SIZE, 100  # the index in three parts, merged in the browser
    try:
        shutil.copytree(_build(top / "big", "material", generated=230, search="pagefind"), served_root / "big")
    finally:
        pagefind.PART_SIZE = whole
    handler = functools.partial(_QuietHandler, directory=str(served_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield {name: f"{base}{name}/" for name in [*THEMES, "big"]} | {"": base, "dir": str(served_root)}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(sync_api: Any) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page plus every console error, page error and blocked off-site request."""

    def __init__(self, browser: Any, base_url: str, *, javascript: bool = True, width: int = 1280,
                 height: int = 800, scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           java_script_enabled=javascript, color_scheme=scheme)
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.base_url = base_url
        self.origin = base_url.split("/", 3)[:3]

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.split("/", 3)[:3] == self.origin:
            route.continue_()
        elif url.startswith(THEME_CDN):
            stub = HLJS_STUB if url.endswith(".js") else ""
            route.fulfill(status=200, body=stub, content_type="text/javascript" if stub else "text/css")
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def open(self, path: str, ready: bool = True) -> Any:
        self.page.goto(self.base_url + path, wait_until="load")
        if ready and self.page.locator("[data-pmlint-view]").count():
            self.page.wait_for_selector("[data-pmlint-view][data-pmlint-shown]", state="attached")
        return self.page

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.offsite == [], self.offsite


@pytest.fixture()
def opened(browser: Any, served: dict[str, str]) -> Iterator[Any]:
    tabs: list[Watched] = []

    def open_tab(site: str = "material", **options: Any) -> Watched:
        tab = Watched(browser, served[site], **options)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        tab.context.close()


ROWS = "[data-pmlint-view] > .pmlint-scroll:not([hidden]) table tbody tr"


def _shown(page: Any) -> int:
    return int(page.locator("[data-pmlint-view]").get_attribute("data-pmlint-shown"))


# ----------------------------------------------------------------- search


def test_search_finds_incidents_by_title_service_and_owner_with_or_without_at(opened: Any, tmp_path: Path) -> None:
    tab = opened("material")
    page = tab.open("incidents/")
    box = page.locator(".md-search__input")
    for query, expected in (("failover runbook", "Payment processing outage"),
                            ("fulfilment-worker", "orders-db connection pool"),
                            ("@priya.nair", "Payment processing outage"),
                            ("priya.nair", "Payment processing outage"),
                            ("priya", "Payment processing outage")):
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=15)
        page.locator(".md-search-result__item", has_text=expected).first.wait_for(state="visible")
    page.screenshot(path=str(tmp_path / "search-owner.png"))
    tab.check_clean()


# ----------------------------------------------------------------- filters, sort, URL, Back


def test_filters_and_sort_live_in_the_url_and_survive_back(opened: Any, tmp_path: Path) -> None:
    """Issue 15: after Back the dropdown said SEV-1 while all incidents were listed."""
    tab = opened("material")
    page = tab.open("incidents/")
    assert page.locator(ROWS).count() == 9 and _shown(page) == 9
    page.locator('select[data-filter="severity"]').select_option("SEV-1")
    assert page.url.endswith("?severity=SEV-1") and _shown(page) == 2
    assert page.locator("[data-pmlint-count]").inner_text() == "Showing 2 of 9 incidents"
    page.locator("th", has_text="Duration").locator("button").click()
    assert "sort=duration" in page.url
    page.go_back()
    page.wait_for_function("location.search === '?severity=SEV-1'")
    assert page.locator('select[data-filter="severity"]').input_value() == "SEV-1" and _shown(page) == 2
    page.go_back()
    page.wait_for_function("location.search === ''")
    assert page.locator('select[data-filter="severity"]').input_value() == "" and _shown(page) == 9
    page.go_forward()
    page.wait_for_function("location.search === '?severity=SEV-1'")
    assert _shown(page) == 2
    # a shared, filtered link opens filtered
    page = tab.open("incidents/?service=payments-api&sort=duration&dir=asc")
    assert page.locator('select[data-filter="service"]').input_value() == "payments-api"
    durations = page.locator(f"{ROWS} td:nth-child(5)").all_inner_texts()
    assert (durations and durations == sorted(durations, key=lambda t: (len(t.split()), t))) or len(durations) <= 2
    page.locator('input[data-filter="q"]').press_sequentially("stale failover", delay=10)
    page.wait_for_function("location.search.includes('q=stale')")
    assert _shown(page) == 1
    page.locator(".pmlint-reset").click()
    page.wait_for_function("location.search === ''")
    assert _shown(page) == 9
    page.screenshot(path=str(tmp_path / "archive.png"), full_page=True)
    tab.check_clean()


def test_action_items_filter_by_owner_with_or_without_at_and_show_overdue(opened: Any) -> None:
    tab = opened("material")
    page = tab.open("incidents/action-items/?owner=@priya.nair")
    assert page.locator('select[data-filter="owner"]').input_value() == "@priya.nair"
    owners = set(page.locator(f"{ROWS} td:nth-child(3)").all_inner_texts())
    assert owners == {"@priya.nair"}
    page = tab.open("incidents/action-items/?q=priya")
    assert _shown(page) >= len(owners)
    page = tab.open("incidents/action-items/?state=overdue")
    overdue = _shown(page)
    assert overdue > 0 and page.locator(f"{ROWS}.pmlint-row--overdue").count() == min(overdue, 100)
    assert page.locator(f"{ROWS}:not(.pmlint-row--overdue)").count() == 0
    tab.check_clean()


def test_paging_over_the_filtered_rows(opened: Any, tmp_path: Path) -> None:
    tab = opened("big")
    page = tab.open("incidents/")
    assert page.locator(ROWS).count() == 100 and _shown(page) == 230
    page.locator(".pmlint-pager:not([hidden]) button", has_text="Next").click()
    assert page.url.endswith("?page=2") and page.locator(ROWS).count() == 100
    page.locator(".pmlint-pager:not([hidden]) button", has_text="Next").click()
    assert page.locator(ROWS).count() == 30
    page.go_back()
    page.wait_for_function("location.search === '?page=2'")
    assert page.locator(".pmlint-pager__status:visible").first.inner_text() == "Page 2 of 3"
    page.locator('select[data-filter="severity"]').select_option("SEV-1")
    assert "page=" not in page.url and _shown(page) < 230
    # each direction of a sort over the filtered rows (the order is computed once per column)
    date = page.locator("th", has_text="Date").locator("button")
    for direction in ("asc", "desc", "asc"):
        date.click()
        page.wait_for_function(f"location.search.includes('dir={direction}')")
        dates = [text[:10] for text in page.locator(f"{ROWS} td:nth-child(2)").all_inner_texts()]
        assert dates == sorted(dates, reverse=direction == "desc") and len(dates) == min(_shown(page), 100)
    tab.check_clean()


def test_without_javascript_the_pages_link_to_each_other(opened: Any) -> None:
    tab = opened("big", javascript=False)
    page = tab.open("incidents/", ready=False)
    assert not page.locator("[data-pmlint-filters]").is_visible()
    assert page.locator("table.pmlint-incidents tbody tr:visible").count() == 100
    page.locator("a", has_text="Older").first.click()
    assert page.url.endswith("/incidents/page/2/")
    assert page.locator("table.pmlint-incidents tbody tr:visible").count() == 100
    tab.check_clean()


# ----------------------------------------------------------------- themes, phone, accessibility


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_generated_page_renders_styled_under_each_theme(opened: Any, theme: str, tmp_path: Path) -> None:
    tab = opened(theme)
    for name, path in GENERATED_PAGES.items():
        page = tab.open(path)
        assert page.locator("h1").first.is_visible()
        page.screenshot(path=str(tmp_path / f"{theme}-{name}.png"), full_page=True)
    page = tab.open("incidents/insights/")
    fill = page.evaluate("getComputedStyle(document.querySelector('svg.pmlint-svg rect')).fill")
    assert fill not in ("rgb(0, 0, 0)", "none"), fill  # the charts were black outside Material
    badge = page.evaluate("getComputedStyle(document.querySelector('.pmlint-badge, .pmlint-stat')).borderTopWidth")
    assert badge != "0px"
    page = tab.open(GENERATED_PAGES["incident-with-findings"])
    box = page.locator("details.pmlint-findings")
    assert box.is_visible() and box.get_attribute("open") is None
    assert page.locator("details.pmlint-findings li").first.is_hidden()
    tab.check_clean()


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_phone_tables_keep_the_title_in_view_and_charts_stay_legible(opened: Any, theme: str, tmp_path: Path) -> None:
    tab = opened(theme, width=390, height=844)
    page = tab.open("incidents/")
    first = page.locator(f"{ROWS} td").first
    assert first.evaluate("cell => getComputedStyle(cell).position") == "sticky"
    assert page.locator(".pmlint-scroll-hint:visible").count() >= 1
    page.locator("[data-pmlint-view] > .pmlint-scroll").evaluate("el => el.scrollLeft = 400")
    box = first.bounding_box()
    assert box is not None and 0 <= box["x"] < 40  # the title column did not scroll away
    page.screenshot(path=str(tmp_path / f"{theme}-phone-archive.png"))
    page = tab.open("incidents/insights/")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.pmlint-svg text')].map(t =>
             parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a))"""
    )
    assert smallest >= 11, smallest
    page.screenshot(path=str(tmp_path / f"{theme}-phone-insights.png"))
    tab.check_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_axe_finds_no_serious_or_critical_violation_in_pmlint_content(opened: Any, theme: str, scheme: str) -> None:
    """axe-core on every generated page, light and dark; the content pmlint adds (the
    archive's pages and the incident header, findings and related incidents)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable("axe-playwright-python is not installed")
    axe = Axe()
    tab = opened(theme, scheme=scheme)
    found = {}
    for name, path in GENERATED_PAGES.items():
        page = tab.open(path)
        bad = _serious_violations(axe, page)
        if bad:
            found[name] = bad
    assert found == {}
    tab.check_clean()


def _serious_violations(axe: Any, page: Any) -> list[str]:
    """axe-core's serious and critical violations in the content pmlint adds to ``page``."""
    context = {"include": [[sel] for sel in (".pmlint-meta", ".pmlint-findings", ".pmlint-related-block",
                                             "[data-pmlint-view]", ".pmlint-stats", ".pmlint-figure",
                                             ".pmlint-scroll", ".pmlint-buttons", ".pmlint-pager",
                                             ".pmlint-pagefind")
                           if page.locator(sel).count()]}
    results = axe.run(page, context=context, options={"resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_pages_a_big_archive_adds_and_on_search_results(
    opened: Any, served: dict[str, str], scheme: str
) -> None:
    """The archive's later pages, each action-item state's later pages and the search box with
    its results exist only in a big archive: axe-core checks them too, light and dark."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable("axe-playwright-python is not installed")
    axe = Axe()
    site = Path(served["dir"]) / "big"
    later = sorted(p.parent.relative_to(site).as_posix() + "/"
                   for p in (site / "incidents" / "action-items").glob("*/2/index.html"))
    assert later, "230 incidents give more than 100 action items in some state"
    tab = opened("big", scheme=scheme)
    found = {}
    for path in ["incidents/page/2/", *later]:
        bad = _serious_violations(axe, tab.open(path))
        if bad:
            found[path] = bad
    page = tab.open("incidents/")
    page.locator(".pmlint-pagefind input").fill("priya")
    page.locator(".pmlint-search__result:not([hidden])").first.wait_for(state="visible")
    if bad := _serious_violations(axe, page):
        found["search results"] = bad
    assert found == {}
    tab.check_clean()


def test_pagefind_search_answers_from_a_small_part_of_its_index(
    opened: Any, served: dict[str, str], tmp_path: Path
) -> None:
    """search: pagefind: an owner (with or without @), a service and a title word find the
    post-mortems that name them, as links with an excerpt; the queries fetch a small part of
    the index, and the lint findings and related incidents are not what matched."""
    tab = opened("big")
    fetched: list[tuple[str, int]] = []
    tab.page.on("requestfinished", lambda request: "/pagefind/" in request.url and fetched.append(
        (request.url, request.sizes()["responseBodySize"])))
    page = tab.open("incidents/")
    box = page.locator(".pmlint-pagefind input")
    results = page.locator(".pmlint-search__result:not([hidden])")
    for query, expected in (("priya", "@priya.nair"), ("@priya.nair", "@priya.nair"),
                            ("priya.nair", "@priya.nair"), ("payments-api", "payments-api"),
                            ("onerror", "<img src=y onerror=")):
        box.fill(query)
        results.filter(has_text=expected).first.wait_for(state="visible")
        href = results.first.locator("a").evaluate("a => a.href")
        assert href.startswith(served["big"] + "incidents/20"), href
    assert "Related incidents" not in results.first.inner_text()
    assert page.evaluate("() => window.pwned") is None
    page.screenshot(path=str(tmp_path / "pagefind.png"))
    site = Path(served["dir"]) / "big"
    assert json.loads((site / "pagefind" / "pmlint-parts.json").read_text(encoding="utf-8")) == ["2/", "3/"]
    on_disk = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.parent.name in ("index", "fragment"))
    downloaded = sum(size for url, size in fetched if "/index/" in url or "/fragment/" in url)
    assert 0 < downloaded < on_disk / 4, (downloaded, on_disk)
    assert any("/pagefind/3/" in url for url, _ in fetched)  # every part is searched
    assert not any("pagefind-ui" in url for url, _ in fetched)  # Pagefind's own UI is not loaded
    # the theme's search keeps the rest of the site, not the post-mortems Pagefind covers
    theme = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert theme and not any(doc["location"].startswith("incidents/20") for doc in theme)
    tab.check_clean()


def test_script_payloads_in_every_field_stay_text_when_the_script_renders_rows(opened: Any) -> None:
    tab = opened("big")
    dialogs: list[str] = []
    tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("incidents/?q=img", "incidents/action-items/?q=img", "incidents/services/",
                 "incidents/2024-01-01-hostile/"):
        page = tab.open(path)
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.pwned") is None, path
    page = tab.open("incidents/?q=onerror")
    assert _shown(page) == 1 and "<img src=x onerror=window.pwned=1>" in page.locator(ROWS).first.inner_text()
    assert dialogs == []
    tab.check_clean()
