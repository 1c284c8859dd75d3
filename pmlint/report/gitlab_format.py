"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

An array of issues with ``description``, ``check_name``, ``fingerprint``,
``severity`` and ``location.path``/``location.lines.begin``, as GitLab's
Code Quality widget reads them. Paths are relative to the repository root
(GitLab matches them against the merge request's diff). The fingerprint is the
baseline's line-independent hash of the offending text, so an issue keeps its
identity when lines move.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pmlint.lint.baseline import finding_key, source_of
from pmlint.lint.engine import FileResult
from pmlint.workspace.discovery import repository_root

#: GitLab's severities: info, minor, major, critical, blocker
SEVERITY = {"error": "major", "warning": "minor"}


def _relative(path: str, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return path


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\0".join(str(part) for part in parts).encode()).hexdigest()[:32]


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False,
           strict: bool = False, quiet: bool = False) -> str:
    root = (repository_root(Path.cwd()) or Path.cwd()).resolve()
    issues: list[dict[str, object]] = []
    for result in results:
        path = _relative(result.path, root)
        if result.error:
            issues.append({
                "description": f"unreadable file: {result.error}", "check_name": "PM000",
                "fingerprint": _fingerprint(path, "PM000"), "severity": "blocker",
                "location": {"path": path, "lines": {"begin": result.error_line}},
            })
        source = source_of(result) if result.findings else None
        seen: Counter[tuple[str, str]] = Counter()
        for f in result.findings:
            key = finding_key(f, source)
            seen[key] += 1
            issues.append({
                "description": f"[{f.name}] {f.message}" + (f" ({f.suggestion})" if f.suggestion else ""),
                "check_name": f.code,
                "fingerprint": _fingerprint(path, *key, seen[key]),
                "severity": SEVERITY[f.severity],
                "location": {"path": path, "lines": {"begin": f.span.line, "end": f.span.end_line}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
