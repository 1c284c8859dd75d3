"""The archive site end to end: build time, page weights, search bytes and first-search latency.

    python benchmarks/site_bench.py --n 1000 [--n 10000] [--repeat 1]

For each N (generated incidents, ``generate.py``), in one command:

* build time of plain MkDocs + Material with the incidents out of the nav, against the
  pmlint plugin and the plugin with ``search: pagefind`` (the builds of ``archive_bench.py``,
  best of ``--repeat``); the issue's target is 1.2x plain;
* the heaviest generated page (target under 300 KB) and the data files pmlint.js fetches;
* search: Material's index (raw and gzip) against Pagefind's bundle, and in headless
  Chromium (Debian's /usr/bin/chromium, network throttled to 20 Mbit/s and 20 ms) the time
  from the last keystroke of a query to the first result, with the bytes each search
  fetched. The local server does not compress, so Material's index is sent raw (the gzip
  size is printed next to it); Pagefind's files are compressed on disk.

Ratios and sizes are printed; nothing is asserted. Needs playwright and chromium for the
search part (skipped with a note when either is missing).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from archive_bench import PLUGIN, make_site, measure  # noqa: E402

CHROMIUM = Path(os.environ.get("PMLINT_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LINK = {"offline": False, "latency": 20, "downloadThroughput": 20e6 / 8, "uploadThroughput": 5e6 / 8}
QUERY = "priya"
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


def first_search(browser: object, base: str, box: str, result: str) -> tuple[float, int]:
    """Seconds from the last keystroke to the first visible result, and bytes fetched."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(120_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINK)
    fetched: list[int] = []
    page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"]))
    page.goto(base + "incidents/", wait_until="load")
    before = sum(fetched)
    page.locator(box).first.click()
    page.locator(box).first.press_sequentially(QUERY, delay=30)
    start = time.perf_counter()
    page.locator(result).first.wait_for(state="visible")
    seconds = time.perf_counter() - start
    page.wait_for_timeout(300)
    context.close()
    return seconds, sum(fetched) - before


INTERACTIONS = {
    "sort by duration": "document.querySelectorAll('[data-pmlint-view] > .pmlint-scroll th button')[4].click()",
    "filter SEV-1": "(s => { s.value = 'SEV-1'; s.dispatchEvent(new Event('change', {bubbles: true})); })"
                    "(document.querySelector('select[data-filter=severity]'))",
    "text filter": "(i => { i.value = 'payments'; i.dispatchEvent(new Event('change', {bubbles: true})); })"
                   "(document.querySelector('input[data-filter=q]'))",
}


def interactions(browser: object, base: str) -> dict[str, float]:
    """Milliseconds from a sort or filter event to the second animation frame after it: pmlint.js
    sorting or filtering every row, redrawing a page of them, and the browser's layout."""
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(120_000)
    page.goto(base + "incidents/", wait_until="load")
    page.wait_for_selector("[data-pmlint-view][data-pmlint-shown]", state="attached")
    found = {}
    for name, script in INTERACTIONS.items():
        found[name] = page.evaluate(
            f"() => new Promise(done => {{ const t = performance.now(); {script}; "
            "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))); })"
        )
    page.close()
    return found


def search_latency(sites: dict[str, Path]) -> dict[str, tuple[float, int]] | str:
    if not CHROMIUM.exists():
        return f"skipped: {CHROMIUM} is not installed"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped: playwright is not installed"
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            with serve(sites["plugin"]) as base:
                for name, ms in interactions(browser, base).items():
                    print(f"  archive {name}: {ms:.0f} ms (target 100 ms)")
                found["material search"] = first_search(browser, base, ".md-search__input",
                                                        ".md-search-result__item")
            with serve(sites["pagefind"]) as base:
                found["pagefind"] = first_search(browser, base, ".pmlint-pagefind input", ".pagefind-ui__result")
        finally:
            browser.close()
    return found


def run(n: int, repeat: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="pmlint-site-bench-"))
    try:
        configs = make_site(work, n)
        add_pagefind_variant(configs)
        names = ("plain", "plugin", "pagefind")
        best = {name: min(measure(configs[name]).seconds for _ in range(max(1, repeat))) for name in names}
        sites = {name: work / f"site-{name}" for name in names}
        print(f"site benchmark: {n} incidents, best of {repeat}, {os.cpu_count()} CPUs")
        for name in names:
            print(f"  build {name:9} {best[name]:8.2f} s  {best[name] / best['plain']:.2f}x plain (target 1.2x)")
        weights = page_weights(sites["plugin"])
        heaviest = max(weights, key=lambda key: weights[key])
        print(f"  heaviest generated page: {heaviest} {weights[heaviest] / 1024:.0f} KB (target 300 KB); "
              f"archive {weights['index.html'] / 1024:.0f} KB, action items "
              f"{weights['action-items/index.html'] / 1024:.0f} KB")
        for name in ("pmlint-archive.json", "pmlint-actions.json"):
            data = (sites["plugin"] / "incidents" / name).read_bytes()
            print(f"  {name}: {len(data) / 1024:.0f} KB, {len(gzip.compress(data)) / 1024:.0f} KB gzip")
        index = (sites["plugin"] / "search" / "search_index.json").read_bytes()
        print(f"  material search index: {len(index) / 1e6:.1f} MB, {len(gzip.compress(index)) / 1e6:.2f} MB gzip")
        bundle = sites["pagefind"] / "pagefind"
        print(f"  pagefind bundle: {folder_bytes(bundle) / 1e6:.1f} MB "
              f"(index {folder_bytes(bundle / 'index') / 1e6:.1f} MB, fragments "
              f"{folder_bytes(bundle / 'fragment') / 1e6:.1f} MB)")
        latency = search_latency(sites)
        if isinstance(latency, str):
            print(f"  first search: {latency}")
        else:
            for name, (seconds, fetched) in latency.items():
                print(f"  first search '{QUERY}' at 20 Mbit/s, {name:15}: {seconds:6.2f} s, "
                      f"{fetched / 1024:.0f} KB fetched (target 1 s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="generated incidents (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per variant (best time counts)")
    args = parser.parse_args()
    for n in args.n or [1000]:
        run(n, args.repeat)


if __name__ == "__main__":
    main()
