"""``PmlintPlugin``: publish ``docs/<incidents>/`` as an archive.

* ``on_config``: read options; add the packaged CSS/JS to ``extra_css``/``extra_javascript``.
* ``on_files``: start parsing and linting every post-mortem (:mod:`pmlint.mkdocs.analysis`,
  in worker processes when it pays), add the generated pages and assets as virtual files
  (``File.generated``, no temp folders) and keep incident pages out of the navigation
  (the archive index links them).
* ``on_env`` (every page's Markdown is rendered by then, so the analysis ran alongside):
  the generated pages' HTML, and header, findings and related incidents on each incident
  page; ``strict``. The pages of action items beyond each state's first 100 are added
  here, as their number is known only once the post-mortems are read. Bulky parts (tables,
  charts, the rich header) stand in as placeholders that ``on_post_page`` fills, after
  Material's search has indexed the light page.

Each build starts from scratch in ``on_files``, so ``mkdocs serve`` reloads pick up
edits to post-mortems; ``on_serve`` also watches the pmlint configuration file.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from pmlint.document.frontmatter import read_front_matter
from pmlint.document.source import SourceError, SourceFile
from pmlint.insights import front_matter_list
from pmlint.lint.config import Config, ConfigError, load_config
from pmlint.mkdocs.analysis import Analysed, Analysis, Source, worker_count
from pmlint.mkdocs.archive import (
    Archive,
    Incident,
    Links,
    PageUris,
    Plan,
    Service,
    actions_by_state,
    build_archive,
    plan_action_pages,
    plan_pages,
)
from pmlint.mkdocs.config import PmlintConfig
from pmlint.mkdocs.datasets import actions_data, archive_data
from pmlint.mkdocs.feed import render_feed
from pmlint.mkdocs.html import fill_deferred, front_matter, split_deferred
from pmlint.mkdocs.page_actions import action_page_title, render_action_page, render_actions
from pmlint.mkdocs.page_archive import render_archive
from pmlint.mkdocs.page_incident import decorate
from pmlint.mkdocs.page_insights import render_insights
from pmlint.mkdocs.page_services import render_service, render_services_index
from pmlint.mkdocs.pagefind import OUTPUT as PAGEFIND_DIR
from pmlint.mkdocs.pagefind import index_site, searchable
from pmlint.mkdocs.rawhtml import EscapeRawHtml
from pmlint.workspace.discovery import select

log = logging.getLogger("mkdocs.plugins.pmlint")

ASSETS = ("pmlint.css", "pmlint.js")
ASSET_DIR = "assets/pmlint"
ESCAPED_META = ("title", "description", "subtitle")
_SERVICES_LINE = re.compile(rb"^services:[ \t]*(.*?)[ \t\r]*$", re.M)
_PLAIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9._/-]*$")
_YAML_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


class PmlintPlugin(BasePlugin[PmlintConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.today: dt.date = dt.date.today()
        self.lint_config_path: Path | None = None
        self.analysis: Analysis | None = None
        self.plan: Plan | None = None
        self.titles: dict[str, str] = {}
        self.service_pages: dict[str, str] = {}  # src_uri -> service name
        self.action_pages: dict[str, tuple[str, int]] = {}  # src_uri -> (state, page number)
        self.data_files: dict[str, File] = {}  # src_uri -> the JSON file pmlint.js reads
        self.deferred: dict[str, list[str]] = {}
        self.searchable_pages: list[str] = []  # site paths of the pages Pagefind indexes, newest first
        self._url_table: dict[str, str] | None = None
        self._archive: Archive | None = None
        self._memo: dict[tuple[str, bytes], Analysed] = {}  # kept across builds (mkdocs serve)
        self._memo_key = ""
        self._incident_uris: frozenset[str] = frozenset()
        self._rendering_incident = False

    # ------------------------------------------------------------------ events

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.today = _today(cast("str | dt.date | None", self.config.today))
        for name in ASSETS:
            url = f"{ASSET_DIR}/{name}"
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if url not in [str(item) for item in target]:
                target.append(url)
        if self.config.raw_html == "escape":
            config.markdown_extensions.append(EscapeRawHtml(lambda: self._rendering_incident))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self._reset()
        if not self.config.enabled:
            return files
        lint_config = self._lint_config(config)
        folder = self.config.incidents.strip("/")
        prefix = folder if self.config.prefix is None else self.config.prefix.strip("/")
        real_paths = _drop_outside_links(files, config, folder)
        found = _incidents(files, str(config.docs_dir), folder, lint_config)
        self._incident_uris = frozenset(file.src_uri for file in found)
        root = os.path.realpath(lint_config.root)
        displays = (_display_path(real_paths.get(f.src_uri), root, f, config) for f in found)
        sources = [s for s in (self._source(f, display) for f, display in zip(found, displays)) if s]
        lint = bool(self.config.lint or self.config.strict)
        memo_key = f"{lint_config.fingerprint}:{lint}:{lint_config.root}"
        if memo_key != self._memo_key:
            self._memo_key, self._memo = memo_key, {}
        workers = worker_count(self.config.jobs, len(sources), serving=self.command == "serve")
        self.analysis = Analysis(sources, lint_config, lint, workers, self._memo)
        taken = files.get_file_from_path
        self.plan = plan = plan_pages(PageUris(prefix), frozenset(self.config.pages),
                                      _services(sources), lambda uri: taken(uri) is not None, len(sources),
                                      feed=bool(config.site_url))
        for uri in sorted(plan.skipped):
            log.warning(f"pmlint: {uri} exists in docs_dir, so the plugin does not generate that page")
        for source in sources:
            _hide_from_nav(taken(source.src_uri))
        self._add_pages(files, config, plan)
        self._add_assets(files, config)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        # Read by EscapeRawHtml when MkDocs renders this page, right after this event.
        self._rendering_incident = page.file.src_uri in self._incident_uris
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        parts = self.deferred.pop(page.file.src_uri, None)
        return output if parts is None else fill_deferred(output, parts)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.analysis is None:
            return env
        archive = self.archive(lambda uri: files.get_file_from_path(uri) is not None)
        self._add_action_pages(files, config, archive)
        urls = self._urls(files)
        for uri in self.titles:
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and file.generated_by is not None:
                html_text = self._render(uri, archive, Links(urls, uri))
                file.page.content, self.deferred[uri] = split_deferred(html_text)
        self._fill_data_files(archive, urls, files, config)
        for incident in archive.incidents:
            file = files.get_file_from_path(incident.src_uri)
            page = file.page if file is not None else None
            if page is None or page.content is None:
                continue
            links = Links(urls, incident.src_uri)
            page.content, self.deferred[incident.src_uri] = decorate(
                page.content, incident, archive, links, self.config.lint
            )
            if self.config.search == "pagefind" and file is not None:
                page.content = searchable(page.content)
                self.searchable_pages.append(file.dest_uri)
            _escape_meta(page, incident)
        return env

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer | None:
        if self.lint_config_path is not None:
            server.watch(str(self.lint_config_path))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.search == "pagefind":
            index_site(Path(config.site_dir), self.searchable_pages)
        self._reset()  # under mkdocs serve the plugin lives on: keep nothing between builds

    def on_build_error(self, *, error: Exception) -> None:
        self._reset()

    # ------------------------------------------------------------------ the archive

    def archive(self, taken: Callable[[str], bool]) -> Archive:
        """The analysed archive, built once per build (waits for the workers); ``taken``: whether
        the site has a page of its own at a ``src_uri``."""
        if self._archive is None:
            assert self.analysis is not None and self.plan is not None
            incidents = []
            for item in self.analysis.results():
                if item.facts is None:
                    log.warning(f"pmlint: skipping {item.error}")
                else:
                    incidents.append(Incident(item.src_uri, item.facts, item.findings))
            self._check_strict(incidents)
            _log_summary(incidents)
            actions = actions_by_state(incidents, self.today)
            self.plan = plan_action_pages(self.plan, {state: len(items) for state, items in actions.items()}, taken)
            self._archive = build_archive(incidents, self.today, self.plan, actions)
        return self._archive

    def _reset(self) -> None:
        if self.analysis is not None:
            self.analysis.close()
        self.analysis, self.plan, self._archive, self.titles = None, None, None, {}
        self.service_pages, self.deferred, self._url_table = {}, {}, None
        self.action_pages = {}
        self.data_files, self.searchable_pages = {}, []
        self._incident_uris, self._rendering_incident = frozenset(), False

    def _urls(self, files: Files) -> dict[str, str]:
        """src_uri -> url of every file, computed once per build (after on_files)."""
        if self._url_table is None:
            self._url_table = {file.src_uri: file.url for file in files}
        return self._url_table

    def _fill_data_files(self, archive: Archive, urls: dict[str, str], files: Files,
                         config: MkDocsConfig) -> None:
        """The JSON pmlint.js filters and pages, and the feed (copied with the static files,
        after on_env)."""
        pages = archive.pages
        for uri, file in self.data_files.items():
            links = Links(urls, uri)
            if uri == pages.feed:
                found = (files.get_file_from_path(i.src_uri) for i in archive.incidents)
                sources = {f.src_uri: Path(f.abs_src_path) for f in found if f is not None and f.abs_src_path}
                file.content_bytes = render_feed(archive, str(config.site_url), urls, sources,
                                                 f"{config.site_name}: post-mortems")
            elif uri == pages.archive_data:
                file.content_bytes = archive_data(archive, links, archive.incidents)
            else:
                file.content_bytes = actions_data(archive, self.config.tracker_url)

    def _render(self, uri: str, archive: Archive, links: Links) -> str:
        pages = archive.pages
        search = links.to_url(f"{PAGEFIND_DIR}/") if self.config.search == "pagefind" else None
        if uri == pages.archive:
            return render_archive(archive, links, search=search)
        if pages.is_archive_page(uri):
            return render_archive(archive, links, int(posixpath.basename(uri)[:-3]), search=search)
        if uri == pages.actions:
            return render_actions(archive, links, self.config.tracker_url)
        if pages.is_action_page(uri):
            state, number = self.action_pages[uri]
            return render_action_page(archive, links, state, number, self.config.tracker_url)
        if uri == pages.insights:
            return render_insights(archive, links)
        if uri == pages.services:
            return render_services_index(archive, links)
        name = self.service_pages[uri]
        # None when planned from front matter that the full parse read differently
        service = archive.by_service.get(name) or Service(name, posixpath.basename(uri)[:-3], ())
        return render_service(service, archive, links)

    # ------------------------------------------------------------------ helpers

    def _lint_config(self, config: MkDocsConfig) -> Config:
        explicit = None
        if self.config.config_file:
            explicit = Path(config.config_file_path).parent / self.config.config_file
        try:
            lint_config = load_config(Path(config.docs_dir) / self.config.incidents, explicit)
        except ConfigError as exc:
            raise PluginError(f"pmlint: {exc}") from None
        self.lint_config_path = lint_config.path
        return lint_config

    def _source(self, file: File, display: str) -> Source | None:
        try:
            return Source(file.src_uri, display, file.content_bytes)
        except OSError as exc:
            log.warning(f"pmlint: skipping {display}: {exc}")
            return None

    def _check_strict(self, incidents: list[Incident]) -> None:
        if not self.config.strict:
            return
        errors = [f for incident in incidents for f in incident.findings if f.severity == "error"]
        if errors:
            shown = "\n".join(f"  {f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in errors[:50])
            more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
            raise PluginError(
                f"pmlint: {len(errors)} lint error(s) in post-mortems (strict: true):\n{shown}{more}"
            )

    def _add_pages(self, files: Files, config: MkDocsConfig, plan: Plan) -> None:
        """Virtual files holding only front matter; ``on_env`` gives them their HTML."""
        pages = plan.pages
        titles = {pages.archive: ("Incident archive", 2.0), pages.actions: ("Action items", 1.5),
                  pages.insights: ("Insights", 1.5), pages.services: ("Services", None)}
        titles.update({pages.service(slug): (f"Service: {name}", None) for name, slug in plan.slugs.items()})
        titles.update({pages.archive_page(n): (f"Incident archive, page {n}", None)
                       for n in range(2, plan.archive_pages + 1)})
        self.service_pages = {pages.service(slug): name for name, slug in plan.slugs.items()}
        for uri in sorted(plan.generated):
            if uri in (pages.archive_data, pages.actions_data, pages.feed):
                self.data_files[uri] = file = File.generated(config, uri, content=b"")
                files.append(file)
                continue
            title, boost = titles[uri]
            listing = pages.is_archive_page(uri)  # rows the incident pages already say: not for search
            file = File.generated(config, uri, content=front_matter(title, boost=boost, exclude_search=listing))
            if pages.is_service_page(uri) or listing:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # there can be hundreds, like incidents
            files.append(file)
            self.titles[uri] = title

    def _add_action_pages(self, files: Files, config: MkDocsConfig, archive: Archive) -> None:
        """The pages of each state's action items beyond the first: how many is known only
        now, after the post-mortems are read, so they are added here (MkDocs builds every
        page in ``files`` after this event) with their page read as the others are."""
        pages = archive.pages
        for state, count in archive.action_pages.items():
            for number in range(2, count + 1):
                uri = pages.action_page(state, number)
                if not archive.has_page(uri):
                    continue
                title = action_page_title(state, number)
                file = File.generated(config, uri, content=front_matter(title, exclude_search=True))
                file.inclusion = InclusionLevel.NOT_IN_NAV
                files.append(file)
                Page(None, file, config).read_source(config)
                self.titles[uri] = title
                self.action_pages[uri] = (state, number)

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        package = resources.files("pmlint.mkdocs") / "assets"
        for name in ASSETS:
            uri = f"{ASSET_DIR}/{name}"
            if files.get_file_from_path(uri) is None:  # a site's own copy wins
                files.append(File.generated(config, uri, content=(package / name).read_bytes()))


def _today(value: str | dt.date | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise PluginError(f"pmlint: 'today' must be a YYYY-MM-DD date, not {value!r}") from None


def _incidents(files: Files, docs_dir: str, folder: str, lint_config: Config) -> list[File]:
    """The post-mortems under the incidents folder: what ``pmlint check`` of that folder lints
    (the project's ``exclude``/``extend-exclude``, ``.gitignore``, Markdown names only),
    less MkDocs' drafts and generated files."""
    start = os.path.abspath(os.path.join(docs_dir, folder))
    pages = {}
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path and file.inclusion.value > InclusionLevel.DRAFT.value:
            pages[os.path.abspath(file.abs_src_path)] = file
    return [pages[path] for path in select(pages, start, lint_config.exclusions())]


def _services(sources: Sequence[Source]) -> set[str]:
    """Service names, to plan the service pages before the analysis has run: a plain
    ``services: [a, b]`` line is read directly, anything else through the YAML reader."""
    names: set[str] = set()
    for source in sources:
        quick = _inline_services(source.data)
        if quick is None:
            try:
                fm, _ = read_front_matter(SourceFile.from_bytes(source.display, source.data))
            except SourceError:
                continue
            quick = list(front_matter_list(fm.get("services")))
        names.update(quick)
    return names


def _inline_services(data: bytes) -> list[str] | None:
    """``services: [a, b]`` (or ``a, b``) of a YAML front-matter block; None when YAML must decide."""
    if not data.startswith(b"---\n") and not data.startswith(b"---\r\n"):
        return None
    end = data.find(b"\n---", 3)
    match = _SERVICES_LINE.search(data, 0, end if end > 0 else len(data))
    if match is None:
        return []
    value = match.group(1).decode("utf-8", "replace")
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    items = [item.strip() for item in value.split(",")]
    if not all(_PLAIN_NAME.match(item) and item.lower() not in _YAML_WORDS for item in items):
        return None
    return items


def _drop_outside_links(files: Files, config: MkDocsConfig, folder: str) -> dict[str, str]:
    """A symlink in the incidents folder to a file outside ``docs_dir`` is not published:
    MkDocs would copy, render and index whatever it points at (``/etc/passwd`` included).
    Returns the real path of each file kept in the folder."""
    docs = os.path.join(os.path.realpath(config.docs_dir), "")
    prefix = folder + "/" if folder else ""
    folders: dict[str, str] = {}
    real_paths = {}
    for file in list(files):
        if file.generated_by is not None or file.abs_src_path is None or not file.src_uri.startswith(prefix):
            continue
        real = _real_path(file.abs_src_path, folders)
        if real.startswith(docs):
            real_paths[file.src_uri] = real
        else:
            log.warning(f"pmlint: not publishing {file.src_uri}: it links to a file outside docs_dir")
            files.remove(file)
    return real_paths


def _real_path(path: str, folders: dict[str, str]) -> str:
    """``os.path.realpath(path)``, with each folder resolved once for all its files: resolving
    every path on its own was a third of ``on_files`` (a system call per path component)."""
    folder, name = os.path.split(path)
    if folder not in folders:
        folders[folder] = os.path.realpath(folder)
    return os.path.realpath(path) if os.path.islink(path) else os.path.join(folders[folder], name)


def _hide_from_nav(file: File | None) -> None:
    if file is not None and file.inclusion.value > InclusionLevel.NOT_IN_NAV.value:
        file.inclusion = InclusionLevel.NOT_IN_NAV


def _display_path(real: str | None, root: str, file: File, config: MkDocsConfig) -> str:
    """The file's path relative to the pmlint configuration's root (``root``, real), as
    ``pmlint check`` names it; else ``docs/<src_uri>``."""
    prefix = os.path.join(root, "")
    if real is not None and real.startswith(prefix):
        return real[len(prefix) :].replace(os.sep, "/")
    return posixpath.join(Path(config.docs_dir).name, file.src_uri)


def _escape_meta(page: Page, incident: Incident) -> None:
    """Themes print page.meta title/description unescaped: escape front-matter text once."""
    for key in ESCAPED_META:
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = html.escape(value, quote=True)
    tags = page.meta.get("tags")
    base = [str(t) for t in tags] if isinstance(tags, list) else []
    extra = [incident.facts.severity, *incident.facts.services]
    # Material's search boosts tags and renders them as HTML in its results.
    page.meta["tags"] = [html.escape(tag, quote=True) for tag in dict.fromkeys([*base, *extra])]


def _log_summary(incidents: list[Incident]) -> None:
    count = sum(len(i.findings) for i in incidents)
    if count:
        with_findings = sum(1 for i in incidents if i.findings)
        log.info(f"pmlint: {count} lint finding(s) in {with_findings} post-mortem(s), shown on their pages")
