"""``--format markdown``: a summary for a person, e.g. GitHub's job summary.

A headline with the totals, then findings counted per rule (linked to the
rule's documentation) and per file (linked to the file at the checked commit
when ``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY`` and ``GITHUB_SHA`` are set,
as they are in every GitHub Actions job). Table cells escape ``|`` and markup.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

from pmlint.lint.engine import FileResult
from pmlint.report import rule_url
from pmlint.workspace.discovery import repository_root

_MARKUP = re.compile(r"([\\`*_{}\[\]<>|#!~])")


def _cell(text: str) -> str:
    """Text safe inside a table cell: markup escaped, no line breaks or control characters."""
    flat = "".join(char if char.isprintable() else " " for char in text)
    return _MARKUP.sub(r"\\\1", flat)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def file_link_base(variables: Mapping[str, str]) -> str | None:
    """``https://github.com/OWNER/REPO/blob/SHA/`` in a GitHub Actions job, else None."""
    server, repository, sha = (variables.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repository and sha):
        return None
    return f"{server}/{repository}/blob/{sha}/"


def _file_cell(path: str, base: str | None, root: Path) -> str:
    shown = f"`{path.replace('`', '')}`"
    if base is None:
        return shown
    try:
        relative = Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return shown
    return f"[{shown}]({base}{quote(relative, safe='/')})"


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False,
           strict: bool = False, quiet: bool = False) -> str:
    errors = sum(1 for r in results for f in r.findings if f.severity == "error")
    warnings = sum(1 for r in results for f in r.findings if f.severity != "error")
    unreadable = [r for r in results if r.error]
    lines = ["## pmlint", ""]
    if not (errors or warnings or unreadable):
        lines.append(f"All checks passed ({_plural(len(results), 'file')} checked).")
        return "\n".join(lines) + "\n"
    touched = sum(1 for r in results if r.findings or r.error)
    headline = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    if unreadable:
        headline += f", {_plural(len(unreadable), 'unreadable file')}"
    lines += [f"**{headline}** in {touched} of {_plural(len(results), 'file')}.", ""]
    base = file_link_base(os.environ)
    root = (repository_root(Path.cwd()) or Path.cwd()).resolve()
    lines += _per_rule(results) + _per_file(results, base, root)
    return "\n".join(lines) + "\n"


def _per_rule(results: Sequence[FileResult]) -> list[str]:
    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    lines = ["### By rule", "", "| Rule | Severity | Findings |", "|---|---|---:|"]
    for (code, name, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"| [{code}]({rule_url(code)}) `{name}` | {severity} | {count} |")
    return [*lines, ""]


def _per_file(results: Sequence[FileResult], base: str | None, root: Path) -> list[str]:
    lines = ["### By file", "", "| File | Errors | Warnings |", "|---|---:|---:|"]
    for result in sorted(results, key=lambda r: (-len(r.findings) - bool(r.error), r.path)):
        if result.error:
            lines.append(f"| {_file_cell(result.path, base, root)} | unreadable: {_cell(result.error)} | |")
        elif result.findings:
            errors = sum(1 for f in result.findings if f.severity == "error")
            lines.append(f"| {_file_cell(result.path, base, root)} | {errors} | {len(result.findings) - errors} |")
    return [*lines, ""]
