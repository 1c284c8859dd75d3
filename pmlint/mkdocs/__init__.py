"""The pmlint MkDocs plugin: an incident archive with insights, published from post-mortems.

``plugins: [search, pmlint]`` in ``mkdocs.yml``; options in :mod:`pmlint.mkdocs.config`.
The plugin is a thin adapter: parsing, linting and metrics come from the core modules.
"""
