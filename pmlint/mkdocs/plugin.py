"""``PmlintPlugin``: publish ``docs/<incidents>/`` as an archive.

* ``on_config``: read options, add the packaged CSS/JS to ``extra_css``/``extra_javascript``.
* ``on_files``: parse and lint every post-mortem once, compute insights once, add the
  generated pages and assets as virtual files (``File.generated``, no temp folders),
  and keep incident pages out of the navigation (the archive index links them).
* ``on_page_markdown``: header, findings and related incidents on each incident page.

Each build starts from scratch in ``on_files``, so ``mkdocs serve`` reloads pick up
edits to post-mortems; ``on_serve`` also watches the pmlint configuration file.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import posixpath
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from pmlint.config import Config, ConfigError, load_config
from pmlint.insights import incident_facts
from pmlint.lint import Finding, lint_document
from pmlint.mkdocs.archive import Archive, Incident, Links, PageUris, build_archive
from pmlint.mkdocs.config import PmlintConfig
from pmlint.mkdocs.page_actions import render_actions
from pmlint.mkdocs.page_archive import render_archive
from pmlint.mkdocs.page_incident import decorate
from pmlint.mkdocs.page_insights import render_insights
from pmlint.mkdocs.page_services import render_service, render_services_index
from pmlint.parse import parse
from pmlint.source import SourceError, SourceFile

log = logging.getLogger("mkdocs.plugins.pmlint")

ASSETS = ("pmlint.css", "pmlint.js")
ASSET_DIR = "assets/pmlint"
NOT_INCIDENTS = frozenset({"index.md", "readme.md"})
ESCAPED_META = ("title", "description", "subtitle")


class PmlintPlugin(BasePlugin[PmlintConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.archive: Archive | None = None
        self.today: dt.date = dt.date.today()
        self.lint_config_path: Path | None = None

    # ------------------------------------------------------------------ events

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.today = _today(cast("str | dt.date | None", self.config.today))
        for name in ASSETS:
            url = f"{ASSET_DIR}/{name}"
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if url not in [str(item) for item in target]:
                target.append(url)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        lint_config = self._lint_config(config)
        folder = self.config.incidents.strip("/")
        prefix = folder if self.config.prefix is None else self.config.prefix.strip("/")
        incidents = [
            self._read(file, lint_config, config)
            for file in files.documentation_pages()
            if _is_incident(file, folder)
        ]
        found = [incident for incident in incidents if incident is not None]
        self._check_strict(found)
        self.archive = archive = build_archive(
            found, self.today, PageUris(prefix), frozenset(self.config.pages)
        )
        for incident in found:
            file = files.get_file_from_path(incident.src_uri)
            if file is not None and file.inclusion.value > InclusionLevel.NOT_IN_NAV.value:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        self._add_pages(files, config, archive)
        self._add_assets(files, config)
        _log_summary(found)
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        archive = self.archive
        if archive is None or not self.config.enabled:
            return markdown
        incident = archive.by_uri.get(page.file.src_uri)
        if incident is None:
            return markdown
        _escape_meta(page, incident)
        links = Links(_urls(files), page.file.src_uri)
        return decorate(markdown, incident, archive, links, self.config.lint)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        if self.lint_config_path is not None:
            server.watch(str(self.lint_config_path))
        return server

    # ------------------------------------------------------------------ helpers

    def _lint_config(self, config: MkDocsConfig) -> Config:
        explicit = (
            Path(config.config_file_path).parent / self.config.config_file
            if self.config.config_file
            else None
        )
        try:
            lint_config = load_config(Path(config.docs_dir) / self.config.incidents, explicit)
        except ConfigError as exc:
            raise PluginError(f"pmlint: {exc}") from None
        self.lint_config_path = lint_config.path
        return lint_config

    def _read(self, file: File, lint_config: Config, config: MkDocsConfig) -> Incident | None:
        display = _display_path(file, config, lint_config)
        try:
            source = SourceFile.from_bytes(display, file.content_bytes)
        except (SourceError, OSError) as exc:
            log.warning(f"pmlint: skipping {display}: {getattr(exc, 'message', exc)}")
            return None
        doc = parse(source, lint_config.parse_settings)
        findings: tuple[Finding, ...] = ()
        if self.config.lint or self.config.strict:
            findings = tuple(lint_document(doc, lint_config, display))
        return Incident(file.src_uri, incident_facts(doc), findings)

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

    def _add_pages(self, files: Files, config: MkDocsConfig, archive: Archive) -> None:
        renderers: dict[str, Callable[[Links], str]] = {
            archive.pages.archive: lambda links: render_archive(archive, links),
            archive.pages.actions: lambda links: render_actions(archive, links),
            archive.pages.insights: lambda links: render_insights(archive, links),
            archive.pages.services: lambda links: render_services_index(archive, links),
        }
        for service in archive.services:
            renderers[archive.pages.service(service.slug)] = partial(render_service, service, archive)
        created: list[tuple[File, Callable[[Links], str]]] = []
        for uri in sorted(archive.generated):
            if files.get_file_from_path(uri) is not None:
                log.warning(f"pmlint: docs/{uri} exists, so the plugin does not generate that page")
                continue
            file = File.generated(config, uri, content="")
            files.append(file)
            created.append((file, renderers[uri]))
        urls = _urls(files)
        for file, render in created:
            file.content_string = render(Links(urls, file.src_uri))
            if _is_nav_exempt(file.src_uri, archive):
                file.inclusion = InclusionLevel.NOT_IN_NAV

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


def _is_incident(file: File, folder: str) -> bool:
    uri = file.src_uri
    if folder and not uri.startswith(folder + "/"):
        return False
    name = posixpath.basename(uri)
    return (
        file.generated_by is None
        and file.inclusion.value > InclusionLevel.DRAFT.value
        and name.lower() not in NOT_INCIDENTS
        and not name.startswith(("_", "."))
    )


def _is_nav_exempt(uri: str, archive: Archive) -> bool:
    """Per-service pages stay out of the nav like incidents: there can be hundreds."""
    return (
        uri.startswith(posixpath.dirname(archive.pages.service("x")) + "/") and uri != archive.pages.services
    )


def _urls(files: Files) -> dict[str, str]:
    return {file.src_uri: file.url for file in files}


def _display_path(file: File, config: MkDocsConfig, lint_config: Config) -> str:
    absolute = Path(file.abs_src_path or Path(config.docs_dir) / file.src_uri)
    try:
        return absolute.resolve().relative_to(lint_config.root).as_posix()
    except ValueError:
        return posixpath.join(Path(config.docs_dir).name, file.src_uri)


def _escape_meta(page: Page, incident: Incident) -> None:
    """Themes print page.meta title/description unescaped: escape front-matter text once."""
    for key in ESCAPED_META:
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = html.escape(value, quote=True)
    tags = page.meta.get("tags")
    extra = [incident.facts.severity, *incident.facts.services]
    base = [str(t) for t in tags] if isinstance(tags, list) else []
    page.meta["tags"] = list(dict.fromkeys([*base, *extra]))  # Material's search boosts tags


def _log_summary(incidents: list[Incident]) -> None:
    count = sum(len(i.findings) for i in incidents)
    if count:
        with_findings = sum(1 for i in incidents if i.findings)
        log.info(f"pmlint: {count} lint finding(s) in {with_findings} post-mortem(s), shown on their pages")
