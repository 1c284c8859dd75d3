"""The plugin's options (``plugins: [{pmlint: {...}}]`` in ``mkdocs.yml``)."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

#: Pages the plugin can generate; ``incident`` pages themselves are the authors' files.
PAGES = ("archive", "actions", "insights", "services")
#: What happens to raw HTML in a post-mortem's body: MkDocs' default, or shown as text.
RAW_HTML = ("keep", "escape")
#: Where readers search post-mortems: the theme's search only, or Pagefind's index as well.
SEARCH = ("theme", "pagefind")


class PmlintConfig(Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    #: Folder of post-mortems, relative to ``docs_dir``.
    incidents = c.Type(str, default="incidents")
    #: Which pages to generate.
    pages = c.ListOfItems(c.Choice(PAGES), default=list(PAGES))
    #: Folder (relative to ``docs_dir``) for the generated pages; default: the incidents folder.
    prefix = c.Optional(c.Type(str))
    #: Fail the build when a post-mortem has lint errors (warnings never fail it).
    strict = c.Type(bool, default=False)
    #: Show lint findings on incident pages.
    lint = c.Type(bool, default=True)
    #: The day that decides what is overdue (YYYY-MM-DD); default: the build date.
    today = c.Optional(c.Type((str, dt.date)))
    #: Worker processes for parsing and linting; default: one per spare CPU (none when serving).
    jobs = c.Optional(c.Type(int))
    #: A pmlint configuration file; default: found upwards from the incidents folder.
    config_file = c.Optional(c.Type(str))
    #: Link issue references in action items: ``https://tracker.example/browse/{id}``, where
    #: ``{id}`` is ``123`` for ``#123`` or ``OPS-7`` for ``OPS-7``; web addresses are always linked.
    tracker_url = c.Optional(c.Type(str))
    #: ``pagefind``: after the build, index the post-mortems with Pagefind (a chunked static
    #: index: a query downloads a small part of it) and add its search box to the archive page.
    search = c.Choice(SEARCH, default="theme")
    #: Raw HTML in incident bodies: ``keep`` (MkDocs renders it, scripts included) or ``escape``.
    raw_html = c.Choice(RAW_HTML, default="keep")
