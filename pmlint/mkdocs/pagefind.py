"""``search: pagefind``: a chunked static search index of the post-mortems.

MkDocs' search (and Material's) sends the whole index to the browser and builds it
there: 8.2 MB at 2,000 incidents, 1.8-2.5 s to a first result. Pagefind splits its index
into small compressed chunks, so a query fetches a few of them (see benchmarks/site_bench.py
for the numbers). Incident pages are marked ``data-pagefind-body`` (only they are indexed);
after the build the ``pagefind`` binary, shipped by the ``pagefind`` Python package,
writes ``<site>/pagefind/``, and the archive page gets Pagefind's search box.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.pmlint")

BODY_OPEN = '<div data-pagefind-body>'
BODY_CLOSE = "</div>"
OUTPUT = "pagefind"


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


def index_site(site_dir: Path) -> None:
    """Run Pagefind over the built site; a failure fails the build with Pagefind's message."""
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", OUTPUT, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, check=False)
    except OSError as exc:
        raise PluginError(f"pmlint: cannot run pagefind: {exc}") from None
    if result.returncode != 0:
        message = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
        raise PluginError(f"pmlint: pagefind failed: {message[-1] if message else result.returncode}")
    log.info(f"pmlint: indexed the post-mortems with Pagefind into {OUTPUT}/")
