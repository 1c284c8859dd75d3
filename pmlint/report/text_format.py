"""Text output a person enjoys: location, code, message, the source line
with a caret under the span, the suggestion, and a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pmlint.document.source import printable
from pmlint.lint.engine import FileResult, Finding

_STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2", "green": "32"}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\033[{codes}m{text}\033[0m"


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False,
           strict: bool = False, quiet: bool = False) -> str:
    paint = _Paint(colors)
    out: list[str] = []
    for result in results:
        if result.error:
            out.append(f"{paint(printable(result.path), 'bold')}:{result.error_line}:1: "
                       f"{paint('error', 'red', 'bold')}: {printable(result.error)}")
        for finding in result.findings:
            out.extend(_finding(finding, result, paint))
    if statistics:
        out.extend(_statistics(results))
    if not quiet:  # -q: the findings and nothing else
        out.append(_summary(results, paint))
    return "".join(line + "\n" for line in out)


def _finding(f: Finding, result: FileResult, paint: _Paint) -> list[str]:
    colour = "red" if f.severity == "error" else "yellow"
    # Every text from the checked files is printed escaped (see printable): no forged lines, no terminal codes.
    head = (f"{paint(printable(f.path), 'bold')}:{f.span.line}:{f.span.column}: "
            f"{paint(f.code, colour, 'bold')} {paint('[' + f.name + ']', 'dim')} {printable(f.message)}")
    lines = [head]
    line = result.source_line(f.span.line)
    if line is not None:
        # only the first 160 characters are shown: escaping all of a 1 MB line per finding was quadratic
        text, start, width = _marked(line[:161].replace("\t", " "), f)
        if len(text) > 160:
            text = text[:157] + "..."
        gutter = f"{f.span.line:>5} | "
        lines.append(paint(gutter, "dim") + text)
        start = min(start, len(text) + 1)
        width = max(1, min(start + width, len(text) + 1) - start)
        lines.append(paint(" " * 5 + " | ", "dim") + " " * (start - 1) + paint("^" * width, colour))
    if f.suggestion:
        lines.append(f"      {paint('= help:', 'cyan')} {printable(f.suggestion)}")
    return lines


def _marked(line: str, f: Finding) -> tuple[str, int, int]:
    """The escaped source line, and the column and width of the caret under the span in it
    (an escaped control character is wider than the character)."""
    start = min(max(f.span.column, 1), len(line) + 1)
    end = f.span.end_column if f.span.end_line == f.span.line else len(line) + 1
    end = max(start, min(end, len(line) + 1))
    before, marked = printable(line[:start - 1]), printable(line[start - 1:end - 1])
    return before + marked + printable(line[end - 1:]), len(before) + 1, len(marked)


def _statistics(results: Sequence[FileResult]) -> list[str]:
    counts = Counter((f.code, f.name) for r in results for f in r.findings)
    lines = ["", "Statistics:"]
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"{count:>6}  {code}  {name}")
    return lines


def _summary(results: Sequence[FileResult], paint: _Paint) -> str:
    errors = sum(1 for r in results for f in r.findings if f.severity == "error")
    warnings = sum(1 for r in results for f in r.findings if f.severity == "warning")
    unreadable = sum(1 for r in results if r.error)
    files = len(results)
    with_findings = sum(1 for r in results if r.findings or r.error)
    if not errors and not warnings and not unreadable:
        return paint(f"All checks passed ({files} file{'s' if files != 1 else ''} checked).", "green")
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    if unreadable:
        parts.append(f"{unreadable} unreadable file{'s' if unreadable != 1 else ''}")
    return paint(f"Found {', '.join(parts)} in {with_findings} of {files} file{'s' if files != 1 else ''}.", "bold")
