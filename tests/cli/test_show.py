"""``pmlint show``: what pmlint read, in the documented, schema-checked JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from pmlint.cli.main import main

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "pmlint" / "schema" / "show.schema.json").read_text(encoding="utf-8"))
EXAMPLES = sorted((ROOT / "docs" / "incidents").glob("*.md"))

POST_MORTEM = """\
---
title: Checkout outage
date: 2026-03-10
severity: SEV-2
---
# Checkout outage

## Timeline
- 2026-03-10 09:15 UTC — Alert fires
- 09:20 — Rollback starts

## Five Whys
1. **Why did checkout fail?** The pool was exhausted.

## Action Items
| ID | Action | Owner | Due | Status |
|----|--------|-------|-----|--------|
| AI-001 | Page at 80% pool use | @dana.kim | 2026-04-01 | Done |
| AI-002 | Cap retries | | | |
"""


def _show(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["show", *args])
    return result.exit_code, result.output


def test_json_matches_the_schema_for_every_bundled_example() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    code, output = _show("--format", "json", *map(str, EXAMPLES))
    assert code == 0
    readings = json.loads(output)
    jsonschema.Draft7Validator(SCHEMA).validate(readings)
    assert [Path(r["path"]).name for r in readings] == [p.name for p in EXAMPLES]
    assert all(r["timeline"] and r["actions"] and r["sections"] for r in readings)


def test_json_says_what_was_read_and_null_where_absent(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(POST_MORTEM, encoding="utf-8")
    code, output = _show("--format", "json", str(path))
    assert code == 0
    [read] = json.loads(output)
    jsonschema.Draft7Validator(SCHEMA).validate([read])
    assert read["front_matter"] == {"title": "Checkout outage", "date": "2026-03-10", "severity": "SEV-2"}
    assert [(s["key"], s["heading"], s["line"]) for s in read["sections"]] == [
        ("timeline", "Timeline", 8), ("five_whys", "Five Whys", 12), ("action_items", "Action Items", 15)]
    first = read["timeline"][0]
    assert (first["line"], first["time"], first["text"]) == (9, "09:15", "Alert fires")
    assert read["whys"] == [{"line": 13, "question": "Why did checkout fail?", "answer": "The pool was exhausted."}]
    done, open_item = read["actions"]
    assert (done["id"], done["owner"], done["due"], done["done"]) == ("AI-001", "@dana.kim", "2026-04-01", True)
    assert (open_item["id"], open_item["owner"], open_item["due"], open_item["done"]) == ("AI-002", None, None, False)


def test_text_lists_each_part_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(POST_MORTEM, encoding="utf-8")
    code, output = _show(str(path))
    assert code == 0
    assert "timeline: 2 entries" in output
    assert "   18  [done] AI-001  Page at 80% pool use" in output
    assert "owner: -  due: -" in output


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    code, output = _show(str(tmp_path / "nope.md"))
    assert code == 2
    assert output.count("\n") == 1 and "nope.md" in output
