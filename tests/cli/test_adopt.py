"""``pmlint adopt``: front matter inferred from the document and git, every value marked for review."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pmlint.cli.main import main
from pmlint.document.parse import parse_text
from pmlint.lint.infer import MARK, front_matter_block, infer

POST_MORTEM = """\
# Checkout outage after the pool change

This SEV-2 incident stopped checkout for 40 minutes.

Affected services: checkout-api, orders-db

## Timeline
- 09:15 Alert fires
"""


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "dana@example.com")
    _git(tmp_path, "config", "user.name", "Dana Kim")
    (tmp_path / "2025-06-17-checkout.md").write_text(POST_MORTEM, encoding="utf-8")
    (tmp_path / "adopted.md").write_text("---\ntitle: Kept\n---\n# Kept\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "archive")
    return tmp_path


def test_adopt_adds_marked_front_matter_and_keeps_the_text(archive: Path) -> None:
    path = archive / "2025-06-17-checkout.md"
    result = CliRunner().invoke(main, ["adopt", str(archive)])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.endswith(POST_MORTEM)  # nothing of the document is lost
    block = text[: len(text) - len(POST_MORTEM)]
    assert all(line.endswith(MARK) for line in block.splitlines()[1:-1])
    fields = yaml.safe_load(block.strip().strip("-"))
    assert fields["title"] == "Checkout outage after the pool change"
    assert str(fields["date"]) == "2025-06-17"
    assert fields["severity"] == "SEV-2"
    assert fields["status"] == "final"
    assert fields["authors"] == ["Dana Kim"]
    assert fields["services"] == ["checkout-api", "orders-db"]
    assert (archive / "adopted.md").read_text(encoding="utf-8") == "---\ntitle: Kept\n---\n# Kept\n"
    assert parse_text(text).front_matter.kind == "yaml"


def test_diff_writes_nothing(archive: Path) -> None:
    path = archive / "2025-06-17-checkout.md"
    result = CliRunner().invoke(main, ["adopt", "--diff", str(path)])
    assert result.exit_code == 0
    assert f"+title: \"Checkout outage after the pool change\"  {MARK}" in result.output
    assert path.read_text(encoding="utf-8") == POST_MORTEM


def test_only_what_the_text_states_is_inferred() -> None:
    doc = parse_text("# Outage\n\nThe site was down on March 3, 2024 for an hour.\n")
    fields = {f.key: f.value for f in infer(doc, "outage.md", [])}
    assert fields == {"title": "Outage", "date": dt.date(2024, 3, 3), "status": "final"}
    assert front_matter_block(infer(doc, "outage.md", [])).startswith('---\ntitle: "Outage"  # inferred: review\n')


def test_the_date_comes_from_the_first_dated_timeline_entry_when_the_name_has_none() -> None:
    doc = parse_text("# Outage\n\nSeen on March 9, 2024.\n\n## Timeline\n- 2024-03-03 09:15 UTC Alert fires\n")
    fields = {f.key: (f.value, f.source) for f in infer(doc, "outage.md", [])}
    assert fields["date"] == (dt.date(2024, 3, 3), "the first timeline date")
