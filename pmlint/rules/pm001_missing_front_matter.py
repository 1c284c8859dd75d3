"""The post-mortem starts with a YAML front matter block.

## What it does
Reports a file that has no `---` YAML block at the top. When pmlint could
read a bold metadata header instead (`**Date:** 2026-03-10`,
`**Severity:** SEV-2` …), the finding says the metadata came from that
header and `--fix` converts it: the recognised header lines are removed and
an equivalent front matter block is written at the top of the file (the
title comes from the `# H1` when the header has none, authors and services
become YAML lists, the status is lower-cased, a duration such as
`4 hours 23 minutes` becomes `4h23m`). Header lines pmlint does not map to a
front-matter key, such as `**Impact:**`, stay where they are.

## Why is this bad?
Front matter is the part of a post-mortem that machines read: the archive
index, the insight pages, the TODO sync and every severity- or date-aware
rule. Bold header lines are easy to misspell and hard to parse reliably, so
metadata that lives only there is metadata the tooling may get wrong.

## Example
```markdown
# Post-Mortem: Payment outage
**Date:** 2026-03-10
**Severity:** SEV-2
**Authors:** @dana, @lee
**Status:** Draft
```

Use instead:
```markdown
---
title: "Payment outage"
date: 2026-03-10
severity: SEV-2
status: draft
authors: ["@dana", "@lee"]
---
# Post-Mortem: Payment outage
```

## Options
- `known_fields` (shared setting): the front-matter keys a header line may
  be converted into. Default: the keys listed in the document contract.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from pmlint.document.edits import Edit, apply_edits
from pmlint.document.fields import DATE_FIELDS, KNOWN_FIELDS, LIST_FIELDS
from pmlint.document.model import Document, Field, parse_iso_date
from pmlint.document.source import SourceFile, Span
from pmlint.document.times import format_minutes, read_duration
from pmlint.rules.base import Fix, Rule, Violation


class Options(NamedTuple):
    """See ``## Options`` in the module docstring."""

    known_fields: tuple[str, ...] = KNOWN_FIELDS


def _line_one(doc: Document) -> Span:
    return Span(1, 1, 1, len(doc.source.line(1)) + 1)


def _plain_or_quoted(text: str, in_list: bool = False) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back unchanged."""
    import yaml  # only when a header is converted: a plain check never loads it here

    probe = f"k: [{text}]" if in_list else f"k: {text}"
    try:
        loaded = yaml.safe_load(probe)
    except Exception:  # YAML errors, and "2026-02-30" / "!!bool x" that constructors cannot build
        loaded = None
    expected: object = [text] if in_list else text
    if text and text == text.strip() and loaded == {"k": expected}:
        return text
    return json.dumps(text, ensure_ascii=False)


def _yaml_value(key: str, value: object) -> str:
    if key in LIST_FIELDS:
        items = value if isinstance(value, list) else [value]
        return "[" + ", ".join(_plain_or_quoted(str(item), in_list=True) for item in items) + "]"
    text = str(value).strip()
    if key in DATE_FIELDS and parse_iso_date(text):
        return text
    if key == "status":
        text = text.lower()
    if key == "duration":
        minutes = read_duration(text)
        text = format_minutes(minutes) if minutes else text
    return _plain_or_quoted(text)


def _converted(doc: Document, known: tuple[str, ...]) -> tuple[list[Field], list[str]]:
    """The header fields to convert and the YAML lines they become (in contract order)."""
    fields = [f for f in doc.front_matter.fields if f.key in known]
    by_key = {f.key: f for f in fields}
    lines = []
    if "title" not in by_key and doc.title and "title" in known:
        lines.append(f"title: {_yaml_value('title', doc.title)}")
    order = {key: index for index, key in enumerate(known)}
    for item in sorted(fields, key=lambda f: order[f.key]):
        lines.append(f"{item.key}: {_yaml_value(item.key, item.value)}")
    return fields, lines


def _line_runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive line numbers grouped into (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _deletion(source: SourceFile, first: int, last: int) -> Edit:
    """Remove lines ``first``..``last`` with their line ends, nothing else."""
    start = source.offset(first, 1)
    if last < len(source.lines):
        return Edit(start, source.offset(last + 1, 1), "")
    # the last line has no "\n" of its own: take the one before it instead
    return Edit(max(start - 1, 0), len(source.text), "")


def _header_fix(doc: Document, known: tuple[str, ...]) -> Fix | None:
    source = doc.source
    fields, yaml_lines = _converted(doc, known)
    block = "---\n" + "".join(line + "\n" for line in yaml_lines) + "---\n"
    edits = [_deletion(source, first, last) for first, last in _line_runs([f.key_span.line for f in fields])]
    if edits and edits[0].start == 0:
        edits[0] = Edit(0, edits[0].end, block)
    else:
        edits.insert(0, Edit(0, 0, block))
    fixed = apply_edits(source.text, edits)
    from pmlint.document.frontmatter import read_front_matter

    check, _ = read_front_matter(SourceFile.from_text(source.path, fixed))
    if check.kind != "yaml" or check.error:
        return None  # never offer a fix that would break the file
    return Fix("convert the bold metadata header into YAML front matter", tuple(edits))


def check(doc: Document, options: Options) -> Iterator[Violation]:
    front_matter = doc.front_matter
    if front_matter.kind in ("yaml", "toml"):  # TOML front matter (+++) is front matter too
        return
    if front_matter.kind == "none":
        yield Violation(
            span=_line_one(doc),
            message="no YAML front matter: the file does not start with a '---' block",
            suggestion="start the file with '---', then title, date, severity, status and authors, "
            "then '---'",
        )
        return
    keys = ", ".join(f.key for f in front_matter.fields)
    yield Violation(
        span=_line_one(doc),
        message=f"no YAML front matter: metadata ({keys}) was read from the bold header "
        f"on line {front_matter.span.line}",
        suggestion="run 'pmlint check --fix' to turn the header into a front matter block",
        fix=_header_fix(doc, options.known_fields),
    )


RULE = Rule(
    code="PM001",
    name="missing-front-matter",
    summary="The file has no YAML front matter block.",
    check=check,
    options=Options,
    doc=__doc__ or "",
    fixable=True,
)
