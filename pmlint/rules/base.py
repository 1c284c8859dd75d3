"""What a rule is: metadata, options and a pure ``check(doc, options)``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pmlint.document.edits import Edit
from pmlint.document.source import Span

if TYPE_CHECKING:  # the model is needed to run rules, not to configure or list them
    from pmlint.document.model import Document

Severity = Literal["error", "warning"]
AREAS = {
    "PM0": "front matter",
    "PM1": "structure",
    "PM2": "timeline",
    "PM3": "root cause",
    "PM4": "action items",
    "PM5": "language",
    "PM9": "suppressions",
}


@dataclass(frozen=True)
class Fix:
    """One fix: the edits that apply it."""

    description: str
    edits: tuple[Edit, ...]


# Violation, Rule and NoOptions are read, never compared or printed: no generated
# __eq__/__repr__/__hash__ to exec at start-up (Edit and Fix end up in findings, which are compared).
@dataclass(frozen=True, eq=False, repr=False)
class Violation:
    """What a rule's ``check`` yields; the linter stamps code and severity."""

    span: Span
    message: str
    suggestion: str | None = None
    fix: Fix | None = None


@dataclass(frozen=True, eq=False, repr=False)
class NoOptions:
    """A rule without options (its module says ``Options = NoOptions``)."""


CheckFunction = Callable[["Document", Any], Iterator[Violation]]


@dataclass(frozen=True, eq=False, repr=False)
class Rule:
    """A rule: its metadata, its ``Options`` class and its ``check``."""

    code: str
    name: str
    summary: str
    check: CheckFunction
    options: type = NoOptions
    severity: Severity = "error"
    doc: str = ""
    fixable: bool = False

    @property
    def area(self) -> str:
        return AREAS.get(self.code[:3], "other")

    def section(self, title: str) -> str:
        """One ``## Title`` part of the rule's documentation ('' if absent)."""
        match = re.search(
            rf"^## {re.escape(title)}\s*\n(.*?)(?=^## |\Z)", self.doc, re.M | re.S
        )
        return match.group(1).strip() if match else ""

    @property
    def description(self) -> str:
        return self.section("What it does") or self.summary
