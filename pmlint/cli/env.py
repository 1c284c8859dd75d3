"""An injectable environment (streams, variables, TTY, today) so tests need
no monkeypatching: the CLI reads everything outside-world from here."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TextIO


class ExitStatus(IntEnum):
    SUCCESS = 0
    FINDINGS = 1
    ERROR = 2


@dataclass(eq=False, repr=False)  # never compared or printed
class Environment:
    """``out``/``err`` default to whatever sys.stdout/sys.stderr are at the
    time of writing, so click's CliRunner captures them."""

    out: TextIO | None = None
    err: TextIO | None = None
    variables: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    stdout_isatty: bool | None = None
    today: dt.date | None = None

    @property
    def stdout(self) -> TextIO:
        return self.out or sys.stdout

    @property
    def stderr(self) -> TextIO:
        return self.err or sys.stderr

    @property
    def colors(self) -> bool:
        if "NO_COLOR" in self.variables:
            return False
        if self.variables.get("FORCE_COLOR"):
            return True
        if self.stdout_isatty is not None:
            return self.stdout_isatty
        isatty = getattr(self.stdout, "isatty", None)
        return bool(isatty and isatty())

    @property
    def under_github_actions(self) -> bool:
        return self.variables.get("GITHUB_ACTIONS") == "true"

    def current_date(self) -> dt.date:
        return self.today or dt.date.today()
