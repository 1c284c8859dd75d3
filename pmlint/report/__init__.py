"""Formatters: each turns file results into text for one output format.

Formatters are imported lazily by name so a plain ``check`` never loads SARIF.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Protocol

from pmlint.lint.engine import FileResult

FORMATS = ("text", "json", "sarif", "github", "junit")


class Formatter(Protocol):
    def __call__(self, results: Sequence[FileResult], *, colors: bool = False,
                 statistics: bool = False) -> str: ...


def get_formatter(name: str) -> Formatter:
    module = import_module(f"pmlint.report.{name}_format")
    formatter: Formatter = module.render
    return formatter
