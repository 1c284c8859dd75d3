"""The archive site end to end: build time, page weights, search bytes and first-search latency.

    python benchmarks/site_bench.py --n 1000 [--n 10000] [--repeat 1] [--searches 3]
    python benchmarks/site_bench.py --n 10000 --only pagefind --work /tmp/site10k  # iterate on search

For each N (generated incidents, ``generate.py``), in one command:

* build time of plain MkDocs + Material with the incidents out of the nav, against the
  pmlint plugin and the plugin with ``search: pagefind`` (the builds of ``archive_bench.py``,
  best of ``--repeat``); the issue's target is 1.2x plain;
* the heaviest generated page (target under 300 KB) and the data files pmlint.js fetches;
* search: Material's index (raw and gzip) against Pagefind's bundle, and in headless
  Chromium (Debian's /usr/bin/chromium, network throttled to 20 Mbit/s and 20 ms) the time
  from the last keystroke of a query to the first result, with the bytes each search
  fetched. The local server does not compress, so Material's index is sent raw (the gzip
  size is printed next to it); Pagefind's files are compressed on disk. Each search runs
  ``--searches`` times in a fresh browser context (nothing cached); the range is printed,
  with the bytes fetched by kind (Pagefind's script and wasm, its index chunks, its fragments);
* sort and filter on the archive and action-items pages at full size (pmlint.js), each
  repeated, the range printed (target 100 ms).

``--only`` builds and measures some variants (a 10,000-incident run of all three takes
about half an hour on two CPUs); ``--work DIR`` keeps the generated site in DIR and reuses
its post-mortems on the next run, ``--no-build`` reuses its built sites too.

Ratios and sizes are printed; nothing is asserted. Needs playwright and chromium for the
search part (skipped with a note when either is missing).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from archive_bench import PLUGIN, make_site, measure  # noqa: E402

CHROMIUM = Path(os.environ.get("PMLINT_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LINK = {"offline": False, "latency": 20, "downloadThroughput": 20e6 / 8, "uploadThroughput": 5e6 / 8}
#: an owner without its @ (in many pages: a long list of matches) and a service
QUERIES = ("priya", "payments-api")
PAGES = ("index.html", "action-items/index.html", "insights/index.html", "services/index.html")


def add_pagefind_variant(configs: dict[str, Path]) -> None:
    text = PLUGIN.replace("today: 2026-11-25", "today: 2026-11-25\n      search: pagefind")
    path = configs["plugin"].with_name("mkdocs-pagefind.yml")
    path.write_text(text + "docs_dir: docs\nsite_dir: site-pagefind\n", encoding="utf-8")
    configs["pagefind"] = path


def page_weights(site: Path) -> dict[str, int]:
    """Bytes of every generated page (not the incidents' own pages)."""
    folder = site / "incidents"
    pages = {name: (folder / name).stat().st_size for name in PAGES if (folder / name).is_file()}
    for page in (folder / "services").glob("*/index.html"):
        pages[f"services/{page.parent.name}"] = page.stat().st_size
    for page in (folder / "page").glob("*/index.html"):
        pages[f"page/{page.parent.name}"] = page.stat().st_size
    return pages


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_KINDS = (  # the Pagefind index comes in parts: pagefind/, pagefind/2/ ...
    (re.compile(r"/pagefind/(\d+/)?index/"), "index"),
    (re.compile(r"/pagefind/(\d+/)?fragment/"), "fragments"),
    (re.compile(r"/pagefind/(\d+/)?filter/"), "filters"),
    (re.compile(r"/pagefind/"), "pagefind js/wasm/meta"),
    (re.compile(r"/search/"), "theme search"),
)


def _kind(url: str) -> str:
    """What a fetched file is, for the breakdown of a search's bytes."""
    return next((kind for pattern, kind in _KINDS if pattern.search(url)), "other")


@dataclass(frozen=True)
class Search:
    seconds: float  # last keystroke to the first result with its title shown
    fetched: dict[str, int]  # bytes fetched after the page loaded, by kind


def first_search(browser: object, base: str, box: str, result: str, query: str) -> Search:
    """One first search in a fresh context (nothing cached) over the throttled link."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(120_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINK)
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
    page.goto(base + "incidents/", wait_until="networkidle")  # the archive's own data loaded too
    page.locator(box).first.wait_for(state="visible")
    loaded = len(fetched)
    page.locator(box).first.click()
    page.locator(box).first.press_sequentially(query, delay=30)
    start = time.perf_counter()
    page.locator(result).first.wait_for(state="visible")
    seconds = time.perf_counter() - start
    page.wait_for_timeout(300)
    context.close()
    kinds: dict[str, int] = {}
    for url, size in fetched[loaded:]:
        kinds[_kind(url)] = kinds.get(_kind(url), 0) + size
    return Search(seconds, kinds)


SEARCHES = {  # name: (site variant, search box, a shown result's title)
    "material search": ("plugin", ".md-search__input", ".md-search-result__item"),
    "pagefind": ("pagefind", ".pmlint-pagefind input", ".pmlint-search__link"),
}

SET_FIELD = ("(f => {{ f.value = '{value}'; f.dispatchEvent(new Event('{event}', {{bubbles: true}})); }})"
             "(document.querySelector('[data-pmlint-view] [data-filter={name}]'))")
TYPE = SET_FIELD.replace("{event}", "input").replace("{name}", "q")  # the text box answers to input
SET_FIELD = SET_FIELD.replace("{event}", "change")
SORT = "document.querySelectorAll('[data-pmlint-view] > .pmlint-scroll th button')[{column}].click()"
INTERACTIONS = {  # page: {name: script}; each filter is undone before the next one
    "archive": {
        "sort by duration": SORT.format(column=4),
        "filter SEV-1": SET_FIELD.format(name="severity", value="SEV-1"),
        "clear SEV-1": SET_FIELD.format(name="severity", value=""),
        "text filter": TYPE.format(value="payments"),
        "clear text": TYPE.format(value=""),
    },
    "action-items": {
        "sort by owner": SORT.format(column=2),
        "filter overdue": SET_FIELD.format(name="state", value="overdue"),
        "clear state": SET_FIELD.format(name="state", value=""),
        "filter owner": SET_FIELD.format(name="owner", value="@priya.nair"),
        "clear owner": SET_FIELD.format(name="owner", value=""),
        "text filter": TYPE.format(value="runbook"),
        "clear text": TYPE.format(value=""),
    },
}
PAGE_PATHS = {"archive": "incidents/", "action-items": "incidents/action-items/"}


def interactions(browser: object, base: str, rounds: int) -> dict[str, list[float]]:
    """Milliseconds from a sort or filter event to the second animation frame after it: pmlint.js
    sorting or filtering every row, redrawing a page of them, and the browser's layout."""
    found: dict[str, list[float]] = {}
    for page_name, scripts in INTERACTIONS.items():
        page = browser.new_page()  # type: ignore[attr-defined]
        page.set_default_timeout(120_000)
        page.goto(base + PAGE_PATHS[page_name], wait_until="load")
        page.wait_for_selector("[data-pmlint-view][data-pmlint-shown]", state="attached")
        for _ in range(rounds):
            for name, script in scripts.items():
                found.setdefault(f"{page_name} {name}", []).append(page.evaluate(
                    f"() => new Promise(done => {{ const t = performance.now(); {script}; "
                    "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))); })"
                ))
        page.close()
    return found


def browser_part(sites: dict[str, Path], queries: list[str], searches: int) -> None:
    if not CHROMIUM.exists():
        print(f"  browser part skipped: {CHROMIUM} is not installed")
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("  browser part skipped: playwright is not installed")
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            interactive = sites.get("plugin") or sites.get("pagefind")
            if interactive:
                with serve(interactive) as base:
                    for name, times in interactions(browser, base, searches).items():
                        print(f"  {name:28} {spread(times, 'ms')} (target 100 ms)")
            for name, (variant, box, result) in SEARCHES.items():
                if variant not in sites:
                    continue
                with serve(sites[variant]) as base:
                    for query in queries:
                        runs = [first_search(browser, base, box, result, query) for _ in range(searches)]
                        kinds = runs[-1].fetched
                        detail = ", ".join(f"{kind} {size / 1024:.0f}" for kind, size in sorted(kinds.items()))
                        print(f"  first search '{query}' at 20 Mbit/s, {name:15}: "
                              f"{spread([r.seconds for r in runs], 's')} (target 1 s), "
                              f"{sum(kinds.values()) / 1024:.0f} KB fetched ({detail})")
        finally:
            browser.close()


def spread(values: list[float], unit: str) -> str:
    """``0.41 s`` or ``0.38-0.52 s``: the lowest and highest of the repeats."""
    low, high = min(values), max(values)
    digits = 0 if unit == "ms" else 2
    if high - low < 10 ** -digits:
        return f"{low:.{digits}f} {unit}"
    return f"{low:.{digits}f}-{high:.{digits}f} {unit}"


VARIANTS = ("plain", "plugin", "pagefind")


def prepare(work: Path, n: int) -> dict[str, Path]:
    """The generated site and configurations in ``work``; post-mortems already written for
    the same N are reused."""
    marker = work / "incidents.count"
    if marker.is_file() and marker.read_text().strip() == str(n):
        configs = {name: work / f"mkdocs-{name}.yml" for name in ("plain", "plugin")}
    else:
        for stale in (work / "docs", *work.glob("site-*")):
            shutil.rmtree(stale, ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
        configs = make_site(work, n)
        marker.write_text(str(n))
    add_pagefind_variant(configs)
    return configs


def run(n: int, options: argparse.Namespace) -> None:
    work = Path(options.work / str(n)) if options.work else Path(tempfile.mkdtemp(prefix="pmlint-site-bench-"))
    names = [name for name in VARIANTS if name in (options.only or VARIANTS)]
    try:
        configs = prepare(work, n)
        sites = {name: work / f"site-{name}" for name in names}
        print(f"site benchmark: {n} incidents, best of {options.repeat}, {os.cpu_count()} CPUs")
        if not options.no_build:
            best = {name: min(measure(configs[name]).seconds for _ in range(max(1, options.repeat)))
                    for name in names}
            for name in names:
                ratio = f"  {best[name] / best['plain']:.2f}x plain (target 1.2x)" if "plain" in best else ""
                print(f"  build {name:9} {best[name]:8.2f} s{ratio}")
        generated = sites.get("plugin") or sites.get("pagefind")
        if generated:
            weights = page_weights(generated)
            heaviest = max(weights, key=lambda key: weights[key])
            print(f"  heaviest generated page: {heaviest} {weights[heaviest] / 1024:.0f} KB (target 300 KB); "
                  f"archive {weights['index.html'] / 1024:.0f} KB, action items "
                  f"{weights['action-items/index.html'] / 1024:.0f} KB")
            for name in ("pmlint-archive.json", "pmlint-actions.json"):
                data = (generated / "incidents" / name).read_bytes()
                print(f"  {name}: {len(data) / 1024:.0f} KB, {len(gzip.compress(data)) / 1024:.0f} KB gzip")
        if "plugin" in sites:
            index = (sites["plugin"] / "search" / "search_index.json").read_bytes()
            print(f"  material search index: {len(index) / 1e6:.1f} MB, "
                  f"{len(gzip.compress(index)) / 1e6:.2f} MB gzip")
        if "pagefind" in sites:
            bundle = sites["pagefind"] / "pagefind"
            parts = [bundle, *sorted(p.parent for p in bundle.glob("*/pagefind-entry.json"))]
            print(f"  pagefind bundle: {folder_bytes(bundle) / 1e6:.1f} MB in {len(parts)} parts "
                  f"(index {sum(folder_bytes(p / 'index') for p in parts) / 1e6:.1f} MB, fragments "
                  f"{sum(folder_bytes(p / 'fragment') for p in parts) / 1e6:.1f} MB)")
            theme = sites["pagefind"] / "search" / "search_index.json"
            if theme.is_file():
                print(f"  theme search index beside it: {theme.stat().st_size / 1e6:.2f} MB")
        browser_part(sites, options.query or list(QUERIES), max(1, options.searches))
    finally:
        if not options.work:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="generated incidents (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per variant (best time counts)")
    parser.add_argument("--searches", type=int, default=3,
                        help="first searches per query, and rounds of sorts and filters (range printed)")
    parser.add_argument("--query", action="append", help=f"search for this (repeatable; default {QUERIES})")
    parser.add_argument("--only", action="append", choices=VARIANTS,
                        help="build and measure only this variant (repeatable; default all)")
    parser.add_argument("--work", type=Path, help="keep the generated sites under this folder and reuse them")
    parser.add_argument("--no-build", action="store_true", help="with --work: measure the sites built before")
    args = parser.parse_args()
    if args.no_build and not args.work:
        parser.error("--no-build needs --work")
    for n in args.n or [1000]:
        run(n, args)


if __name__ == "__main__":
    main()
