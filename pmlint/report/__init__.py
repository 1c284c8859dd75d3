"""Formatters: each turns file results into text for one output format.

Formatters are imported lazily by name so a plain ``check`` never loads SARIF.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Protocol

from pmlint.lint.engine import FileResult

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab", "markdown")

PROJECT_URL = "https://github.com/pmlint/pmlint"


def rule_url(code: str) -> str:
    """Where a rule's documentation is published (JSON ``url``, SARIF ``helpUri``)."""
    return f"{PROJECT_URL}/blob/main/docs/rules/{code}.md"


class Formatter(Protocol):
    def __call__(self, results: Sequence[FileResult], *, colors: bool = False,
                 statistics: bool = False, strict: bool = False,
                 quiet: bool = False) -> str: ...


def get_formatter(name: str) -> Formatter:
    module = import_module(f"pmlint.report.{name}_format")
    formatter: Formatter = module.render
    return formatter
