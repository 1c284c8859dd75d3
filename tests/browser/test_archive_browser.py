"""The built archive in a real browser: Debian's /usr/bin/chromium driven by playwright.

Skipped when chromium (or playwright) is missing, unless CI=true, where that is a failure.
The site is the repository's example post-mortems, served from 127.0.0.1; any request
to another host is blocked and fails the test, so the site is shown to work offline.
Screenshots of every page are saved under the test's tmp folder.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
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
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "incidents"
TIMEOUT_MS = 20_000


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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-site")
    docs = root / "docs"
    shutil.copytree(EXAMPLES, docs / "incidents", ignore=shutil.ignore_patterns("index.md"))
    (docs / "index.md").write_text("# Home\n\nThe incident archive lives under Incidents.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Browser test\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - pmlint:\n      today: 2026-11-25\n",
        encoding="utf-8",
    )
    config = load_config(config_file=str(root / "mkdocs.yml"))
    build(config)
    return Path(config.site_dir)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
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

    def __init__(self, browser: Any, base_url: str, javascript: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.base_url = base_url

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.base_url):
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def open(self, path: str) -> Any:
        self.page.goto(self.base_url + path, wait_until="load")
        return self.page

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.offsite == [], self.offsite


@pytest.fixture()
def watched(browser: Any, base_url: str) -> Iterator[Watched]:
    tab = Watched(browser, base_url)
    yield tab
    tab.context.close()


ROWS = "[data-pmlint-archive] .pmlint-scroll table.pmlint-incidents tbody tr"


def test_search_box_finds_an_incident_by_title_and_by_service(watched: Watched, tmp_path: Path) -> None:
    page = watched.open("incidents/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("failover runbook", delay=20)
    result = page.locator(".md-search-result__item", has_text="Payment processing outage").first
    result.wait_for(state="visible")
    page.screenshot(path=str(tmp_path / "search-title.png"))
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press_sequentially("fulfilment-worker", delay=20)
    page.locator(".md-search-result__item", has_text="orders-db connection pool").first.wait_for(state="visible")
    page.screenshot(path=str(tmp_path / "search-service.png"))
    watched.check_clean()


def test_filters_shrink_the_archive_table_and_columns_sort(watched: Watched, tmp_path: Path) -> None:
    page = watched.open("incidents/")
    form = page.locator("[data-pmlint-filters]")
    form.wait_for(state="visible")
    rows = page.locator(ROWS)
    assert rows.count() == 8 and page.locator(f"{ROWS}:visible").count() == 8
    page.locator('select[data-filter="severity"]').select_option("SEV-1")
    assert page.locator(f"{ROWS}:visible").count() == 2
    assert page.locator("[data-pmlint-count]").inner_text() == "Showing 2 of 8 incidents"
    page.screenshot(path=str(tmp_path / "archive-filtered.png"), full_page=True)
    page.locator('select[data-filter="severity"]').select_option("")
    page.locator('input[data-filter="text"]').press_sequentially("payments", delay=10)
    assert 0 < page.locator(f"{ROWS}:visible").count() < 8
    page.locator('select[data-filter="services"]').select_option("cdn-edge")
    assert page.locator(f"{ROWS}:visible").count() == 0
    assert page.locator(".pmlint-empty", has_text="No incident matches").is_visible()
    page.locator(".pmlint-reset").click()
    page.wait_for_function("document.querySelector('[data-pmlint-count]').textContent === '8 incidents'")
    page.locator("th", has_text="Duration").locator("button").click()  # ascending: shortest first
    first = page.locator(ROWS).first.locator("td").nth(4).inner_text()
    assert first == "1h 12m"
    page.screenshot(path=str(tmp_path / "archive-sorted.png"), full_page=True)
    watched.check_clean()


def test_insights_page_shows_svg_charts(watched: Watched, tmp_path: Path) -> None:
    page = watched.open("incidents/insights/")
    charts = page.locator("svg.pmlint-svg")
    assert charts.count() >= 5
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 400 and box["height"] > 20
    assert page.locator("svg.pmlint-svg rect").count() > 20
    page.screenshot(path=str(tmp_path / "insights.png"), full_page=True)
    watched.check_clean()


def test_every_generated_page_renders_cleanly(watched: Watched, tmp_path: Path) -> None:
    pages = {
        "archive": "incidents/",
        "action-items": "incidents/action-items/",
        "services": "incidents/services/",
        "service": "incidents/services/payments-api/",
        "incident": "incidents/2026-03-10-payments-stale-failover-runbook/",
    }
    for name, path in pages.items():
        page = watched.open(path)
        assert page.locator("h1").first.is_visible()
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    page = watched.open("incidents/action-items/")
    assert page.locator("tr.pmlint-row--overdue").count() > 0
    page = watched.open("incidents/2026-03-10-payments-stale-failover-runbook/")
    assert page.locator(".pmlint-meta").inner_text().count("SEV-1") == 1
    assert page.locator("#related-incidents").is_visible()
    watched.check_clean()


def test_archive_works_without_javascript(browser: Any, base_url: str, tmp_path: Path) -> None:
    tab = Watched(browser, base_url, javascript=False)
    try:
        page = tab.open("incidents/")
        assert not page.locator("[data-pmlint-filters]").is_visible()
        assert page.locator(".pmlint-year h2").count() == 2
        assert page.locator("table.pmlint-incidents tbody tr:visible").count() == 8
        page.screenshot(path=str(tmp_path / "archive-no-js.png"), full_page=True)
        tab.check_clean()
    finally:
        tab.context.close()
