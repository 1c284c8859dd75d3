"""Print pip constraints pinning pmlint's direct dependencies to their declared lower bounds.

``pip install -c <(python .ci/lowest_versions.py) -e '.[dev]'`` then installs the
oldest versions pyproject.toml claims to support (runtime and ``mkdocs`` extra), so the
test suite proves the lower bounds. Read from pyproject.toml: the bounds have one home.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from packaging.requirements import Requirement

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def lowest(requirement: Requirement) -> str | None:
    """``name==X`` for a ``>=X`` bound that applies to this interpreter, else None."""
    if requirement.marker is not None and not requirement.marker.evaluate():
        return None
    for spec in requirement.specifier:
        if spec.operator == ">=":
            return f"{requirement.name}=={spec.version}"
    return None


def constraints(project: dict[str, object]) -> list[str]:
    declared = list(project["dependencies"])  # type: ignore[call-overload]
    declared += project["optional-dependencies"]["mkdocs"]  # type: ignore[index]
    pins = (lowest(Requirement(re.sub(r"\s*#.*", "", text))) for text in declared)
    return sorted({pin for pin in pins if pin})


if __name__ == "__main__":
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    print("\n".join(constraints(data["project"])))
