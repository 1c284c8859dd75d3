"""How much of the real corpus pmlint reads as a person does.

``python tests/corpus_measure.py`` prints the table docs/corpus-review.md
quotes; ``tests/test_corpus.py`` holds pmlint to it. An entry or item counts as
read when pmlint reports one on the line a person marked (each marked line is
matched at most once); what pmlint reads on other lines is spurious.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pmlint.document.model import Document
from pmlint.document.parse import parse_path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
EXPECTATIONS_FILE = Path(__file__).parent / "corpus_expectations.json"


def expectations() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(EXPECTATIONS_FILE.read_text(encoding="utf-8"))["files"]
    return data


@dataclass
class Tally:
    """Seen by a person, read by pmlint, and read on a line a person marked."""

    expected: int = 0
    read: int = 0
    matched: int = 0

    def add(self, expected_lines: list[int], read_lines: list[int]) -> int:
        matched = sum((Counter(expected_lines) & Counter(read_lines)).values())
        self.expected += len(expected_lines)
        self.read += len(read_lines)
        self.matched += matched
        return matched

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def spurious(self) -> float:
        return (self.read - self.matched) / self.read if self.read else 0.0


@dataclass
class Measure:
    timeline: Tally
    timed: Tally
    actions: Tally
    whys: Tally
    sections_exact: int
    files: int
    misses: dict[str, list[str]]


def measure(documents: dict[str, Document] | None = None) -> Measure:
    expected_files = expectations()
    if documents is None:
        documents = {path: parse_path(CORPUS / path) for path in expected_files}
    timeline, timed, actions, whys = Tally(), Tally(), Tally(), Tally()
    sections_exact = 0
    misses: dict[str, list[str]] = {}
    for path, doc in documents.items():
        want = expected_files[path]
        entries: list[list[object]] = want["timeline"]  # type: ignore[assignment]
        problems = []
        if timeline.add([int(e[0]) for e in entries], [e.span.line for e in doc.timeline]) != len(entries) \
                or len(doc.timeline) != len(entries):
            problems.append(f"timeline {len(doc.timeline)}/{len(entries)}")
        timed.add([int(e[0]) for e in entries if e[1]], [e.span.line for e in doc.timeline if e.time])
        expected_actions: list[int] = want["actions"]  # type: ignore[assignment]
        if actions.add(expected_actions, [a.span.line for a in doc.actions]) != len(expected_actions) \
                or len(doc.actions) != len(expected_actions):
            problems.append(f"actions {len(doc.actions)}/{len(expected_actions)}")
        wanted_whys = int(want["whys"])  # type: ignore[call-overload]
        whys.expected += wanted_whys
        whys.read += len(doc.whys)
        whys.matched += min(wanted_whys, len(doc.whys))
        if [s.key for s in doc.sections if s.key] == want["sections"]:
            sections_exact += 1
        else:
            problems.append("sections")
        if problems:
            misses[path] = problems
    return Measure(timeline, timed, actions, whys, sections_exact, len(documents), misses)


def table(result: Measure) -> str:
    rows = [("timeline entries", result.timeline), ("entries with a time", result.timed),
            ("action items", result.actions), ("Five Whys steps", result.whys)]
    lines = ["| what a person sees | seen | read | read on the right line | spurious |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {t.expected} | {t.read} | {t.matched} ({t.recall:.0%}) | {t.spurious:.0%} |"
              for name, t in rows]
    lines.append(f"| files whose sections match | {result.files} | | {result.sections_exact} "
                 f"({result.sections_exact / result.files:.0%}) | |")
    return "\n".join(lines)


if __name__ == "__main__":
    outcome = measure()
    print(table(outcome))
    if "-v" in sys.argv:
        for path, problems in sorted(outcome.misses.items()):
            print(f"{path}: {', '.join(problems)}")
