"""``check --baseline FILE``: accept the findings a legacy repo already has.

A baseline records, per file, how many findings of each code carry each
fingerprint — a hash of the offending source text (whitespace-normalised),
never the line number, so edits elsewhere in a file do not resurrect old
findings. A finding is hidden only while the count for its (file, code,
fingerprint) is not used up, so a new finding — even a duplicate of an old
one — is always reported.

Paths are stored relative to the baseline file's folder, so the baseline
works from any working directory. The file is JSON, sorted and stable.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pmlint.document.source import SourceError, SourceFile, Span
from pmlint.lint.engine import FileResult, Finding
from pmlint.workspace.files import atomic_write, read_regular

VERSION = 1
Key = tuple[str, str]  # (code, fingerprint)


class BaselineError(Exception):
    """An unreadable or malformed baseline; the message names the file."""


def offending_text(source: SourceFile, span: Span) -> str:
    """The source text under ``span``, whitespace-normalised (the whole line for an empty span)."""
    start = source.offset(span.line, span.column)
    end = source.offset(span.end_line, span.end_column)
    text = source.text[start:end] if end > start else source.line(span.line)
    return " ".join(text.split())


def fingerprint(code: str, text: str) -> str:
    return hashlib.sha256(f"{code}\0{text}".encode()).hexdigest()[:16]


def source_of(result: FileResult) -> SourceFile | None:
    """The text the findings point into: the parsed document's, else the file re-read
    (cached and parallel results carry no document)."""
    if result.document is not None:
        return result.document.source
    try:
        return SourceFile.read(result.path)
    except SourceError:
        return None


def finding_key(finding: Finding, source: SourceFile | None) -> Key:
    text = offending_text(source, finding.span) if source is not None else finding.message
    return finding.code, fingerprint(finding.code, text)


@dataclass(frozen=True)
class Entry:
    code: str
    fingerprint: str
    count: int
    message: str = ""


@dataclass(frozen=True)
class Baseline:
    path: Path
    files: Mapping[str, Mapping[Key, Entry]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent

    def key_for(self, display_path: str) -> str:
        """The baseline's name for a checked file: relative to the baseline's folder."""
        resolved = Path(display_path).resolve()
        try:
            return resolved.relative_to(self.folder).as_posix()
        except ValueError:
            return resolved.as_posix()

    def filter(self, result: FileResult) -> FileResult:
        """``result`` without the findings the baseline accepts."""
        entries = self.files.get(self.key_for(result.path))
        if not entries or not result.findings:
            return result
        source = source_of(result)
        budget = Counter({key: entry.count for key, entry in entries.items()})
        kept: list[Finding] = []
        for finding in result.findings:
            key = finding_key(finding, source)
            if budget[key] > 0:
                budget[key] -= 1
            else:
                kept.append(finding)
        return replace(result, findings=tuple(kept))

    def hidden(self, results: Sequence[FileResult]) -> int:
        return sum(len(r.findings) - len(self.filter(r).findings) for r in results)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline; a missing or malformed file raises :class:`BaselineError`."""
    try:
        data = json.loads(read_regular(path).decode("utf-8"))  # a named pipe would hang a plain read
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from None
    return Baseline(path, _parse(data, path))


def _parse(data: Any, path: Path) -> dict[str, dict[Key, Entry]]:
    def bad(why: str) -> BaselineError:
        return BaselineError(f"{path}: not a pmlint baseline: {why}")

    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise bad("expected an object with a 'files' object")
    if data.get("version") != VERSION:
        raise bad(f"unsupported version {data.get('version')!r} (expected {VERSION})")
    files: dict[str, dict[Key, Entry]] = {}
    for name, items in data["files"].items():
        if not isinstance(items, list):
            raise bad(f"'files.{name}' must be a list")
        entries: dict[Key, Entry] = {}
        for item in items:
            entry = _entry(item)
            if entry is None:
                raise bad(f"malformed entry in 'files.{name}': {json.dumps(item)[:80]}")
            entries[(entry.code, entry.fingerprint)] = entry
        files[name] = entries
    return files


def _entry(item: Any) -> Entry | None:
    if not isinstance(item, dict):
        return None
    code, print_, count = item.get("code"), item.get("fingerprint"), item.get("count", 1)
    if not isinstance(code, str) or not isinstance(print_, str):
        return None
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return None
    message = item.get("message", "")
    return Entry(code, print_, count, message if isinstance(message, str) else "")


def build_baseline(path: Path, results: Iterable[FileResult], previous: Baseline | None = None) -> Baseline:
    """A baseline of ``results``; entries of files not checked now are kept while the file exists."""
    baseline = Baseline(path)
    files: dict[str, Mapping[Key, Entry]] = {}
    checked: set[str] = set()
    for result in results:
        name = baseline.key_for(result.path)
        checked.add(name)
        entries = _entries(result)
        if entries:
            files[name] = entries
    if previous is not None:
        for name, old in previous.files.items():
            if name not in checked and (baseline.folder / name).exists():
                files[name] = old
    return Baseline(path, files)


def _entries(result: FileResult) -> dict[Key, Entry]:
    source = source_of(result) if result.findings else None
    counts: Counter[Key] = Counter()
    messages: dict[Key, str] = {}
    for finding in result.findings:
        key = finding_key(finding, source)
        counts[key] += 1
        messages[key] = min(messages.get(key, finding.message), finding.message)
    return {key: Entry(key[0], key[1], count, messages[key]) for key, count in counts.items()}


def dump_baseline(baseline: Baseline) -> str:
    files = {
        name: [
            {"code": e.code, "fingerprint": e.fingerprint, "count": e.count, "message": e.message}
            for e in sorted(entries.values(), key=lambda e: (e.code, e.fingerprint))
        ]
        for name, entries in sorted(baseline.files.items())
    }
    payload = {"version": VERSION, "tool": "pmlint", "files": files}
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_baseline(baseline: Baseline) -> None:
    baseline.path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(baseline.path, dump_baseline(baseline).encode("utf-8"))
