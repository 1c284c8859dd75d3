"""The hand review of pmlint's findings on real post-mortems (tests/corpus_review.json,
summarised in docs/corpus-review.md): consistent, wide enough, and every false positive
that was fixed at its root stays fixed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pmlint.lint.config import config_from_mapping
from pmlint.lint.engine import lint_path
from tests.corpus_measure import CORPUS

REVIEW = json.loads((Path(__file__).parent / "corpus_review.json").read_text(encoding="utf-8"))
ROWS = REVIEW["findings"]
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


def test_the_review_covers_30_files_from_10_organisations() -> None:
    files = set(REVIEW["files"])
    assert len(files) >= 30
    assert len({name.split("/")[0] for name in files}) >= 10
    assert {row["file"] for row in ROWS} <= files


def test_every_verdict_is_recorded_and_every_false_positive_has_a_class() -> None:
    assert {row["verdict"] for row in ROWS} <= {"right", "false-positive"}
    assert all(row.get("class") for row in ROWS if row["verdict"] == "false-positive")
    current = [row for row in ROWS if not row.get("only_before")]
    summary = REVIEW["summary"]["after"]
    assert len(current) == summary["findings"]
    assert sum(row["verdict"] == "false-positive" for row in current) == summary["false_positives"]
    assert Counter(row["class"] for row in current if "class" in row) == Counter(summary["classes"])


@needs_corpus
def test_false_positives_fixed_at_their_root_stay_fixed() -> None:
    config = config_from_mapping({})
    fixed = [row for row in ROWS if row.get("only_before")]
    assert fixed
    for name in sorted({row["file"] for row in fixed}):
        reported = {(f.code, f.span.line, f.message) for f in lint_path(CORPUS / name, config).findings}
        for row in fixed:
            if row["file"] == name:
                assert (row["rule"], row["line"], row["message"]) not in reported, row
