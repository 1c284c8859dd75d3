"""``search: pagefind``: a chunked static search index of the post-mortems.

MkDocs' search (and Material's) sends the whole index to the browser and builds it
there: 8.2 MB at 2,000 incidents, 1.8-2.5 s to a first result. Pagefind splits its index
into small compressed chunks, so a query fetches a few of them (see benchmarks/site_bench.py
for the numbers). Incident pages are marked ``data-pagefind-body`` (only they are indexed);
after the build the ``pagefind`` binary, shipped by the ``pagefind`` Python package,
writes ``<site>/pagefind/``, and pmlint.js gives the archive page a search box.

The theme's own search index (``search/search_index.json``, written by the ``search``
plugin listed before pmlint) keeps the rest of the site and loses the post-mortems:
Material fetches that file on every page, and at 10,000 incidents it held 42 MB of them.

The index is written in parts of ``PART_SIZE`` pages, which the browser searches
together (Pagefind's ``mergeIndex``): Pagefind 1.5 scores a word's matches in time that
grows with the square of the pages the word is on, so a word on half of 10,000 pages took
0.9-1.9 s to rank in one index and 0.1-0.4 s in five parts of 2,000 (on a busy two-CPU
machine). Parts of 1,000 halve that again for one more index file fetched per part and query
(a few KB each, fetched while the word is typed).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.pmlint")

BODY_OPEN = '<div data-pagefind-body>'
BODY_CLOSE = "</div>"
OUTPUT = "pagefind"
#: pages per part of the index (see the module's docstring)
PART_SIZE = 1000
#: the list of the other parts' folders, relative to OUTPUT, that pmlint.js merges
PARTS_FILE = "pmlint-parts.json"


def searchable(content: str) -> str:
    """An incident page's HTML, marked as what Pagefind indexes."""
    return f"{BODY_OPEN}\n{content}\n{BODY_CLOSE}"


def executable() -> Path:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        raise PluginError(
            "pmlint: search: pagefind needs the pagefind package (pip install 'pagefind[bin]')"
        ) from None
    return Path(get_executable())


def part_folders(count: int) -> list[str]:
    """Where each part goes, relative to the site: the first in OUTPUT, the rest under it."""
    return [OUTPUT] + [f"{OUTPUT}/{number}" for number in range(2, count + 1)]


def index_site(site_dir: Path, pages: Sequence[str]) -> None:
    """Run Pagefind over ``pages`` (paths of built pages relative to ``site_dir``, newest
    first) in parts; a failure fails the build with Pagefind's message."""
    parts = [pages[start : start + PART_SIZE] for start in range(0, len(pages), PART_SIZE)] or [[]]
    folders = part_folders(len(parts))
    binary = executable()
    with tempfile.TemporaryDirectory(prefix="pmlint-pagefind-") as work, \
            ThreadPoolExecutor(max_workers=max(1, min(len(parts), os.cpu_count() or 1))) as pool:
        runs = [
            pool.submit(_run, binary, Path(work) / str(number), site_dir, part, folder)
            for number, (part, folder) in enumerate(zip(parts, folders, strict=True))
        ]
        for run in runs:
            run.result()
    others = [folder.removeprefix(f"{OUTPUT}/") + "/" for folder in folders[1:]]
    (site_dir / OUTPUT / PARTS_FILE).write_text(json.dumps(others), encoding="utf-8")
    log.info(f"pmlint: indexed {len(pages)} post-mortems with Pagefind into {OUTPUT}/ ({len(parts)} parts)")
    _leave_theme_index(site_dir, pages)


THEME_INDEX = Path("search") / "search_index.json"


def _leave_theme_index(site_dir: Path, pages: Sequence[str]) -> None:
    """Drop ``pages`` from the theme's search index (MkDocs' and Material's format: a list
    of ``docs`` whose ``location`` is a page URL with an optional ``#anchor``)."""
    path = site_dir / THEME_INDEX
    if not pages or not path.is_file():
        return
    urls = {_page_url(page) for page in pages}
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning(f"pmlint: left {THEME_INDEX} as it is: cannot read it ({exc})")
        return
    docs = index.get("docs") if isinstance(index, dict) else None
    if not isinstance(docs, list):
        return
    index["docs"] = [doc for doc in docs
                     if not (isinstance(doc, dict) and str(doc.get("location", "")).split("#")[0] in urls)]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _page_url(page: str) -> str:
    """The URL MkDocs gives a built page: ``a/b/index.html`` is ``a/b/``."""
    path = page.replace(os.sep, "/")
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def _run(binary: Path, work: Path, site_dir: Path, pages: Sequence[str], folder: str) -> None:
    """One Pagefind run. Its options go in a pagefind.json in its working folder: a part's
    list of pages can be longer than a command line may be."""
    work.mkdir()
    # An empty part (no post-mortems) still writes a bundle, so the search box finds nothing
    # rather than failing to load.
    glob = "{" + ",".join(_glob_literal(page) for page in pages) + "}" if pages else "pmlint-no-page"
    options = {"site": str(site_dir.resolve()), "glob": glob, "output_subdir": folder}
    (work / "pagefind.json").write_text(json.dumps(options), encoding="utf-8")
    try:
        result = subprocess.run([str(binary), "--silent"], capture_output=True, check=False, cwd=work)
    except OSError as exc:
        raise PluginError(f"pmlint: cannot run pagefind: {exc}") from None
    if result.returncode != 0:
        message = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
        raise PluginError(f"pmlint: pagefind failed: {message[-1] if message else result.returncode}")


_GLOB_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\*?[]{},"})


def _glob_literal(path: str) -> str:
    """A page path as a glob that matches only itself (file names may hold ``{`` or ``*``)."""
    return path.replace(os.sep, "/").translate(_GLOB_SPECIAL)
